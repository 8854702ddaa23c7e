#!/usr/bin/env node
// Entry point of the `cadans` CLI. The code lives in build/main/cli (compiled by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// A larger young generation: whole-recording analysis allocates many short-lived objects, and
// with V8's 1 MB default the collector runs hundreds of times (≈20 % of `cadans analyze`).
setFlagsFromString('--max-semi-space-size=32');

const entry = new URL('../build/main/cli/cliMain.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('cadans: not built yet — run `npm run build` in the Cadans folder first.\n');
  process.exit(2);
}
const { cliMain } = await import(entry.href);
process.exitCode = await cliMain(process.argv.slice(2));

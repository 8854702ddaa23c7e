#!/usr/bin/env node
// Entry point of the `cadans` CLI. The code lives in build/main/cli (compiled by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../build/main/cli/cliMain.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('cadans: not built yet — run `npm run build` in the Cadans folder first.\n');
  process.exit(2);
}
const { cliMain } = await import(entry.href);
process.exitCode = await cliMain(process.argv.slice(2));

// Build: tsc (project references) for the Node side, esbuild bundles for the preload
// and the renderer. Usage: node scripts/build.mjs
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.json'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

if (existsSync('scripts/bundle.mjs')) {
  const b = spawnSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

// `npm run dist [-- --linux|--win|--mac]`: desktop packages with electron-builder, WITHOUT touching
// the dev install. electron-builder rebuilds native modules (better-sqlite3-multiple-ciphers …) for Electron's ABI in
// the node_modules it packages; run on the repository that is the dev install itself, and a rebuild
// that cannot finish (offline) leaves every `cadans` command broken. So it packages a staging copy
// (dist/staging: package.json, the build and the production modules, copied) with the Electron
// binary of the dev install (`electronDist`), and the rebuild happens in the copy only.
//
// Packaging needs (checked first; nothing is copied, built or changed when one is missing):
//  - Node ≥ 22.12 (Electron 45's packaging tools: @electron/rebuild, @electron/get, node-abi);
//  - Electron's binary in node_modules/electron (not there after ELECTRON_SKIP_BINARY_DOWNLOAD=1);
//  - network access (electron-builder downloads its packaging tools and prebuilt native modules).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { electronBinary, electronDistDir } from './electronBinary.mjs';

const root = resolve('.');
const problems = [];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  problems.push(`Node ${process.versions.node} is too old: Electron 45's packaging tools need Node ≥ 22.12 (nvm install 22).`);
}
if (!electronBinary(root)) {
  problems.push(
    "Electron's binary is not installed (node_modules/electron/dist is missing, e.g. after ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci): " +
      'install it with `npx install-electron` inside node_modules/electron, or `npm ci` without ELECTRON_SKIP_BINARY_DOWNLOAD (both need the network).',
  );
}
if (problems.length > 0) {
  process.stderr.write(
    `cadans dist: cannot package here — nothing was built, copied or changed (node_modules is untouched):\n${problems.map((p) => `  - ${p}\n`).join('')}` +
      'Packaging also needs network access (electron-builder downloads its tools and prebuilt native modules).\n',
  );
  process.exit(1);
}

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(process.execPath, ['scripts/build.mjs']);

const staging = join(root, 'dist', 'staging');
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
for (const f of ['package.json', 'package-lock.json', 'electron-builder.yml']) cpSync(join(root, f), join(staging, f));
cpSync(join(root, 'build'), join(staging, 'build'), { recursive: true, filter: (src) => !src.startsWith(join(root, 'build', 'test')) });
// The production modules only (the lock file's non-dev entries), copied — symlinks resolved, so
// the rebuild below can never write through a link into the dev install.
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
for (const [path, entry] of Object.entries(lock.packages ?? {})) {
  if (!path.startsWith('node_modules/') || entry.dev || path.split('node_modules/').length > 2) continue;
  const src = join(root, path);
  if (existsSync(src)) cpSync(src, join(staging, path), { recursive: true, dereference: true });
}

const builder = join(root, 'node_modules', '.bin', 'electron-builder');
run(builder, ['--projectDir', staging, `-c.electronDist=${resolve(electronDistDir(root))}`, `-c.directories.output=${join(root, 'dist')}`, ...process.argv.slice(2)], {
  cwd: staging,
});
process.stdout.write(`Packages written to ${join(root, 'dist')} (the dev install was not changed).\n`);

// `npm run dist` where packaging cannot work (no Electron binary, as in CI): it fails at once with
// a clear message, builds and copies nothing, and leaves the dev install as it was — better-sqlite3
// still loads (a rebuild of it inside node_modules that cannot finish offline broke every `cadans` command).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../../support/paths.js';

const require = createRequire(import.meta.url);
const sqliteBinary = (): string => join(repoRoot, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');
const hashOf = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('npm run dist', () => {
  test('without the Electron binary: fails early, says why, touches nothing; the SQLite driver (better-sqlite3-multiple-ciphers) still loads', () => {
    const noElectron = mkdtempSync(join(tmpdir(), 'cadans-no-electron-'));
    const staging = join(repoRoot, 'dist', 'staging');
    const hadStaging = existsSync(staging);
    const before = hashOf(sqliteBinary());
    try {
      const r = spawnSync('npm', ['run', '--silent', 'dist', '--', '--linux'], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: noElectron },
        timeout: 60_000,
      });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /cadans dist: cannot package here — nothing was built, copied or changed \(node_modules is untouched\)/);
      assert.match(r.stderr, /Electron's binary is not installed/);
      assert.match(r.stderr, /network/);
      assert.equal(existsSync(staging), hadStaging, 'no staging copy was made');
    } finally {
      rmSync(noElectron, { recursive: true, force: true });
    }
    assert.equal(hashOf(sqliteBinary()), before, 'the SQLite driver was not rebuilt');
    const probe = spawnSync(process.execPath, ['-e', "const D=require('better-sqlite3-multiple-ciphers'); const db=new D(':memory:'); console.log(db.prepare('select 41+1 as v').get().v)"], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    assert.equal(probe.status, 0, probe.stderr);
    assert.equal(probe.stdout.trim(), '42');
    assert.ok(require.resolve('better-sqlite3-multiple-ciphers', { paths: [repoRoot] }));
  });

  test('the README states the Node version package.json declares, and packages with npm run dist', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    assert.equal(pkg.engines.node, '>=20.19');
    assert.match(readme, /Node ≥ 20\.19 for development and the tests/);
    assert.match(readme, /`npm run dist` and running the desktop app need\s+Node ≥ 22\.12/);
    assert.equal(pkg.scripts.dist, 'node scripts/dist.mjs');
    assert.match(readme, /npm run dist -- --linux/);
  });
});

// Runs the test suite with Node's test runner on the compiled tests in build/test.
// Usage: node scripts/test.mjs [unit|integration|e2e ...]  (default: all)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const kinds = process.argv.slice(2);
const roots = (kinds.length ? kinds : ['unit', 'integration', 'e2e']).map((k) => join('build/test', k));
const files = [];
const walk = (dir) => {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js')) files.push(p);
  }
};
roots.forEach(walk);
if (files.length === 0) {
  console.error('no test files found under ' + roots.join(', ') + ' — did the build run?');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, CADANS_TEST: '1' },
});
process.exit(r.status ?? 1);

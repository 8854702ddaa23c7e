// Runs the test suite with Node's test runner on the compiled tests in build/test.
// Usage: node scripts/test.mjs [unit|integration|e2e ...]  (default: all)
// Unit and integration tests run two files at a time; the browser end-to-end tests (Chromium
// driving a sped-up simulator) then run one file at a time, so that they do not compete with
// the rest for the CPU.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const kinds = process.argv.slice(2);
const wanted = kinds.length ? kinds : ['unit', 'integration', 'e2e'];

function filesUnder(dir) {
  const files = [];
  const walk = (d) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.test.js')) files.push(p);
    }
  };
  walk(dir);
  return files;
}

const phases = [
  { files: wanted.filter((k) => k !== 'e2e').flatMap((k) => filesUnder(join('build/test', k))), concurrency: 2 },
  { files: wanted.includes('e2e') ? filesUnder('build/test/e2e') : [], concurrency: 1 },
].filter((p) => p.files.length > 0);

if (phases.length === 0) {
  console.error('no test files found under build/test/' + wanted.join(', build/test/') + ' — did the build run?');
  process.exit(1);
}
let status = 0;
const tmp = mkdtempSync(join(tmpdir(), 'cadans-test-'));
const total = { pass: 0, fail: 0, skipped: 0 };
phases.forEach((p, i) => {
  const tap = join(tmp, `phase${i}.tap`);
  const r = spawnSync(
    process.execPath,
    [
      '--test',
      `--test-concurrency=${p.concurrency}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...p.files,
    ],
    { stdio: 'inherit', env: { ...process.env, CADANS_TEST: '1' } },
  );
  if (r.status !== 0) status = r.status ?? 1;
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  for (const k of ['pass', 'fail', 'skipped']) {
    const m = new RegExp(`^# ${k} (\\d+)$`, 'm').exec(text);
    if (m) total[k] += Number(m[1]);
  }
});
rmSync(tmp, { recursive: true, force: true });
console.log(`\nAll phases: ${total.pass} passed, ${total.fail} failed, ${total.skipped} skipped`);
process.exit(status);

// `npm run lint:security`: runs `npx electronegativity -i main` (Doyensec's Electron security
// linter) and fails on any HIGH or MEDIUM finding — unless it is a reviewed false positive,
// explained next to the flagged code by a comment containing `electronegativity-reviewed: <CHECK_ID>`
// on the flagged line or up to 4 lines above it. LOW/INFORMATIONAL findings are listed only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INPUT = 'main';
const dir = mkdtempSync(join(tmpdir(), 'cadans-eneg-'));
const csv = join(dir, 'findings.csv');
const r = spawnSync('npx', ['--no-install', 'electronegativity', '-i', INPUT, '-r', '-o', csv], {
  encoding: 'utf8',
  env: { ...process.env, NO_COLOR: '1' },
});
if (r.status !== 0 || !existsSync(csv)) {
  process.stderr.write(r.stdout + r.stderr);
  process.stderr.write(`lint:security: electronegativity did not run (exit ${r.status})\n`);
  process.exit(2);
}

/** CSV parsing (quoted fields may hold commas and newlines: the `sample` column is source code). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cur.trim()), (cur = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cur.trim());
      if (row.some((x) => x !== '')) rows.push(row);
      row = [];
      cur = '';
    } else cur += c;
  }
  row.push(cur.trim());
  if (row.some((x) => x !== '')) rows.push(row);
  return rows;
}

const [, ...rows] = parseCsv(readFileSync(csv, "utf8"));
rmSync(dir, { recursive: true, force: true });
let failed = 0;
for (const row of rows) {
  const [check, severity, confidence, file, location, , description] = row;
  if (row.length < 7) {
    failed++;
    console.log(`FAIL                     cannot read the finding ${JSON.stringify(row)}`);
    continue;
  }
  const line = Number(String(location).split(':')[0]);
  const path = join(INPUT, file);
  let reviewed = false;
  if (existsSync(path) && line > 0) {
    const lines = readFileSync(path, 'utf8').split('\n');
    const around = lines.slice(Math.max(0, line - 5), line).join('\n');
    reviewed = around.includes(`electronegativity-reviewed: ${check}`);
  }
  const serious = severity === 'HIGH' || severity === 'MEDIUM';
  const verdict = !serious ? 'note' : reviewed ? 'reviewed false positive' : 'FAIL';
  if (serious && !reviewed) failed++;
  console.log(`${verdict.padEnd(24)} ${severity}/${confidence} ${check} ${path}:${location} — ${description}`);
}
console.log(
  failed === 0
    ? `lint:security: no unexplained HIGH or MEDIUM electronegativity finding (${rows.length} finding(s) listed)`
    : `lint:security: ${failed} HIGH/MEDIUM finding(s) — fix them, or explain a false positive with "electronegativity-reviewed: <CHECK_ID>" next to the code`,
);
process.exit(failed === 0 ? 0 : 1);

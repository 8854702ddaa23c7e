// `npm run lint:security`: runs `npx electronegativity -i main` (Doyensec's Electron security
// linter) and fails on any HIGH or MEDIUM finding — unless it is a reviewed false positive,
// explained next to the flagged code by a comment containing `electronegativity-reviewed: <CHECK_ID>`
// on the flagged line or up to 4 lines above it. LOW/INFORMATIONAL findings are listed only.
//
// The tool writes CSV (with severities) and SARIF (every finding, but no severities). Its CSV is
// not always well formed (a finding's row can lose its head), so findings are taken from the
// SARIF and their severity from the CSV row with the same check and place; a finding whose
// severity cannot be read counts as serious.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INPUT = 'main';
const dir = mkdtempSync(join(tmpdir(), 'cadans-eneg-'));

function run(out) {
  const r = spawnSync('npx', ['--no-install', 'electronegativity', '-i', INPUT, '-r', '-o', out], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.status !== 0 || !existsSync(out)) {
    process.stderr.write(r.stdout + r.stderr);
    process.stderr.write(`lint:security: electronegativity did not run (exit ${r.status})\n`);
    process.exit(2);
  }
  return readFileSync(out, 'utf8');
}

/** One CSV field list per row that starts with a check id (quoted fields may hold commas). */
function parseCsvRows(text) {
  const rows = [];
  for (const line of text.split(/\r?\n/)) {
    if (!/^[A-Z][A-Z0-9_]*_CHECK,/.test(line)) continue;
    const fields = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
        else if (c === '"') quoted = false;
        else cur += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') fields.push(cur.trim()), (cur = '');
      else cur += c;
    }
    fields.push(cur.trim());
    rows.push(fields);
  }
  return rows;
}

const csvRows = parseCsvRows(run(join(dir, 'findings.csv')));
const sarif = JSON.parse(run(join(dir, 'findings.sarif')));
rmSync(dir, { recursive: true, force: true });

const findings = (sarif.runs?.[0]?.results ?? []).map((res) => {
  const loc = res.locations?.[0]?.physicalLocation ?? {};
  const file = loc.artifactLocation?.uri ?? '?';
  const line = loc.region?.startLine ?? 0;
  const row = csvRows.find((f) => f[0] === res.ruleId && f[3] === file && Number(String(f[4]).split(':')[0]) === line);
  return {
    check: res.ruleId,
    file,
    line,
    severity: row ? row[1] : 'UNKNOWN',
    confidence: row ? row[2] : '?',
    description: res.message?.text ?? '',
  };
});

let failed = 0;
for (const f of findings) {
  const path = join(INPUT, f.file);
  let reviewed = false;
  if (existsSync(path) && f.line > 0) {
    const lines = readFileSync(path, 'utf8').split('\n');
    reviewed = lines.slice(Math.max(0, f.line - 5), f.line).join('\n').includes(`electronegativity-reviewed: ${f.check}`);
  }
  const serious = f.severity === 'HIGH' || f.severity === 'MEDIUM' || f.severity === 'UNKNOWN';
  const verdict = !serious ? 'note' : reviewed ? 'reviewed false positive' : 'FAIL';
  if (serious && !reviewed) failed++;
  console.log(`${verdict.padEnd(24)} ${f.severity}/${f.confidence} ${f.check} ${path}:${f.line} — ${f.description}`);
}
console.log(
  failed === 0
    ? `lint:security: no unexplained HIGH or MEDIUM electronegativity finding (${findings.length} finding(s) listed)`
    : `lint:security: ${failed} HIGH/MEDIUM finding(s) — fix them, or explain a false positive with "electronegativity-reviewed: <CHECK_ID>" next to the code`,
);
process.exit(failed === 0 ? 0 : 1);

// `cadans report` end to end on sessions recorded with `cadans record` (the simulator and a
// `file:` replay of ../shared/data): the report's numbers equal `cadans analyze --json` on the
// session's exported signal and the stored summary; PDF pages are non-blank; errors are one line.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { filesWritten, walIsEmpty } from '../../support/filesWritten.js';
import { findChromium } from '../../../main/reports/printToPdf.js';
import { openStorage } from '../../../main/storage/storage.js';
import { dataFile } from '../../support/paths.js';
import { runCli } from '../../support/runCli.js';
import { assertSelfContained, keyFigureValues, visibleText } from '../../unit/report/htmlProbe.js';
import { pdfCheckSkipReason, pdfPageInk } from './pdfPages.js';
import { makeTempDir, removeTempDirs } from './reportFixtures.js';

const chromium = findChromium();

interface Recorded {
  label: string;
  sessionId: number;
}

/** `cadans analyze --json` numbers (null for undefined measures) the report must show, by data-key. */
function analyzeFigures(r: {
  hrv: Record<string, number | null>;
  coherence: { ratioMean: number | null; series: { ratio: number | null; level: string | null }[] };
  respiration: { rateBpmMean: number | null };
  artifacts: { percent: number };
  signal: { unusablePct: number };
  beats: { tSec: number[] };
  durationSec: number;
}): Record<string, number | null> {
  const ratios = r.coherence.series.filter((p) => p.ratio !== null).map((p) => p.ratio as number);
  return {
    meanHrBpm: r.hrv.meanHrBpm!,
    rmssdMs: r.hrv.rmssdMs!,
    sdnnMs: r.hrv.sdnnMs!,
    pnn50Pct: r.hrv.pnn50Pct!,
    lfHf: r.hrv.lfHf ?? null,
    lfPeakHz: r.hrv.lfPeakHz ?? null,
    coherenceMean: r.coherence.ratioMean,
    coherencePeak: ratios.length ? Math.max(...ratios) : null,
    'coherenceSec.high': r.coherence.series.filter((p) => p.level === 'high').length,
    'coherenceSec.low': r.coherence.series.filter((p) => p.level === 'low').length,
    breathingRateBpm: r.respiration.rateBpmMean,
    correctedPct: r.artifacts.percent,
    signalQualityPct: Math.round((100 - r.signal.unusablePct) * 100) / 100,
    beats: r.beats.tSec.length,
    analyzedSec: r.durationSec,
  };
}

describe('cadans report on recorded sessions', () => {
  let dir: string;
  let db: string;
  const recorded: Recorded[] = [];

  before(async () => {
    dir = makeTempDir('cadans-report-cli-');
    db = join(dir, 'records.db');
    const specs: [string, string[]][] = [
      ['sim', ['--sensor', 'sim:speed=100', '--seconds', '150', '--pacer', '6:4-6']],
      ['file', ['--sensor', `file:${dataFile('neurokit_resting_5min_100hz.csv')}?speed=200`]],
    ];
    for (const [label, args] of specs) {
      const r = await runCli(['record', ...args, '--client', 'Report Test', '--db', db, '--json'], { timeoutMs: 30_000 });
      assert.equal(r.code, 0, `record ${label}: ${r.stderr}`);
      recorded.push({ label, sessionId: JSON.parse(r.stdout).sessionId });
    }
  });

  after(() => removeTempDirs());

  test('the HTML report equals `cadans analyze` on the exported signal and the stored summary', async () => {
    for (const { label, sessionId } of recorded) {
      const csv = join(dir, `s${sessionId}.csv`);
      const exp = await runCli(['export', String(sessionId), '--format', 'csv', '--out', csv, '--db', db]);
      assert.equal(exp.code, 0, exp.stderr);
      const an = await runCli(['analyze', csv, '--json']);
      assert.equal(an.code, 0, an.stderr);
      const want = analyzeFigures(JSON.parse(an.stdout));
      const out = join(dir, `s${sessionId}-nl.html`);
      const rep = await runCli(['report', String(sessionId), '--out', out, '--db', db]);
      assert.equal(rep.code, 0, rep.stderr);
      assert.match(rep.stderr, new RegExp(`Wrote session report of session ${sessionId} \\(html, nl\\)`));
      const html = readFileSync(out, 'utf8');
      assertSelfContained(html);
      const got = keyFigureValues(html);
      for (const [k, v] of Object.entries(want)) assert.equal(got.get(k), v, `${label}: ${k}`);
      // ... and the summary the recorder stored at the end of the session.
      const storage = openStorage(db);
      try {
        const summary = storage.sessions.require(sessionId).summary as Record<string, number | null>;
        for (const k of ['meanHrBpm', 'rmssdMs', 'sdnnMs', 'lfHf', 'coherenceMean', 'coherencePeak', 'breathingRateBpm', 'correctedPct', 'signalQualityPct']) {
          assert.equal(got.get(k), summary[k], `${label}: summary ${k}`);
        }
      } finally {
        storage.close();
      }
      if (label === 'sim') assert.match(visibleText(html), /vanaf 0:00: 6 ademhalingen\/min · in : uit 40 : 60/);
      if (label === 'file') assert.match(visibleText(html), /Opname neurokit_resting_5min_100hz\.csv/);
    }
  });

  test('PDF session and progress reports: non-blank A4 pages', { skip: pdfCheckSkipReason(chromium) ?? false }, async () => {
    const sim = recorded.find((r) => r.label === 'sim')!;
    const pdf = join(dir, 'session-en.pdf');
    const r1 = await runCli(['report', String(sim.sessionId), '--out', pdf, '--lang', 'en', '--db', db]);
    assert.equal(r1.code, 0, r1.stderr);
    const storage = openStorage(db);
    const clientId = storage.sessions.require(sim.sessionId).clientId;
    storage.close();
    const ppdf = join(dir, 'progress-nl.pdf');
    const r2 = await runCli(['report', '--client', String(clientId), '--progress', '--out', ppdf, '--db', db]);
    assert.equal(r2.code, 0, r2.stderr);
    for (const [file, prefix] of [[pdf, 'cli-session'], [ppdf, 'cli-progress']] as const) {
      assert.equal(readFileSync(file).subarray(0, 5).toString('latin1'), '%PDF-');
      const pages = pdfPageInk(file, dir, prefix);
      assert.ok(pages.length >= 1);
      for (const p of pages) assert.ok(p.ink > 0.004 && p.ink < 0.5, `${prefix} ${p.file}: ink ${p.ink}`);
    }
    assert.ok(pdfPageInk(pdf, dir, 'cli-session-again').length >= 2, 'the session report has its appendix page');
  });

  test('bad input: one-line errors, exit codes, nothing written', async () => {
    // Reading commands open the database read-only (see filesWritten).
    const before = filesWritten(dir);
    const existing = join(dir, 'exists.html');
    writeFileSync(existing, 'keep me');
    const cases: { args: string[]; code: number; msg: RegExp; env?: NodeJS.ProcessEnv }[] = [
      { args: ['report', '999', '--out', join(dir, 'x.pdf'), '--db', db], code: 1, msg: /Session 999 does not exist/ },
      { args: ['report', 'abc', '--out', join(dir, 'x.pdf'), '--db', db], code: 2, msg: /session id must be a whole number/ },
      { args: ['report', '1', '--out', join(dir, 'x.docx'), '--db', db], code: 2, msg: /--out must end in \.pdf or \.html/ },
      { args: ['report', '1', '--db', db], code: 2, msg: /--out FILE\.pdf or FILE\.html is required/ },
      { args: ['report', '1', '--out', join(dir, 'x.pdf'), '--lang', 'de', '--db', db], code: 2, msg: /--lang must be nl or en/ },
      { args: ['report', '--client', '1', '--out', join(dir, 'x.pdf'), '--db', db], code: 2, msg: /--client\/--course need --progress/ },
      { args: ['report', '--progress', '--out', join(dir, 'x.pdf'), '--db', db], code: 2, msg: /--progress needs --client/ },
      { args: ['report', '--client', '77', '--progress', '--out', join(dir, 'x.pdf'), '--db', db], code: 1, msg: /Client 77 does not exist/ },
      { args: ['report', '1', '--out', existing, '--db', db], code: 1, msg: /already exists; Cadans does not overwrite it/ },
      { args: ['report', '1', '--out', join(dir, 'x.pdf'), '--db', join(dir, 'missing.db')], code: 1, msg: /no Cadans database at/ },
      { args: ['report', '1', '--out', join(dir, 'x.pdf'), '--db', db], code: 1, msg: /Chromium was not found/, env: { CADANS_CHROMIUM: join(dir, 'no-chromium') } },
    ];
    for (const c of cases) {
      const r = await runCli(c.args, { env: c.env });
      assert.equal(r.code, c.code, `${c.args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, c.msg);
      assert.match(r.stderr, /^cadans report: [^\n]+\n$/, `one line: ${JSON.stringify(r.stderr)}`);
      assert.equal(r.stdout, '');
    }
    assert.equal(readFileSync(existing, 'utf8'), 'keep me');
    assert.deepEqual(filesWritten(dir), [...before, 'exists.html'].sort(), 'no report files or partial files were left');
    assert.ok(walIsEmpty(db), 'nothing written to the database');
    assert.ok(!existsSync(join(dir, 'missing.db')), 'the database is not created by a report');
  });
});

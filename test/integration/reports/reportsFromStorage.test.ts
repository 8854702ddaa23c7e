// Session and progress reports of sessions stored with real signal (simulator and the
// ../shared/data recordings): the numbers equal `analyzePpg` on the same stored samples, the HTML
// is self-contained in both languages, and the PDF pages (headless Chromium → pdftoppm → PNG)
// carry ink and paginate.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadProgressReportInput } from '../../../main/reports/loadProgressReport.js';
import { computeSessionSummary } from '../../../main/sessions/sessionSummary.js';
import { chromiumPrintToPdf, findChromium } from '../../../main/reports/printToPdf.js';
import { ReportError } from '../../../main/reports/reportError.js';
import { progressReportHtml, sessionReportHtml, writeReportFile } from '../../../main/reports/reportFiles.js';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import { analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import { NotFoundError } from '../../../shared/domain/validationResult.js';
import { reportMessages } from '../../../shared/report/reportMessages.js';
import { sessionMetrics, type SessionMetrics } from '../../../shared/dsp/sessionMetrics.js';
import { assertSelfContained, dataCells, keyFigureValues, visibleText } from '../../unit/report/htmlProbe.js';
import { pdfCheckSkipReason, pdfPageInk } from './pdfPages.js';
import { makeCourseDatabase, makeTempDir, removeTempDirs, storeRecordingSession, type CourseFixture, type StoredSignalSession } from './reportFixtures.js';

const NOW = new Date('2025-04-01T12:00:00.000Z');
const chromium = findChromium();

/** The key figures, straight from `analyzePpg` on the very samples that were stored. */
function expected(s: StoredSignalSession): Record<string, number | null> {
  const r = analyzePpg(s.values, s.fsHz);
  const mt = sessionMetrics(r);
  const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);
  return {
    meanHrBpm: fin(r.hrv.meanHrBpm),
    rmssdMs: fin(r.hrv.rmssdMs),
    sdnnMs: fin(r.hrv.sdnnMs),
    pnn50Pct: fin(r.hrv.pnn50Pct),
    lfHf: fin(r.hrv.lfHf),
    lfPeakHz: fin(r.hrv.lfPeakHz),
    coherenceMean: r.coherence.ratioMean,
    coherencePeak: mt.coherencePeak,
    'coherenceSec.high': mt.coherenceSec.high,
    'coherenceSec.medium': mt.coherenceSec.medium,
    'coherenceSec.low': mt.coherenceSec.low,
    breathingRateBpm: r.respiration.rateBpmMean,
    correctedPct: r.artifacts.percent,
    signalQualityPct: Math.round((100 - r.signal!.unusablePct) * 100) / 100,
    beats: r.beats.tSec.length,
    analyzedSec: r.durationSec,
  };
}

describe('reports from stored sessions', () => {
  let dir: string;
  let fx: CourseFixture;
  let storage: Storage;
  let recClientId: number;
  const recordings: { name: string; session: StoredSignalSession }[] = [];

  before(() => {
    dir = makeTempDir();
    fx = makeCourseDatabase(dir, { sessionCount: 8, sessionSec: 150 });
    storage = openStorage(fx.file);
    recClientId = storage.clients.create({ name: 'Recording Client' }).id;
    const names = ['neurokit_resting_5min_100hz.csv', 'bidmc01_125hz.csv', 'heartpy_data_100hz.csv'];
    names.forEach((name, i) => {
      recordings.push({
        name,
        session: storeRecordingSession(storage, name, {
          clientId: recClientId,
          startedAt: `2025-03-0${i + 1}T10:00:00.000Z`,
          markers: [{ tSec: 12, kind: 'note', note: `start ${name}` }],
        }),
      });
    });
  });

  after(() => {
    storage?.close();
    removeTempDirs();
  });

  test('session reports of ../shared/data recordings equal analyzePpg on the stored samples', () => {
    for (const { name, session } of recordings) {
      const want = expected(session);
      for (const lang of ['nl', 'en'] as const) {
        const html = sessionReportHtml(storage, session.sessionId, { lang, now: NOW });
        assertSelfContained(html);
        const got = keyFigureValues(html);
        for (const [k, v] of Object.entries(want)) assert.equal(got.get(k), v, `${name} ${lang} ${k}`);
        assert.ok(visibleText(html).includes(`start ${name}`), 'the marker note is listed');
      }
    }
    const short = recordings.find((r) => r.name.startsWith('heartpy'))!;
    assert.equal(keyFigureValues(sessionReportHtml(storage, short.session.sessionId, { lang: 'en' })).get('lfHf'), null, '25 s: no LF/HF');
  });

  test('session reports of simulated sessions equal analyzePpg on the stored samples', () => {
    for (const s of fx.sessions.slice(0, 3)) {
      const html = sessionReportHtml(storage, s.sessionId, { lang: 'nl', now: NOW });
      const got = keyFigureValues(html);
      for (const [k, v] of Object.entries(expected(s))) assert.equal(got.get(k), v, `session ${s.sessionId} ${k}`);
      assert.match(visibleText(html), /vanaf 0:00: 6 ademhalingen\/min · in : uit 40 : 60/);
    }
  });

  test('progress report: trends equal each session’s analysis; questionnaires, goals and running log shown', () => {
    const html = progressReportHtml(storage, { clientId: fx.clientId }, { lang: 'nl', now: NOW, timeZone: 'Europe/Amsterdam' });
    assertSelfContained(html);
    const byId = new Map(fx.sessions.map((s) => [s.sessionId, sessionMetrics(analyzePpg(s.values, s.fsHz))]));
    const rows = [...html.matchAll(/<tr data-session-id="(\d+)">([\s\S]*?)<\/tr>/g)];
    assert.equal(rows.length, fx.sessions.length);
    for (const [, id, row] of rows) {
      const mt = byId.get(Number(id)) as SessionMetrics;
      const v = new Map(dataCells(`<table>${row}</table>`).map((c) => [c.key, c.value === '' ? null : Number(c.value)]));
      assert.equal(v.get('meanHrBpm'), mt.meanHrBpm);
      assert.equal(v.get('rmssdMs'), mt.rmssdMs);
      assert.equal(v.get('lfHf'), mt.lfHf);
      assert.equal(v.get('coherenceMean'), mt.coherenceMean);
      assert.equal(v.get('breathingRateBpm'), mt.breathingRateBpm);
    }
    // The scenario improves over the course (compliance with the pacer grows): the report shows it.
    const first = byId.get(fx.sessions[0]!.sessionId)!;
    const last = byId.get(fx.sessions[fx.sessions.length - 1]!.sessionId)!;
    assert.ok(last.coherenceMean! > first.coherenceMean!, 'coherence rises over the course');
    const q = dataCells(html, 'scale').filter((c) => c.scale === '4dkl.distress').map((c) => `${c.moment}:${c.value}`);
    assert.deepEqual(q, ['intake:24', 'week3:17', 'week6:9']);
    assert.deepEqual(dataCells(html, 'scale').filter((c) => c.scale === 'nq.total').map((c) => Number(c.value)), [31, 24, 14]);
    const t = visibleText(html);
    assert.match(t, /Binnen 6 weken 20 minuten onafgebroken hardlopen 06-01-2025 17-02-2025 behaald 15-02-2025/);
    assert.match(t, /Dagelijks 10 minuten ademoefening op 6\/min 06-01-2025 — vervallen 26-01-2025/);
    assert.deepEqual(
      dataCells(html).filter((c) => c.key === 'continuousRunMin').map((c) => Number(c.value)),
      [2, 4, 5, 8, 10, 13, 16, 20],
    );
    assert.match(t, /Start Intake Tussenevaluatie Eindevaluatie Notitie 6 januari 2025 6 januari 2025 27 januari 2025 17 februari 2025/);
  });

  test('progress report from the stored session summaries equals the one from re-analysis', () => {
    const opts = { lang: 'nl' as const, now: NOW, timeZone: 'Europe/Amsterdam' };
    const analysed = progressReportHtml(storage, { clientId: fx.clientId }, opts);
    const ids = fx.sessions.map((s) => s.sessionId);
    try {
      for (const id of ids) storage.sessions.setSummary(id, computeSessionSummary(storage, id));
      const fromStored = progressReportHtml(storage, { clientId: fx.clientId }, opts);
      assert.equal(fromStored, analysed);
      // The stored summary is what is read (no second analysis): a marked value shows through.
      const marked = { ...storage.sessions.get(ids[0]!)!.summary!, meanHrBpm: 123.4 };
      storage.sessions.setSummary(ids[0]!, marked);
      const input = loadProgressReportInput(storage, { clientId: fx.clientId });
      assert.equal(input.sessions.find((r) => r.id === ids[0])?.metrics?.meanHrBpm, 123.4);
    } finally {
      for (const id of ids) storage.sessions.setSummary(id, null);
    }
  });

  test('progress report of a client without questionnaires, goals or running log', () => {
    for (const lang of ['nl', 'en'] as const) {
      const m = reportMessages(lang);
      const html = progressReportHtml(storage, { clientId: recClientId }, { lang, now: NOW });
      assertSelfContained(html);
      const t = visibleText(html);
      for (const s of [m.noCourse, m.noGoals, m.noQuestionnaires, m.noRunning]) assert.ok(t.includes(s), s);
      assert.equal([...html.matchAll(/<tr data-session-id=/g)].length, recordings.length);
    }
  });

  test('a course report holds that course only; a course of another client is refused', () => {
    const input = loadProgressReportInput(storage, { clientId: fx.clientId, courseId: fx.courseId, now: NOW });
    assert.equal(input.sessions.length, fx.sessions.length);
    assert.equal(input.course?.id, fx.courseId);
    assert.throws(() => loadProgressReportInput(storage, { clientId: recClientId, courseId: fx.courseId }), (e: Error) => e instanceof ReportError && /not a treatment course of client/.test(e.message));
    assert.throws(() => sessionReportHtml(storage, 9999, { lang: 'nl' }), NotFoundError);
    assert.throws(() => progressReportHtml(storage, { clientId: 9999 }, { lang: 'nl' }), NotFoundError);
  });

  test('PDF: Chromium prints non-blank A4 pages; the progress report paginates', { skip: pdfCheckSkipReason(chromium) ?? false }, async () => {
    const print = chromiumPrintToPdf();
    const neurokit = recordings[0]!.session;
    const sessionPdf = await print(sessionReportHtml(storage, neurokit.sessionId, { lang: 'en', now: NOW }));
    const progressPdf = await print(progressReportHtml(storage, { clientId: fx.clientId }, { lang: 'nl', now: NOW }));
    for (const [name, pdf, minPages] of [['session', sessionPdf, 2], ['progress', progressPdf, 3]] as const) {
      assert.equal(Buffer.from(pdf.subarray(0, 5)).toString('latin1'), '%PDF-');
      const pages = pdfPageInk(pdf, dir, name);
      assert.ok(pages.length >= minPages, `${name}: ${pages.length} pages`);
      for (const p of pages) {
        assert.ok(Math.abs(p.height / p.width - Math.SQRT2) < 0.01, `${name}: A4 portrait (${p.width}×${p.height})`);
        assert.ok(p.ink > 0.004, `${name} ${p.file}: ink ${p.ink}`);
        assert.ok(p.ink < 0.5, `${name} ${p.file}: not a dark page (${p.ink})`);
      }
      // Page 1 carries the header, details and key figures/trends: clearly more than a stray line.
      assert.ok(pages[0]!.ink > 0.03, `${name} page 1 ink ${pages[0]!.ink}`);
    }
  });

  test('writeReportFile: html/pdf by extension, never overwrites, a failed print leaves nothing', async () => {
    const html = sessionReportHtml(storage, fx.sessions[0]!.sessionId, { lang: 'nl', now: NOW });
    const out = join(dir, 'report.html');
    const r = await writeReportFile(html, out);
    assert.equal(r.type, 'html');
    assert.equal(readFileSync(out, 'utf8'), html);
    await assert.rejects(writeReportFile(html, out), (e: Error) => e instanceof ReportError && /already exists/.test(e.message));
    await writeReportFile('<!DOCTYPE html><p>x</p>', out, { overwrite: true });
    assert.equal(readFileSync(out, 'utf8'), '<!DOCTYPE html><p>x</p>');
    await assert.rejects(writeReportFile(html, join(dir, 'report.docx')), /must end in \.pdf or \.html/);
    const failing = async (): Promise<Uint8Array> => {
      throw new ReportError('cannot make a PDF: printer on fire');
    };
    await assert.rejects(writeReportFile(html, join(dir, 'failed.pdf'), { print: failing }), /printer on fire/);
    assert.ok(!existsSync(join(dir, 'failed.pdf')));
    await assert.rejects(
      writeReportFile(html, join(dir, 'nochromium.pdf'), { print: chromiumPrintToPdf({ executablePath: join(dir, 'no-such-chromium') }) }),
      (e: Error) => e instanceof ReportError && /Chromium was not found/.test(e.message),
    );
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('partial') || f.endsWith('.pdf') && f.startsWith('n')), []);
  });
});

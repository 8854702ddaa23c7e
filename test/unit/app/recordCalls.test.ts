// The clinical-record calls of the app service (client page): details, courses, goals,
// questionnaires, running log — validation problems come back as codes and nothing is stored —
// RR import as a session, session exports and reports (HTML preview, PDF through the port).
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppService } from '../../../main/app/AppService.js';
import { SettingsStore } from '../../../main/app/SettingsStore.js';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import { analyzeIntervals } from '../../../shared/dsp/analyzeIntervals.js';
import type { SaveResult } from '../../../shared/ipc/recordTypes.js';
import { dispatchInvoke, type CadansService } from '../../../shared/ipc/contract.js';
import { FakeDevices, FakeRecorder } from './fakeAppDevices.js';

const NOW = new Date(2025, 5, 15, 10, 0, 0); // 15 June 2025, local time
const TODAY = '2025-06-15';

/** Synthetic RR intervals: 900 ms ± 60 ms at 0.1 Hz (6 breaths a minute), in ms. */
function rrSeries(n: number): number[] {
  const out: number[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    const ibi = Math.round(900 + 60 * Math.sin(2 * Math.PI * 0.1 * t));
    out.push(ibi);
    t += ibi / 1000;
  }
  return out;
}

function issuesOf<T>(r: SaveResult<T>): { code: string; field: string }[] {
  assert.equal(r.ok, false, 'expected the save to be refused');
  return r.ok ? [] : r.issues.map((i) => ({ code: i.code, field: i.field }));
}

function valueOf<T>(r: SaveResult<T>): T {
  if (!r.ok) assert.fail(`expected the save to succeed: ${r.message}`);
  return r.value;
}

describe('AppService — clinical record calls', () => {
  let dir: string;
  let storage: Storage;
  let service: AppService;
  let printed: string[];
  let clientId: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cadans-record-'));
    storage = openStorage(join(dir, 'db.sqlite'));
    printed = [];
    const devices = new FakeDevices();
    service = new AppService({
      storage,
      devices,
      settings: new SettingsStore(null),
      info: { version: 't', host: 'web', defaultSensorSpec: null, dbPath: 'x' },
      createRecorder: (o) => new FakeRecorder(storage, o, devices.clockSec),
      nowMs: () => NOW.getTime(),
      printToPdf: async (html) => {
        printed.push(html);
        return new TextEncoder().encode('%PDF-1.7 fake');
      },
    });
    clientId = service.createClient({ name: 'Sanne Jansen' }).id;
  });

  afterEach(async () => {
    await service.close();
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('client details: updated; a future date of birth is refused with its code and nothing changes', () => {
    const c = valueOf(service.updateClient(clientId, { complaint: 'burn-out', referralSource: 'huisarts', dateOfBirth: '1980-02-03' }));
    assert.equal(c.complaint, 'burn-out');
    assert.deepEqual(issuesOf(service.updateClient(clientId, { dateOfBirth: '2025-06-16', name: 'X' })), [{ code: 'futureDate', field: 'dateOfBirth' }]);
    const after = service.getClient(clientId);
    assert.equal(after.name, 'Sanne Jansen');
    assert.equal(after.dateOfBirth, '1980-02-03');
    assert.throws(() => service.updateClient(9999, { name: 'Y' }), /9999/);
  });

  test('treatment course: created, listed, evaluation dates updated in order only', () => {
    const course = valueOf(service.createCourse({ clientId, startDate: '2025-05-01', intakeDate: '2025-05-01' }));
    const upd = valueOf(service.updateCourse(course.id, { midEvaluationDate: '2025-05-22', finalEvaluationDate: '2025-07-01' }));
    assert.equal(upd.finalEvaluationDate, '2025-07-01', 'planned evaluations may lie in the future');
    assert.deepEqual(issuesOf(service.updateCourse(course.id, { midEvaluationDate: '2025-04-01' })), [{ code: 'dateBefore', field: 'midEvaluationDate' }]);
    assert.deepEqual(service.listCourses(clientId).map((c) => c.midEvaluationDate), ['2025-05-22']);
    assert.deepEqual(issuesOf(service.createCourse({ clientId, startDate: 'soon' })), [{ code: 'invalidDate', field: 'startDate' }]);
    assert.equal(service.listCourses(clientId).length, 1);
  });

  test('SMART goals: created open, achieved today, an unknown status refused', () => {
    const g = valueOf(service.createGoal({ clientId, text: '20 minuten aaneengesloten hardlopen', setDate: '2025-05-01', targetDate: '2025-07-01' }));
    assert.equal(g.status, 'open');
    const done = valueOf(service.setGoalStatus({ goalId: g.id, status: 'achieved' }));
    assert.equal(done.status, 'achieved');
    assert.equal(done.closedDate, TODAY);
    assert.deepEqual(issuesOf(service.setGoalStatus({ goalId: g.id, status: 'maybe' as never })), [{ code: 'unknownValue', field: 'status' }]);
    assert.deepEqual(service.listGoals(clientId).map((x) => x.status), ['achieved']);
    assert.deepEqual(issuesOf(service.createGoal({ clientId, text: '  ', setDate: '2025-05-01' })), [{ code: 'emptyText', field: 'text' }]);
  });

  test('questionnaires: three moments stored; out-of-range score and future date refused with codes, nothing stored', () => {
    const moments = [
      ['intake', '2025-05-01', 24],
      ['week3', '2025-05-22', 17],
      ['week6', '2025-06-12', 9],
    ] as const;
    for (const [moment, date, distress] of moments) {
      valueOf(service.createQuestionnaire({ clientId, instrument: '4dkl', moment, date, scores: { distress, depression: 3, anxiety: 5, somatisation: 10 } }));
    }
    const bad = service.createQuestionnaire({ clientId, instrument: '4dkl', moment: 'final', date: TODAY, scores: { distress: 33, depression: 3, anxiety: 5, somatisation: 10 } });
    assert.deepEqual(issuesOf(bad), [{ code: 'outOfRange', field: '4dkl.distress' }]);
    assert.ok(!bad.ok && bad.issues[0]!.params.min === 0 && bad.issues[0]!.params.max === 32, 'the range travels with the issue');
    assert.deepEqual(
      issuesOf(service.createQuestionnaire({ clientId, instrument: 'nq', moment: 'final', date: '2025-06-16', scores: { total: 20 } })),
      [{ code: 'futureDate', field: 'date' }],
    );
    assert.deepEqual(
      issuesOf(service.createQuestionnaire({ clientId, instrument: 'mvi', moment: 'intake', date: TODAY, scores: { generalFatigue: 3, physicalFatigue: 4, reducedActivity: 4, reducedMotivation: 4, mentalFatigue: 21 } })),
      [{ code: 'outOfRange', field: 'mvi.generalFatigue' }, { code: 'outOfRange', field: 'mvi.mentalFatigue' }],
    );
    const list = service.listQuestionnaires(clientId);
    assert.deepEqual(list.map((q) => [q.moment, q.instrument === '4dkl' ? q.scores.distress : null]), [['intake', 24], ['week3', 17], ['week6', 9]]);
  });

  test('running log: entries stored by date; Borg outside 6–20 refused', () => {
    valueOf(service.createRunningLogEntry({ clientId, date: '2025-06-10', intervals: [{ runMin: 3, walkMin: 1, reps: 4 }], continuousRunMin: 8, borg: 13, hrAvgBpm: 140 }));
    valueOf(service.createRunningLogEntry({ clientId, date: '2025-06-03', continuousRunMin: 5, borg: 14 }));
    assert.deepEqual(issuesOf(service.createRunningLogEntry({ clientId, date: TODAY, borg: 21 })), [{ code: 'outOfRange', field: 'borg' }]);
    assert.deepEqual(service.listRunningLog(clientId).map((e) => [e.date, e.continuousRunMin]), [['2025-06-03', 5], ['2025-06-10', 8]]);
    assert.deepEqual(service.listRunningLog(clientId)[1]!.intervals, [{ runMin: 3, walkMin: 1, reps: 4 }]);
  });

  test('RR import: a Kubios-style file becomes a complete session with the analysis of its intervals', async () => {
    const ibi = rrSeries(400);
    const r = await service.importRrFile({ clientId, type: 'biofeedback', fileName: 'kubios.txt', text: ibi.join('\r\n') + '\r\n', startedAt: '2025-06-14T08:00:00.000Z' });
    if (!r.ok) assert.fail(r.error);
    assert.equal(r.intervals, 400);
    assert.equal(r.session.type, 'biofeedback');
    assert.equal(r.session.status, 'complete');
    assert.equal(r.session.startedAt, '2025-06-14T08:00:00.000Z');
    const totalSec = ibi.reduce((a, b) => a + b, 0) / 1000;
    assert.ok(Math.abs(r.session.durationSec - totalSec) < 1e-6, `duration ${r.session.durationSec} vs ${totalSec}`);
    assert.equal(Date.parse(r.session.endedAt!) - Date.parse(r.session.startedAt), Math.round(totalSec * 1000));
    const expected = analyzeIntervals(ibi);
    assert.ok(r.session.meanHrBpm !== null && Math.abs(r.session.meanHrBpm - expected.hrv.meanHrBpm!) < 1e-9, 'summary = analyzeIntervals of the file');
    assert.deepEqual(service.listSessions(clientId).map((s) => s.id), [r.session.sessionId]);

    // Exported RR text equals the imported intervals (smooth series: nothing corrected).
    const rrFile = await service.exportSession(r.session.sessionId, 'rr');
    assert.equal(rrFile.fileName, `cadans-session-${r.session.sessionId}-rr.txt`);
    assert.deepEqual(String(rrFile.data).trim().split('\n').map(Number), ibi);
    const json = JSON.parse(String((await service.exportSession(r.session.sessionId, 'json')).data)) as { beats: { ibiMs: (number | null)[] } };
    assert.deepEqual(json.beats.ibiMs.slice(1), ibi);
    await assert.rejects(() => service.exportSession(r.session.sessionId, 'csv'), /no raw signal/);
  });

  test('RR import: Polar Sensor Logger format, seconds; default start = now minus the length', async () => {
    const ibi = rrSeries(120);
    const text = 'Phone timestamp;RR-interval [ms]\n' + ibi.map((v, i) => `2025-06-15T09:${String(Math.floor(i / 60)).padStart(2, '0')}:00.000;${v}`).join('\n');
    const r = await service.importRrFile({ clientId, type: 'breathing', fileName: 'polar.txt', text });
    if (!r.ok) assert.fail(r.error);
    assert.equal(r.intervals, 120);
    assert.match(r.format, /RR-interval/);
    assert.equal(Date.parse(r.session.endedAt!), NOW.getTime());
    const secs = await service.importRrFile({ clientId, type: 'breathing', fileName: 'elite.txt', text: ibi.map((v) => (v / 1000).toFixed(3)).join('\n') });
    assert.ok(secs.ok && secs.unit === 's');
  });

  test('RR import: unreadable files, bad fields and future starts are refused and store nothing', async () => {
    const unreadable = await service.importRrFile({ clientId, type: 'biofeedback', fileName: 'notes.txt', text: 'Dit is geen RR-bestand.\nAlleen tekst.\n' });
    assert.equal(unreadable.ok, false);
    assert.ok(!unreadable.ok && unreadable.reason === 'unreadable' && /no numbers/.test(unreadable.error), JSON.stringify(unreadable));
    const tooFew = await service.importRrFile({ clientId, type: 'biofeedback', fileName: 'short.txt', text: '800\n810\n' });
    assert.ok(!tooFew.ok && /only 2 intervals/.test(tooFew.error));
    const implausible = await service.importRrFile({ clientId, type: 'biofeedback', fileName: 'x.csv', text: Array.from({ length: 30 }, () => '12000').join('\n') });
    assert.ok(!implausible.ok && /implausible/.test(implausible.error));
    const badType = await service.importRrFile({ clientId, type: 'running' as never, fileName: 'a.txt', text: rrSeries(50).join('\n') });
    assert.ok(!badType.ok && badType.reason === 'invalid' && badType.issues[0]!.field === 'type');
    const future = await service.importRrFile({ clientId, type: 'breathing', fileName: 'a.txt', text: rrSeries(50).join('\n'), startedAt: '2025-06-16T10:00:00.000Z' });
    assert.ok(!future.ok && future.issues[0]!.code === 'futureDate');
    const huge = await service.importRrFile({ clientId, type: 'breathing', fileName: 'a.txt', text: '800\n'.repeat(70_000) });
    assert.ok(!huge.ok && huge.reason === 'too-large');
    await assert.rejects(() => service.importRrFile({ clientId: 777, type: 'breathing', fileName: 'a.txt', text: rrSeries(50).join('\n') }), /777/);
    assert.deepEqual(service.listSessions(clientId), [], 'nothing was stored');
    assert.equal(storage.sessions.list().length, 0);
  });

  test('reports: progress HTML with questionnaire values and charts, session HTML, PDF through the port, language', async () => {
    valueOf(service.createQuestionnaire({ clientId, instrument: 'nq', moment: 'intake', date: '2025-05-01', scores: { total: 31 } }));
    valueOf(service.createQuestionnaire({ clientId, instrument: 'nq', moment: 'week6', date: '2025-06-12', scores: { total: 17 } }));
    valueOf(service.createRunningLogEntry({ clientId, date: '2025-06-03', continuousRunMin: 5, borg: 14 }));
    valueOf(service.createRunningLogEntry({ clientId, date: '2025-06-10', continuousRunMin: 12, borg: 13 }));
    const imp = await service.importRrFile({ clientId, type: 'biofeedback', fileName: 'k.txt', text: rrSeries(400).join('\n'), startedAt: '2025-06-14T08:00:00.000Z' });
    assert.ok(imp.ok);

    const nl = await service.getReportHtml({ kind: 'progress', clientId });
    assert.equal(nl.baseName, `cadans-voortgang-${clientId}`, "named in the report language");
    assert.match(nl.html, /^<!doctype html>/i);
    assert.match(nl.html, /<svg/);
    assert.match(nl.html, />31</);
    assert.match(nl.html, />17</);
    assert.equal(nl.title, 'Voortgangsrapport');
    assert.match(nl.html, /Sanne Jansen/);
    assert.doesNotMatch(nl.html, /<script/i);
    const en = await service.getReportHtml({ kind: 'progress', clientId, locale: 'en' });
    assert.notEqual(en.html, nl.html);
    assert.match(en.html, /lang="en"/);
    assert.match(en.title, /progress report/i);

    const sess = await service.getReportHtml({ kind: 'session', sessionId: imp.ok ? imp.session.sessionId : 0 });
    assert.match(sess.html, /<svg/);
    const pdf = await service.getReportPdf({ kind: 'session', sessionId: imp.ok ? imp.session.sessionId : 0 });
    assert.equal(pdf.mimeType, 'application/pdf');
    assert.match(pdf.fileName, /^cadans-sessie-\d+-rapport\.pdf$/, 'named in the report language (Dutch by default)');
    const pdfEn = await service.getReportPdf({ kind: 'session', sessionId: imp.ok ? imp.session.sessionId : 0, locale: 'en' });
    assert.match(pdfEn.fileName, /^cadans-session-\d+-report\.pdf$/);
    assert.ok(pdf.data instanceof Uint8Array && new TextDecoder().decode(pdf.data).startsWith('%PDF-'));
    assert.equal(printed.length, 2);
    assert.equal(printed[0], sess.html, 'the PDF prints the same HTML as the preview');
    await assert.rejects(() => service.getReportHtml({ kind: 'session', sessionId: 4242 }), /4242/);
    await assert.rejects(() => service.getReportHtml({ kind: 'other' } as never), /kind/);
  });

  test('through the contract: argument checks, and results as plain replies', async () => {
    const svc = service as unknown as CadansService;
    const badFormat = await dispatchInvoke(svc, 'exportSession', [1, 'xml']);
    assert.deepEqual(badFormat, {
      ok: false,
      error: 'exportSession: argument 2 must be one of csv, rr, json, edf, zip',
      issues: [{ field: 'argument 2', code: 'unknownValue', params: { allowed: 'csv, rr, json, edf, zip', value: '"xml"' } }],
    });
    const badArgs = await dispatchInvoke(svc, 'createQuestionnaire', ['text']);
    assert.equal(badArgs.ok, false);
    const refused = await dispatchInvoke(svc, 'createRunningLogEntry', [{ clientId, date: '2999-01-01' }]);
    assert.equal(refused.ok, true, 'a refused save is a normal reply');
    assert.ok(refused.ok && (refused.value as SaveResult<unknown>).ok === false);
    const notFound = await dispatchInvoke(svc, 'listQuestionnaires', [31337]);
    assert.ok(!notFound.ok && /31337/.test(notFound.error));
  });
});

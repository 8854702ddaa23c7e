// A simulated 9-week course with imported runs that follow the programme (3 a week, FIT files made
// with the FIT SDK Encoder): the progress report's running part shows every week planned and done,
// the longest run done per week as planned, the HRR of every run, in Dutch and English; runs get no
// HRV analysis error in the sessions table.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { progressReportHtml, sessionReportHtml } from '../../../main/reports/reportFiles.js';
import { importRun } from '../../../main/running/importRun.js';
import { parseRunBytes } from '../../../main/running/readRunFile.js';
import { progressRuns } from '../../../main/running/progressRuns.js';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import { catalogueProblems } from '../../../shared/i18n/catalogue.js';
import { runsTextsEn } from '../../../shared/report/runsTexts.en.js';
import { runsTextsNl } from '../../../shared/report/runsTexts.nl.js';
import { weekLoad, type ProgrammeWeek } from '../../../shared/running/programme.js';
import { fitFile, type ProfileBlock } from '../../support/runFiles.js';

let dir = '';
let storage: Storage;
let clientId = 0;
let weeks: ProgrammeWeek[] = [];
const NOW = new Date('2027-01-10T12:00:00Z'); // after the 9 weeks

/** A programme session as the watch would see it: warm-up and cool-down are walking. */
const profileOf = (w: ProgrammeWeek): ProfileBlock[] => w.blocks.map((b) => ({ kind: b.kind === 'run' ? 'run' : 'walk', sec: b.sec }));

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cadans-course-'));
  storage = openStorage(join(dir, 'db.sqlite'));
  clientId = storage.clients.create({ name: 'Loes Runner', dateOfBirth: '1986-05-01' }).id;
  const b = storage.sessions.create({ clientId, type: 'breathing', startedAt: '2026-10-26T09:00:00.000Z' }).id;
  storage.sessions.setStatus(b, 'complete', '2026-10-26T09:10:00.000Z');
  storage.sessions.setSummary(b, { meanHrBpm: 64 });
  const p = storage.runProgrammes.create({ clientId, name: 'Temporiseren', startDate: '2026-11-02', template: { weeks: 9 } });
  weeks = p.weeks;
  // On run days (log entries of those runs). The case: 'moderate' (Borg 12) at a heart rate of 74 % HRR; later it agrees; once felt heavier.
  storage.runningLog.create({ clientId, date: '2026-11-02', borg: 12, hrAvgBpm: 150 }, NOW);
  storage.runningLog.create({ clientId, date: '2026-11-30', borg: 12, hrAvgBpm: 120 }, NOW);
  storage.runningLog.create({ clientId, date: '2026-12-07', borg: 16, hrAvgBpm: 118 }, NOW);
  storage.runningLog.create({ clientId, date: '2026-12-09', hrAvgBpm: 118 }, NOW); // no Borg: not compared
  // Monday, Wednesday and Friday of every week; the last week only two runs.
  weeks.forEach((w, i) => {
    for (const day of i === 8 ? [0, 2] : [0, 2, 4]) {
      const start = new Date(Date.UTC(2026, 10, 2 + 7 * i + day, 18));
      importRun(storage, clientId, parseRunBytes(fitFile(profileOf(w), { start }), 'run.fit', '.fit'), 'run.fit');
    }
  });
});

after(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('progress report: runs and programme over a 9-week course', () => {
  test('planned vs done per week and the longest run done match the programme', () => {
    const r = progressRuns(storage, clientId, null, NOW);
    assert.equal(r.runs.length, 26);
    const p = r.programme!;
    assert.equal(p.state, 'finished');
    assert.deepEqual(p.weeks.map((w) => w.done), [3, 3, 3, 3, 3, 3, 3, 3, 2]);
    p.weeks.forEach((w, i) => {
      assert.equal(w.plannedLongestRunSec, weekLoad(weeks[i]!).longestRunSec);
      assert.ok(Math.abs(w.longestRunSec! - w.plannedLongestRunSec) <= 3, `week ${i + 1}: ${w.longestRunSec} vs ${w.plannedLongestRunSec}`);
    });
    assert.equal(p.hrrTrend.length, 26);
    for (const run of r.runs) {
      assert.equal(run.source, 'fit');
      assert.ok(run.hrr60Bpm! > 15 && run.hrr120Bpm! > run.hrr60Bpm!, JSON.stringify(run));
      assert.ok(run.inTargetSec! > 0);
    }
  });

  test('the report (nl, en) has the runs section with its tables and charts; no HRV error for runs', () => {
    const nl = progressReportHtml(storage, { clientId }, { lang: 'nl', now: NOW });
    assert.match(nl, /<h2>Loopsessies en loop-\/wandelschema<\/h2>/);
    assert.match(nl, /Temporiseren, vanaf/);
    const programmeRows = nl.slice(nl.indexOf('programme-table')).split('</table>')[0]!.match(/<tr>/g)!.length - 1;
    assert.equal(programmeRows, 9);
    const done = [...nl.matchAll(/data-key="done" data-value="(\d+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(done, [3, 3, 3, 3, 3, 3, 3, 3, 2]);
    assert.equal([...nl.matchAll(/data-key="hrr60Bpm" data-value="[\d.]+"/g)].length, 26);
    assert.match(nl, /data-chart="runs-longest"/);
    assert.match(nl, /data-chart="runs-hrr"/);
    assert.match(nl, /Cole e\.a\. 1999/);
    // Runs are not in the HRV sessions table (no "no analysis possible" rows): only the breathing session is.
    const sessionsTable = nl.slice(nl.indexOf('<h2>Sessies</h2>'), nl.indexOf('<h2>Vragenlijsten</h2>'));
    assert.ok(sessionsTable.length > 0);
    assert.doesNotMatch(sessionsTable, /Loop-\/wandelsessie/);
    const en = progressReportHtml(storage, { clientId }, { lang: 'en', now: NOW });
    assert.match(en, /<h2>Runs and run\/walk programme<\/h2>/);
    assert.match(en, /Longest continuous run \(minutes\)/);
  });

  test('the session report of a run: key figures, HR chart with the run blocks, time in the zones, the blocks', () => {
    const run = storage.sessions.listByClient(clientId).find((s) => s.type === 'run')!;
    const nl = sessionReportHtml(storage, run.id, { lang: 'nl', now: NOW });
    assert.doesNotMatch(nl, /analysis-error/, 'no "no analysis possible" for a run');
    assert.match(nl, /<h2>Loopsessie<\/h2>/);
    assert.match(nl, /data-chart="run-hr"/);
    const runSpans = [...nl.matchAll(/data-span="run"/g)].length;
    const summary = run.summary as unknown as { blocks: { kind: string }[]; timeInZonesSec: Record<string, number>; hrSec: number };
    assert.equal(runSpans, summary.blocks.filter((b) => b.kind === 'run').length);
    const zoneSec = [...nl.matchAll(/data-key="zone-(\w+)" data-value="(\d+)"/g)].map((m) => [m[1], Number(m[2])]);
    assert.deepEqual(Object.fromEntries(zoneSec), summary.timeInZonesSec);
    assert.match(nl, /Rust 64 slagen\/min, max\. 180 slagen\/min \(208 − 0,7 × leeftijd, Tanaka e\.a\. 2001\)/);
    assert.equal([...nl.matchAll(/data-key="kind" data-value="(run|walk)"/g)].length, summary.blocks.length);
    const en = sessionReportHtml(storage, run.id, { lang: 'en', now: NOW });
    assert.match(en, /<h2>Run session<\/h2>/);
    assert.match(en, /Heart-rate zones \(Karvonen\)/);
  });

  test('perceived versus measured exertion of the running log (rest 64, HRmax 180)', () => {
    const r = progressRuns(storage, clientId, null, NOW);
    assert.deepEqual(
      r.exertion!.map((e) => [e.date, e.perceived, e.measured, e.verdict, e.pctHrr]),
      [
        ['2026-11-02', 'moderate', 'vigorous', 'under', 74.1],
        ['2026-11-30', 'moderate', 'moderate', 'match', 48.3],
        ['2026-12-07', 'vigorous', 'moderate', 'over', 46.6],
      ],
    );
    const nl = progressReportHtml(storage, { clientId }, { lang: 'nl', now: NOW });
    assert.deepEqual([...nl.matchAll(/data-verdict="(\w+)"/g)].map((m) => m[1]), ['under', 'match', 'over']);
    assert.match(nl, /lichter ervaren dan gemeten/);
  });

  test('the runs catalogues match and parse', () => {
    assert.deepEqual(catalogueProblems('runsTexts', runsTextsNl, runsTextsEn), []);
  });

  test('a client without runs or programme gets no runs section', () => {
    const other = storage.clients.create({ name: 'Alleen Ademen' }).id;
    const html = progressReportHtml(storage, { clientId: other }, { lang: 'en', now: NOW });
    assert.doesNotMatch(html, /Runs and run\/walk programme/);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import type { Course, Goal, QuestionnaireEntry, RunningLogEntry } from '../../../shared/domain/types.js';
import { renderProgressReport } from '../../../shared/report/progressReport.js';
import { coherentSharePct } from '../../../shared/report/progressTrends.js';
import { SCALE_CUTOFFS } from '../../../shared/report/questionnaireSection.js';
import { reportMessages, REPORT_LANGS } from '../../../shared/report/reportMessages.js';
import type { ProgressReportInput, ProgressSession } from '../../../shared/report/reportTypes.js';
import { weekOf } from '../../../shared/report/runningLogSection.js';
import { sessionMetrics } from '../../../shared/dsp/sessionMetrics.js';
import { simulatePpg } from '../../../shared/sim/simulate.js';
import { assertSelfContained, dataCells, visibleText } from './htmlProbe.js';

const CLIENT = { id: 9, name: 'Piet Post' };
const empty: ProgressReportInput = {
  client: CLIENT,
  course: null,
  courses: [],
  sessions: [],
  questionnaires: [],
  goals: [],
  runningLog: [],
  generatedAt: '2025-04-01T10:00:00.000Z',
};

describe('progress report (pure rendering)', () => {
  test('renders empty records gracefully in both languages', () => {
    for (const lang of REPORT_LANGS) {
      const m = reportMessages(lang);
      const html = renderProgressReport(empty, { lang });
      assertSelfContained(html);
      const t = visibleText(html);
      for (const s of [m.noCourse, m.noGoals, m.noSessions, m.noQuestionnaires, m.noRunning]) assert.ok(t.includes(s), `${lang}: ${s}`);
      assert.doesNotMatch(html, /<svg/, 'no empty charts');
    }
  });

  test('a session that could not be analysed is listed without numbers', () => {
    const html = renderProgressReport(
      { ...empty, sessions: [{ id: 3, type: 'biofeedback', startedAt: '2025-03-01T10:00:00.000Z', durationSec: 4, courseId: null, metrics: null, error: 'too short' }] },
      { lang: 'en' },
    );
    assertSelfContained(html);
    assert.match(visibleText(html), /no analysis possible/);
    assert.match(html, /data-error="too short"/);
  });

  const sessions: ProgressSession[] = [0, 1, 2].map((i) => {
    const s = simulatePpg({ fsHz: 100, seed: 20 + i, compliance: 0.4 + 0.3 * i }, 130, { rateBpm: 6, inhaleFraction: 0.5 });
    return {
      id: 10 + i,
      type: 'breathing',
      startedAt: `2025-02-${String(3 + 7 * i).padStart(2, '0')}T09:00:00.000Z`,
      durationSec: 130,
      courseId: 1,
      metrics: sessionMetrics(analyzePpg(s.values, s.fsHz)),
    };
  });
  const course: Course = { id: 1, clientId: 9, startDate: '2025-02-01', intakeDate: '2025-02-01', midEvaluationDate: '2025-02-22', finalEvaluationDate: null, notes: '', createdAt: '2025-02-01T00:00:00.000Z' };
  const q = (id: number, moment: QuestionnaireEntry['moment'], date: string, distress: number): QuestionnaireEntry => ({
    id, clientId: 9, courseId: 1, instrument: '4dkl', moment, date, notes: '', createdAt: date + 'T00:00:00.000Z',
    scores: { distress, depression: 2, anxiety: 8, somatisation: 21 },
  });
  const goals: Goal[] = [
    { id: 1, clientId: 9, courseId: 1, text: 'Rustiger slapen', status: 'achieved', setDate: '2025-02-01', targetDate: '2025-03-01', closedDate: '2025-02-25', createdAt: '' },
    { id: 2, clientId: 9, courseId: 1, text: 'Fietsen naar werk', status: 'open', setDate: '2025-02-01', targetDate: null, closedDate: null, createdAt: '' },
  ];
  const runs: RunningLogEntry[] = [
    { id: 1, clientId: 9, courseId: 1, date: '2025-02-04', intervals: [{ runMin: 1, walkMin: 2, reps: 6 }], continuousRunMin: 1, borg: 14, hrAvgBpm: 140, hrMaxBpm: null, notes: 'koud', createdAt: '' },
    { id: 2, clientId: 9, courseId: 1, date: '2025-02-15', intervals: [], continuousRunMin: null, borg: null, hrAvgBpm: null, hrMaxBpm: null, notes: '', createdAt: '' },
  ];
  const full: ProgressReportInput = {
    ...empty,
    course,
    courses: [course],
    sessions,
    questionnaires: [q(2, 'week3', '2025-02-22', 15), q(1, 'intake', '2025-02-01', 25)],
    goals,
    runningLog: runs,
  };

  test('trend table values equal each session’s key figures', () => {
    const html = renderProgressReport(full, { lang: 'nl', timeZone: 'Europe/Amsterdam' });
    assertSelfContained(html);
    const rows = [...html.matchAll(/<tr data-session-id="(\d+)">([\s\S]*?)<\/tr>/g)];
    assert.deepEqual(rows.map((r) => Number(r[1])), [10, 11, 12]);
    for (const [, id, row] of rows) {
      const mt = sessions.find((s) => s.id === Number(id))!.metrics!;
      const cells = dataCells(`<table>${row}</table>`);
      const get = (k: string): number | null => {
        const c = cells.find((x) => x.key === k)!;
        return c.value === '' ? null : Number(c.value);
      };
      assert.equal(get('meanHrBpm'), mt.meanHrBpm);
      assert.equal(get('rmssdMs'), mt.rmssdMs);
      assert.equal(get('sdnnMs'), mt.sdnnMs);
      assert.equal(get('coherenceMean'), mt.coherenceMean);
      assert.equal(get('coherentSharePct'), coherentSharePct(mt));
      assert.equal(get('breathingRateBpm'), mt.breathingRateBpm);
    }
    for (const k of ['meanHrBpm', 'rmssdMs', 'sdnnMs', 'coherenceMean', 'coherentSharePct', 'breathingRateBpm']) assert.match(html, new RegExp(`data-chart="trend-${k}"`));
  });

  test('questionnaires: scores per moment in date order, with the valid ranges and cut-off bands', () => {
    for (const lang of REPORT_LANGS) {
      const html = renderProgressReport(full, { lang });
      const m = reportMessages(lang);
      const t = visibleText(html);
      const cells = dataCells(html, 'scale').filter((c) => c.scale === '4dkl.distress');
      assert.deepEqual(cells.map((c) => [c.moment, c.value, c.level]), [['intake', '25', '2'], ['week3', '15', '1']]);
      // The published cut-offs in their own column, and each score's level beside it.
      assert.ok(t.includes(`${m.scales.distress} 0–32 ≥ 11 / ≥ 21 25 (${m.stronglyElevated}) 15 (${m.elevated})`), t);
      assert.ok(t.includes(`${m.scales.depression} 0–12 ≥ 3 / ≥ 6 2 2`));
      assert.match(t, /Distress \(0–32\)/);
      assert.ok(t.includes(m.reference4dkl));
      assert.ok(!t.includes(m.referenceNq), 'no Nijmegen note without Nijmegen scores');
      assert.ok(t.includes(m.instruments['4dkl']) && !t.includes(m.instruments.mvi));
      assert.match(html, /data-chart="q-4dkl-somatisation"/);
    }
    assert.deepEqual(SCALE_CUTOFFS['4dkl.distress'], [11, 21]);
  });

  test('goals with their status and the running log with weeks from the course start', () => {
    const html = renderProgressReport(full, { lang: 'nl' });
    const t = visibleText(html);
    assert.match(html, /class="status-achieved" data-status="achieved">behaald</);
    assert.match(html, /class="status-open" data-status="open">lopend</);
    assert.match(t, /Rustiger slapen 01-02-2025 01-03-2025 behaald 25-02-2025/);
    assert.match(t, /04-02-2025 1 6 × \(1 min hardlopen, 2 min wandelen\) 1 min 14 140 — koud/);
    assert.match(t, /15-02-2025 3 — — — — —/);
    assert.equal(weekOf('2025-02-15', '2025-02-01'), 3);
    assert.equal(weekOf('2025-02-07', '2025-02-01'), 1);
    assert.equal(weekOf('2025-02-08', '2025-02-01'), 2);
    for (const c of ['running-minutes', 'running-borg', 'running-hr']) assert.match(html, new RegExp(`data-chart="${c}"`));
  });
});

// Run/walk programmes: the standard template (week 1: 6 × [1 min run, 2 min walk] → 20–30 min
// continuous in weeks 9–12), validation with issue codes, and where a client is in a programme.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { programmeTemplate, repeatedPattern, weekLoad, type RunProgramme } from '../../../shared/running/programme.js';
import { programmeStatus, programmeWeekOf } from '../../../shared/running/programmeProgress.js';
import { validateNewProgramme, validateProgrammePatch } from '../../../shared/running/validateProgramme.js';

const continuousMinutes = (weeks: ReturnType<typeof programmeTemplate>): number[] =>
  weeks.slice(8).map((w) => weekLoad(w).longestRunSec / 60);

describe('programme template', () => {
  test('week 1 is 6 × [1 min run, 2 min walk] between a 5-min warm-up and cool-down, 3 sessions', () => {
    const [w1] = programmeTemplate();
    assert.equal(w1!.sessionsPerWeek, 3);
    assert.deepEqual(w1!.blocks[0], { kind: 'warmup', sec: 300 });
    assert.deepEqual(w1!.blocks.at(-1), { kind: 'cooldown', sec: 300 });
    assert.deepEqual(repeatedPattern(w1!), { reps: 6, runSec: 60, walkSec: 120 });
    assert.deepEqual(weekLoad(w1!), { runSec: 360, longestRunSec: 60, totalSec: 600 + 6 * 180 });
  });

  test('9 to 12 weeks; the continuous weeks go from 20 to 30 min; run time never falls', () => {
    assert.deepEqual(continuousMinutes(programmeTemplate({ weeks: 9 })), [20]);
    assert.deepEqual(continuousMinutes(programmeTemplate({ weeks: 10 })), [20, 30]);
    assert.deepEqual(continuousMinutes(programmeTemplate({ weeks: 11 })), [20, 25, 30]);
    assert.deepEqual(continuousMinutes(programmeTemplate({ weeks: 12 })), [20, 23, 27, 30]);
    assert.equal(programmeTemplate({ weeks: 20 }).length, 12, 'clamped to 12');
    for (const n of [9, 10, 11, 12]) {
      const weeks = programmeTemplate({ weeks: n, sessionsPerWeek: 2 });
      assert.equal(weeks.length, n);
      assert.ok(weeks.every((w) => w.sessionsPerWeek === 2));
      const runs = weeks.map((w) => weekLoad(w).runSec);
      for (let i = 1; i < runs.length; i++) assert.ok(runs[i]! >= runs[i - 1]!, `week ${i + 1}: ${runs}`);
      const longest = weeks.map((w) => weekLoad(w).longestRunSec);
      for (let i = 1; i < longest.length; i++) assert.ok(longest[i]! >= longest[i - 1]!);
      // Every session stays around half an hour to 40 min of work plus warm-up and cool-down.
      for (const w of weeks) assert.ok(weekLoad(w).totalSec <= 50 * 60, String(weekLoad(w).totalSec));
    }
  });

  test('repeatedPattern: null when the blocks are not one repeated pair', () => {
    assert.deepEqual(repeatedPattern({ sessionsPerWeek: 1, blocks: [{ kind: 'run', sec: 1200 }] }), { reps: 1, runSec: 1200, walkSec: 0 });
    assert.equal(repeatedPattern({ sessionsPerWeek: 1, blocks: [{ kind: 'run', sec: 60 }, { kind: 'walk', sec: 60 }, { kind: 'run', sec: 120 }, { kind: 'walk', sec: 60 }] }), null);
    assert.equal(repeatedPattern({ sessionsPerWeek: 1, blocks: [{ kind: 'walk', sec: 60 }] }), null);
  });
});

describe('programme validation', () => {
  test('a new programme defaults to the template and a name', () => {
    const r = validateNewProgramme({ clientId: 1, startDate: '2026-11-02', template: { weeks: 9, sessionsPerWeek: 2 } });
    assert.ok(r.ok);
    assert.equal(r.value.weeks.length, 9);
    assert.equal(r.value.weeks[0]!.sessionsPerWeek, 2);
    assert.equal(r.value.name, 'Run/walk programme');
  });

  test('bad weeks and blocks are named by their path, with codes', () => {
    const r = validateNewProgramme({
      clientId: 1,
      name: ' ',
      startDate: '2026-13-01',
      weeks: [
        { sessionsPerWeek: 0, blocks: [{ kind: 'sprint', sec: 60 }, { kind: 'run', sec: 5 }] },
        { sessionsPerWeek: 3, blocks: [] },
        { sessionsPerWeek: 3, blocks: [{ kind: 'run', sec: 7200 }, { kind: 'run', sec: 7200 }, { kind: 'walk', sec: 60 }] },
      ],
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(
      r.issues.map((i) => `${i.code} ${i.field}`),
      [
        'emptyText name',
        'invalidDate startDate',
        'outOfRange weeks[0].sessionsPerWeek',
        'unknownValue weeks[0].blocks[0].kind',
        'outOfRange weeks[0].blocks[1].sec',
        'outOfRange weeks[1].blocks',
        'aboveMax weeks[2].blocks',
      ],
    );
    assert.equal(validateNewProgramme({ clientId: 1, startDate: '2026-11-02', template: { weeks: 6 } }).ok, false);
  });

  test('a patch checks only what it changes', () => {
    assert.deepEqual(validateProgrammePatch({ notes: ' knie ' }), { ok: true, value: { notes: 'knie' } });
    const bad = validateProgrammePatch({ weeks: 'many' });
    assert.equal(bad.ok, false);
  });
});

describe('programme progress', () => {
  const programme: RunProgramme = {
    id: 4,
    clientId: 1,
    name: 'p',
    startDate: '2026-11-02',
    weeks: programmeTemplate({ weeks: 9 }),
    notes: '',
    createdAt: '',
    updatedAt: '',
  };

  test('the week of a date: days 0–6 are week 1', () => {
    assert.equal(programmeWeekOf('2026-11-02', '2026-11-02'), 1);
    assert.equal(programmeWeekOf('2026-11-02', '2026-11-08'), 1);
    assert.equal(programmeWeekOf('2026-11-02', '2026-11-09'), 2);
    assert.equal(programmeWeekOf('2026-11-02', '2026-11-01'), 0);
  });

  test('planned vs done per week (one per day), longest run per week, next session, HRR trend', () => {
    const done = [
      { date: '2026-11-03', longestRunSec: 60, hrr60Bpm: 30, hrr120Bpm: 45 },
      { date: '2026-11-03', longestRunSec: 62, hrr60Bpm: null, hrr120Bpm: null }, // the log entry of the same run
      { date: '2026-11-05', longestRunSec: 61, hrr60Bpm: 32, hrr120Bpm: null },
      { date: '2026-11-07', longestRunSec: 60, hrr60Bpm: null, hrr120Bpm: null },
      { date: '2026-11-10', longestRunSec: 125, hrr60Bpm: 34, hrr120Bpm: 50 },
      { date: '2026-10-01', longestRunSec: 30, hrr60Bpm: null, hrr120Bpm: null }, // before the programme
    ];
    const s = programmeStatus(programme, done, '2026-11-11');
    assert.equal(s.state, 'active');
    assert.equal(s.currentWeek, 2);
    assert.deepEqual(s.weeks[0], { week: 1, fromDate: '2026-11-02', toDate: '2026-11-08', planned: 3, done: 3, plannedLongestRunSec: 60, longestRunSec: 62 });
    assert.deepEqual([s.weeks[1]!.done, s.weeks[1]!.longestRunSec, s.weeks[1]!.plannedLongestRunSec], [1, 125, 120]);
    assert.equal(s.weeks[2]!.longestRunSec, null);
    assert.equal(s.next!.week, 2, 'week 2 still has sessions to do');
    assert.deepEqual(s.hrrTrend.map((h) => [h.date, h.hrr60Bpm]), [['2026-11-03', 30], ['2026-11-05', 32], ['2026-11-10', 34]]);
  });

  test('a full week points to the next; before the start week 1; after the end nothing', () => {
    const full = [{ date: '2026-11-09', longestRunSec: 120, hrr60Bpm: null, hrr120Bpm: null }, { date: '2026-11-10', longestRunSec: 120, hrr60Bpm: null, hrr120Bpm: null }, { date: '2026-11-11', longestRunSec: 120, hrr60Bpm: null, hrr120Bpm: null }];
    assert.equal(programmeStatus(programme, full, '2026-11-11').next!.week, 3);
    const before = programmeStatus(programme, [], '2026-10-30');
    assert.deepEqual([before.state, before.currentWeek, before.next!.week], ['notStarted', null, 1]);
    const after = programmeStatus(programme, [], '2027-02-01');
    assert.deepEqual([after.state, after.currentWeek, after.next], ['finished', null, null]);
  });
});

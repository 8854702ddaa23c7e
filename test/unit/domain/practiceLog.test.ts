// The practice log: home sessions per local day against the prescription in force that day.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { buildPracticeLog, type PracticeSession } from '../../../shared/domain/practiceLog.js';
import type { Prescription } from '../../../shared/domain/prescription.js';

const rx = (id: number, date: string, timesPerDay: number, minutes: number): Prescription => ({
  id, clientId: 1, date, createdAt: `${date}T08:00:00.000Z`, rateBpm: 6, ratio: '4:6', inhaleFraction: 0.4, holdInSec: 0, holdOutSec: 0, minutes, timesPerDay, lang: 'nl',
});
/** A session at a local time (the log counts local days). */
const at = (type: PracticeSession['type'], y: number, m: number, d: number, h: number, min: number): PracticeSession => ({
  type, startedAt: new Date(y, m - 1, d, h, 0, 0).toISOString(), durationSec: min * 60,
});

describe('buildPracticeLog', () => {
  // Thursday 10 December 2026, afternoon.
  const now = new Date(2026, 11, 10, 15, 0, 0);

  test('sessions per day against the prescription in force; later prescriptions replace earlier ones', () => {
    const sessions = [
      at('home', 2026, 12, 1, 8, 5), at('home', 2026, 12, 1, 13, 5), at('home', 2026, 12, 1, 20, 6), // Tue 1 Dec: 3 × ~5 min
      at('breathing', 2026, 12, 2, 9, 20), // a session in the practice: not home practice
      at('home', 2026, 12, 8, 7, 15), at('home', 2026, 12, 8, 21, 15), // Tue 8 Dec: 2 × 15
      at('home', 2026, 12, 10, 7, 14.5), // today
    ];
    const log = buildPracticeLog(sessions, [rx(1, '2026-11-30', 6, 5), rx(2, '2026-12-07', 2, 15)], now);
    assert.deepEqual(log.map((w) => w.start), ['2026-12-07', '2026-11-30'], 'newest week first, Mondays');
    const [thisWeek, lastWeek] = log as [(typeof log)[0], (typeof log)[0]];
    const tue1 = lastWeek.days[1]!;
    assert.deepEqual([tue1.date, tue1.sessions, tue1.minutes, tue1.target?.timesPerDay, tue1.target?.minutes], ['2026-12-01', 3, 16, 6, 5]);
    assert.equal(lastWeek.days[2]!.sessions, 0, 'the breathing session in the practice does not count');
    assert.equal(lastWeek.sessions, 3);
    assert.equal(lastWeek.targetSessions, 7 * 6);
    assert.equal(lastWeek.targetMinutes, 7 * 6 * 5);
    // This week: prescription 2 in force from Monday 7 Dec; Friday–Sunday are still to come.
    assert.deepEqual(thisWeek.days.map((d) => d.sessions), [0, 2, 0, 1, 0, 0, 0]);
    assert.deepEqual(thisWeek.days.map((d) => d.future), [false, false, false, false, true, true, true]);
    assert.equal(thisWeek.days[3]!.minutes, 14.5);
    assert.equal(thisWeek.days[0]!.target?.prescriptionId, 2);
    assert.equal(thisWeek.targetSessions, 4 * 2, 'asked up to today only');
    assert.equal(thisWeek.targetMinutes, 4 * 2 * 15);
    assert.equal(thisWeek.minutes, 44.5);
  });

  test('no prescription and no home session: empty; days before the first prescription have no target; at most maxWeeks', () => {
    assert.deepEqual(buildPracticeLog([at('biofeedback', 2026, 12, 9, 9, 20)], [], now), []);
    const log = buildPracticeLog([at('home', 2026, 9, 1, 9, 10)], [rx(1, '2026-12-09', 2, 10)], now, 3);
    assert.equal(log.length, 3);
    assert.equal(log[0]!.days[1]!.target, null, 'Tuesday 8 Dec: before the prescription of 9 Dec');
    assert.equal(log[0]!.days[2]!.target?.timesPerDay, 2);
    assert.equal(log[2]!.start, '2026-11-23');
  });
});

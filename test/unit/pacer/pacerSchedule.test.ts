import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { PacerSchedule, createPacerState, pacerStateAt, type PacerSettings } from '../../../shared/pacer/index.js';

const close = (a: number, b: number, tol: number, msg?: string) =>
  assert.ok(Math.abs(a - b) <= tol, `${msg ?? ''} expected ${b} ± ${tol}, got ${a}`);

const six: PacerSettings = { rateBpm: 6, inhaleFraction: 0.4 };
const five: PacerSettings = { rateBpm: 5, inhaleFraction: 0.5 };

/** Start times of every inhale in [0, endSec), found by scanning the schedule on a fine grid. */
function scanBreathStarts(s: PacerSchedule, endSec: number, dt = 0.001): { t: number; index: number }[] {
  const out = createPacerState();
  const starts: { t: number; index: number }[] = [];
  let prevIndex = Number.NaN;
  for (let i = 0; i * dt < endSec; i++) {
    const st = s.at(i * dt, out);
    if (st.breathIndex !== prevIndex) starts.push({ t: st.breathStartSec, index: st.breathIndex });
    prevIndex = st.breathIndex;
  }
  return starts;
}

describe('PacerSchedule', () => {
  test('without changes it equals pacerStateAt shifted to its start', () => {
    const s = new PacerSchedule(six, 3);
    for (const t of [3, 4.1, 9.99, 13, 57.3]) {
      const a = s.at(t);
      const b = pacerStateAt(six, t - 3);
      assert.equal(a.breathIndex, b.breathIndex);
      assert.equal(a.phase, b.phase);
      close(a.lung, b.lung, 1e-12);
    }
  });

  test('a change mid-breath takes effect at the next breath boundary, recorded with both times', () => {
    const s = new PacerSchedule(six);
    const r = s.change(five, 23.4);
    assert.deepEqual(r, { effectiveSec: 30 });
    const seg = s.segments[1];
    assert.equal(seg.requestedSec, 23.4);
    assert.equal(seg.startSec, 30);
    assert.equal(seg.firstBreathIndex, 3);
    assert.equal(s.at(29.99).rateBpm, 6);
    assert.equal(s.at(30).rateBpm, 5);
    assert.equal(s.at(29.99).breathIndex, 2);
    assert.equal(s.at(30).breathIndex, 3);
    assert.equal(s.at(42).breathIndex, 4); // 30 + 12 s
  });

  test('breath phase and lung are continuous across changes; boundaries are whole breaths', () => {
    const s = new PacerSchedule(six);
    s.change(five, 23.4);
    s.change({ rateBpm: 8, inhaleFraction: 0.3, holdInSec: 1 }, 61);
    s.change({ rateBpm: 3, inhaleFraction: 0.5 }, 80);
    const starts = scanBreathStarts(s, 140);
    // Expected boundaries: 0,10,20,30 (6/min) | 42,54,66 (5/min; 61 → 66) | 73.5,81 (8/min; 80 → 81) | 101,121 (3/min).
    const expected = [0, 10, 20, 30, 42, 54, 66, 73.5, 81, 101, 121];
    assert.deepEqual(
      starts.map((x) => x.index),
      expected.map((_, i) => i),
    );
    starts.forEach((x, i) => close(x.t, expected[i], 1e-9, `breath ${i}`));
    // Phase just before a boundary is ≈ 2π, just after ≈ 0; lung just before is ≈ 0.
    for (const b of [30, 66, 81]) {
      close(s.at(b - 1e-6).breathPhaseRad, 2 * Math.PI, 1e-5, `phase before ${b}`);
      close(s.at(b + 1e-6).breathPhaseRad, 0, 1e-5, `phase after ${b}`);
      close(s.at(b - 1e-6).lung, 0, 1e-6);
    }
  });

  test('a change requested exactly on a boundary takes effect immediately', () => {
    const s = new PacerSchedule(six);
    assert.deepEqual(s.change(five, 20), { effectiveSec: 20 });
    assert.equal(s.at(20).rateBpm, 5);
    assert.equal(s.at(20).breathIndex, 2);
    assert.deepEqual(new PacerSchedule(six).change(five, 0), { effectiveSec: 0 });
  });

  test('a later request before the boundary replaces the pending change', () => {
    const s = new PacerSchedule(six);
    s.change(five, 12);
    const r = s.change({ rateBpm: 4, inhaleFraction: 0.5 }, 15);
    assert.deepEqual(r, { effectiveSec: 20 });
    assert.equal(s.segments.length, 2);
    assert.equal(s.at(25).rateBpm, 4);
  });

  test('queries in any order agree (cursor and binary search)', () => {
    const s = new PacerSchedule(six);
    for (let k = 1; k <= 20; k++) s.change({ rateBpm: 6 - k * 0.1, inhaleFraction: 0.4 }, k * 10 + 0.5);
    const times = Array.from({ length: 400 }, (_, i) => i * 0.7);
    const forward = times.map((t) => s.at(t).breathIndex + s.at(t).breathPhaseRad);
    const shuffled = times.map((_, i) => (i * 7919) % times.length);
    for (const i of shuffled) close(s.at(times[i]).breathIndex + s.at(times[i]).breathPhaseRad, forward[i], 1e-12);
  });

  test('fromSteps builds the resonance protocol 6.5 → 4.5 in whole breaths', () => {
    const rates = [6.5, 6, 5.5, 5, 4.5];
    const s = PacerSchedule.fromSteps(rates.map((rateBpm) => ({ settings: { rateBpm, inhaleFraction: 0.4 }, durationSec: 120 })));
    assert.ok(!('error' in s));
    assert.deepEqual(
      s.segments.map((g) => g.settings.rateBpm),
      rates,
    );
    // 120 s is a whole number of breaths at every one of these rates.
    s.segments.forEach((g, i) => close(g.startSec, 120 * i, 1e-9));
    close(s.endSec ?? NaN, 600, 1e-9);
    assert.equal(s.at(599).finished, false);
    assert.equal(s.at(600).finished, true);
    assert.equal(s.at(600).breathIndex, 13 + 12 + 11 + 10 + 9);
  });

  test('fromSteps rounds a step up to the next breath boundary', () => {
    const s = PacerSchedule.fromSteps([
      { settings: { rateBpm: 6.5, inhaleFraction: 0.5 }, durationSec: 100 },
      { settings: { rateBpm: 6, inhaleFraction: 0.5 }, durationSec: 25 },
    ]);
    assert.ok(!('error' in s));
    close(s.segments[1].startSec, 11 * (60 / 6.5), 1e-9); // 100 s = 10.83 breaths → 11
    close(s.endSec ?? NaN, 11 * (60 / 6.5) + 30, 1e-9); // 25 s → 3 breaths of 10 s
  });

  test('durationSec of the initial settings ends the session at a breath boundary; finishAt moves it', () => {
    const s = new PacerSchedule({ ...six, durationSec: 61 });
    assert.equal(s.endSec, 70);
    assert.equal(s.finishAt(80), 80);
    assert.equal(s.at(79.9).finished, false);
    assert.equal(s.finishAt(null), null);
    assert.equal(s.at(1e5).finished, false);
  });

  test('bad input gives errors, not crashes', () => {
    assert.throws(() => new PacerSchedule({ rateBpm: 20, inhaleFraction: 0.5 }), /rateBpm/);
    const c = PacerSchedule.create({ rateBpm: 6, inhaleFraction: 2 });
    assert.ok('error' in c && /inhaleFraction/.test(c.error));
    const s = new PacerSchedule(six, 10);
    const r1 = s.change({ rateBpm: 1, inhaleFraction: 0.5 }, 20);
    assert.ok('error' in r1 && /rateBpm/.test(r1.error));
    const r2 = s.change(five, 5);
    assert.ok('error' in r2 && /before the schedule start/.test(r2.error));
    const r3 = s.change(five, Number.NaN);
    assert.ok('error' in r3);
    assert.equal(s.segments.length, 1);
    const f = PacerSchedule.fromSteps([{ settings: six, durationSec: 0 }]);
    assert.ok('error' in f && /durationSec/.test(f.error));
    assert.ok('error' in PacerSchedule.fromSteps([]));
  });

  test('the version counter changes on every edit', () => {
    const s = new PacerSchedule(six);
    const v0 = s.version;
    s.change(five, 3);
    assert.ok(s.version > v0);
  });
});

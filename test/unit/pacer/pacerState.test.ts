import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createPacerState, pacerStateAt, pacerTiming, type PacerSettings } from '../../../shared/pacer/index.js';

const close = (a: number, b: number, tol: number, msg?: string) =>
  assert.ok(Math.abs(a - b) <= tol, `${msg ?? ''} expected ${b} ± ${tol}, got ${a}`);

describe('pacerStateAt', () => {
  test('the state repeats exactly every 60/rate seconds and the breath index counts breaths', () => {
    const s: PacerSettings = { rateBpm: 5.5, inhaleFraction: 0.4, holdInSec: 0.7 };
    const period = 60 / 5.5;
    for (const t of [0.3, 2.9, 4.5, 7.77, 10.5]) {
      const a = pacerStateAt(s, t);
      const b = pacerStateAt(s, t + 7 * period);
      assert.equal(b.breathIndex, a.breathIndex + 7);
      assert.equal(b.phase, a.phase);
      close(b.lung, a.lung, 1e-9);
      close(b.breathPhaseRad, a.breathPhaseRad, 1e-9);
      close(b.breathStartSec, a.breathStartSec + 7 * period, 1e-9);
    }
  });

  test('phase boundaries: in → hold-in → out → hold-out at the computed times', () => {
    const s: PacerSettings = { rateBpm: 6, inhaleFraction: 0.4, holdInSec: 1, holdOutSec: 1 };
    // 10 s breath: in 0–3.2, hold-in 3.2–4.2, out 4.2–9, hold-out 9–10.
    const expectPhase = (t: number, phase: string, progress: number, lung: number) => {
      const st = pacerStateAt(s, t);
      assert.equal(st.phase, phase, `phase at ${t}`);
      close(st.phaseProgress, progress, 1e-8, `progress at ${t}`);
      close(st.lung, lung, 1e-9, `lung at ${t}`);
    };
    expectPhase(0, 'in', 0, 0);
    expectPhase(1.6, 'in', 0.5, 0.5);
    expectPhase(3.2 - 1e-9, 'in', 1, 1);
    expectPhase(3.2 + 1e-9, 'hold-in', 0, 1);
    expectPhase(3.7, 'hold-in', 0.5, 1);
    expectPhase(4.2 + 1e-9, 'out', 0, 1);
    expectPhase(6.6, 'out', 0.5, 0.5);
    expectPhase(9 + 1e-9, 'hold-out', 0, 0);
    expectPhase(9.5, 'hold-out', 0.5, 0);
    expectPhase(10, 'in', 0, 0);
    assert.equal(pacerStateAt(s, 10).breathIndex, 1);
    assert.equal(pacerStateAt(s, 10 - 1e-9).breathIndex, 0);
  });

  test('without holds the exhale follows the inhale directly', () => {
    const s: PacerSettings = { rateBpm: 6, inhaleFraction: 0.5 };
    assert.equal(pacerStateAt(s, 4.999).phase, 'in');
    assert.equal(pacerStateAt(s, 5.001).phase, 'out');
    assert.equal(pacerStateAt(s, 9.999).phase, 'out');
  });

  test('lung volume is continuous, 0..1, and rises only while inhaling', () => {
    const s: PacerSettings = { rateBpm: 4.5, inhaleFraction: 0.45, holdInSec: 1.5, holdOutSec: 0.5 };
    let prev = pacerStateAt(s, 0).lung;
    let prevPhase = 'in';
    const dt = 0.001;
    for (let t = dt; t < 40; t += dt) {
      const st = pacerStateAt(s, t);
      assert.ok(st.lung >= 0 && st.lung <= 1);
      assert.ok(Math.abs(st.lung - prev) < 0.002, `jump at ${t}`);
      if (st.lung > prev + 1e-12) assert.ok(st.phase === 'in' || prevPhase === 'in', `lung rises outside inhale at ${t}`);
      prev = st.lung;
      prevPhase = st.phase;
    }
  });

  test('breathPhaseRad is 0 at the inhale start and grows linearly by 2π per breath', () => {
    const s: PacerSettings = { rateBpm: 6, inhaleFraction: 0.4 };
    close(pacerStateAt(s, 0).breathPhaseRad, 0, 1e-12);
    close(pacerStateAt(s, 2.5).breathPhaseRad, Math.PI / 2, 1e-12);
    close(pacerStateAt(s, 17.5).breathPhaseRad, (3 * Math.PI) / 2, 1e-9);
    close(pacerStateAt(s, 20).breathPhaseRad, 0, 1e-9);
  });

  test('finished after durationSec, once the breath in progress is complete', () => {
    const s: PacerSettings = { rateBpm: 6, inhaleFraction: 0.5, durationSec: 95 };
    assert.equal(pacerStateAt(s, 94).finished, false);
    assert.equal(pacerStateAt(s, 99.9).finished, false);
    assert.equal(pacerStateAt(s, 100).finished, true);
    assert.equal(pacerStateAt({ rateBpm: 6, inhaleFraction: 0.5 }, 1e6).finished, false);
  });

  test('fills a caller-owned state object', () => {
    const out = createPacerState();
    const s: PacerSettings = { rateBpm: 6, inhaleFraction: 0.5 };
    assert.equal(pacerStateAt(s, 12, out), out);
    assert.equal(out.breathIndex, 1);
    assert.equal(out.rateBpm, 6);
    assert.equal(out.periodSec, pacerTiming(s).periodSec);
  });
});

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { PacerSchedule, pacerStateAt, type PacerSettings } from '../../../shared/pacer/index.js';
import { PpgSimulator, simulateBeatTimes, simulatePpg } from '../../../shared/sim/index.js';
import { dominantFrequency, hrFromBeats, mean, resample, sineFit, wrapRad } from './hrSeries.js';

const paced = (rateBpm: number): PacerSettings => ({ rateBpm, inhaleFraction: 0.5 });

/** RSA amplitude (peak-to-trough, bpm) at the pacer frequency, from truth beat times. */
function rsaAt(rateBpm: number, seed: number): { ptt: number; phase: number } {
  const r = simulateBeatTimes({ seed, compliance: 1 }, 420, paced(rateBpm));
  const { t, hr } = hrFromBeats(r.tSec);
  const t0 = 60;
  const y = resample(t, hr, 4, t0, 400);
  const fit = sineFit(y, 4, t0, rateBpm / 60);
  return { ptt: 2 * fit.amp, phase: fit.phase };
}

describe('simulated physiology', () => {
  test('mean heart rate ≈ hrBpm', () => {
    for (const [hrBpm, seed] of [
      [55, 1],
      [72, 2],
      [110, 3],
    ]) {
      const r = simulateBeatTimes({ hrBpm, seed }, 600);
      const beatsPerMin = ((r.tSec.length - 1) / (r.tSec[r.tSec.length - 1] - r.tSec[0])) * 60;
      assert.ok(Math.abs(beatsPerMin - hrBpm) < 2.5, `hr ${hrBpm}: ${beatsPerMin}`);
      assert.ok(Math.abs(mean(hrFromBeats(r.tSec).hr) - hrBpm) < 3);
    }
  });

  test('paced at 6/min with compliance 1, the HR oscillates at 0.1 Hz', () => {
    const r = simulateBeatTimes({ seed: 4, compliance: 1 }, 360, paced(6));
    const { t, hr } = hrFromBeats(r.tSec);
    const y = resample(t, hr, 4, 30, 350);
    const f = dominantFrequency(y, 4, 0.04, 0.4);
    assert.ok(Math.abs(f - 0.1) < 0.003, `dominant ${f} Hz`);
    // And unpaced at 12/min: around 0.2 Hz (spontaneous breathing wanders a little).
    const s = simulateBeatTimes({ seed: 4, breathingBpm: 12, baroreflex: 0, driftBpm: 0 }, 360);
    const hs = hrFromBeats(s.tSec);
    const fs = dominantFrequency(resample(hs.t, hs.hr, 4, 30, 350), 4, 0.04, 0.4);
    assert.ok(Math.abs(fs - 0.2) < 0.03, `spontaneous dominant ${fs} Hz`);
  });

  test('the HR oscillation is largest at the resonance rate, smaller 1 breath/min either side', () => {
    for (const seed of [1, 2, 3]) {
      const at = rsaAt(5.5, seed).ptt;
      const below = rsaAt(4.5, seed).ptt;
      const above = rsaAt(6.5, seed).ptt;
      assert.ok(at > 1.08 * below && at > 1.08 * above, `seed ${seed}: 4.5→${below}, 5.5→${at}, 6.5→${above}`);
      assert.ok(at > 10 && at < 18, `peak-to-trough at resonance ${at}`);
    }
    const fast = rsaAt(12, 1).ptt;
    assert.ok(fast > 2.5 && fast < 5.5, `at 12/min ${fast}`);
  });

  test('HR rises during the inhale at resonance', () => {
    const { truth } = simulatePpg({ seed: 5, compliance: 1, resonanceBpm: 6 }, 300, { rateBpm: 6, inhaleFraction: 0.4 });
    let rising = 0;
    let n = 0;
    for (const b of truth.breaths.tSec) {
      if (b < 30 || b > 285) continue;
      // Inhale lasts 4 s; compare HR from the beats just after the start and just before the end.
      const hrStart = truth.hrBpmAt(b + 0.3);
      const hrEnd = truth.hrBpmAt(b + 3.7);
      if (hrEnd > hrStart) rising++;
      n++;
    }
    assert.ok(n >= 24);
    assert.ok(rising >= n - 1, `${rising} of ${n} inhales with rising HR`);
    // The same from the beat times alone: HR at inhale ends exceeds HR at inhale starts on average.
    const { t, hr } = hrFromBeats(truth.beats.tSec);
    const interp = (x: number) => resample(t, hr, 1, x, x)[0];
    const d = truth.breaths.tSec.filter((b) => b > 30 && b < 285).map((b) => interp(b + 4) - interp(b));
    assert.ok(mean(d) > 5, `mean rise over the inhale ${mean(d)} bpm`);
  });

  test('the HR phase against breathing matches the model phase reported in truth', () => {
    for (const rate of [4.5, 5.5, 8]) {
      const { phase } = rsaAt(rate, 7);
      const r = simulateBeatTimes({ seed: 7 }, 10, paced(rate));
      const model = r.truth.rsaPhaseRadAt(rate);
      // Lung volume (1 − cos ψ)/2 peaks at ψ = π: as sin(2πft + φ) its phase is −π/2; HR leads by `model`.
      const expected = -Math.PI / 2 + model;
      const err = wrapRad(phase - expected);
      assert.ok(Math.abs(err) < (15 * Math.PI) / 180, `rate ${rate}: phase error ${((err * 180) / Math.PI).toFixed(1)}°`);
    }
  });

  test('breathing follows the pacer exactly with compliance 1, including schedule changes', () => {
    const schedule = PacerSchedule.fromSteps(
      [6.5, 6, 5.5].map((rateBpm) => ({ settings: { rateBpm, inhaleFraction: 0.4 }, durationSec: 60 })),
    );
    assert.ok(!('error' in schedule));
    const r = simulateBeatTimes({ seed: 3, compliance: 1 }, 200, schedule);
    const breaths = r.truth.breaths.tSec.filter((b) => b > 0.5 && b < 179);
    // Pacer boundaries in (0.5, 179): every breath start of the schedule.
    const expected: number[] = [];
    for (let t = 0.01; t < 179; t += 0.01) {
      const s = schedule.at(t);
      if (expected.length === 0 || s.breathStartSec > expected[expected.length - 1] + 1e-6)
        if (s.breathStartSec > 0.5) expected.push(s.breathStartSec);
    }
    assert.equal(breaths.length, expected.length);
    breaths.forEach((b, i) => assert.ok(Math.abs(b - expected[i]) < 1e-6, `breath ${i}: ${b} vs ${expected[i]}`));
    assert.equal(r.truth.breathingBpmAt(30), 6.5);
    assert.equal(r.truth.breathingBpmAt(90), 6);
    assert.equal(r.truth.breathingBpmAt(150), 5.5);
    // After the schedule ends (180 s) breathing drifts back to the spontaneous 12/min.
    assert.ok(r.truth.breathingBpmAt(199) > 8);
  });

  test('with lower compliance breathing wanders around the pacer rate', () => {
    const pacer = paced(6);
    const count = (compliance: number) => {
      const r = simulateBeatTimes({ seed: 11, compliance }, 1200, pacer);
      const b = r.truth.breaths.tSec;
      const rates = b.slice(1).map((x, i) => 60 / (x - b[i]));
      const dev = rates.map((x) => Math.abs(x - 6));
      return { n: b.length, meanDev: mean(dev), maxRate: Math.max(...rates) };
    };
    const exact = count(1);
    const good = count(0.9);
    const poor = count(0.4);
    assert.ok(exact.meanDev < 0.01);
    assert.ok(good.meanDev > 0.02 && good.meanDev < 0.5, `c=0.9 mean deviation ${good.meanDev}`);
    assert.ok(Math.abs(good.n - 120) <= 6, `c=0.9 breaths ${good.n}`);
    assert.ok(poor.meanDev > good.meanDev);
    assert.ok(poor.maxRate > 9, 'with low compliance the person drifts back towards 12/min');
    // Compliance 0 ignores the pacer.
    const none = simulateBeatTimes({ seed: 11, compliance: 0 }, 300, pacer).truth.breaths.tSec;
    assert.ok(none.length > 50, `${none.length} breaths in 5 min at compliance 0`);
  });

  test('spontaneous breathing runs at breathingBpm with some variability', () => {
    const r = simulateBeatTimes({ seed: 12, breathingBpm: 15 }, 600);
    const b = r.truth.breaths.tSec;
    const rate = ((b.length - 1) / (b[b.length - 1] - b[0])) * 60;
    assert.ok(Math.abs(rate - 15) < 1.5, `rate ${rate}`);
    const rates = b.slice(1).map((x, i) => 60 / (x - b[i]));
    assert.ok(Math.max(...rates) - Math.min(...rates) > 1, 'not a metronome');
  });

  test('a pacer set on the simulator starts at the current sim time', () => {
    const sim = new PpgSimulator({ seed: 2, compliance: 1, fsHz: 100 });
    sim.generate(1000); // 10 s spontaneous
    sim.setPacer({ rateBpm: 6, inhaleFraction: 0.4 });
    sim.generate(6000);
    const after = sim.truth.breaths.tSec.filter((b) => b > 10.5 && b < 65);
    assert.deepEqual(
      after.map((b) => Math.round(b * 1e6) / 1e6),
      [20, 30, 40, 50, 60],
    );
    assert.equal(sim.truth.breathingBpmAt(5), sim.truth.breathingBpmAt(5)); // finite
    assert.ok(Math.abs(sim.truth.breathingBpmAt(5) - 12) < 3);
    assert.equal(sim.truth.breathingBpmAt(30), 6);
    sim.setPacer(null);
    sim.generate(6000);
    assert.ok(sim.truth.breathingBpmAt(125) > 9, 'back to spontaneous breathing');
  });

  test('edits of a shared PacerSchedule are followed at the next breath boundary', () => {
    const schedule = new PacerSchedule({ rateBpm: 6, inhaleFraction: 0.5 });
    const sim = new PpgSimulator({ seed: 21, compliance: 1, fsHz: 50 });
    sim.setPacer(schedule);
    sim.generate(50 * 33); // 33 s
    const r = schedule.change({ rateBpm: 4, inhaleFraction: 0.5 }, sim.tSec);
    assert.deepEqual(r, { effectiveSec: 40 });
    sim.generate(50 * 60);
    const b = sim.truth.breaths.tSec.filter((t) => t > 15 && t < 90).map((t) => Math.round(t * 1e6) / 1e6);
    assert.deepEqual(b, [20, 30, 40, 55, 70, 85]);
  });

  test('ectopic beats: premature, followed by a compensatory pause, recorded in truth', () => {
    const r = simulateBeatTimes({ seed: 13, ectopicPerMin: 3 }, 600);
    const idx = r.kind.flatMap((k, i) => (k === 'ectopic' ? [i] : []));
    assert.ok(idx.length >= 15 && idx.length <= 50, `${idx.length} ectopic beats in 10 min`);
    let checked = 0;
    for (const i of idx) {
      if (i < 3 || i + 2 >= r.tSec.length || r.kind[i - 2] !== 'normal' || r.kind[i - 1] !== 'normal' || r.kind[i + 1] !== 'normal') continue;
      const before = r.tSec[i - 1] - r.tSec[i - 2];
      const pre = r.tSec[i] - r.tSec[i - 1];
      const post = r.tSec[i + 1] - r.tSec[i];
      assert.ok(pre < 0.8 * before, `premature: ${pre} vs ${before}`);
      assert.ok(post > 1.1 * before, `pause: ${post} vs ${before}`);
      assert.ok(Math.abs(pre + post - 2 * before) < 0.25 * before, 'compensatory: pre + post ≈ 2 RR');
      checked++;
    }
    assert.ok(checked >= 10);
    const none = simulateBeatTimes({ seed: 13 }, 600);
    assert.equal(none.kind.filter((k) => k === 'ectopic').length, 0);
  });

  test('hrBpmAt follows the beat intervals', () => {
    const r = simulateBeatTimes({ seed: 14 }, 120, paced(6));
    const { t, hr } = hrFromBeats(r.tSec);
    const diffs = t.filter((x) => x > 5 && x < 115).map((x) => Math.abs(r.truth.hrBpmAt(x) - hr[t.indexOf(x)]));
    assert.ok(mean(diffs) < 1.5, `mean |model − beat HR| ${mean(diffs)}`);
    assert.ok(Number.isFinite(r.truth.hrBpmAt(-5)) && Number.isFinite(r.truth.hrBpmAt(1e6)));
  });

  test('pacer settings given to simulatePpg match pacerStateAt', () => {
    const settings = { rateBpm: 5, inhaleFraction: 0.4, holdInSec: 1 };
    const { truth } = simulatePpg({ seed: 15, compliance: 1 }, 61, settings);
    const inside = truth.breaths.tSec.filter((b) => b > 1 && b < 60);
    assert.deepEqual(inside.length, 4);
    for (const b of inside) {
      const s = pacerStateAt(settings, b + 1e-6);
      assert.equal(s.phase, 'in');
      assert.ok(s.phaseProgress < 1e-5);
    }
  });
});

describe('exercise intervals (run blocks)', () => {
  test('the heart rate rises during an exercise interval and recovers after it', () => {
    const { truth } = simulatePpg({ seed: 3, hrBpm: 70, driftBpm: 0, exercise: [[60, 180, 60]] }, 400);
    const mean = (a: number, b: number): number => {
      let s = 0;
      let n = 0;
      for (let t = a; t < b; t += 0.5) {
        s += truth.hrBpmAt(t);
        n++;
      }
      return s / n;
    };
    assert.ok(Math.abs(mean(10, 60) - 70) < 5, 'rest before');
    assert.ok(mean(150, 180) > 120, `end of the run block ${mean(150, 180)}`);
    const atEnd = mean(175, 180);
    const after60 = mean(238, 242);
    assert.ok(atEnd - after60 > 25 && atEnd - after60 < 60, `a recovery over 60 s: ${atEnd - after60}`);
    assert.ok(Math.abs(mean(360, 400) - 70) < 8, 'back near rest');
  });
});

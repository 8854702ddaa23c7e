import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { respirationFromHr, respirationAt, RespirationTracker, hrPacerPhase, type RespirationDetail } from '../../../shared/dsp/respiration.js';
import { recordInput, score, simInput } from '../../bench/respiration.js';
import { RespReference } from '../../support/respRate.js';
import { gaussian, ipfm, nnFromIbi, withGap } from './hrvTestSignals.js';

/** HR = 62 + rsa·sin(2π·bpm/60·t) + mayer·sin(2π·0.1·t) + slow coloured noise (seeded). */
function breathingHr(bpm: number, rsa: number, mayer: number, noiseBpm: number, seed: number, durationSec: number) {
  const g = gaussian(seed);
  let n = 0;
  return ipfm((t) => {
    n = 0.995 * n + noiseBpm * 0.1 * g();
    return 62 + rsa * Math.sin(2 * Math.PI * (bpm / 60) * t) + mayer * Math.sin(2 * Math.PI * 0.1 * t + 1) + n;
  }, durationSec);
}


describe('breathing rate on simulated truth', () => {
  test('paced breathing at 4–7 breaths/min from HR alone (synthetic RSA, Mayer wave, coloured noise): answered, every rate within 0.3', () => {
    for (const bpm of [4, 5, 5.5, 6, 7]) {
      const s = breathingHr(bpm, 4, bpm === 7 ? 1 : 0.5, 1, 100 + 10 * bpm, 240);
      const r = respirationFromHr(s.tSec, s.ibiMs, { stepSec: 1 });
      assert.ok(r.series.length > 170, `${bpm}: ${r.series.length} points`);
      const answered = r.series.filter((p) => p.rateBpm !== null);
      assert.ok(answered.length >= 0.98 * r.series.length, `${bpm}/min: ${answered.length}/${r.series.length} answered`);
      for (const p of answered) {
        assert.ok(Math.abs(p.rateBpm! - bpm) <= 0.3, `${bpm}/min at t=${p.tSec.toFixed(1)}: ${p.rateBpm}`);
        assert.equal(p.reason, null);
      }
      assert.ok(Math.abs(r.rateBpmMean! - bpm) < 0.05, `${bpm}/min mean ${r.rateBpmMean}`);
    }
  });

  test('a pure sinusoidal RSA is located without bias (3.5–20 breaths/min, ±0.01)', () => {
    for (const bpm of [3.5, 4, 6, 10, 15, 20]) {
      const s = ipfm((t) => 65 + 5 * Math.sin(2 * Math.PI * (bpm / 60) * t + 0.7), 200);
      for (const end of [70, 133, 197]) {
        const d = respirationAt(s.tSec, s.ibiMs, end);
        assert.ok(d.rateBpm !== null && Math.abs(d.rateBpm - bpm) < 0.01, `${bpm}/min at ${end}: ${d.rateBpm}`);
      }
    }
  });

  test('spontaneous breathing 12–20 /min with a Mayer wave half the RSA: the breathing, not the 0.1 Hz wave', () => {
    for (const bpm of [12, 15, 20]) {
      const s = breathingHr(bpm, 2, 1, 1, bpm, 240);
      const r = respirationFromHr(s.tSec, s.ibiMs, { stepSec: 5 });
      const answered = r.series.filter((p) => p.rateBpm !== null);
      assert.ok(answered.length >= 0.8 * r.series.length, `${bpm}/min: ${answered.length}/${r.series.length} answered`);
      for (const p of answered) assert.ok(Math.abs(p.rateBpm! - bpm) <= 0.5, `${bpm}/min at ${p.tSec}: ${p.rateBpm}`);
    }
  });

  test('a Mayer wave as large as the RSA is rarely reported as 6 /min breathing (mostly withheld)', () => {
    const s = breathingHr(15, 1, 1, 1, 3, 300);
    const r = respirationFromHr(s.tSec, s.ibiMs, { stepSec: 5 });
    let wrong = 0;
    for (const p of r.series) {
      if (p.rateBpm === null) assert.equal(p.reason, 'no-clear-peak');
      else if (Math.abs(p.rateBpm - 15) > 0.5) wrong++;
    }
    assert.ok(wrong <= 0.1 * r.series.length, `${wrong}/${r.series.length} windows reported the Mayer wave`);
  });

  test('follows a change of rate (12 → 5.5 /min) once the window holds the new rate', () => {
    const switchSec = 150;
    const phaseAt = (t: number): number => (t < switchSec ? (12 / 60) * t : (12 / 60) * switchSec + (5.5 / 60) * (t - switchSec));
    const s = ipfm((t) => 62 + 4 * Math.sin(2 * Math.PI * phaseAt(t)), 300);
    const r = respirationFromHr(s.tSec, s.ibiMs, { stepSec: 2 });
    for (const p of r.series) {
      if (p.tSec < switchSec - 1) assert.ok(p.rateBpm !== null && Math.abs(p.rateBpm - 12) <= 0.3, `t=${p.tSec}: ${p.rateBpm}`);
      if (p.tSec > switchSec + 61) assert.ok(p.rateBpm !== null && Math.abs(p.rateBpm - 5.5) <= 0.3, `t=${p.tSec}: ${p.rateBpm}`);
    }
  });

  test('fusion: a weak RSA buried in noise is rescued by a strong PPG amplitude (RIAV) modulation', () => {
    const bpm = 9;
    const s = breathingHr(bpm, 0.4, 1.5, 6, 42, 300);
    const amp = { tSec: s.tSec, value: Array.from(s.tSec, (t) => 1 + 0.2 * Math.sin(2 * Math.PI * (bpm / 60) * t)) };
    const hrOnly = respirationFromHr(s.tSec, s.ibiMs, { stepSec: 5, minConfidence: [0, 0, 0] });
    const fused = respirationFromHr(s.tSec, s.ibiMs, { stepSec: 5, amplitude: amp });
    const miss = (r: typeof fused): number => r.series.filter((p) => p.rateBpm === null || Math.abs(p.rateBpm - bpm) > 0.3).length;
    assert.ok(miss(hrOnly) > 5, `HR alone should fail often here (${miss(hrOnly)} misses) for the test to mean something`);
    assert.equal(miss(fused), 0, `fused misses ${miss(fused)}`);
    const d = respirationAt(s.tSec, s.ibiMs, 200, { amplitude: amp, baseline: { tSec: [], value: [] } });
    assert.deepEqual(d.sources, { hr: true, amplitude: true, baseline: false });
  });

  test('PPG simulator paced at 4, 5.5 and 7 /min (NN + pulse amplitude + baseline as analyzeBeats passes them): every window within 0.3', () => {
    for (const rate of [4, 5.5, 7]) {
      const input = simInput(`paced ${rate}`, { seed: 11, compliance: 1 }, rate, 180);
      const s = score(input, respirationAt, 5);
      assert.equal(s.answered, s.windows, `${rate}/min: ${s.answered}/${s.windows} answered`);
      for (const e of s.errors) assert.ok(Math.abs(e.est! - e.ref!) <= 0.3, `${rate}/min at ${e.tSec}: ${e.est} vs ${e.ref}`);
    }
  });
});

describe('withheld with a reason instead of guessed', () => {
  test('white-noise HR: mostly null with reason no-clear-peak, never a crash', () => {
    const g = gaussian(77);
    const s = nnFromIbi(() => 900 + 50 * g(), 600);
    const r = respirationFromHr(s.tSec, s.ibiMs, { stepSec: 5 });
    const nulls = r.series.filter((p) => p.rateBpm === null);
    assert.ok(nulls.length > 0.85 * r.series.length, `${nulls.length}/${r.series.length} null`);
    for (const p of nulls) assert.equal(p.reason, 'no-clear-peak');
  });

  test('noise in all three modulations: ≥ 85 % withheld', () => {
    let answered = 0;
    let total = 0;
    for (const seed of [1, 2, 3, 4]) {
      const g = gaussian(seed);
      const s = nnFromIbi(() => 850 + 40 * g(), 400);
      const amp = { tSec: s.tSec, value: Array.from(s.tSec, () => 1 + 0.1 * g()) };
      const base = { tSec: s.tSec, value: Array.from(s.tSec, () => g()) };
      for (let end = 70; end <= 390; end += 20) {
        total++;
        if (respirationAt(s.tSec, s.ibiMs, end, { amplitude: amp, baseline: base }).rateBpm !== null) answered++;
      }
    }
    assert.ok(answered <= 0.15 * total, `${answered}/${total} noise windows answered`);
  });

  test("a gap > 3 s gives 'coverage', the first window not yet full gives 'too-short', empty input no points", () => {
    const s = withGap(breathingHr(6, 4, 0, 0, 1, 240), 120, 126);
    const r = respirationFromHr(s.tSec, s.ibiMs);
    for (const p of r.series) {
      if (p.tSec > 128 && p.tSec - 60 < 119) assert.deepEqual([p.rateBpm, p.reason], [null, 'coverage'], `t=${p.tSec}`);
      if (p.tSec < 118 || p.tSec - 60 > 128) assert.ok(p.rateBpm !== null && Math.abs(p.rateBpm - 6) <= 0.3, `t=${p.tSec}: ${p.rateBpm}`);
    }
    assert.equal(respirationAt(s.tSec, s.ibiMs, 140).reason, 'coverage');
    assert.equal(respirationAt(s.tSec, s.ibiMs, 30).reason, 'too-short');
    const e = respirationFromHr([], []);
    assert.deepEqual(e.series, []);
    assert.equal(e.rateBpmMean, null);
    const short = ipfm(() => 60, 20);
    assert.equal(respirationFromHr(short.tSec, short.ibiMs).series.length, 0);
    assert.equal(respirationAt(short.tSec, short.ibiMs, 20).reason, 'too-short');
    assert.equal(respirationAt(short.tSec, short.ibiMs, NaN).rateBpm, null);
    assert.match(r.settings.method, /whitened/);
    assert.match(r.settings.method, /nnSpectrum/);
  });
});

describe('real recordings with a respiration reference (belt / impedance)', () => {
  const records = ['neurokit_resting_5min_100hz.csv', 'bidmc01_125hz.csv'].map(recordInput);

  test('one-minute windows: ≥ 90 % of the usable ones answered, MAE ≤ 1.0 breaths/min against the belt on each record', () => {
    let usable = 0;
    let answered = 0;
    for (const r of records) {
      const s = score(r, respirationAt, 60);
      usable += s.usable;
      answered += s.answered;
      assert.ok(s.mae[0] <= 1.0, `${r.name}: MAE ${s.mae[0].toFixed(2)} vs the belt (${JSON.stringify(s.errors)})`);
    }
    assert.ok(answered >= 0.9 * usable, `${answered}/${usable} usable one-minute windows answered`);
  });

  test('sliding windows every 5 s: MAE ≤ 1.0 against the belt; most usable windows answered', () => {
    for (const r of records) {
      const s = score(r, respirationAt, 5);
      assert.ok(s.mae[0] <= 1.0, `${r.name}: MAE ${s.mae[0].toFixed(2)}`);
      assert.ok(s.answeredPct >= 50, `${r.name}: ${s.answeredPct.toFixed(0)} % answered`);
    }
  });

  test('the belt reference: a steady synthetic belt is counted to within 0.2 breaths/min', () => {
    for (const rate of [6, 15, 24]) {
      const fs = 50;
      const x = Float64Array.from({ length: 130 * fs }, (_, i) => Math.sin((2 * Math.PI * rate * i) / 60 / fs) + 0.3 * Math.sin((4 * Math.PI * rate * i) / 60 / fs + 1));
      const ref = new RespReference(x, fs);
      assert.ok(Math.abs(ref.countRateAt(120)! - rate) < 0.2, `${rate}: ${ref.countRateAt(120)}`);
      assert.equal(ref.countRateAt(30, 60), null);
    }
  });
});

describe('RespirationTracker', () => {
  test('live values equal the batch values (with amplitude and baseline per beat); reset → too-short', () => {
    const s = breathingHr(6, 3, 0.5, 1, 5, 200);
    const amp = Array.from(s.tSec, (t) => 1 + 0.1 * Math.sin(2 * Math.PI * 0.1 * t));
    const base = Array.from(s.tSec, (t) => 5 + 0.3 * Math.cos(2 * Math.PI * 0.1 * t));
    const tr = new RespirationTracker();
    let next = 65;
    let compared = 0;
    for (let i = 0; i < s.tSec.length; i++) {
      tr.pushBeat(s.tSec[i], s.ibiMs[i], amp[i], base[i]);
      if (s.tSec[i] >= next) {
        const live: RespirationDetail = tr.valueAt(s.tSec[i]);
        const sl = (a: ArrayLike<number>): number[] => Array.from(a).slice(0, i + 1);
        const batch = respirationAt(sl(s.tSec), sl(s.ibiMs), s.tSec[i], {
          amplitude: { tSec: sl(s.tSec), value: amp.slice(0, i + 1) },
          baseline: { tSec: sl(s.tSec), value: base.slice(0, i + 1) },
        });
        assert.deepEqual(live, batch);
        assert.deepEqual(live.sources, { hr: true, amplitude: true, baseline: true });
        assert.ok(live.rateBpm !== null && Math.abs(live.rateBpm - 6) <= 0.3);
        compared++;
        next += 5;
      }
    }
    assert.ok(compared > 20);
    tr.reset();
    assert.equal(tr.valueAt(300).reason, 'too-short');
  });
});

describe('hrPacerPhase', () => {
  const f = 0.1; // 6 breaths/min, pacer breath starts every 10 s
  const starts = Array.from({ length: 30 }, (_, k) => 2 + k / f);
  const hrWith = (lagSec: number, noise = 0, seed = 1) => {
    const g = gaussian(seed);
    // In phase with lung volume (−cos from each breath start: minimum at inhale onset,
    // maximum at the inhale→exhale turn), delayed by lagSec.
    return ipfm((t) => 64 - 5 * Math.cos(2 * Math.PI * f * (t - 2 - lagSec)) + noise * g(), 300);
  };

  test('HR in phase with the pacer → 0°; HR delayed 1.5 s → −54°; HR early 2.5 s → +90°', () => {
    for (const [lagSec, wantDeg] of [[0, 0], [1.5, -54], [-2.5, 90]] as const) {
      const s = hrWith(lagSec);
      const r = hrPacerPhase(s.tSec, s.ibiMs, starts);
      assert.ok(r.phaseLagDeg !== null && Math.abs(r.phaseLagDeg - wantDeg) < 5, `lag ${lagSec} s: ${r.phaseLagDeg}° (want ${wantDeg})`);
      assert.ok(r.synchrony !== null && r.synchrony > 0.98);
      assert.ok(r.pacerHz !== null && Math.abs(r.pacerHz - f) < 1e-9);
      assert.ok(r.hrAmplitudeBpm !== null && Math.abs(r.hrAmplitudeBpm - 10) < 1.5, `amplitude ${r.hrAmplitudeBpm}`);
      assert.ok(r.cycles >= 28);
    }
  });

  test('inhaleFraction moves the reference (inhale 40 %: the turn is 0.1 cycle earlier → −36°)', () => {
    const s = hrWith(0);
    const r = hrPacerPhase(s.tSec, s.ibiMs, starts, { inhaleFraction: 0.4 });
    assert.ok(r.phaseLagDeg !== null && Math.abs(r.phaseLagDeg + 36) < 5, `${r.phaseLagDeg}`);
  });

  test('HR unrelated to the pacer → low synchrony', () => {
    const g = gaussian(3);
    const s = nnFromIbi(() => 900 + 40 * g(), 300);
    const r = hrPacerPhase(s.tSec, s.ibiMs, starts);
    assert.ok(r.synchrony !== null && r.synchrony < 0.5, `synchrony ${r.synchrony}`);
  });

  test('gaps skip cycles; too few cycles or no data → nulls', () => {
    const s = withGap(hrWith(0), 100, 140);
    const r = hrPacerPhase(s.tSec, s.ibiMs, starts);
    assert.ok(r.cycles <= 24 && r.cycles >= 20, `cycles ${r.cycles}`);
    assert.ok(r.phaseLagDeg !== null && Math.abs(r.phaseLagDeg) < 5);
    const none = hrPacerPhase([], [], starts);
    assert.equal(none.phaseLagDeg, null);
    assert.equal(none.synchrony, null);
    assert.equal(hrPacerPhase(s.tSec, s.ibiMs, [2, 12]).phaseLagDeg, null);
  });
});

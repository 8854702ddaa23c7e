import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { respirationFromHr, respirationAt, RespirationTracker, hrPacerPhase } from '../../../shared/dsp/respiration.js';
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

describe('respirationFromHr', () => {
  test('tracks paced breathing at 4, 5, 6, 7 and 12 breaths/min within ±0.5 in every window', () => {
    for (const bpm of [4, 5, 6, 7, 12]) {
      const s = breathingHr(bpm, 4, bpm === 12 ? 1.5 : 0, 1, 100 + bpm, 240);
      const r = respirationFromHr(s.tSec, s.ibiMs, { windowSec: 60, stepSec: 1 });
      assert.ok(r.series.length > 170, `${bpm}: ${r.series.length} points`);
      for (const p of r.series) {
        assert.ok(p.rateBpm !== null && Math.abs(p.rateBpm - bpm) <= 0.5, `${bpm}/min at t=${p.tSec.toFixed(1)}: ${p.rateBpm}`);
      }
      assert.ok(r.rateBpmMean !== null && Math.abs(r.rateBpmMean - bpm) < 0.2, `${bpm}/min mean ${r.rateBpmMean}`);
    }
  });

  test('follows a change of rate (12 → 5.5 /min) once the window holds the new rate', () => {
    const switchSec = 150;
    const phaseAt = (t: number): number => (t < switchSec ? (12 / 60) * t : (12 / 60) * switchSec + (5.5 / 60) * (t - switchSec));
    const s = ipfm((t) => 62 + 4 * Math.sin(2 * Math.PI * phaseAt(t)), 300);
    const r = respirationFromHr(s.tSec, s.ibiMs, { stepSec: 2 });
    for (const p of r.series) {
      if (p.tSec < switchSec - 1) assert.ok(p.rateBpm !== null && Math.abs(p.rateBpm - 12) <= 0.5, `t=${p.tSec}: ${p.rateBpm}`);
      if (p.tSec > switchSec + 61) assert.ok(p.rateBpm !== null && Math.abs(p.rateBpm - 5.5) <= 0.5, `t=${p.tSec}: ${p.rateBpm}`);
    }
  });

  test('fusion: a weak RSA buried in noise is rescued by a strong PPG amplitude (RIAV) modulation', () => {
    const bpm = 9;
    const s = breathingHr(bpm, 0.4, 1.5, 6, 42, 300);
    const amp = { tSec: s.tSec, value: Array.from(s.tSec, (t) => 1 + 0.2 * Math.sin(2 * Math.PI * (bpm / 60) * t)) };
    const hrOnly = respirationFromHr(s.tSec, s.ibiMs, { stepSec: 5, minPeakFraction: 0 });
    const fused = respirationFromHr(s.tSec, s.ibiMs, { stepSec: 5, minPeakFraction: 0, amplitude: amp });
    const err = (r: typeof fused): number => r.series.filter((p) => p.rateBpm === null || Math.abs(p.rateBpm - bpm) > 0.5).length;
    assert.ok(err(hrOnly) > 5, `HR alone should fail often here (${err(hrOnly)} misses) for the test to mean something`);
    assert.equal(err(fused), 0, `fused misses ${err(fused)}`);
    const d = respirationAt(s.tSec, s.ibiMs, 200, { amplitude: amp, baseline: { tSec: [], value: [] } });
    assert.deepEqual(d.sources, { hr: true, amplitude: true, baseline: false });
  });

  test('white-noise HR mostly gives null (no clear peak), never a crash', () => {
    const g = gaussian(77);
    const s = nnFromIbi(() => 900 + 50 * g(), 600);
    const r = respirationFromHr(s.tSec, s.ibiMs, { stepSec: 5 });
    const nulls = r.series.filter((p) => p.rateBpm === null).length;
    assert.ok(nulls > 0.6 * r.series.length, `${nulls}/${r.series.length} null`);
    const d = respirationAt(s.tSec, s.ibiMs, 300);
    if (d.rateBpm === null) assert.equal(d.reason, 'no clear peak');
  });

  test('gaps and empty/short input → null, not throws', () => {
    const s = withGap(breathingHr(6, 4, 0, 0, 1, 240), 120, 126);
    const r = respirationFromHr(s.tSec, s.ibiMs);
    for (const p of r.series) {
      if (p.tSec > 128 && p.tSec - 60 < 119) assert.equal(p.rateBpm, null, `t=${p.tSec}`);
      if (p.tSec < 118 || p.tSec - 60 > 128) assert.ok(p.rateBpm !== null && Math.abs(p.rateBpm - 6) <= 0.5, `t=${p.tSec}: ${p.rateBpm}`);
    }
    assert.equal(respirationAt(s.tSec, s.ibiMs, 140).reason, 'gap');
    const e = respirationFromHr([], []);
    assert.deepEqual(e.series, []);
    assert.equal(e.rateBpmMean, null);
    const short = ipfm(() => 60, 20);
    assert.equal(respirationFromHr(short.tSec, short.ibiMs).series.length, 0);
    assert.equal(respirationAt(short.tSec, short.ibiMs, 20).rateBpm, null);
    assert.match(r.settings.method, /Hann/);
  });
});

describe('RespirationTracker', () => {
  test('live values equal the batch values (with amplitude and baseline per beat)', () => {
    const s = breathingHr(6, 3, 0.5, 1, 5, 200);
    const amp = Array.from(s.tSec, (t) => 1 + 0.1 * Math.sin(2 * Math.PI * 0.1 * t));
    const base = Array.from(s.tSec, (t) => 5 + 0.3 * Math.cos(2 * Math.PI * 0.1 * t));
    const tr = new RespirationTracker();
    let next = 65;
    let compared = 0;
    for (let i = 0; i < s.tSec.length; i++) {
      tr.pushBeat(s.tSec[i], s.ibiMs[i], amp[i], base[i]);
      if (s.tSec[i] >= next) {
        const live = tr.valueAt(s.tSec[i]);
        const sl = (a: ArrayLike<number>): number[] => Array.from(a).slice(0, i + 1);
        const batch = respirationAt(sl(s.tSec), sl(s.ibiMs), s.tSec[i], {
          amplitude: { tSec: sl(s.tSec), value: amp.slice(0, i + 1) },
          baseline: { tSec: sl(s.tSec), value: base.slice(0, i + 1) },
        });
        assert.equal(live.rateBpm, batch.rateBpm);
        assert.deepEqual(live.sources, { hr: true, amplitude: true, baseline: true });
        assert.ok(live.rateBpm !== null && Math.abs(live.rateBpm - 6) <= 0.5);
        compared++;
        next += 5;
      }
    }
    assert.ok(compared > 20);
    tr.reset();
    assert.equal(tr.valueAt(300).reason, 'no data');
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

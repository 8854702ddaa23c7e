import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ppgFindPeaks, PpgPeakDetector } from '../../../shared/dsp/ppgFindPeaks.js';
import { signalUnusable } from '../../../shared/dsp/signalGaps.js';
import { simulatePpg } from '../../../shared/sim/index.js';
import { matchToTruth } from '../../support/truthMatch.js';

function medianInterval(t: number[]): number {
  const d = t.slice(1).map((x, i) => x - t[i]!).sort((p, q) => p - q);
  return d[d.length >> 1]!;
}

/** Truth peaks inside [lo, hi) seconds, with the detector's edges (first/last 3 s) left out. */
function window(t: ArrayLike<number>, lo: number, hi: number): number[] {
  return Array.from(t).filter((x) => x >= lo && x < hi);
}

describe('ppgFindPeaks on simulated ear-clip PPG with known beats', () => {
  for (const fs of [25, 50, 100, 250, 500, 1000]) {
    test(`clean 10-bit signal at ${fs} Hz: every beat, sub-sample timing`, () => {
      const sim = simulatePpg({ fsHz: fs, seed: fs, hrBpm: 70, adcBits: 10, noise: 0.01 }, 120);
      const { beats } = ppgFindPeaks(sim.values, fs);
      const m = matchToTruth(window(beats.map((b) => b.tSec), 3, 117), window(sim.truth.beats.peakTSec, 3, 117), 0.05);
      assert.equal(m.fn, 0, `missed ${m.missed}`);
      assert.equal(m.fp, 0, `extra ${m.falsePositives}`);
      // IBI error: a fraction of a sample period (sub-sample interpolation), at most a few ms.
      const limitMs = fs >= 100 ? 3 : fs >= 50 ? 6 : 12;
      assert.ok(m.ibiMaeMs < limitMs, `IBI MAE ${m.ibiMaeMs.toFixed(2)} ms at ${fs} Hz`);
      assert.ok(beats.filter((b) => b.tSec > 1).every((b) => b.quality > 0.5), 'clean beats have good quality');
    });
  }

  for (const fs of [50, 100, 125, 250, 500]) {
    test(`slow to fast hearts (35–200 bpm) at ${fs} Hz: every beat, none extra, the right rate`, () => {
      for (const bpm of [35, 40, 45, 60, 90, 120, 160, 200]) {
        const sim = simulatePpg({ fsHz: fs, hrBpm: bpm, seed: bpm + fs, noise: 0.02 }, 120);
        const { beats } = ppgFindPeaks(sim.values, fs);
        const detected = beats.map((b) => b.tSec);
        // Matched over the whole record, scored inside 4–116 s (the filter's start and end left out).
        const m = matchToTruth(detected, sim.truth.beats.peakTSec, 0.08);
        const inside = (t: number): boolean => t >= 4 && t < 116;
        assert.deepEqual(m.missed.filter(inside), [], `${bpm} bpm: missed`);
        assert.deepEqual(m.falsePositives.filter(inside), [], `${bpm} bpm: extra`);
        const rate = (t: number[]): number => 60 / medianInterval(window(t, 4, 116));
        assert.ok(Math.abs(rate(detected) - rate(Array.from(sim.truth.beats.peakTSec))) < 0.2, `${bpm} bpm: rate ${rate(detected)}`);
        assert.ok(m.ibiMaeMs < (fs >= 100 ? 2 : 3), `${bpm} bpm: IBI MAE ${m.ibiMaeMs.toFixed(2)} ms`);
      }
    });
  }

  test('noise, baseline wander and ectopic beats', () => {
    const sim = simulatePpg({ fsHz: 100, seed: 7, noise: 0.08, wander: 0.8, ectopicPerMin: 3, adcBits: 10 }, 300);
    const { beats } = ppgFindPeaks(sim.values, 100);
    const m = matchToTruth(window(beats.map((b) => b.tSec), 3, 297), window(sim.truth.beats.peakTSec, 3, 297), 0.08);
    assert.ok(m.f1 >= 0.99, `F1 ${m.f1.toFixed(4)} fn ${m.fn} fp ${m.fp}`);
    const ectopic = sim.truth.beats.peakTSec.filter((_, i) => sim.truth.beats.kind[i] === 'ectopic' && sim.truth.beats.peakTSec[i]! > 3 && sim.truth.beats.peakTSec[i]! < 297);
    assert.ok(ectopic.length >= 8, 'the simulation has ectopic beats');
    const found = matchToTruth(beats.map((b) => b.tSec), ectopic, 0.08);
    assert.ok(found.tp >= ectopic.length - 1, `ectopic beats found: ${found.tp}/${ectopic.length}`);
  });

  test('weak pulses (a quarter of the amplitude) are still found', () => {
    const sim = simulatePpg({ fsHz: 125, seed: 11, noise: 0.01, weakPulses: [[60, 90, 0.25]] }, 150);
    const { beats } = ppgFindPeaks(sim.values, 125);
    const m = matchToTruth(window(beats.map((b) => b.tSec), 60, 90), window(sim.truth.beats.peakTSec, 60, 90), 0.05);
    assert.ok(m.sensitivity >= 0.97, `sensitivity in the weak segment ${m.sensitivity}`);
    assert.equal(m.fp, 0);
  });

  test('motion artifacts: beats outside bursts are right; what is inside is flagged, not trusted', () => {
    const sim = simulatePpg({ fsHz: 100, seed: 5, noise: 0.02, motionPerMin: 4 }, 300);
    const { beats, missing } = ppgFindPeaks(sim.values, 100);
    const unusable = signalUnusable(beats, missing, 300);
    const bursts = sim.truth.artifacts.filter((a) => a.kind === 'motion');
    assert.ok(bursts.length >= 5, 'the simulation has motion bursts');
    const inBurst = (t: number, pad: number): boolean => bursts.some((b) => t >= b.startSec - pad && t <= b.endSec + pad);
    const clean = (t: number): boolean => t > 3 && t < 297 && !inBurst(t, 1.5);
    const m = matchToTruth(beats.map((b) => b.tSec).filter(clean), sim.truth.beats.peakTSec.filter(clean), 0.08);
    assert.ok(m.f1 >= 0.995, `F1 away from bursts ${m.f1}`);
    // Wrong beats (no truth partner) must be flagged: low quality or inside an unusable stretch.
    const all = matchToTruth(beats.map((b) => b.tSec), sim.truth.beats.peakTSec, 0.08);
    const trusted = all.falsePositives.filter((t) => !unusable.some((u) => t >= u.startSec - 0.01 && t <= u.endSec + 0.01));
    assert.ok(trusted.length <= Math.ceil(0.2 * all.falsePositives.length) + 1, `${trusted.length} of ${all.falsePositives.length} false beats not flagged: ${trusted}`);
  });

  test('ear clip off: no beats invented, the stretch is unusable', () => {
    const sim = simulatePpg({ fsHz: 100, seed: 3, clipOff: [[40, 60]] }, 120);
    const { beats, missing } = ppgFindPeaks(sim.values, 100);
    const inside = beats.filter((b) => b.tSec > 41 && b.tSec < 59 && b.quality >= 0.35);
    assert.equal(inside.length, 0, `trusted beats during clip-off: ${inside.map((b) => b.tSec)}`);
    const unusable = signalUnusable(beats, missing, 120);
    assert.ok(unusable.some((u) => u.startSec <= 41 && u.endSec >= 59), JSON.stringify(unusable));
  });

  test('missing samples (NaN): reported, no beat inside, none invented across', () => {
    const sim = simulatePpg({ fsHz: 100, seed: 9 }, 60);
    const v = Float64Array.from(sim.values);
    for (let i = 3000; i < 3300; i++) v[i] = NaN;
    const { beats, missing } = ppgFindPeaks(v, 100);
    assert.deepEqual(missing.map((r) => [r.startSec, r.endSec]), [[30, 33]]);
    assert.equal(beats.filter((b) => b.tSec > 30 && b.tSec < 33 && b.quality >= 0.35).length, 0);
    const m = matchToTruth(window(beats.map((b) => b.tSec), 3, 29), window(sim.truth.beats.peakTSec, 3, 29), 0.05);
    assert.equal(m.f1, 1);
  });

  test('streaming in chunks of any size gives exactly the offline beats', () => {
    const sim = simulatePpg({ fsHz: 250, seed: 21, noise: 0.03, ectopicPerMin: 2, motionPerMin: 1 }, 120);
    const offline = ppgFindPeaks(sim.values, 250).beats;
    let seed = 12345;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (const maxChunk of [1, 7, 64, 1000]) {
      const det = new PpgPeakDetector(250);
      const live: number[] = [];
      let i = 0;
      while (i < sim.values.length) {
        const n = 1 + Math.floor(rnd() * maxChunk);
        for (const b of det.push(sim.values.subarray(i, i + n))) live.push(b.tSec);
        i += n;
      }
      for (const b of det.flush()) live.push(b.tSec);
      assert.deepEqual(live, offline.map((b) => b.tSec), `chunks up to ${maxChunk}`);
    }
  });

  test('look-ahead is bounded and reported', () => {
    const det = new PpgPeakDetector(250);
    assert.ok(det.lookAheadSec > 2 && det.lookAheadSec < 3.5, String(det.lookAheadSec));
    // Live: a beat comes out no later than lookAheadSec (+ one tick) after its peak.
    const sim = simulatePpg({ fsHz: 250, seed: 2 }, 60);
    let delayMax = 0;
    for (let i = 0; i < sim.values.length; i += 5) {
      const nowSec = (i + 5) / 250;
      for (const b of det.push(sim.values.subarray(i, i + 5))) delayMax = Math.max(delayMax, nowSec - b.tSec);
    }
    assert.ok(delayMax <= det.lookAheadSec + 0.6, `max delay ${delayMax}`);
  });
});

/**
 * Withholding what the signal cannot carry: the beat-timing noise floor against known jitter, each
 * withholding rule, and on real and simulated recordings: a record whose ECG RMSSD (4.3 ms) is
 * below what its pulse timing can resolve gets RMSSD withheld, a resting record with real HRV does
 * not, a short recording has no LF/VLF, a recording with a third of its pulse missing has no HRV.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeChunks, analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import type { BeatFeature } from '../../../shared/dsp/BeatEngine.js';
import { hrvWithhold } from '../../../shared/dsp/hrvWithhold.js';
import { withheldReasonText, WITHHELD_REASONS } from '../../../shared/dsp/hrvWithheld.js';
import { LivePipeline } from '../../../shared/dsp/LivePipeline.js';
import { extraSecOutside, untimedSpans } from '../../../shared/dsp/signalGaps.js';
import { rmssdNoiseFloorMs, timingNoiseMs } from '../../../shared/dsp/timingNoise.js';
import { parseSimSpec, simulatePpg } from '../../../shared/sim/index.js';
import { mulberry32 } from '../../support/emulators/linkFaults.js';
import { loadRecording } from '../../support/loadRecording.js';

/** Gaussian from a seeded uniform source (Box–Muller). */
function gauss(rnd: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/** Detections at 60 bpm with independent per-beat timing errors of the three fiducials (SD in ms). */
function jittered(n: number, sdPeakMs: number, sdUpMs: number, sdAlignMs: number, seed = 1): BeatFeature[] {
  const g = gauss(mulberry32(seed));
  const out: BeatFeature[] = [];
  let t = 1;
  for (let k = 0; k < n; k++) {
    t += 1 + 0.05 * Math.sin(k / 5); // real rhythm moves all three together
    out.push({ tSec: t + (g() * sdPeakMs) / 1000, tUpSec: t - 0.12 + (g() * sdUpMs) / 1000, tAlignSec: t + (g() * sdAlignMs) / 1000, quality: 1, fiducial: 'pulse-template', amplitude: 1, level: 0 });
  }
  return out;
}

describe('timingNoiseMs', () => {
  test('finds the noisiest of three independently jittered timings (the floor is conservative)', () => {
    for (const [p, u, a] of [
      [4, 1, 0.5],
      [1, 3, 1],
      [0.5, 0.5, 2],
    ] as const) {
      const est = timingNoiseMs(jittered(400, p, u, a))!;
      const worst = Math.max(p, u, a);
      const second = [p, u, a].sort((x, y) => y - x)[1]!;
      // The pair of the worst and the second worst: √((σ1² + σ2²)/1) / … → between the worst and √(worst² + second²).
      assert.ok(est >= 0.85 * worst && est <= 1.15 * Math.sqrt(worst ** 2 + second ** 2), `σ = ${[p, u, a]} → ${est.toFixed(2)}`);
    }
  });
  test('too few usable beats: no estimate; a common rhythm change adds nothing', () => {
    assert.equal(timingNoiseMs(jittered(15, 1, 1, 1)), null);
    const clean = timingNoiseMs(jittered(300, 0, 0, 0))!;
    assert.ok(clean < 0.01, `no jitter → ${clean}`);
  });
  test('the RMSSD white timing noise alone produces is √6 σ', () => {
    assert.ok(Math.abs(rmssdNoiseFloorMs(2) - 2 * Math.sqrt(6)) < 1e-12);
  });
});

describe('hrvWithhold rules', () => {
  const base = { durationSec: 600, unusablePct: 2, correctedPct: 1, nnCount: 600, rmssdMs: 40, timingNoiseMs: 2 };
  test('a clean 10-minute recording keeps everything', () => {
    assert.deepEqual(hrvWithhold(base), {});
  });
  test('each reason, and ratios and peaks go with their bands', () => {
    assert.deepEqual(hrvWithhold({ ...base, durationSec: 90 }), { vlfMs2: 'too-short', lfMs2: 'too-short', lfPeakHz: 'too-short', lfHf: 'too-short' });
    assert.equal(hrvWithhold({ ...base, durationSec: 40 }).hfMs2, 'too-short');
    const unusable = hrvWithhold({ ...base, unusablePct: 30 });
    assert.equal(unusable.sdnnMs, 'too-much-unusable');
    assert.equal(unusable.rmssdMs, 'too-much-unusable');
    assert.equal(unusable.meanHrBpm, undefined, 'mean HR still stands');
    assert.equal(hrvWithhold({ ...base, correctedPct: 15 }).lfMs2, 'too-much-corrected');
    assert.equal(hrvWithhold({ ...base, nnCount: 10 }).sdnnMs, 'too-few-beats');
    assert.equal(hrvWithhold({ ...base, nnCount: 2 }).meanHrBpm, 'too-few-beats');
    // RMSSD 9 ms with 2 ms timing noise: the noise alone gives 4.9 ms → not clearly above it.
    assert.deepEqual(hrvWithhold({ ...base, rmssdMs: 9 }), { rmssdMs: 'below-timing-floor', pnn50Pct: 'below-timing-floor' });
    assert.deepEqual(hrvWithhold({ ...base, rmssdMs: 9, timingNoiseMs: null }), {}, 'intervals from a sensor: no floor known');
  });
  test('time around beats with unreliable timing counts with the unusable signal, once', () => {
    // Beats 0.8 s apart; beats 3 and 4 untimed: their intervals span 1.6 → 4.0 s.
    const tSec = [0, 0.8, 1.6, 2.4, 3.2, 4.0, 4.8, 5.6];
    const untimed = tSec.map((_, i) => i === 3 || i === 4);
    assert.deepEqual(untimedSpans(tSec, untimed), [{ startSec: 1.6, endSec: 4.0 }]);
    assert.deepEqual(untimedSpans(tSec, tSec.map((_, i) => i === 7)), [{ startSec: 4.8, endSec: 5.6 }], 'the last beat: from the beat before it to itself');
    // Only the part outside the unusable stretches, within the window.
    assert.ok(Math.abs(extraSecOutside([{ startSec: 3, endSec: 10 }], [{ startSec: 1.6, endSec: 4 }], 0, 60) - 1.4) < 1e-9);
    assert.ok(Math.abs(extraSecOutside([], [{ startSec: 1.6, endSec: 4 }], 2, 60) - 2) < 1e-9);
    assert.equal(hrvWithhold({ ...base, unusablePct: 15, untimedPct: 4 }).sdnnMs, undefined);
    assert.equal(hrvWithhold({ ...base, unusablePct: 15, untimedPct: 6 }).sdnnMs, 'too-much-unusable');
    assert.equal(hrvWithhold({ ...base, untimedPct: 25 }).rmssdMs, 'too-much-unusable');
  });
  test('every reason has a Dutch and an English text', () => {
    for (const r of WITHHELD_REASONS) for (const l of ['nl', 'en'] as const) assert.ok(withheldReasonText(r, l).length > 5);
  });
});

describe('withheld on real and simulated recordings', () => {
  test('a103l (ECG RMSSD 4.3 ms): RMSSD withheld below the timing floor; the neurokit resting record (ECG 50 ms) keeps it', () => {
    const a = loadRecording('cinc2015_a103l_250hz.csv');
    const ra = analyzePpg(a.ppg.subarray(0, 255 * a.fsHz), a.fsHz);
    assert.ok(ra.signal!.timingNoiseMs! > 1, `a103l timing noise ${ra.signal!.timingNoiseMs}`);
    assert.equal(ra.hrvWithheld!.rmssdMs, 'below-timing-floor');
    assert.ok(Number.isNaN(ra.hrv.rmssdMs));
    assert.match(JSON.stringify(ra.hrv), /"rmssdMs":null/, 'null in the JSON output');
    const n = loadRecording('neurokit_resting_5min_100hz.csv');
    const rn = analyzePpg(n.ppg, n.fsHz);
    assert.equal(rn.hrvWithheld!.rmssdMs, undefined);
    assert.ok(rn.hrv.rmssdMs > 20);
    assert.ok(rn.signal!.timingNoiseMs! < 4, `neurokit timing noise ${rn.signal!.timingNoiseMs}`);
  });
  test('a 90-s recording: LF and VLF withheld as too short; time domain kept', () => {
    const n = loadRecording('neurokit_resting_5min_100hz.csv');
    const r = analyzePpg(n.ppg.subarray(0, 90 * n.fsHz), n.fsHz);
    assert.equal(r.hrvWithheld!.vlfMs2, 'too-short');
    assert.equal(r.hrvWithheld!.lfMs2, 'too-short');
    assert.equal(r.hrvWithheld!.sdnnMs, undefined);
    assert.ok(Number.isFinite(r.hrv.sdnnMs));
  });
  test('a third of the recording without a pulse: variability withheld as too much unusable, never a confident number', () => {
    const spec = parseSimSpec('sim:fs=100,hr=70,seed=4,clipoff=20-60;100-140');
    if ('error' in spec) throw new Error(spec.error);
    const s = simulatePpg(spec, 200);
    const r = analyzeChunks([{ t0Sec: 0, fsHz: 100, values: s.values }]);
    assert.ok(r.signal!.unusablePct > 20, `${r.signal!.unusablePct} % unusable`);
    for (const k of ['sdnnMs', 'rmssdMs', 'lfMs2'] as const) assert.equal(r.hrvWithheld![k], 'too-much-unusable', k);
  });
  test('live: the 64-s windows of a103l withhold RMSSD with the reason; the metric value is null', () => {
    const a = loadRecording('cinc2015_a103l_250hz.csv');
    const p = new LivePipeline();
    const metrics = [];
    for (let i = 0; i < 200 * a.fsHz; i += 250) metrics.push(...p.pushChunk({ t0Sec: i / a.fsHz, fsHz: a.fsHz, values: a.ppg.subarray(i, i + 250) }).metrics);
    const late = metrics.filter((m) => m.tSec > 80);
    const withheld = late.filter((m) => m.withheld.rmssdMs === 'below-timing-floor');
    assert.ok(withheld.length > 0.5 * late.length, `${withheld.length} of ${late.length} windows withhold RMSSD`);
    assert.ok(withheld.every((m) => m.rmssdMs === null));
    assert.ok(late.every((m) => m.timingNoiseMs === null || m.timingNoiseMs > 0));
  });
});

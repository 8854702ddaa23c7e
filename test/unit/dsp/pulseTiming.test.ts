import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import { DEFAULT_NN_FIDUCIAL, NnFiducialSelector } from '../../../shared/dsp/nnFiducial.js';
import { PulseAligner } from '../../../shared/dsp/pulseAlign.js';
import { simulatePpg } from '../../../shared/sim/index.js';
import { ppgFindPeaks } from '../../../shared/dsp/ppgFindPeaks.js';
import { matchBeats } from '../../support/beatMatching.js';
import { loadRecording } from '../../support/loadRecording.js';
import { scoreNnAgainstTruth } from '../../support/nnTruth.js';
import { loadRPeakTruth } from '../../support/rpeakTruth.js';

/** A smooth pulse train (skewed Gaussians) sampled at fs with its peaks at `peaks` (s). */
function pulses(peaks: number[], fs: number, n: number): Float64Array {
  const x = new Float64Array(n);
  for (const p of peaks) {
    for (let i = Math.max(0, Math.floor((p - 0.3) * fs)); i < Math.min(n, (p + 0.5) * fs); i++) {
      const d = i / fs - p;
      x[i]! += Math.exp((-0.5 * d * d) / (d < 0 ? 0.035 : 0.09) ** 2) + 0.4 * Math.exp((-0.5 * (d - 0.25) ** 2) / 0.07 ** 2);
    }
  }
  return x;
}

describe('PulseAligner: whole-pulse template alignment', () => {
  test('recovers sub-sample shifts of a known pulse at 50 Hz to a small fraction of a sample', () => {
    const fs = 50;
    const peaks: number[] = [];
    for (let k = 0; k < 40; k++) peaks.push(1 + 0.8 * k + 0.0037 * ((k * 7) % 11));
    const x = pulses(peaks, fs, Math.ceil(34 * fs));
    const a = new PulseAligner(fs);
    const est: number[] = [];
    for (const p of peaks.slice(0, -1)) {
      const tau = a.align(x, p * fs + 0.4); // a rough expected position, off by 0.4 samples
      if (tau === tau) est.push(tau / fs - p);
    }
    // The template origin is the first pulse's expected position: a constant offset; the rest is error.
    const off = est[0]!;
    const err = est.map((e) => Math.abs(e - off) * 1000);
    assert.ok(Math.max(...err) < 1, `max timing error ${Math.max(...err).toFixed(3)} ms (one sample = 20 ms)`);
  });
});

describe('PulseAligner: a template formed from an artifact does not lock', () => {
  test('the first "pulse" is an inverted artifact: the template starts again and then times every pulse', () => {
    const fs = 100;
    const peaks: number[] = [];
    for (let k = 0; k < 30; k++) peaks.push(1 + 0.6 * k + 0.004 * ((k * 5) % 7));
    const x = pulses(peaks, fs, Math.ceil(20 * fs));
    const art = Float64Array.from(x, (v) => -v); // the same stretch upside down: no pulse shape
    const a = new PulseAligner(fs);
    assert.ok(Number.isNaN(a.align(art, peaks[3]! * fs)), 'the artifact forms a template');
    const est: number[] = [];
    for (const p of peaks.slice(4, -1)) est.push(a.align(x, p * fs + 0.3) / fs - p);
    const timed = est.filter((e) => !Number.isNaN(e));
    assert.ok(timed.length >= est.length - 2, `timed ${timed.length} of ${est.length} pulses`);
    const err = timed.map((e) => Math.abs(e - timed[0]!) * 1000);
    assert.ok(Math.max(...err) < 1, `max timing error ${Math.max(...err).toFixed(3)} ms`);
  });
});

describe('NnFiducialSelector: causal per-beat choice by measured consistency', () => {
  test('moves to the quiet fiducial, expressed at the peak, with no step', () => {
    const sel = new NnFiducialSelector();
    let seed = 7;
    const noise = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5) * 0.02; // ±10 ms
    const out: { t: number; f: string }[] = [];
    let t = 1;
    for (let k = 0; k < 80; k++) {
      t += 0.8 + 0.02 * Math.sin(k / 4);
      const r = sel.push(t + noise(), t - 0.1, NaN); // noisy peak, clean upstroke 100 ms earlier
      out.push({ t: r.tSec - t, f: r.fiducial });
    }
    assert.equal(out[5]!.f, 'systolic-peak', 'starts at the systolic peak');
    assert.ok(out.slice(30).every((o) => o.f === 'max-upstroke-slope'), 'then uses the consistent upstroke');
    // Expressed at the peak: the upstroke + its running lag ≈ the peak time (the noise's median).
    assert.ok(out.slice(30).every((o) => Math.abs(o.t) < 0.006), 'within a few ms of the true peak');
  });

  test('starts on the whole-pulse template and judges no fiducial on fewer than minDiffs differences', () => {
    const sel = new NnFiducialSelector();
    const minDiffs = DEFAULT_NN_FIDUCIAL.minDiffs;
    let seed = 3;
    const noise = (ms: number): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5) * 2e-3 * ms;
    const out: string[] = [];
    let t = 1;
    for (let k = 0; k < 60; k++) {
      t += 0.8;
      // The peak is exact for the first beats (it would win a vote on a few of them) and then ±8 ms
      // noisy; the template is ±1 ms throughout, and unknown for beat 40.
      const peak = t + (k < minDiffs - 4 ? 0 : noise(8));
      out.push(sel.push(peak, NaN, k === 40 ? NaN : t - 0.02 + noise(1)).fiducial);
    }
    // Beat k closes k − 1 successive differences: the first vote is at beat minDiffs + 1 (which the peak may win).
    const first = out.slice(0, minDiffs + 1);
    assert.ok(first.every((f) => f === 'pulse-template'), `the template until a fiducial can be judged: ${first.join(' ')}`);
    assert.equal(out[40], 'systolic-peak', 'a beat without a template time is timed at its peak');
    assert.ok(out.slice(41).every((f) => f === 'pulse-template'), 'and the template again after it');
  });
});

describe('discordant beats: fiducials that disagree mark a beat whose timing cannot be trusted', () => {
  test('a beat whose upstroke or template leaves its usual lag by more than discordantMs is discordant', () => {
    const sel = new NnFiducialSelector();
    const lim = DEFAULT_NN_FIDUCIAL.discordantMs;
    let seed = 5;
    const noise = (ms: number): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5) * 2e-3 * ms;
    const res: { discordMs: number; discordant: boolean }[] = [];
    let t = 1;
    for (let k = 0; k < 80; k++) {
      t += 0.8 + 0.03 * Math.sin(k / 3);
      // Upstroke 100 ms and template 20 ms before the peak, ±1 ms; a few beats deformed.
      const upOff = k === 3 ? 0.03 : k === 40 ? lim * 1e-3 + 0.006 : k === 60 ? lim * 1e-3 - 0.006 : 0;
      const tplOff = k === 50 ? -(lim * 1e-3 + 0.004) : 0;
      res.push(sel.push(t, t - 0.1 + noise(1) - upOff, t - 0.02 + noise(1) - tplOff));
    }
    assert.ok(Number.isNaN(res[3]!.discordMs) && !res[3]!.discordant, 'not judged before minLags lags');
    assert.ok(res[40]!.discordant, `upstroke ${res[40]!.discordMs} ms off`);
    assert.ok(res[50]!.discordant, `template ${res[50]!.discordMs} ms off`);
    assert.ok(!res[60]!.discordant && res[60]!.discordMs > lim - 8, `upstroke ${res[60]!.discordMs} ms off: within the limit`);
    const others = res.filter((_, k) => k >= DEFAULT_NN_FIDUCIAL.minLags && ![40, 50, 60].includes(k));
    assert.ok(others.every((r) => !r.discordant && r.discordMs < 2.5), 'the clean beats are concordant');
  });

  for (const name of ['bidmc01_125hz.csv', 'neurokit_resting_5min_100hz.csv']) {
    test(`${name}: intervals at discordant beats are far off the ECG's R peaks, and few beats are discordant`, () => {
      const rec = loadRecording(name);
      const r = loadRPeakTruth(name).tSec.map((t) => t - rec.t0Sec);
      const { beats } = ppgFindPeaks(rec.ppg, rec.fsHz);
      const m = matchBeats(
        beats.map((b) => b.tSec),
        r,
        { toleranceSec: 0.15 },
      );
      const rOf = new Map(m.pairs.map(([i, j]) => [j, i]));
      const at: number[] = [];
      const rest: number[] = [];
      for (let j = 1; j < beats.length; j++) {
        const i1 = rOf.get(j);
        const i0 = rOf.get(j - 1);
        if (i1 === undefined || i0 === undefined || i1 !== i0 + 1) continue;
        const err = Math.abs(beats[j]!.tFidSec - beats[j - 1]!.tFidSec - (r[i1]! - r[i0]!)) * 1000;
        (beats[j]!.discordant || beats[j - 1]!.discordant ? at : rest).push(err);
      }
      const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
      const share = beats.filter((b) => b.discordant).length / beats.length;
      assert.ok(share > 0 && share < 0.04, `${(100 * share).toFixed(1)} % of the beats discordant`);
      assert.ok(mean(at) > 3 * mean(rest), `discordant ${mean(at).toFixed(1)} ms vs ${mean(rest).toFixed(1)} ms`);
    });
  }
});

describe('simulated anxious client: 104 bpm, 100 Hz ear clip, RMSSD ≈ 10 ms, noise 4 % of the pulse', () => {
  for (const seed of [1, 2, 3]) {
    test(`seed ${seed}: NN MAE ≤ 4 ms, RMSSD within 15 %, SDNN within 5 % of the generator's pulse truth`, () => {
      const sim = simulatePpg({ fsHz: 100, hrBpm: 104, noise: 0.04, seed, jitterBpm: 1.5, breathingBpm: 16 }, 300);
      const r = analyzePpg(sim.values, 100);
      // Truth: the generator's pulse times at the ear (systolic maxima of the noiseless pulses).
      const s = scoreNnAgainstTruth(r.nn.tSec, r.nn.ibiMs, sim.truth.beats.peakTSec, 0.05, [5, 295]);
      assert.ok(s.pairs > 480, `scored ${s.pairs}`);
      assert.ok(s.rmssdTruthMs > 8 && s.rmssdTruthMs < 12, `true RMSSD ${s.rmssdTruthMs}`);
      assert.ok(s.maeMs <= 4, `NN MAE ${s.maeMs.toFixed(2)} ms`);
      assert.ok(Math.abs(s.rmssdMs / s.rmssdTruthMs - 1) <= 0.15, `RMSSD ${s.rmssdMs.toFixed(2)} vs ${s.rmssdTruthMs.toFixed(2)}`);
      assert.ok(Math.abs(s.sdnnMs / s.sdnnTruthMs - 1) <= 0.05, `SDNN ${s.sdnnMs.toFixed(2)} vs ${s.sdnnTruthMs.toFixed(2)}`);
      assert.ok(Math.abs(r.hrv.rmssdMs / s.rmssdTruthMs - 1) <= 0.15, `reported RMSSD ${r.hrv.rmssdMs}`);
    });
  }
});

describe('simulated 500 Hz recording with ectopic beats and motion bursts', () => {
  /** The generator's NN series: intervals between consecutive normal beats (at the ear), ms; NaN where one end is ectopic. */
  function truthNn(peakTSec: readonly number[], normal: readonly boolean[]): { rmssdMs: number; sdnnMs: number } {
    const nn: number[] = [];
    for (let i = 1; i < peakTSec.length; i++) nn.push(normal[i] && normal[i - 1] ? (peakTSec[i]! - peakTSec[i - 1]!) * 1000 : Number.NaN);
    let d = 0;
    let k = 0;
    for (let i = 1; i < nn.length; i++) {
      if (Number.isNaN(nn[i]!) || Number.isNaN(nn[i - 1]!)) continue;
      d += (nn[i]! - nn[i - 1]!) ** 2;
      k++;
    }
    const ok = nn.filter((v) => !Number.isNaN(v));
    const mean = ok.reduce((s, v) => s + v, 0) / ok.length;
    return { rmssdMs: Math.sqrt(d / k), sdnnMs: Math.sqrt(ok.reduce((s, v) => s + (v - mean) ** 2, 0) / (ok.length - 1)) };
  }

  for (const seed of [1, 2, 3]) {
    test(`seed ${seed}: NN MAE ≤ 4 ms, RMSSD within 10 %, SDNN within 5 % of the generator's NN intervals`, () => {
      const sim = simulatePpg({ fsHz: 500, seed, noise: 0.04, ectopicPerMin: 3, motionPerMin: 2 }, 300);
      const kinds = sim.truth.beats.kind;
      assert.ok(kinds.filter((k) => k === 'ectopic').length >= 8, 'the simulation has ectopic beats');
      assert.ok(sim.truth.artifacts.filter((a) => a.kind === 'motion').length >= 3, 'the simulation has motion bursts');
      const r = analyzePpg(sim.values, 500);
      // NN intervals between two normal beats (ectopic beats are not NN), matched at both ends.
      const normal = kinds.map((k) => k === 'normal');
      const s = scoreNnAgainstTruth(r.nn.tSec, r.nn.ibiMs, sim.truth.beats.peakTSec, 0.05, [5, 295], normal);
      assert.ok(s.pairs > 250, `scored ${s.pairs}`);
      assert.ok(s.maeMs <= 4, `NN MAE ${s.maeMs.toFixed(2)} ms`);
      assert.ok(Math.abs(s.rmssdMs / s.rmssdTruthMs - 1) <= 0.1, `RMSSD ${s.rmssdMs.toFixed(2)} vs ${s.rmssdTruthMs.toFixed(2)}`);
      assert.ok(Math.abs(s.sdnnMs / s.sdnnTruthMs - 1) <= 0.05, `SDNN ${s.sdnnMs.toFixed(2)} vs ${s.sdnnTruthMs.toFixed(2)}`);
      // What the analysis reports for the whole recording (ectopic beats corrected, bursts left out).
      const t = truthNn(sim.truth.beats.peakTSec, normal);
      assert.ok(Math.abs(r.hrv.rmssdMs / t.rmssdMs - 1) <= 0.1, `reported RMSSD ${r.hrv.rmssdMs} vs ${t.rmssdMs.toFixed(2)}`);
      assert.ok(Math.abs(r.hrv.sdnnMs / t.sdnnMs - 1) <= 0.05, `reported SDNN ${r.hrv.sdnnMs} vs ${t.sdnnMs.toFixed(2)}`);
    });
  }
});

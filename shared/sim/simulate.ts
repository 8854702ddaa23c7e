/**
 * Whole-recording conveniences on top of the simulator: `simulatePpg` (waveform + truth) and
 * `simulateBeatTimes` (beat-level truth only, no waveform — much faster; the beats are identical
 * to those of `simulatePpg` with the same options, because both run the same `PhysiologyModel`).
 */
import { PacerSchedule, type PacerSettings } from '../pacer/index.js';
import { PhysiologyModel, TICK_SEC } from './physiologyModel.js';
import { PpgSimulator } from './ppgSimulator.js';
import { resolveSimOptions, type SimOptions } from './simOptions.js';
import { SimTruthRecorder, type BeatKind, type SimTruth } from './simTruth.js';

/** `pacer` as plain settings starts at t = 0. */
export type SimPacer = PacerSettings | PacerSchedule;

/** `simulatePpg`: `durationSec` of PPG (round(durationSec · fsHz) samples) from t = 0, with its truth. */
export function simulatePpg(
  opts: Partial<SimOptions>,
  durationSec: number,
  pacer?: SimPacer,
): { values: Float32Array; fsHz: number; truth: SimTruth } {
  const sim = new PpgSimulator(opts);
  if (pacer !== undefined) sim.setPacer(pacer);
  const n = Math.max(0, Math.round(durationSec * sim.fsHz));
  const values = sim.generate(n);
  return { values, fsHz: sim.fsHz, truth: sim.truth };
}

export interface BeatTimesResult {
  /** Beat onsets in [0, durationSec), seconds. */
  tSec: Float64Array;
  /** Systolic peak times at the ear of the same beats, seconds. */
  peakTSec: Float64Array;
  /** Intervals between consecutive onsets, ms (length n − 1; spans gaps such as clip-off). */
  ibiMs: Float64Array;
  kind: BeatKind[];
  /** The full truth (breaths, HR and breathing-rate model values, artifacts). */
  truth: SimTruth;
}

/** `simulateBeatTimes`: beat-level truth for `durationSec` without generating the waveform. */
export function simulateBeatTimes(opts: Partial<SimOptions>, durationSec: number, pacer?: SimPacer): BeatTimesResult {
  const o = resolveSimOptions(opts);
  const truth = new SimTruthRecorder(TICK_SEC, o.resonanceBpm, o.rsaBpm);
  const phys = new PhysiologyModel(o, truth, false);
  if (pacer !== undefined) phys.setPacer(pacer instanceof PacerSchedule ? pacer : new PacerSchedule(pacer, 0));
  phys.ensureTick(Math.ceil(Math.max(0, durationSec) / TICK_SEC) + 1);
  const beats = truth.beats;
  let n = 0;
  while (n < beats.tSec.length && beats.tSec[n] < durationSec) n++;
  const tSec = Float64Array.from(beats.tSec.slice(0, n));
  const ibiMs = new Float64Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) ibiMs[i - 1] = (tSec[i] - tSec[i - 1]) * 1000;
  return {
    tSec,
    peakTSec: Float64Array.from(beats.peakTSec.slice(0, n)),
    ibiMs,
    kind: beats.kind.slice(0, n),
    truth,
  };
}

/**
 * `stepHrTraces` — the heart rate over the pacer for each step of a stepped resonance assessment
 * (the per-step chart of the resonance screen and report): beat-to-beat heart rate (60000 / NN)
 * from the step's start to its end, with the pacer's in-breaths of that step. Times are seconds
 * from the step's start; each step starts at a breath boundary with an in-breath, so the
 * in-breaths are [k·T, k·T + inhaleFraction·T) for breath period T = 60 / rate.
 */
import type { ResonanceStepResult } from './types.js';

export interface StepHrTrace {
  stepIndex: number;
  rateBpm: number;
  /** Step length, s. */
  durationSec: number;
  /** Where the analysed part starts (the rest is settling), s from the step's start. */
  analysisFromSec: number;
  /** Beat times, s from the step's start, with the heart rate of each beat, bpm. */
  tSec: number[];
  hrBpm: number[];
  /** The pacer's in-breaths, s from the step's start: [start, end] pairs. */
  inhale: [number, number][];
}

/** Beats with their closing interval (ms; null/non-positive = none), in time order, on the assessment's clock. */
export interface TraceBeats {
  tSec: ArrayLike<number>;
  ibiMs: ArrayLike<number | null>;
}

type StepTimes = Pick<ResonanceStepResult, 'index' | 'rateBpm' | 'startSec' | 'endSec' | 'analysisStartSec'>;

export function stepHrTraces(steps: readonly StepTimes[], beats: TraceBeats, inhaleFraction: number): StepHrTrace[] {
  const n = Math.min(beats.tSec.length, beats.ibiMs.length);
  const frac = Number.isFinite(inhaleFraction) && inhaleFraction > 0 && inhaleFraction < 1 ? inhaleFraction : 0.4;
  return steps.map((s) => {
    const tSec: number[] = [];
    const hrBpm: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = beats.tSec[i]!;
      if (t < s.startSec || t > s.endSec) continue;
      const ibi = beats.ibiMs[i];
      if (ibi === null || ibi === undefined || !(ibi > 0) || ibi > 3000) continue;
      tSec.push(Math.round((t - s.startSec) * 1000) / 1000);
      hrBpm.push(Math.round((60000 / ibi) * 100) / 100);
    }
    const durationSec = Math.max(0, s.endSec - s.startSec);
    const period = 60 / s.rateBpm;
    const inhale: [number, number][] = [];
    if (period > 0 && Number.isFinite(period)) {
      for (let k = 0; k * period < durationSec - 1e-9 && inhale.length < 1000; k++) inhale.push([k * period, Math.min(durationSec, k * period + frac * period)]);
    }
    return { stepIndex: s.index, rateBpm: s.rateBpm, durationSec, analysisFromSec: Math.max(0, s.analysisStartSec - s.startSec), tSec, hrBpm, inhale };
  });
}

import { analyzeBeats } from './analyzeBeats.js';
import { AnalysisInputError, MIN_USABLE_SEC } from './analyzePpg.js';
import type { AnalysisResult } from './types.js';

/**
 * `analyzeIntervals` — analysis of an RR/IBI series (Kubios, Polar, Elite HRV exports, or a BLE
 * strap): beat times are the cumulative sum of the intervals (first beat at the end of the first
 * interval), quality 1; then the same correction and metrics as for PPG.
 */
export function analyzeIntervals(ibiMs: ArrayLike<number>): AnalysisResult {
  const n = ibiMs.length;
  const beats = new Float64Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    const v = ibiMs[i] as number;
    if (!(v > 0)) throw new AnalysisInputError(`interval ${i + 1} is not a positive number (${v})`);
    t += v / 1000;
    beats[i] = t;
  }
  if (t < MIN_USABLE_SEC) throw new AnalysisInputError(`the intervals span only ${t.toFixed(1)} s; at least ${MIN_USABLE_SEC} s is needed`);
  // Prepend the start (t = 0) as the opening beat so that the first interval counts.
  const withStart = new Float64Array(n + 1);
  withStart.set(beats, 1);
  return analyzeBeats({
    beatsSec: withStart,
    quality: new Float64Array(n + 1).fill(1),
    unusable: [],
    durationSec: t,
    fsHz: null,
    settings: { input: 'rr', beatDetection: 'none: intervals read from the file' },
  });
}

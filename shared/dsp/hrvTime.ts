import type { HrvMetrics } from './types.js';
import { lowerBound, nnWindowQuality } from './nnGaps.js';

/**
 * Time-domain HRV (Task Force of the ESC/NASPE 1996, "Heart rate variability: standards of
 * measurement, physiological interpretation and clinical use", Circulation 93:1043–1065):
 *
 * - meanNnMs: mean NN interval.
 * - meanHrBpm: mean of the instantaneous heart rates 60000/NN (not 60000/meanNN).
 * - sdnnMs: sample standard deviation of NN (divisor n − 1).
 * - rmssdMs: root mean square of successive differences NN[i] − NN[i−1], only over pairs of
 *   CONSECUTIVE intervals (pass a mask, e.g. from `nnConsecutiveMask`, to skip pairs across gaps).
 * - pnn50Pct: percentage of those successive differences whose absolute value exceeds 50 ms.
 *
 * Non-finite or non-positive intervals are ignored (and break the consecutive chain). Empty input
 * gives NaN everywhere; SDNN needs ≥ 2 intervals and RMSSD/pNN50 ≥ 1 consecutive pair, else NaN.
 */
export interface HrvTimeMetrics extends Pick<HrvMetrics, 'meanNnMs' | 'meanHrBpm' | 'sdnnMs' | 'rmssdMs' | 'pnn50Pct'> {
  /** Number of valid intervals used. */
  count: number;
  /** Number of successive differences used for RMSSD/pNN50. */
  diffCount: number;
}

/**
 * @param ibiMs NN intervals, ms.
 * @param consecutive optional mask: consecutive[i] truthy when interval i directly follows i − 1.
 *   Without it, every pair of neighbouring valid intervals counts as consecutive.
 */
export function hrvTime(ibiMs: ArrayLike<number>, consecutive?: ArrayLike<boolean | number>): HrvTimeMetrics {
  const n = ibiMs.length;
  let count = 0;
  let sum = 0;
  let sumHr = 0;
  for (let i = 0; i < n; i++) {
    const v = ibiMs[i];
    if (!(v > 0) || !Number.isFinite(v)) continue;
    count++;
    sum += v;
    sumHr += 60000 / v;
  }
  const mean = count > 0 ? sum / count : NaN;
  let ss = 0;
  let diffCount = 0;
  let sumD2 = 0;
  let over50 = 0;
  let prevValid = false;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const v = ibiMs[i];
    if (!(v > 0) || !Number.isFinite(v)) {
      prevValid = false;
      continue;
    }
    ss += (v - mean) * (v - mean);
    if (prevValid && (!consecutive || consecutive[i])) {
      const d = v - prev;
      sumD2 += d * d;
      diffCount++;
      if (Math.abs(d) > 50) over50++;
    }
    prev = v;
    prevValid = true;
  }
  return {
    meanNnMs: mean,
    meanHrBpm: count > 0 ? sumHr / count : NaN,
    sdnnMs: count > 1 ? Math.sqrt(ss / (count - 1)) : NaN,
    rmssdMs: diffCount > 0 ? Math.sqrt(sumD2 / diffCount) : NaN,
    pnn50Pct: diffCount > 0 ? (100 * over50) / diffCount : NaN,
    count,
    diffCount,
  };
}

export interface HrMaxMinPerBreath {
  /** Mean over the usable breaths of (max HR − min HR), bpm; NaN when no breath is usable. */
  meanBpm: number;
  /** Per breath k (between breathTimesSec[k] and [k+1]): max − min instantaneous HR, NaN if unusable. */
  perBreathBpm: Float64Array;
  /** Number of usable breaths. */
  count: number;
}

/**
 * HR max − min per breath (the classic RSA amplitude of HRV biofeedback; Lehrer, Vaschillo &
 * Vaschillo 2000, Appl. Psychophysiol. Biofeedback 25:177–191): for each breath between two
 * successive breath onsets, the instantaneous HR 60000/NN of the beats closing inside the breath;
 * the breath counts when it has ≥ 2 beats, no invalid interval and no missing beat anywhere in it
 * (no uncovered stretch longer than max(0.2 s, ½ mean interval), as in `nnConsecutiveMask`).
 */
export function hrMaxMinPerBreath(
  tSec: ArrayLike<number>,
  ibiMs: ArrayLike<number>,
  breathTimesSec: ArrayLike<number>,
): HrMaxMinPerBreath {
  const n = Math.min(tSec.length, ibiMs.length);
  const nb = Math.max(0, breathTimesSec.length - 1);
  const per = new Float64Array(nb).fill(NaN);
  let total = 0;
  let used = 0;
  for (let k = 0; k < nb; k++) {
    const b0 = breathTimesSec[k];
    const b1 = breathTimesSec[k + 1];
    if (!Number.isFinite(b0) || !Number.isFinite(b1) || !(b1 > b0)) continue;
    let hi = -Infinity;
    let lo = Infinity;
    let beats = 0;
    let ok = true;
    let sumIbi = 0;
    for (let i = lowerBound(tSec, b0, 0, n); i < n && tSec[i] < b1; i++) {
      const ibi = ibiMs[i];
      if (!Number.isFinite(tSec[i]) || !(ibi > 0) || !Number.isFinite(ibi)) {
        ok = false;
        break;
      }
      const hr = 60000 / ibi;
      if (hr > hi) hi = hr;
      if (hr < lo) lo = hr;
      sumIbi += ibi;
      beats++;
    }
    // A missing beat anywhere in the breath (including its start and end) makes it unusable.
    if (ok && beats >= 2) {
      const q = nnWindowQuality(tSec, ibiMs, b0, b1);
      ok = q.maxHoleSec <= Math.max(0.2, (0.5 * sumIbi) / beats / 1000);
    }
    if (!ok || beats < 2) continue;
    per[k] = hi - lo;
    total += hi - lo;
    used++;
  }
  return { meanBpm: used > 0 ? total / used : NaN, perBreathBpm: per, count: used };
}

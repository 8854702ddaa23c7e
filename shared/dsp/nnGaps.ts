/**
 * Gap bookkeeping for NN-interval series.
 *
 * An NN series is given as `tSec[i]` (time of the beat that CLOSES interval i) and `ibiMs[i]`
 * (its length), so interval i covers [tSec[i] − ibiMs[i]/1000, tSec[i]]. Intervals across signal
 * gaps are simply absent: a gap shows as uncovered time ("hole") between the end of one interval
 * and the start of the next. Entries with a non-finite time, a non-finite or non-positive interval,
 * or a time not after the previous valid entry are skipped everywhere (never a crash).
 */

/** Default longest hole (s) that resampling may bridge; windows with a longer hole are unusable. */
export const DEFAULT_MAX_GAP_SEC = 3;
/** Default minimum fraction of a window covered by NN intervals. */
export const DEFAULT_MIN_COVERAGE = 0.8;

/** First index i in [lo, hi) with a[i] ≥ x (a sorted ascending); hi when none. */
export function lowerBound(a: ArrayLike<number>, x: number, lo = 0, hi: number = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Consecutiveness mask: m[i] = 1 when interval i directly follows interval i − 1 (the hole between
 * them is at most max(0.2 s, ½ interval i) in absolute value, i.e. no beat is missing), else 0.
 * m[0] = 0. Use it for RMSSD/pNN50 so that differences across gaps are skipped.
 */
export function nnConsecutiveMask(tSec: ArrayLike<number>, ibiMs: ArrayLike<number>): Uint8Array {
  const n = Math.min(tSec.length, ibiMs.length);
  const m = new Uint8Array(n);
  let prevT = NaN;
  for (let i = 0; i < n; i++) {
    const t = tSec[i];
    const ibi = ibiMs[i] / 1000;
    if (!Number.isFinite(t) || !(ibi > 0) || !Number.isFinite(ibi) || !(t > prevT || Number.isNaN(prevT))) {
      continue; // invalid entry: m[i] = 0, and the next valid one is compared with the last valid one
    }
    if (!Number.isNaN(prevT)) {
      const hole = t - ibi - prevT;
      m[i] = Math.abs(hole) <= Math.max(0.2, 0.5 * ibi) ? 1 : 0;
    }
    prevT = t;
  }
  return m;
}

export interface NnWindowQuality {
  /** Fraction of [t0, t1] covered by NN intervals, 0 … 1. */
  coverage: number;
  /** Longest uncovered stretch inside [t0, t1] (including at its start and end), s. */
  maxHoleSec: number;
  /** Number of valid intervals whose closing beat lies in [t0, t1). */
  beats: number;
  /** Index range of the closing beats in [t0, t1): [iFirst, iEnd). */
  iFirst: number;
  iEnd: number;
}

/**
 * Coverage and longest hole of the window [t0, t1] (tSec ascending). O(log n + beats in window).
 * The interval closing at or after t1 (index iEnd) still covers the end of the window.
 */
export function nnWindowQuality(tSec: ArrayLike<number>, ibiMs: ArrayLike<number>, t0: number, t1: number): NnWindowQuality {
  const n = Math.min(tSec.length, ibiMs.length);
  const iFirst = lowerBound(tSec, t0, 0, n);
  const iEnd = lowerBound(tSec, t1, iFirst, n);
  const span = t1 - t0;
  if (!(span > 0)) return { coverage: 0, maxHoleSec: Math.max(0, span), beats: 0, iFirst, iEnd };
  let covered = 0;
  let maxHole = 0;
  let prevEnd = t0;
  let prevT = -Infinity;
  let beats = 0;
  const last = Math.min(iEnd, n - 1);
  for (let i = iFirst; i <= last; i++) {
    const t = tSec[i];
    const ibi = ibiMs[i] / 1000;
    if (!Number.isFinite(t) || !(ibi > 0) || !Number.isFinite(ibi) || !(t > prevT)) continue;
    prevT = t;
    if (i < iEnd) beats++;
    const start = Math.min(t1, Math.max(t0, t - ibi));
    const end = Math.min(t1, t);
    if (start - prevEnd > maxHole) maxHole = start - prevEnd;
    if (end > start) {
      // Overlapping intervals (inconsistent times) must not be counted twice.
      const s = Math.max(start, prevEnd);
      if (end > s) covered += end - s;
    }
    if (end > prevEnd) prevEnd = end;
  }
  if (t1 - prevEnd > maxHole) maxHole = t1 - prevEnd;
  return { coverage: Math.min(1, covered / span), maxHoleSec: maxHole, beats, iFirst, iEnd };
}

export interface NnRun {
  /** Index range [iStart, iEnd) of the run's intervals. */
  iStart: number;
  iEnd: number;
  /** Start of the first interval, s. */
  startSec: number;
  /** Closing time of the last interval, s. */
  endSec: number;
}

/**
 * Splits the series into runs without a hole longer than `maxGapSec` (between the end of one
 * valid interval and the start of the next). Invalid entries are skipped (they stay inside a run
 * and are skipped again by the consumers).
 */
export function nnRuns(tSec: ArrayLike<number>, ibiMs: ArrayLike<number>, maxGapSec: number = DEFAULT_MAX_GAP_SEC): NnRun[] {
  const n = Math.min(tSec.length, ibiMs.length);
  const runs: NnRun[] = [];
  let cur: NnRun | null = null;
  let prevT = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = tSec[i];
    const ibi = ibiMs[i] / 1000;
    if (!Number.isFinite(t) || !(ibi > 0) || !Number.isFinite(ibi) || !(t > prevT)) continue;
    const start = t - ibi;
    if (cur && start - cur.endSec > maxGapSec) {
      runs.push(cur);
      cur = null;
    }
    if (!cur) cur = { iStart: i, iEnd: i + 1, startSec: start, endSec: t };
    else {
      cur.iEnd = i + 1;
      cur.endSec = t;
    }
    prevT = t;
  }
  if (cur) runs.push(cur);
  return runs;
}

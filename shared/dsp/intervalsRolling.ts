/**
 * Rolling statistics over a beat-indexed series with a validity mask, for the artifact
 * correction (`intervalsCorrect`) and the half-rate detector (`halfRate`).
 *
 * Every value at index i is a function of the valid entries in the centred index window
 * [i − half, i + half] only (the window shrinks at the ends of the array, like pandas'
 * `rolling(center=True, min_periods=1)`), so results computed on any window of beats that holds
 * that neighbourhood are bit-identical: the streaming and offline paths agree.
 */

import { lowerBound } from './nnGaps.js';
import { medianInPlace } from './quickselect.js';

/** Linear-interpolation quantile of a sorted array (numpy/pandas default). */
export function quantileSorted(w: ArrayLike<number>, q: number): number {
  const m = w.length;
  if (m === 0) return NaN;
  const pos = (m - 1) * q;
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < m ? (w[i] as number) * (1 - f) + (w[i + 1] as number) * f : (w[i] as number);
}

/** Median of the valid x[j], j ∈ [i − half, i + half]; NaN when none is valid. Also returns how many were valid. */
export function maskedRollingMedian(x: Float64Array, ok: Uint8Array, half: number): { median: Float64Array; count: Int32Array } {
  const n = x.length;
  const median = new Float64Array(n).fill(NaN);
  const count = new Int32Array(n);
  const buf = new Float64Array(2 * half + 1);
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(n - 1, i + half);
    let m = 0;
    for (let j = lo; j <= hi; j++) if (ok[j]) buf[m++] = x[j]!;
    count[i] = m;
    if (m === 0) continue;
    median[i] = medianInPlace(buf, m);
  }
  return { median, count };
}

/**
 * Quartile deviation (Q3 − Q1)/2 of |x[j]| over the valid j ∈ [i − half, i + half]; NaN when none
 * is valid. The median of the same |x[j]| goes to `medianOut` when given. A sorted copy of the window slides along (one binary-search insertion and removal per
 * step); the quantiles depend only on the window's contents, never on the order they arrived in.
 */
export function maskedRollingQuartileDeviation(x: Float64Array, ok: Uint8Array, half: number, medianOut?: Float64Array): Float64Array {
  const n = x.length;
  const out = new Float64Array(n).fill(NaN);
  medianOut?.fill(NaN);
  const win = new Float64Array(Math.min(2 * half + 1, n) + 1);
  let m = 0;
  const insert = (v: number): void => {
    const at = lowerBound(win, v, 0, m);
    win.copyWithin(at + 1, at, m);
    win[at] = v;
    m++;
  };
  const remove = (v: number): void => {
    const at = lowerBound(win, v, 0, m);
    win.copyWithin(at, at + 1, m);
    m--;
  };
  let lo = 0;
  let hi = -1;
  for (let i = 0; i < n; i++) {
    const wantLo = Math.max(0, i - half);
    const wantHi = Math.min(n - 1, i + half);
    while (hi < wantHi) {
      hi++;
      if (ok[hi]) insert(Math.abs(x[hi]!));
    }
    while (lo < wantLo) {
      if (ok[lo]) remove(Math.abs(x[lo]!));
      lo++;
    }
    if (m === 0) continue;
    const w = win.subarray(0, m);
    out[i] = (quantileSorted(w, 0.75) - quantileSorted(w, 0.25)) / 2;
    if (medianOut) medianOut[i] = quantileSorted(w, 0.5);
  }
  return out;
}

/**
 * Median R of the valid x[j], j ∈ [max(from, i − half), min(n − 1, i + half)], and the median
 * absolute deviation of those values from R, for every i ≥ `from` (NaN where none is valid; entries
 * before `from` are NaN). A sorted copy of the window slides along; the MAD is read by merging the
 * distances below and above R outwards from R (both runs are already in order), so each step costs
 * one insertion, one removal and half a window — the same numbers as selecting both medians anew.
 */
export function maskedRollingMedianMad(
  x: Float64Array,
  ok: Uint8Array,
  half: number,
  from = 0,
): { median: Float64Array; mad: Float64Array } {
  const n = x.length;
  const median = new Float64Array(n).fill(NaN);
  const mad = new Float64Array(n).fill(NaN);
  const win = new Float64Array(2 * half + 2);
  let m = 0;
  let lo = from;
  let hi = from - 1;
  for (let i = from; i < n; i++) {
    const wantLo = Math.max(from, i - half);
    const wantHi = Math.min(n - 1, i + half);
    while (hi < wantHi) {
      hi++;
      if (ok[hi]) {
        const v = x[hi]!;
        const at = lowerBound(win, v, 0, m);
        win.copyWithin(at + 1, at, m);
        win[at] = v;
        m++;
      }
    }
    while (lo < wantLo) {
      if (ok[lo]) {
        const at = lowerBound(win, x[lo]!, 0, m);
        win.copyWithin(at, at + 1, m);
        m--;
      }
      lo++;
    }
    if (m === 0) continue;
    const k = m >> 1;
    const r = m % 2 ? win[k]! : 0.5 * (win[k - 1]! + win[k]!);
    median[i] = r;
    // The k-th (and for even m the (k−1)-th) smallest |win[j] − r|: merge outwards from r.
    let a = lowerBound(win, r, 0, m) - 1; // last below r
    let b = a + 1; // first at or above r
    let prev = NaN;
    let cur = NaN;
    for (let t = 0; t <= k; t++) {
      const da = a >= 0 ? Math.abs(win[a]! - r) : Infinity;
      const db = b < m ? Math.abs(win[b]! - r) : Infinity;
      prev = cur;
      if (da <= db) {
        cur = da;
        a--;
      } else {
        cur = db;
        b++;
      }
    }
    mad[i] = m % 2 ? cur : 0.5 * (prev + cur);
  }
  return { median, mad };
}

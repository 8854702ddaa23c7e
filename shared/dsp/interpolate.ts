import { lowerBound } from './nnGaps.js';

/**
 * Resampling of an unevenly sampled series (e.g. NN intervals at their beat times) onto the
 * regular grid t0 + i/fsHz, i = 0 … n − 1, n = floor((t1 − t0)·fsHz) (half-open [t0, t1)).
 *
 * - {@link cubicSplineResample}: natural cubic spline (second derivative zero at both end knots),
 *   tridiagonal system solved with the Thomas algorithm in O(knots) (e.g. Press et al., Numerical
 *   Recipes, §3.3). This is the usual HRV choice (4 Hz cubic interpolation of the RR tachogram:
 *   Task Force of the ESC/NASPE 1996; Kubios HRV).
 * - {@link linearResample}: piecewise linear.
 *
 * Only knots with time in [t0 − marginSec, t1 + marginSec] are used (so a distant knot across a
 * long gap never shapes the window). Outside the used knots the value is held constant (first /
 * last knot value). tSec must be ascending (the knot range is found by binary search); knots with
 * a non-finite value or a time not after the previous knot are skipped. With no usable knot the
 * output is NaN. Scratch memory is reused between calls.
 */

export interface ResampleOptions {
  /** Output buffer (length ≥ n); the returned array is `out` itself or `out.subarray(0, n)`. */
  out?: Float64Array;
  /** Extra time on each side of [t0, t1] whose knots are used, s (default 3). */
  marginSec?: number;
}

let kx = new Float64Array(256);
let ky = new Float64Array(256);
let km = new Float64Array(256);
let kc = new Float64Array(256);

function ensureScratch(n: number): void {
  if (kx.length >= n) return;
  let size = kx.length;
  while (size < n) size *= 2;
  kx = new Float64Array(size);
  ky = new Float64Array(size);
  km = new Float64Array(size);
  kc = new Float64Array(size);
}

/** Number of grid samples in [t0, t1) at fsHz (0 for invalid input). */
export function resampleLength(fsHz: number, t0: number, t1: number): number {
  const n = Math.floor((t1 - t0) * fsHz + 1e-9);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function prepare(out: Float64Array | undefined, n: number): Float64Array {
  if (!out) return new Float64Array(n);
  if (out.length < n) throw new RangeError(`resample: out has length ${out.length}, need ${n}`);
  return out.length === n ? out : out.subarray(0, n);
}

/** Copies the valid knots near [t0, t1] into kx/ky; returns their count. */
function gatherKnots(tSec: ArrayLike<number>, values: ArrayLike<number>, t0: number, t1: number, marginSec: number): number {
  const n = Math.min(tSec.length, values.length);
  const lo = lowerBound(tSec, t0 - marginSec, 0, n);
  let hi = lowerBound(tSec, t1 + marginSec, lo, n);
  if (hi < n && tSec[hi] <= t1 + marginSec) hi++;
  ensureScratch(hi - lo + 1);
  let m = 0;
  for (let i = lo; i < hi; i++) {
    const t = tSec[i];
    const v = values[i];
    if (!Number.isFinite(t) || !Number.isFinite(v)) continue;
    if (m > 0 && !(t > kx[m - 1])) continue;
    kx[m] = t;
    ky[m] = v;
    m++;
  }
  return m;
}

/** Natural cubic spline resampling of (tSec, values) on [t0, t1) at fsHz. See the file comment. */
export function cubicSplineResample(
  tSec: ArrayLike<number>,
  values: ArrayLike<number>,
  fsHz: number,
  t0: number,
  t1: number,
  options: ResampleOptions = {},
): Float64Array {
  const n = resampleLength(fsHz, t0, t1);
  const out = prepare(options.out, n);
  if (n === 0) return out;
  const m = gatherKnots(tSec, values, t0, t1, options.marginSec ?? 3);
  if (m === 0) return out.fill(NaN);
  if (m < 3) return evalLinear(out, m, t0, fsHz);
  // Second derivatives M[0..m-1], natural boundary M[0] = M[m-1] = 0. Thomas algorithm on the
  // interior equations h[j-1]M[j-1] + 2(h[j-1]+h[j])M[j] + h[j]M[j+1] = 6(Δ[j] − Δ[j-1]).
  km[0] = 0;
  kc[0] = 0;
  let prevH = kx[1] - kx[0];
  let prevSlope = (ky[1] - ky[0]) / prevH;
  for (let j = 1; j < m - 1; j++) {
    const h = kx[j + 1] - kx[j];
    const slope = (ky[j + 1] - ky[j]) / h;
    const diag = 2 * (prevH + h) - prevH * kc[j - 1];
    kc[j] = h / diag; // modified super-diagonal
    km[j] = (6 * (slope - prevSlope) - prevH * km[j - 1]) / diag; // modified right-hand side
    prevH = h;
    prevSlope = slope;
  }
  km[m - 1] = 0;
  for (let j = m - 2; j >= 1; j--) km[j] -= kc[j] * km[j + 1];
  km[0] = 0;
  // Evaluate on the grid with a moving knot pointer.
  const dt = 1 / fsHz;
  const firstX = kx[0];
  const lastX = kx[m - 1];
  let j = 0;
  for (let i = 0; i < n; i++) {
    const x = t0 + i * dt;
    if (x <= firstX) {
      out[i] = ky[0];
      continue;
    }
    if (x >= lastX) {
      out[i] = ky[m - 1];
      continue;
    }
    while (kx[j + 1] < x) j++;
    const h = kx[j + 1] - kx[j];
    const a = (kx[j + 1] - x) / h;
    const b = 1 - a;
    out[i] = a * ky[j] + b * ky[j + 1] + ((a * a * a - a) * km[j] + (b * b * b - b) * km[j + 1]) * (h * h) / 6;
  }
  return out;
}

function evalLinear(out: Float64Array, m: number, t0: number, fsHz: number): Float64Array {
  const n = out.length;
  const dt = 1 / fsHz;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const x = t0 + i * dt;
    if (m === 1 || x <= kx[0]) out[i] = ky[0];
    else if (x >= kx[m - 1]) out[i] = ky[m - 1];
    else {
      while (kx[j + 1] < x) j++;
      const b = (x - kx[j]) / (kx[j + 1] - kx[j]);
      out[i] = ky[j] + b * (ky[j + 1] - ky[j]);
    }
  }
  return out;
}

/** Piecewise-linear resampling of (tSec, values) on [t0, t1) at fsHz. See the file comment. */
export function linearResample(
  tSec: ArrayLike<number>,
  values: ArrayLike<number>,
  fsHz: number,
  t0: number,
  t1: number,
  options: ResampleOptions = {},
): Float64Array {
  const n = resampleLength(fsHz, t0, t1);
  const out = prepare(options.out, n);
  if (n === 0) return out;
  const m = gatherKnots(tSec, values, t0, t1, options.marginSec ?? 3);
  if (m === 0) return out.fill(NaN);
  return evalLinear(out, m, t0, fsHz);
}

/**
 * Detrending of evenly sampled series, all IN PLACE (the array is returned for chaining).
 *
 * - {@link detrendMean}: subtract the mean.
 * - {@link detrendLinear}: subtract the least-squares straight line.
 * - {@link detrendSmoothnessPriors}: smoothness-priors detrending of Tarvainen, Ranta-aho &
 *   Karjalainen 2002 ("An advanced detrending method with application to HRV analysis", IEEE Trans.
 *   Biomed. Eng. 49:172–175): z_stat = (I − (I + λ²·D₂ᵀD₂)⁻¹)·z, D₂ the second-difference matrix.
 *   Away from the ends it acts as a time-invariant high-pass filter with cut-off ≈ fs/(2π·√λ): for λ = 500 (the
 *   Kubios default) and 4 Hz samples ≈ 0.028 Hz, i.e. it removes most VLF power.
 *   The symmetric pentadiagonal system is solved by a banded LDLᵀ factorisation in O(n).
 */

/** Subtracts the mean. */
export function detrendMean(x: Float64Array): Float64Array {
  const n = x.length;
  if (n === 0) return x;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const mean = s / n;
  for (let i = 0; i < n; i++) x[i] -= mean;
  return x;
}

/** Subtracts the least-squares line a + b·i. */
export function detrendLinear(x: Float64Array): Float64Array {
  const n = x.length;
  if (n < 2) return detrendMean(x);
  const iMean = (n - 1) / 2;
  let sx = 0;
  for (let i = 0; i < n; i++) sx += x[i];
  const xMean = sx / n;
  let sxy = 0;
  for (let i = 0; i < n; i++) sxy += (i - iMean) * (x[i] - xMean);
  const sii = (n * (n * n - 1)) / 12; // Σ (i − ī)²
  const slope = sxy / sii;
  for (let i = 0; i < n; i++) x[i] -= xMean + slope * (i - iMean);
  return x;
}

let dBuf = new Float64Array(0);
let l1Buf = new Float64Array(0);
let l2Buf = new Float64Array(0);
let zBuf = new Float64Array(0);

/**
 * Smoothness-priors detrending (Tarvainen et al. 2002), regularisation `lambda` (default 500,
 * as Kubios HRV). Fewer than 3 samples: the trend is the signal itself, so the result is all zeros.
 */
export function detrendSmoothnessPriors(x: Float64Array, lambda = 500): Float64Array {
  const n = x.length;
  if (n < 3) return x.fill(0);
  if (dBuf.length < n) {
    dBuf = new Float64Array(n);
    l1Buf = new Float64Array(n);
    l2Buf = new Float64Array(n);
    zBuf = new Float64Array(n);
  }
  const d = dBuf;
  const l1 = l1Buf;
  const l2 = l2Buf;
  const z = zBuf;
  const lam2 = lambda * lambda;
  // A = I + λ²·D₂ᵀD₂. D₂ᵀD₂ diagonal: Σ over the rows [1 −2 1] touching i; first off-diagonal
  // A[i][i+1]: −2 per row holding both; second off-diagonal A[i][i+2] = 1.
  const diag = (i: number): number => 1 + lam2 * ((i <= n - 3 ? 1 : 0) + (i >= 1 && i <= n - 2 ? 4 : 0) + (i >= 2 ? 1 : 0));
  const off1 = (i: number): number => lam2 * ((i <= n - 3 ? -2 : 0) + (i >= 1 ? -2 : 0)); // A[i][i+1], i ≤ n−2
  const off2 = lam2; // A[i][i+2], i ≤ n−3
  // Banded LDLᵀ: A = L·D·Lᵀ, L unit lower triangular with sub-diagonals l1 (i,i−1) and l2 (i,i−2).
  d[0] = diag(0);
  l1[0] = 0;
  l2[0] = 0;
  l2[1] = 0;
  l1[1] = off1(0) / d[0];
  d[1] = diag(1) - l1[1] * l1[1] * d[0];
  for (let i = 2; i < n; i++) {
    const a2 = off2 / d[i - 2];
    const a1 = (off1(i - 1) - a2 * l1[i - 1] * d[i - 2]) / d[i - 1];
    l2[i] = a2;
    l1[i] = a1;
    d[i] = diag(i) - a1 * a1 * d[i - 1] - a2 * a2 * d[i - 2];
  }
  // Solve A·trend = x: forward (L), diagonal (D), backward (Lᵀ).
  z[0] = x[0];
  z[1] = x[1] - l1[1] * z[0];
  for (let i = 2; i < n; i++) z[i] = x[i] - l1[i] * z[i - 1] - l2[i] * z[i - 2];
  for (let i = 0; i < n; i++) z[i] /= d[i];
  for (let i = n - 2; i >= 0; i--) {
    z[i] -= l1[i + 1] * z[i + 1] + (i + 2 < n ? l2[i + 2] * z[i + 2] : 0);
  }
  for (let i = 0; i < n; i++) x[i] -= z[i];
  return x;
}

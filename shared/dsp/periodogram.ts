import { realPowerSpectrum } from './fft.js';

/**
 * Windowed periodogram with one-sided power-spectral-density scaling (the per-segment step of
 * Welch's method: Welch 1967, IEEE Trans. Audio Electroacoust. 15:70–73; scaling as in
 * scipy.signal.welch(scaling='density')):
 *
 *   P[k] = c_k · |Σ x[n]·w[n]·e^(−2πi·kn/N)|² / (fs · Σ w[n]²),   c_k = 2 except at DC and N/2,
 *
 * so Σ P[k]·Δf (Δf = fs/N) equals the mean of x² — a sinusoid of amplitude A contributes A²/2
 * (in the unit of x squared) whatever the zero padding N. Units: (unit of x)²/Hz.
 *
 * The window is the periodic ("DFT-even") Hann window w[n] = 0.5 − 0.5·cos(2πn/L), the default
 * of scipy.signal.welch; windows are cached per length.
 */

interface HannEntry {
  readonly w: Float64Array;
  readonly sumSq: number;
}

const hannCache = new Map<number, HannEntry>();

function hann(length: number): HannEntry {
  let e = hannCache.get(length);
  if (!e) {
    const w = new Float64Array(length);
    let s = 0;
    for (let i = 0; i < length; i++) {
      w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / length);
      s += w[i] * w[i];
    }
    e = { w, sumSq: s };
    hannCache.set(length, e);
  }
  return e;
}

/** Periodic Hann window of `length` samples (cached; do not modify the returned array). */
export function hannWindow(length: number): Float64Array {
  return hann(length).w;
}

/**
 * One-sided PSD of `x` (length L ≤ nfft) with a periodic Hann window, zero-padded to `nfft`.
 * `x` is OVERWRITTEN with the windowed samples (callers pass their own scratch).
 * Returns `out` (length ≥ nfft/2 + 1; allocated when absent); bin k is at k·fsHz/nfft Hz.
 * A window of fewer than 2 samples yields an all-zero spectrum.
 */
export function periodogram(x: Float64Array, fsHz: number, nfft: number, out?: Float64Array): Float64Array {
  const L = x.length;
  const half = nfft >> 1;
  const result = out ?? new Float64Array(half + 1);
  if (L < 2) {
    result.fill(0, 0, half + 1);
    return result;
  }
  const { w, sumSq } = hann(L);
  for (let i = 0; i < L; i++) x[i] *= w[i];
  realPowerSpectrum(x, nfft, result);
  const scale = 1 / (fsHz * sumSq);
  result[0] *= scale;
  for (let k = 1; k < half; k++) result[k] *= 2 * scale;
  result[half] *= scale;
  return result;
}

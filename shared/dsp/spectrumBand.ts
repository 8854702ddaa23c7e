/**
 * Band integration and peak picking on a one-sided spectrum sampled at k·dfHz.
 *
 * Bin k represents the frequency interval [(k − ½)·df, (k + ½)·df); band edges that fall inside
 * a bin take the overlapping fraction of it (rectangle rule with fractional edge bins), so band
 * powers vary continuously with the band edges and do not depend on where the grid falls.
 */

/** ∫ psd df over [loHz, hiHz] (fractional edge bins). 0 when the band is empty. */
export function bandPower(psd: ArrayLike<number>, dfHz: number, loHz: number, hiHz: number, count: number = psd.length): number {
  if (!(hiHz > loHz) || !(dfHz > 0) || count <= 0) return 0;
  const kLo = Math.max(0, Math.floor(loHz / dfHz + 0.5));
  const kHi = Math.min(count - 1, Math.floor(hiHz / dfHz + 0.5));
  let sum = 0;
  for (let k = kLo; k <= kHi; k++) {
    const a = Math.max(loHz, (k - 0.5) * dfHz, 0);
    const b = Math.min(hiHz, (k + 0.5) * dfHz);
    if (b > a) sum += psd[k] * (b - a);
  }
  return sum;
}

export interface SpectralPeak {
  /** Bin index of the maximum. */
  index: number;
  /** Peak frequency, Hz, refined by parabolic interpolation (of log power when all three bins are > 0). */
  freqHz: number;
  /** Spectrum value at the maximum bin. */
  value: number;
  /** True when the maximum is a local maximum of the whole spectrum (not rising across a band edge). */
  isLocalMax: boolean;
}

/**
 * Highest bin with frequency in [loHz, hiHz]. With `preferLocalMax`, the highest bin that is a
 * local maximum of the whole spectrum is chosen when there is one (so leakage rising across a band
 * edge is not taken for a peak). Returns null for an empty band or an all-zero/non-finite band.
 * The frequency is refined by fitting a parabola through the maximum and its two neighbours
 * (quadratic interpolation of spectral peaks, Smith & Serra 1987; on log power = Gaussian fit).
 */
export function peakInBand(
  psd: ArrayLike<number>,
  dfHz: number,
  loHz: number,
  hiHz: number,
  preferLocalMax = false,
  count: number = psd.length,
): SpectralPeak | null {
  const kLo = Math.max(0, Math.ceil(loHz / dfHz - 1e-9));
  const kHi = Math.min(count - 1, Math.floor(hiHz / dfHz + 1e-9));
  let best = -1;
  let bestVal = -Infinity;
  let bestLocal = -1;
  let bestLocalVal = -Infinity;
  for (let k = kLo; k <= kHi; k++) {
    const v = psd[k];
    if (v > bestVal) {
      bestVal = v;
      best = k;
    }
    if (preferLocalMax && v > bestLocalVal) {
      const left = k > 0 ? psd[k - 1] : -Infinity;
      const right = k + 1 < count ? psd[k + 1] : -Infinity;
      if (v >= left && v >= right) {
        bestLocalVal = v;
        bestLocal = k;
      }
    }
  }
  if (preferLocalMax && bestLocal >= 0) {
    best = bestLocal;
    bestVal = bestLocalVal;
  }
  if (best < 0 || !(bestVal > 0) || !Number.isFinite(bestVal)) return null;
  const left = best > 0 ? psd[best - 1] : NaN;
  const right = best + 1 < count ? psd[best + 1] : NaN;
  const isLocalMax = !(left > bestVal) && !(right > bestVal);
  let offset = 0;
  if (isLocalMax && Number.isFinite(left) && Number.isFinite(right)) {
    let a = left;
    let b = bestVal;
    let c = right;
    if (a > 0 && c > 0) {
      a = Math.log(a);
      b = Math.log(b);
      c = Math.log(c);
    }
    const den = a - 2 * b + c;
    if (den < 0) offset = Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / den));
  }
  return { index: best, freqHz: (best + offset) * dfHz, value: bestVal, isLocalMax };
}

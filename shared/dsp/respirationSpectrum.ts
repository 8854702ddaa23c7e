import { medianInPlace, selectKth } from './quickselect.js';

/**
 * Spectral fusion for the breathing-rate estimate (respiration.ts): each respiratory modulation of
 * the pulse — heart rate (RSA / respiratory-induced frequency variation, RIFV), pulse amplitude
 * (RIAV) and pulse baseline (RIIV) — gives one periodogram; each is WHITENED against its own
 * broadband background and the whitened spectra are averaged before one peak is picked.
 *
 * Whitening: beat-derived series have a steep 1/f^β background (β ≈ 0–3 on the team's records),
 * so the raw maximum of a spectrum is usually the slow drift at the low band edge, and a
 * baroreflex (Mayer) wave at 0.1 Hz outweighs the breathing peak at 0.25 Hz. The background is a
 * power law fitted robustly to the log periodogram (least squares of ln P on ln f over
 * [fitLoHz, hiHz], refitted 4 times without the bins lying more than `excludeSd` robust SD above
 * the line — the peaks), and the log ratio ln(P/background) is kept: a peak is judged by how far
 * it stands out of its own neighbourhood, not by its absolute power. This is the 1/f ("aperiodic")
 * background model of spectral parameterisation (Donoghue et al. 2020, Nat. Neurosci.
 * 23:1655–1665), applied to respiratory modulations.
 *
 * Fusion: weighted root-mean-square over the modalities of max(0, ln P/background) (the RMS lets
 * one clear modality outweigh the random peaks of a noisy one, as a plain mean does not) — spectral fusion of
 * respiratory modulations (Karlen et al. 2013, IEEE Trans. Biomed. Eng. 60:1946–1953; reviewed by
 * Charlton et al. 2016, Physiol. Meas. 37:610–626 and 2018, IEEE Rev. Biomed. Eng. 11:2–20). A
 * rhythm present in several modulations adds up; a peak of one modulation alone is diluted.
 *
 * Confidence: each whitened spectrum is also taken in linear units and normalised to unit sum over
 * the band; the confidence is the share of the (weighted mean) normalised spectrum within
 * ±`halfWidthHz` of the fused peak — ≈ 0.1–0.3 for noise, → 1 for one clean rhythm. The
 * prominence is the fused height at the peak above its 75th percentile over the band (ln units).
 */

export interface FusionBand {
  /** Bin spacing of the spectra, Hz. */
  dfHz: number;
  /** Lower edge of the power-law fit, Hz (below the search band so a low peak is not at its edge). */
  fitLoHz: number;
  /** Search band, Hz. */
  loHz: number;
  hiHz: number;
}

const LN_FLOOR = Math.log(1e-300);
let sx = new Float64Array(0);
let sy = new Float64Array(0);
let sr = new Float64Array(0);
let ss = new Float64Array(0);
let sw8 = new Uint8Array(0);
/** Bins `sx` holds ln f of: from kFit, `sxN` of them, at spacing sxDf. */
let sxKFit = -1;
let sxDf = NaN;
let sxN = 0;


/**
 * Log ratio of `psd` to its robust power-law background, for bins kFit … kHi of `band`, written to
 * out[k]. Returns false when the spectrum is empty or flat.
 */
export function whitenLogSpectrum(
  psd: ArrayLike<number>,
  band: FusionBand,
  out: Float64Array,
  excludeSd = 1,
  iterations = 4,
): boolean {
  const kFit = Math.max(1, Math.ceil(band.fitLoHz / band.dfHz - 1e-9));
  const kHi = Math.min(psd.length - 1, Math.floor(band.hiHz / band.dfHz + 1e-9));
  const n = kHi - kFit + 1;
  if (n < 4) return false;
  if (sx.length < n) {
    sx = new Float64Array(n);
    sxN = 0;
    sy = new Float64Array(n);
    sr = new Float64Array(n);
    ss = new Float64Array(n);
    sw8 = new Uint8Array(n);
  }
  const x = sx;
  const y = sy;
  const r = sr;
  const scratch = ss;
  const w = sw8.fill(1, 0, n);
  // ln f of the bins: the same for every spectrum of a band (kept from the last call).
  if (sxKFit !== kFit || sxDf !== band.dfHz || sxN < n) {
    for (let i = 0; i < n; i++) x[i] = Math.log((kFit + i) * band.dfHz);
    sxKFit = kFit;
    sxDf = band.dfHz;
    sxN = n;
  }
  let any = false;
  for (let i = 0; i < n; i++) {
    const p = psd[kFit + i];
    y[i] = p > 0 ? Math.log(p) : LN_FLOOR;
    if (p > 0) any = true;
  }
  if (!any) return false;
  let a = 0;
  let b = 0;
  for (let it = 0; it < iterations; it++) {
    let sw = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      if (!w[i]) continue;
      sw++;
      sx += x[i];
      sy += y[i];
      sxx += x[i] * x[i];
      sxy += x[i] * y[i];
    }
    if (sw < 3) break;
    const den = sw * sxx - sx * sx;
    b = den > 0 ? (sw * sxy - sx * sy) / den : 0;
    a = (sy - b * sx) / sw;
    for (let i = 0; i < n; i++) r[i] = y[i] - a - b * x[i];
    if (it === iterations - 1) break;
    scratch.set(r.subarray(0, n));
    const med = medianInPlace(scratch, n);
    for (let i = 0; i < n; i++) scratch[i] = Math.abs(r[i] - med);
    const sd = 1.4826 * medianInPlace(scratch, n);
    for (let i = 0; i < n; i++) w[i] = r[i] > excludeSd * sd ? 0 : 1;
  }
  for (let i = 0; i < n; i++) out[kFit + i] = r[i];
  return true;
}

export interface FusedPeak {
  /** Peak frequency, Hz (parabolic refinement on the fused spectrum). */
  freqHz: number;
  /** Fused whitened level at the peak: weighted RMS of max(0, ln P/background) over the modalities. */
  height: number;
  /** Height above the 75th percentile of the fused whitened spectrum over the band, ln units. */
  prominence: number;
  /** Share of the fused normalised spectrum within ±halfWidthHz of the peak, 0 … 1. */
  confidence: number;
  /** True when the maximum is inside the band (a local maximum), not at one of its edges. */
  interior: boolean;
  /** True when a high-frequency rival replaced a low-frequency winner (see {@link RivalRule}). */
  rivalTaken: boolean;
}

/**
 * Mayer-wave rule: a winner inside `mayerBandHz` (the baroreflex wave is ≈ 0.1 Hz, 0.07–0.13 Hz:
 * Julien 2006, Cardiovasc. Res. 70:12–21) is replaced by the highest local maximum above
 * `rivalFromHz` that is not within `harmonicTolHz` of one of its harmonics, when that peak's fused
 * height is at least the winner's minus `deltaLn` (natural-log units) and its share of the
 * normalised whitened spectrum at least `minShareRatio` × the winner's.
 */
export interface RivalRule {
  mayerBandHz: readonly [number, number];
  rivalFromHz: number;
  deltaLn: number;
  harmonicTolHz: number;
  /** The rival's share of the normalised whitened spectrum must be at least this × the winner's. */
  minShareRatio: number;
}

/** Accumulates whitened spectra of several modalities and picks the fused peak. */
export class SpectralFusion {
  readonly band: FusionBand;
  private readonly kLo: number;
  private kHi: number;
  private readonly bins: number;
  private readonly lr: Float64Array;
  private readonly height: Float64Array;
  private readonly share: Float64Array;
  private readonly raw: Float64Array;
  private readonly sortBuf: Float64Array;
  private weight = 0;
  /** Modalities added since the last reset. */
  count = 0;

  constructor(band: FusionBand, bins: number) {
    this.band = { ...band };
    this.bins = bins;
    this.kLo = Math.max(1, Math.ceil(band.loHz / band.dfHz - 1e-9));
    this.kHi = Math.min(bins - 1, Math.floor(band.hiHz / band.dfHz + 1e-9));
    this.lr = new Float64Array(bins);
    this.height = new Float64Array(bins);
    this.share = new Float64Array(bins);
    this.raw = new Float64Array(bins);
    this.sortBuf = new Float64Array(bins);
  }

  /** Moves the upper edge of the search band (and of the whitening fit), Hz; call before `add`. */
  setHi(hiHz: number): void {
    this.band.hiHz = hiHz;
    this.kHi = Math.min(this.bins - 1, Math.floor(hiHz / this.band.dfHz + 1e-9));
  }

  reset(): void {
    this.height.fill(0);
    this.share.fill(0);
    this.raw.fill(0);
    this.weight = 0;
    this.count = 0;
  }

  /** Adds one modality's PSD with `weight`; false (nothing added) when it is flat or empty. */
  add(psd: ArrayLike<number>, weight: number): boolean {
    if (!(weight > 0) || this.kHi - this.kLo < 2) return false;
    if (!whitenLogSpectrum(psd, this.band, this.lr)) return false;
    let sum = 0;
    let area = 0;
    for (let k = this.kLo; k <= this.kHi; k++) {
      sum += Math.exp(this.lr[k]);
      area += psd[k];
    }
    if (!(sum > 0) || !Number.isFinite(sum) || !(area > 0)) return false;
    for (let k = this.kLo; k <= this.kHi; k++) {
      const up = Math.max(0, this.lr[k]);
      this.height[k] += weight * up * up;
      this.share[k] += (weight * Math.exp(this.lr[k])) / sum;
    }
    const lo = Math.max(0, this.kLo - 2);
    const hi = Math.min(this.bins - 1, this.kHi + 2);
    for (let k = lo; k <= hi; k++) this.raw[k] += (weight * psd[k]) / area;
    this.weight += weight;
    this.count++;
    return true;
  }

  /** Fused level of an accumulated height: the weighted RMS of the positive log ratios, ln units. */
  private level(h: number): number {
    return Math.sqrt(Math.max(0, h) / this.weight);
  }

  /** The fused peak, or null when nothing was added. */
  peak(halfWidthHz: number, rival: RivalRule | null = null): FusedPeak | null {
    if (this.count === 0) return null;
    const { kLo, kHi, height } = this;
    const df = this.band.dfHz;
    let best = kLo;
    for (let k = kLo + 1; k <= kHi; k++) if (height[k] > height[best]) best = k;
    let freqHz = this.locate(best);
    let rivalTaken = false;
    if (rival && freqHz >= rival.mayerBandHz[0] && freqHz <= rival.mayerBandHz[1]) {
      // A winner near 0.1 Hz may be a baroreflex (Mayer) wave rather than the breathing: when a
      // faster peak that is no harmonic of it is nearly as high, the breathing is taken there.
      let r = -1;
      for (let k = Math.max(kLo + 1, Math.ceil(rival.rivalFromHz / df)); k < kHi; k++) {
        if (!(height[k] >= height[k - 1] && height[k] > height[k + 1])) continue;
        const ratio = (k * df) / freqHz;
        const harmonic = Math.abs(ratio - Math.round(ratio)) * freqHz <= rival.harmonicTolHz;
        if (!harmonic && (r < 0 || height[k] > height[r])) r = k;
      }
      if (
        r >= 0 &&
        this.level(height[r]) >= this.level(height[best]) - rival.deltaLn &&
        this.shareAround(r * df, halfWidthHz) >= rival.minShareRatio * this.shareAround(freqHz, halfWidthHz)
      ) {
        best = r;
        freqHz = this.locate(best);
        rivalTaken = true;
      }
    }
    const n = kHi - kLo + 1;
    const hs = this.sortBuf;
    hs.set(height.subarray(kLo, kHi + 1));
    const prominence = this.level(height[best]) - this.level(selectKth(hs, n, Math.floor(0.75 * (n - 1))));
    const interior = best > kLo && best < kHi;
    return { freqHz, height: this.level(height[best]), prominence, confidence: this.shareAround(freqHz, halfWidthHz), interior, rivalTaken };
  }

  /**
   * Location of the peak chosen at bin `best`: the maximum of the fused RAW spectrum (unit-area
   * spectra, weighted) within ±3 bins, refined by a parabola through the log powers (Gaussian peak
   * fit). The whitened spectrum only CHOOSES the peak: dividing by a steep background tilts it.
   */
  private locate(best: number): number {
    const raw = this.raw;
    let m = best;
    for (let k = Math.max(this.kLo - 1, best - 3); k <= Math.min(this.kHi + 1, best + 3); k++) if (raw[k] > raw[m]) m = k;
    let offset = 0;
    if (m > 0 && m + 1 < this.bins && raw[m - 1] > 0 && raw[m] > 0 && raw[m + 1] > 0) {
      const a = Math.log(raw[m - 1]);
      const b = Math.log(raw[m]);
      const c = Math.log(raw[m + 1]);
      const den = a - 2 * b + c;
      if (den < 0) offset = Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / den));
    }
    return (m + offset) * this.band.dfHz;
  }

  /** Share of the fused normalised whitened spectrum within ±halfWidthHz of fHz, 0 … 1. */
  private shareAround(fHz: number, halfWidthHz: number): number {
    let sum = 0;
    for (let k = this.kLo; k <= this.kHi; k++) if (Math.abs(k * this.band.dfHz - fHz) <= halfWidthHz + 1e-12) sum += this.share[k];
    return sum / this.weight;
  }
}

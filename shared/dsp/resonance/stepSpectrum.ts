/**
 * Spectral criteria of one resonance step, from the NN series of its analysed part:
 *
 * - LF power: ∫ PSD over 0.04–0.15 Hz (Task Force 1996), ms².
 * - LF peak power: the highest local maximum of the PSD in the LF band, integrated over its main
 *   lobe, ±2/T Hz (the half-width of a Hann window's main lobe for a record of T s), ms². A pure
 *   sinusoid of amplitude A ms gives ≈ A²/2 whatever T, so steps of slightly different lengths
 *   (whole breaths) compare fairly — the PSD maximum itself would grow with T.
 * - Number of LF peaks: local maxima of the PSD in the LF band at least `PEAK_MIN_REL` (20 %) of
 *   the highest one; two neighbouring maxima count as one unless the spectrum between them dips
 *   below `PEAK_VALLEY_REL` (50 %) of the lower of the two.
 * - Smoothness of the HR curve: the share of HR power at the breathing frequency — power within
 *   the main lobe around the pacer frequency ÷ power in 0.04–0.4 Hz. A smooth, sinusoidal HR curve
 *   that follows the breath gives ≈ 1; beat-to-beat jitter, notches and double humps (harmonics
 *   at 2× the breathing frequency) and secondary LF rhythms lower it. This operationalises the
 *   "smoothest heart-rate curve" criterion of Shaffer & Meehan 2020 (judged by eye there) as a
 *   peak-to-total power ratio in the spirit of the coherence ratio (McCraty et al. 2009, Integral
 *   Review 5:10–115), with the window centred on the pacer instead of the largest peak. VLF drift
 *   (< 0.04 Hz) is left out, so slow HR trends do not count as roughness.
 *
 * - RSA-derived breathing rate: the dominant local maximum of the same spectrum in 0.05–0.5 Hz
 *   (the respiration band of `respirationFromHr`), called clear when at least
 *   `RSA_MIN_PEAK_SHARE` (30 %, as `respirationFromHr`'s minPeakFraction) of the band power lies
 *   within its main lobe.
 *
 * The spectrum is the shared routine `nnSpectrum` with the HRV settings (`NN_SPECTRUM_PRESETS.
 * resonanceStep`: 4 Hz cubic-spline resampling, linear detrend, Hann window, ≥ 2048-point FFT) run
 * as ONE segment over the longest gap-free stretch (no hole > 3 s) of the analysed part; a stretch
 * with < 80 % NN coverage, or shorter than `minSec`, gives no spectrum.
 */
import { DEFAULT_MAX_GAP_SEC, DEFAULT_MIN_COVERAGE, lowerBound, nnRuns, nnWindowQuality } from '../nnGaps.js';
import { NN_SPECTRUM_PRESETS, NnSpectrumEngine } from '../nnSpectrum.js';
import { bandPower, peakInBand } from '../spectrumBand.js';

export const LF_BAND_HZ: readonly [number, number] = [0.04, 0.15];
/** Band of the total for smoothness (LF + HF), Hz. */
export const SMOOTHNESS_TOTAL_HZ: readonly [number, number] = [0.04, 0.4];
export const RSA_BAND_HZ: readonly [number, number] = [0.05, 0.5];
export const RSA_MIN_PEAK_SHARE = 0.3;
export const PEAK_MIN_REL = 0.2;
export const PEAK_VALLEY_REL = 0.5;
/** Spectrum returned for charts up to this frequency, Hz. */
const CHART_MAX_HZ = 0.4;
/** The spectrum is evaluated up to this frequency, Hz. */
const PSD_MAX_HZ = 0.5;

export interface StepSpectrum {
  lfPowerMs2: number | null;
  lfPeakPowerMs2: number | null;
  lfPeakHz: number | null;
  lfPeakCount: number | null;
  smoothness: number | null;
  /** Dominant HR frequency in 0.05–0.5 Hz × 60, breaths/min, and whether that peak is clear. */
  rsaRateBpm: number | null;
  rsaRateClear: boolean;
  /** Length of the stretch analysed, s. */
  analysedSec: number;
  spectrum: { freqHz: number[]; psdMs2PerHz: number[] } | null;
}

/** Distinct peaks of `psd` in [loHz, hiHz] (see the file comment for the rule). */
export function countSpectralPeaks(
  psd: ArrayLike<number>,
  dfHz: number,
  loHz: number,
  hiHz: number,
  minRel = PEAK_MIN_REL,
  valleyRel = PEAK_VALLEY_REL,
): number {
  const kLo = Math.max(1, Math.ceil(loHz / dfHz - 1e-9));
  const kHi = Math.min(psd.length - 2, Math.floor(hiHz / dfHz + 1e-9));
  let max = 0;
  for (let k = kLo; k <= kHi; k++) if (psd[k] > max) max = psd[k];
  if (!(max > 0)) return 0;
  const peaks: number[] = [];
  for (let k = kLo; k <= kHi; k++) {
    const v = psd[k];
    if (v >= minRel * max && v >= psd[k - 1] && v > psd[k + 1]) peaks.push(k);
  }
  if (peaks.length === 0) return 0;
  let count = 1;
  let last = peaks[0];
  for (let j = 1; j < peaks.length; j++) {
    const k = peaks[j];
    let valley = Infinity;
    for (let m = last; m <= k; m++) if (psd[m] < valley) valley = psd[m];
    if (valley < valleyRel * Math.min(psd[last], psd[k])) {
      count++;
      last = k;
    } else if (psd[k] > psd[last]) {
      last = k; // same peak, keep its higher top
    }
  }
  return count;
}

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

/**
 * `stepSpectrum`: the spectral criteria of the NN intervals closing in [t0Sec, t1Sec] with the
 * pacer at `pacerHz` (see the file comment). Nulls when the stretch is too short (< minSec).
 */
export function stepSpectrum(
  nnTSec: ArrayLike<number>,
  nnMs: ArrayLike<number>,
  t0Sec: number,
  t1Sec: number,
  pacerHz: number,
  minSec = 20,
): StepSpectrum {
  const i0 = lowerBound(nnTSec, t0Sec);
  const i1 = lowerBound(nnTSec, t1Sec, i0);
  // Start at the first interval that begins inside the window.
  let a = i0;
  while (a < i1 && nnTSec[a] - nnMs[a] / 1000 < t0Sec - 1e-6) a++;
  const t = Array.prototype.slice.call(nnTSec, a, i1) as number[];
  const v = Array.prototype.slice.call(nnMs, a, i1) as number[];
  const span = t1Sec - t0Sec;
  const empty: StepSpectrum = {
    lfPowerMs2: null,
    lfPeakPowerMs2: null,
    lfPeakHz: null,
    lfPeakCount: null,
    smoothness: null,
    rsaRateBpm: null,
    rsaRateClear: false,
    analysedSec: 0,
    spectrum: null,
  };
  const runs = nnRuns(t, v, DEFAULT_MAX_GAP_SEC);
  let T = 0;
  for (const r of runs) T = Math.max(T, r.endSec - r.startSec);
  if (!(T > 0) || T < Math.min(minSec, span)) return empty;
  const engine = new NnSpectrumEngine(NN_SPECTRUM_PRESETS.resonanceStep, T);
  const acc = new Float64Array((engine.nfft >> 1) + 1);
  let used = 0;
  for (const r of runs) {
    if (r.endSec - r.startSec < T - 1e-9) continue;
    const q = nnWindowQuality(t, v, r.startSec, r.startSec + T);
    if (q.coverage < DEFAULT_MIN_COVERAGE || q.maxHoleSec > DEFAULT_MAX_GAP_SEC || q.beats < 3) continue;
    engine.addSegment(t, v, r.startSec, r.startSec + T, acc);
    used++;
  }
  if (used === 0) return empty;
  if (used > 1) for (let k = 0; k < acc.length; k++) acc[k] /= used;
  const df = engine.dfHz;
  const psd = acc.subarray(0, Math.min(acc.length, Math.floor(PSD_MAX_HZ / df + 1e-9) + 1));
  const lobeHz = 2 / T;
  const lf = bandPower(psd, df, LF_BAND_HZ[0], LF_BAND_HZ[1]);
  const pk = peakInBand(psd, df, LF_BAND_HZ[0], LF_BAND_HZ[1], true);
  const peakPower = pk ? bandPower(psd, df, Math.max(LF_BAND_HZ[0], pk.freqHz - lobeHz), Math.min(LF_BAND_HZ[1], pk.freqHz + lobeHz)) : null;
  const total = bandPower(psd, df, SMOOTHNESS_TOTAL_HZ[0], SMOOTHNESS_TOTAL_HZ[1]);
  const atPacer = bandPower(psd, df, Math.max(SMOOTHNESS_TOTAL_HZ[0], pacerHz - lobeHz), Math.min(SMOOTHNESS_TOTAL_HZ[1], pacerHz + lobeHz));
  const rsa = peakInBand(psd, df, RSA_BAND_HZ[0], RSA_BAND_HZ[1], true);
  const rsaBand = bandPower(psd, df, RSA_BAND_HZ[0], RSA_BAND_HZ[1]);
  const rsaShare = rsa && rsaBand > 0 ? bandPower(psd, df, Math.max(RSA_BAND_HZ[0], rsa.freqHz - lobeHz), Math.min(RSA_BAND_HZ[1], rsa.freqHz + lobeHz)) / rsaBand : 0;
  const kMax = Math.min(psd.length - 1, Math.floor(CHART_MAX_HZ / df + 1e-9));
  const freqHz: number[] = [];
  const values: number[] = [];
  for (let k = 0; k <= kMax; k++) {
    freqHz.push(round(k * df, 5));
    values.push(round(psd[k], 3));
  }
  return {
    lfPowerMs2: Number.isFinite(lf) ? lf : null,
    lfPeakPowerMs2: peakPower !== null && Number.isFinite(peakPower) ? peakPower : null,
    lfPeakHz: pk ? pk.freqHz : null,
    lfPeakCount: countSpectralPeaks(psd, df, LF_BAND_HZ[0], LF_BAND_HZ[1]),
    smoothness: total > 0 ? Math.min(1, atPacer / total) : null,
    rsaRateBpm: rsa ? 60 * rsa.freqHz : null,
    rsaRateClear: rsaShare >= RSA_MIN_PEAK_SHARE,
    analysedSec: T,
    spectrum: { freqHz, psdMs2PerHz: values },
  };
}

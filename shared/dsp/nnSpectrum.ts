import { nextPowerOfTwo } from './fft.js';
import { cubicSplineResample, resampleLength } from './interpolate.js';
import { detrendLinear, detrendMean, detrendSmoothnessPriors } from './detrend.js';
import { periodogram } from './periodogram.js';
import { DEFAULT_MAX_GAP_SEC } from './nnGaps.js';
import { medianInPlace } from './quickselect.js';

/**
 * `nnSpectrum` — the ONE spectral routine behind every spectrum of a beat-sampled series in Cadans
 * (coherence, the live NN spectrum, frequency-domain HRV, the resonance step spectra and the
 * breathing-rate estimate). Steps, for a series given at its own (uneven) times:
 *
 * 1. natural cubic-spline resampling at `fsHz` on [t0, t1) (Task Force of the ESC/NASPE 1996,
 *    Circulation 93:1043–1065, "4 Hz cubic interpolation"; knots within `knotMarginSec` outside
 *    the span still shape the spline — see interpolate.ts);
 * 2. detrending: least-squares line (default), mean, or smoothness priors (Tarvainen, Ranta-aho &
 *    Karjalainen 2002, IEEE Trans. Biomed. Eng. 49:172–175);
 * 3. optional robust clipping at median ± `clipMad`·1.4826·MAD (0 = off; the respiration estimate
 *    uses it so that one sigh or movement does not own the spectrum);
 * 4. periodic Hann window, zero padding to `nfft`, one-sided PSD in (unit)²/Hz — a sinusoid of
 *    amplitude A gives ∫PSD df ≈ A²/2 (periodogram.ts; scaling of scipy.signal.welch);
 * 5. optionally Welch averaging (Welch 1967, IEEE Trans. Audio Electroacoust. 15:70–73):
 *    segments of `welchSegmentSec` spread EVENLY over [t0, t1] with at least `welchOverlap`
 *    overlap (count = ⌈(span − L)/(L·(1 − overlap))⌉ + 1), each accepted by the caller's
 *    `accept(t0, t1)` (e.g. an NN-coverage check) or skipped; the PSDs of the accepted segments
 *    are averaged.
 *
 * FFT length = max(nextPow2(nfft), nextPow2(samples per segment), 2); bin k is at k·fsHz/nfft Hz.
 * The settings of each metric are in {@link NN_SPECTRUM_PRESETS} and reported with the metric.
 * Gap and coverage rules stay with the callers (they differ: an NN window, a per-beat series,
 * Welch segments); this routine never bridges more than the spline does.
 */

export type DetrendMethod = 'linear' | 'smoothnessPriors' | 'mean' | 'none';

export interface NnSpectrumSettings {
  /** Resampling rate of the cubic spline, Hz. */
  fsHz: number;
  /** Minimum FFT length (zero padding); rounded up to a power of two. */
  nfft: number;
  detrend: DetrendMethod;
  /** Smoothness-priors λ (detrend 'smoothnessPriors' only). */
  lambda: number;
  /** Clip the detrended samples at median ± clipMad·1.4826·MAD before windowing; 0 = off. */
  clipMad: number;
  /** Welch segment length, s; null = one periodogram over the whole span. */
  welchSegmentSec: number | null;
  /** Minimum overlap of Welch segments, 0 … < 1. */
  welchOverlap: number;
  /** Knots up to this far outside the span shape the spline, s. */
  knotMarginSec: number;
}

export const DEFAULT_NN_SPECTRUM_SETTINGS: Readonly<NnSpectrumSettings> = Object.freeze({
  fsHz: 4,
  nfft: 512,
  detrend: 'linear',
  lambda: 500,
  clipMad: 0,
  welchSegmentSec: null,
  welchOverlap: 0.5,
  knotMarginSec: DEFAULT_MAX_GAP_SEC,
});

/**
 * The settings each metric uses (the metric's own settings object overrides these where it has
 * the same field, e.g. `hrvFrequency`'s fsHz/segmentSec/overlap/detrend):
 * - coherence and the live spectrum: 64 s of NN at 2 Hz (128 points), linear detrend, Hann,
 *   FFT 512 (McCraty et al. 2009; coherence.ts);
 * - HRV bands: 4 Hz, linear detrend per 256 s Welch segment with ≥ 50 % overlap, FFT ≥ 2048
 *   (Task Force 1996; Kubios, Tarvainen et al. 2014);
 * - resonance steps: the HRV settings as ONE segment over the step's longest gap-free stretch;
 * - breathing rate: 60 s at 4 Hz, linear detrend, clipping at 2.5 robust SD, Hann, FFT 1024.
 */
export const NN_SPECTRUM_PRESETS = Object.freeze({
  coherence: Object.freeze({ ...DEFAULT_NN_SPECTRUM_SETTINGS, fsHz: 2, nfft: 512 }),
  hrv: Object.freeze({ ...DEFAULT_NN_SPECTRUM_SETTINGS, fsHz: 4, nfft: 2048, welchSegmentSec: 256, welchOverlap: 0.5 }),
  resonanceStep: Object.freeze({ ...DEFAULT_NN_SPECTRUM_SETTINGS, fsHz: 4, nfft: 2048 }),
  respiration: Object.freeze({ ...DEFAULT_NN_SPECTRUM_SETTINGS, fsHz: 4, nfft: 1024, clipMad: 2.5 }),
});

/** The detrending step in words, for reports. */
export function describeDetrend(s: { detrend: DetrendMethod; lambda: number }): string {
  return s.detrend === 'smoothnessPriors'
    ? `smoothness-priors detrend (Tarvainen 2002, λ = ${s.lambda})`
    : s.detrend === 'linear'
      ? 'linear detrend'
      : s.detrend === 'mean'
        ? 'mean removed'
        : 'no detrend';
}

/** A human-readable one-liner of the settings, for reports. */
export function describeNnSpectrum(s: NnSpectrumSettings, nfft: number = fftLength(s, 0)): string {
  const detrend = describeDetrend(s);
  const clip = s.clipMad > 0 ? `, clipped at ${s.clipMad} robust SD` : '';
  const welch =
    s.welchSegmentSec !== null ? `, Welch ${s.welchSegmentSec} s segments / ≥ ${Math.round(s.welchOverlap * 100)} % overlap` : '';
  return `${s.fsHz} Hz cubic-spline resampling, ${detrend}${clip}, Hann window, FFT ${nfft}${welch}`;
}

/** FFT length for segments of `segmentSec` (see the file comment). */
export function fftLength(s: Pick<NnSpectrumSettings, 'fsHz' | 'nfft'>, segmentSec: number): number {
  return Math.max(nextPowerOfTwo(s.nfft), nextPowerOfTwo(resampleLength(s.fsHz, 0, segmentSec)), 2);
}

/** Welch segment starts over [t0, t1] for segments of `segSec` (empty when the span is shorter). */
export function welchSegmentStarts(t0: number, t1: number, segSec: number, overlap: number): number[] {
  const d = t1 - t0;
  if (!(segSec > 0) || !(d >= segSec - 1e-9)) return [];
  const hop = segSec * (1 - overlap);
  const count = d - segSec <= 1e-9 || !(hop > 0) ? 1 : Math.ceil((d - segSec) / hop - 1e-9) + 1;
  const step = count > 1 ? (d - segSec) / (count - 1) : 0;
  const starts: number[] = [];
  for (let j = 0; j < count; j++) starts.push(t0 + j * step);
  return starts;
}

let clipScratch = new Float64Array(0);

/** Clips x in place at median ± k·1.4826·MAD (no-op when MAD is 0). */
export function clipRobust(x: Float64Array, k: number): Float64Array {
  const n = x.length;
  if (!(k > 0) || n < 3) return x;
  if (clipScratch.length < n) clipScratch = new Float64Array(n);
  const s = clipScratch;
  s.set(x);
  const med = medianInPlace(s, n);
  for (let i = 0; i < n; i++) s[i] = Math.abs(x[i] - med);
  const mad = medianInPlace(s, n);
  const lim = k * 1.4826 * mad;
  if (!(lim > 0)) return x;
  for (let i = 0; i < n; i++) {
    if (x[i] > med + lim) x[i] = med + lim;
    else if (x[i] < med - lim) x[i] = med - lim;
  }
  return x;
}

/**
 * Reusable form of {@link nnSpectrum} for one settings object and a maximum segment length:
 * allocates its buffers once, so a live caller (once a second) allocates nothing per call.
 */
export class NnSpectrumEngine {
  readonly settings: Readonly<NnSpectrumSettings>;
  readonly nfft: number;
  readonly dfHz: number;
  private readonly x: Float64Array;
  private readonly seg: Float64Array;
  /** Averaged PSD of the last `compute` (bins 0 … nfft/2). */
  readonly psd: Float64Array;

  /** `maxSegmentSec`: the longest span (one periodogram) or Welch segment this engine will see. */
  constructor(settings: Partial<NnSpectrumSettings>, maxSegmentSec: number) {
    this.settings = Object.freeze({ ...DEFAULT_NN_SPECTRUM_SETTINGS, ...settings });
    const segSec = this.settings.welchSegmentSec !== null ? Math.min(this.settings.welchSegmentSec, maxSegmentSec) : maxSegmentSec;
    this.nfft = fftLength(this.settings, segSec);
    this.dfHz = this.settings.fsHz / this.nfft;
    this.x = new Float64Array(Math.max(1, resampleLength(this.settings.fsHz, 0, segSec)));
    this.seg = new Float64Array((this.nfft >> 1) + 1);
    this.psd = new Float64Array((this.nfft >> 1) + 1);
  }

  /**
   * PSD of ONE segment [t0, t1) of (tSec, values) added to `acc` (no Welch split, no acceptance
   * check). The segment must not be longer than the engine's maximum.
   */
  addSegment(tSec: ArrayLike<number>, values: ArrayLike<number>, t0: number, t1: number, acc: Float64Array): void {
    const s = this.settings;
    const n = resampleLength(s.fsHz, t0, t1);
    if (n > this.x.length) throw new RangeError(`nnSpectrum: segment of ${n} samples exceeds the engine's ${this.x.length}`);
    const x = cubicSplineResample(tSec, values, s.fsHz, t0, t1, { out: this.x.subarray(0, n), marginSec: s.knotMarginSec });
    if (s.detrend === 'linear') detrendLinear(x);
    else if (s.detrend === 'smoothnessPriors') {
      detrendSmoothnessPriors(x, s.lambda);
      detrendMean(x);
    } else if (s.detrend === 'mean') detrendMean(x);
    if (s.clipMad > 0) clipRobust(x, s.clipMad);
    periodogram(x, s.fsHz, this.nfft, this.seg);
    for (let k = 0; k < this.seg.length; k++) acc[k] += this.seg[k];
  }

  /**
   * Adds the PSD of every accepted Welch segment of [t0, t1] (or of the whole span when
   * welchSegmentSec is null) to `acc`; returns how many were added.
   */
  accumulate(
    tSec: ArrayLike<number>,
    values: ArrayLike<number>,
    t0: number,
    t1: number,
    acc: Float64Array,
    accept?: (t0: number, t1: number) => boolean,
  ): number {
    const s = this.settings;
    if (s.welchSegmentSec === null) {
      if (accept && !accept(t0, t1)) return 0;
      this.addSegment(tSec, values, t0, t1, acc);
      return 1;
    }
    let used = 0;
    for (const a of welchSegmentStarts(t0, t1, s.welchSegmentSec, s.welchOverlap)) {
      const b = a + s.welchSegmentSec;
      if (accept && !accept(a, b)) continue;
      this.addSegment(tSec, values, a, b, acc);
      used++;
    }
    return used;
  }

  /**
   * Averaged PSD over [t0, t1) in `this.psd` (valid until the next call); returns the number of
   * segments averaged (0: the psd is all zeros).
   */
  compute(
    tSec: ArrayLike<number>,
    values: ArrayLike<number>,
    t0: number,
    t1: number,
    accept?: (t0: number, t1: number) => boolean,
  ): number {
    this.psd.fill(0);
    const used = this.accumulate(tSec, values, t0, t1, this.psd, accept);
    if (used > 1) for (let k = 0; k < this.psd.length; k++) this.psd[k] /= used;
    return used;
  }
}

export interface NnSpectrumResult {
  /** One-sided PSD, (unit of the values)²/Hz, bins k = 0 … nfft/2 at k·dfHz. */
  psd: Float64Array;
  dfHz: number;
  nfft: number;
  /** Segments averaged (1 without Welch; 0 when none was accepted: psd all zeros). */
  segments: number;
  settings: NnSpectrumSettings;
}

/**
 * `nnSpectrum(tSec, values, t0Sec, t1Sec, settings?, accept?)`: the spectrum of a beat-sampled
 * series (NN intervals, instantaneous HR, PPG amplitude…; tSec ascending) over [t0Sec, t1Sec).
 * See the file comment. Allocates its result; use {@link NnSpectrumEngine} in loops.
 */
export function nnSpectrum(
  tSec: ArrayLike<number>,
  values: ArrayLike<number>,
  t0Sec: number,
  t1Sec: number,
  settings: Partial<NnSpectrumSettings> = {},
  accept?: (t0: number, t1: number) => boolean,
): NnSpectrumResult {
  const span = Math.max(0, t1Sec - t0Sec);
  const engine = new NnSpectrumEngine(settings, span);
  const segments = engine.compute(tSec, values, t0Sec, t1Sec, accept);
  return { psd: engine.psd, dfHz: engine.dfHz, nfft: engine.nfft, segments, settings: { ...engine.settings } };
}

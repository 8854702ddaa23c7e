import type { RespirationPoint } from './types.js';
import { nextPowerOfTwo } from './fft.js';
import { cubicSplineResample, resampleLength } from './interpolate.js';
import { detrendLinear } from './detrend.js';
import { periodogram } from './periodogram.js';
import { bandPower, peakInBand } from './spectrumBand.js';
import { DEFAULT_MAX_GAP_SEC, DEFAULT_MIN_COVERAGE, lowerBound, nnWindowQuality } from './nnGaps.js';
import { NnBeatBuffer } from './NnBeatBuffer.js';

export { hrPacerPhase } from './hrPacerPhase.js';

/**
 * Breathing rate from heart rate (respiratory sinus arrhythmia), sliding window:
 *
 * instantaneous HR 60000/NN at the beat times → 4 Hz natural cubic spline over the window (60 s)
 * → linear detrend → periodic Hann window → one-sided PSD zero-padded to 512 points (0.0078 Hz grid)
 * → spectrum normalised to unit area over 0.05–0.5 Hz (3–30 breaths/min) → highest LOCAL maximum
 * in that band → parabolic interpolation of log power (Gaussian peak fit) → rate = 60·f.
 *
 * Fusion (optional): PPG beat amplitude (respiratory-induced amplitude variation, RIAV) and pulse
 * baseline (respiratory-induced intensity variation, RIIV) series are processed the same way and
 * their unit-area spectra averaged with the HR spectrum before peak picking — spectral fusion of
 * respiratory modulations as reviewed by Charlton et al. 2016 (Physiol. Meas. 37:610–626) and 2018
 * (IEEE Rev. Biomed. Eng. 11:2–20). A respiratory rhythm present in several modulations adds up,
 * while unrelated peaks of a single modulation are diluted, so a weak RSA is helped by a strong
 * RIAV/RIIV. An extra series joins only when it has ≥ 1 value per 2.5 s and no hole > 3 s.
 *
 * Quality: null when the window has < 80 % NN coverage or a hole > 3 s, or when less than
 * `minPeakFraction` (0.3) of the (fused) band power lies within ±`peakWidthHz`/2 (0.02 Hz) of the
 * peak — a flat, noise-like spectrum gives no confident number. Calibration: for white-noise NN the
 * share is 0.17/0.24/0.34 (10th/50th/90th percentile), so ~¾ of such windows are withheld; clear
 * RSA gives 0.4–0.8 (synthetic and real recordings), irregular spontaneous breathing 0.25–0.5.
 */

export interface RespirationSettings {
  windowSec: number;
  fsHz: number;
  nfft: number;
  bandHz: readonly [number, number];
  /** Width of the window around the peak used for the peak fraction, Hz. */
  peakWidthHz: number;
  /** Minimum share of the band power within the peak window (0 disables the check). */
  minPeakFraction: number;
  minCoverage: number;
  maxGapSec: number;
}

export const DEFAULT_RESPIRATION_SETTINGS: Readonly<RespirationSettings> = Object.freeze({
  windowSec: 60,
  fsHz: 4,
  nfft: 512,
  bandHz: [0.05, 0.5] as const,
  peakWidthHz: 0.04,
  minPeakFraction: 0.3,
  minCoverage: DEFAULT_MIN_COVERAGE,
  maxGapSec: DEFAULT_MAX_GAP_SEC,
});

/** A per-beat series (e.g. PPG pulse amplitude or baseline) with its own times, s. */
export interface BeatSeries {
  tSec: ArrayLike<number>;
  value: ArrayLike<number>;
}

export type RespirationNullReason = 'no data' | 'gap' | 'low coverage' | 'no variability' | 'no clear peak';

export interface RespirationDetail extends RespirationPoint {
  /** Peak frequency, Hz (also set when the rate is withheld for 'no clear peak'). */
  freqHz: number | null;
  /** Share of the fused band power within ±peakWidthHz/2 of the peak, 0 … 1. */
  peakFraction: number | null;
  /** Series that entered the fused spectrum: HR, plus amplitude/baseline when usable. */
  sources: { hr: boolean; amplitude: boolean; baseline: boolean };
  coverage: number;
  reason: RespirationNullReason | null;
}

export function describeRespirationSettings(s: RespirationSettings): RespirationSettings & { method: string } {
  return {
    ...s,
    method:
      `Breathing rate = dominant frequency of instantaneous HR (RSA) in ${s.bandHz[0]}–${s.bandHz[1]} Hz: ${s.windowSec} s sliding window, ` +
      `${s.fsHz} Hz cubic-spline resampling, linear detrend, Hann window, FFT ${s.nfft}, parabolic peak interpolation; ` +
      `optional PPG amplitude (RIAV) / baseline (RIIV) spectra fused as the mean of unit-area spectra (Charlton et al. 2016/2018); ` +
      `null when coverage < ${Math.round(s.minCoverage * 100)} %, a hole > ${s.maxGapSec} s, or peak share < ${s.minPeakFraction}`,
  };
}

const MIN_VARIANCE = 1e-9;

/** Reusable scratch + computation (internal; shared by the batch functions and the tracker). */
class RespirationEngine {
  readonly s: RespirationSettings;
  private readonly nfft: number;
  private readonly buf: Float64Array;
  private readonly psd: Float64Array;
  private readonly fused: Float64Array;

  constructor(settings: Partial<RespirationSettings>) {
    this.s = { ...DEFAULT_RESPIRATION_SETTINGS, ...settings };
    const n = resampleLength(this.s.fsHz, 0, this.s.windowSec);
    this.nfft = Math.max(nextPowerOfTwo(this.s.nfft), nextPowerOfTwo(n), 2);
    this.buf = new Float64Array(n);
    this.psd = new Float64Array((this.nfft >> 1) + 1);
    this.fused = new Float64Array((this.nfft >> 1) + 1);
  }

  /** Adds the unit-area spectrum of `values` (resampled on the window) to `fused`; false when flat. */
  private addSpectrum(t: ArrayLike<number>, values: ArrayLike<number>, t0: number, t1: number): boolean {
    const s = this.s;
    const x = cubicSplineResample(t, values, s.fsHz, t0, t1, { out: this.buf, marginSec: s.maxGapSec });
    detrendLinear(x);
    const psd = periodogram(x, s.fsHz, this.nfft, this.psd);
    const df = s.fsHz / this.nfft;
    const area = bandPower(psd, df, s.bandHz[0], s.bandHz[1]);
    if (!(area > MIN_VARIANCE) || !Number.isFinite(area)) return false;
    const inv = 1 / area;
    for (let k = 0; k < psd.length; k++) this.fused[k] += psd[k] * inv;
    return true;
  }

  /** True when the per-beat series has ≥ 1 point per 2.5 s in [t0, t1] and no hole > maxGapSec. */
  private auxUsable(aux: BeatSeries, t0: number, t1: number): boolean {
    const n = Math.min(aux.tSec.length, aux.value.length);
    const i0 = lowerBound(aux.tSec, t0, 0, n);
    const i1 = lowerBound(aux.tSec, t1, i0, n);
    if (i1 - i0 < (t1 - t0) / 2.5) return false;
    let prev = t0;
    for (let i = i0; i < i1; i++) {
      if (!Number.isFinite(aux.value[i])) continue;
      if (aux.tSec[i] - prev > this.s.maxGapSec) return false;
      prev = aux.tSec[i];
    }
    return t1 - prev <= this.s.maxGapSec;
  }

  compute(
    tSec: ArrayLike<number>,
    ibiMs: ArrayLike<number>,
    hrBpm: ArrayLike<number>,
    endSec: number,
    amplitude?: BeatSeries | null,
    baseline?: BeatSeries | null,
  ): RespirationDetail {
    const s = this.s;
    const t0 = endSec - s.windowSec;
    const q = nnWindowQuality(tSec, ibiMs, t0, endSec);
    const sources = { hr: false, amplitude: false, baseline: false };
    const result = (reason: RespirationNullReason | null, rate: number | null, f: number | null, frac: number | null): RespirationDetail => ({
      tSec: endSec,
      rateBpm: rate,
      freqHz: f,
      peakFraction: frac,
      sources,
      coverage: q.coverage,
      reason,
    });
    if (q.beats < 3 || !Number.isFinite(endSec)) return result('no data', null, null, null);
    if (q.maxHoleSec > s.maxGapSec) return result('gap', null, null, null);
    if (q.coverage < s.minCoverage) return result('low coverage', null, null, null);
    this.fused.fill(0);
    let count = 0;
    if (this.addSpectrum(tSec, hrBpm, t0, endSec)) {
      sources.hr = true;
      count++;
    }
    if (amplitude && this.auxUsable(amplitude, t0, endSec) && this.addSpectrum(amplitude.tSec, amplitude.value, t0, endSec)) {
      sources.amplitude = true;
      count++;
    }
    if (baseline && this.auxUsable(baseline, t0, endSec) && this.addSpectrum(baseline.tSec, baseline.value, t0, endSec)) {
      sources.baseline = true;
      count++;
    }
    if (count === 0) return result('no variability', null, null, null);
    const fused = this.fused;
    if (count > 1) for (let k = 0; k < fused.length; k++) fused[k] /= count;
    const df = s.fsHz / this.nfft;
    const pk = peakInBand(fused, df, s.bandHz[0], s.bandHz[1], true);
    if (!pk) return result('no variability', null, null, null);
    const half = s.peakWidthHz / 2;
    const frac = bandPower(fused, df, Math.max(s.bandHz[0], pk.freqHz - half), Math.min(s.bandHz[1], pk.freqHz + half));
    if (frac < s.minPeakFraction) return result('no clear peak', null, pk.freqHz, frac);
    return result(null, 60 * pk.freqHz, pk.freqHz, frac);
  }
}

function instantaneousHr(ibiMs: ArrayLike<number>, n: number): Float64Array {
  const hr = new Float64Array(n);
  for (let i = 0; i < n; i++) hr[i] = ibiMs[i] > 0 ? 60000 / ibiMs[i] : NaN;
  return hr;
}

export interface RespirationOptions extends Partial<RespirationSettings> {
  /** Spacing of the points, s (default 1). */
  stepSec?: number;
  /** Time of the first point (default: start of the first NN interval + windowSec). */
  startSec?: number;
  /** Last point at or before this time (default: last beat). */
  endSec?: number;
  /** PPG beat amplitude per beat (RIAV). */
  amplitude?: BeatSeries;
  /** PPG pulse baseline per beat (RIIV). */
  baseline?: BeatSeries;
}

export interface RespirationResult {
  /** Mean of the non-null rates, breaths/min; null when there is none. */
  rateBpmMean: number | null;
  series: RespirationPoint[];
  settings: RespirationSettings & { method: string; stepSec: number };
}

/** Breathing rate at the window ending at endSec (see the file comment). Never throws on data. */
export function respirationAt(
  tSec: ArrayLike<number>,
  ibiMs: ArrayLike<number>,
  endSec: number,
  options: Omit<RespirationOptions, 'stepSec' | 'startSec' | 'endSec'> = {},
): RespirationDetail {
  const { amplitude, baseline, ...rest } = options;
  const n = Math.min(tSec.length, ibiMs.length);
  return new RespirationEngine(rest).compute(tSec, ibiMs, instantaneousHr(ibiMs, n), endSec, amplitude, baseline);
}

/** Breathing-rate series every `stepSec` from the first full window to the last beat. */
export function respirationFromHr(tSec: ArrayLike<number>, ibiMs: ArrayLike<number>, options: RespirationOptions = {}): RespirationResult {
  const { stepSec: stepIn, startSec, endSec, amplitude, baseline, ...rest } = options;
  const engine = new RespirationEngine(rest);
  const stepSec = stepIn !== undefined && stepIn > 0 ? stepIn : 1;
  const settings = { ...describeRespirationSettings(engine.s), stepSec };
  const n = Math.min(tSec.length, ibiMs.length);
  let first = -1;
  let last = -1;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(tSec[i]) && ibiMs[i] > 0 && Number.isFinite(ibiMs[i])) {
      if (first < 0) first = i;
      last = i;
    }
  }
  const series: RespirationPoint[] = [];
  if (first < 0) return { rateBpmMean: null, series, settings };
  const hr = instantaneousHr(ibiMs, n);
  const tStart = startSec ?? tSec[first] - ibiMs[first] / 1000 + engine.s.windowSec;
  const tEnd = endSec ?? tSec[last];
  let sum = 0;
  let count = 0;
  for (let k = 0; ; k++) {
    const t = tStart + k * stepSec;
    if (!(t <= tEnd + 1e-9)) break;
    const d = engine.compute(tSec, ibiMs, hr, t, amplitude, baseline);
    series.push({ tSec: t, rateBpm: d.rateBpm });
    if (d.rateBpm !== null) {
      sum += d.rateBpm;
      count++;
    }
  }
  return { rateBpmMean: count > 0 ? sum / count : null, series, settings };
}

/**
 * Streaming breathing rate: `pushBeat(tSec, ibiMs, amplitude?, baseline?)` per NN interval,
 * `valueAt(now)` each second or beat. Keeps the last windowSec + 8 s of beats in a bounded buffer
 * and runs exactly the batch computation on it (one 240-point spline + one 512-point real FFT per
 * source and call).
 */
export class RespirationTracker {
  private readonly engine: RespirationEngine;
  private readonly beats: NnBeatBuffer;
  private readonly extras = new Float64Array(3);

  constructor(settings: Partial<RespirationSettings> = {}) {
    this.engine = new RespirationEngine(settings);
    this.beats = new NnBeatBuffer(this.engine.s.windowSec + this.engine.s.maxGapSec + 5, 3);
  }

  get settings(): Readonly<RespirationSettings> {
    return this.engine.s;
  }

  /** Adds one NN interval (optionally the beat's PPG amplitude and baseline). False when rejected. */
  pushBeat(tSec: number, ibiMs: number, amplitude?: number, baseline?: number): boolean {
    this.extras[0] = ibiMs > 0 ? 60000 / ibiMs : NaN;
    this.extras[1] = amplitude ?? NaN;
    this.extras[2] = baseline ?? NaN;
    return this.beats.push(tSec, ibiMs, this.extras);
  }

  /** Alias of {@link pushBeat} (streaming-class convention). */
  push(tSec: number, ibiMs: number, amplitude?: number, baseline?: number): boolean {
    return this.pushBeat(tSec, ibiMs, amplitude, baseline);
  }

  valueAt(tSec: number): RespirationDetail {
    const t = this.beats.tSec();
    const amp = this.beats.extra(1);
    const base = this.beats.extra(2);
    return this.engine.compute(t, this.beats.ibiMs(), this.beats.extra(0), tSec, { tSec: t, value: amp }, { tSec: t, value: base });
  }

  reset(): void {
    this.beats.reset();
  }
}

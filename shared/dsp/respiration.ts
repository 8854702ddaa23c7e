import type { RespirationPoint } from './types.js';
import { DEFAULT_MAX_GAP_SEC, DEFAULT_MIN_COVERAGE, lowerBound, nnWindowQuality } from './nnGaps.js';
import { NnBeatBuffer } from './NnBeatBuffer.js';
import { describeNnSpectrum, NN_SPECTRUM_PRESETS, NnSpectrumEngine, type NnSpectrumSettings } from './nnSpectrum.js';
import { SpectralFusion, type FusedPeak, type RivalRule } from './respirationSpectrum.js';

export { hrPacerPhase } from './hrPacerPhase.js';

/**
 * Breathing rate from the pulse, per trailing window (default 60 s):
 *
 * 1. three respiratory modulations, each a per-beat series — instantaneous heart rate 60000/NN
 *    (respiratory sinus arrhythmia, RIFV), PPG pulse amplitude (RIAV) and pulse baseline (RIIV)
 *    (Charlton et al. 2016, Physiol. Meas. 37:610–626; 2018, IEEE Rev. Biomed. Eng. 11:2–20);
 * 2. per modality the shared spectral routine `nnSpectrum` (NN_SPECTRUM_PRESETS.respiration:
 *    4 Hz cubic spline, linear detrend, clipped at ±2.5 robust SD so a sigh or a movement does not
 *    own the window, Hann, FFT 1024 → 0.0039 Hz bins);
 * 3. each spectrum whitened against its robust 1/f background, and the positive log ratios fused
 *    as a weighted root-mean-square (HR 2, amplitude 1, baseline 1: RSA was the most consistent
 *    modulation on the team's recordings and simulations) — respirationSpectrum.ts;
 * 4. the highest fused peak in 0.05 Hz … min(0.7 Hz, 0.45 × heart rate) (3 – 42 breaths/min, and
 *    below the Nyquist rate of a once-per-beat series); Mayer-wave rule: a winner in 0.07–0.13 Hz
 *    gives way to a non-harmonic peak above 0.15 Hz whose fused level is within 1.5 ln units of it
 *    and which holds ≥ 0.3 × its share — a 0.1 Hz baroreflex wave in HR looks exactly like paced
 *    breathing at 6/min, but never makes a 0.25 Hz peak; the rival then usually fails the
 *    confidence test, so such windows are withheld instead of reported as 6/min (a Mayer wave
 *    larger than ~1.5× the RSA amplitude still wins: a known limit);
 * 5. location: the maximum of the fused raw (unit-area) spectra next to the chosen bin, refined by
 *    a parabola through the log powers → rate = 60·f (unbiased for a sinusoid at 3.5–20 /min to
 *    0.001 breaths/min; the whitened spectrum only chooses the peak).
 *
 * The estimate is withheld, with a reason, rather than guessed:
 * - 'too-short': the data do not reach back to the start of the window (or < 10 beats in it);
 * - 'coverage': NN intervals cover < 80 % of the window or leave a hole > 3 s;
 * - 'no-clear-peak': every modality is flat, the peak lies on a band edge, or the peak holds less
 *   than `minConfidence` (0.45 / 0.36 / 0.30 with 1 / 2 / 3 modalities: one noise spectrum is
 *   spikier than the mean of three) of the normalised whitened spectrum within ±0.03 Hz — unless
 *   its fused level stands ≥ `minProminence` (2.5 ln units with HR alone, 1.3 fused) above the
 *   75th percentile of the band. Calibration (seeded white and coloured noise in every modality):
 *   ≈ 5 % of HR-only and ≈ 9 % of three-modality noise windows get a rate; on the belt
 *   recordings 83 % of the usable sliding windows do, and 100 % of the paced simulations (4–7 /min).
 *
 * Amplitude and baseline join only when they have ≥ 1 value per 2.5 s and no hole > 3 s in the window.
 */

export type RespirationReason = 'too-short' | 'coverage' | 'no-clear-peak';

export interface RespirationSettings {
  windowSec: number;
  /** Search band, Hz; the upper edge is further limited to `maxBeatFraction` × the mean heart rate. */
  bandHz: readonly [number, number];
  /** Upper edge of the search band as a fraction of the beat rate (a per-beat series' Nyquist rate is 0.5). */
  maxBeatFraction: number;
  /** Lower edge of the whitening fit, Hz. */
  fitLoHz: number;
  /** Fusion weights of heart rate, pulse amplitude and pulse baseline. */
  weights: { hr: number; amplitude: number; baseline: number };
  /** Half-width of the window around the peak for the confidence, Hz. */
  peakHalfWidthHz: number;
  /** Mayer-wave rule (respirationSpectrum.ts RivalRule); null disables it. */
  mayerRival: RivalRule | null;
  /** Minimum confidence when 1, 2 or 3 modalities are fused (0 disables the check). */
  minConfidence: readonly [number, number, number];
  /** A peak this prominent (fused level above the band's 75th percentile, ln units) with 1, 2 or 3 modalities is answered whatever its confidence. */
  minProminence: readonly [number, number, number];
  minCoverage: number;
  maxGapSec: number;
  /** Spectral routine settings (nnSpectrum.ts). */
  spectrum: NnSpectrumSettings;
}

export const DEFAULT_RESPIRATION_SETTINGS: Readonly<RespirationSettings> = Object.freeze({
  windowSec: 60,
  bandHz: [0.05, 0.7] as const,
  maxBeatFraction: 0.45,
  fitLoHz: 0.03,
  weights: Object.freeze({ hr: 2, amplitude: 1, baseline: 1 }),
  peakHalfWidthHz: 0.03,
  mayerRival: Object.freeze({ mayerBandHz: [0.07, 0.13] as const, rivalFromHz: 0.15, deltaLn: 1.5, harmonicTolHz: 0.02, minShareRatio: 0.3 }),
  minConfidence: [0.45, 0.36, 0.3] as const,
  minProminence: [2.5, 1.3, 1.3] as const,
  minCoverage: DEFAULT_MIN_COVERAGE,
  maxGapSec: DEFAULT_MAX_GAP_SEC,
  spectrum: NN_SPECTRUM_PRESETS.respiration,
});

/** A per-beat series (e.g. PPG pulse amplitude or baseline) with its own times, s. */
export interface BeatSeries {
  tSec: ArrayLike<number>;
  value: ArrayLike<number>;
}

export interface RespirationDetail extends RespirationPoint {
  reason: RespirationReason | null;
  /** Fused peak frequency, Hz (also set when the rate is withheld for 'no-clear-peak'). */
  freqHz: number | null;
  /** Share of the fused normalised whitened spectrum within ±peakHalfWidthHz of the peak, 0 … 1. */
  confidence: number | null;
  /** Fused level of the peak above the 75th percentile of the band, ln units. */
  prominence: number | null;
  /** Series that entered the fused spectrum. */
  sources: { hr: boolean; amplitude: boolean; baseline: boolean };
  /** NN coverage of the window, 0 … 1. */
  coverage: number;
}

export function describeRespirationSettings(s: RespirationSettings): RespirationSettings & { method: string } {
  return {
    ...s,
    method:
      `Breathing rate = highest peak of the fused, 1/f-whitened spectra of heart rate (RSA), pulse amplitude (RIAV) and ` +
      `pulse baseline (RIIV) (weights ${s.weights.hr}/${s.weights.amplitude}/${s.weights.baseline}) in ${s.bandHz[0]}–${s.bandHz[1]} Hz ` +
      `(≤ ${s.maxBeatFraction} × heart rate), ${s.windowSec} s trailing window; spectrum (nnSpectrum): ` +
      `${describeNnSpectrum(s.spectrum)}; withheld ('coverage') when NN coverage < ${Math.round(s.minCoverage * 100)} % or a hole > ${s.maxGapSec} s, ` +
      `('no-clear-peak') when < ${s.minConfidence.join('/')} of the whitened spectrum (1/2/3 modalities) lies within ±${s.peakHalfWidthHz} Hz of the peak ` +
      `and the peak is < ${s.minProminence.join('/')} ln units above the band's 75th percentile`,
  };
}

/** Minimum beats in a window. */
const MIN_BEATS = 10;

/** Reusable scratch + computation (internal; shared by the batch functions and the tracker). */
class RespirationEngine {
  readonly s: RespirationSettings;
  private readonly spectrum: NnSpectrumEngine;
  private readonly fusion: SpectralFusion;
  private hrBuf = new Float64Array(0);

  constructor(settings: Partial<RespirationSettings>) {
    this.s = { ...DEFAULT_RESPIRATION_SETTINGS, ...settings };
    this.spectrum = new NnSpectrumEngine({ ...this.s.spectrum, knotMarginSec: this.s.maxGapSec }, this.s.windowSec);
    this.fusion = new SpectralFusion(
      { dfHz: this.spectrum.dfHz, fitLoHz: this.s.fitLoHz, loHz: this.s.bandHz[0], hiHz: this.s.bandHz[1] },
      this.spectrum.psd.length,
    );
  }

  /** True when a per-beat series has ≥ 1 point per 2.5 s in [t0, t1] and no hole > maxGapSec. */
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

  private add(t: ArrayLike<number>, v: ArrayLike<number>, t0: number, t1: number, weight: number): boolean {
    if (!(weight > 0)) return false;
    this.spectrum.compute(t, v, t0, t1);
    return this.fusion.add(this.spectrum.psd, weight);
  }

  /** Instantaneous HR of the beats in [i0, i1) (other entries are never read by the spline). */
  private hrOf(ibiMs: ArrayLike<number>, i0: number, i1: number, n: number): Float64Array {
    if (this.hrBuf.length < n) this.hrBuf = new Float64Array(Math.max(n, 2 * this.hrBuf.length));
    const hr = this.hrBuf;
    for (let i = i0; i < i1; i++) hr[i] = ibiMs[i] > 0 ? 60000 / ibiMs[i] : NaN;
    return hr;
  }

  compute(
    tSec: ArrayLike<number>,
    ibiMs: ArrayLike<number>,
    endSec: number,
    amplitude?: BeatSeries | null,
    baseline?: BeatSeries | null,
    hrBpm?: ArrayLike<number>,
  ): RespirationDetail {
    const s = this.s;
    const t0 = endSec - s.windowSec;
    const n = Math.min(tSec.length, ibiMs.length);
    const q = nnWindowQuality(tSec, ibiMs, t0, endSec);
    const sources = { hr: false, amplitude: false, baseline: false };
    const result = (reason: RespirationReason | null, pk: FusedPeak | null): RespirationDetail => ({
      tSec: endSec,
      rateBpm: reason === null && pk ? 60 * pk.freqHz : null,
      reason,
      freqHz: pk ? pk.freqHz : null,
      confidence: pk ? pk.confidence : null,
      prominence: pk ? pk.prominence : null,
      sources,
      coverage: q.coverage,
    });
    const firstStart = n > 0 && ibiMs[0] > 0 ? tSec[0] - ibiMs[0] / 1000 : Infinity;
    if (!Number.isFinite(endSec) || firstStart > t0 + s.maxGapSec) return result('too-short', null);
    if (q.beats < MIN_BEATS || q.maxHoleSec > s.maxGapSec || q.coverage < s.minCoverage) return result('coverage', null);
    // Search band: below 0.45 × the mean beat rate of the window.
    let sumIbi = 0;
    let cnt = 0;
    for (let i = q.iFirst; i < q.iEnd; i++) {
      if (ibiMs[i] > 0 && Number.isFinite(ibiMs[i])) {
        sumIbi += ibiMs[i];
        cnt++;
      }
    }
    const beatHz = cnt > 0 ? (1000 * cnt) / sumIbi : 1;
    this.fusion.setHi(Math.min(s.bandHz[1], s.maxBeatFraction * beatHz));
    this.fusion.reset();
    // Knots up to maxGapSec outside the window shape the spline: fill HR there too.
    const i0 = lowerBound(tSec, t0 - s.maxGapSec - 1, 0, n);
    const i1 = lowerBound(tSec, endSec + s.maxGapSec + 1, q.iEnd, n);
    const hr = hrBpm ?? this.hrOf(ibiMs, i0, i1, n);
    sources.hr = this.add(tSec, hr, t0, endSec, s.weights.hr);
    if (amplitude && this.auxUsable(amplitude, t0, endSec)) {
      sources.amplitude = this.add(amplitude.tSec, amplitude.value, t0, endSec, s.weights.amplitude);
    }
    if (baseline && this.auxUsable(baseline, t0, endSec)) {
      sources.baseline = this.add(baseline.tSec, baseline.value, t0, endSec, s.weights.baseline);
    }
    const pk = this.fusion.peak(s.peakHalfWidthHz, s.mayerRival);
    if (!pk) return result('no-clear-peak', null);
    const m = Math.min(this.fusion.count, 3) - 1;
    const need = s.minConfidence[m] ?? 0;
    const prominent = pk.prominence >= (s.minProminence[m] ?? Infinity);
    if (!pk.interior || (pk.confidence < need && !prominent)) return result('no-clear-peak', pk);
    return result(null, pk);
  }
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
  /** One point per step; `reason` says why a rate is null. */
  series: (RespirationPoint & { reason: RespirationReason | null })[];
  settings: RespirationSettings & { method: string; stepSec: number };
}

/** Breathing rate of the window ending at endSec (see the file comment). Never throws on data. */
export function respirationAt(
  tSec: ArrayLike<number>,
  ibiMs: ArrayLike<number>,
  endSec: number,
  options: Omit<RespirationOptions, 'stepSec' | 'startSec' | 'endSec'> = {},
): RespirationDetail {
  const { amplitude, baseline, ...rest } = options;
  return new RespirationEngine(rest).compute(tSec, ibiMs, endSec, amplitude, baseline);
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
  const series: RespirationResult['series'] = [];
  if (first < 0) return { rateBpmMean: null, series, settings };
  const hr = new Float64Array(n);
  for (let i = 0; i < n; i++) hr[i] = ibiMs[i] > 0 ? 60000 / ibiMs[i] : NaN;
  const tStart = startSec ?? tSec[first] - ibiMs[first] / 1000 + engine.s.windowSec;
  const tEnd = endSec ?? tSec[last];
  let sum = 0;
  let count = 0;
  for (let k = 0; ; k++) {
    const t = tStart + k * stepSec;
    if (!(t <= tEnd + 1e-9)) break;
    const d = engine.compute(tSec, ibiMs, t, amplitude, baseline, hr);
    series.push({ tSec: t, rateBpm: d.rateBpm, reason: d.reason });
    if (d.rateBpm !== null) {
      sum += d.rateBpm;
      count++;
    }
  }
  return { rateBpmMean: count > 0 ? sum / count : null, series, settings };
}

/**
 * Streaming breathing rate for the live path: `push(tSec, ibiMs, amplitude?, baseline?)` per NN
 * interval, `valueAt(now)` once a second. Keeps the last windowSec + 8 s of beats in a bounded
 * buffer and runs exactly the batch computation on it (per call and modality: one 240-point
 * spline, one 1024-point real FFT and the whitening fit).
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
    return this.engine.compute(t, this.beats.ibiMs(), tSec, { tSec: t, value: this.beats.extra(1) }, { tSec: t, value: this.beats.extra(2) }, this.beats.extra(0));
  }

  reset(): void {
    this.beats.reset();
  }
}

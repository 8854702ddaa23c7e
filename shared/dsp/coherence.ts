import type { CoherenceLevel, CoherencePoint } from './types.js';
import { describeNnSpectrum, NN_SPECTRUM_PRESETS, NnSpectrumEngine, fftLength, type NnSpectrumSettings } from './nnSpectrum.js';
import { bandPower, peakInBand } from './spectrumBand.js';
import { DEFAULT_MAX_GAP_SEC, DEFAULT_MIN_COVERAGE, nnWindowQuality } from './nnGaps.js';
import { NnBeatBuffer } from './NnBeatBuffer.js';

/**
 * HeartMath-style heart-rhythm coherence ratio, following the published description (McCraty,
 * Atkinson, Tomasino & Bradley 2009, "The coherent heart", Integral Review 5(2):10–115, appendix;
 * emWave/Inner Balance help pages: the last 64 s of HRV data, updated every 5 s):
 *
 * 1. the last `windowSec` = 64 s of NN intervals, resampled at 2 Hz (128 points, natural cubic
 *    spline), linear trend removed (choice: HeartMath does not publish its detrending);
 * 2. periodic Hann window (choice: not published; it limits leakage of the residual slow trend
 *    into the peak window), one-sided PSD zero-padded to 512 points (0.0039 Hz grid);
 * 3. highest peak in 0.04–0.26 Hz (parabolic refinement); peak power = ∫PSD over a 0.030 Hz window
 *    centred on it (fractional edge bins, so the window is exactly 0.030 Hz wide);
 * 4. total power = ∫PSD over 0.0033–0.4 Hz (the Task-Force VLF+LF+HF range, i.e. "the entire
 *    spectrum" of the description; below 1/64 Hz a 64 s window carries only residual trend);
 * 5. ratio = peak / (total − peak).
 *
 * A window with < 80 % NN coverage or a hole > 3 s gives ratio null, level null (with a reason).
 * Level mapping: see {@link COHERENCE_LEVEL_THRESHOLDS}.
 */

/**
 * Ratio → level: low < 1.0 ≤ medium < 3.0 ≤ high. HeartMath does not publish the numeric
 * thresholds of its challenge levels (help.heartmath.com "Challenge Levels": each level raises the
 * thresholds by ~15 %, the highest by ~30 %); these values are this project's explicit choice:
 * a pure sinusoidal rhythm scores ≫ 3, white-noise HRV ≈ 0.1–0.5 with this implementation.
 */
export const COHERENCE_LEVEL_THRESHOLDS = Object.freeze({ mediumFrom: 1.0, highFrom: 3.0 });

/** Maps a ratio to its level (null for null/NaN). */
export function coherenceLevel(ratio: number | null): CoherenceLevel | null {
  if (ratio === null || !Number.isFinite(ratio)) return null;
  if (ratio >= COHERENCE_LEVEL_THRESHOLDS.highFrom) return 'high';
  if (ratio >= COHERENCE_LEVEL_THRESHOLDS.mediumFrom) return 'medium';
  return 'low';
}

export interface CoherenceSettings {
  windowSec: number;
  fsHz: number;
  nfft: number;
  peakSearchHz: readonly [number, number];
  peakWidthHz: number;
  totalBandHz: readonly [number, number];
  detrend: 'linear' | 'mean';
  minCoverage: number;
  maxGapSec: number;
}

export const DEFAULT_COHERENCE_SETTINGS: Readonly<CoherenceSettings> = Object.freeze({
  windowSec: 64,
  fsHz: 2,
  nfft: 512,
  peakSearchHz: [0.04, 0.26] as const,
  peakWidthHz: 0.03,
  totalBandHz: [0.0033, 0.4] as const,
  detrend: 'linear',
  minCoverage: DEFAULT_MIN_COVERAGE,
  maxGapSec: DEFAULT_MAX_GAP_SEC,
});

export type CoherenceNullReason = 'no data' | 'gap' | 'low coverage' | 'no variability';

export interface CoherenceDetail extends CoherencePoint {
  peakHz: number | null;
  peakPowerMs2: number | null;
  totalPowerMs2: number | null;
  /** NN coverage of the window, 0 … 1. */
  coverage: number;
  reason: CoherenceNullReason | null;
}

/** Total power below this (ms²) means a flat NN series: no ratio. */
const MIN_TOTAL_POWER_MS2 = 1e-6;

/** Settings + a human-readable method string, for reports. */
export function describeCoherenceSettings(s: CoherenceSettings): CoherenceSettings & { method: string; levels: typeof COHERENCE_LEVEL_THRESHOLDS } {
  const sp = coherenceSpectrumSettings(s);
  return {
    ...s,
    levels: COHERENCE_LEVEL_THRESHOLDS,
    method:
      `HeartMath-style coherence (McCraty et al. 2009): last ${s.windowSec} s of NN, spectrum (nnSpectrum): ` +
      `${describeNnSpectrum(sp, fftLength(sp, s.windowSec))}; peak = highest in ${s.peakSearchHz[0]}–${s.peakSearchHz[1]} Hz, ` +
      `peak power over ${s.peakWidthHz} Hz around it; total ${s.totalBandHz[0]}–${s.totalBandHz[1]} Hz; ratio = peak/(total − peak); ` +
      `levels low < ${COHERENCE_LEVEL_THRESHOLDS.mediumFrom} ≤ medium < ${COHERENCE_LEVEL_THRESHOLDS.highFrom} ≤ high; ` +
      `null when coverage < ${Math.round(s.minCoverage * 100)} % or a hole > ${s.maxGapSec} s`,
  };
}

/** The settings of the shared spectral routine (nnSpectrum.ts) that coherence uses. */
export function coherenceSpectrumSettings(s: CoherenceSettings): NnSpectrumSettings {
  return { ...NN_SPECTRUM_PRESETS.coherence, fsHz: s.fsHz, nfft: s.nfft, detrend: s.detrend, knotMarginSec: s.maxGapSec };
}

/** Reusable scratch + computation for one settings object (internal; used by all entry points). */
class CoherenceEngine {
  readonly s: CoherenceSettings;
  private readonly spectrum: NnSpectrumEngine;

  constructor(settings: Partial<CoherenceSettings>) {
    this.s = { ...DEFAULT_COHERENCE_SETTINGS, ...settings };
    this.spectrum = new NnSpectrumEngine(coherenceSpectrumSettings(this.s), this.s.windowSec);
  }

  compute(tSec: ArrayLike<number>, ibiMs: ArrayLike<number>, endSec: number): CoherenceDetail {
    const s = this.s;
    const t0 = endSec - s.windowSec;
    const q = nnWindowQuality(tSec, ibiMs, t0, endSec);
    const none = (reason: CoherenceNullReason): CoherenceDetail => ({
      tSec: endSec,
      ratio: null,
      level: null,
      peakHz: null,
      peakPowerMs2: null,
      totalPowerMs2: null,
      coverage: q.coverage,
      reason,
    });
    if (q.beats < 3 || !Number.isFinite(endSec)) return none('no data');
    if (q.maxHoleSec > s.maxGapSec) return none('gap');
    if (q.coverage < s.minCoverage) return none('low coverage');
    this.spectrum.compute(tSec, ibiMs, t0, endSec);
    const psd = this.spectrum.psd;
    const df = this.spectrum.dfHz;
    const total = bandPower(psd, df, s.totalBandHz[0], s.totalBandHz[1]);
    const pk = peakInBand(psd, df, s.peakSearchHz[0], s.peakSearchHz[1]);
    if (!(total > MIN_TOTAL_POWER_MS2) || !pk) return none('no variability');
    const half = s.peakWidthHz / 2;
    const peak = bandPower(psd, df, pk.freqHz - half, pk.freqHz + half);
    const ratio = peak / Math.max(total - peak, total * 1e-9);
    return {
      tSec: endSec,
      ratio,
      level: coherenceLevel(ratio),
      peakHz: pk.freqHz,
      peakPowerMs2: peak,
      totalPowerMs2: total,
      coverage: q.coverage,
      reason: null,
    };
  }
}

/** The default settings with their method description, for reports (`settings.coherence`). */
export const COHERENCE_SETTINGS = Object.freeze(describeCoherenceSettings(DEFAULT_COHERENCE_SETTINGS));

let defaultEngine: CoherenceEngine | null = null;

function engineFor(settings?: Partial<CoherenceSettings>): CoherenceEngine {
  if (settings && Object.keys(settings).length > 0) return new CoherenceEngine(settings);
  defaultEngine ??= new CoherenceEngine({});
  return defaultEngine;
}

/**
 * Coherence of the window [endSec − 64 s, endSec) of an NN series (tSec ascending = closing beat
 * times, ibiMs = intervals). Never throws on data; unusable windows give ratio/level null.
 */
export function coherenceAt(
  tSec: ArrayLike<number>,
  ibiMs: ArrayLike<number>,
  endSec: number,
  settings?: Partial<CoherenceSettings>,
): CoherenceDetail {
  return engineFor(settings).compute(tSec, ibiMs, endSec);
}

export interface CoherenceSeriesOptions extends Partial<CoherenceSettings> {
  /** Spacing of the points, s (default 1). */
  stepSec?: number;
  /** Time of the first point (default: start of the first NN interval + windowSec). */
  startSec?: number;
  /** Last point at or before this time (default: last beat). */
  endSec?: number;
}

/** Mean of the non-null ratios of a series; null when there is none. */
export function coherenceRatioMean(series: readonly CoherencePoint[]): number | null {
  let sum = 0;
  let count = 0;
  for (const p of series) {
    if (p.ratio !== null && Number.isFinite(p.ratio)) {
      sum += p.ratio;
      count++;
    }
  }
  return count > 0 ? sum / count : null;
}

/**
 * Coherence every `stepSec` (default 1 s) from the first full window (start of the first NN
 * interval + windowSec, or `startSec`) to the last beat (or `endSec`); see {@link coherenceAt}.
 * Points carry tSec (window end), ratio, level and peakHz. Report settings: {@link COHERENCE_SETTINGS}
 * (defaults) or `describeCoherenceSettings`.
 */
export function coherenceSeries(tSec: ArrayLike<number>, ibiMs: ArrayLike<number>, options: CoherenceSeriesOptions = {}): CoherencePoint[] {
  const { stepSec: stepIn, startSec, endSec, ...rest } = options;
  const engine = Object.keys(rest).length > 0 ? new CoherenceEngine(rest) : engineFor();
  const stepSec = stepIn !== undefined && stepIn > 0 ? stepIn : 1;
  const n = Math.min(tSec.length, ibiMs.length);
  let first = -1;
  let last = -1;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(tSec[i]) && ibiMs[i] > 0 && Number.isFinite(ibiMs[i])) {
      if (first < 0) first = i;
      last = i;
    }
  }
  const series: CoherencePoint[] = [];
  if (first < 0) return series;
  const tStart = startSec ?? tSec[first] - ibiMs[first] / 1000 + engine.s.windowSec;
  const tEnd = endSec ?? tSec[last];
  for (let k = 0; ; k++) {
    const t = tStart + k * stepSec;
    if (!(t <= tEnd + 1e-9)) break;
    const d = engine.compute(tSec, ibiMs, t);
    series.push({ tSec: t, ratio: d.ratio, level: d.level, peakHz: d.peakHz });
  }
  return series;
}

/**
 * Streaming coherence: `pushBeat` every NN interval as it arrives, `valueAt(now)` whenever a value
 * is wanted (each beat or each second). Keeps only the last windowSec + 8 s of beats in a bounded
 * buffer and recomputes from it with exactly the batch code, so live and offline values agree.
 * Cost per call: one 128-point spline + one 512-point real FFT (≈ 10 µs measured on a loaded
 * 2-core VM; a 1-hour recording at 1 s steps ≈ 40 ms, at 5 s steps ≈ 10 ms).
 */
export class CoherenceTracker {
  private readonly engine: CoherenceEngine;
  private readonly beats: NnBeatBuffer;

  constructor(settings: Partial<CoherenceSettings> = {}) {
    this.engine = new CoherenceEngine(settings);
    this.beats = new NnBeatBuffer(this.engine.s.windowSec + this.engine.s.maxGapSec + 5);
  }

  get settings(): Readonly<CoherenceSettings> {
    return this.engine.s;
  }

  /** Adds one NN interval closing at tSec. Returns false (ignored) for invalid or out-of-order beats. */
  pushBeat(tSec: number, ibiMs: number): boolean {
    return this.beats.push(tSec, ibiMs);
  }

  /** Alias of {@link pushBeat} (streaming-class convention). */
  push(tSec: number, ibiMs: number): boolean {
    return this.beats.push(tSec, ibiMs);
  }

  /** Coherence of the window ending at tSec (usually "now"). */
  valueAt(tSec: number): CoherenceDetail {
    return this.engine.compute(this.beats.tSec(), this.beats.ibiMs(), tSec);
  }

  reset(): void {
    this.beats.reset();
  }
}

import type { HrvMetrics } from './types.js';
import { bandPower, peakInBand } from './spectrumBand.js';
import { DEFAULT_MAX_GAP_SEC, DEFAULT_MIN_COVERAGE, nnRuns, nnWindowQuality } from './nnGaps.js';
import { describeDetrend, NN_SPECTRUM_PRESETS, NnSpectrumEngine, type DetrendMethod, type NnSpectrumSettings } from './nnSpectrum.js';

/**
 * Frequency-domain HRV (Task Force of the ESC/NASPE 1996; bands VLF 0.0033–0.04, LF 0.04–0.15,
 * HF 0.15–0.4 Hz) by Welch's averaged periodogram (Welch 1967) of the NN series resampled at 4 Hz
 * with a natural cubic spline — the Kubios HRV "FFT spectrum" approach (Tarvainen et al. 2014,
 * Comput. Methods Programs Biomed. 113:210–220).
 *
 * Steps: split the series at holes > maxGapSec (3 s; never interpolated across) → per run, the
 * shared spectral routine `nnSpectrum` (nnSpectrum.ts) with Welch segments of `segmentSec`
 * (256 s; the whole longest run when shorter) spread evenly over the run with ≥ `overlap` (50 %)
 * overlap, segments with < 80 % NN coverage skipped → per segment: 4 Hz cubic resampling, detrend
 * (default LINEAR per segment: it keeps VLF, which smoothness priors λ = 500 would mostly remove;
 * 'smoothnessPriors' is available), periodic Hann window, zero padding to ≥ 2048 points,
 * one-sided PSD in ms²/Hz → average over all runs' segments → band powers = ∫PSD df with fractional edge
 * bins (a sinusoid of amplitude A ms inside a band gives ≈ A²/2 ms²), peak frequencies = PSD
 * maximum in the band (parabolic refinement).
 *
 * Short data: LF/HF need a run of ≥ `minDurationSec` (60 s), otherwise everything is NaN; VLF needs
 * ≥ `minVlfDurationSec` (120 s), otherwise vlfMs2 (and totalMs2) are NaN; each case adds a note.
 */

export type { DetrendMethod } from './nnSpectrum.js';

export interface HrvFrequencySettings {
  fsHz: number;
  segmentSec: number;
  overlap: number;
  detrend: DetrendMethod;
  /** Smoothness-priors λ (only used with detrend 'smoothnessPriors'). */
  lambda: number;
  /** Minimum FFT length (zero padding), a power of two. */
  minNfft: number;
  vlfHz: readonly [number, number];
  lfHz: readonly [number, number];
  hfHz: readonly [number, number];
  maxGapSec: number;
  minCoverage: number;
  minDurationSec: number;
  minVlfDurationSec: number;
  /** The returned PSD is cut at this frequency (for charts). */
  psdMaxHz: number;
}

export const DEFAULT_HRV_FREQUENCY_SETTINGS: Readonly<HrvFrequencySettings> = Object.freeze({
  fsHz: 4,
  segmentSec: 256,
  overlap: 0.5,
  detrend: 'linear',
  lambda: 500,
  minNfft: 2048,
  vlfHz: [0.0033, 0.04] as const,
  lfHz: [0.04, 0.15] as const,
  hfHz: [0.15, 0.4] as const,
  maxGapSec: DEFAULT_MAX_GAP_SEC,
  minCoverage: DEFAULT_MIN_COVERAGE,
  minDurationSec: 60,
  minVlfDurationSec: 120,
  psdMaxHz: 0.5,
});

export interface HrvFrequencyResult extends Pick<HrvMetrics, 'vlfMs2' | 'lfMs2' | 'hfMs2' | 'lfHf' | 'lfPeakHz' | 'hfPeakHz'> {
  /** VLF + LF + HF power (0.0033–0.4 Hz), ms²; NaN when VLF is. */
  totalMs2: number;
  /** Averaged one-sided PSD up to psdMaxHz (null when nothing could be analysed). */
  psd: { freqHz: Float64Array; psdMs2PerHz: Float64Array } | null;
  segments: { used: number; lengthSec: number; analysedSec: number; excludedSec: number };
  notes: string[];
  settings: HrvFrequencySettings & { method: string };
}

/** The settings of the shared spectral routine (nnSpectrum.ts) for HRV with segments of `segmentSec`. */
export function hrvSpectrumSettings(s: HrvFrequencySettings, segmentSec: number = s.segmentSec): NnSpectrumSettings {
  return {
    ...NN_SPECTRUM_PRESETS.hrv,
    fsHz: s.fsHz,
    nfft: s.minNfft,
    detrend: s.detrend,
    lambda: s.lambda,
    welchSegmentSec: segmentSec,
    welchOverlap: s.overlap,
    knotMarginSec: s.maxGapSec,
  };
}

function describe(s: HrvFrequencySettings, nfft: number): string {
  const detrend = describeDetrend(s);
  const f = (b: readonly [number, number]): string => `${b[0]}–${b[1]} Hz`;
  return (
    `Welch, ${s.fsHz} Hz cubic-spline resampling, ${detrend} per segment, Hann window, ` +
    `segment ${s.segmentSec} s / ${Math.round(s.overlap * 100)} % overlap (whole record when shorter), ` +
    `FFT ${nfft} points (shared routine nnSpectrum); bands VLF ${f(s.vlfHz)}, LF ${f(s.lfHz)}, HF ${f(s.hfHz)}; ` +
    `no interpolation across holes > ${s.maxGapSec} s, segments with < ${Math.round(s.minCoverage * 100)} % coverage skipped`
  );
}

/** Frequency-domain HRV of an NN series (see the file comment). Never throws on data. */
export function hrvFrequency(
  tSec: ArrayLike<number>,
  ibiMs: ArrayLike<number>,
  settings: Partial<HrvFrequencySettings> = {},
): HrvFrequencyResult {
  const s: HrvFrequencySettings = { ...DEFAULT_HRV_FREQUENCY_SETTINGS, ...settings };
  const notes: string[] = [];
  if (tSec.length !== ibiMs.length) notes.push(`tSec (${tSec.length}) and ibiMs (${ibiMs.length}) differ in length; the common part is used`);
  const runs = nnRuns(tSec, ibiMs, s.maxGapSec);
  let longest = 0;
  let spanStart = Infinity;
  let spanEnd = -Infinity;
  for (const r of runs) {
    longest = Math.max(longest, r.endSec - r.startSec);
    spanStart = Math.min(spanStart, r.startSec);
    spanEnd = Math.max(spanEnd, r.endSec);
  }
  const segLen = Math.min(s.segmentSec, longest);
  const engine = new NnSpectrumEngine(hrvSpectrumSettings(s, segLen), segLen);
  const nfft = engine.nfft;
  const empty = (note: string): HrvFrequencyResult => ({
    vlfMs2: NaN,
    lfMs2: NaN,
    hfMs2: NaN,
    lfHf: NaN,
    lfPeakHz: NaN,
    hfPeakHz: NaN,
    totalMs2: NaN,
    psd: null,
    segments: { used: 0, lengthSec: 0, analysedSec: 0, excludedSec: runs.length ? spanEnd - spanStart : 0 },
    notes: [...notes, note],
    settings: { ...s, method: describe(s, nfft) },
  });
  if (runs.length === 0) return empty('no valid NN intervals');
  if (longest < s.minDurationSec) {
    return empty(`longest gap-free stretch is ${longest.toFixed(1)} s; frequency-domain HRV needs ≥ ${s.minDurationSec} s`);
  }

  const half = nfft >> 1;
  const acc = new Float64Array(half + 1);
  let used = 0;
  let analysed = 0;
  let skippedCoverage = 0;
  const accept = (t0: number, t1: number): boolean => {
    const q = nnWindowQuality(tSec, ibiMs, t0, t1);
    const ok = !(q.coverage < s.minCoverage || q.maxHoleSec > s.maxGapSec || q.beats < 3);
    if (!ok) skippedCoverage++;
    return ok;
  };
  for (const r of runs) {
    const n = engine.accumulate(tSec, ibiMs, r.startSec, r.endSec, acc, accept);
    used += n;
    if (n > 0) analysed += r.endSec - r.startSec;
  }
  if (used === 0) return empty('no usable segment (coverage of NN intervals below the minimum everywhere)');
  for (let k = 0; k <= half; k++) acc[k] /= used;
  if (skippedCoverage > 0) notes.push(`${skippedCoverage} segment(s) skipped for < ${Math.round(s.minCoverage * 100)} % NN coverage`);
  const excluded = Math.max(0, spanEnd - spanStart - analysed);
  if (excluded > 1) notes.push(`${excluded.toFixed(1)} s not analysed (gaps > ${s.maxGapSec} s or stretches shorter than one segment)`);
  if (segLen < s.segmentSec) notes.push(`record shorter than one segment: one ${segLen.toFixed(1)} s segment analysed`);

  const df = s.fsHz / nfft;
  const vlfOk = segLen >= s.minVlfDurationSec;
  if (!vlfOk) notes.push(`VLF not reported: needs ≥ ${s.minVlfDurationSec} s of gap-free data (have ${segLen.toFixed(1)} s)`);
  else if (segLen < 1 / s.vlfHz[0]) notes.push(`VLF indicative only: its lower edge ${s.vlfHz[0]} Hz needs ≥ ${Math.round(1 / s.vlfHz[0])} s segments`);
  if (s.detrend === 'smoothnessPriors') notes.push('smoothness-priors detrending attenuates VLF power');
  const vlf = vlfOk ? bandPower(acc, df, s.vlfHz[0], s.vlfHz[1]) : NaN;
  const lf = bandPower(acc, df, s.lfHz[0], s.lfHz[1]);
  const hf = bandPower(acc, df, s.hfHz[0], s.hfHz[1]);
  const lfPeak = peakInBand(acc, df, s.lfHz[0], s.lfHz[1]);
  const hfPeak = peakInBand(acc, df, s.hfHz[0], s.hfHz[1]);
  const kMax = Math.min(half, Math.floor(s.psdMaxHz / df + 1e-9));
  const freqHz = new Float64Array(kMax + 1);
  for (let k = 0; k <= kMax; k++) freqHz[k] = k * df;
  return {
    vlfMs2: vlf,
    lfMs2: lf,
    hfMs2: hf,
    lfHf: hf > 0 ? lf / hf : NaN,
    lfPeakHz: lfPeak ? lfPeak.freqHz : NaN,
    hfPeakHz: hfPeak ? hfPeak.freqHz : NaN,
    totalMs2: vlf + lf + hf,
    psd: { freqHz, psdMs2PerHz: acc.slice(0, kMax + 1) },
    segments: { used, lengthSec: segLen, analysedSec: analysed, excludedSec: excluded },
    notes,
    settings: { ...s, method: describe(s, nfft) },
  };
}

/**
 * `sessionMetrics` — the key figures of a session report, read from ONE `AnalysisResult` (the
 * offline analysis of the stored signal: `analyzePpg`, or `analyzeIntervals`/`analyzeBeats` for
 * interval sensors). Nothing is recomputed: every value is the analysis' own number (undefined
 * values such as LF/HF of a too-short record become null), plus counts over its series. The field
 * names are those of the stored session summary (main/sessions/sessionSummary.ts), which is built from it.
 */
import type { HrvWithheld } from './hrvWithheld.js';
import type { AnalysisResult, CoherenceLevel } from './types.js';

export type CoherenceLevelTimes = { low: number; medium: number; high: number };

export type SessionMetrics = {
  /** Length of the analysed signal, s. */
  analyzedSec: number;
  meanHrBpm: number | null;
  meanNnMs: number | null;
  sdnnMs: number | null;
  rmssdMs: number | null;
  pnn50Pct: number | null;
  vlfMs2: number | null;
  lfMs2: number | null;
  hfMs2: number | null;
  lfHf: number | null;
  lfPeakHz: number | null;
  hfPeakHz: number | null;
  /** Mean of the non-null ratios of the coherence series (the analysis' `ratioMean`). */
  coherenceMean: number | null;
  /** Highest ratio of the coherence series. */
  coherencePeak: number | null;
  /** Time of the point with the highest ratio (window end, analysis clock), s. */
  coherencePeakTSec: number | null;
  /** Seconds in each level: points of the series × its step. */
  coherenceSec: CoherenceLevelTimes;
  /** Share of the scored time in each level, % (sums to 100 when anything was scored). */
  coherencePct: CoherenceLevelTimes;
  /** Mean breathing rate (breaths/min) estimated from heart rate. */
  breathingRateBpm: number | null;
  beats: number;
  nnIntervals: number;
  correctedBeats: number;
  correctedPct: number | null;
  /** Share of the signal with usable beats, % (100 − unusable %); 100 for interval input. */
  signalQualityPct: number | null;
  unusableSec: number | null;
  /** Beat-timing noise floor of the signal, ms (null when unknown). */
  timingNoiseMs: number | null;
  /** HRV figures withheld, with the reason (their value above is null). */
  hrvWithheld: HrvWithheld;
};

const num = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

/** Spacing of a point series (the first step; 1 s for the analysis' coherence series). */
export function seriesStepSec(series: readonly { tSec: number }[]): number {
  return series.length > 1 ? series[1]!.tSec - series[0]!.tSec : 1;
}

export function sessionMetrics(r: AnalysisResult): SessionMetrics {
  const series = r.coherence.series;
  const stepSec = seriesStepSec(series);
  const sec: CoherenceLevelTimes = { low: 0, medium: 0, high: 0 };
  let peak: number | null = null;
  let peakT: number | null = null;
  for (const p of series) {
    if (p.level !== null) sec[p.level as CoherenceLevel] += stepSec;
    if (p.ratio !== null && Number.isFinite(p.ratio) && (peak === null || p.ratio > peak)) {
      peak = p.ratio;
      peakT = p.tSec;
    }
  }
  const scored = sec.low + sec.medium + sec.high;
  const pct = (x: number): number => (scored > 0 ? round((100 * x) / scored, 2) : 0);
  const h = r.hrv;
  return {
    analyzedSec: r.durationSec,
    meanHrBpm: num(h.meanHrBpm),
    meanNnMs: num(h.meanNnMs),
    sdnnMs: num(h.sdnnMs),
    rmssdMs: num(h.rmssdMs),
    pnn50Pct: num(h.pnn50Pct),
    vlfMs2: num(h.vlfMs2),
    lfMs2: num(h.lfMs2),
    hfMs2: num(h.hfMs2),
    lfHf: num(h.lfHf),
    lfPeakHz: num(h.lfPeakHz),
    hfPeakHz: num(h.hfPeakHz),
    coherenceMean: num(r.coherence.ratioMean),
    coherencePeak: peak,
    coherencePeakTSec: peakT,
    coherenceSec: sec,
    coherencePct: { low: pct(sec.low), medium: pct(sec.medium), high: pct(sec.high) },
    breathingRateBpm: num(r.respiration.rateBpmMean),
    beats: r.beats.tSec.length,
    nnIntervals: r.nn.ibiMs.length,
    correctedBeats: r.artifacts.corrected,
    correctedPct: num(r.artifacts.percent),
    signalQualityPct: r.signal ? num(round(100 - r.signal.unusablePct, 2)) : 100,
    unusableSec: r.signal ? num(r.signal.unusableSec) : 0,
    timingNoiseMs: num(r.signal?.timingNoiseMs),
    hrvWithheld: { ...(r.hrvWithheld ?? {}) },
  };
}

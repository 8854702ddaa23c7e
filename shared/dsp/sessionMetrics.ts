/**
 * `sessionMetrics` — the key figures of a session report, read from ONE `AnalysisResult` (the
 * offline analysis of the stored signal: `analyzePpg`, or `analyzeIntervals`/`analyzeBeats` for
 * interval sensors). Nothing is recomputed: every value is the analysis' own number (undefined
 * values such as LF/HF of a too-short record become null), plus counts over its series. The field
 * names are those of the stored session summary (main/sessions/sessionSummary.ts), which is built from it.
 */
import type { HrvWithheld } from './hrvWithheld.js';
import type { AnalysisResult, CoherenceLevel } from './types.js';

/** A value per coherence level (seconds or %). */
export type CoherenceLevelTimes = { low: number; medium: number; high: number };

/** A value per coherence level plus the time that was not scored; over the whole session. */
export type CoherenceSessionTimes = CoherenceLevelTimes & { notScored: number };

/** Time in level over the whole session: see {@link coherenceTimeInLevel}. */
export interface CoherenceTimeInLevel {
  /** Seconds in each level and not scored; they sum to the session (`durationSec`). */
  sec: CoherenceSessionTimes;
  /** Share of the session in each level and not scored, % (two decimals; sums to 100 when the session has a length). */
  pct: CoherenceSessionTimes;
  /** Seconds that were scored (low + medium + high). */
  scoredSec: number;
  /** Share of the scored time in each level, % (sums to 100 when anything was scored, else all 0). */
  scoredPct: CoherenceLevelTimes;
}

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
  /**
   * Seconds in each level (scored points of the series × its step) and `notScored` (the rest of the
   * session: the first 64 s before the window is full, windows the analysis could not score, time
   * without usable signal); the four sum to `analyzedSec`. See {@link coherenceTimeInLevel}.
   */
  coherenceSec: CoherenceSessionTimes;
  /** Share of the whole session in each level and not scored, % (sums to 100). */
  coherencePct: CoherenceSessionTimes;
  /** Seconds of the session with a coherence score (low + medium + high). */
  coherenceScoredSec: number;
  /** Share of the SCORED time in each level, % (sums to 100 when anything was scored, else all 0). */
  coherenceScoredPct: CoherenceLevelTimes;
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

/**
 * `sharesPct` — each part as a share of `total`, %, rounded to two decimals by largest remainder so
 * that the shares sum to exactly 100.00 (when total > 0 and the parts sum to it; all 0 when total ≤ 0).
 */
export function sharesPct<K extends string>(parts: Record<K, number>, total: number): Record<K, number> {
  const keys = Object.keys(parts) as K[];
  const out = {} as Record<K, number>;
  if (!(total > 0)) {
    for (const k of keys) out[k] = 0;
    return out;
  }
  const exact = keys.map((k) => (10_000 * Math.max(0, parts[k])) / total);
  const floor = exact.map((x) => Math.floor(x + 1e-9));
  let left = Math.round(exact.reduce((a, b) => a + b, 0)) - floor.reduce((a, b) => a + b, 0);
  const order = keys.map((_, i) => i).sort((a, b) => exact[b]! - floor[b]! - (exact[a]! - floor[a]!) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    floor[i]! += 1;
    left--;
  }
  keys.forEach((k, i) => (out[k] = floor[i]! / 100));
  return out;
}

/** Whether t lies in one of the stretches [startSec, endSec). */
function inStretch(t: number, stretches: readonly { startSec: number; endSec: number }[]): boolean {
  for (const g of stretches) if (t >= g.startSec && t < g.endSec) return true;
  return false;
}

/** The step of the coherence series as the analysis meant it (1 s), not 1 s ± the rounding error of t[1] − t[0]. */
export function coherenceStepSec(series: readonly { tSec: number }[]): number {
  return round(seriesStepSec(series), 6);
}

/**
 * Which points of the coherence series count as scored: the analysis gave a level and the signal at
 * the point's time was usable (not inside one of `signal.gaps`). Charts draw exactly these points.
 */
export function coherenceScoredMask(r: Pick<AnalysisResult, 'coherence' | 'signal'>): boolean[] {
  const gaps = r.signal?.gaps ?? [];
  return r.coherence.series.map((p) => p.level !== null && !inStretch(p.tSec, gaps));
}

/**
 * `coherenceTimeInLevel` — time in each coherence level over the WHOLE session, with the time that
 * was not scored as its own share. A point of the coherence series (window end t, one per
 * `stepSec`) counts `stepSec` seconds in its level when the analysis scored it (level not null) and
 * the signal at t was usable (t not inside one of `signal.gaps`: the time the live screen shows
 * frozen). Everything else of the session (`durationSec`) is not scored: the first 64 s before
 * the window is full, windows with a hole or too little coverage, unusable signal, and the end
 * after the last point. Counts over the analysis' own series: nothing is recomputed.
 */
export function coherenceTimeInLevel(r: Pick<AnalysisResult, 'durationSec' | 'coherence' | 'signal'>): CoherenceTimeInLevel {
  const series = r.coherence.series;
  const stepSec = coherenceStepSec(series);
  const scored = coherenceScoredMask(r);
  const points: CoherenceLevelTimes = { low: 0, medium: 0, high: 0 };
  series.forEach((p, i) => {
    if (scored[i]) points[p.level as CoherenceLevel]++;
  });
  const lv: CoherenceLevelTimes = { low: points.low * stepSec, medium: points.medium * stepSec, high: points.high * stepSec };
  const scoredSec = lv.low + lv.medium + lv.high;
  const sessionSec = Math.max(Number.isFinite(r.durationSec) ? r.durationSec : 0, scoredSec);
  const sec: CoherenceSessionTimes = { ...lv, notScored: sessionSec - scoredSec };
  return { sec, pct: sharesPct(sec, sessionSec), scoredSec, scoredPct: sharesPct(lv, scoredSec) };
}

export function sessionMetrics(r: AnalysisResult): SessionMetrics {
  const time = coherenceTimeInLevel(r);
  let peak: number | null = null;
  let peakT: number | null = null;
  for (const p of r.coherence.series) {
    if (p.ratio !== null && Number.isFinite(p.ratio) && (peak === null || p.ratio > peak)) {
      peak = p.ratio;
      peakT = p.tSec;
    }
  }
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
    coherenceSec: time.sec,
    coherencePct: time.pct,
    coherenceScoredSec: time.scoredSec,
    coherenceScoredPct: time.scoredPct,
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

/**
 * The session summary stored with a finished (or recovered) session: HRV, coherence,
 * breathing rate, artifact share and signal quality, all taken from the OFFLINE analysis of
 * the stored data (`analyzeStoredSession`), so a report equals `cadans analyze` on the
 * session's exported signal. Values that are undefined for the recording are null.
 */
import { sessionMetrics, type SessionMetrics } from '../../shared/dsp/sessionMetrics.js';
import type { AnalysisResult } from '../../shared/dsp/types.js';
import type { JsonObject } from '../../shared/domain/types.js';
import { refusalCode } from '../../shared/i18n/analysisRefusalText.js';
import type { ErrorCode, ErrorParams } from '../../shared/i18n/CadansError.js';
import type { Storage } from '../storage/storage.js';
import { analyzeStoredSession } from './sessionSignal.js';

/**
 * What `SessionRecorder.stop()` returns and stores as the session's `summary`: the key figures of
 * the offline analysis of the stored signal ({@link sessionMetrics}, the same extraction the
 * reports use), the method, and why there are no numbers when there are none.
 */
export type SessionSummary = SessionMetrics & {
  /** Which offline analysis produced the numbers; 'none' when nothing could be analysed (see `error`). */
  method: 'analyzePpg' | 'analyzeIntervals' | 'none';
  /** Why there are no numbers (too short, no pulse ...), in English; null when the analysis ran. */
  error: string | null;
  /**
   * The coded refusal behind `error` (an `analysis.*` code and its params), so the review and the
   * reports show it in the reader's language (`analysisRefusalText`). Only in summaries without
   * numbers written since issue 13, and only when the refusal is coded.
   */
  errorCode?: ErrorCode;
  errorParams?: ErrorParams;
};

/** `summaryFromAnalysis` — the summary fields of an `AnalysisResult`. */
export function summaryFromAnalysis(method: 'analyzePpg' | 'analyzeIntervals', r: AnalysisResult): SessionSummary {
  return { method, ...sessionMetrics(r), error: null };
}

/** A summary without numbers, saying why (`coded`: the refusal's code and params, see `refusalCode`). */
export function emptySummary(error: string, analyzedSec = 0, coded: { errorCode?: ErrorCode; errorParams?: ErrorParams } = {}): SessionSummary {
  return {
    method: 'none',
    analyzedSec,
    meanHrBpm: null,
    meanNnMs: null,
    sdnnMs: null,
    rmssdMs: null,
    pnn50Pct: null,
    vlfMs2: null,
    lfMs2: null,
    hfMs2: null,
    lfHf: null,
    lfPeakHz: null,
    hfPeakHz: null,
    coherenceMean: null,
    coherencePeak: null,
    coherencePeakTSec: null,
    // Nothing was scored: the whole session is "not scored".
    coherenceSec: { low: 0, medium: 0, high: 0, notScored: analyzedSec },
    coherencePct: { low: 0, medium: 0, high: 0, notScored: analyzedSec > 0 ? 100 : 0 },
    coherenceScoredSec: 0,
    coherenceScoredPct: { low: 0, medium: 0, high: 0 },
    breathingRateBpm: null,
    beats: 0,
    nnIntervals: 0,
    correctedBeats: 0,
    correctedPct: null,
    signalQualityPct: null,
    unusableSec: null,
    timingNoiseMs: null,
    hrvWithheld: {},
    error,
    ...coded,
  };
}

/**
 * `computeSessionSummary` — the summary of a stored session (never throws for data that
 * cannot be analysed: the summary then carries `error`). Throws `NotFoundError` for an unknown id.
 */
export function computeSessionSummary(storage: Storage, sessionId: number): SessionSummary {
  const stats = storage.sessions.stats(sessionId);
  try {
    const a = analyzeStoredSession(storage, sessionId);
    return summaryFromAnalysis(a.method, a.result);
  } catch (e) {
    if (e instanceof Error && e.name === 'AnalysisInputError') return emptySummary(e.message, stats.durationSec, refusalCode(e));
    throw e;
  }
}

/** The stored summary as a `SessionSummary` (null when none was stored). */
export function storedSummary(summary: JsonObject | null): SessionSummary | null {
  return summary && typeof summary.method === 'string' ? (summary as unknown as SessionSummary) : null;
}

/**
 * The key figures a stored summary holds, when it is complete (written by this version's
 * `summaryFromAnalysis`, so equal to `sessionMetrics` of the offline analysis of the stored data);
 * null when the session has no usable stored summary and must be analysed.
 */
export function storedMetrics(summary: JsonObject | null): { metrics: SessionMetrics | null; error: string | null } | null {
  const s = storedSummary(summary);
  if (!s) return null;
  if (s.method === 'none') return { metrics: null, error: s.error };
  // Written by an older version (e.g. time in level as shares of the scored time only): analyse again.
  if (!('coherencePeakTSec' in s) || !('signalQualityPct' in s) || !('hrvWithheld' in s) || !('coherenceScoredSec' in s)) return null;
  const { method: _method, error: _error, errorCode: _code, errorParams: _params, ...metrics } = s;
  return { metrics, error: null };
}

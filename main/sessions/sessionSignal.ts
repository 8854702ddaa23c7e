/**
 * The stored signal of a session as one array, and the offline analysis of a session on
 * what is stored. This is the analysis the session summary, the RR export and the reports
 * use, so they equal `cadans analyze` run on the session's CSV export.
 */
import { AnalysisInputError, analyzePpg } from '../../shared/dsp/analyzePpg.js';
import { analyzeIntervals } from '../../shared/dsp/analyzeIntervals.js';
import type { AnalysisResult } from '../../shared/dsp/types.js';
import { isNnBeat } from '../../shared/domain/beatFlags.js';
import type { SignalSegment } from '../../shared/domain/types.js';
import { DEFAULT_CHANNEL } from '../storage/signalRepo.js';
import type { Storage } from '../storage/storage.js';

/** Longest gap bridged with NaN when the signal is put on one grid (as `parsePpgCsv` does). */
export const MAX_FILLED_GAP_SEC = 3600;

/** A session's raw signal on one uniform grid. */
export interface StoredSignal {
  /** Time of `values[0]` on the session clock, s. */
  t0Sec: number;
  fsHz: number;
  /** Samples on the grid; NaN = lost sample or gap between stored chunks. */
  values: Float32Array;
  /** Contiguous stored runs that were joined. */
  segments: number;
  /** Samples left out because they were at another sample rate or after a gap > MAX_FILLED_GAP_SEC. */
  skippedSamples: number;
}

/**
 * `gridSignal` — put contiguous segments (time order) on one grid at the first segment's rate,
 * NaN in the gaps between them. Returns null for no segments.
 */
export function gridSignal(segments: readonly SignalSegment[]): StoredSignal | null {
  if (segments.length === 0) return null;
  const fsHz = segments[0].fsHz;
  const t0Sec = segments[0].t0Sec;
  const used: { at: number; seg: SignalSegment }[] = [];
  let skipped = 0;
  let end = 0;
  for (const seg of segments) {
    const at = Math.round((seg.t0Sec - t0Sec) * fsHz);
    const gapSec = (at - end) / fsHz;
    if (seg.fsHz !== fsHz || at < end || gapSec > MAX_FILLED_GAP_SEC) {
      skipped += seg.values.length;
      continue;
    }
    used.push({ at, seg });
    end = at + seg.values.length;
  }
  const values = new Float32Array(end).fill(NaN);
  for (const u of used) values.set(u.seg.values, u.at);
  return { t0Sec, fsHz, values, segments: used.length, skippedSamples: skipped };
}

/** `readStoredSignal` — the session's PPG channel on one grid (null when no samples are stored). */
export function readStoredSignal(storage: Storage, sessionId: number): StoredSignal | null {
  return gridSignal(storage.signal.read(sessionId, { channel: DEFAULT_CHANNEL }));
}

/** NN-series intervals stored for a session without raw signal (interval sensors), in time order. */
export function storedIntervalsMs(storage: Storage, sessionId: number): number[] {
  return storage.beats
    .list(sessionId)
    .filter((b) => isNnBeat(b.flags) && b.ibiMs !== null && b.ibiMs > 0)
    .map((b) => b.ibiMs as number);
}

export interface StoredAnalysis {
  method: 'analyzePpg' | 'analyzeIntervals';
  result: AnalysisResult;
  signal: StoredSignal | null;
}

/**
 * `analyzeStoredSession` — offline analysis of what is stored: `analyzePpg` on the raw signal,
 * or `analyzeIntervals` on the sensor's intervals when there is no raw signal. Throws
 * `NotFoundError` for an unknown session and `AnalysisInputError` when nothing can be analysed.
 */
export function analyzeStoredSession(storage: Storage, sessionId: number): StoredAnalysis {
  storage.sessions.require(sessionId);
  const signal = readStoredSignal(storage, sessionId);
  if (signal) return { method: 'analyzePpg', result: analyzePpg(signal.values, signal.fsHz), signal };
  const ibi = storedIntervalsMs(storage, sessionId);
  if (ibi.length === 0) throw new AnalysisInputError('the session has no stored signal and no beats');
  return { method: 'analyzeIntervals', result: analyzeIntervals(ibi), signal: null };
}

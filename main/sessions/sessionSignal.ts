/**
 * The offline analysis of a session on what is stored: the analysis the session summary, the RR
 * export and the reports use. PPG sessions: the stored chunks, each with its start and the rate it
 * was timed with, go through the same `BeatEngine` the live worker ran (`analyzeChunks`), so the
 * stored beats and NN intervals are reproduced. Interval sessions (BLE RR): the stored raw beat
 * times and gaps go through the same engine (`analyzeBeatTimes`). All times are on the
 * recording clock.
 */
import { AnalysisInputError, analyzeChunks } from '../../shared/dsp/analyzePpg.js';
import { analyzeBeatTimes } from '../../shared/dsp/analyzeIntervals.js';
import type { AnalysisResult } from '../../shared/dsp/types.js';
import { BeatFlag } from '../../shared/domain/beatFlags.js';
import type { SignalSegment } from '../../shared/domain/types.js';
import { DEFAULT_CHANNEL } from '../storage/signalRepo.js';
import type { Storage } from '../storage/storage.js';

/** The session's stored PPG chunks (merged where contiguous at one rate), in time order. */
export function readStoredSignal(storage: Storage, sessionId: number): SignalSegment[] {
  return storage.signal.read(sessionId, { channel: DEFAULT_CHANNEL });
}

/** Raw beat times stored for a session without raw signal (interval sensors): detections, not inserted beats. */
export function storedBeatTimes(storage: Storage, sessionId: number): number[] {
  return storage.beats
    .list(sessionId)
    .filter((b) => (b.flags & BeatFlag.interpolated) === 0)
    .map((b) => b.tSec);
}

export interface StoredAnalysis {
  method: 'analyzePpg' | 'analyzeIntervals';
  result: AnalysisResult;
  /** The stored PPG chunks (empty for interval sessions). */
  segments: SignalSegment[];
}

/**
 * `analyzeStoredSession` — offline analysis of what is stored: the engine on the raw signal, or on
 * the sensor's beats when there is no raw signal. Throws `NotFoundError` for an unknown session
 * and `AnalysisInputError` when nothing can be analysed.
 */
export function analyzeStoredSession(storage: Storage, sessionId: number): StoredAnalysis {
  storage.sessions.require(sessionId);
  const segments = readStoredSignal(storage, sessionId);
  if (segments.length > 0) return { method: 'analyzePpg', result: analyzeChunks(segments), segments };
  const beats = storedBeatTimes(storage, sessionId);
  if (beats.length < 2) throw new AnalysisInputError('the session has no stored signal and no beats', { code: 'analysis.noSignal', params: {} });
  const gaps = storage.gaps.list(sessionId).map((g) => ({ startSec: g.startSec, endSec: g.endSec }));
  return { method: 'analyzeIntervals', result: analyzeBeatTimes(beats, gaps, { fromSensor: true }), segments: [] };
}

/** Options and progress reports of `SessionRecorder`, and how pacer settings are stored. */
import type { StorageNotice } from '../../shared/domain/storageNotices.js';
import type { JsonObject, SessionType } from '../../shared/domain/types.js';
import type { PacerSettings } from '../../shared/pacer/pacerSettings.js';
import type { SessionWriterOptions } from '../storage/sessionWriter.js';
import type { WorkerResult } from '../analysis/analysisProtocol.js';
import type { GapEvent } from '../devices/LiveChannel.js';

export const DEFAULT_FLUSH_EVERY_MS = 500;
export const MAX_FLUSH_EVERY_MS = 1000;
/** Default memory reserve for a recording the disk refuses: 30 minutes (at 500 Hz about 3.6 MB of samples). */
export const DEFAULT_MAX_HELD_SEC = 1800;
/** Default wait of `stop()` for room on a full disk before it saves the session in `overflowDir`, ms. */
export const DEFAULT_OVERFLOW_AFTER_MS = 5000;

/** Progress after each commit. */
export interface RecorderProgress {
  sessionId: number;
  /** Signal time recorded so far (recording clock), s. */
  recordedSec: number;
  /** Totals committed. */
  samples: number;
  beats: number;
  flushes: number;
  /** Main-thread time of the last commit, ms. */
  lastFlushMs: number;
}

export interface SessionRecorderOptions {
  clientId: number;
  type: SessionType;
  /** Device-manager channel to record. */
  channel: string;
  /** Pacer settings at the start (stored in the session row). */
  pacer?: PacerSettings | null;
  courseId?: number | null;
  /** The group session the session belongs to (a `session_groups` row), else none. */
  groupId?: number | null;
  /** Commit interval, ms: (0, 1000], default 500. */
  flushEveryMs?: number;
  notes?: string;
  /** Store at most this many seconds of signal; `onLimit` is called once when reached. */
  maxSec?: number;
  onLimit?: () => void;
  onFlush?: (p: RecorderProgress) => void;
  /** Also hand the recording's analysis results and gaps to this (the resonance assessment). */
  tap?: { addAnalysis(r: WorkerResult): void; addGap(g: GapEvent): void };
  /** A commit failed (the data stays buffered and is retried on the next tick). */
  onFlushError?: (e: Error, consecutiveFailures: number) => void;
  /**
   * While the disk is full, at most this much recording (s) is kept in memory (default
   * `DEFAULT_MAX_HELD_SEC`); beyond it newer data is not kept and the stretch is stored as a gap.
   */
  maxHeldSec?: number;
  /**
   * A folder, best on another disk, where `stop()` saves the whole session as a Cadans database
   * of its own when the disk stays full (after `overflowAfterMs`). Without it, `stop()` waits for
   * room until `saveToOverflow()` or `abandonUnsaved()` is called.
   */
  overflowDir?: string | null;
  /** How long `stop()` waits for room before it saves in `overflowDir`, ms (default `DEFAULT_OVERFLOW_AFTER_MS`). */
  overflowAfterMs?: number;
  /** What the user should hear about saving: disk full, room again, saved elsewhere … (shared/domain/storageNotices.ts). */
  onStorage?: (n: StorageNotice) => void;
  writerOptions?: SessionWriterOptions;
}

/** Pacer settings as stored JSON (only the defined fields). */
export function pacerJson(p: PacerSettings): JsonObject {
  const o: JsonObject = { rateBpm: p.rateBpm, inhaleFraction: p.inhaleFraction };
  if (p.holdInSec !== undefined) o.holdInSec = p.holdInSec;
  if (p.holdOutSec !== undefined) o.holdOutSec = p.holdOutSec;
  if (p.durationSec !== undefined) o.durationSec = p.durationSec;
  return o;
}

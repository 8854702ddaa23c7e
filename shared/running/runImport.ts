/**
 * A run file imported from the client page (issue 15): the page reads the file (File API), packs it
 * with gzip (TCX/GPX shrink ~10×, so a long run fits one call of the web host, MAX_CALL_BYTES) and
 * sends it base64-encoded; the core unpacks, reads and stores it like `cadans import-run` does. A
 * broken file throws a RunFileError (coded, nl/en) and stores nothing.
 */
import type { NewRunningLogEntry } from '../domain/types.js';
import type { RunBlock } from './runWalkSegments.js';

/** The packed file's base64 text may be at most this long (it travels in one call, ≤ 256 KiB). */
export const MAX_RUN_UPLOAD_CHARS = 240_000;

export interface RunImportRequest {
  clientId: number;
  /** The file's name (its extension breaks format ties, and it is shown in the session's details). */
  fileName: string;
  /** The file's bytes, gzip-packed, base64. */
  gzipBase64: string;
}

export interface RunImportResult {
  sessionId: number;
  format: 'fit' | 'tcx' | 'gpx';
  startedAt: string;
  durationSec: number;
  blocks: Pick<RunBlock, 'kind' | 'startSec' | 'endSec'>[];
  longestRunSec: number;
  meanHrBpm: number | null;
  hrr60Bpm: number | null;
  /** The running-log entry the run fills in, for the therapist to confirm (createRunningLogEntry). */
  draft: NewRunningLogEntry;
}

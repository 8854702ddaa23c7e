/**
 * `importRunUpload` — a run file sent from the client page (`importRunFile`): base64 → gunzip
 * (refused beyond MAX_RUN_FILE_BYTES unpacked) → `parseRunBytes` → `importRun` (one transaction),
 * answered with the figures the page shows and the running-log draft. Every refusal is a
 * RunFileError (coded, nl/en) thrown before anything is stored.
 */
import { extname } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { RunFileError } from '../../shared/running/runFileError.js';
import { MAX_RUN_FILE_BYTES } from '../../shared/running/runTrack.js';
import type { RunImportRequest, RunImportResult } from '../../shared/running/runImport.js';
import { runningLogDraft } from '../../shared/running/runningLogDraft.js';
import { showText } from '../../shared/text/safeText.js';
import type { Storage } from '../storage/storage.js';
import { importRun } from './importRun.js';
import { parseRunBytes } from './readRunFile.js';

export function unpackRunUpload(gzipBase64: string, file: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(gzipBase64)) throw new RunFileError('unreadable', { file, detail: 'not base64' });
  const packed = Buffer.from(gzipBase64, 'base64');
  try {
    return gunzipSync(packed, { maxOutputLength: MAX_RUN_FILE_BYTES });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new RunFileError('tooLarge', { file, mb: MAX_RUN_FILE_BYTES / 1024 / 1024 });
    throw new RunFileError('unreadable', { file, detail: 'not gzip-packed' });
  }
}

export function importRunUpload(storage: Storage, request: RunImportRequest): RunImportResult {
  storage.clients.require(request.clientId);
  const file = showText(request.fileName, 120);
  const bytes = unpackRunUpload(request.gzipBase64, file);
  const track = parseRunBytes(bytes, file, extname(request.fileName).toLowerCase());
  const { sessionId, summary } = importRun(storage, request.clientId, track, request.fileName, 'importRunFile');
  const s = storage.sessions.require(sessionId);
  return {
    sessionId,
    format: track.format, // a file's own format (a summary's may also say 'live')
    startedAt: s.startedAt,
    durationSec: summary.durationSec,
    blocks: summary.blocks.map((b) => ({ kind: b.kind, startSec: b.startSec, endSec: b.endSec })),
    longestRunSec: summary.longestRunSec,
    meanHrBpm: summary.meanHrBpm,
    hrr60Bpm: summary.hrr.hrr60Bpm,
    draft: runningLogDraft(s.clientId, s.courseId, s.startedAt, summary, sessionId),
  };
}

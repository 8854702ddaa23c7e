/**
 * Session exports from the app (client page): one file per call, built in memory, at most
 * `MAX_EXPORT_CHARS` characters (`cadans export` streams larger ones to disk). Run off the main
 * thread by the heavy-work port (heavyWork.ts).
 */
import type { DownloadFile, SessionExportFormat } from '../../shared/ipc/recordTypes.js';
import { prepareSessionExport } from '../sessions/exportSession.js';
import type { Storage } from '../storage/storage.js';
import { CadansError } from '../../shared/i18n/CadansError.js';

const MIME: Record<SessionExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  rr: 'text/plain;charset=utf-8',
  json: 'application/json;charset=utf-8',
  edf: 'application/octet-stream',
  zip: 'application/zip',
};

/** Largest export sent to the renderer in one reply (a 2-hour 100 Hz CSV is ~12 MB). */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

/**
 * `buildSessionExport` — a session as CSV (raw signal), Kubios RR text or JSON, as one text file, or EDF+ (bytes)
 * (`prepareSessionExport`; throws `ExportError` with a one-sentence reason, e.g. no raw signal).
 * Not the zip: it holds the report PDF, printed on the main thread (`RecordCalls.exportSession`).
 */
export function buildSessionExport(storage: Storage, sessionId: number, format: Exclude<SessionExportFormat, 'zip'>): DownloadFile {
  const prepared = prepareSessionExport(storage, sessionId, format);
  const parts: (string | Uint8Array)[] = [];
  let n = 0;
  for (const chunk of prepared.chunks()) {
    n += chunk.length;
    if (n > MAX_EXPORT_CHARS) {
      throw new CadansError('report.tooLarge', { sessionId, mb: MAX_EXPORT_CHARS / 1024 / 1024 });
    }
    parts.push(chunk);
  }
  if (parts.every((p) => typeof p === 'string')) return { fileName: prepared.fileName, mimeType: MIME[format], data: parts.join('') };
  // Binary (edf): one byte array.
  const bytes = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    const b = typeof p === 'string' ? new TextEncoder().encode(p) : p;
    bytes.set(b, off);
    off += b.length;
  }
  return { fileName: prepared.fileName, mimeType: MIME[format], data: bytes };
}

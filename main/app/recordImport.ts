/**
 * `importRrText` — an RR-interval text file (Kubios, Polar, Elite HRV; `parseRrText`) as a new,
 * complete session of a client: the intervals are stored as beats (flag `fromSensor`, the first
 * beat at t = 0 without an interval, as the recorder stores interval sensors), and the session's
 * summary is the offline analysis of those beats (`computeSessionSummary` → `analyzeIntervals`),
 * so reports and exports treat it like a recorded interval-sensor session. Everything is written
 * in ONE transaction after the file has been read: an unreadable file or a bad request stores
 * nothing.
 */
import { BeatFlag } from '../../shared/domain/beatFlags.js';
import { isIsoDateTime, localIsoDate } from '../../shared/domain/dates.js';
import { checkId, checkOneOf, checkText } from '../../shared/domain/fieldChecks.js';
import type { JsonObject } from '../../shared/domain/types.js';
import { showValue } from '../../shared/domain/validationMessages.js';
import { IssueCollector } from '../../shared/domain/validationResult.js';
import { parseRrText } from '../../shared/io/rrText.js';
import { MAX_RR_TEXT_CHARS, RR_IMPORT_TYPES, type RrImportRequest, type RrImportResult, type RrImportType } from '../../shared/ipc/recordTypes.js';
import { computeSessionSummary } from '../sessions/sessionSummary.js';
import type { BeatInput } from '../storage/beatsRepo.js';
import type { Storage } from '../storage/storage.js';
import { summaryView } from './sessionViews.js';

/** Sensor spec of imported sessions (shown in reports next to the file name). */
export const RR_IMPORT_SENSOR_SPEC = 'rr-file';

type Fail = Extract<RrImportResult, { ok: false }>;

/** Check the request's fields (not the file); returns the clean fields or the failure. */
function checkRequest(req: RrImportRequest, now: Date): { clientId: number; courseId: number | null; type: RrImportType; fileName: string; startedAt: string | null } | Fail {
  const o = (typeof req === 'object' && req !== null ? req : {}) as unknown as Record<string, unknown>;
  const c = new IssueCollector();
  const clientId = checkId(c, 'clientId', o.clientId, true);
  const courseId = checkId(c, 'courseId', o.courseId, false);
  const type = checkOneOf(c, 'type', o.type, RR_IMPORT_TYPES);
  const fileName = checkText(c, 'fileName', o.fileName, { maxLength: 300 }) ?? 'rr.txt';
  let startedAt: string | null = null;
  if (o.startedAt !== undefined && o.startedAt !== null && o.startedAt !== '') {
    if (!isIsoDateTime(o.startedAt)) c.add('invalidDateTime', 'startedAt', { value: showValue(o.startedAt) });
    else if (Date.parse(o.startedAt) > now.getTime() + 60_000) {
      c.add('futureDate', 'startedAt', { value: o.startedAt.slice(0, 10), today: localIsoDate(now) });
    } else startedAt = new Date(o.startedAt).toISOString();
  }
  if (!c.ok) {
    const r = c.result(null);
    return { ok: false, reason: 'invalid', error: r.ok ? '' : r.errors.join(' '), issues: [...c.issues] };
  }
  return { clientId: clientId as number, courseId, type: type as RrImportType, fileName, startedAt };
}

/** `importRrText` — see the file comment. Throws `NotFoundError` for an unknown client or course. */
export function importRrText(storage: Storage, req: RrImportRequest, now: Date): RrImportResult {
  const fields = checkRequest(req, now);
  if ('ok' in fields) return fields;
  const text: unknown = (req as { text?: unknown }).text;
  if (typeof text !== 'string') {
    return { ok: false, reason: 'unreadable', error: 'the file has no text', issues: [] };
  }
  if (text.length > MAX_RR_TEXT_CHARS) {
    return { ok: false, reason: 'too-large', error: `the file is larger than ${Math.round(MAX_RR_TEXT_CHARS / 1000)} kB`, issues: [] };
  }
  storage.clients.require(fields.clientId);
  const rr = parseRrText(text);
  if ('error' in rr) return { ok: false, reason: 'unreadable', error: rr.error, issues: [] };

  const beats: BeatInput[] = [{ tSec: 0, ibiMs: null, quality: null, flags: BeatFlag.fromSensor }];
  let tSec = 0;
  for (const ibiMs of rr.ibiMs) {
    tSec += ibiMs / 1000;
    beats.push({ tSec, ibiMs, quality: null, flags: BeatFlag.fromSensor });
  }
  const startMs = fields.startedAt !== null ? Date.parse(fields.startedAt) : now.getTime() - tSec * 1000;
  const startedAt = new Date(startMs).toISOString();
  const endedAt = new Date(startMs + tSec * 1000).toISOString();
  const sensorInfo: JsonObject = {
    label: `${fields.fileName} (RR)`,
    kind: 'rr-import',
    fileName: fields.fileName,
    format: rr.format,
    unit: rr.unit,
    warnings: rr.warnings,
  };

  const sessionId = storage.db.transaction((): number => {
    const row = storage.sessions.create(
      { clientId: fields.clientId, courseId: fields.courseId, type: fields.type, sensorSpec: RR_IMPORT_SENSOR_SPEC, sensorInfo, startedAt, fsHz: null },
      now,
    );
    storage.beats.append(row.id, beats);
    storage.sessions.setSummary(row.id, computeSessionSummary(storage, row.id) as unknown as JsonObject);
    storage.sessions.setStatus(row.id, 'complete', endedAt, now);
    return row.id;
  })();

  const session = summaryView(storage.sessions.require(sessionId), 0);
  const warnings = [...rr.warnings];
  const analysisError = session.raw && typeof session.raw.error === 'string' ? session.raw.error : null;
  if (analysisError) warnings.push(`no analysis: ${analysisError}`);
  return { ok: true, session, intervals: rr.ibiMs.length, format: rr.format, unit: rr.unit, warnings };
}

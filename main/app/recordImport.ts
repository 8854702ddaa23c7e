/**
 * `importRrText` — an RR-interval text file (Kubios, Polar, Elite HRV; `parseRrText`) as a new,
 * complete session of a client: the intervals are stored as beats (flag `fromSensor`, the first
 * beat at t = 0 without an interval, as the recorder stores interval sensors), and the session's
 * summary is the offline analysis of those beats (`computeSessionSummary` → `analyzeIntervals`),
 * so reports and exports treat it like a recorded interval-sensor session. A HeartMath session
 * export (emWave Pro / emWave2, Inner Balance: `parseHeartMathExport`, request `source`) is read
 * the same way from its IBI column and stored as home practice (type 'home') with the source
 * named and HeartMath's own 5-s coherence scores in `sensorInfo.heartMath`, beside Cadans'
 * analysis in the summary. Everything is written
 * in ONE transaction after the file has been read: an unreadable file or a bad request stores
 * nothing.
 *
 * Three steps, so the heavy one can leave the main thread (heavyWork.ts): `checkRrImport` (the
 * request's fields, cheap), `prepareRrImport` (parse the text and analyse the intervals: seconds
 * for a long file — run in the heavy-work worker by the app), `storeRrImport` (one transaction).
 * `prepareRrImport` analyses the beats exactly as they will be stored, with the same
 * `computeSessionSummary`, on a private in-memory database: the stored summary is the one a
 * re-analysis of the stored session gives.
 */
import { BeatFlag } from '../../shared/domain/beatFlags.js';
import { isIsoDateTime, localIsoDate } from '../../shared/domain/dates.js';
import { checkId, checkOneOf, checkText } from '../../shared/domain/fieldChecks.js';
import type { JsonObject } from '../../shared/domain/types.js';
import { showValue } from '../../shared/domain/validationMessages.js';
import { IssueCollector } from '../../shared/domain/validationResult.js';
import { parseHeartMathExport, type HeartMathScores } from '../../shared/io/heartMathExport.js';
import { parseRrText } from '../../shared/io/rrText.js';
import {
  MAX_RR_TEXT_CHARS,
  RR_IMPORT_SOURCES,
  RR_IMPORT_TYPES,
  type RrImportRequest,
  type RrImportResult,
  type RrImportSource,
  type RrImportType,
  type CodedNote,
} from '../../shared/ipc/recordTypes.js';
import { causeOf, cleanParams, isErrorCode, type ErrorCode, type ErrorParams } from '../../shared/i18n/CadansError.js';
import { summaryRefusal, type AnalysisRefusal } from '../../shared/i18n/analysisRefusalText.js';
import { computeSessionSummary, type SessionSummary } from '../sessions/sessionSummary.js';
import type { BeatInput } from '../storage/beatsRepo.js';
import { openStorage, type Storage } from '../storage/storage.js';
import { summaryView } from './sessionViews.js';

/** Sensor spec of imported sessions (shown in reports next to the file name). */
export const RR_IMPORT_SENSOR_SPEC = 'rr-file';
/** Sensor spec of imported HeartMath sessions. */
export const HEARTMATH_SENSOR_SPEC = 'heartmath-file';
/** The product named in a HeartMath import's sensor details, per source. */
export const HEARTMATH_SOURCE_NAMES: Readonly<Record<Exclude<RrImportSource, 'rr'>, string>> = {
  emwave: 'HeartMath emWave Pro / emWave2',
  'inner-balance': 'HeartMath Inner Balance',
};

type Fail = Extract<RrImportResult, { ok: false }>;

/** Check the request's fields (not the file); returns the clean fields or the failure. */
function checkRequest(
  req: RrImportRequest,
  now: Date,
): { clientId: number; courseId: number | null; type: RrImportType; source: RrImportSource; fileName: string; startedAt: string | null } | Fail {
  const o = (typeof req === 'object' && req !== null ? req : {}) as unknown as Record<string, unknown>;
  const c = new IssueCollector();
  const clientId = checkId(c, 'clientId', o.clientId, true);
  const courseId = checkId(c, 'courseId', o.courseId, false);
  const source = o.source === undefined || o.source === null ? 'rr' : checkOneOf(c, 'source', o.source, RR_IMPORT_SOURCES);
  // A HeartMath export is home practice.
  const type = checkOneOf(c, 'type', o.type, source === 'rr' || source === null ? RR_IMPORT_TYPES : (['home'] as const));
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
  return { clientId: clientId as number, courseId, type: type as RrImportType, source: source as RrImportSource, fileName, startedAt };
}

/** The request's checked fields. */
export type RrImportFields = Exclude<ReturnType<typeof checkRequest>, Fail> & { text: string };

/** Step 1: the request's fields and the text's size (no parsing); the fields or why not. */
export function checkRrImport(req: RrImportRequest, now: Date): RrImportFields | Fail {
  const fields = checkRequest(req, now);
  if ('ok' in fields) return fields;
  const text: unknown = (req as { text?: unknown }).text;
  if (typeof text !== 'string') {
    return { ok: false, reason: 'unreadable', error: 'the file has no text', issues: [] };
  }
  if (text.length > MAX_RR_TEXT_CHARS) {
    return { ok: false, reason: 'too-large', error: `the file is larger than ${Math.round(MAX_RR_TEXT_CHARS / 1000)} kB`, issues: [] };
  }
  return { ...fields, text };
}

/** What `prepareRrImport` found: the parsed intervals and their analysis, or why the file is unreadable. */
export type PreparedRrImport =
  | {
      ok: true;
      ibiMs: Float64Array;
      format: string;
      unit: 'ms' | 's';
      warnings: string[];
      /** The warnings coded (`rrNote.*`), in the same order. */
      notes: CodedNote[];
      summary: SessionSummary;
      /** A HeartMath export's own scores, and the start its preamble names (ISO), else null. */
      heartMath: HeartMathScores | null;
      fileStartedAt: string | null;
    }
  | { ok: false; error: string; code?: ErrorCode; params?: ErrorParams };

/** The beats stored for `ibiMs`: the first at t = 0 without an interval, as interval sensors are stored. */
function beatsOf(ibiMs: ArrayLike<number>): { beats: BeatInput[]; durationSec: number } {
  const beats: BeatInput[] = [{ tSec: 0, ibiMs: null, quality: null, flags: BeatFlag.fromSensor }];
  let tSec = 0;
  for (let i = 0; i < ibiMs.length; i++) {
    const ibi = ibiMs[i]!;
    tSec += ibi / 1000;
    beats.push({ tSec, ibiMs: ibi, quality: null, flags: BeatFlag.fromSensor });
  }
  return { beats, durationSec: tSec };
}

/**
 * Step 2 (heavy, no access to the records): parse `text` and compute the summary the stored
 * session will have — `computeSessionSummary` on the same beats in a private in-memory database.
 */
export function prepareRrImport(text: string, type: RrImportType = 'biofeedback', source: RrImportSource = 'rr'): PreparedRrImport {
  const hm = source === 'rr' ? null : parseHeartMathExport(text);
  const rr = hm ?? parseRrText(text);
  if ('error' in rr) return { ok: false, error: rr.error, ...(rr.code ? { code: rr.code, params: rr.params ?? {} } : {}) };
  const heartMath = hm && !('error' in hm) ? hm.scores : null;
  const fileStart = hm && !('error' in hm) ? hm.startedAt : null;
  const fileStartedAt = fileStart && Number.isFinite(fileStart.getTime()) ? fileStart.toISOString() : null;
  const { beats } = beatsOf(rr.ibiMs);
  const scratch = openStorage(':memory:');
  try {
    const client = scratch.clients.create({ name: 'import' });
    const sensorSpec = source === 'rr' ? RR_IMPORT_SENSOR_SPEC : HEARTMATH_SENSOR_SPEC;
    const row = scratch.sessions.create({ clientId: client.id, type, sensorSpec, startedAt: '2000-01-01T00:00:00.000Z', fsHz: null });
    scratch.beats.append(row.id, beats);
    const summary = computeSessionSummary(scratch, row.id);
    return { ok: true, ibiMs: rr.ibiMs, format: rr.format, unit: rr.unit, warnings: rr.warnings, notes: rr.notes, summary, heartMath, fileStartedAt };
  } finally {
    scratch.close();
  }
}

/** Step 3: store the prepared import as a new complete session (one transaction). Throws `NotFoundError`. */
export function storeRrImport(storage: Storage, fields: RrImportFields, prepared: PreparedRrImport, now: Date): RrImportResult {
  if (!prepared.ok) {
    const coded = prepared.code ? { code: prepared.code, params: prepared.params ?? {} } : {};
    return { ok: false, reason: 'unreadable', error: prepared.error, issues: [], ...coded };
  }
  storage.clients.require(fields.clientId);
  const { beats, durationSec: tSec } = beatsOf(prepared.ibiMs);
  // The file's own start only when it is not in the future (a wrong clock on the phone).
  const fileStartMs = prepared.fileStartedAt !== null ? Date.parse(prepared.fileStartedAt) : NaN;
  const startMs =
    fields.startedAt !== null
      ? Date.parse(fields.startedAt)
      : Number.isFinite(fileStartMs) && fileStartMs + tSec * 1000 <= now.getTime() + 60_000
        ? fileStartMs
        : now.getTime() - tSec * 1000;
  const startedAt = new Date(startMs).toISOString();
  const endedAt = new Date(startMs + tSec * 1000).toISOString();
  const heartMath = fields.source === 'rr' ? null : fields.source;
  const sensorInfo: JsonObject = heartMath
    ? {
        label: `${fields.fileName} (${HEARTMATH_SOURCE_NAMES[heartMath]})`,
        kind: 'home-import',
        source: heartMath,
        sourceName: HEARTMATH_SOURCE_NAMES[heartMath],
        fileName: fields.fileName,
        format: prepared.format,
        unit: prepared.unit,
        warnings: prepared.warnings,
        heartMath: (prepared.heartMath ?? null) as unknown as JsonObject,
      }
    : {
        label: `${fields.fileName} (RR)`,
        kind: 'rr-import',
        fileName: fields.fileName,
        format: prepared.format,
        unit: prepared.unit,
        warnings: prepared.warnings,
      };

  const sessionId = storage.db.transaction((): number => {
    const row = storage.sessions.create(
      { clientId: fields.clientId, courseId: fields.courseId, type: fields.type, sensorSpec: heartMath ? HEARTMATH_SENSOR_SPEC : RR_IMPORT_SENSOR_SPEC, sensorInfo, startedAt, fsHz: null },
      now,
    );
    storage.beats.append(row.id, beats);
    storage.sessions.setSummary(row.id, prepared.summary as unknown as JsonObject);
    storage.sessions.setStatus(row.id, 'complete', endedAt, now);
    return row.id;
  })();

  const session = summaryView(storage.sessions.require(sessionId), 0);
  const warnings = [...prepared.warnings];
  const notes = [...prepared.notes];
  const refusal = summaryRefusal(session.raw);
  if (refusal) {
    warnings.push(`no analysis: ${refusal.error ?? ''}`);
    notes.push({ code: 'rrNote.noAnalysis', params: noAnalysisParams(refusal) });
  }
  return { ok: true, session, intervals: prepared.ibiMs.length, format: prepared.format, unit: prepared.unit, warnings, notes, heartMath: prepared.heartMath };
}

/**
 * Why the stored summary has no analysis, as `rrNote.noAnalysis` params: the coded refusal the
 * summary keeps (`errorCode`, see sessionSummary.ts) as the note's cause; a refusal without a code
 * stays its English line, shown as the technical detail.
 */
export function noAnalysisParams(refusal: AnalysisRefusal): ErrorParams {
  if (isErrorCode(refusal.errorCode)) {
    const params = refusal.errorParams !== null && typeof refusal.errorParams === 'object' ? cleanParams(refusal.errorParams as Record<string, unknown>) : {};
    return { reason: 'coded', ...causeOf({ code: refusal.errorCode, params }) };
  }
  return { reason: 'other', detail: refusal.error ?? '' };
}

/** `importRrText` — see the file comment: the three steps on this thread. Throws `NotFoundError` for an unknown client or course. */
export function importRrText(storage: Storage, req: RrImportRequest, now: Date): RrImportResult {
  const fields = checkRrImport(req, now);
  if ('ok' in fields) return fields;
  storage.clients.require(fields.clientId);
  return storeRrImport(storage, fields, prepareRrImport(fields.text, fields.type, fields.source), now);
}

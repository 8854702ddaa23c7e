/**
 * Data shapes of the clinical-record calls of the API contract (client details, treatment
 * courses, SMART goals, questionnaires, running log, exports, reports and RR import). Plain data
 * only, like apiTypes.ts, so they cross Electron IPC and the WebSocket unchanged.
 *
 * Saving a record answers with a `SaveResult`: either the stored record, or the validators'
 * problems as codes (`issues`, see shared/domain/validationMessages.ts) so the renderer shows them
 * in the user's language — nothing is stored then. Unknown ids still fail the call itself.
 */
import type {
  Instrument,
  InstrumentScores,
  IsoDate,
  IsoDateTime,
  NewGoal,
  NewQuestionnaireEntry,
  NewRunningLogEntry,
  QuestionnaireEntry,
  SessionType,
} from '../domain/types.js';
import type { ValidationIssue } from '../domain/validationResult.js';
import type { ErrorCode, ErrorParams } from '../i18n/CadansError.js';
import type { HeartMathScores, HeartMathSource } from '../io/heartMathExport.js';
import type { Locale, SessionSummaryView } from './apiTypes.js';

/** The stored record, or why nothing was stored (`message`: the problems in English). */
export type SaveResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[]; message: string };

/** Session exports from the UI: raw signal CSV, Kubios RR text, everything as JSON, EDF+, or all of them with the report PDF as a zip. */
export type SessionExportFormat = 'csv' | 'rr' | 'json' | 'edf' | 'zip';
export const SESSION_EXPORT_FORMATS: readonly SessionExportFormat[] = ['csv', 'rr', 'json', 'edf', 'zip'];

/** A file for the renderer to save (web: a Blob download; Electron: the download's save dialog). */
export interface DownloadFile {
  fileName: string;
  mimeType: string;
  /** Text files as a string, binary files (PDF) as bytes. */
  data: string | Uint8Array;
}

/** Which report: one session, or the progress of a client (optionally one treatment course). */
export type ReportRequest =
  | { kind: 'session'; sessionId: number; locale?: Locale }
  | { kind: 'progress'; clientId: number; courseId?: number | null; locale?: Locale }
  /** The group summary of a group session: anonymised unless `names` (the therapist's version). */
  | { kind: 'group'; groupId: number; names?: boolean; locale?: Locale }
  /** The printable week schedule (A4) of a run/walk programme, for the client. */
  | { kind: 'runSchedule'; programmeId: number; locale?: Locale };

/** A report as self-contained HTML (inline CSS and SVG, no scripts), for the in-app preview. */
export interface ReportView {
  title: string;
  /** Suggested file name without extension, e.g. `cadans-progress-3`. */
  baseName: string;
  html: string;
}

/** Session types an RR file can be imported as ('home': practice at home, issue 16). */
export type RrImportType = Extract<SessionType, 'biofeedback' | 'breathing' | 'home'>;
export const RR_IMPORT_TYPES: readonly RrImportType[] = ['biofeedback', 'breathing', 'home'];
/**
 * What kind of file is imported: an RR-interval text ('rr', the default) or a HeartMath session
 * export (emWave Pro / emWave2, Inner Balance: `parseHeartMathExport`), which is always home
 * practice (type 'home') and keeps HeartMath's own coherence scores beside Cadans' analysis.
 */
export type RrImportSource = 'rr' | HeartMathSource;
export const RR_IMPORT_SOURCES: readonly RrImportSource[] = ['rr', 'emwave', 'inner-balance'];
/**
 * Longest RR text accepted over the API, characters. The web host's WebSocket takes calls of up
 * to 256 KiB, so the renderer also keeps the JSON-encoded text under this many bytes (about two
 * hours of one-interval-per-line text, one hour of Polar Sensor Logger output).
 */
export const MAX_RR_TEXT_CHARS = 200_000;

/** Import an RR-interval text file (Kubios, Polar, Elite HRV) as a new session of a client. */
export interface RrImportRequest {
  clientId: number;
  type: RrImportType;
  /** The file's kind; default 'rr'. A HeartMath export needs `type: 'home'`. */
  source?: RrImportSource;
  /** Name of the file (shown in the session's sensor details). */
  fileName: string;
  /** The file's text (the renderer reads it with the File API). */
  text: string;
  /** Start of the recording; default: the start a HeartMath export names, else now minus the recording's length. Not in the future. */
  startedAt?: IsoDateTime | null;
  courseId?: number | null;
}

/**
 * Result of an RR import. `ok: false` with `reason: 'unreadable'` when the file is not an RR
 * file (`error`: the parser's one-line explanation), `'invalid'` for bad request fields
 * (`issues`), `'too-large'` for an over-long text. Nothing is stored when `ok` is false.
 */
export type RrImportResult =
  | {
      ok: true;
      session: SessionSummaryView;
      intervals: number;
      format: string;
      unit: 'ms' | 's';
      /** What the reader left out, as English lines (also stored in the session's `sensorInfo.warnings`). */
      warnings: string[];
      /** The same coded, one per warning in the same order: the page shows them with `errorText` in its language. */
      notes: CodedNote[];
      /** A HeartMath export's own scores (also kept in the session's `sensorInfo.heartMath`); null for an RR file. */
      heartMath: HeartMathScores | null;
    }
  | {
      ok: false;
      reason: 'unreadable' | 'too-large' | 'invalid';
      error: string;
      issues: ValidationIssue[];
      /** An unreadable file's problem coded (`rr.*`, `csv.*`), when the parser coded it: shown in the page's language. */
      code?: ErrorCode;
      params?: ErrorParams;
    };

/** A coded note (`rrNote.*`): what a reader assumed or left out, for `errorText` in the user's language. */
export interface CodedNote {
  code: ErrorCode;
  params: ErrorParams;
}

/** A goal status change; `closedDate` defaults to today for achieved/dropped. */
export interface GoalStatusRequest {
  goalId: number;
  status: 'open' | 'achieved' | 'dropped';
  closedDate?: IsoDate | null;
}

/**
 * Saving a questionnaire result: besides `SaveResult`, with `onExisting: 'ask'` (the default) a
 * refusal that names the result already stored at the same moment (`existing`, issue
 * `momentTaken`), so the UI can ask "replace or keep both" and send again with 'replace'/'keep'.
 */
export type QuestionnaireSaveResult =
  | SaveResult<QuestionnaireEntry>
  | { ok: false; issues: ValidationIssue[]; message: string; existing: QuestionnaireEntry };

/** Fields of a stored questionnaire result that may be corrected (client and questionnaire stay). */
export type QuestionnairePatch = Partial<Pick<NewQuestionnaireEntry, 'courseId' | 'moment' | 'date' | 'notes' | 'items'>> & {
  scores?: InstrumentScores[Instrument];
};

/** Fields of a goal that may be corrected (its status has its own call, `setGoalStatus`). */
export type GoalPatch = Partial<Omit<NewGoal, 'clientId'>>;

/** Fields of a running-log entry that may be corrected. */
export type RunningLogPatch = Partial<Omit<NewRunningLogEntry, 'clientId'>>;

/** Fields of a session marker or note that may be corrected. */
export interface MarkerPatch {
  tSec?: number;
  kind?: string;
  note?: string;
}

/**
 * `RecordsChange` — the payload of the `onRecordsChanged` event: which client records changed
 * since the last event, in this process or in another one writing the same database (a
 * `cadans record` in a terminal). A page re-fetches only what it shows of these: the client list
 * when `clientList` is true, a client's sessions/record when its id is in `clientIds`.
 */
export interface RecordsChange {
  /** Clients whose record changed: a session was added or ended, details, course, goals … */
  clientIds: number[];
  /** Sessions that were added or changed status (recording → complete/interrupted). */
  sessionIds: number[];
  /** Of `clientIds`: those whose record besides sessions changed (details, courses, goals, questionnaires, running log). */
  recordClientIds: number[];
  /** The client list changed (a new client, a name, a session count or date). */
  clientList: boolean;
}

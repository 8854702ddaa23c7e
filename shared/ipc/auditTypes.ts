/**
 * Data shapes of the record's audit calls of the API contract: the access log of one client
 * (NEN 7513: who did what to the record, when; newest first, a page at a time, with the result of
 * the hash-chain check), the change history of the record (every edit and delete of a
 * questionnaire result, goal, running-log entry, marker or session notes, field by field), and
 * the editable notes of a saved session. Plain data only, like recordTypes.ts.
 */
import type { IsoDateTime } from '../domain/types.js';

/** What was done to a client's record (the access log's `action`). */
export type AccessAction = 'open' | 'create' | 'edit' | 'delete' | 'export' | 'report' | 'record' | 'import';
export const ACCESS_ACTIONS: readonly AccessAction[] = ['open', 'create', 'edit', 'delete', 'export', 'report', 'record', 'import'];

/** Most access-log entries in one reply (the page asks for the next ones). */
export const ACCESS_LOG_MAX_PAGE = 200;

/**
 * Which part of one client's access log, newest first: `limit` entries older than entry `beforeId`
 * (absent: from the newest). A cursor, not an offset: entries added meanwhile (reading the log
 * adds one) do not shift the next page.
 */
export interface AccessLogRequest {
  clientId: number;
  /** Only entries with a smaller number (the last one shown); absent: the newest. */
  beforeId?: number;
  /** Entries in the reply, 1..ACCESS_LOG_MAX_PAGE, default 50. */
  limit?: number;
}

/** One access-log entry as the client page shows it. */
export interface AccessLogEntryView {
  /** Its number in the whole log (the number the chain check names). */
  id: number;
  at: IsoDateTime;
  action: AccessAction;
  sessionId: number | null;
  /** The workstation's user (OS user name) and host name. */
  user: string;
  workstation: string;
  /** The call or command and a short detail (changed field names, an export format). */
  detail: string;
}

/** The hash chain over the WHOLE log: intact, or the number of the first entry that does not fit. */
export type AccessLogCheck = { ok: true; entries: number } | { ok: false; entries: number; brokenAtId: number };

export interface AccessLogView {
  clientId: number;
  /** All entries about this client. */
  total: number;
  /** Newest first. */
  entries: AccessLogEntryView[];
  check: AccessLogCheck;
}

/** The kinds of record whose changes the record history keeps. */
export type HistoryRecord = 'questionnaire' | 'goal' | 'runningLog' | 'marker' | 'sessionNotes' | 'runProgramme';

/** One field of a change: its value before and after (after a delete: null). */
export interface FieldChangeView {
  field: string;
  before: unknown;
  after: unknown;
}

/** One edit or delete in the record history, newest first. */
export interface RecordHistoryView {
  id: number;
  at: IsoDateTime;
  action: 'edit' | 'delete';
  record: HistoryRecord;
  recordId: number;
  sessionId: number | null;
  /** Edit: the changed fields; delete: every field the record had. */
  changes: FieldChangeView[];
}

/** A saved session's own notes (not its markers). */
export interface SessionNotes {
  /** The session id. */
  id: number;
  notes: string;
}

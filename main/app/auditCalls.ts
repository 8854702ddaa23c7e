/**
 * `AuditCalls` — what the client page shows of a record's audit trail: the client's access log
 * (NEN 7513; newest first, a page at a time, with the check of the hash chain over the whole log),
 * its export as a CSV file, and the record history (every edit and delete of a questionnaire
 * result, goal, running-log entry, marker or session notes, field by field). Reading the access
 * log is itself an access of the record: logged as `open`, its export as `export`. The console
 * lock refuses these calls like every other record call (they are not in LOCKED_CALLS_ALLOWED).
 */
import { changedFields } from '../../shared/domain/recordChanges.js';
import {
  ACCESS_LOG_MAX_PAGE,
  type AccessLogRequest,
  type AccessLogView,
  type FieldChangeView,
  type RecordHistoryView,
} from '../../shared/ipc/auditTypes.js';
import type { Locale } from '../../shared/ipc/apiTypes.js';
import type { DownloadFile } from '../../shared/ipc/recordTypes.js';
import type { AccessEntryInput } from '../storage/accessLogRepo.js';
import type { HistoryEntry } from '../storage/recordHistoryRepo.js';
import type { Storage } from '../storage/storage.js';
import { accessLogCsv } from './accessLogCsv.js';

const DEFAULT_PAGE = 50;

const isObj = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields of one history entry: an edit's changed fields; a delete's whole record (after: null). */
export function historyChanges(e: Pick<HistoryEntry, 'action' | 'before' | 'after'>): FieldChangeView[] {
  const before = isObj(e.before) ? e.before : {};
  if (e.action === 'delete') return changedFields(before, {}).filter((c) => c.before !== null && c.before !== '');
  return changedFields(before, isObj(e.after) ? e.after : {});
}

export class AuditCalls {
  constructor(
    private readonly storage: Storage,
    /** The UI's language (the export's file name). */
    private readonly locale: () => Locale = () => 'nl',
  ) {}

  /** `listAccessLog` — a page of one client's access log, newest first, and whether the chain is intact. */
  listAccessLog(request: AccessLogRequest): AccessLogView {
    const { clientId } = request;
    this.storage.clients.require(clientId);
    const limit = Math.min(ACCESS_LOG_MAX_PAGE, request.limit ?? DEFAULT_PAGE);
    // Logged first: the therapist sees their own look at the log as its newest entry.
    this.log({ action: 'open', clientId, detail: 'listAccessLog' });
    const log = this.storage.accessLog;
    const entries = log.page(clientId, request.beforeId ?? null, limit).map((e) => ({
      id: e.id,
      at: e.at,
      action: e.action,
      sessionId: e.sessionId,
      user: e.user,
      workstation: e.workstation,
      detail: e.detail,
    }));
    const v = log.verify();
    return { clientId, total: log.count(clientId), entries, check: v.ok ? { ok: true, entries: v.entries } : { ok: false, entries: v.entries, brokenAtId: v.brokenAtId } };
  }

  /** `exportAccessLog` — the client's whole access log as CSV (oldest first, with the chain hashes). */
  exportAccessLog(clientId: number): DownloadFile {
    this.storage.clients.require(clientId);
    this.log({ action: 'export', clientId, detail: 'exportAccessLog csv' });
    const rows = this.storage.accessLog.list(clientId);
    const base = this.locale() === 'en' ? 'cadans-access-log-client' : 'cadans-toegangslog-client';
    return { fileName: `${base}-${clientId}.csv`, mimeType: 'text/csv;charset=utf-8', data: accessLogCsv(rows) };
  }

  /** `listRecordHistory` — every edit and delete of the client's record, newest first. */
  listRecordHistory(clientId: number): RecordHistoryView[] {
    this.storage.clients.require(clientId);
    return this.storage.history
      .list({ clientId })
      .reverse()
      .map((e) => ({ id: e.id, at: e.at, action: e.action, record: e.record, recordId: e.recordId, sessionId: e.sessionId, changes: historyChanges(e) }));
  }

  /** Access log (NEN 7513): a failed append is said on stderr, the call goes on (see RecordCalls). */
  private log(entry: AccessEntryInput): void {
    try {
      this.storage.accessLog.append(entry);
    } catch (e) {
      console.error(`cadans: access log not written (${entry.action}, client ${entry.clientId}): ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

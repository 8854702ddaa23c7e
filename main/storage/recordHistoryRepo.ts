/**
 * `RecordHistoryRepo` — what an edited or deleted record looked like before (and after) the change,
 * so every correction of a questionnaire result, goal, running-log entry or marker stays traceable:
 * a deleted row's content is kept here, an edit keeps both versions. Append-only (the table refuses
 * UPDATE and DELETE, migration 4). Holds only these small records, never signal data.
 */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type { HistoryRecord } from '../../shared/ipc/auditTypes.js';

/**
 * The kinds of record that can be edited (and, but for a session's notes, deleted) from the client
 * page and the session review. (The table's `record` column is free text: no migration per kind.)
 */
export type EditableRecord = HistoryRecord;

export interface HistoryEntry {
  id: number;
  at: string;
  action: 'edit' | 'delete';
  record: EditableRecord;
  recordId: number;
  clientId: number | null;
  sessionId: number | null;
  before: unknown;
  /** The record after an edit; null after a delete. */
  after: unknown;
}

interface Row {
  id: number;
  at: string;
  action: 'edit' | 'delete';
  record: EditableRecord;
  record_id: number;
  client_id: number | null;
  session_id: number | null;
  before: string;
  after: string | null;
}

export class RecordHistoryRepo {
  constructor(private readonly db: Db) {}

  /** Whether this database has the history table (a read-only database of an older version may not). */
  get available(): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'record_history'").get() !== undefined;
  }

  append(e: Omit<HistoryEntry, 'id'>): number {
    const info = this.db
      .prepare('INSERT INTO record_history (at, action, record, record_id, client_id, session_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(e.at, e.action, e.record, e.recordId, e.clientId, e.sessionId, JSON.stringify(e.before), e.after === null ? null : JSON.stringify(e.after));
    return Number(info.lastInsertRowid);
  }

  /** The history of one record (oldest first), or of all records of a client. */
  list(filter: { record: EditableRecord; recordId: number } | { clientId: number }): HistoryEntry[] {
    if (!this.available) return [];
    const rows =
      'clientId' in filter
        ? (this.db.prepare('SELECT * FROM record_history WHERE client_id = ? ORDER BY id').all(filter.clientId) as Row[])
        : (this.db.prepare('SELECT * FROM record_history WHERE record = ? AND record_id = ? ORDER BY id').all(filter.record, filter.recordId) as Row[]);
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      record: r.record,
      recordId: r.record_id,
      clientId: r.client_id,
      sessionId: r.session_id,
      before: JSON.parse(r.before) as unknown,
      after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    }));
  }
}

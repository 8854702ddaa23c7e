/**
 * How each synced table goes to the practice database: the local rows of an outbox run (read with
 * the uuids of what they refer to) and the idempotent multi-row upsert on the server. Append-only
 * data (signal, beats, metric points, pacer changes, gaps, access log) is `ON CONFLICT DO NOTHING`: a resend changes nothing.
 * Editable records (clients, sessions, markers) are `DO UPDATE` with a new `seq`, so the other
 * workstations pull the change. A session's status, end, rate and summary are taken only from the
 * workstation that recorded it, its status never goes back to 'recording' and 'complete' is final
 * (a workstation that pulled it while it was being recorded and then edited its notes cannot undo
 * the ending).
 * Edited records (clients, their record, markers: `guarded`) carry the time of their last edit
 * here (when it was queued) and who made it; the server keeps the last edit of two made while
 * apart, whichever is sent first (server schema 2), and main/practice/editConflicts.ts logs both.
 */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type { SqlValue } from '../../native-adapters/pg/practiceConnection.js';
import { RECORD_TABLES, type RecordTable } from './recordTables.js';

export interface PushTable {
  /** Columns on the server, in the order `read` gives them (then `origin`). */
  columns: readonly string[];
  /** The conflict target. */
  key: string;
  /** SET list for `ON CONFLICT DO UPDATE` (none: DO NOTHING). */
  update?: string;
  /** Edited by therapists: the last column read is `edited_at`; `edited_by`, `edited_on` follow; the upsert keeps the last edit. */
  guarded?: boolean;
  /** Local rows by id; rows gone since (a deleted marker) are simply missing. */
  read(db: Db, ids: readonly number[]): SqlValue[][];
}

function readRows(db: Db, sql: string, ids: readonly number[]): SqlValue[][] {
  const rows: SqlValue[][] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const stmt = db.prepare(sql.replace('(?)', `(${part.map(() => '?').join(',')})`)).raw();
    for (const r of stmt.all(...part) as SqlValue[][]) rows.push(r);
  }
  return rows;
}

/** The time of a row's last edit here: when its newest change was queued (the row read is that change). */
const editedAt = (table: string): string =>
  `(SELECT max(o.queued_at) FROM sync_outbox o WHERE o.tbl = '${table}' AND o.row_id = x.id AND o.op = 'upsert')`;

/** Who edited, and the guard: an edit older than the one on the server does not replace it. */
const lastEdit = (table: string): string =>
  `edited_at = EXCLUDED.edited_at, edited_by = EXCLUDED.edited_by, edited_on = EXCLUDED.edited_on WHERE coalesce(EXCLUDED.edited_at, '') >= coalesce(${table}.edited_at, '')`;

/** A changed row: who sent it (the therapist's role, server schema 4), from where, and a new `seq` so the others pull it. */
const bump = "origin = EXCLUDED.origin, pushed_by = current_user, seq = nextval('cadans_change_seq')";

/** The session is sent by a workstation that did not record it: its status, end and summary are not that one's to change. */
const NOT_RECORDER = 'EXCLUDED.recorded_by <> EXCLUDED.origin';

/** A client-record table: uuid, client (and course) uuid, its columns; an edit replaces the row. */
function recordPushTable(t: RecordTable): PushTable {
  const refs = t.course ? ['client_uuid', 'course_uuid'] : ['client_uuid'];
  const set = [...refs, ...t.columns].map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  const courseJoin = t.course ? ' LEFT JOIN courses co ON co.id = x.course_id' : '';
  const sql =
    `SELECT x.uuid, c.uuid${t.course ? ', co.uuid' : ''}, ${t.columns.map((col) => `x.${col}`).join(', ')}, ${editedAt(t.table)} FROM ${t.table} x ` +
    `JOIN clients c ON c.id = x.client_id${courseJoin} WHERE x.id IN (?) ORDER BY x.id`;
  return {
    columns: ['uuid', ...refs, ...t.columns, 'edited_at'],
    key: 'uuid',
    guarded: true,
    update: `${set}, deleted = false, ${bump}, ${lastEdit(t.table)}`,
    read: (db, ids) => readRows(db, sql, ids),
  };
}

export const PUSH_TABLES: Record<string, PushTable> = {
  clients: {
    columns: ['uuid', 'name', 'date_of_birth', 'referral_source', 'complaint', 'notes', 'nickname', 'created_at', 'edited_at'],
    key: 'uuid',
    guarded: true,
    update:
      'name = EXCLUDED.name, date_of_birth = EXCLUDED.date_of_birth, referral_source = EXCLUDED.referral_source, ' +
      `complaint = EXCLUDED.complaint, notes = EXCLUDED.notes, nickname = EXCLUDED.nickname, written_at = now(), ${bump}, ${lastEdit('clients')}`,
    read: (db, ids) =>
      readRows(
        db,
        `SELECT x.uuid, x.name, x.date_of_birth, x.referral_source, x.complaint, x.notes, x.nickname, x.created_at, ${editedAt('clients')} FROM clients x WHERE x.id IN (?) ORDER BY x.id`,
        ids,
      ),
  },
  ...Object.fromEntries(RECORD_TABLES.map((t) => [t.table, recordPushTable(t)])),
  sessions: {
    columns: ['uuid', 'client_uuid', 'course_uuid', 'type', 'sensor_spec', 'sensor_info', 'pacer', 'started_at', 'ended_at', 'status', 'fs_hz', 'summary', 'notes', 'recorded_by'],
    key: 'uuid',
    update:
      'client_uuid = EXCLUDED.client_uuid, course_uuid = EXCLUDED.course_uuid, type = EXCLUDED.type, sensor_spec = EXCLUDED.sensor_spec, sensor_info = EXCLUDED.sensor_info, ' +
      'pacer = EXCLUDED.pacer, started_at = EXCLUDED.started_at, ' +
      `status = CASE WHEN ${NOT_RECORDER} OR EXCLUDED.status = 'recording' OR sessions.status = 'complete' THEN sessions.status ELSE EXCLUDED.status END, ` +
      `ended_at = CASE WHEN ${NOT_RECORDER} THEN sessions.ended_at ELSE coalesce(EXCLUDED.ended_at, sessions.ended_at) END, ` +
      `fs_hz = CASE WHEN ${NOT_RECORDER} THEN sessions.fs_hz ELSE coalesce(EXCLUDED.fs_hz, sessions.fs_hz) END, ` +
      `summary = CASE WHEN ${NOT_RECORDER} THEN sessions.summary ELSE coalesce(EXCLUDED.summary, sessions.summary) END, ` +
      `notes = EXCLUDED.notes, written_at = now(), ${bump}`,
    read: (db, ids) =>
      readRows(
        db,
        `SELECT s.uuid, c.uuid, co.uuid, s.type, s.sensor_spec, s.sensor_info, s.pacer, s.started_at, s.ended_at, s.status, s.fs_hz, s.summary, s.notes,
           coalesce(s.origin, (SELECT value FROM sync_state WHERE key = 'workstation_id'))
         FROM sessions s JOIN clients c ON c.id = s.client_id LEFT JOIN courses co ON co.id = s.course_id WHERE s.id IN (?) ORDER BY s.id`,
        ids,
      ),
  },
  signal_chunks: {
    columns: ['session_uuid', 'source_id', 'channel', 't0_sec', 'fs_hz', 'n', 'data', 'crc32'],
    key: 'session_uuid, source_id',
    read: (db, ids) =>
      readRows(
        db,
        'SELECT s.uuid, k.id, k.channel, k.t0_sec, k.fs_hz, k.n, k.data, k.crc32 FROM signal_chunks k JOIN sessions s ON s.id = k.session_id WHERE k.id IN (?) ORDER BY k.id',
        ids,
      ),
  },
  beats: {
    columns: ['session_uuid', 'source_id', 't_sec', 'ibi_ms', 'quality', 'flags'],
    key: 'session_uuid, source_id',
    read: (db, ids) =>
      readRows(
        db,
        'SELECT s.uuid, b.id, b.t_sec, b.ibi_ms, b.quality, b.flags FROM beats b JOIN sessions s ON s.id = b.session_id WHERE b.id IN (?) ORDER BY b.id',
        ids,
      ),
  },
  metric_points: {
    columns: ['session_uuid', 'source_id', 'name', 't_sec', 'value'],
    key: 'session_uuid, source_id',
    read: (db, ids) =>
      readRows(db, 'SELECT s.uuid, p.id, p.name, p.t_sec, p.value FROM metric_points p JOIN sessions s ON s.id = p.session_id WHERE p.id IN (?) ORDER BY p.id', ids),
  },
  pacer_changes: {
    columns: ['session_uuid', 'source_id', 't_sec', 'settings'],
    key: 'session_uuid, source_id',
    read: (db, ids) =>
      readRows(db, 'SELECT s.uuid, p.id, p.t_sec, p.settings FROM pacer_changes p JOIN sessions s ON s.id = p.session_id WHERE p.id IN (?) ORDER BY p.id', ids),
  },
  markers: {
    columns: ['uuid', 'session_uuid', 't_sec', 'kind', 'note', 'edited_at'],
    key: 'uuid',
    guarded: true,
    update: `t_sec = EXCLUDED.t_sec, kind = EXCLUDED.kind, note = EXCLUDED.note, deleted = false, ${bump}, ${lastEdit('markers')}`,
    read: (db, ids) =>
      readRows(
        db,
        `SELECT x.uuid, s.uuid, x.t_sec, x.kind, x.note, ${editedAt('markers')} FROM markers x JOIN sessions s ON s.id = x.session_id WHERE x.id IN (?) ORDER BY x.id`,
        ids,
      ),
  },
  gaps: {
    columns: ['uuid', 'session_uuid', 'start_sec', 'end_sec', 'reason'],
    key: 'uuid',
    read: (db, ids) =>
      readRows(db, 'SELECT g.uuid, s.uuid, g.start_sec, g.end_sec, g.reason FROM gaps g JOIN sessions s ON s.id = g.session_id WHERE g.id IN (?) ORDER BY g.id', ids),
  },
  access_log: {
    columns: ['hash', 'prev_hash', 'source_id', 'at', 'action', 'client_uuid', 'session_uuid', 'user_name', 'workstation', 'detail'],
    key: 'hash',
    read: (db, ids) =>
      readRows(
        db,
        `SELECT a.hash, a.prev_hash, a.id, a.at, a.action, c.uuid, s.uuid, a.user, a.workstation, a.detail FROM access_log a
         LEFT JOIN clients c ON c.id = a.client_id LEFT JOIN sessions s ON s.id = a.session_id WHERE a.id IN (?) ORDER BY a.id`,
        ids,
      ),
  },
};

/** The INSERT … ON CONFLICT for `rows` of `table` (each row: the table's columns, edited_by and edited_on when guarded, then origin). */
export function upsertSql(table: string, t: PushTable, rowCount: number): string {
  const cols = [...t.columns, ...(t.guarded ? ['edited_by', 'edited_on'] : []), 'origin'];
  const values: string[] = [];
  for (let r = 0; r < rowCount; r++) values.push(`(${cols.map((_, c) => `$${r * cols.length + c + 1}`).join(', ')})`);
  const conflict = t.update ? `DO UPDATE SET ${t.update}` : 'DO NOTHING';
  return `INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT (${t.key}) ${conflict}`;
}

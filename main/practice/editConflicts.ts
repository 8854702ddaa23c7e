/**
 * Conflicting edits in practice mode (issue 17): the same record edited on two workstations while
 * they were apart. The server keeps the last edit by edit time, whichever is sent first (the
 * guarded upsert in pushTables.ts, server schema 2). This module finds such a conflict when the
 * second workstation sends — the server's row was changed by another workstation after this one
 * last pulled — and logs both versions of every field that differs in this workstation's access
 * log (who, which workstation, when, the value kept and the value not kept). That entry is sent
 * with the rest of the log, so the server's access log has it too; the workstation that lost then
 * pulls the winning version as usual.
 */
import type { PracticeConnection, SqlValue } from '../../native-adapters/pg/practiceConnection.js';
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import { AccessLogRepo } from '../storage/accessLogRepo.js';
import type { PushTable } from './pushTables.js';

export interface EditVersion {
  value: unknown;
  user: string | null;
  workstation: string | null;
  at: string | null;
}

export interface EditConflict {
  table: string;
  uuid: string;
  field: string;
  kept: EditVersion;
  lost: EditVersion;
  /** This workstation's edit is the one kept. */
  mineKept: boolean;
}

/** Columns compared (all but the key and the edit time). */
function comparedColumns(t: PushTable): string[] {
  return t.columns.filter((c) => c !== 'uuid' && c !== 'edited_at');
}

function same(a: unknown, b: unknown): boolean {
  if (a == null || b == null) return a == null && b == null;
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return String(a) === String(b);
}

/**
 * The conflicts the rows about to be sent (`rows`, as `t.read` gives them) have with edits other
 * workstations sent since this one's pull cursor. Call inside the push transaction, before the upsert.
 */
export async function findEditConflicts(
  conn: PracticeConnection,
  table: string,
  t: PushTable,
  rows: readonly SqlValue[][],
  ctx: { me: string; cursor: number; user: string; workstation: string },
): Promise<EditConflict[]> {
  if (!t.guarded || rows.length === 0) return [];
  const cols = comparedColumns(t);
  const at = t.columns.indexOf('edited_at');
  const select = cols.map((c) => (c.endsWith('_uuid') ? `${c}::text AS ${c}` : c)).join(', ');
  const theirs = await conn.query<Record<string, unknown>>(
    `SELECT uuid::text AS uuid, ${select}, edited_at, edited_by, edited_on FROM ${table} WHERE uuid = ANY($1::uuid[]) AND seq > $2 AND origin <> $3`,
    [`{${rows.map((r) => String(r[0])).join(',')}}`, ctx.cursor, ctx.me],
  );
  const byUuid = new Map(theirs.map((r) => [String(r.uuid), r]));
  const out: EditConflict[] = [];
  for (const row of rows) {
    const other = byUuid.get(String(row[0]));
    if (!other) continue;
    const mineAt = (row[at] as string | null) ?? null;
    const otherAt = (other.edited_at as string | null) ?? null;
    const mineKept = (mineAt ?? '') >= (otherAt ?? '');
    for (const field of cols) {
      const mineValue = row[t.columns.indexOf(field)];
      if (same(mineValue, other[field])) continue;
      const mine: EditVersion = { value: mineValue, user: ctx.user, workstation: ctx.workstation, at: mineAt };
      const their: EditVersion = { value: other[field], user: (other.edited_by as string | null) ?? null, workstation: (other.edited_on as string | null) ?? null, at: otherAt };
      out.push({ table, uuid: String(row[0]), field, kept: mineKept ? mine : their, lost: mineKept ? their : mine, mineKept });
    }
  }
  return out;
}

const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function shown(v: EditVersion): string {
  const value = v.value == null ? '—' : JSON.stringify(cut(String(v.value), 24));
  const who = `${cut(v.user ?? '?', 16)}@${cut(v.workstation ?? '?', 16)}`;
  return `${value} (${who} ${v.at ? v.at.slice(0, 19) : '?'})`;
}

/** The access-log detail of one conflict (under the log's 200 characters). */
export function conflictDetail(c: EditConflict): string {
  return `sync conflict ${c.table}.${c.field}: kept ${shown(c.kept)}; not kept ${shown(c.lost)}`;
}

/** The local client (and session) a conflicting record belongs to. */
function owner(db: Db, table: string, uuid: string): { clientId: number | null; sessionId: number | null } {
  const sql =
    table === 'clients'
      ? 'SELECT id AS clientId, NULL AS sessionId FROM clients WHERE uuid = ?'
      : table === 'markers'
        ? 'SELECT s.client_id AS clientId, s.id AS sessionId FROM markers m JOIN sessions s ON s.id = m.session_id WHERE m.uuid = ?'
        : `SELECT client_id AS clientId, NULL AS sessionId FROM ${table} WHERE uuid = ?`;
  return (db.prepare(sql).get(uuid) as { clientId: number | null; sessionId: number | null } | undefined) ?? { clientId: null, sessionId: null };
}

/** Log every conflict in this workstation's access log (queued for the server like every entry). */
export function logEditConflicts(db: Db, conflicts: readonly EditConflict[]): void {
  if (conflicts.length === 0) return;
  const log = new AccessLogRepo(db);
  for (const c of conflicts) log.append({ action: 'edit', ...owner(db, c.table, c.uuid), detail: conflictDetail(c) });
}

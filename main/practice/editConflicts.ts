/**
 * Conflicting edits in practice mode (issue 17): the same record edited on two workstations while
 * they were apart. The second workstation to send merges field by field against the version it
 * started from (server schema 4): edits of different fields are both kept; of one field both
 * changed the last edit (by edit time) is kept, whichever is sent first (the guarded upsert in
 * pushTables.ts, server schema 2). This module finds such a conflict when the
 * second workstation sends — the server's row was changed by another workstation after this one
 * last pulled — and logs both versions of every field both changed in this workstation's access
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

/** Fields of a record this workstation must take over after its merged edit is committed (the other side's changes). */
export interface MergedRecord {
  table: string;
  uuid: string;
  values: Record<string, unknown>;
}

export interface MergeOutcome {
  conflicts: EditConflict[];
  merged: MergedRecord[];
  /** Rows whose last edit is the other workstation's: who made it (user, workstation), sent with the merged row. */
  lastEditBy: Map<string, [string | null, string | null]>;
  /** Rows that, merged, are the server's row as it is (nothing of this side kept): not sent. */
  unchanged: Set<string>;
}

/**
 * Merge the rows about to be sent (`rows`, as `t.read` gives them; changed IN PLACE) with the
 * edits other workstations sent since this one's pull cursor, field by field, against the version
 * this workstation started from (the server's version at the cursor, `cadans_versions`): a field
 * only the other side changed takes their value, a field only this side changed keeps ours, a
 * field both changed keeps the later edit and is a conflict (both versions logged). The merged
 * row carries the later edit time, so the server takes it whole. Without the starting version (a
 * record from before server schema 4) the later edit is kept for every field that differs. Call
 * inside the push transaction, before the upsert.
 */
export async function findEditConflicts(
  conn: PracticeConnection,
  table: string,
  t: PushTable,
  rows: SqlValue[][],
  ctx: { me: string; cursor: number; user: string; workstation: string },
): Promise<MergeOutcome> {
  const out: MergeOutcome = { conflicts: [], merged: [], lastEditBy: new Map(), unchanged: new Set() };
  if (!t.guarded || rows.length === 0) return out;
  const cols = comparedColumns(t);
  const at = t.columns.indexOf('edited_at');
  const select = cols.map((c) => (c.endsWith('_uuid') ? `${c}::text AS ${c}` : c)).join(', ');
  const uuids = `{${rows.map((r) => String(r[0])).join(',')}}`;
  const theirs = await conn.query<Record<string, unknown>>(
    `SELECT uuid::text AS uuid, ${select}, edited_at, edited_by, edited_on FROM ${table} WHERE uuid = ANY($1::uuid[]) AND seq > $2 AND origin <> $3`,
    [uuids, ctx.cursor, ctx.me],
  );
  if (theirs.length === 0) return out;
  const byUuid = new Map(theirs.map((r) => [String(r.uuid), r]));
  const bases = await conn.query<{ uuid: string; row: Record<string, unknown> }>(
    'SELECT DISTINCT ON (uuid) uuid::text AS uuid, row FROM cadans_versions WHERE tbl = $1 AND uuid = ANY($2::uuid[]) AND seq <= $3 ORDER BY uuid, seq DESC',
    [table, `{${theirs.map((r) => String(r.uuid)).join(',')}}`, ctx.cursor],
  );
  const baseOf = new Map(bases.map((b) => [b.uuid, b.row]));
  for (const row of rows) {
    const uuid = String(row[0]);
    const other = byUuid.get(uuid);
    if (!other) continue;
    const base = baseOf.get(uuid);
    const mineAt = (row[at] as string | null) ?? null;
    const otherAt = (other.edited_at as string | null) ?? null;
    const mineKept = (mineAt ?? '') >= (otherAt ?? '');
    const takeOver: Record<string, unknown> = {};
    for (const field of cols) {
      const i = t.columns.indexOf(field);
      const mineValue = row[i];
      if (same(mineValue, other[field])) continue;
      const mineChanged = base === undefined || !same(mineValue, base[field]);
      const theirChanged = base === undefined || !same(other[field], base[field]);
      if (!theirChanged) continue; // only ours changed: ours stays
      if (!mineChanged || !mineKept) {
        row[i] = other[field] as SqlValue;
        takeOver[field] = other[field];
      }
      if (!mineChanged) continue; // only theirs changed: taken over, no conflict
      const mine: EditVersion = { value: mineValue, user: ctx.user, workstation: ctx.workstation, at: mineAt };
      const their: EditVersion = { value: other[field], user: (other.edited_by as string | null) ?? null, workstation: (other.edited_on as string | null) ?? null, at: otherAt };
      out.conflicts.push({ table, uuid, field, kept: mineKept ? mine : their, lost: mineKept ? their : mine, mineKept });
    }
    // The merged row is the later edit: the server's guard takes it whole.
    if (cols.every((f) => same(row[t.columns.indexOf(f)], other[f]))) out.unchanged.add(uuid);
    if (!mineKept) {
      row[at] = otherAt;
      out.lastEditBy.set(uuid, [(other.edited_by as string | null) ?? null, (other.edited_on as string | null) ?? null]);
    }
    if (Object.keys(takeOver).length > 0) out.merged.push({ table, uuid, values: takeOver });
  }
  return out;
}

/**
 * Take over, in the local store, the other side's fields of records merged in a committed push
 * (the server has the merged row, sent by this workstation: it does not come back on pull). Not
 * queued again: the outbox is paused meanwhile. References (`*_uuid`) are left as they are here.
 */
export function applyMerged(db: Db, merged: readonly MergedRecord[]): void {
  if (merged.length === 0) return;
  db.transaction(() => {
    const was = (db.prepare("SELECT value FROM sync_state WHERE key = 'outbox'").get() as { value: string } | undefined)?.value ?? 'on';
    db.prepare("UPDATE sync_state SET value = 'paused' WHERE key = 'outbox'").run();
    for (const m of merged) {
      const fields = Object.keys(m.values).filter((f) => !f.endsWith('_uuid') && /^[a-z_]+$/.test(f));
      if (fields.length === 0) continue;
      const params: Record<string, unknown> = { uuid: m.uuid };
      for (const f of fields) params[f] = m.values[f] ?? null;
      db.prepare(`UPDATE ${m.table} SET ${fields.map((f) => `${f} = @${f}`).join(', ')} WHERE uuid = @uuid`).run(params);
    }
    db.prepare("UPDATE sync_state SET value = ? WHERE key = 'outbox'").run(was);
  }).immediate();
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

/**
 * Send the outbox to the practice database, in order, in batches. Each batch is one server
 * transaction (under the push lock, so `seq` commits in order); only after it is committed are
 * its entries removed from the local outbox. A connection lost mid-batch rolls the batch back on
 * the server and leaves the outbox as it was: the next push sends it again, and the upserts keyed
 * by global ids make that resend change nothing that was already there. An edit that conflicts
 * with one another workstation sent meanwhile is logged in the access log once its batch is
 * committed (editConflicts.ts); that entry goes out in a later batch of the same push.
 */
import { PUSH_LOCK } from '../../native-adapters/pg/serverMigrations.js';
import type { PracticeConnection, SqlValue } from '../../native-adapters/pg/practiceConnection.js';
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import { workstationUser } from '../storage/accessLogRepo.js';
import { applyMerged, findEditConflicts, logEditConflicts, type EditConflict, type MergedRecord } from './editConflicts.js';
import { getSyncState, setSyncState, workstationId } from './localSyncState.js';
import { PUSH_TABLES, upsertSql } from './pushTables.js';
import { DELETABLE_TABLES } from './recordTables.js';

export interface OutboxEntry {
  id: number;
  tbl: string;
  row_id: number;
  op: 'upsert' | 'delete';
  uuid: string | null;
}

export interface PushOptions {
  /** Outbox entries per server transaction (default 1000). */
  batchSize?: number;
  /** After each committed batch: entries sent so far and still waiting. */
  onBatch?: (sent: number, waiting: number) => void;
}

export interface PushReport {
  sent: number;
  batches: number;
  /** Edits that met another workstation's edit of the same record (logged in the access log). */
  conflicts: EditConflict[];
}

interface SendContext {
  me: string;
  /** This workstation's pull cursor: server rows above it written elsewhere are edits it has not seen. */
  cursor: number;
  user: string;
  workstation: string;
  conflicts: EditConflict[];
  /** Records merged with another workstation's edit: their fields to take over here once committed. */
  merged: MergedRecord[];
}

/**
 * The server refused a change under its row-level security (server schema 4): the client it
 * belongs to is restricted to other therapists, or this role is no Cadans therapist. The batch is
 * rolled back and the outbox keeps every change.
 */
export class PushRefusedError extends Error {
  override readonly name = 'PushRefusedError';
  constructor(
    readonly table: string,
    readonly clients: readonly string[],
    readonly serverMessage: string,
  ) {
    super(`the practice database refused changes of ${table}${clients.length ? ` (${clients.join(', ')})` : ''}: ${serverMessage}`);
  }
}

/** PostgreSQL's insufficient_privilege: a row-level security policy or a missing grant. */
const REFUSED = '42501';

/** The local names of the clients the rows of an outbox run belong to (for the refusal message). */
function clientsOf(db: Db, run: OutboxEntry[]): string[] {
  const tbl = run[0].tbl;
  const ids = [...new Set(run.map((e) => e.row_id))].slice(0, 500);
  const hasClient = db.prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = 'client_id'").get(tbl) !== undefined;
  const hasSession = db.prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = 'session_id'").get(tbl) !== undefined;
  const from =
    tbl === 'clients'
      ? 'clients c'
      : hasClient
        ? `${tbl} x JOIN clients c ON c.id = x.client_id`
        : hasSession
          ? `${tbl} x JOIN sessions s ON s.id = x.session_id JOIN clients c ON c.id = s.client_id`
          : null;
  if (from === null || run[0].op === 'delete') return [];
  const key = tbl === 'clients' ? 'c.id' : 'x.id';
  const rows = db.prepare(`SELECT DISTINCT c.name FROM ${from} WHERE ${key} IN (${ids.map(() => '?').join(',')}) ORDER BY c.name LIMIT 5`).all(...ids) as { name: string }[];
  return rows.map((r) => r.name);
}

/** Most rows in one INSERT (PostgreSQL allows 65,535 parameters per statement). */
const ROWS_PER_STATEMENT = 400;

export async function pushOutbox(db: Db, conn: PracticeConnection, options: PushOptions = {}): Promise<PushReport> {
  const batchSize = options.batchSize ?? 1000;
  const me = workstationId(db);
  const next = db.prepare<[number], OutboxEntry>('SELECT id, tbl, row_id, op, uuid FROM sync_outbox ORDER BY id LIMIT ?');
  const remove = db.prepare<[number]>('DELETE FROM sync_outbox WHERE id <= ?');
  const waiting = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sync_outbox');
  let sent = 0;
  let batches = 0;
  const all: EditConflict[] = [];
  for (;;) {
    const entries = next.all(batchSize);
    if (entries.length === 0) break;
    const ctx: SendContext = { me, cursor: Number(getSyncState(db, 'pull_seq') ?? '0'), ...workstationUser(), conflicts: [], merged: [] };
    await conn.transaction(async () => {
      await conn.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
      for (const run of runsOf(entries)) {
        try {
          await sendRun(db, conn, run, ctx);
        } catch (e) {
          if ((e as { code?: string }).code === REFUSED) throw new PushRefusedError(run[0].tbl, clientsOf(db, run), (e as Error).message);
          throw e;
        }
      }
    });
    remove.run(entries[entries.length - 1].id);
    applyMerged(db, ctx.merged);
    logEditConflicts(db, ctx.conflicts);
    all.push(...ctx.conflicts);
    sent += entries.length;
    batches++;
    setSyncState(db, 'last_push_at', new Date().toISOString());
    options.onBatch?.(sent, waiting.get()!.n);
  }
  return { sent, batches, conflicts: all };
}

/** Consecutive entries of one table and operation (order between tables is kept). */
function runsOf(entries: OutboxEntry[]): OutboxEntry[][] {
  const runs: OutboxEntry[][] = [];
  for (const e of entries) {
    const last = runs[runs.length - 1];
    if (last && last[0].tbl === e.tbl && last[0].op === e.op) last.push(e);
    else runs.push([e]);
  }
  return runs;
}

async function sendRun(db: Db, conn: PracticeConnection, run: OutboxEntry[], ctx: SendContext): Promise<void> {
  const me = ctx.me;
  const tbl = run[0].tbl;
  if (run[0].op === 'delete') {
    if (!DELETABLE_TABLES.has(tbl)) throw new Error(`the outbox holds a delete of ${tbl}, which is never deleted`);
    const uuids = run.map((e) => e.uuid).filter((u): u is string => u !== null);
    await conn.query(`UPDATE ${tbl} SET deleted = true, origin = $2, pushed_by = current_user, seq = nextval('cadans_change_seq') WHERE uuid = ANY($1::uuid[])`, [
      `{${uuids.join(',')}}`,
      me,
    ]);
    return;
  }
  const table = PUSH_TABLES[tbl];
  if (!table) throw new Error(`the outbox holds a change of ${tbl}, which this Cadans does not sync`);
  // One upsert per row and statement: a row changed twice in the run is sent once (its current state).
  const ids = [...new Set(run.map((e) => e.row_id))];
  const rows = table.read(db, ids);
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const all = rows.slice(i, i + ROWS_PER_STATEMENT);
    const merge = await findEditConflicts(conn, tbl, table, all, ctx);
    ctx.conflicts.push(...merge.conflicts);
    ctx.merged.push(...merge.merged);
    // A row that, merged, is the server's as it is, is not written again (its sender stays who it was).
    const part = all.filter((r) => !merge.unchanged.has(String(r[0])));
    if (part.length === 0) continue;
    const params: SqlValue[] = [];
    for (const r of part) params.push(...r, ...(table.guarded ? (merge.lastEditBy.get(String(r[0])) ?? [ctx.user, ctx.workstation]) : []), me);
    await conn.query(upsertSql(tbl, table, part.length), params);
  }
}

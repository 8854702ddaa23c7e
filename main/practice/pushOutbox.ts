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
import { findEditConflicts, logEditConflicts, type EditConflict } from './editConflicts.js';
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
    const ctx: SendContext = { me, cursor: Number(getSyncState(db, 'pull_seq') ?? '0'), ...workstationUser(), conflicts: [] };
    await conn.transaction(async () => {
      await conn.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
      for (const run of runsOf(entries)) await sendRun(db, conn, run, ctx);
    });
    remove.run(entries[entries.length - 1].id);
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
    const part = rows.slice(i, i + ROWS_PER_STATEMENT);
    ctx.conflicts.push(...(await findEditConflicts(conn, tbl, table, part, ctx)));
    const params: SqlValue[] = [];
    for (const r of part) params.push(...r, ...(table.guarded ? [ctx.user, ctx.workstation] : []), me);
    await conn.query(upsertSql(tbl, table, part.length), params);
  }
}

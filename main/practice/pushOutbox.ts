/**
 * Send the outbox to the practice database, in order, in batches. Each batch is one server
 * transaction (under the push lock, so `seq` commits in order); only after it is committed are
 * its entries removed from the local outbox. A connection lost mid-batch rolls the batch back on
 * the server and leaves the outbox as it was: the next push sends it again, and the upserts keyed
 * by global ids make that resend change nothing that was already there. An edit that conflicts
 * with one another workstation sent meanwhile is logged in the access log once its batch is
 * committed (editConflicts.ts); that entry goes out in a later batch of the same push.
 * A change the server refuses under its row-level security (a client restricted to other
 * therapists) is parked with every later change of that client (parkedChanges.ts, each run is
 * sent under a savepoint so a refusal undoes only that run); the rest of the outbox goes through.
 * A deletion is refused silently (its UPDATE matches no row this role may see): the rows it did
 * not reach are looked up on the server (`cadans_client_of`, server schema 6) and those that
 * exist are parked with their client the same way; rows never sent are simply done.
 */
import { PUSH_LOCK } from '../../native-adapters/pg/serverMigrations.js';
import type { PracticeConnection, SqlValue } from '../../native-adapters/pg/practiceConnection.js';
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import { workstationUser } from '../storage/accessLogRepo.js';
import { applyMerged, findEditConflicts, logEditConflicts, type EditConflict, type MergedRecord } from './editConflicts.js';
import { getSyncState, setSyncState, workstationId } from './localSyncState.js';
import { clientUuidsOf, hasParkedSchema, parkedClients, parkEntries, type ParkedEntry } from './parkedChanges.js';
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
  /** Changes parked in this push (refused: their client is restricted to other therapists). */
  parked: number;
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
 * The server refused the push as a whole: this role is no Cadans therapist (no rights on the
 * tables), or a refusal that parking cannot explain. The batch is rolled back and the outbox keeps
 * every change. (A client restricted to other therapists only parks its own changes.)
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
/** foreign_key_violation: a row whose session or client is not on the server (parked here). */
const MISSING_PARENT = '23503';

/** The local names of the clients the rows of an outbox run belong to (for the refusal message). */
function clientsOf(db: Db, run: OutboxEntry[]): string[] {
  if (run[0].op === 'delete') return [];
  const uuids = [...new Set(clientUuidsOf(db, run[0].tbl, run.slice(0, 500).map((e) => e.row_id)).values())];
  if (uuids.length === 0) return [];
  const rows = db.prepare(`SELECT DISTINCT name FROM clients WHERE uuid IN (${uuids.map(() => '?').join(',')}) ORDER BY name LIMIT 5`).all(...uuids) as { name: string }[];
  return rows.map((r) => r.name);
}

/** Most rows in one INSERT (PostgreSQL allows 65,535 parameters per statement). */
const ROWS_PER_STATEMENT = 400;

export async function pushOutbox(db: Db, conn: PracticeConnection, options: PushOptions = {}): Promise<PushReport> {
  const batchSize = options.batchSize ?? 1000;
  const me = workstationId(db);
  const parking = hasParkedSchema(db);
  const next = db.prepare<[number], OutboxEntry>(`SELECT id, tbl, row_id, op, uuid FROM sync_outbox${parking ? ' WHERE parked IS NULL' : ''} ORDER BY id LIMIT ?`);
  const remove = db.prepare<[number]>(`DELETE FROM sync_outbox WHERE id <= ?${parking ? ' AND parked IS NULL' : ''}`);
  const waiting = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM sync_outbox${parking ? ' WHERE parked IS NULL' : ''}`);
  /** Clients whose changes are parked: their later changes wait with them. */
  const refused = parkedClients(db);
  let sent = 0;
  let parkedNow = 0;
  let batches = 0;
  const all: EditConflict[] = [];
  for (;;) {
    const entries = next.all(batchSize);
    if (entries.length === 0) break;
    const ctx: SendContext = { me, cursor: Number(getSyncState(db, 'pull_seq') ?? '0'), ...workstationUser(), conflicts: [], merged: [] };
    const park: ParkedEntry[] = [];
    const refusedBefore = new Set(refused);
    try {
      await conn.transaction(async () => {
        await conn.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
        for (const run of runsOf(entries)) await sendOrPark(db, conn, run, ctx, parking ? refused : null, park);
      });
    } catch (e) {
      // Rolled back on the server: nothing of this batch is parked either.
      for (const c of refused) if (!refusedBefore.has(c)) refused.delete(c);
      throw e;
    }
    db.transaction(() => {
      parkEntries(db, park);
      remove.run(entries[entries.length - 1].id);
    }).immediate();
    applyMerged(db, ctx.merged);
    logEditConflicts(db, ctx.conflicts);
    all.push(...ctx.conflicts);
    sent += entries.length - park.length;
    parkedNow += park.length;
    batches++;
    setSyncState(db, 'last_push_at', new Date().toISOString());
    options.onBatch?.(sent, waiting.get()!.n);
  }
  return { sent, batches, conflicts: all, parked: parkedNow };
}

/**
 * Send one run under a savepoint (a run of deletions: sendDeletes). Its changes of a client already refused are parked at once; a
 * refusal by row-level security (or a missing parent: a session parked before) undoes the run,
 * finds the clients this role may not write (`cadans_may_see`), parks their changes and sends the
 * rest. Without parking (`refused` null: a local file before migration 13) a refusal fails the push.
 */
async function sendOrPark(db: Db, conn: PracticeConnection, run: OutboxEntry[], ctx: SendContext, refused: Set<string> | null, park: ParkedEntry[]): Promise<void> {
  if (run[0].op === 'delete') return sendDeletes(conn, run, ctx.me, refused, park);
  let owners = refused !== null && refused.size > 0 ? clientUuidsOf(db, run[0].tbl, run.map((e) => e.row_id)) : null;
  const splitOff = (): OutboxEntry[] => {
    if (owners === null || refused === null) return run;
    const rest: OutboxEntry[] = [];
    for (const e of run) {
      const client = owners.get(e.row_id);
      if (client !== undefined && refused.has(client)) park.push({ id: e.id, client, reason: 'restricted' });
      else rest.push(e);
    }
    return rest;
  };
  let rest = splitOff();
  for (let attempt = 0; rest.length > 0; attempt++) {
    const conflicts = ctx.conflicts.length;
    const merged = ctx.merged.length;
    await conn.query('SAVEPOINT cadans_run');
    try {
      await sendRun(db, conn, rest, ctx);
      await conn.query('RELEASE SAVEPOINT cadans_run');
      return;
    } catch (e) {
      await conn.query('ROLLBACK TO SAVEPOINT cadans_run');
      ctx.conflicts.length = conflicts;
      ctx.merged.length = merged;
      const code = (e as { code?: string }).code;
      // Refused (row-level security or a missing grant: told apart by asking the server, never by
      // its message, which follows the server's language) or a parent that is not there.
      if (refused === null || attempt > 0 || !(code === REFUSED || code === MISSING_PARENT)) {
        if (code === REFUSED) throw new PushRefusedError(run[0].tbl, clientsOf(db, rest), (e as Error).message);
        throw e;
      }
      owners = clientUuidsOf(db, run[0].tbl, rest.map((x) => x.row_id));
      const uuids = [...new Set(owners.values())];
      const seen = uuids.length
        ? await conn.query<{ u: string; ok: boolean }>('SELECT u::text AS u, cadans_may_see(u, current_user) AS ok FROM unnest($1::uuid[]) AS u', [`{${uuids.join(',')}}`])
        : [];
      const newly = seen.filter((r) => !r.ok).map((r) => r.u);
      if (newly.length === 0) {
        if (code === REFUSED) throw new PushRefusedError(run[0].tbl, clientsOf(db, rest), (e as Error).message);
        throw e;
      }
      for (const c of newly) refused.add(c);
      run = rest;
      rest = splitOff();
    }
  }
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

/** The client of each named row of `tbl` on the server, by row uuid (rows not there: none), whatever this role may see. */
async function serverClientsOf(conn: PracticeConnection, tbl: string, uuids: readonly string[]): Promise<Map<string, string>> {
  const rows = await conn.query<{ u: string; c: string }>('SELECT uuid::text AS u, client_uuid::text AS c FROM cadans_client_of($1, $2::uuid[])', [tbl, `{${uuids.join(',')}}`]);
  return new Map(rows.map((r) => [r.u, r.c]));
}

/**
 * Send a run of deletions (rows marked `deleted`, so the other workstations delete their copy).
 * Those of a client already parked are parked at once (that client's changes keep their order).
 * Row-level security does not refuse an UPDATE of rows this role may not see, it matches none:
 * the rows not reached that exist on the server belong to a client restricted to other
 * therapists, and are parked with that client. Without parking (`refused` null: a local file
 * before migration 13) they are sent as before.
 */
async function sendDeletes(conn: PracticeConnection, run: OutboxEntry[], me: string, refused: Set<string> | null, park: ParkedEntry[]): Promise<void> {
  const tbl = run[0].tbl;
  if (!DELETABLE_TABLES.has(tbl)) throw new Error(`the outbox holds a delete of ${tbl}, which is never deleted`);
  const named = run.filter((e): e is OutboxEntry & { uuid: string } => e.uuid !== null).map((e) => ({ ...e, uuid: e.uuid.toLowerCase() }));
  const parkWith = (e: OutboxEntry, client: string): void => {
    refused?.add(client);
    park.push({ id: e.id, client, reason: 'restricted' });
  };
  let rest = named;
  if (refused !== null && refused.size > 0 && named.length > 0) {
    const owners = await serverClientsOf(conn, tbl, named.map((e) => e.uuid));
    rest = [];
    for (const e of named) {
      const client = owners.get(e.uuid);
      if (client !== undefined && refused.has(client)) parkWith(e, client);
      else rest.push(e);
    }
  }
  if (rest.length === 0) return;
  const done = await conn.query<{ u: string }>(
    `UPDATE ${tbl} SET deleted = true, origin = $2, pushed_by = current_user, seq = nextval('cadans_change_seq') WHERE uuid = ANY($1::uuid[]) RETURNING uuid::text AS u`,
    [`{${rest.map((e) => e.uuid).join(',')}}`, me],
  );
  if (refused === null) return;
  const reached = new Set(done.map((r) => r.u));
  const missed = rest.filter((e) => !reached.has(e.uuid));
  if (missed.length === 0) return;
  const owners = await serverClientsOf(conn, tbl, missed.map((e) => e.uuid));
  for (const e of missed) {
    const client = owners.get(e.uuid);
    if (client !== undefined) parkWith(e, client);
  }
}

async function sendRun(db: Db, conn: PracticeConnection, run: OutboxEntry[], ctx: SendContext): Promise<void> {
  const me = ctx.me;
  const tbl = run[0].tbl;
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

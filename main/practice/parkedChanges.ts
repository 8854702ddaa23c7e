/**
 * Changes the practice database refused, parked in this workstation's outbox (issue 17, SQLite
 * migration 13): a client restricted to other therapists must not stop every later change. A
 * parked change stays stored here with why and the client it belongs to; every later change of
 * that client is parked with it (so that client's changes keep their order and a session's signal
 * never goes before its session), and the rest of the outbox goes through. `unparkAll` puts them
 * back in line (by their original order) to be tried again: when asked, or when rights may have
 * changed (main/practice/practiceSync.ts).
 */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';

/** Why a change is parked: its client is restricted to other therapists (row-level security refused it). */
export type ParkReason = 'restricted';

export interface ParkedEntry {
  id: number;
  client: string;
  reason: ParkReason;
}

export interface ParkedSummary {
  /** Changes parked. */
  count: number;
  reason: ParkReason | null;
  /** The clients they belong to (local names, at most 5). */
  clients: string[];
}

/** Tables whose rows belong to a client directly (client_id). */
const BY_CLIENT = new Set(['courses', 'goals', 'questionnaire_scores', 'running_log', 'prescriptions', 'sessions']);
/** Tables whose rows belong to a client through their session. */
const BY_SESSION = new Set(['signal_chunks', 'beats', 'metric_points', 'pacer_changes', 'markers', 'gaps']);

export function hasParkedSchema(db: Db): boolean {
  return db.prepare("SELECT 1 FROM pragma_table_info('sync_outbox') WHERE name = 'parked'").get() !== undefined;
}

/**
 * The uuid of the client each local row of `tbl` belongs to (rows gone, or tables that belong to
 * no client, e.g. the access log, which the server always takes: none).
 */
export function clientUuidsOf(db: Db, tbl: string, rowIds: readonly number[]): Map<number, string> {
  const from =
    tbl === 'clients'
      ? 'clients x JOIN clients c ON c.id = x.id'
      : BY_CLIENT.has(tbl)
        ? `${tbl} x JOIN clients c ON c.id = x.client_id`
        : BY_SESSION.has(tbl)
          ? `${tbl} x JOIN sessions s ON s.id = x.session_id JOIN clients c ON c.id = s.client_id`
          : null;
  const out = new Map<number, string>();
  if (from === null) return out;
  const ids = [...new Set(rowIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = db.prepare(`SELECT x.id AS id, c.uuid AS uuid FROM ${from} WHERE x.id IN (${part.map(() => '?').join(',')})`).all(...part) as {
      id: number;
      uuid: string | null;
    }[];
    for (const r of rows) if (r.uuid) out.set(r.id, r.uuid);
  }
  return out;
}

/** The clients with parked changes (their later changes are parked too). */
export function parkedClients(db: Db): Set<string> {
  if (!hasParkedSchema(db)) return new Set();
  const rows = db.prepare('SELECT DISTINCT parked_client AS c FROM sync_outbox WHERE parked IS NOT NULL AND parked_client IS NOT NULL').all() as { c: string }[];
  return new Set(rows.map((r) => r.c));
}

/** Park `entries` (called once the server transaction that refused them is committed). */
export function parkEntries(db: Db, entries: readonly ParkedEntry[], at = new Date().toISOString()): void {
  if (entries.length === 0) return;
  const park = db.prepare<[string, string, string, number]>('UPDATE sync_outbox SET parked = ?, parked_client = ?, parked_at = coalesce(parked_at, ?) WHERE id = ?');
  for (const e of entries) park.run(e.reason, e.client, at, e.id);
}

/** Put every parked change back in line (their ids keep the original order). Returns how many. */
export function unparkAll(db: Db): number {
  if (!hasParkedSchema(db)) return 0;
  return db.prepare('UPDATE sync_outbox SET parked = NULL, parked_client = NULL WHERE parked IS NOT NULL').run().changes;
}

export function parkedCount(db: Db): number {
  if (!hasParkedSchema(db)) return 0;
  return (db.prepare('SELECT count(*) AS n FROM sync_outbox WHERE parked IS NOT NULL').get() as { n: number }).n;
}

export function parkedSummary(db: Db): ParkedSummary {
  const count = parkedCount(db);
  if (count === 0) return { count: 0, reason: null, clients: [] };
  const reason = (db.prepare('SELECT parked FROM sync_outbox WHERE parked IS NOT NULL ORDER BY id LIMIT 1').get() as { parked: ParkReason }).parked;
  const clients = (
    db
      .prepare('SELECT DISTINCT c.name FROM sync_outbox o JOIN clients c ON c.uuid = o.parked_client WHERE o.parked IS NOT NULL ORDER BY c.name LIMIT 5')
      .all() as { name: string }[]
  ).map((r) => r.name);
  return { count, reason, clients };
}

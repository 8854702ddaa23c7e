/**
 * This workstation's side of practice mode (issue 17) in its local SQLite file (migration 10,
 * native-adapters/sqlite/schemaSync.ts): the sync state, the outbox size, and joining a practice.
 */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';

export type SyncStateKey = 'outbox' | 'workstation_id' | 'pull_seq' | 'last_push_at' | 'last_pull_at' | 'last_sync_at' | 'practice_url' | 'parked_retry_at' | 'rights_version' | 'versions_pruned_at';

export function hasSyncSchema(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sync_outbox'").get() !== undefined;
}

export function getSyncState(db: Db, key: SyncStateKey): string | null {
  const r = db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return r?.value ?? null;
}

export function setSyncState(db: Db, key: SyncStateKey, value: string): void {
  db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** This workstation's id in the practice (a uuid made with its database; `origin` on the server). */
export function workstationId(db: Db): string {
  const id = getSyncState(db, 'workstation_id');
  if (!id) throw new Error('the database has no workstation id (migration 10 missing)');
  return id;
}

/** Changes waiting to be sent. */
export function outboxSize(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n;
}

/**
 * Join a practice (once): from now on every change is queued by the triggers, and everything
 * stored before is queued now, in dependency order (clients before their sessions, sessions
 * before their signal), in the same transaction. Pulled sessions (origin set) are never queued.
 * Returns the number of changes queued now (0 when already joined).
 */
export function joinPractice(db: Db): number {
  return db
    .transaction(() => {
      if (getSyncState(db, 'outbox') !== 'off') return 0;
      const before = outboxSize(db);
      const queue = (tbl: string, from: string): void => {
        db.prepare(`INSERT INTO sync_outbox (tbl, row_id, op) SELECT '${tbl}', x.id, 'upsert' FROM ${from} ORDER BY x.id`).run();
      };
      queue('clients', 'clients x');
      for (const t of ['courses', 'goals', 'questionnaire_scores', 'running_log', 'prescriptions']) queue(t, `${t} x`);
      queue('sessions', 'sessions x WHERE x.origin IS NULL');
      queue('signal_chunks', 'signal_chunks x JOIN sessions s ON s.id = x.session_id WHERE s.origin IS NULL');
      queue('beats', 'beats x JOIN sessions s ON s.id = x.session_id WHERE s.origin IS NULL');
      queue('metric_points', 'metric_points x JOIN sessions s ON s.id = x.session_id WHERE s.origin IS NULL');
      queue('pacer_changes', 'pacer_changes x JOIN sessions s ON s.id = x.session_id WHERE s.origin IS NULL');
      queue('markers', 'markers x');
      queue('gaps', 'gaps x JOIN sessions s ON s.id = x.session_id WHERE s.origin IS NULL');
      queue('access_log', 'access_log x');
      setSyncState(db, 'outbox', 'on');
      return outboxSize(db) - before;
    })
    .immediate();
}

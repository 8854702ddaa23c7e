/**
 * `RecordsWatcher` — a cheap change feed over the records database, for the `onRecordsChanged`
 * event. `poll()` (called about once a second) first reads two counters SQLite keeps anyway:
 * `PRAGMA data_version` (changes when ANOTHER connection — e.g. `cadans record` in another
 * process — committed) and `total_changes()` (rows this connection changed). Only when one moved
 * does it look further, with indexed lookups that never scan a table:
 *  - clients and sessions with an id above the last one seen (new);
 *  - the sessions that were `recording` (a handful): ended, interrupted;
 *  - access-log entries above the last one seen that change a record (`create`, `edit`, `record`,
 *    `import`): client details, courses, goals, questionnaires, running log, from any process.
 * No schema change: it reads the tables as they are.
 */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type { RecordsChange } from '../../shared/ipc/recordTypes.js';

interface SessionRow {
  id: number;
  client_id: number;
  status: string;
}

export class RecordsWatcher {
  private dataVersion = -1;
  private totalChanges = -1;
  private maxClientId = 0;
  private maxSessionId = 0;
  private maxLogId = 0;
  /** Sessions seen as `recording`: id → client id. */
  private recording = new Map<number, number>();
  private readonly hasAccessLog: boolean;

  constructor(private readonly db: Db) {
    this.hasAccessLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'access_log'").get() !== undefined;
    this.gatePassed();
    this.maxClientId = this.scalar('SELECT coalesce(max(id), 0) FROM clients');
    this.maxSessionId = this.scalar('SELECT coalesce(max(id), 0) FROM sessions');
    if (this.hasAccessLog) this.maxLogId = this.scalar('SELECT coalesce(max(id), 0) FROM access_log');
    for (const r of this.db.prepare("SELECT id, client_id, status FROM sessions WHERE status = 'recording'").all() as SessionRow[]) this.recording.set(r.id, r.client_id);
  }

  /** What changed since the last call (or since construction); null when nothing did. */
  poll(): RecordsChange | null {
    if (!this.gatePassed()) return null;
    const clients = new Set<number>();
    const sessions = new Set<number>();
    const records = new Set<number>();
    let clientList = false;

    const newClients = this.db.prepare('SELECT id FROM clients WHERE id > ? ORDER BY id').pluck().all(this.maxClientId) as number[];
    for (const id of newClients) clients.add(id);
    if (newClients.length > 0) {
      clientList = true;
      this.maxClientId = newClients[newClients.length - 1]!;
    }

    const newSessions = this.db.prepare('SELECT id, client_id, status FROM sessions WHERE id > ? ORDER BY id').all(this.maxSessionId) as SessionRow[];
    for (const s of newSessions) {
      sessions.add(s.id);
      clients.add(s.client_id);
      if (s.status === 'recording') this.recording.set(s.id, s.client_id);
      this.maxSessionId = s.id;
    }
    if (this.recording.size > 0) {
      const ids = [...this.recording.keys()];
      const rows = this.db.prepare(`SELECT id, client_id, status FROM sessions WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as SessionRow[];
      const still = new Set(rows.filter((r) => r.status === 'recording').map((r) => r.id));
      for (const id of ids) {
        if (still.has(id)) continue;
        sessions.add(id);
        clients.add(this.recording.get(id)!);
        this.recording.delete(id);
      }
    }

    if (this.hasAccessLog) {
      const rows = this.db
        .prepare('SELECT id, client_id, session_id, action, detail FROM access_log WHERE id > ? ORDER BY id')
        .all(this.maxLogId) as { id: number; client_id: number | null; session_id: number | null; action: string; detail: string }[];
      for (const r of rows) {
        this.maxLogId = r.id;
        if (!['create', 'edit', 'record', 'import'].includes(r.action) || r.client_id === null) continue;
        clients.add(r.client_id);
        if (r.session_id !== null) sessions.add(r.session_id);
        else records.add(r.client_id);
        // A client's own details (name, date of birth …: createClient, updateClient) show in the list.
        if (/client/i.test(r.detail)) clientList = true;
      }
    }
    // A new or ended session changes the list's session count and last date.
    if (sessions.size > 0) clientList = true;
    if (clients.size === 0 && sessions.size === 0 && !clientList) return null;
    const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
    return { clientIds: sorted(clients), sessionIds: sorted(sessions), recordClientIds: sorted(records), clientList };
  }

  /** Did either counter move since the last look? (Updates them.) */
  private gatePassed(): boolean {
    const dv = this.db.pragma('data_version', { simple: true }) as number;
    const tc = this.scalar('SELECT total_changes()');
    const moved = dv !== this.dataVersion || tc !== this.totalChanges;
    this.dataVersion = dv;
    this.totalChanges = tc;
    return moved;
  }

  private scalar(sql: string): number {
    return Number(this.db.prepare(sql).pluck().get());
  }
}

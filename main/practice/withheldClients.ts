/**
 * Clients withheld on this workstation (issue 17; SQLite migration 14): each sync asks the
 * practice database (`cadans_may_see`, server schema 4, callable by every therapist) which of the
 * local clients this role may no longer see: restricted to other therapists after this
 * workstation pulled them. Those are marked withheld (hidden here, not deleted:
 * main/storage/withheldClients.ts), and unmarked when this role may see them again. A client that
 * is not on the server (never synced) has no restriction there, so it is never withheld.
 */
import type { PracticeConnection } from '../../native-adapters/pg/practiceConnection.js';
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import { hasWithheldClients } from '../storage/withheldClients.js';

export interface WithheldReport {
  /** Clients withheld here now (all of them, not only the newly withheld). */
  withheld: number;
  /** Newly withheld in this sync. */
  added: number;
  /** Visible again since the last sync. */
  released: number;
}

/** Clients asked about per query. */
const PER_QUERY = 1000;

export async function refreshWithheld(db: Db, conn: PracticeConnection, at = new Date().toISOString()): Promise<WithheldReport> {
  if (!hasWithheldClients(db)) return { withheld: 0, added: 0, released: 0 };
  const local = db.prepare('SELECT id, uuid FROM clients WHERE uuid IS NOT NULL ORDER BY id').all() as { id: number; uuid: string }[];
  const hidden = new Set<string>();
  for (let i = 0; i < local.length; i += PER_QUERY) {
    const part = local.slice(i, i + PER_QUERY).map((c) => c.uuid.toLowerCase());
    const rows = await conn.query<{ u: string }>(
      'SELECT u::text AS u FROM unnest($1::uuid[]) AS u WHERE NOT cadans_may_see(u, current_user)',
      [`{${part.join(',')}}`],
    );
    for (const r of rows) hidden.add(r.u);
  }
  return db
    .transaction((): WithheldReport => {
      const before = new Set((db.prepare('SELECT client_id AS id FROM withheld_clients').all() as { id: number }[]).map((r) => r.id));
      const mark = db.prepare<[number, string]>('INSERT INTO withheld_clients (client_id, withheld_at) VALUES (?, ?) ON CONFLICT (client_id) DO NOTHING');
      const unmark = db.prepare<[number]>('DELETE FROM withheld_clients WHERE client_id = ?');
      let added = 0;
      let released = 0;
      for (const c of local) {
        const now = hidden.has(c.uuid.toLowerCase());
        if (now && !before.has(c.id)) added += mark.run(c.id, at).changes;
        else if (!now && before.has(c.id)) released += unmark.run(c.id).changes;
      }
      return { withheld: before.size + added - released, added, released };
    })
    .immediate();
}

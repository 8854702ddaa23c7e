/**
 * A client restricted to named therapists (issue 17, server schema 4): the practice owner (the
 * role that owns the tables, or a member of cadans_admin) sets or clears the list of therapist
 * roles that may see a client. PostgreSQL enforces it (row-level security); this module only
 * writes the list. Every row of the client then gets a new `seq`, so a therapist who may now see
 * the client pulls all of it (pullChanges skips what a workstation already has).
 */
import { PUSH_LOCK } from '../../native-adapters/pg/serverMigrations.js';
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import { connect, PracticeError, requireSchema } from './practiceSync.js';

export interface RestrictionReport {
  client: { uuid: string; name: string };
  /** The roles that may see the client now (empty: every therapist). */
  therapists: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BY_CLIENT = ['courses', 'goals', 'questionnaire_scores', 'running_log', 'prescriptions', 'sessions'];
const BY_SESSION = ['signal_chunks', 'beats', 'metric_points', 'pacer_changes', 'markers', 'gaps'];

/**
 * Set (`therapists` non-empty) or clear (`therapists` empty) the restriction of `clientRef`: a
 * local client id (needs `db`), a client uuid, or a name (exactly one client on the server).
 */
export async function restrictClient(url: string, db: Db | null, clientRef: string, therapists: readonly string[]): Promise<RestrictionReport> {
  const conn = await connect(url);
  try {
    await requireSchema(conn, url);
    return await conn.transaction(async () => {
      const admin = await conn.query<{ ok: boolean }>(
        `SELECT pg_has_role(current_user, 'cadans_admin', 'MEMBER') OR EXISTS (SELECT 1 FROM pg_class WHERE relname = 'cadans_client_access' AND pg_has_role(current_user, relowner, 'MEMBER')) AS ok`,
      );
      if (!admin[0]?.ok) throw new PracticeError('not-admin', '');
      const client = await findClient(conn, db, clientRef);
      const roles = [...new Set(therapists.map((t) => t.trim()).filter((t) => t.length > 0))];
      for (const role of roles) {
        const r = await conn.query<{ ok: boolean }>(
          "SELECT pg_has_role(rolname, 'cadans_therapist', 'MEMBER') AS ok FROM pg_roles WHERE rolname = $1 AND rolname NOT IN ('cadans_therapist', 'cadans_admin')",
          [role],
        );
        if (!r[0]?.ok) throw new PracticeError('no-therapist', role);
      }
      // Under the push lock: the new seqs commit in order with every push.
      await conn.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
      await conn.query('DELETE FROM cadans_client_access WHERE client_uuid = $1', [client.uuid]);
      for (const role of roles) await conn.query('INSERT INTO cadans_client_access (client_uuid, role_name) VALUES ($1, $2)', [client.uuid, role]);
      const bump = "seq = nextval('cadans_change_seq')";
      await conn.query(`UPDATE clients SET ${bump} WHERE uuid = $1`, [client.uuid]);
      for (const t of BY_CLIENT) await conn.query(`UPDATE ${t} SET ${bump} WHERE client_uuid = $1`, [client.uuid]);
      for (const t of BY_SESSION) {
        await conn.query(`UPDATE ${t} SET ${bump} WHERE session_uuid IN (SELECT uuid FROM sessions WHERE client_uuid = $1)`, [client.uuid]);
      }
      return { client, therapists: roles };
    });
  } finally {
    await conn.close();
  }
}

async function findClient(conn: Awaited<ReturnType<typeof connect>>, db: Db | null, ref: string): Promise<{ uuid: string; name: string }> {
  let uuid: string | null = null;
  if (/^\d+$/.test(ref) && db !== null) {
    const local = db.prepare('SELECT uuid FROM clients WHERE id = ?').get(Number(ref)) as { uuid: string | null } | undefined;
    if (!local?.uuid) throw new PracticeError('no-client', ref);
    uuid = local.uuid;
  } else if (UUID.test(ref)) uuid = ref;
  const rows = uuid
    ? await conn.query<{ uuid: string; name: string }>('SELECT uuid::text AS uuid, name FROM clients WHERE uuid = $1', [uuid])
    : await conn.query<{ uuid: string; name: string }>('SELECT uuid::text AS uuid, name FROM clients WHERE lower(name) = lower($1) ORDER BY name LIMIT 2', [ref.trim()]);
  if (rows.length === 0) throw new PracticeError('no-client', ref);
  if (rows.length > 1) throw new PracticeError('ambiguous-client', ref);
  return rows[0]!;
}

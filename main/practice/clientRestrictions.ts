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
      if (!(await isOwner(conn))) throw new PracticeError('not-admin', '');
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

async function findClient(conn: Conn, db: Db | null, ref: string): Promise<{ uuid: string; name: string }> {
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

type Conn = Awaited<ReturnType<typeof connect>>;

/** Whether this connection's role is the practice owner (owns the tables) or in cadans_admin. */
async function isOwner(conn: Conn): Promise<boolean> {
  const r = await conn.query<{ ok: boolean }>(
    `SELECT pg_has_role(current_user, 'cadans_admin', 'MEMBER') OR EXISTS (SELECT 1 FROM pg_class WHERE relname = 'cadans_client_access' AND pg_has_role(current_user, relowner, 'MEMBER')) AS ok`,
  );
  return r[0]?.ok === true;
}

export interface RestrictionState {
  /** The client is in the practice database. */
  shared: boolean;
  mayRestrict: boolean;
  /** The roles that may see the client (empty: every therapist); null when this role may not read the list. */
  therapists: string[] | null;
  /** The therapist roles to choose from (direct members of cadans_therapist; only for the owner). */
  choices: string[];
}

/** Who may see local client `clientId`, as this workstation's role may know it. */
export async function readRestriction(url: string, db: Db, clientId: number): Promise<RestrictionState> {
  const local = db.prepare('SELECT uuid FROM clients WHERE id = ?').get(clientId) as { uuid: string | null } | undefined;
  if (!local) throw new PracticeError('no-client', String(clientId));
  const conn = await connect(url);
  try {
    await requireSchema(conn, url);
    const owner = await isOwner(conn);
    const shared = local.uuid !== null && (await conn.query('SELECT 1 FROM clients WHERE uuid = $1', [local.uuid])).length > 0;
    if (!owner) return { shared, mayRestrict: false, therapists: null, choices: [] };
    const therapists = shared
      ? (await conn.query<{ r: string }>('SELECT role_name AS r FROM cadans_client_access WHERE client_uuid = $1 ORDER BY role_name', [local.uuid])).map((x) => x.r)
      : [];
    const choices = (
      await conn.query<{ r: string }>(
        `SELECT DISTINCT m.rolname AS r FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
         WHERE g.rolname = 'cadans_therapist' AND m.rolname <> 'cadans_admin' ORDER BY 1`,
      )
    ).map((x) => x.r);
    return { shared, mayRestrict: true, therapists, choices };
  } finally {
    await conn.close();
  }
}

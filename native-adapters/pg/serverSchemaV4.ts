/**
 * Version 4 of the practice database's schema (issue 17: people and rights), after version 3 (the
 * client's nickname).
 *
 * - Each therapist connects with their own PostgreSQL role (the user in CADANS_PRACTICE_DB, or an
 *   app login that `SET ROLE`s to it: CADANS_PRACTICE_ROLE). Two group roles, made here when the
 *   cluster has none yet: `cadans_therapist` (may read and write the records) and `cadans_admin`
 *   (the practice owner: sees every client and may restrict one; a member of cadans_therapist).
 *   A therapist's role is made once by the owner: `CREATE ROLE anna LOGIN IN ROLE cadans_therapist`.
 * - `pushed_by` on every shared table: the role (current_user) that sent the row's last change;
 *   on the access log also `pushed_login` (session_user, the login when that differs). The upserts
 *   set it (main/practice/pushTables.ts); the default covers a first insert.
 * - A client restricted to named therapists: `cadans_client_access` lists the roles that may see a
 *   client (no rows: every therapist may). Row-level security on clients and every table that
 *   belongs to a client (directly by client_uuid, or through its session) hides a restricted
 *   client's records from other therapists, so they never reach their workstation on pull, and
 *   refuses their writes (the workstation keeps the change in its outbox). The access log takes
 *   every entry (nothing logged is lost) but shows a therapist only the entries they may see.
 *   The tables' owner (who ran init) and members of cadans_admin see everything; only they may
 *   change the list (main/practice/clientRestrictions.ts).
 * - Every version of an edited record (the guarded tables of schema 2) is kept in
 *   `cadans_versions` (by seq), so a workstation that sends an edit made while apart finds the
 *   version it started from and merges field by field (main/practice/editConflicts.ts): a field
 *   only one side changed keeps that change, a field both changed keeps the last edit.
 */
import { GUARDED_TABLES } from './serverSchemaV2.js';

/** Every table a workstation writes on the server. */
export const SHARED_TABLES = [
  ...GUARDED_TABLES,
  'sessions',
  'signal_chunks',
  'beats',
  'metric_points',
  'pacer_changes',
  'gaps',
  'access_log',
] as const;

const ROLES = `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cadans_therapist') THEN CREATE ROLE cadans_therapist NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cadans_admin') THEN CREATE ROLE cadans_admin NOLOGIN IN ROLE cadans_therapist; END IF;
END $$;
`;

// Added without a default first: rows sent before version 4 have no known sender (not the role running init).
const PUSHED_BY = SHARED_TABLES.map((t) => `ALTER TABLE ${t} ADD COLUMN pushed_by text;\nALTER TABLE ${t} ALTER COLUMN pushed_by SET DEFAULT current_user;`).join('\n');

const GRANTS = `
GRANT USAGE ON SCHEMA public TO cadans_therapist;
GRANT SELECT ON cadans_schema TO cadans_therapist;
GRANT USAGE, SELECT ON SEQUENCE cadans_change_seq TO cadans_therapist;
GRANT SELECT, INSERT, UPDATE ON ${SHARED_TABLES.filter((t) => t !== 'access_log').join(', ')} TO cadans_therapist;
GRANT SELECT, INSERT ON access_log TO cadans_therapist;
ALTER TABLE access_log ADD COLUMN pushed_login text;
ALTER TABLE access_log ALTER COLUMN pushed_login SET DEFAULT session_user;
-- Who did what from which workstation: the therapist is the role that sent the entry (older entries: the name logged).
CREATE VIEW access_log_by_therapist WITH (security_invoker = true) AS
  SELECT at, action, coalesce(pushed_by, user_name) AS therapist, workstation, user_name, pushed_login, client_uuid, session_uuid, detail, seq
  FROM access_log;
GRANT SELECT ON access_log_by_therapist TO cadans_therapist;
`;

/** Tables with a client_uuid (clients itself: its uuid). */
const BY_CLIENT = ['courses', 'goals', 'questionnaire_scores', 'running_log', 'prescriptions', 'sessions'] as const;
/** Tables that belong to a client through their session. */
const BY_SESSION = ['signal_chunks', 'beats', 'metric_points', 'pacer_changes', 'markers', 'gaps'] as const;

const policy = (table: string, check: string): string => `
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
CREATE POLICY cadans_restricted ON ${table} USING (${check}) WITH CHECK (${check});`;

const RESTRICTIONS = `
CREATE TABLE cadans_client_access (
  client_uuid uuid NOT NULL REFERENCES clients (uuid),
  role_name   text NOT NULL,
  granted_by  text NOT NULL DEFAULT current_user,
  granted_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_uuid, role_name)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON cadans_client_access TO cadans_admin;

-- Whether role \`who\` may see client \`c\`. SECURITY DEFINER: it reads the list and the sessions
-- as their owner (a therapist cannot read the list itself); the policies pass current_user.
CREATE FUNCTION cadans_may_see(c uuid, who name) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c IS NULL
      OR NOT EXISTS (SELECT 1 FROM cadans_client_access a WHERE a.client_uuid = c)
      OR EXISTS (SELECT 1 FROM cadans_client_access a WHERE a.client_uuid = c AND a.role_name = who)
      OR pg_has_role(who, 'cadans_admin', 'MEMBER')
$$;
CREATE FUNCTION cadans_may_see_session(s uuid, who name) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT cadans_may_see((SELECT x.client_uuid FROM sessions x WHERE x.uuid = s), who)
$$;
${policy('clients', 'cadans_may_see(uuid, current_user)')}
${BY_CLIENT.map((t) => policy(t, 'cadans_may_see(client_uuid, current_user)')).join('\n')}
${BY_SESSION.map((t) => policy(t, 'cadans_may_see_session(session_uuid, current_user)')).join('\n')}
ALTER TABLE access_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY cadans_log_read ON access_log FOR SELECT USING (cadans_may_see(client_uuid, current_user));
CREATE POLICY cadans_log_append ON access_log FOR INSERT WITH CHECK (true);
`;

const VERSIONS = `
CREATE TABLE cadans_versions (
  tbl         text NOT NULL,
  uuid        uuid NOT NULL,
  seq         bigint NOT NULL,
  client_uuid uuid,
  row         jsonb NOT NULL,
  PRIMARY KEY (tbl, uuid, seq)
);
CREATE FUNCTION cadans_keep_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE c uuid;
BEGIN
  IF TG_TABLE_NAME = 'clients' THEN c := NEW.uuid;
  ELSIF TG_TABLE_NAME = 'markers' THEN SELECT x.client_uuid INTO c FROM sessions x WHERE x.uuid = NEW.session_uuid;
  ELSE c := NEW.client_uuid;
  END IF;
  INSERT INTO cadans_versions (tbl, uuid, seq, client_uuid, row) VALUES (TG_TABLE_NAME, NEW.uuid, NEW.seq, c, to_jsonb(NEW)) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
${GUARDED_TABLES.map((t) => `CREATE TRIGGER ${t}_versions AFTER INSERT OR UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION cadans_keep_version();`).join('\n')}
ALTER TABLE cadans_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY cadans_restricted ON cadans_versions USING (cadans_may_see(client_uuid, current_user));
GRANT SELECT ON cadans_versions TO cadans_therapist;
`;

export const SERVER_SCHEMA_V4 = `${ROLES}\n${PUSHED_BY}\n${GRANTS}\n${RESTRICTIONS}\n${VERSIONS}`;

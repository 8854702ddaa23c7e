/**
 * Version 5 of the practice database's schema (issue 17), after version 4 (roles and restricted
 * clients).
 *
 * - `cadans_rights`: one row whose `version` goes up with every change of who may see which
 *   client (a statement trigger on `cadans_client_access`). Every therapist may read it: a
 *   workstation that has parked changes (refused by row-level security; its SQLite migration 13)
 *   tries them again as soon as the version differs from the one it last saw
 *   (main/practice/practiceSync.ts). Role memberships (GRANT … TO anna) have no trigger in
 *   PostgreSQL: the workstation also retries every little while.
 * - `cadans_versions` (schema 4: every version of an edited record) is pruned to what conflict
 *   handling needs. A workstation merging an edit made while apart needs, per record, the newest
 *   version at or below its pull cursor (main/practice/editConflicts.ts). Each workstation reports
 *   its cursor after every pull (`cadans_report_cursor`, into `cadans_workstations`);
 *   `cadans_prune_versions` deletes every version older than the newest one at or below the
 *   lowest cursor of the workstations seen in the last `keep_days` (default 90). A workstation
 *   away longer than that merges as before schema 4 (the later edit wins each field that differs).
 *   For `keep_days` after this migration the horizon also stays at the sequence's value when it
 *   was applied: workstations that synced before it have not reported a cursor yet.
 *   Both functions run as the tables' owner (SECURITY DEFINER); therapists may only call them.
 */
export const SERVER_SCHEMA_V5 = `
CREATE TABLE cadans_rights (
  id         boolean PRIMARY KEY DEFAULT true CHECK (id),
  version    bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO cadans_rights DEFAULT VALUES;
GRANT SELECT ON cadans_rights TO cadans_therapist;
CREATE FUNCTION cadans_rights_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE cadans_rights SET version = version + 1, changed_at = now();
  RETURN NULL;
END $$;
CREATE TRIGGER cadans_client_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cadans_client_access
  FOR EACH STATEMENT EXECUTE FUNCTION cadans_rights_changed();

CREATE TABLE cadans_workstations (
  id       text PRIMARY KEY,
  pull_seq bigint NOT NULL,
  seen_at  timestamptz NOT NULL DEFAULT now(),
  seen_as  text NOT NULL DEFAULT session_user
);
CREATE TABLE cadans_version_horizon (
  id            boolean PRIMARY KEY DEFAULT true CHECK (id),
  installed_seq bigint NOT NULL,
  installed_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO cadans_version_horizon (installed_seq) SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM cadans_change_seq;
CREATE INDEX cadans_versions_seq ON cadans_versions (seq);

CREATE FUNCTION cadans_report_cursor(ws text, cursor bigint) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO cadans_workstations (id, pull_seq, seen_at, seen_as) VALUES (ws, cursor, now(), session_user)
  ON CONFLICT (id) DO UPDATE SET pull_seq = EXCLUDED.pull_seq, seen_at = now(), seen_as = EXCLUDED.seen_as
$$;
CREATE FUNCTION cadans_prune_versions(keep_days integer DEFAULT 90) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  horizon bigint;
  h cadans_version_horizon%ROWTYPE;
  n bigint;
BEGIN
  SELECT min(pull_seq) INTO horizon FROM cadans_workstations WHERE seen_at > now() - make_interval(days => keep_days);
  IF horizon IS NULL THEN RETURN 0; END IF;
  SELECT * INTO h FROM cadans_version_horizon;
  IF h.installed_at > now() - make_interval(days => keep_days) THEN horizon := least(horizon, h.installed_seq); END IF;
  DELETE FROM cadans_versions v
   WHERE v.seq < horizon
     AND EXISTS (SELECT 1 FROM cadans_versions w WHERE w.tbl = v.tbl AND w.uuid = v.uuid AND w.seq > v.seq AND w.seq <= horizon);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
REVOKE EXECUTE ON FUNCTION cadans_report_cursor(text, bigint), cadans_prune_versions(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cadans_report_cursor(text, bigint), cadans_prune_versions(integer) TO cadans_therapist;
`;

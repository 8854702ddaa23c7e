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
`;

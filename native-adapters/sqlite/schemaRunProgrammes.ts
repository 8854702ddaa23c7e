/**
 * Migration 9 (issue 15): run/walk programmes of running therapy. One row per programme; its
 * weeks (sessions per week and the editable blocks of a session, shared/running/programme.ts) as
 * checked JSON, since they are always read and edited whole. Only adds a table: a database
 * without it is read as it is (the repository checks for the table).
 */
export const SCHEMA_RUN_PROGRAMMES = `CREATE TABLE IF NOT EXISTS run_programmes (
  id         INTEGER PRIMARY KEY,
  client_id  INTEGER NOT NULL REFERENCES clients (id),
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  start_date TEXT NOT NULL,
  weeks      TEXT NOT NULL CHECK (json_valid(weeks) AND json_type(weeks) = 'array'),
  notes      TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS run_programmes_client ON run_programmes (client_id, start_date, id);`;

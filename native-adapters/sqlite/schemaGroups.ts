/**
 * Group sessions (issue 14): several clients breathe with one shared pacer, one sensor each, and
 * each client's recording is a session of its own in their own record. `session_groups` holds what
 * the group shares (start, end, the pacer at the start); every member session points to its group
 * with `sessions.group_id` (NULL for single sessions, and for every session stored before).
 * Additive only: a database without it is read as it is (SessionsRepo checks for the column).
 */
export const SCHEMA_GROUPS = `CREATE TABLE session_groups (
  id         INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  ended_at   TEXT,
  pacer      TEXT CHECK (pacer IS NULL OR json_valid(pacer)),
  notes      TEXT NOT NULL DEFAULT ''
) STRICT;
ALTER TABLE sessions ADD COLUMN group_id INTEGER REFERENCES session_groups (id);
CREATE INDEX sessions_group ON sessions (group_id, id) WHERE group_id IS NOT NULL;`;

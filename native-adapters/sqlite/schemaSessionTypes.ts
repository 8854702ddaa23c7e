/**
 * Migration 7: the `sessions.type` CHECK also admits 'group' (issue 14), 'home' (issue 16) and
 * 'run' (issue 15). SQLite cannot alter a CHECK, and rebuilding `sessions` would cascade-delete
 * every signal chunk, beat and marker (DROP TABLE is an implicit DELETE with foreign keys on).
 * So the migration uses the procedure SQLite documents for loosening a CHECK without touching the
 * stored rows (https://www.sqlite.org/lang_altertable.html, "making other kinds of table schema
 * changes", the simpler procedure): rewrite the table's text in `sqlite_schema` under
 * `writable_schema`, bump `schema_version`, and verify with `integrity_check`. The new text only
 * widens the list, so every stored row stays valid.
 */
export const SESSION_TYPES_CHECK_V1 = "type             TEXT NOT NULL CHECK (type IN ('breathing', 'biofeedback', 'resonance', 'running'))";
export const SESSION_TYPES_CHECK_V7 =
  "type             TEXT NOT NULL CHECK (type IN ('breathing', 'biofeedback', 'resonance', 'running', 'group', 'home', 'run'))";

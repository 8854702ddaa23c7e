/**
 * Migration 14 (issue 17, practice mode): clients withheld on this workstation. A client this
 * workstation pulled, then restricted on the server to other therapists, is listed here by the
 * next sync (main/practice/withheldClients.ts) and taken off again when this role may see it once
 * more. A withheld client is hidden from the client and session lists and cannot be opened or
 * reported (main/storage/withheldClients.ts); nothing of it is deleted: its records, its signal
 * and its outbox entries stay as they are. A table of its own, not a column on clients: marking a
 * client must not queue a change of it in the outbox (the clients triggers). Older readers ignore
 * it (readCompatible).
 */
export const SCHEMA_WITHHELD = `CREATE TABLE withheld_clients (
  client_id   INTEGER PRIMARY KEY REFERENCES clients (id),
  withheld_at TEXT NOT NULL
) STRICT;`;

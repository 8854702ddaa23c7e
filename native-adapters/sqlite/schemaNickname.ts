/**
 * Migration 12 (issue 14): a nickname a client chooses for the group display (shown there instead
 * of initials; the therapist's "names" toggle still shows full names). A nullable column, so older
 * readers ignore it (readCompatible). It is a synced client column (practice mode, migration 10):
 * the clients' outbox trigger is rebuilt to queue an edit of the nickname too, and the push/pull
 * carry it (main/practice/pushTables.ts, pullChanges.ts; the server's column is pg migration 3).
 */
const QUEUING = "(SELECT value FROM sync_state WHERE key = 'outbox') = 'on'";

export const SCHEMA_NICKNAME = `ALTER TABLE clients ADD COLUMN nickname TEXT CHECK (nickname IS NULL OR length(nickname) BETWEEN 1 AND 100);
DROP TRIGGER IF EXISTS clients_outbox_update;
CREATE TRIGGER clients_outbox_update AFTER UPDATE OF name, date_of_birth, referral_source, complaint, notes, nickname ON clients WHEN ${QUEUING} BEGIN
  INSERT INTO sync_outbox (tbl, row_id, op) VALUES ('clients', NEW.id, 'upsert');
END;`;

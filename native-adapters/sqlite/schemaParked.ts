/**
 * Migration 13 (issue 17, practice mode): a change the practice database refuses (its client is
 * restricted to other therapists: row-level security, server schema 4) is parked in the outbox
 * instead of blocking every change behind it. It stays stored here with why (`parked`, a code:
 * 'restricted') and the client it belongs to (`parked_client`, its uuid: every later change of
 * that client is parked with it, so its changes keep their order); it is tried again when rights
 * may have changed or when asked (main/practice/parkedChanges.ts). Nullable columns: older
 * readers ignore them (readCompatible).
 */
export const SCHEMA_PARKED = `ALTER TABLE sync_outbox ADD COLUMN parked TEXT;
ALTER TABLE sync_outbox ADD COLUMN parked_client TEXT;
ALTER TABLE sync_outbox ADD COLUMN parked_at TEXT;
CREATE INDEX sync_outbox_parked ON sync_outbox (parked_client) WHERE parked IS NOT NULL;`;

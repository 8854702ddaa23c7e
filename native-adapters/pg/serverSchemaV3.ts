/**
 * Version 3 of the practice database's schema (issue 14): the nickname a client chooses for the
 * group display (workstation migration 12). Additive: clients written before have NULL.
 */
export const SERVER_SCHEMA_V3 = 'ALTER TABLE clients ADD COLUMN nickname text;';

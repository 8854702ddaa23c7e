/**
 * Version 2 of the practice database's schema (issue 17: conflicting edits). The records that
 * therapists edit field by field — clients, courses, goals, questionnaire results, running log,
 * prescriptions, markers — get who last edited them, where and when:
 *
 * - `edited_at`: the workstation's time of the edit (ISO 8601 UTC text, the time the change was
 *   queued in its outbox). An upsert replaces the row only when its `edited_at` is not older
 *   than the row's (main/practice/pushTables.ts): of two edits made while apart the last one is
 *   kept, whichever workstation sends first.
 * - `edited_by`, `edited_on`: the user and workstation name of that edit, so the workstation that
 *   finds the conflict can log both versions with who made them (its access-log entry reaches
 *   this server like every other).
 *
 * Additive: rows written under version 1 have NULL here and give way to any edit.
 */
export const GUARDED_TABLES = ['clients', 'courses', 'goals', 'questionnaire_scores', 'running_log', 'prescriptions', 'markers'] as const;

export type GuardedTable = (typeof GUARDED_TABLES)[number];

export const SERVER_SCHEMA_V2 = GUARDED_TABLES.map((t) => `ALTER TABLE ${t} ADD COLUMN edited_at text, ADD COLUMN edited_by text, ADD COLUMN edited_on text;`).join('\n');

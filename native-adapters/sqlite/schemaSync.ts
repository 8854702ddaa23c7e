/**
 * Migration 10 (issue 17, practice mode): what a workstation needs to share its records through
 * a practice database (PostgreSQL) while it keeps recording to this file first.
 *
 * - A globally unique id (`uuid`, UUID v4 text) on the records that are edited or referred to
 *   across workstations: clients, courses, goals, questionnaire results, running log,
 *   prescriptions, sessions, markers, gaps. Every new row gets one from a trigger
 *   (also rows written by code that knows nothing of sync); existing rows get one now. Signal
 *   chunks, beats, metric points and pacer changes are append-only parts of one session recorded
 *   on one workstation: on the server they are keyed by (session uuid, their id on the recording
 *   workstation). Access-log
 *   entries are keyed by their hash (the hash chain makes it unique).
 * - `sessions.origin`: NULL for a session recorded here, else the workstation that recorded it
 *   (a pulled session): its status, end and summary are that workstation's; here only edits of
 *   its notes, client or course are queued.
 * - `sync_outbox`: every change of a synced table, in order, written by triggers in the same
 *   transaction as the change itself, so no change can be made without being queued. The triggers
 *   only queue while `sync_state.outbox` is 'on' (set when the workstation joins a practice, which
 *   queues everything stored before); a workstation without a practice keeps an empty outbox.
 *   While pulled records are applied, `outbox` is 'paused' inside that same transaction, so what
 *   came from the server is not sent back.
 * - `sync_state`: key/value (workstation id, pull cursor, last sync, outbox switch).
 *
 * Additive only: older readers ignore the new columns and tables (readCompatible).
 */
const UUID_V4 = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
  substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;

const QUEUING = "(SELECT value FROM sync_state WHERE key = 'outbox') = 'on'";

/** The tables whose rows carry a uuid (the order is the order existing rows are queued in). */
export const UUID_TABLES = ['clients', 'courses', 'goals', 'questionnaire_scores', 'running_log', 'prescriptions', 'sessions', 'markers', 'gaps'] as const;

function uuidTrigger(table: string): string {
  return `ALTER TABLE ${table} ADD COLUMN uuid TEXT;
UPDATE ${table} SET uuid = ${UUID_V4} WHERE uuid IS NULL;
CREATE UNIQUE INDEX ${table}_uuid ON ${table} (uuid);
CREATE TRIGGER ${table}_uuid_new AFTER INSERT ON ${table} WHEN NEW.uuid IS NULL BEGIN
  UPDATE ${table} SET uuid = ${UUID_V4} WHERE id = NEW.id;
END;`;
}

function queueInsert(table: string): string {
  return `CREATE TRIGGER ${table}_outbox_insert AFTER INSERT ON ${table} WHEN ${QUEUING} BEGIN
  INSERT INTO sync_outbox (tbl, row_id, op) VALUES ('${table}', NEW.id, 'upsert');
END;`;
}

function queueUpdate(table: string, columns: string, when = ''): string {
  return `CREATE TRIGGER ${table}_outbox_update AFTER UPDATE OF ${columns} ON ${table} WHEN ${QUEUING}${when} BEGIN
  INSERT INTO sync_outbox (tbl, row_id, op) VALUES ('${table}', NEW.id, 'upsert');
END;`;
}

function queueDelete(table: string): string {
  return `CREATE TRIGGER ${table}_outbox_delete AFTER DELETE ON ${table} WHEN ${QUEUING} BEGIN
  INSERT INTO sync_outbox (tbl, row_id, op, uuid) VALUES ('${table}', OLD.id, 'delete', OLD.uuid);
END;`;
}

export const SCHEMA_SYNC = `CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
INSERT INTO sync_state (key, value) VALUES ('outbox', 'off'), ('workstation_id', ${UUID_V4});

CREATE TABLE sync_outbox (
  id        INTEGER PRIMARY KEY,
  tbl       TEXT NOT NULL,
  row_id    INTEGER NOT NULL,
  op        TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  uuid      TEXT,
  queued_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

${UUID_TABLES.map(uuidTrigger).join('\n')}
ALTER TABLE sessions ADD COLUMN origin TEXT;

${[...UUID_TABLES, 'signal_chunks', 'beats', 'metric_points', 'pacer_changes', 'access_log'].map(queueInsert).join('\n')}
${queueUpdate('clients', 'name, date_of_birth, referral_source, complaint, notes')}
${queueUpdate('courses', 'start_date, intake_date, mid_evaluation_date, final_evaluation_date, notes')}
${queueUpdate('goals', 'course_id, text, status, set_date, target_date, closed_date')}
${queueUpdate('questionnaire_scores', 'course_id, moment, date, scores, items, notes')}
${queueUpdate('running_log', 'course_id, date, intervals, continuous_run_min, borg, hr_avg_bpm, hr_max_bpm, notes')}
${queueUpdate('prescriptions', 'date, rate_bpm, ratio, inhale_fraction, hold_in_sec, hold_out_sec, minutes, times_per_day, lang')}
${queueUpdate('sessions', 'client_id, course_id, type, sensor_spec, sensor_info, pacer, started_at, ended_at, status, fs_hz, summary, notes', ' AND NEW.origin IS NULL')}
-- A session recorded on another workstation: only what a therapist edits here is queued (its status,
-- end and summary belong to the workstation that recorded it; this one may find it 'recording'
-- without a recorder and mark it interrupted locally).
CREATE TRIGGER sessions_outbox_update_pulled AFTER UPDATE OF client_id, course_id, notes ON sessions
  WHEN ${QUEUING} AND NEW.origin IS NOT NULL BEGIN
  INSERT INTO sync_outbox (tbl, row_id, op) VALUES ('sessions', NEW.id, 'upsert');
END;
${queueUpdate('markers', 't_sec, kind, note')}
${['markers', 'goals', 'questionnaire_scores', 'running_log'].map(queueDelete).join('\n')}`;

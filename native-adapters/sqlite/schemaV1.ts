/**
 * Schema version 1 of the Cadans database (migration 1). STRICT tables; times on the
 * session clock in seconds (`*_sec`), instants as ISO 8601 UTC text, calendar dates as
 * `YYYY-MM-DD` text, JSON in TEXT columns checked with `json_valid`.
 *
 * Deletion policy: clients, courses and sessions that others refer to cannot be deleted
 * implicitly (no cascade from clients/courses); deleting a session deletes its data.
 * `(course_id, client_id)` foreign keys make sure a course belongs to the same client.
 *
 * Session counters (`samples`, `beats`, signal/beat spans, `last_write_at`) are kept by triggers on insert,
 * so listing sessions never scans the signal. Chunks and beats are append-only (no
 * update/delete path in the API), so the counters stay exact.
 */
export const SCHEMA_V1 = `
CREATE TABLE app_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
INSERT INTO app_meta (key, value) VALUES
  ('application', 'cadans'),
  ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

CREATE TABLE clients (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
  date_of_birth   TEXT,
  referral_source TEXT,
  complaint       TEXT,
  notes           TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX clients_name ON clients (name COLLATE NOCASE);

CREATE TABLE courses (
  id                    INTEGER PRIMARY KEY,
  client_id             INTEGER NOT NULL REFERENCES clients (id),
  start_date            TEXT NOT NULL,
  intake_date           TEXT,
  mid_evaluation_date   TEXT,
  final_evaluation_date TEXT,
  notes                 TEXT NOT NULL DEFAULT '',
  created_at            TEXT NOT NULL,
  UNIQUE (id, client_id)
) STRICT;
CREATE INDEX courses_client ON courses (client_id, start_date);

CREATE TABLE goals (
  id          INTEGER PRIMARY KEY,
  client_id   INTEGER NOT NULL REFERENCES clients (id),
  course_id   INTEGER,
  text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'achieved', 'dropped')),
  set_date    TEXT NOT NULL,
  target_date TEXT,
  closed_date TEXT,
  created_at  TEXT NOT NULL,
  FOREIGN KEY (course_id, client_id) REFERENCES courses (id, client_id)
) STRICT;
CREATE INDEX goals_client ON goals (client_id, set_date);
CREATE INDEX goals_course ON goals (course_id) WHERE course_id IS NOT NULL;

CREATE TABLE sessions (
  id               INTEGER PRIMARY KEY,
  client_id        INTEGER NOT NULL REFERENCES clients (id),
  course_id        INTEGER,
  type             TEXT NOT NULL CHECK (type IN ('breathing', 'biofeedback', 'resonance', 'running')),
  sensor_spec      TEXT NOT NULL DEFAULT '',
  sensor_info      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(sensor_info)),
  pacer            TEXT CHECK (pacer IS NULL OR json_valid(pacer)),
  started_at       TEXT NOT NULL,
  ended_at         TEXT,
  status           TEXT NOT NULL DEFAULT 'recording' CHECK (status IN ('recording', 'complete', 'interrupted')),
  fs_hz            REAL CHECK (fs_hz IS NULL OR fs_hz > 0),
  summary          TEXT CHECK (summary IS NULL OR json_valid(summary)),
  notes            TEXT NOT NULL DEFAULT '',
  samples          INTEGER NOT NULL DEFAULT 0,
  beats            INTEGER NOT NULL DEFAULT 0,
  signal_start_sec REAL,
  signal_end_sec   REAL,
  beats_start_sec  REAL,
  beats_end_sec    REAL,
  last_write_at    TEXT,
  FOREIGN KEY (course_id, client_id) REFERENCES courses (id, client_id)
) STRICT;
CREATE INDEX sessions_client_started ON sessions (client_id, started_at);
CREATE INDEX sessions_started ON sessions (started_at);
CREATE INDEX sessions_course ON sessions (course_id) WHERE course_id IS NOT NULL;
CREATE INDEX sessions_recording ON sessions (status) WHERE status = 'recording';

CREATE TABLE pacer_changes (
  id         INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  t_sec      REAL NOT NULL,
  settings   TEXT NOT NULL CHECK (json_valid(settings))
) STRICT;
CREATE INDEX pacer_changes_session ON pacer_changes (session_id, t_sec);

-- Raw signal: ~1 s chunks of Float32 little-endian samples; sample i is at t0_sec + i / fs_hz.
CREATE TABLE signal_chunks (
  id         INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  channel    TEXT NOT NULL DEFAULT 'ppg',
  t0_sec     REAL NOT NULL,
  fs_hz      REAL NOT NULL CHECK (fs_hz > 0),
  n          INTEGER NOT NULL CHECK (n > 0),
  data       BLOB NOT NULL CHECK (length(data) = 4 * n)
) STRICT;
CREATE INDEX signal_chunks_session_t0 ON signal_chunks (session_id, channel, t0_sec);

CREATE TRIGGER signal_chunks_counters AFTER INSERT ON signal_chunks BEGIN
  UPDATE sessions SET
    samples = samples + NEW.n,
    last_write_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    signal_start_sec = min(coalesce(signal_start_sec, NEW.t0_sec), NEW.t0_sec),
    signal_end_sec = max(coalesce(signal_end_sec, NEW.t0_sec + NEW.n / NEW.fs_hz), NEW.t0_sec + NEW.n / NEW.fs_hz)
  WHERE id = NEW.session_id;
END;

-- Beats: flags are BeatFlag bits (shared/domain/beatFlags.ts).
CREATE TABLE beats (
  id         INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  t_sec      REAL NOT NULL,
  ibi_ms     REAL,
  quality    REAL,
  flags      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX beats_session_t ON beats (session_id, t_sec);

CREATE TRIGGER beats_counters AFTER INSERT ON beats BEGIN
  UPDATE sessions SET
    beats = beats + 1,
    last_write_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    beats_start_sec = min(coalesce(beats_start_sec, NEW.t_sec - coalesce(NEW.ibi_ms, 0) / 1000.0),
                          NEW.t_sec - coalesce(NEW.ibi_ms, 0) / 1000.0),
    beats_end_sec = max(coalesce(beats_end_sec, NEW.t_sec), NEW.t_sec)
  WHERE id = NEW.session_id;
END;

CREATE TABLE metric_points (
  id         INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  t_sec      REAL NOT NULL,
  value      REAL
) STRICT;
CREATE INDEX metric_points_session ON metric_points (session_id, name, t_sec);

CREATE TABLE markers (
  id         INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  t_sec      REAL NOT NULL,
  kind       TEXT NOT NULL DEFAULT 'note',
  note       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX markers_session ON markers (session_id, t_sec);

CREATE TABLE gaps (
  id         INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  start_sec  REAL NOT NULL,
  end_sec    REAL NOT NULL CHECK (end_sec >= start_sec),
  reason     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX gaps_session ON gaps (session_id, start_sec);

CREATE TABLE questionnaire_scores (
  id         INTEGER PRIMARY KEY,
  client_id  INTEGER NOT NULL REFERENCES clients (id),
  course_id  INTEGER,
  instrument TEXT NOT NULL CHECK (instrument IN ('4dkl', 'mvi', 'nq')),
  moment     TEXT NOT NULL,
  date       TEXT NOT NULL,
  scores     TEXT NOT NULL CHECK (json_valid(scores)),
  notes      TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  FOREIGN KEY (course_id, client_id) REFERENCES courses (id, client_id)
) STRICT;
CREATE INDEX questionnaire_scores_client ON questionnaire_scores (client_id, instrument, date);

CREATE TABLE running_log (
  id                 INTEGER PRIMARY KEY,
  client_id          INTEGER NOT NULL REFERENCES clients (id),
  course_id          INTEGER,
  date               TEXT NOT NULL,
  intervals          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(intervals)),
  continuous_run_min REAL CHECK (continuous_run_min IS NULL OR continuous_run_min >= 0),
  borg               INTEGER CHECK (borg IS NULL OR borg BETWEEN 6 AND 20),
  hr_avg_bpm         REAL CHECK (hr_avg_bpm IS NULL OR hr_avg_bpm BETWEEN 30 AND 230),
  hr_max_bpm         REAL CHECK (hr_max_bpm IS NULL OR hr_max_bpm BETWEEN 30 AND 230),
  notes              TEXT NOT NULL DEFAULT '',
  created_at         TEXT NOT NULL,
  FOREIGN KEY (course_id, client_id) REFERENCES courses (id, client_id)
) STRICT;
CREATE INDEX running_log_client ON running_log (client_id, date);
`;

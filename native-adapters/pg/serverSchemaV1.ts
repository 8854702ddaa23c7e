/**
 * Version 1 of the practice database's schema (PostgreSQL, issue 17). Every record is keyed by a
 * globally unique id, so a workstation that resends (after a lost connection, a killed push)
 * never duplicates: clients, courses, goals, questionnaire results, running-log entries,
 * prescriptions, sessions, markers and gaps by their uuid; signal chunks, beats, metric
 * points and pacer changes by (session uuid, their id on the recording workstation); access-log entries by their hash.
 *
 * `seq` (one sequence for all tables) orders the changes: a row gets a new `seq` whenever it is
 * written or changed, and workstations pull what has a `seq` above their cursor. Pushes hold a
 * transaction-level advisory lock (see PUSH_LOCK), so a higher `seq` is never committed before a
 * lower one and a reader's cursor skips nothing. `origin` is the workstation that last wrote the
 * row (a workstation does not pull its own writes back).
 *
 * JSON fields (sensor info, pacer, summary) are kept as the text the workstation wrote (jsonb
 * would reorder keys); times are the workstation's ISO 8601 text and session-clock seconds.
 */
export const SERVER_SCHEMA_V1 = `
CREATE SEQUENCE cadans_change_seq;

CREATE TABLE clients (
  uuid            uuid PRIMARY KEY,
  name            text NOT NULL CHECK (length(trim(name)) > 0),
  date_of_birth   text,
  referral_source text,
  complaint       text,
  notes           text NOT NULL DEFAULT '',
  created_at      text NOT NULL,
  origin          text NOT NULL,
  seq             bigint NOT NULL DEFAULT nextval('cadans_change_seq'),
  written_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX clients_seq ON clients (seq);
CREATE INDEX clients_name ON clients (lower(name));

-- The client record: courses, goals, questionnaire results, running log, prescriptions. An edit
-- replaces the row (new seq); a deletion keeps the row as deleted, so other workstations delete theirs.
CREATE TABLE courses (
  uuid                  uuid PRIMARY KEY,
  client_uuid           uuid NOT NULL REFERENCES clients (uuid),
  start_date            text NOT NULL,
  intake_date           text,
  mid_evaluation_date   text,
  final_evaluation_date text,
  notes                 text NOT NULL DEFAULT '',
  created_at            text NOT NULL,
  deleted               boolean NOT NULL DEFAULT false,
  origin                text NOT NULL,
  seq                   bigint NOT NULL DEFAULT nextval('cadans_change_seq')
);
CREATE INDEX courses_seq ON courses (seq);
CREATE INDEX courses_client ON courses (client_uuid, start_date);

CREATE TABLE goals (
  uuid        uuid PRIMARY KEY,
  client_uuid uuid NOT NULL REFERENCES clients (uuid),
  course_uuid uuid REFERENCES courses (uuid),
  text        text NOT NULL,
  status      text NOT NULL,
  set_date    text NOT NULL,
  target_date text,
  closed_date text,
  created_at  text NOT NULL,
  deleted     boolean NOT NULL DEFAULT false,
  origin      text NOT NULL,
  seq         bigint NOT NULL DEFAULT nextval('cadans_change_seq')
);
CREATE INDEX goals_seq ON goals (seq);
CREATE INDEX goals_client ON goals (client_uuid, set_date);

CREATE TABLE questionnaire_scores (
  uuid        uuid PRIMARY KEY,
  client_uuid uuid NOT NULL REFERENCES clients (uuid),
  course_uuid uuid REFERENCES courses (uuid),
  instrument  text NOT NULL,
  moment      text NOT NULL,
  date        text NOT NULL,
  scores      text NOT NULL,
  items       text,
  notes       text NOT NULL DEFAULT '',
  created_at  text NOT NULL,
  deleted     boolean NOT NULL DEFAULT false,
  origin      text NOT NULL,
  seq         bigint NOT NULL DEFAULT nextval('cadans_change_seq')
);
CREATE INDEX questionnaire_scores_seq ON questionnaire_scores (seq);
CREATE INDEX questionnaire_scores_client ON questionnaire_scores (client_uuid, instrument, date);

CREATE TABLE running_log (
  uuid               uuid PRIMARY KEY,
  client_uuid        uuid NOT NULL REFERENCES clients (uuid),
  course_uuid        uuid REFERENCES courses (uuid),
  date               text NOT NULL,
  intervals          text NOT NULL DEFAULT '[]',
  continuous_run_min double precision,
  borg               integer,
  hr_avg_bpm         double precision,
  hr_max_bpm         double precision,
  notes              text NOT NULL DEFAULT '',
  created_at         text NOT NULL,
  deleted            boolean NOT NULL DEFAULT false,
  origin             text NOT NULL,
  seq                bigint NOT NULL DEFAULT nextval('cadans_change_seq')
);
CREATE INDEX running_log_seq ON running_log (seq);
CREATE INDEX running_log_client ON running_log (client_uuid, date);

CREATE TABLE prescriptions (
  uuid            uuid PRIMARY KEY,
  client_uuid     uuid NOT NULL REFERENCES clients (uuid),
  date            text NOT NULL,
  rate_bpm        double precision NOT NULL,
  ratio           text NOT NULL,
  inhale_fraction double precision NOT NULL,
  hold_in_sec     double precision NOT NULL DEFAULT 0,
  hold_out_sec    double precision NOT NULL DEFAULT 0,
  minutes         double precision NOT NULL,
  times_per_day   integer NOT NULL,
  lang            text NOT NULL,
  created_at      text NOT NULL,
  deleted         boolean NOT NULL DEFAULT false,
  origin          text NOT NULL,
  seq             bigint NOT NULL DEFAULT nextval('cadans_change_seq')
);
CREATE INDEX prescriptions_seq ON prescriptions (seq);
CREATE INDEX prescriptions_client ON prescriptions (client_uuid, date);

CREATE TABLE sessions (
  uuid        uuid PRIMARY KEY,
  client_uuid uuid NOT NULL REFERENCES clients (uuid),
  course_uuid uuid REFERENCES courses (uuid),
  type        text NOT NULL,
  sensor_spec text NOT NULL DEFAULT '',
  sensor_info text NOT NULL DEFAULT '{}',
  pacer       text,
  started_at  text NOT NULL,
  ended_at    text,
  status      text NOT NULL CHECK (status IN ('recording', 'complete', 'interrupted')),
  fs_hz       double precision,
  summary     text,
  notes       text NOT NULL DEFAULT '',
  recorded_by text NOT NULL,
  origin      text NOT NULL,
  seq         bigint NOT NULL DEFAULT nextval('cadans_change_seq'),
  written_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_seq ON sessions (seq);
CREATE INDEX sessions_client_started ON sessions (client_uuid, started_at);

CREATE TABLE signal_chunks (
  session_uuid uuid NOT NULL REFERENCES sessions (uuid),
  source_id    bigint NOT NULL,
  channel      text NOT NULL,
  t0_sec       double precision NOT NULL,
  fs_hz        double precision NOT NULL CHECK (fs_hz > 0),
  n            integer NOT NULL CHECK (n > 0),
  data         bytea NOT NULL CHECK (length(data) = 4 * n),
  crc32        bigint,
  origin       text NOT NULL,
  seq          bigint NOT NULL DEFAULT nextval('cadans_change_seq'),
  PRIMARY KEY (session_uuid, source_id)
);
CREATE INDEX signal_chunks_seq ON signal_chunks (seq);

CREATE TABLE beats (
  session_uuid uuid NOT NULL REFERENCES sessions (uuid),
  source_id    bigint NOT NULL,
  t_sec        double precision NOT NULL,
  ibi_ms       double precision,
  quality      double precision,
  flags        integer NOT NULL DEFAULT 0,
  origin       text NOT NULL,
  seq          bigint NOT NULL DEFAULT nextval('cadans_change_seq'),
  PRIMARY KEY (session_uuid, source_id)
);
CREATE INDEX beats_seq ON beats (seq);

CREATE TABLE metric_points (
  session_uuid uuid NOT NULL REFERENCES sessions (uuid),
  source_id    bigint NOT NULL,
  name         text NOT NULL,
  t_sec        double precision NOT NULL,
  value        double precision,
  origin       text NOT NULL,
  seq          bigint NOT NULL DEFAULT nextval('cadans_change_seq'),
  PRIMARY KEY (session_uuid, source_id)
);
CREATE INDEX metric_points_seq ON metric_points (seq);

CREATE TABLE pacer_changes (
  session_uuid uuid NOT NULL REFERENCES sessions (uuid),
  source_id    bigint NOT NULL,
  t_sec        double precision NOT NULL,
  settings     text NOT NULL,
  origin       text NOT NULL,
  seq          bigint NOT NULL DEFAULT nextval('cadans_change_seq'),
  PRIMARY KEY (session_uuid, source_id)
);
CREATE INDEX pacer_changes_seq ON pacer_changes (seq);

CREATE TABLE markers (
  uuid         uuid PRIMARY KEY,
  session_uuid uuid NOT NULL REFERENCES sessions (uuid),
  t_sec        double precision NOT NULL,
  kind         text NOT NULL DEFAULT 'note',
  note         text NOT NULL DEFAULT '',
  deleted      boolean NOT NULL DEFAULT false,
  origin       text NOT NULL,
  seq          bigint NOT NULL DEFAULT nextval('cadans_change_seq')
);
CREATE INDEX markers_seq ON markers (seq);

CREATE TABLE gaps (
  uuid         uuid PRIMARY KEY,
  session_uuid uuid NOT NULL REFERENCES sessions (uuid),
  start_sec    double precision NOT NULL,
  end_sec      double precision NOT NULL CHECK (end_sec >= start_sec),
  reason       text NOT NULL DEFAULT '',
  origin       text NOT NULL,
  seq          bigint NOT NULL DEFAULT nextval('cadans_change_seq')
);
CREATE INDEX gaps_seq ON gaps (seq);

-- Every workstation's access log (NEN 7513), append-only; each entry keeps its workstation's hash chain.
CREATE TABLE access_log (
  hash         text PRIMARY KEY,
  prev_hash    text NOT NULL,
  source_id    bigint NOT NULL,
  at           text NOT NULL,
  action       text NOT NULL,
  client_uuid  uuid,
  session_uuid uuid,
  user_name    text NOT NULL,
  workstation  text NOT NULL,
  detail       text NOT NULL DEFAULT '',
  origin       text NOT NULL,
  seq          bigint NOT NULL DEFAULT nextval('cadans_change_seq')
);
CREATE INDEX access_log_client ON access_log (client_uuid, at);
CREATE FUNCTION cadans_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the access log is append-only'; END $$;
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION cadans_refuse_change();
`;

/**
 * Numbered schema migrations. Migration `i` (1-based `version`) brings the database from
 * `version - 1` to `version`; `PRAGMA user_version` records the applied version. All
 * pending migrations run in ONE transaction on open: either the database reaches
 * `SCHEMA_VERSION` or nothing changes. Never edit a released migration; append a new one.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

import { SCHEMA_CLIENT_SENSORS } from './schemaClientSensors.js';
import { SCHEMA_GROUPS } from './schemaGroups.js';
import { SCHEMA_NICKNAME } from './schemaNickname.js';
import { SCHEMA_PARKED } from './schemaParked.js';
import { SCHEMA_RUN_PROGRAMMES } from './schemaRunProgrammes.js';
import { SESSION_TYPES_CHECK_V1, SESSION_TYPES_CHECK_V7 } from './schemaSessionTypes.js';
import { SCHEMA_SYNC } from './schemaSync.js';
import { SCHEMA_V1 } from './schemaV1.js';
import { SCHEMA_WITHHELD } from './schemaWithheld.js';

export interface Migration {
  version: number;
  description: string;
  sql: string;
  /** A step SQL text cannot express (run after `sql`, inside the same transaction). */
  apply?: (db: Database.Database) => void;
  /**
   * The migration only adds what older readers do not need (a nullable column): a database
   * still without it can be opened read-only by this build as it is (a full disk must not
   * stop reading). Writing connections always migrate first.
   */
  readCompatible?: boolean;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'clients, courses, goals, sessions, signal, beats, metrics, questionnaires, running log', sql: SCHEMA_V1 },
  {
    version: 2,
    description: 'a CRC-32 checksum per signal chunk (NULL for chunks stored before)',
    // Written by SignalRepo.appendChunk; checked by backup and restore (checksums.ts).
    sql: 'ALTER TABLE signal_chunks ADD COLUMN crc32 INTEGER;',
    readCompatible: true,
  },
  {
    version: 3,
    description: 'access log (NEN 7513): who opened, exported, reported or changed which client record; append-only, hash-chained',
    // Written by AccessLogRepo (main/storage/accessLogRepo.ts); never holds signal data.
    sql: `CREATE TABLE access_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  client_id INTEGER,
  session_id INTEGER,
  user TEXT NOT NULL,
  workstation TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX access_log_client ON access_log(client_id, id);
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;`,
    readCompatible: true,
  },
  {
    version: 4,
    description: 'questionnaire answers per item; record history: the before/after of every edited or deleted questionnaire, goal, running-log entry or marker',
    // items: written by QuestionnairesRepo (entry by item); record_history: RecordHistoryRepo
    // (main/storage/recordHistoryRepo.ts), append-only like the access log. Both only add: a
    // database without them is read as it is (the repositories check for the column/table).
    sql: `ALTER TABLE questionnaire_scores ADD COLUMN items TEXT CHECK (items IS NULL OR json_valid(items));
CREATE TABLE record_history (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  action    TEXT NOT NULL CHECK (action IN ('edit', 'delete')),
  record    TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  client_id INTEGER,
  session_id INTEGER,
  before    TEXT NOT NULL CHECK (json_valid(before)),
  after     TEXT CHECK (after IS NULL OR json_valid(after))
) STRICT;
CREATE INDEX record_history_record ON record_history (record, record_id, id);
CREATE INDEX record_history_client ON record_history (client_id, id);
CREATE TRIGGER record_history_no_update BEFORE UPDATE ON record_history BEGIN SELECT RAISE(ABORT, 'the record history is append-only'); END;
CREATE TRIGGER record_history_no_delete BEFORE DELETE ON record_history BEGIN SELECT RAISE(ABORT, 'the record history is append-only'); END;`,
    readCompatible: true,
  },
  {
    version: 5,
    description: 'home-practice prescriptions: rate, in:out ratio, holds, minutes and times per day, handout language',
    // Written by PrescriptionsRepo (main/storage/prescriptionsRepo.ts); only adds a table: a
    // database without it is read as it is (the repository checks for the table).
    sql: `CREATE TABLE prescriptions (
  id              INTEGER PRIMARY KEY,
  client_id       INTEGER NOT NULL REFERENCES clients (id),
  date            TEXT NOT NULL,
  rate_bpm        REAL NOT NULL CHECK (rate_bpm >= 3 AND rate_bpm <= 12),
  ratio           TEXT NOT NULL,
  inhale_fraction REAL NOT NULL CHECK (inhale_fraction >= 0.1 AND inhale_fraction <= 0.9),
  hold_in_sec     REAL NOT NULL DEFAULT 0 CHECK (hold_in_sec >= 0),
  hold_out_sec    REAL NOT NULL DEFAULT 0 CHECK (hold_out_sec >= 0),
  minutes         REAL NOT NULL CHECK (minutes > 0),
  times_per_day   INTEGER NOT NULL CHECK (times_per_day >= 1),
  lang            TEXT NOT NULL CHECK (lang IN ('nl', 'en')),
  created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX prescriptions_client ON prescriptions (client_id, date, id);`,
    readCompatible: true,
  },
  {
    // Group sessions (issue 14): the SQL is in schemaGroups.ts.
    version: 6,
    description: 'group sessions: session_groups (one shared pacer, several clients) and a nullable sessions.group_id',
    sql: SCHEMA_GROUPS,
    readCompatible: true,
  },
  {
    // The SQL and its reasoning are in schemaSessionTypes.ts.
    version: 7,
    description: "sessions.type also admits 'group', 'home' and 'run'",
    sql: '',
    apply: widenSessionTypes,
    readCompatible: true,
  },
  {
    // Remembered sensor per client (issue 14): the SQL is in schemaClientSensors.ts.
    version: 8,
    description: 'client_sensors: the sensor each client last recorded with (assigned again in the group set-up)',
    sql: SCHEMA_CLIENT_SENSORS,
    readCompatible: true,
  },
  {
    // Run/walk programmes (issue 15): the SQL is in schemaRunProgrammes.ts.
    version: 9,
    description: 'run/walk programmes of running therapy: run_programmes (weeks with their blocks as JSON)',
    sql: SCHEMA_RUN_PROGRAMMES,
    readCompatible: true,
  },
  {
    // Practice mode (issue 17): the SQL and its reasoning are in schemaSync.ts.
    version: 10,
    description: 'practice mode: a uuid per shared record, sessions.origin, the sync outbox (queued by triggers) and sync state',
    sql: SCHEMA_SYNC,
    readCompatible: true,
  },
  {
    // Practice mode, conflicting edits (issue 17): a push reads each edited row's newest outbox
    // entry (its edit time, main/practice/pushTables.ts); without this index that scans the outbox per row.
    version: 11,
    description: 'practice mode: index of the sync outbox by table and row (the edit time of a row)',
    sql: 'CREATE INDEX sync_outbox_row ON sync_outbox (tbl, row_id);',
    readCompatible: true,
  },
  {
    // Group sessions (issue 14): the nickname shown on the group display; the SQL is in schemaNickname.ts.
    version: 12,
    description: 'clients.nickname: the name a client chooses for the group display (synced in practice mode)',
    sql: SCHEMA_NICKNAME,
    readCompatible: true,
  },
  {
    // Practice mode (issue 17): a change the server refuses is parked, not blocking; see schemaParked.ts.
    version: 13,
    description: 'practice mode: refused changes parked in the sync outbox (why, their client, since when)',
    sql: SCHEMA_PARKED,
    readCompatible: true,
  },
  {
    // Practice mode (issue 17): clients restricted on the server to other therapists after this
    // workstation pulled them are withheld here, not deleted; see schemaWithheld.ts.
    version: 14,
    description: 'practice mode: clients withheld on this workstation (restricted to other therapists in the practice)',
    sql: SCHEMA_WITHHELD,
    readCompatible: true,
  },
];

/** Migration 7: rewrite the sessions CHECK in place (see schemaSessionTypes.ts for why and how). */
function widenSessionTypes(db: Database.Database): void {
  const row = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'sessions'").get() as { sql: string } | undefined;
  if (!row) throw new Error('no sessions table');
  if (row.sql.includes(SESSION_TYPES_CHECK_V7)) return;
  if (!row.sql.includes(SESSION_TYPES_CHECK_V1)) throw new Error('the sessions table has an unexpected type CHECK');
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'sessions'").run(
      row.sql.replace(SESSION_TYPES_CHECK_V1, SESSION_TYPES_CHECK_V7),
    );
    db.pragma(`schema_version = ${version + 1}`);
    db.pragma('writable_schema = OFF');
  } finally {
    db.unsafeMode(false);
  }
  const check = db.pragma('integrity_check', { simple: true });
  if (check !== 'ok') throw new Error(`integrity check after widening sessions.type: ${String(check)}`);
}

/** Schema version this build writes and understands. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Whether a database at `version` can be read by this build without migrating it (see `Migration.readCompatible`). */
export function readableWithoutUpgrade(version: number, migrations: readonly Migration[] = MIGRATIONS): boolean {
  return version >= 1 && migrations.filter((m) => m.version > version).every((m) => m.readCompatible === true);
}

/** Tables that hold bulk recording data (skipped by the 'records' open check). */
export const BULK_TABLES: readonly string[] = ['signal_chunks', 'beats', 'metric_points'];

export interface MigrationReport {
  from: number;
  to: number;
  applied: number[];
}

/**
 * Apply the migrations above the database's `user_version`, all in one immediate
 * transaction. `migrations` is a parameter for tests; they must be numbered 1..n.
 */
export function runMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): MigrationReport {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration #${i} has version ${m.version}; expected ${i + 1}`);
  });
  const from = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, applied: [] };
  db.transaction(() => {
    for (const m of pending) {
      try {
        if (m.sql !== '') db.exec(m.sql);
        m.apply?.(db);
      } catch (e) {
        throw new Error(`database migration ${m.version} (${m.description}) failed: ${(e as Error).message}`, { cause: e });
      }
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  const to = pending[pending.length - 1].version;
  return { from, to, applied: pending.map((m) => m.version) };
}

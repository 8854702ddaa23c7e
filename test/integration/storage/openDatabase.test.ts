// openDatabase on real SQLite files: migrations, pragmas, foreign keys, and refusing
// damaged, cut-off, foreign and too-new files without changing them.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  checkDatabase,
  closeDatabase,
  databaseInfo,
  DatabaseFileError,
  MIGRATIONS,
  openDatabase,
  SCHEMA_VERSION,
} from '../../../native-adapters/sqlite/openDatabase.js';
import { runMigrations, type Migration } from '../../../native-adapters/sqlite/migrations.js';
import {
  damagePage,
  listDir,
  makeForeignDatabase,
  makeSampleDatabase,
  makeTempDir,
  removeTempDirs,
  rootPage,
  snapshot,
} from './storageTestUtils.js';

after(removeTempDirs);

/** Assert that opening `file` fails with `problem`, and that the folder and file bytes are unchanged. */
function assertRefused(file: string, problem: string, messagePart: RegExp): DatabaseFileError {
  const dir = join(file, '..');
  const before = snapshot(file);
  const filesBefore = listDir(dir);
  let caught: unknown;
  try {
    closeDatabase(openDatabase(file));
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof DatabaseFileError, `expected DatabaseFileError, got ${String(caught)}`);
  assert.equal(caught.problem, problem, caught.message);
  assert.match(caught.message, messagePart);
  assert.ok(caught.message.includes(file), 'message names the file');
  assert.deepEqual(snapshot(file), before, 'file bytes unchanged');
  assert.deepEqual(listDir(dir), filesBefore, 'no files added or removed');
  return caught;
}

describe('openDatabase: new database', () => {
  test('creates the schema, records the version and app_meta, enables WAL, FK, NORMAL sync, busy_timeout', () => {
    const dir = makeTempDir();
    const file = join(dir, 'sub', 'cadans.db');
    const db = openDatabase(file, { busyTimeoutMs: 1234 });
    try {
      const info = databaseInfo(db);
      assert.equal(info.schemaVersion, SCHEMA_VERSION);
      assert.equal(info.journalMode, 'wal');
      assert.equal(info.synchronous, 'normal');
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      assert.equal(db.pragma('busy_timeout', { simple: true }), 1234);
      assert.equal(db.prepare("SELECT value FROM app_meta WHERE key = 'application'").pluck().get(), 'cadans');
      const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
      for (const t of ['clients', 'courses', 'goals', 'sessions', 'signal_chunks', 'beats', 'metric_points', 'markers', 'gaps', 'pacer_changes', 'questionnaire_scores', 'running_log']) {
        assert.ok(tables.includes(t), `table ${t}`);
      }
      const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").pluck().all();
      for (const i of ['sessions_client_started', 'signal_chunks_session_t0', 'beats_session_t']) assert.ok(indexes.includes(i), i);
      assert.deepEqual(checkDatabase(db, 'full'), []);
    } finally {
      closeDatabase(db);
    }
  });

  test("synchronous 'full' is applied when asked", () => {
    const db = openDatabase(join(makeTempDir(), 'f.db'), { synchronous: 'full' });
    assert.equal(databaseInfo(db).synchronous, 'full');
    closeDatabase(db);
  });

  test('reopening runs no migration again and keeps data', () => {
    const file = join(makeTempDir(), 'c.db');
    const { clientId } = makeSampleDatabase(file);
    const db = openDatabase(file);
    try {
      assert.deepEqual(runMigrations(db), { from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: [] });
      assert.equal(db.prepare('SELECT name FROM clients WHERE id = ?').pluck().get(clientId), 'Client 0');
    } finally {
      closeDatabase(db);
    }
  });

  test('an empty (0-byte) file is set up as a new database', () => {
    const file = join(makeTempDir(), 'empty.db');
    writeFileSync(file, '');
    const db = openDatabase(file);
    assert.equal(databaseInfo(db).schemaVersion, SCHEMA_VERSION);
    closeDatabase(db);
  });

  test('read-only: a missing file is refused and not created; an existing one opens without writing', () => {
    const dir = makeTempDir();
    const missing = join(dir, 'missing.db');
    assert.throws(() => openDatabase(missing, { readonly: true }), (e: unknown) => e instanceof DatabaseFileError && e.problem === 'not-found');
    assert.throws(() => openDatabase(missing, { mustExist: true }), /does not exist/);
    assert.equal(existsSync(missing), false);
    const file = join(dir, 'c.db');
    makeSampleDatabase(file);
    const db = openDatabase(file, { readonly: true });
    try {
      assert.equal(db.readonly, true);
      assert.equal(db.prepare('SELECT count(*) FROM clients').pluck().get(), 1);
      assert.throws(() => db.exec("INSERT INTO clients (name, created_at) VALUES ('x', 'y')"), /readonly/);
    } finally {
      closeDatabase(db);
    }
  });
});

describe('migrations', () => {
  test('a failing migration rolls back every step of the run (version and tables unchanged)', () => {
    const db = openDatabase(join(makeTempDir(), 'm.db'));
    try {
      const steps: Migration[] = [
        ...MIGRATIONS,
        { version: SCHEMA_VERSION + 1, description: 'adds a table', sql: 'CREATE TABLE extra_one (x INTEGER);' },
        { version: SCHEMA_VERSION + 2, description: 'broken', sql: 'CREATE TABLE extra_two (x INTEGER); SELECT * FROM no_such_table;' },
      ];
      assert.throws(() => runMigrations(db, steps), new RegExp(`migration ${SCHEMA_VERSION + 2} \\(broken\\) failed: no such table`));
      assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      const names = db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'extra_%'").pluck().all();
      assert.deepEqual(names, []);
      const ok = runMigrations(db, steps.slice(0, -1));
      assert.deepEqual(ok, { from: SCHEMA_VERSION, to: SCHEMA_VERSION + 1, applied: [SCHEMA_VERSION + 1] });
      assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION + 1);
    } finally {
      closeDatabase(db);
    }
  });

  test('migrations must be numbered 1..n', () => {
    const db = openDatabase(':memory:');
    assert.throws(() => runMigrations(db, [{ version: 2, description: 'x', sql: '' }]), /expected 1/);
    db.close();
  });
});

describe('foreign keys', () => {
  test('SQLite rejects rows that point to missing parents, and a course of another client', () => {
    const file = join(makeTempDir(), 'fk.db');
    const { clientId } = makeSampleDatabase(file, 2);
    const db = openDatabase(file);
    try {
      const now = new Date().toISOString();
      assert.throws(
        () => db.prepare("INSERT INTO sessions (client_id, type, started_at) VALUES (999, 'breathing', ?)").run(now),
        /FOREIGN KEY constraint failed/,
      );
      assert.throws(
        () => db.prepare('INSERT INTO signal_chunks (session_id, t0_sec, fs_hz, n, data) VALUES (999, 0, 100, 1, ?)').run(Buffer.alloc(4)),
        /FOREIGN KEY constraint failed/,
      );
      assert.throws(() => db.prepare('INSERT INTO beats (session_id, t_sec) VALUES (999, 1)').run(), /FOREIGN KEY/);
      const courseId = Number(
        db.prepare("INSERT INTO courses (client_id, start_date, created_at) VALUES (?, '2024-01-01', ?)").run(clientId, now).lastInsertRowid,
      );
      const other = clientId - 1;
      assert.throws(
        () => db.prepare("INSERT INTO sessions (client_id, course_id, type, started_at) VALUES (?, ?, 'breathing', ?)").run(other, courseId, now),
        /FOREIGN KEY constraint failed/,
      );
      assert.throws(() => db.prepare('DELETE FROM clients WHERE id = ?').run(clientId), /FOREIGN KEY constraint failed/);
    } finally {
      closeDatabase(db);
    }
  });
});

describe('openDatabase refuses unusable files and leaves them unchanged', () => {
  test('random bytes → not-sqlite', () => {
    const file = join(makeTempDir(), 'random.db');
    writeFileSync(file, randomBytes(8192));
    assertRefused(file, 'not-sqlite', /not an SQLite database file/);
  });

  test('a text file → not-sqlite', () => {
    const file = join(makeTempDir(), 'notes.db');
    writeFileSync(file, 'name,date\nAnna,2024-01-01\n');
    assertRefused(file, 'not-sqlite', /not a Cadans database/);
  });

  test('a cut-off database → truncated', () => {
    const file = join(makeTempDir(), 'cut.db');
    makeSampleDatabase(file, 300);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2 / 4096) * 4096));
    assertRefused(file, 'truncated', /cut off/);
  });

  test('a database cut in the middle of a page → truncated', () => {
    const file = join(makeTempDir(), 'cut2.db');
    makeSampleDatabase(file);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 1000));
    assertRefused(file, 'truncated', /not a whole number/);
  });

  test('a damaged table page → corrupt (quick_check), file bytes unchanged', () => {
    const file = join(makeTempDir(), 'bad.db');
    makeSampleDatabase(file, 300);
    const { page, pageSize } = rootPage(file, 'clients');
    damagePage(file, page, pageSize);
    const e = assertRefused(file, 'corrupt', /damaged/);
    assert.match(e.message, /Restore it from a backup/);
  });

  test("a damaged page is also found by the 'records' check", () => {
    const file = join(makeTempDir(), 'bad2.db');
    makeSampleDatabase(file, 300);
    const { page, pageSize } = rootPage(file, 'sessions');
    damagePage(file, page, pageSize);
    const before = snapshot(file);
    assert.throws(() => openDatabase(file, { check: 'records' }), (e: unknown) => e instanceof DatabaseFileError && e.problem === 'corrupt');
    assert.deepEqual(snapshot(file), before);
  });

  test('a damaged schema page (page 1) → corrupt', () => {
    const file = join(makeTempDir(), 'bad3.db');
    makeSampleDatabase(file);
    const bytes = readFileSync(file);
    for (let i = 100; i < 4096; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(file, bytes);
    assertRefused(file, 'corrupt', /damaged/);
  });

  test('another application\'s SQLite database → foreign', () => {
    const file = join(makeTempDir(), 'other.db');
    makeForeignDatabase(file);
    const e = assertRefused(file, 'foreign', /another application/);
    assert.match(e.message, /patients/);
  });

  test('an app_meta naming another application → foreign', () => {
    const file = join(makeTempDir(), 'other2.db');
    makeForeignDatabase(file, 'someapp');
    assertRefused(file, 'foreign', /belongs to "someapp"/);
  });

  test('a database made by a newer Cadans → too-new', () => {
    const file = join(makeTempDir(), 'newer.db');
    makeSampleDatabase(file);
    const db = openDatabase(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    closeDatabase(db);
    assertRefused(file, 'too-new', new RegExp(`newer Cadans \\(database version ${SCHEMA_VERSION + 5}`));
  });

  test('a folder instead of a file → not-sqlite', () => {
    const dir = makeTempDir();
    assert.throws(() => openDatabase(dir), (e: unknown) => e instanceof DatabaseFileError && e.problem === 'not-sqlite');
  });
});

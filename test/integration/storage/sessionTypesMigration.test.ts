import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../native-adapters/sqlite/migrations.js';
import { closeDatabase, openDatabase } from '../../../native-adapters/sqlite/openDatabase.js';
import { SESSION_TYPES_CHECK_V1, SESSION_TYPES_CHECK_V7 } from '../../../native-adapters/sqlite/schemaSessionTypes.js';
import { openStorage } from '../../../main/storage/storage.js';
import { makeTempDir, removeTempDirs, undoSyncSchema } from './storageTestUtils.js';

after(removeTempDirs);

const WIDEN = MIGRATIONS.findIndex((m) => m.description.includes("'group', 'home' and 'run'"));

describe("migration 7: sessions.type admits 'group', 'home' and 'run'", () => {
  test('a database written before keeps every session, signal chunk and beat, and then takes the new types', () => {
    assert.ok(WIDEN > 0, 'the migration is in the list');
    const file = join(makeTempDir(), 'old.sqlite');
    const raw = openDatabase(file);
    // Put the table text back as the versions before wrote it.
    const sql = (raw.prepare("SELECT sql FROM sqlite_schema WHERE name = 'sessions'").get() as { sql: string }).sql;
    assert.ok(sql.includes(SESSION_TYPES_CHECK_V7));
    const v = raw.pragma('schema_version', { simple: true }) as number;
    raw.unsafeMode(true);
    raw.pragma('writable_schema = ON');
    raw.prepare("UPDATE sqlite_schema SET sql = ? WHERE name = 'sessions'").run(sql.replace(SESSION_TYPES_CHECK_V7, SESSION_TYPES_CHECK_V1));
    raw.pragma(`schema_version = ${v + 1}`);
    raw.pragma('writable_schema = OFF');
    raw.unsafeMode(false);
    closeDatabase(raw);
    const old = openDatabase(file, { readonly: true });
    closeDatabase(old);
    const raw2 = openDatabase(file);
    undoSyncSchema(raw2); // migration 10, after it
    raw2.exec('DROP TABLE client_sensors'); // a later migration's table (8): re-created on upgrade
    raw2.pragma(`user_version = ${WIDEN}`);
    raw2.prepare("INSERT INTO clients (name, created_at) VALUES ('Oud', '2025-01-01T00:00:00.000Z')").run();
    raw2.prepare("INSERT INTO sessions (client_id, type, started_at, status) VALUES (1, 'breathing', '2025-01-01T00:00:00.000Z', 'complete')").run();
    assert.throws(
      () => raw2.prepare("INSERT INTO sessions (client_id, type, started_at) VALUES (1, 'group', '2025-01-01T00:00:00.000Z')").run(),
      /CHECK/,
      'the old CHECK is really back',
    );
    const data = Buffer.from(new Float32Array([1, 2, 3, 4]).buffer);
    raw2.prepare('INSERT INTO signal_chunks (session_id, t0_sec, fs_hz, n, data) VALUES (1, 0, 50, 4, ?)').run(data);
    closeDatabase(raw2);

    const rw = openStorage(file);
    try {
      assert.equal(rw.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.equal(rw.db.pragma('integrity_check', { simple: true }), 'ok');
      const after = (rw.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'sessions'").get() as { sql: string }).sql;
      assert.ok(after.includes(SESSION_TYPES_CHECK_V7));
      assert.deepEqual(rw.sessions.list().map((x) => [x.id, x.type, x.samples]), [[1, 'breathing', 4]], 'the session and its signal are kept');
      const chunk = rw.db.prepare('SELECT n, data FROM signal_chunks WHERE session_id = 1').get() as { n: number; data: Buffer };
      assert.deepEqual([...new Float32Array(chunk.data.buffer, chunk.data.byteOffset, chunk.n)], [1, 2, 3, 4]);
      for (const type of ['group', 'home', 'run'] as const) assert.equal(rw.sessions.create({ clientId: 1, type }).type, type);
      assert.throws(() => rw.db.prepare("INSERT INTO sessions (client_id, type, started_at) VALUES (1, 'bogus', '2025-01-01T00:00:00.000Z')").run(), /CHECK/);
    } finally {
      rw.close();
    }
  });
});

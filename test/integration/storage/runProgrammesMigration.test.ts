// Migration 9 (run/walk programmes) only adds a table: a database from before it is read
// read-only as it is (no programmes listed), and the first writing open adds the table without
// touching what was stored; the table's CHECKs hold.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../native-adapters/sqlite/migrations.js';
import { closeDatabase, openDatabase } from '../../../native-adapters/sqlite/openDatabase.js';
import { SCHEMA_RUN_PROGRAMMES } from '../../../native-adapters/sqlite/schemaRunProgrammes.js';
import { openStorage } from '../../../main/storage/storage.js';
import { makeTempDir, removeTempDirs, undoSyncSchema } from './storageTestUtils.js';

after(removeTempDirs);

const PROGRAMMES = MIGRATIONS.find((m) => m.sql === SCHEMA_RUN_PROGRAMMES)!;

describe('migration 9: run_programmes', () => {
  test('an older database: read-only it lists none; opened to write it gains the table and keeps its data', () => {
    assert.equal(PROGRAMMES.version, 9);
    assert.equal(PROGRAMMES.readCompatible, true);
    const file = join(makeTempDir(), 'before.sqlite');
    const raw = openDatabase(file);
    undoSyncSchema(raw); // migration 10
    raw.exec('DROP TABLE run_programmes');
    raw.pragma(`user_version = ${PROGRAMMES.version - 1}`);
    raw.prepare("INSERT INTO clients (name, created_at) VALUES ('Oud', '2025-01-01T00:00:00.000Z')").run();
    closeDatabase(raw);

    const ro = openStorage(file, { readonly: true });
    try {
      assert.equal(ro.runProgrammes.available, false);
      assert.deepEqual(ro.runProgrammes.listByClient(1), []);
    } finally {
      ro.close();
    }
    const rw = openStorage(file);
    try {
      assert.equal(rw.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.equal(rw.clients.require(1).name, 'Oud');
      const p = rw.runProgrammes.create({ clientId: 1, startDate: '2026-11-02' });
      assert.equal(rw.runProgrammes.require(p.id).weeks.length, 10);
      assert.throws(
        () => rw.db.prepare("INSERT INTO run_programmes (client_id, name, start_date, weeks, created_at, updated_at) VALUES (1, 'x', '2026-01-01', '{}', '', '')").run(),
        /CHECK/,
        'weeks must be a JSON array',
      );
      assert.throws(() => rw.runProgrammes.create({ clientId: 99, startDate: '2026-11-02' }), /99/);
    } finally {
      rw.close();
    }
  });
});

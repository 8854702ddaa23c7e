import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../native-adapters/sqlite/migrations.js';
import { closeDatabase, openDatabase } from '../../../native-adapters/sqlite/openDatabase.js';
import { SCHEMA_GROUPS } from '../../../native-adapters/sqlite/schemaGroups.js';
import { openStorage } from '../../../main/storage/storage.js';
import { NotFoundError } from '../../../shared/domain/validationResult.js';
import { makeTempDir, removeTempDirs, undoSyncSchema } from './storageTestUtils.js';

after(removeTempDirs);

const GROUPS = MIGRATIONS.findIndex((m) => m.sql === SCHEMA_GROUPS);

describe('group sessions in storage (session_groups, sessions.group_id)', () => {
  test('a group with one session per client; single sessions have none; lists filter by group', () => {
    const s = openStorage(join(makeTempDir(), 'db.sqlite'));
    try {
      const [a, b] = ['Anna', 'Bas'].map((name) => s.clients.create({ name }));
      const single = s.sessions.create({ clientId: a!.id, type: 'biofeedback' });
      const g = s.groups.create({ pacer: { rateBpm: 6, inhaleFraction: 0.4 } });
      const sa = s.sessions.create({ clientId: a!.id, type: 'breathing', groupId: g.id });
      const sb = s.sessions.create({ clientId: b!.id, type: 'breathing', groupId: g.id });
      assert.equal(single.groupId, null);
      assert.equal(sa.groupId, g.id);
      assert.deepEqual(s.groups.require(g.id).sessionIds, [sa.id, sb.id]);
      assert.deepEqual(s.groups.require(g.id).pacer, { rateBpm: 6, inhaleFraction: 0.4 });
      assert.deepEqual(s.sessions.list({ groupId: g.id, order: 'oldest' }).map((x) => x.id), [sa.id, sb.id]);
      assert.deepEqual(s.sessions.listByClient(b!.id).map((x) => [x.id, x.groupId]), [[sb.id, g.id]], 'in the client\'s own record');
      assert.equal(s.groups.require(g.id).endedAt, null);
      const ended = s.groups.end(g.id, new Date('2026-01-01T10:00:00Z'));
      assert.equal(ended.endedAt, '2026-01-01T10:00:00.000Z');
      assert.equal(s.groups.end(g.id).endedAt, '2026-01-01T10:00:00.000Z', 'the first end is kept');
      assert.throws(() => s.sessions.create({ clientId: a!.id, type: 'breathing', groupId: 999 }), (e: NotFoundError) => e instanceof NotFoundError && e.entity === 'sessionGroup');
      assert.throws(() => s.sessions.create({ clientId: a!.id, type: 'breathing', groupId: -1 }), /group/i);
    } finally {
      s.close();
    }
  });

  test('additive: a database from before is upgraded with its sessions kept (no group), and is readable read-only as it is', () => {
    assert.ok(GROUPS > 0, 'the group migration is in the list');
    const file = join(makeTempDir(), 'old.sqlite');
    // As the version before wrote it: no group table, no group column.
    const raw = openDatabase(file);
    raw.exec('DROP INDEX sessions_group; ALTER TABLE sessions DROP COLUMN group_id; DROP TABLE session_groups; DROP TABLE client_sensors'); // and migration 8's table
    undoSyncSchema(raw); // migration 10, after it
    raw.pragma(`user_version = ${GROUPS}`);
    raw.prepare("INSERT INTO clients (name, created_at) VALUES ('Oud', '2025-01-01T00:00:00.000Z')").run();
    raw.prepare("INSERT INTO sessions (client_id, type, started_at, status) VALUES (1, 'breathing', '2025-01-01T00:00:00.000Z', 'complete')").run();
    closeDatabase(raw);
    const ro = openStorage(file, { readonly: true });
    try {
      assert.deepEqual(ro.sessions.list().map((x) => [x.id, x.groupId]), [[1, null]], 'read as it is');
      assert.equal(ro.groups.get(1), undefined);
    } finally {
      ro.close();
    }
    const rw = openStorage(file);
    try {
      assert.equal(rw.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.deepEqual(rw.sessions.list().map((x) => [x.id, x.groupId]), [[1, null]]);
      const g = rw.groups.create({ pacer: null });
      assert.equal(rw.sessions.create({ clientId: 1, type: 'breathing', groupId: g.id }).groupId, g.id);
    } finally {
      rw.close();
    }
  });
});

// Migration 13 (practice mode, issue 17): refused changes parked in the sync outbox. An outbox
// written before it keeps every entry (none parked) and is readable read-only as it is; once
// migrated, entries are parked per client with why, listed with their client's name, and put back
// in line in their original order.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { joinPractice, outboxSize } from '../../../main/practice/localSyncState.js';
import { clientUuidsOf, parkedClients, parkedCount, parkedSummary, parkEntries, unparkAll } from '../../../main/practice/parkedChanges.js';
import { openStorage } from '../../../main/storage/storage.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../native-adapters/sqlite/migrations.js';
import { SCHEMA_PARKED } from '../../../native-adapters/sqlite/schemaParked.js';
import { closeDatabase, openDatabase } from '../../../native-adapters/sqlite/openDatabase.js';
import { makeTempDir, removeTempDirs, undoParkedSchema } from './storageTestUtils.js';

after(removeTempDirs);

const PARKED = MIGRATIONS.find((m) => m.sql === SCHEMA_PARKED)!;

describe('migration 13: parked changes in the sync outbox', () => {
  test('an outbox from before: kept whole, readable read-only, nothing parked; migrated on write', () => {
    assert.equal(PARKED.readCompatible, true);
    const file = join(makeTempDir(), 'before.sqlite');
    const s = openStorage(file);
    joinPractice(s.db);
    s.clients.create({ name: 'Sara Jansen' });
    s.clients.create({ name: 'Tom Bakker' });
    const queued = outboxSize(s.db);
    s.close();
    const raw = openDatabase(file);
    undoParkedSchema(raw);
    raw.pragma(`user_version = ${PARKED.version - 1}`);
    closeDatabase(raw);

    const ro = openStorage(file, { readonly: true });
    try {
      assert.equal(outboxSize(ro.db), queued);
      assert.equal(parkedCount(ro.db), 0);
      assert.deepEqual(parkedSummary(ro.db), { count: 0, reason: null, clients: [] });
    } finally {
      ro.close();
    }
    const rw = openStorage(file);
    try {
      assert.equal(rw.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.equal(outboxSize(rw.db), queued);
      assert.equal(parkedCount(rw.db), 0);
    } finally {
      rw.close();
    }
  });

  test('parked per client with why; the summary names the client; unparking keeps the original order', () => {
    const s = openStorage(join(makeTempDir(), 'db.sqlite'));
    try {
      joinPractice(s.db);
      const sara = s.clients.create({ name: 'Sara Jansen' });
      s.clients.create({ name: 'Tom Bakker' });
      s.clients.update(sara.id, { notes: 'belde af' });
      const saraUuid = clientUuidsOf(s.db, 'clients', [sara.id]).get(sara.id)!;
      assert.match(saraUuid, /^[0-9a-f-]{36}$/);
      assert.equal(clientUuidsOf(s.db, 'access_log', [1]).size, 0, 'the access log belongs to no client here: never parked');
      const entries = s.db.prepare("SELECT id FROM sync_outbox WHERE tbl = 'clients' AND row_id = ? ORDER BY id").all(sara.id) as { id: number }[];
      assert.equal(entries.length, 2);
      const before = outboxSize(s.db);
      parkEntries(s.db, entries.map((e) => ({ id: e.id, client: saraUuid, reason: 'restricted' as const })));
      assert.equal(parkedCount(s.db), 2);
      assert.deepEqual([...parkedClients(s.db)], [saraUuid]);
      assert.deepEqual(parkedSummary(s.db), { count: 2, reason: 'restricted', clients: ['Sara Jansen'] });
      const since = (s.db.prepare('SELECT DISTINCT parked_at FROM sync_outbox WHERE parked IS NOT NULL').all() as { parked_at: string }[]).map((r) => r.parked_at);
      assert.equal(since.length, 1);
      assert.equal(unparkAll(s.db), 2);
      assert.equal(parkedCount(s.db), 0);
      const order = (s.db.prepare('SELECT id FROM sync_outbox ORDER BY id').all() as { id: number }[]).map((r) => r.id);
      assert.ok(order.indexOf(entries[0]!.id) < order.indexOf(entries[1]!.id), 'their order is kept');
      assert.equal(outboxSize(s.db), before, 'nothing lost');
    } finally {
      s.close();
    }
  });
});

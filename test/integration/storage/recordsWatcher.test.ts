// The records change feed (`RecordsWatcher`, behind `onRecordsChanged`) on a real database file
// written by two connections, as the app and a `cadans record` in another process do: new
// clients and sessions, a session that ends, a changed client record — from the other connection
// (seen through PRAGMA data_version) and from its own (total_changes()); nothing when nothing changed.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { RecordsWatcher } from '../../../main/storage/recordsWatcher.js';
import { openStorage } from '../../../main/storage/storage.js';
import { makeTempDir, removeTempDirs } from './storageTestUtils.js';

describe('RecordsWatcher', () => {
  after(() => removeTempDirs());

  test('changes by another connection and by its own, each reported once', () => {
    const file = join(makeTempDir('cadans-watch-'), 'records.db');
    const app = openStorage(file);
    const other = openStorage(file);
    try {
      const existing = app.clients.create({ name: 'Bestaand' });
      const watcher = new RecordsWatcher(app.db);
      assert.equal(watcher.poll(), null, 'what existed before is no change');
      assert.equal(watcher.poll(), null);

      // Another process adds a client and starts recording a session for it.
      const anna = other.clients.create({ name: 'Anna' });
      const s = other.sessions.create({ clientId: anna.id, type: 'breathing', sensorSpec: 'sim' });
      assert.deepEqual(watcher.poll(), { clientIds: [anna.id], sessionIds: [s.id], recordClientIds: [], clientList: true });
      assert.equal(watcher.poll(), null);

      // It writes more of the recording: no change of the lists yet …
      other.sessions.setSummary(s.id, { meanHrBpm: 70 });
      assert.equal(watcher.poll(), null, 'a recording session being written is not a list change');
      // … until it ends.
      other.sessions.setStatus(s.id, 'complete', new Date().toISOString());
      assert.deepEqual(watcher.poll(), { clientIds: [anna.id], sessionIds: [s.id], recordClientIds: [], clientList: true });
      assert.equal(watcher.poll(), null);

      // A client's details edited elsewhere (logged as NEN 7513 asks): that client's record and the list.
      other.accessLog.append({ action: 'edit', clientId: existing.id, detail: 'updateClient' });
      assert.deepEqual(watcher.poll(), { clientIds: [existing.id], sessionIds: [], recordClientIds: [existing.id], clientList: true });
      // Opening a record (a read) is no change.
      other.accessLog.append({ action: 'open', clientId: existing.id, detail: 'getClient' });
      assert.equal(watcher.poll(), null);

      // The watcher's own connection writes (the app itself): seen through total_changes().
      const own = app.sessions.create({ clientId: existing.id, type: 'biofeedback', sensorSpec: 'sim' });
      assert.deepEqual(watcher.poll(), { clientIds: [existing.id], sessionIds: [own.id], recordClientIds: [], clientList: true });
      // Interrupted by a crash recovery in the other process.
      other.db.prepare("UPDATE sessions SET status = 'interrupted' WHERE id = ?").run(own.id);
      assert.deepEqual(watcher.poll()?.sessionIds, [own.id]);
      assert.equal(watcher.poll(), null);
    } finally {
      other.close();
      app.close();
    }
  });
});

// Migration 10 (practice mode, issue 17) in the local SQLite store: uuids on shared records, and
// the outbox the triggers fill in the same transaction as each change, only once the workstation
// has joined a practice. No server needed.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../native-adapters/sqlite/migrations.js';
import { closeDatabase, openDatabase } from '../../../native-adapters/sqlite/openDatabase.js';
import { joinPractice, outboxSize, setSyncState } from '../../../main/practice/localSyncState.js';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import { makeTempDir, removeTempDirs, undoSyncSchema } from './storageTestUtils.js';

after(removeTempDirs);

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function outbox(s: Storage): [string, number, string, string | null][] {
  return s.db.prepare('SELECT tbl, row_id, op, uuid FROM sync_outbox ORDER BY id').raw().all() as [string, number, string, string | null][];
}

function sessionWithData(s: Storage): { clientId: number; sessionId: number } {
  const c = s.clients.create({ name: 'Anna' });
  const sess = s.sessions.create({ clientId: c.id, type: 'breathing' });
  const w = s.writer(sess.id, { backgroundCheckpoint: false });
  w.pushSamples({ t0Sec: 0, fsHz: 100, values: new Float32Array(100).fill(0.5) });
  w.pushBeat({ tSec: 0.8, ibiMs: 800, quality: 1, flags: 0 });
  w.flush();
  return { clientId: c.id, sessionId: sess.id };
}

describe('migration 10: uuids and the sync outbox', () => {
  test('migration 10 is in the list, additive, and the database reaches it', () => {
    const m = MIGRATIONS.find((x) => x.version === 10);
    assert.ok(m?.readCompatible);
    assert.equal(SCHEMA_VERSION, MIGRATIONS[MIGRATIONS.length - 1].version);
  });

  test('every new client, session, marker and gap gets its own v4 uuid; a workstation outside a practice queues nothing', () => {
    const s = openStorage(join(makeTempDir(), 'db.sqlite'));
    try {
      const { sessionId } = sessionWithData(s);
      s.markers.add(sessionId, { tSec: 1, note: 'x' });
      s.gaps.add(sessionId, { startSec: 1, endSec: 2 });
      const uuids = ['clients', 'sessions', 'markers', 'gaps'].map((t) => (s.db.prepare(`SELECT uuid FROM ${t}`).get() as { uuid: string }).uuid);
      for (const u of uuids) assert.match(u, UUID_V4);
      assert.equal(new Set(uuids).size, 4);
      assert.equal(outboxSize(s.db), 0);
    } finally {
      s.close();
    }
  });

  test('joining queues what was stored before in dependency order; later changes are queued with them, counters are not', () => {
    const s = openStorage(join(makeTempDir(), 'db.sqlite'));
    try {
      const { sessionId, clientId } = sessionWithData(s);
      assert.equal(joinPractice(s.db), 4);
      assert.equal(joinPractice(s.db), 0, 'only once');
      assert.deepEqual(outbox(s).map((e) => e[0]), ['clients', 'sessions', 'signal_chunks', 'beats']);
      s.db.prepare('DELETE FROM sync_outbox').run();
      const w = s.writer(sessionId, { backgroundCheckpoint: false });
      w.pushSamples({ t0Sec: 1, fsHz: 100, values: new Float32Array(100).fill(0.25) });
      w.flush();
      assert.deepEqual(outbox(s).map((e) => e[0]), ['signal_chunks'], 'the chunk; the session counters it moved are not a change');
      s.sessions.setStatus(sessionId, 'complete');
      s.clients.update(clientId, { notes: 'intake done' });
      const m = s.markers.add(sessionId, { tSec: 1.5, note: 'yawn' });
      s.markers.delete(m.id);
      const uuid = (s.db.prepare('SELECT uuid FROM markers WHERE id = ?').get(m.id) as { uuid: string } | undefined)?.uuid;
      assert.equal(uuid, undefined);
      const entries = outbox(s);
      assert.deepEqual(entries.map((e) => [e[0], e[2]]), [['signal_chunks', 'upsert'], ['sessions', 'upsert'], ['clients', 'upsert'], ['markers', 'upsert'], ['markers', 'delete']]);
      assert.match(entries[4][3]!, UUID_V4, 'a delete carries the uuid of what is gone');
    } finally {
      s.close();
    }
  });

  test('a change and its outbox entry commit or roll back together', () => {
    const s = openStorage(join(makeTempDir(), 'db.sqlite'));
    try {
      joinPractice(s.db);
      assert.throws(() =>
        s.db.transaction(() => {
          s.clients.create({ name: 'Bas' });
          throw new Error('power cut');
        })(),
      );
      assert.equal(outboxSize(s.db), 0);
      assert.equal(s.clients.list().length, 0);
      s.clients.create({ name: 'Bas' });
      assert.equal(outboxSize(s.db), 1);
    } finally {
      s.close();
    }
  });

  test('records applied from the server (outbox paused) are not queued; of a pulled session only edits (notes, course) are queued', () => {
    const s = openStorage(join(makeTempDir(), 'db.sqlite'));
    try {
      joinPractice(s.db);
      s.db.transaction(() => {
        setSyncState(s.db, 'outbox', 'paused');
        s.db.prepare("INSERT INTO clients (uuid, name, created_at) VALUES ('00000000-0000-4000-8000-000000000001', 'Cas', '2026-01-01T00:00:00Z')").run();
        s.db.prepare("INSERT INTO sessions (uuid, client_id, type, started_at, status, origin) VALUES ('00000000-0000-4000-8000-000000000002', 1, 'breathing', '2026-01-01T00:00:00Z', 'recording', 'room-2')").run();
        setSyncState(s.db, 'outbox', 'on');
      })();
      assert.equal(outboxSize(s.db), 0);
      assert.equal((s.db.prepare('SELECT uuid FROM clients').get() as { uuid: string }).uuid, '00000000-0000-4000-8000-000000000001', 'the uuid given is kept');
      s.sessions.setStatus(1, 'interrupted');
      s.db.prepare("UPDATE sessions SET summary = '{}' WHERE id = 1").run();
      assert.equal(outboxSize(s.db), 0, "status and summary of a pulled session are its recorder's");
      s.sessions.update(1, { notes: 'rustig' });
      assert.deepEqual(outbox(s), [['sessions', 1, 'upsert', null]], "a therapist's note on it is queued");
    } finally {
      s.close();
    }
  });

  test('a database from before migration 10 keeps its records and gets a uuid for each', () => {
    const file = join(makeTempDir(), 'old.sqlite');
    const raw = openDatabase(file);
    undoSyncSchema(raw);
    raw.pragma('user_version = 9');
    raw.prepare("INSERT INTO clients (name, created_at) VALUES ('Oud', '2025-01-01T00:00:00.000Z'), ('Ouder', '2025-01-01T00:00:00.000Z')").run();
    raw.prepare("INSERT INTO sessions (client_id, type, started_at, status) VALUES (1, 'breathing', '2025-01-01T00:00:00.000Z', 'complete')").run();
    closeDatabase(raw);
    const ro = openStorage(file, { readonly: true });
    try {
      assert.deepEqual(ro.clients.list().map((c) => c.name).sort(), ['Oud', 'Ouder'], 'read as it is');
    } finally {
      ro.close();
    }
    const rw = openStorage(file);
    try {
      assert.equal(rw.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      const uuids = rw.db.prepare('SELECT uuid FROM clients UNION ALL SELECT uuid FROM sessions').pluck().all() as string[];
      assert.equal(uuids.length, 3);
      for (const u of uuids) assert.match(u, UUID_V4);
      assert.equal(new Set(uuids).size, 3);
      assert.equal(outboxSize(rw.db), 0);
      assert.equal(joinPractice(rw.db), 3);
    } finally {
      rw.close();
    }
  });
});

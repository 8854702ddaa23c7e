// SessionWriter: buffering, ~1 s chunks, one transaction per flush, failure keeps the
// buffers, finish(), group flush, and the WAL fsync after commits.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { openStorage, type Storage } from '../../../main/storage/storage.js';
import { SessionWriter } from '../../../main/storage/sessionWriter.js';
import { existsSync } from 'node:fs';

import { walCheckpointerFor, walSyncerFor } from '../../../native-adapters/sqlite/openDatabase.js';
import { makeTempDir, removeTempDirs } from './storageTestUtils.js';

after(removeTempDirs);

function setup(options?: Parameters<typeof openStorage>[1]): { s: Storage; sessionId: number } {
  const s = openStorage(join(makeTempDir(), 'w.db'), options);
  const clientId = s.clients.create({ name: 'Writer test' }).id;
  return { s, sessionId: s.sessions.create({ clientId, type: 'breathing', fsHz: 500 }).id };
}

function chunkRows(s: Storage, id: number): { t0_sec: number; n: number }[] {
  return s.db.prepare('SELECT t0_sec, n FROM signal_chunks WHERE session_id = ? ORDER BY t0_sec').all(id) as { t0_sec: number; n: number }[];
}

/** 500 Hz frames of 25 samples whose values are the global sample index. */
function pushSeconds(w: SessionWriter, fromSec: number, seconds: number): void {
  for (let f = fromSec * 20; f < (fromSec + seconds) * 20; f++) {
    w.pushSamples({ t0Sec: f * 0.05, fsHz: 500, values: Float32Array.from({ length: 25 }, (_, i) => f * 25 + i) });
  }
}

describe('SessionWriter', () => {
  test('nothing is written before flush; flush commits samples, beats, metrics, markers in ~1 s chunks', () => {
    const { s, sessionId } = setup();
    const w = s.writer(sessionId);
    pushSeconds(w, 0, 2.5);
    w.pushBeats([{ tSec: 0.8, ibiMs: 800 }, { tSec: 1.6, ibiMs: 800 }]);
    w.pushMetric('coherence', 1, 0.7);
    w.pushMarker({ tSec: 1.2, note: 'start pacer' });
    w.pushGap({ startSec: 2, endSec: 2.1, reason: 'test' });
    w.pushPacerChange(2, { bpm: 5.5 });
    assert.equal(w.pendingSamples, 1250);
    assert.equal(s.sessions.stats(sessionId).samples, 0);
    const r = w.flush();
    assert.deepEqual({ ...r, durationMs: 0 }, { samples: 1250, chunks: 3, beats: 2, metrics: 1, markers: 1, gaps: 1, pacerChanges: 1, durationMs: 0 });
    assert.ok(r.durationMs > 0);
    assert.deepEqual(chunkRows(s, sessionId), [
      { t0_sec: 0, n: 500 },
      { t0_sec: 1, n: 500 },
      { t0_sec: 2, n: 250 },
    ]);
    pushSeconds(w, 2.5, 1.5);
    w.flush();
    const seg = s.signal.read(sessionId);
    assert.equal(seg.length, 1);
    assert.equal(seg[0].values.length, 2000);
    assert.ok(seg[0].values.every((v, i) => v === i), 'samples in order, none lost or doubled');
    assert.equal(s.sessions.stats(sessionId).durationSec, 4);
    assert.equal(w.hasPending, false);
    assert.deepEqual(w.flush(), { samples: 0, chunks: 0, beats: 0, metrics: 0, markers: 0, gaps: 0, pacerChanges: 0, durationMs: 0 });
    s.close();
  });

  test('a frame that does not continue the previous one starts a new chunk at its own time', () => {
    const { s, sessionId } = setup();
    const w = s.writer(sessionId);
    w.pushSamples({ t0Sec: 0, fsHz: 500, values: new Float32Array(100) });
    w.pushSamples({ t0Sec: 0.2011, fsHz: 500, values: new Float32Array(100) }); // 0.55 sample late: new chunk
    w.pushSamples({ t0Sec: 5, fsHz: 250, values: new Float32Array(10) });
    w.flush();
    assert.deepEqual(chunkRows(s, sessionId), [
      { t0_sec: 0, n: 100 },
      { t0_sec: 0.2011, n: 100 },
      { t0_sec: 5, n: 10 },
    ]);
    s.close();
  });

  test('a failing flush rolls back completely and keeps the buffers for the next attempt', () => {
    const { s, sessionId } = setup();
    const w = s.writer(sessionId);
    pushSeconds(w, 0, 1);
    w.pushBeat({ tSec: 0.5, ibiMs: 700 });
    w.pushMetric('hr', Number.NaN, 60); // a bad time makes the metric insert throw inside the transaction
    assert.throws(() => w.flush(), /tSec must be a finite number/);
    assert.deepEqual(s.sessions.stats(sessionId), { samples: 0, beats: 0, durationSec: 0, signalStartSec: null, signalEndSec: null });
    assert.equal(w.pendingSamples, 500);
    s.close();
  });

  test('finish() flushes and ends the session in one transaction; the writer is closed', () => {
    const { s, sessionId } = setup();
    const w = s.writer(sessionId);
    pushSeconds(w, 0, 1);
    const r = w.finish('complete', { summary: { meanHrBpm: 61 }, endedAt: '2025-01-01T10:00:00.000Z' });
    assert.equal(r.samples, 500);
    const row = s.sessions.require(sessionId);
    assert.equal(row.status, 'complete');
    assert.equal(row.endedAt, '2025-01-01T10:00:00.000Z');
    assert.deepEqual(row.summary, { meanHrBpm: 61 });
    assert.throws(() => w.pushBeat({ tSec: 1 }), /is finished/);
    s.close();
  });

  test('flushAll commits several sessions together (group session)', () => {
    const { s, sessionId } = setup();
    const other = s.sessions.create({ clientId: s.clients.create({ name: 'Second' }).id, type: 'running' }).id;
    const a = s.writer(sessionId);
    const b = s.writer(other);
    pushSeconds(a, 0, 1);
    b.pushBeat({ tSec: 1, ibiMs: 1000 });
    const rs = SessionWriter.flushAll(s.db, [a, b]);
    assert.deepEqual(rs.map((r) => [r.samples, r.beats]), [[500, 0], [0, 1]]);
    assert.equal(s.sessions.stats(sessionId).samples, 500);
    assert.equal(s.sessions.stats(other).beats, 1);
    s.close();
  });

  test('unknown session → NotFoundError; bad frames → clear errors', () => {
    const { s, sessionId } = setup();
    assert.throws(() => s.writer(987654), /Session 987654 does not exist/);
    const w = s.writer(sessionId);
    assert.throws(() => w.pushSamples({ t0Sec: 0, fsHz: 0, values: new Float32Array(1) }), /fsHz must be > 0/);
    assert.throws(() => w.pushSamples({ t0Sec: 0, fsHz: 50, values: [1, 2] as never }), /Float32Array/);
    assert.throws(() => new SessionWriter(s.db, sessionId, { chunkSec: 0 }), /chunkSec/);
    s.close();
  });

  test('with synchronous NORMAL each flush schedules an fsync of the WAL off the main thread', async () => {
    const { s, sessionId } = setup();
    const syncer = walSyncerFor(s.db);
    assert.ok(syncer, 'a WalSyncer exists for a WAL database with synchronous NORMAL');
    const w = s.writer(sessionId);
    for (let sec = 0; sec < 3; sec++) {
      pushSeconds(w, sec, 1);
      w.flush();
      await syncer.whenIdle();
    }
    assert.equal(syncer.failures, 0, String(syncer.lastError));
    assert.equal(syncer.syncs, 3);
    s.close();
    const full = setup({ synchronous: 'full' });
    assert.equal(walSyncerFor(full.s.db), null, 'SQLite syncs itself with synchronous FULL');
    full.s.close();
  });

  test('a recording writer checkpoints the WAL in a worker thread; closing stops it cleanly', async () => {
    const { s, sessionId } = setup();
    const w = s.writer(sessionId);
    const cp = walCheckpointerFor(s.db);
    assert.ok(cp?.running, 'checkpointer started by the writer');
    assert.equal(s.db.pragma('wal_autocheckpoint', { simple: true }), 10000, 'main connection only checkpoints as a safety net');
    pushSeconds(w, 0, 3);
    w.flush();
    await cp.checkpointNow();
    assert.equal(cp.stats.failures, 0, String(cp.stats.lastError));
    assert.ok(cp.stats.checkpoints >= 1);
    assert.ok(cp.stats.lastCheckpointedFrames > 0, 'frames copied into the database');
    assert.equal(cp.stats.lastCheckpointedFrames, cp.stats.lastLogFrames);
    const file = s.db.name;
    s.close();
    assert.equal(cp.running, false);
    assert.equal(existsSync(file + '-wal'), false, 'the main connection closed last and removed the WAL');
  });
});

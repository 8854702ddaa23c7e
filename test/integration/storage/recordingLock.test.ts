// The recording lock: an OS file lock the recording process holds. Probing it tells a live
// recorder (however long it has not written) from a dead one (however recently it wrote);
// recovery takes the dead recorder's lock before it touches the session, removes lock files
// left behind, and falls back to the last-write age only for sessions without a lock file.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  probeRecordingLock,
  RecordingLock,
  recordingLockFile,
  recordingLockIds,
  STARTING_GRACE_MS,
} from '../../../native-adapters/sqlite/openDatabase.js';
import { openStorage } from '../../../main/storage/storage.js';
import { codedMessage, errorText } from '../../../shared/i18n/CadansError.js';
import { makeTempDir, removeTempDirs } from './storageTestUtils.js';

after(removeTempDirs);

describe('RecordingLock', () => {
  test('held while the recorder has it, free once it lets go (file kept), none once removed; 0600', () => {
    const db = join(makeTempDir(), 'x.db');
    assert.equal(probeRecordingLock(db, 7), 'none');
    const lock = RecordingLock.acquire(db, 7);
    assert.ok(lock.held);
    assert.equal(statSync(recordingLockFile(db, 7)).mode & 0o777, 0o600);
    assert.equal(probeRecordingLock(db, 7), 'held', 'another connection (even in this process) sees it held');
    assert.equal(RecordingLock.claim(db, 7), null, 'a live lock cannot be claimed');
    assert.throws(() => RecordingLock.acquire(db, 7), /being recorded by another process/);
    // Coded, so the app and the CLI say it in the user's language.
    assert.throws(() => RecordingLock.acquire(db, 7), (e) => codedMessage(e).code === 'storage.recordingLocked' && /Sessie 7 wordt al opgenomen/.test(errorText('nl', e)));
    assert.deepEqual(recordingLockIds(db), [7]);
    lock.release(false);
    assert.equal(probeRecordingLock(db, 7), 'free', 'released like a killed process: the file stays, unlocked');
    const claimed = RecordingLock.claim(db, 7)!;
    assert.ok(claimed.held);
    assert.equal(probeRecordingLock(db, 7), 'held', 'claimed for recovery: nobody else recovers it');
    claimed.release(true);
    assert.equal(probeRecordingLock(db, 7), 'none');
    assert.deepEqual(recordingLockIds(db), []);
  });

  test('an empty lock file is a recorder starting up, for a grace period; then free', () => {
    const db = join(makeTempDir(), 'x.db');
    writeFileSync(recordingLockFile(db, 3), '');
    assert.equal(probeRecordingLock(db, 3), 'starting');
    const old = new Date(Date.now() - STARTING_GRACE_MS - 1000);
    utimesSync(recordingLockFile(db, 3), old, old);
    assert.equal(probeRecordingLock(db, 3), 'free');
    // A damaged lock file of a dead recorder is started afresh.
    writeFileSync(recordingLockFile(db, 4), 'not a database at all, just some bytes left behind by a crash');
    const lock = RecordingLock.acquire(db, 4);
    assert.equal(probeRecordingLock(db, 4), 'held');
    lock.release();
  });
});

describe('recovery decided by the recording lock', () => {
  test('a session whose recorder holds its lock is never recovered, however old its last write; once free it is, at once', () => {
    const file = join(makeTempDir(), 'r.db');
    const s = openStorage(file);
    const clientId = s.clients.create({ name: 'L' }).id;
    const live = s.sessions.create({ clientId, type: 'breathing', startedAt: '2025-03-01T10:00:00.000Z' }).id;
    s.signal.appendChunk(live, { t0Sec: 0, fsHz: 100, values: new Float32Array(500) });
    const lock = s.lockRecording(live)!;
    const other = openStorage(file);
    const hourLater = new Date(Date.now() + 3_600_000);
    assert.deepEqual(other.sessions.deadRecordings({ now: hourLater }), []);
    assert.deepEqual(other.sessions.recoverInterruptedSessions({ now: hourLater }), [], 'held: live');
    assert.equal(other.sessions.require(live).status, 'recording');

    // The recorder dies (its lock file stays, unlocked): recovered at once, even though it wrote just now.
    s.signal.appendChunk(live, { t0Sec: 5, fsHz: 100, values: new Float32Array(100) });
    lock.release(false);
    assert.deepEqual(other.sessions.deadRecordings({ staleAfterSec: 3600 }), [live]);
    assert.deepEqual(other.sessions.recoverInterruptedSessions({ staleAfterSec: 3600 }), [live]);
    assert.equal(other.sessions.require(live).status, 'interrupted');
    assert.equal(existsSync(recordingLockFile(file, live)), false, 'the dead lock file is removed');
    other.close();
    s.close();
  });

  test('sessions without a lock file (older versions) fall back to the last-write age; lock files of ended sessions are removed', () => {
    const file = join(makeTempDir(), 'r2.db');
    const s = openStorage(file);
    const clientId = s.clients.create({ name: 'L2' }).id;
    const old = s.sessions.create({ clientId, type: 'breathing' }).id;
    s.signal.appendChunk(old, { t0Sec: 0, fsHz: 100, values: new Float32Array(100) });
    assert.deepEqual(s.sessions.recoverInterruptedSessions({ staleAfterSec: 30 }), [], 'written just now');
    assert.deepEqual(s.sessions.recoverInterruptedSessions({ staleAfterSec: 30, now: new Date(Date.now() + 60_000) }), [old]);

    const ended = s.sessions.create({ clientId, type: 'breathing' }).id;
    s.lockRecording(ended)!.release(false);
    s.sessions.setStatus(ended, 'complete');
    const stray = recordingLockFile(file, 999);
    RecordingLock.acquire(file, 999).release(false);
    s.sessions.recoverInterruptedSessions();
    assert.equal(existsSync(recordingLockFile(file, ended)), false);
    assert.equal(existsSync(stray), false);
    assert.equal(s.sessions.require(ended).status, 'complete');
    s.close();
  });
});

// Crash safety: sessions left 'recording' become 'interrupted' on the next start and keep
// their data; a writer process killed with SIGKILL loses nothing it reported as committed.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkDatabase } from '../../../native-adapters/sqlite/openDatabase.js';
import { openStorage } from '../../../main/storage/storage.js';
import { makeTempDir, removeTempDirs } from './storageTestUtils.js';

after(removeTempDirs);

describe('recoverInterruptedSessions', () => {
  test("marks every 'recording' session 'interrupted', sets ended_at from the stored data, keeps the data", () => {
    const file = join(makeTempDir(), 'r.db');
    let s = openStorage(file);
    const clientId = s.clients.create({ name: 'R' }).id;
    const live = s.sessions.create({ clientId, type: 'breathing', startedAt: '2025-03-01T10:00:00.000Z' }).id;
    const done = s.sessions.create({ clientId, type: 'breathing' }).id;
    s.signal.appendChunk(live, { t0Sec: 0, fsHz: 100, values: new Float32Array(1250) });
    s.sessions.setStatus(done, 'complete');
    s.close();

    s = openStorage(file);
    assert.deepEqual(s.sessions.recoverInterruptedSessions(), [live]);
    const row = s.sessions.require(live);
    assert.equal(row.status, 'interrupted');
    assert.equal(row.endedAt, '2025-03-01T10:00:12.500Z');
    assert.equal(row.samples, 1250);
    assert.equal(s.sessions.require(done).status, 'complete');
    assert.deepEqual(s.sessions.recoverInterruptedSessions(), [], 'nothing left to recover');
    s.close();
  });

  test('staleAfterSec leaves sessions that were written to recently alone', () => {
    const s = openStorage(join(makeTempDir(), 'r2.db'));
    const clientId = s.clients.create({ name: 'R2' }).id;
    const id = s.sessions.create({ clientId, type: 'breathing' }).id;
    s.signal.appendChunk(id, { t0Sec: 0, fsHz: 100, values: new Float32Array(100) });
    assert.deepEqual(s.sessions.recoverInterruptedSessions({ staleAfterSec: 30 }), []);
    assert.deepEqual(s.sessions.recoverInterruptedSessions({ staleAfterSec: 30, now: new Date(Date.now() + 60_000) }), [id]);
    s.close();
  });
});

describe('SIGKILL during a recording', () => {
  test('after the kill: integrity ok, session interrupted, every reported flush is stored, samples intact', async () => {
    const file = join(makeTempDir(), 'crash.db');
    const self = fileURLToPath(import.meta.url);
    const child = join(self, '..', 'crashWriter' + (self.endsWith('.ts') ? '.ts' : '.js'));
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--test'));
    const proc = spawn(process.execPath, [...execArgv, child, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let sessionId = 0;
    let lastFlushedSec = 0;
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killedAt = await new Promise<number>((resolve, reject) => {
      let buf = '';
      proc.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          const [word, value] = line.split(' ');
          if (word === 'session') sessionId = Number(value);
          if (word === 'flushed') lastFlushedSec = Number(value);
          if (lastFlushedSec >= 30 && !proc.killed) {
            proc.kill('SIGKILL');
            resolve(lastFlushedSec);
          }
        }
      });
      proc.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`writer exited early (${code}): ${stderr}`));
      });
    });
    await new Promise((r) => proc.once('close', r));
    assert.ok(sessionId > 0);

    const s = openStorage(file);
    try {
      assert.deepEqual(checkDatabase(s.db, 'full'), []);
      assert.deepEqual(s.sessions.recoverInterruptedSessions(), [sessionId]);
      const row = s.sessions.require(sessionId);
      assert.equal(row.status, 'interrupted');
      // Everything reported as committed before the kill is there (the writer may have committed a bit more).
      assert.ok(row.durationSec >= killedAt, `stored ${row.durationSec} s, reported ${killedAt} s`);
      assert.ok(row.durationSec <= killedAt + 5, `stored ${row.durationSec} s`);
      const seg = s.signal.read(sessionId);
      assert.equal(seg.length, 1);
      assert.equal(seg[0].values.length, row.samples);
      assert.ok(seg[0].values.every((v, i) => v === i), 'samples contiguous and exact');
      assert.equal(row.beats, Math.round(row.durationSec));
    } finally {
      s.close();
    }
  });
});

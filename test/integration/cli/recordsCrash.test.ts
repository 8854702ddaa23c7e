// `cadans record` killed with SIGKILL mid-recording: on the next start the session is
// 'interrupted', the database passes PRAGMA integrity_check, and the stored signal reaches to
// within 1 s of the kill. SIGINT and SIGTERM end a recording cleanly (status complete).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { recoverOnStartup } from '../../../main/sessions/startup.js';
import { openStorage } from '../../../main/storage/storage.js';
import { cliPath, repoRoot } from '../../support/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-records-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Recording {
  proc: ChildProcess;
  /** Wall time (performance.now) when the CLI said the recording started. */
  startedAt: Promise<number>;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startRecording(args: string[]): Recording {
  const proc = spawn(process.execPath, [cliPath, 'record', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const startedAt = new Promise<number>((resolve, reject) => {
    proc.stderr!.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      if (/recording session \d+/.test(err)) resolve(performance.now());
    });
    proc.once('exit', () => reject(new Error(`record exited before recording: ${err}`)));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('close', (code, signal) => resolve({ code, signal })),
  );
  return { proc, startedAt, stdout: () => out, stderr: () => err, exited };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('cadans record and signals', () => {
  test('SIGKILL mid-recording: interrupted on next open, integrity ok, signal within 1 s of the kill', async () => {
    const db = join(dir, 'crash.sqlite');
    const rec = startRecording(['--sensor', 'sim:speed=1', '--seconds', '600', '--db', db]);
    const t0 = await rec.startedAt;
    await sleep(5000);
    rec.proc.kill('SIGKILL');
    const killedAt = performance.now();
    const exit = await rec.exited;
    assert.equal(exit.signal, 'SIGKILL');
    // At speed 1 the signal cannot run ahead of the wall clock since the session started.
    const elapsedSec = (killedAt - t0) / 1000;

    const storage = openStorage(db); // the next start of the app
    try {
      assert.equal(storage.sessions.require(1).status, 'recording', 'left recording by the kill');
      assert.deepEqual(recoverOnStartup(storage), [1]);
      const s = storage.sessions.require(1);
      assert.equal(s.status, 'interrupted');
      assert.equal(storage.db.pragma('integrity_check', { simple: true }), 'ok');
      assert.ok(s.durationSec >= elapsedSec - 1, `stored ${s.durationSec.toFixed(2)} s of signal, killed after ${elapsedSec.toFixed(2)} s`);
      assert.ok(s.durationSec <= elapsedSec + 0.2, `stored ${s.durationSec} s is more than the ${elapsedSec.toFixed(2)} s that passed`);
      assert.equal(s.samples, Math.round(s.durationSec * 250), 'no hole in the stored signal');
      assert.ok(s.summary !== null && s.summary.method === 'none', 'a summary saying why there are no numbers (5 s < 10 s)');
      assert.ok(s.endedAt !== null);
    } finally {
      storage.close();
    }
  });

  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    test(`${sig} ends the recording cleanly: status complete, JSON printed`, async () => {
      const db = join(dir, `${sig}.sqlite`);
      const rec = startRecording(['--sensor', 'sim:speed=20', '--db', db, '--json']);
      await rec.startedAt;
      await sleep(1000);
      rec.proc.kill(sig);
      const exit = await rec.exited;
      assert.equal(exit.code, 0, rec.stderr());
      const out = JSON.parse(rec.stdout());
      assert.equal(out.status, 'complete');
      assert.ok(out.durationSec >= 10 && out.durationSec <= 40, `duration ${out.durationSec}`);
      assert.equal(out.samples, Math.round(out.durationSec * 250));
      assert.equal(typeof out.meanHrBpm, 'number');
      const storage = openStorage(db);
      try {
        assert.equal(storage.sessions.require(out.sessionId).status, 'complete');
        assert.equal(storage.sessions.require(out.sessionId).summary!.meanHrBpm, out.meanHrBpm);
      } finally {
        storage.close();
      }
    });
  }
});

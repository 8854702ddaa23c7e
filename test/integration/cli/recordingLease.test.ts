// One recording lock for the app, the web host and the CLI, with two processes: a `cadans record`
// that stalls (SIGSTOP: no writes, no heartbeat, far past the old 5-s grace period) is left
// alone by the app's start-up (`createAppCore`, as Electron and the web host run it) and by
// `cadans sessions`, and completes with all its data once it runs again; a recording whose
// process is killed is recovered by the next start at once, without waiting for its last write
// to age.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createAppCore } from '../../../main/app/appCore.js';
import { recordingLockFile } from '../../../native-adapters/sqlite/openDatabase.js';
import { openStorage } from '../../../main/storage/storage.js';
import { startCli, type CliProcess } from '../../support/cliProcess.js';
import { runCli } from '../../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-lease-'));
const running: CliProcess[] = [];
after(async () => {
  for (const p of running) {
    if (p.proc.exitCode === null && p.proc.signalCode === null) {
      p.proc.kill('SIGKILL');
      await p.exited;
    }
  }
  rmSync(dir, { recursive: true, force: true });
});
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function statusOf(db: string, id: number): Promise<string> {
  const run = await runCli(['sessions', '--db', db, '--json']);
  assert.equal(run.code, 0, run.stderr);
  return (JSON.parse(run.stdout) as { id: number; status: string }[]).find((r) => r.id === id)!.status;
}

describe('one recording lock across processes', () => {
  test("a stalled CLI recording is not marked interrupted by the app's start-up or by the CLI; it completes in full", async () => {
    const db = join(dir, 'stalled.sqlite');
    const rec = startCli(['record', '--sensor', 'sim:speed=1,seed=4', '--seconds', '12', '--db', db, '--json']);
    running.push(rec);
    await rec.waitForStderr(/recording session 1/);
    await sleep(2000);
    rec.proc.kill('SIGSTOP');
    try {
      await sleep(7000); // > CLI_STALE_AFTER_SEC: the old rule took it as interrupted here
      const core = await createAppCore({ dbPath: db, host: 'electron', sensorSpec: null, bleScanMs: 0 });
      try {
        assert.equal(core.storage.sessions.require(1).status, 'recording', "the app's start-up leaves the live recording alone");
      } finally {
        await core.close();
      }
      assert.equal(await statusOf(db, 1), 'recording', 'so does the CLI');
    } finally {
      rec.proc.kill('SIGCONT');
    }
    const exit = await rec.exited;
    assert.equal(exit.code, 0, rec.stderr());
    const out = JSON.parse(rec.stdout()) as { status: string; durationSec: number; samples: number };
    assert.equal(out.status, 'complete');
    assert.equal(out.durationSec, 12);
    assert.equal(out.samples, 12 * 250);
    const s = openStorage(db, { readonly: true });
    try {
      const row = s.sessions.require(1);
      assert.equal(row.status, 'complete');
      assert.equal(row.summary?.analyzedSec, 12, 'the summary covers the whole recording');
    } finally {
      s.close();
    }
    assert.equal(existsSync(recordingLockFile(db, 1)), false, 'the lock file is gone after a clean end');
  });

  test('a recording whose process was killed is recovered by the next start at once', async () => {
    const db = join(dir, 'killed.sqlite');
    const rec = startCli(['record', '--sensor', 'sim:speed=1,seed=5', '--seconds', '600', '--db', db]);
    running.push(rec);
    await rec.waitForStderr(/recording session 1/);
    await sleep(1500);
    assert.equal(await statusOf(db, 1), 'recording', 'alive: left alone');
    rec.proc.kill('SIGKILL');
    await rec.exited;
    // Its last write is well under a second old: only the lock can tell it is gone.
    assert.equal(await statusOf(db, 1), 'interrupted');
    assert.equal(existsSync(recordingLockFile(db, 1)), false);
  });
});

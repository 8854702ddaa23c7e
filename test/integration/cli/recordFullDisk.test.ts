// `cadans record` on a real full disk (a 2-MiB tmpfs filled with a filler file): the recording
// goes on, says so in one clear line (never "internal error"), keeps what the disk refuses in
// memory and saves it once there is room — nothing lost, every sample the simulator made is
// stored, in order, without a hole. While the disk is full the reading commands (sessions,
// clients, export and backup to another disk) work. Stopping on a full disk saves the whole
// session in --overflow-dir, or — without one — waits until a second Ctrl+C gives the unsaved
// part up. The recorder's memory reserve is bounded (in-process test with a small reserve).
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SessionRecorder } from '../../../main/sessions/SessionRecorder.js';
import { readStoredSignal } from '../../../main/sessions/sessionSignal.js';
import { openStorage } from '../../../main/storage/storage.js';
import type { StorageNotice } from '../../../shared/domain/storageNotices.js';
import { parseSimSpec, PpgSimulator } from '../../../shared/sim/index.js';
import { startCli, type CliProcess } from '../../support/cliProcess.js';
import { FakeChannel } from '../../support/fakeChannel.js';
import { runCli } from '../../support/runCli.js';
import { mountSmallDisk, type SmallDisk } from '../../support/smallDisk.js';

const mounted = mountSmallDisk(2);
const skip = 'skipReason' in mounted ? mounted.skipReason : false;
const disk = mounted as SmallDisk;
const other = mkdtempSync(join(tmpdir(), 'cadans-other-disk-'));
after(() => {
  if (!skip) disk.unmount();
  rmSync(other, { recursive: true, force: true });
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const running: CliProcess[] = [];
const start = (args: string[]): CliProcess => {
  const p = startCli(args);
  running.push(p);
  return p;
};

/** Each test starts on an empty small disk and leaves it empty (no command left running), whatever happens. */
async function cleanDisk(): Promise<void> {
  for (const p of running.splice(0)) {
    if (p.proc.exitCode === null && p.proc.signalCode === null) {
      p.proc.kill('SIGKILL');
      await p.exited;
    }
  }
  disk.free();
  for (const f of readdirSync(disk.dir)) rmSync(join(disk.dir, f), { force: true });
}

/** The simulator's signal for `spec`, from its start. */
function simSignal(spec: string, n: number): Float32Array {
  const opts = parseSimSpec(spec);
  if ('error' in opts) throw new Error(opts.error);
  return new PpgSimulator(opts).generate(n);
}

/** Every stored sample is the simulator's, in order, from where the recording started, without a hole. */
function assertExactlySimulated(stored: Float32Array, spec: string): void {
  const sim = simSignal(spec, stored.length + 20 * 250);
  // The sensor ran before the session started: find where the recording picked it up.
  let offset = -1;
  for (let i = 0; i + 8 <= sim.length && offset < 0; i++) {
    let same = true;
    for (let k = 0; k < 8 && same; k++) same = sim[i + k] === stored[k];
    if (same) offset = i;
  }
  assert.ok(offset >= 0, 'the stored signal starts inside the simulator signal');
  for (let i = 0; i < stored.length; i++) {
    if (stored[i] !== sim[offset + i]) assert.fail(`sample ${i} differs from the simulator's (${stored[i]} vs ${sim[offset + i]})`);
  }
}

before(() => {
  if (skip) console.log(`# full-disk tests skipped: ${skip}`);
});

describe('cadans record on a full disk (real 2-MiB tmpfs)', { skip }, () => {
  afterEach(cleanDisk);
  test('keeps what the disk refuses, says so, saves it once there is room: nothing lost; sessions/clients/export/backup work while full', async () => {
    const db = join(disk.dir, 'x.db');
    const spec = 'sim:speed=4,seed=11';
    const rec = start(['record', '--sensor', spec, '--seconds', '80', '--db', db, '--json']);
    await rec.waitForStderr(/recording session 1/);
    await sleep(1500);
    disk.fill();
    await rec.waitForStderr(/Disk full: .* of session 1 not saved yet; kept in memory \(up to 30 min\) and saved as soon as there is room/, 20_000);

    // Reading while the disk is full: no writes needed, no "internal error".
    const sessions = await runCli(['sessions', '--db', db, '--json']);
    assert.equal(sessions.code, 0, sessions.stderr);
    assert.doesNotMatch(sessions.stderr, /internal error/);
    const rows = JSON.parse(sessions.stdout) as { id: number; status: string }[];
    assert.deepEqual(rows.map((r) => [r.id, r.status]), [[1, 'recording']], 'the live recording is left alone');
    const clients = await runCli(['clients', '--db', db, '--json']);
    assert.equal(clients.code, 0, clients.stderr);
    assert.equal((JSON.parse(clients.stdout) as unknown[]).length, 1);
    const csv = join(other, 'while-full.csv');
    const exported = await runCli(['export', '1', '--format', 'csv', '--out', csv, '--db', db]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(readFileSync(csv, 'utf8'), /^time,ppg/);
    const backupFile = join(other, 'while-full.db');
    const backup = await runCli(['backup', '--out', backupFile, '--db', db]);
    assert.equal(backup.code, 0, backup.stderr);
    assert.doesNotMatch(backup.stderr, /internal error/);
    const b = openStorage(backupFile, { readonly: true });
    assert.equal(b.sessions.require(1).status, 'recording');
    assert.ok(b.sessions.require(1).samples > 0);
    b.close();

    disk.free();
    await rec.waitForStderr(/Space is back: the .* of session 1 kept in memory are saved; nothing was lost\./, 60_000);
    const exit = await rec.exited;
    assert.equal(exit.code, 0, rec.stderr());
    assert.doesNotMatch(rec.stderr(), /internal error/);
    const out = JSON.parse(rec.stdout()) as { samples: number; durationSec: number; status: string };
    assert.equal(out.status, 'complete');
    assert.equal(out.durationSec, 80);
    assert.equal(out.samples, 80 * 250);

    const s = openStorage(db, { readonly: true });
    try {
      const signal = readStoredSignal(s, 1);
      assert.equal(signal.length, 1, 'one contiguous segment: no hole');
      assert.equal(signal[0].values.length, 80 * 250);
      assertExactlySimulated(signal[0].values, spec);
      assert.deepEqual(s.gaps.list(1), []);
      assert.ok(s.sessions.require(1).summary !== null);
    } finally {
      s.close();
    }
  });

  test('stopping while the disk stays full: the whole session is saved in --overflow-dir (0600), clearly said; the database part is recovered later', async () => {
    const db = join(disk.dir, 'y.db');
    const overflow = mkdtempSync(join(other, 'overflow-'));
    const spec = 'sim:speed=8,seed=12';
    const rec = start(['record', '--sensor', spec, '--seconds', '40', '--db', db, '--overflow-dir', overflow, '--lang', 'nl']);
    await rec.waitForStderr(/sessie 1 voor .* wordt opgenomen/); // --lang nl: the CLI's own lines in Dutch too
    await sleep(1000);
    disk.fill();
    await rec.waitForStderr(/Schijf vol: .* van sessie 1 nog niet opgeslagen; wordt in het geheugen bewaard/, 20_000);
    const exit = await rec.exited;
    assert.equal(exit.code, 1, rec.stderr());
    assert.doesNotMatch(rec.stderr(), /internal error/);
    const last = rec.stderr().trimEnd().split('\n').pop()!;
    assert.match(last, /^cadans record: Schijf vol: sessie 1 is volledig bewaard in .*cadans-session-1-.*\.sqlite \(open het met --db /);
    const [saved] = readdirSync(overflow);
    assert.ok(saved && last.includes(join(overflow, saved)), last);
    const file = join(overflow, saved);
    assert.equal(statSync(file).mode & 0o777, 0o600, 'only the user can read the saved session');
    const o = openStorage(file, { readonly: true });
    try {
      const row = o.sessions.require(1);
      assert.equal(row.status, 'complete');
      assert.equal(row.samples, 40 * 250);
      const signal = readStoredSignal(o, 1);
      assert.equal(signal.length, 1);
      assertExactlySimulated(signal[0].values, spec);
      assert.equal(o.clients.require(row.clientId).name, 'Anonymous');
    } finally {
      o.close();
    }

    // While the disk is full the database's part cannot be marked interrupted: one clear line.
    const full = await runCli(['sessions', '--db', db, '--json']);
    assert.equal(full.code, 0, full.stderr);
    assert.match(full.stderr, /the disk is full, so session 1 .* could not be marked interrupted yet/);
    disk.free();
    const later = await runCli(['sessions', '--db', db, '--json']);
    assert.equal(later.code, 0, later.stderr);
    const rows = JSON.parse(later.stdout) as { status: string; samples: number }[];
    assert.equal(rows[0].status, 'interrupted');
    assert.ok(rows[0].samples > 0 && rows[0].samples < 40 * 250);
  });

  test('stopping while the disk stays full without --overflow-dir: waits and says so; a second Ctrl+C gives the rest up, clearly', async () => {
    const db = join(disk.dir, 'z.db');
    const rec = start(['record', '--sensor', 'sim:speed=8,seed=13', '--db', db]);
    await rec.waitForStderr(/recording session 1/);
    await sleep(1000);
    disk.fill();
    await rec.waitForStderr(/Disk full/, 20_000);
    rec.proc.kill('SIGINT');
    await rec.waitForStderr(/Cadans waits for room to close the session\. Free some space, or stop again to give up/, 20_000);
    rec.proc.kill('SIGINT');
    const exit = await rec.exited;
    assert.equal(exit.code, 1);
    const last = rec.stderr().trimEnd().split('\n').pop()!;
    assert.match(last, /^cadans record: Given up: \d+ s of session 1 could not be saved \(disk full\) and are lost\.$/);
    assert.doesNotMatch(rec.stderr(), /internal error/);
  });
});

describe('SessionRecorder memory reserve on a full disk (real 2-MiB tmpfs)', { skip }, () => {
  afterEach(cleanDisk);
  test('beyond maxHeldSec newer data is not kept (a "disk-full" gap), then everything held is saved', async () => {
    const db = join(disk.dir, 'reserve.db');
    const storage = openStorage(db);
    const notices: StorageNotice[] = [];
    const ch = new FakeChannel('ch1', 'sim');
    const clientId = storage.clients.create({ name: 'Reserve' }).id;
    const rec = new SessionRecorder(storage, ch, {
      clientId,
      type: 'biofeedback',
      channel: 'ch1',
      maxHeldSec: 4,
      onStorage: (n) => notices.push(n),
      writerOptions: { syncWal: false, backgroundCheckpoint: false },
    });
    rec.start();
    const fs = 250;
    const sim = simSignal('sim:seed=5', 40 * fs);
    let t = 0;
    const emitSeconds = (sec: number): void => {
      for (let k = 0; k < sec * 10; k++, t += 0.1) ch.emitChunk(t, fs, sim.subarray(Math.round(t * fs), Math.round(t * fs) + fs / 10), false);
    };
    emitSeconds(2);
    assert.ok(rec.flushNow());
    disk.fill();
    emitSeconds(1);
    assert.equal(rec.flushNow(), false);
    assert.equal(notices[0]?.code, 'disk-full');
    emitSeconds(7); // 8 s held at most 4: from about 6 s on, nothing is kept
    assert.ok(notices.some((n) => n.code === 'dropping'), JSON.stringify(notices));
    assert.ok(rec.heldSec <= 4 + 0.11, `held ${rec.heldSec} s`);
    disk.free();
    assert.ok(rec.flushNow(), 'room again: what was held is saved');
    assert.equal(notices.at(-1)?.code, 'saved');
    emitSeconds(3);
    await rec.stop();
    const signal = readStoredSignal(storage, rec.sessionId);
    const gaps = storage.gaps.list(rec.sessionId);
    assert.equal(gaps.length, 1);
    assert.equal(gaps[0].reason, 'disk-full');
    assert.ok(Math.abs(gaps[0].startSec - 6) <= 0.11 && Math.abs(gaps[0].endSec - 10) <= 0.11, JSON.stringify(gaps));
    const stored = signal.reduce((a, s) => a + s.values.length, 0);
    assert.equal(stored, Math.round((13 - (gaps[0].endSec - gaps[0].startSec)) * fs));
    assert.equal(signal.length, 2, 'the dropped stretch is the only hole');
    storage.close();
  });
});

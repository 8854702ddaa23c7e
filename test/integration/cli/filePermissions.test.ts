// Client data is readable by the user only, whatever the umask (the test runs with umask 000,
// the most permissive): the data folder Cadans makes is 0700 (and its own folder in the user-data
// folder is tightened when an older version left it 0755), databases and their -wal/-shm files,
// recording locks, backups, restored databases, exports and reports are 0600; a database an older
// version left 0644 is tightened when it is next opened for writing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { recordingLockFile } from '../../../native-adapters/sqlite/openDatabase.js';
import { openStorage } from '../../../main/storage/storage.js';
import { runCli } from '../../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-modes-'));
let oldUmask = 0o022;
before(() => {
  oldUmask = process.umask(0o000); // inherited by the CLI processes the tests start
});
after(() => {
  process.umask(oldUmask);
  rmSync(dir, { recursive: true, force: true });
});

const mode = (p: string): string => (statSync(p).mode & 0o777).toString(8).padStart(4, '0');

describe('file modes (umask 000)', () => {
  test('the data folder and database made by `cadans record` in the user-data folder: 0700 and 0600', async () => {
    const cfg = join(dir, 'cfg');
    const env = { XDG_CONFIG_HOME: cfg, CADANS_DB: '' };
    const r = await runCli(['record', '--sensor', 'sim:speed=100,seed=1', '--seconds', '5', '--json'], { env });
    assert.equal(r.code, 0, r.stderr);
    const data = join(cfg, 'Cadans');
    assert.equal(mode(cfg), '0700');
    assert.equal(mode(data), '0700');
    for (const f of readdirSync(data)) {
      if (f.endsWith('.settings.json')) continue; // UI settings (language, display), no client data
      assert.equal(mode(join(data, f)), '0600', f);
    }
    assert.ok(existsSync(join(data, 'cadans.sqlite')));
  });

  test('an older installation (folder 0755, database 0644) is tightened on the next start', async () => {
    const cfg = join(dir, 'old-cfg');
    const data = join(cfg, 'Cadans');
    const env = { XDG_CONFIG_HOME: cfg, CADANS_DB: '' };
    assert.equal((await runCli(['record', '--sensor', 'sim:speed=100,seed=1', '--seconds', '3'], { env })).code, 0);
    chmodSync(data, 0o755);
    chmodSync(join(data, 'cadans.sqlite'), 0o644);
    assert.equal((await runCli(['record', '--sensor', 'sim:speed=100,seed=2', '--seconds', '3'], { env })).code, 0);
    assert.equal(mode(data), '0700');
    assert.equal(mode(join(data, 'cadans.sqlite')), '0600');
  });

  test('-wal, -shm and the recording lock follow the database: 0600', () => {
    const file = join(dir, 'nested', 'deeper', 'live.sqlite');
    const s = openStorage(file);
    try {
      assert.equal(mode(join(dir, 'nested')), '0700');
      assert.equal(mode(join(dir, 'nested', 'deeper')), '0700');
      const clientId = s.clients.create({ name: 'Modes' }).id;
      const id = s.sessions.create({ clientId, type: 'breathing' }).id;
      const lock = s.lockRecording(id)!;
      s.signal.appendChunk(id, { t0Sec: 0, fsHz: 100, values: new Float32Array(100) });
      for (const f of [file, file + '-wal', file + '-shm', recordingLockFile(file, id)]) assert.equal(mode(f), '0600', f);
      lock.release();
    } finally {
      s.close();
    }
  });

  test('backup, restore, export and report files: 0600', async () => {
    const db = join(dir, 'records.sqlite');
    const rec = await runCli(['record', '--sensor', 'sim:speed=100,seed=3', '--seconds', '20', '--db', db, '--json']);
    assert.equal(rec.code, 0, rec.stderr);
    const out = join(dir, 'out');
    mkdirSync(out);
    const bak = join(out, 'backup.sqlite');
    assert.equal((await runCli(['backup', '--out', bak, '--db', db])).code, 0);
    assert.equal(mode(bak), '0600');
    chmodSync(bak, 0o644); // a copy someone made readable
    const restored = join(dir, 'restored', 'cadans.sqlite');
    const r = await runCli(['restore', bak, '--db', restored]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(mode(restored), '0600');
    assert.equal(mode(join(dir, 'restored')), '0700');
    const again = await runCli(['restore', bak, '--db', restored]);
    assert.equal(again.code, 0, again.stderr);
    for (const f of readdirSync(join(dir, 'restored'))) assert.equal(mode(join(dir, 'restored', f)), '0600', f);
    const csv = join(out, 's.csv');
    assert.equal((await runCli(['export', '1', '--format', 'csv', '--out', csv, '--db', db])).code, 0);
    assert.equal(mode(csv), '0600');
    const html = join(out, 'r.html');
    const rep = await runCli(['report', '1', '--out', html, '--db', db]);
    assert.equal(rep.code, 0, rep.stderr);
    assert.equal(mode(html), '0600');
    assert.deepEqual(readdirSync(out).sort(), ['backup.sqlite', 'r.html', 's.csv'], 'no temporary files left');
  });
});

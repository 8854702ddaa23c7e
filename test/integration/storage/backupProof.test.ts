// Backups that prove themselves: every signal chunk carries the CRC-32 taken when it was recorded
// and a backup records the SHA-256 of its whole content. 40 flipped bytes in a backup's signal
// data, or a changed client name, are refused by restore with one clear sentence; a database whose
// signal bytes changed is refused by backup (no backup of silently damaged data). An output file
// that appears during a backup is never overwritten. Restore refuses targets that are folders or
// not Cadans databases, leaves no temporary copy, and temporary copies of killed runs are removed.
import { SCHEMA_VERSION } from '../../../native-adapters/sqlite/migrations.js';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  backupDatabase,
  DatabaseFileError,
  removeStaleTemporaryCopies,
  restoreDatabase,
  verifySignalChecksums,
  openDatabase,
  closeDatabase,
} from '../../../native-adapters/sqlite/openDatabase.js';
import { encodeFloat32LE } from '../../../main/storage/float32Blob.js';
import { openStorage } from '../../../main/storage/storage.js';
import { listDir, makeForeignDatabase, makeSampleDatabase, makeTempDir, removeTempDirs, snapshot, undoSyncSchema } from './storageTestUtils.js';

after(removeTempDirs);

/** A database whose session 1 holds 20 chunks of 1 s at 100 Hz with distinctive values. */
function signalDatabase(file: string): Float32Array[] {
  const s = openStorage(file);
  const clientId = s.clients.create({ name: 'Marie Jansen', complaint: 'sleeps badly since March' }).id;
  const id = s.sessions.create({ clientId, type: 'breathing', fsHz: 100 }).id;
  const w = s.writer(id, { syncWal: false });
  const chunks: Float32Array[] = [];
  for (let sec = 0; sec < 20; sec++) {
    const v = Float32Array.from({ length: 100 }, (_, i) => 1000 + Math.sin((sec * 100 + i) / 7) * 300);
    chunks.push(v);
    w.pushSamples({ t0Sec: sec, fsHz: 100, values: v });
  }
  w.finish('complete');
  s.close();
  return chunks;
}

/**
 * Flip `count` bytes of `file` inside every copy of `needle` (the file may also hold an old copy
 * of a page in its free space).
 */
function flipBytesAt(file: string, needle: Buffer, count: number): void {
  const bytes = readFileSync(file);
  let copies = 0;
  for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) {
    for (let i = 0; i < count; i++) bytes[at + 4 + i] ^= 0xff;
    copies++;
  }
  assert.ok(copies > 0, 'the bytes to flip are in the file');
  writeFileSync(file, bytes);
}

function assertRefusedUntouched(from: string, target: string, message: RegExp): void {
  const dir = join(target, '..');
  const before = snapshot(target);
  const files = listDir(dir);
  assert.throws(
    () => restoreDatabase(from, target),
    (e: unknown) => {
      assert.ok(e instanceof DatabaseFileError, String(e));
      assert.match(e.message, message);
      assert.doesNotMatch(e.message, /\n/);
      return true;
    },
  );
  assert.deepEqual(snapshot(target), before, 'target unchanged');
  assert.deepEqual(listDir(dir), files, 'no files added or removed');
}

describe('checksums', () => {
  test('every stored chunk has the CRC-32 of its bytes; a backup records its content digest and restore checks both', async () => {
    const dir = makeTempDir();
    signalDatabase(join(dir, 'src.db'));
    const s = openStorage(join(dir, 'src.db'), { readonly: true });
    assert.deepEqual(verifySignalChecksums(s.db), { checked: 20, unchecked: 0, damaged: [] });
    const r = await backupDatabase(s.db, join(dir, 'b.db'));
    s.close();
    assert.equal(r.chunksChecked, 20);
    assert.match(r.digest, /^[0-9a-f]{64}$/);
    makeSampleDatabase(join(dir, 'cadans.db'));
    const restored = restoreDatabase(r.file, join(dir, 'cadans.db'));
    assert.equal(restored.digestChecked, true);
    assert.equal(restored.chunksChecked, 20);
    const back = openDatabase(join(dir, 'cadans.db'), { readonly: true });
    assert.equal(back.prepare("SELECT count(*) FROM app_meta WHERE key LIKE 'backup_%'").pluck().get(), 0, 'restored: a database again, not a backup');
    closeDatabase(back);
  });

  test('a backup with 40 flipped bytes in its signal data is refused; the current database is untouched', async () => {
    const dir = makeTempDir();
    const chunks = signalDatabase(join(dir, 'src.db'));
    const s = openStorage(join(dir, 'src.db'), { readonly: true });
    const b = (await backupDatabase(s.db, join(dir, 'b.db'))).file;
    s.close();
    makeSampleDatabase(join(dir, 'cadans.db'));
    flipBytesAt(b, encodeFloat32LE(chunks[7]), 40);
    assertRefusedUntouched(
      b,
      join(dir, 'cadans.db'),
      /b\.db is damaged: 1 signal chunk of session 1 \(first at 7\.0 s\) no longer matches the checksum taken when it was recorded\. The current database \(cadans\.db\) was not changed\./,
    );
  });

  test('a backup whose client data changed (a complaint, not the signal: SQLite sees nothing wrong) is refused by its content checksum', async () => {
    const dir = makeTempDir();
    signalDatabase(join(dir, 'src.db'));
    const s = openStorage(join(dir, 'src.db'), { readonly: true });
    const b = (await backupDatabase(s.db, join(dir, 'b.db'))).file;
    s.close();
    makeSampleDatabase(join(dir, 'cadans.db'));
    const bytes = readFileSync(b);
    const at = bytes.indexOf(Buffer.from('sleeps badly'));
    assert.ok(at > 0);
    bytes.write('sleeps fine!', at, 'latin1');
    writeFileSync(b, bytes);
    assertRefusedUntouched(b, join(dir, 'cadans.db'), /does not match the checksum recorded when the backup was made: its content was changed or damaged since/);
  });

  test('backup refuses a database whose signal bytes changed since they were recorded (no backup written)', async () => {
    const dir = makeTempDir();
    const chunks = signalDatabase(join(dir, 'src.db'));
    flipBytesAt(join(dir, 'src.db'), encodeFloat32LE(chunks[3]), 8);
    const s = openStorage(join(dir, 'src.db'), { readonly: true });
    await assert.rejects(backupDatabase(s.db, join(dir, 'out', 'b.db')), (e: unknown) => {
      assert.ok(e instanceof DatabaseFileError && e.problem === 'corrupt', String(e));
      assert.match(e.message, /src\.db is damaged: 1 signal chunk of session 1 \(first at 3\.0 s\) no longer matches .* No backup was written/);
      return true;
    });
    s.close();
    assert.deepEqual(listDir(join(dir, 'out')), [], 'no backup and no partial copy');
  });
});

describe('a database from before checksums (version 1)', () => {
  test('is read as it is (read-only, e.g. on a full disk), backed up with its chunks counted as unchecked, and upgraded when written', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'v1.db');
    signalDatabase(file);
    // As version 1 wrote it: no checksum column.
    const raw = openDatabase(file);
    raw.exec('ALTER TABLE signal_chunks DROP COLUMN crc32');
    raw.exec('DROP TABLE access_log'); // added by migration 3 (its triggers go with it)
    raw.exec('DROP TABLE record_history'); // added by migration 4, with the column below
    raw.exec('DROP TABLE prescriptions'); // added by migration 5
    raw.exec('ALTER TABLE questionnaire_scores DROP COLUMN items');
    raw.exec('DROP INDEX sessions_group; ALTER TABLE sessions DROP COLUMN group_id; DROP TABLE session_groups'); // group sessions
    undoSyncSchema(raw); // migration 10
    raw.pragma('user_version = 1');
    closeDatabase(raw);

    const ro = openStorage(file, { readonly: true });
    assert.equal(ro.sessions.require(1).samples, 2000);
    assert.deepEqual(ro.questionnaires.listByClient(1), [], 'questionnaires readable without the items column');
    assert.deepEqual(ro.history.list({ clientId: 1 }), [], 'no history table yet: an empty history');
    assert.deepEqual(ro.prescriptions.listByClient(1), [], 'no prescriptions table yet: none');
    assert.deepEqual(verifySignalChecksums(ro.db), { checked: 0, unchecked: 20, damaged: [] });
    const r = await backupDatabase(ro.db, join(dir, 'b.db'));
    ro.close();
    assert.equal(r.schemaVersion, 1);
    assert.deepEqual([r.chunksChecked, r.chunksUnchecked], [0, 20]);
    assert.equal(restoreDatabase(r.file, join(dir, 'r.db')).digestChecked, true, 'the content checksum still covers everything');

    const rw = openStorage(file);
    assert.equal(rw.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    rw.signal.appendChunk(1, { t0Sec: 20, fsHz: 100, values: new Float32Array(100).fill(3) });
    assert.deepEqual(verifySignalChecksums(rw.db), { checked: 1, unchecked: 20, damaged: [] });
    rw.close();
  });
});

describe('backup output', () => {
  test('a file created at --out during the backup is never overwritten; no partial copy is left', async () => {
    const dir = makeTempDir();
    makeSampleDatabase(join(dir, 'src.db'), 400);
    const s = openStorage(join(dir, 'src.db'), { readonly: true });
    const out = join(dir, 'b.db');
    let created = false;
    await assert.rejects(
      backupDatabase(s.db, out, {
        onProgress: () => {
          if (!created) writeFileSync(out, 'someone else’s file');
          created = true;
        },
      }),
      (e: unknown) => e instanceof DatabaseFileError && e.problem === 'exists' && /already exists; Cadans does not overwrite it/.test(e.message),
    );
    s.close();
    assert.equal(readFileSync(out, 'utf8'), 'someone else’s file');
    assert.deepEqual(listDir(dir).filter((f) => f.startsWith('b.db')), ['b.db']);
  });
});

describe('restore targets', () => {
  test('a folder, a non-database and another application\'s database are refused and left alone', async () => {
    const dir = makeTempDir();
    makeSampleDatabase(join(dir, 'src.db'));
    const s = openStorage(join(dir, 'src.db'), { readonly: true });
    const b = (await backupDatabase(s.db, join(dir, 'b.db'))).file;
    s.close();

    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'inside.txt'), 'x');
    assert.throws(() => restoreDatabase(b, folder), /a-folder is a folder, not a database file; restore refuses to replace it\. Nothing was changed\.$/);
    assert.deepEqual(listDir(folder), ['inside.txt']);

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'my notes '.repeat(100));
    assertRefusedUntouched(b, text, /notes\.txt is not a Cadans database \(not an SQLite database file at all\); restore refuses to replace it\. Nothing was changed\.$/);

    const foreign = join(dir, 'other-app.db');
    makeForeignDatabase(foreign);
    assertRefusedUntouched(b, foreign, /another application.*Restore refuses to replace it\. Nothing was changed\.$/);
  });

  test('temporary copies of killed backups and restores are removed; those of running processes stay', () => {
    const dir = makeTempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    const stale = [`cadans.db.restoring-${deadPid}-1700000000000`, `cadans.db.restoring-${deadPid}-1700000000000-wal`, `b.db.partial-${deadPid}-1700000000001`];
    const live = `b.db.partial-${process.pid}-1700000000002`;
    for (const f of [...stale, live, 'cadans.db', 'notes.partial-x']) writeFileSync(join(dir, f), 'x');
    assert.deepEqual(removeStaleTemporaryCopies(dir), [...stale].sort());
    assert.deepEqual(listDir(dir), [live, 'cadans.db', 'notes.partial-x'].sort());
    assert.ok(existsSync(join(dir, live)));
  });
});

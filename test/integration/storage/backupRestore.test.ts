// Online backup (SQLite backup API) and restore: round trip, the previous database kept,
// and refusing cut-off, random, foreign, too-new, damaged or missing backups with the
// target untouched.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  backupDatabase,
  closeDatabase,
  contentDigest,
  DatabaseFileError,
  openDatabase,
  restoreDatabase,
  SCHEMA_VERSION,
} from '../../../native-adapters/sqlite/openDatabase.js';
import { openStorage } from '../../../main/storage/storage.js';
import {
  damagePage,
  fillSample,
  listDir,
  makeForeignDatabase,
  makeSampleDatabase,
  makeTempDir,
  removeTempDirs,
  rootPage,
  snapshot,
} from './storageTestUtils.js';

after(removeTempDirs);

describe('backupDatabase', () => {
  test('backs up a live database (while it is written) to one self-contained file', async () => {
    const dir = makeTempDir();
    const s = openStorage(join(dir, 'live.db'));
    const { sessionId } = fillSample(s, 50);
    const w = s.writer(sessionId);
    w.pushSamples({ t0Sec: 3, fsHz: 100, values: new Float32Array(100).fill(7) });
    const pending = backupDatabase(s.db, join(dir, 'backups', 'b1.db'), { onProgress: () => w.flush() });
    const r = await pending;
    assert.equal(r.schemaVersion, SCHEMA_VERSION);
    assert.ok(r.bytes > 0 && r.pages > 0);
    assert.equal(existsSync(r.file + '-wal'), false);
    assert.equal(readFileSync(r.file)[18], 1, 'rollback-journal file (no WAL needed to read it)');
    assert.deepEqual(listDir(join(dir, 'backups')), ['b1.db'], 'no temporary files left');
    const b = openStorage(r.file, { readonly: true });
    assert.equal(b.clients.list().length, 50);
    assert.equal(b.sessions.require(sessionId).status, 'complete');
    b.close();

    await assert.rejects(backupDatabase(s.db, r.file), (e: unknown) => e instanceof DatabaseFileError && e.problem === 'exists');
    const r2 = await backupDatabase(s.db, r.file, { overwrite: true });
    assert.equal(r2.file, r.file);
    await assert.rejects(backupDatabase(s.db, join(dir, 'live.db')), /onto itself/);
    s.close();
  });
});

describe('restoreDatabase', () => {
  test('round trip: restore over a changed database, the previous one kept next to it', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'cadans.db');
    const s = openStorage(file);
    const { sessionId } = fillSample(s, 3);
    const samplesBefore = s.signal.read(sessionId)[0].values;
    const backup = (await backupDatabase(s.db, join(dir, 'backup.db'))).file;
    s.clients.create({ name: 'Added after the backup' });
    const current = contentDigest(s.db);
    s.close();

    const r = restoreDatabase(backup, file, { now: new Date('2025-06-15T12:34:56.789Z') });
    assert.equal(r.previousFile, `${file}.before-restore-2025-06-15T12-34-56-789Z`);
    assert.equal(r.digestChecked, true);
    assert.equal(r.chunksChecked, 3);
    const kept = openDatabase(r.previousFile, { readonly: true });
    assert.equal(contentDigest(kept), current, 'the previous database is kept with all its content');
    closeDatabase(kept);
    assert.equal(readFileSync(r.previousFile)[18], 1, 'folded into one file (rollback journal): complete without companions');
    assert.equal(r.schemaVersion, SCHEMA_VERSION);
    const back = openStorage(file);
    assert.equal(back.clients.list().length, 3);
    assert.deepEqual(back.signal.read(sessionId)[0].values, samplesBefore);
    back.close();
    const prev = openStorage(r.previousFile, { readonly: true });
    assert.equal(prev.clients.list().length, 4);
    prev.close();
  });

  test('restores into a new location (no previous database)', () => {
    const dir = makeTempDir();
    makeSampleDatabase(join(dir, 'src.db'));
    const r = restoreDatabase(join(dir, 'src.db'), join(dir, 'new', 'cadans.db'));
    assert.equal(r.previousFile, null);
    const db = openDatabase(r.file);
    assert.equal(db.prepare('SELECT count(*) FROM sessions').pluck().get(), 1);
    closeDatabase(db);
  });

  test('a target that is open elsewhere is refused and left in place', () => {
    const dir = makeTempDir();
    makeSampleDatabase(join(dir, 'src.db'));
    const target = join(dir, 'cadans.db');
    const open = openStorage(target);
    try {
      assert.throws(() => restoreDatabase(join(dir, 'src.db'), target), (e: unknown) => e instanceof DatabaseFileError && e.problem === 'in-use');
      assert.equal(open.clients.list().length, 0);
      assert.deepEqual(listDir(dir).filter((f) => f.includes('restor')), []);
    } finally {
      open.close();
    }
  });

  describe('bad backups are refused with a clear message; the target is untouched', () => {
    function assertRestoreRefused(from: string, problem: string, messagePart: RegExp): void {
      const dir = join(from, '..');
      const target = join(dir, 'cadans.db');
      if (!existsSync(target)) makeSampleDatabase(target);
      const before = snapshot(target);
      const sourceBefore = snapshot(from);
      const files = listDir(dir);
      assert.throws(
        () => restoreDatabase(from, target),
        (e: unknown) => {
          assert.ok(e instanceof DatabaseFileError, String(e));
          assert.equal(e.problem, problem, e.message);
          assert.match(e.message, messagePart);
          assert.ok(e.message.includes(from), 'names the backup file');
          assert.match(e.message, /The current database \(cadans\.db\) was not changed\./);
          return true;
        },
      );
      assert.deepEqual(snapshot(target), before, 'target unchanged');
      assert.deepEqual(snapshot(from), sourceBefore, 'backup unchanged');
      assert.deepEqual(listDir(dir), files, 'no files added or removed');
    }

    test('a truncated backup', async () => {
      const dir = makeTempDir();
      const s = openStorage(join(dir, 'src.db'));
      fillSample(s, 300);
      const b = (await backupDatabase(s.db, join(dir, 'b.db'))).file;
      s.close();
      const bytes = readFileSync(b);
      writeFileSync(b, bytes.subarray(0, bytes.length - 3 * 4096));
      assertRestoreRefused(b, 'truncated', /cut off/);
    });

    test('a backup cut inside the header', () => {
      const dir = makeTempDir();
      makeSampleDatabase(join(dir, 'src.db'));
      writeFileSync(join(dir, 'b.db'), readFileSync(join(dir, 'src.db')).subarray(0, 60));
      assertRestoreRefused(join(dir, 'b.db'), 'truncated', /cut off/);
    });

    test('an empty file', () => {
      const dir = makeTempDir();
      writeFileSync(join(dir, 'b.db'), '');
      assertRestoreRefused(join(dir, 'b.db'), 'truncated', /empty/);
    });

    test('random bytes', () => {
      const dir = makeTempDir();
      writeFileSync(join(dir, 'b.db'), randomBytes(64 * 1024));
      assertRestoreRefused(join(dir, 'b.db'), 'not-sqlite', /not an SQLite database/);
    });

    test('a foreign SQLite database (other schema)', () => {
      const dir = makeTempDir();
      makeForeignDatabase(join(dir, 'b.db'));
      assertRestoreRefused(join(dir, 'b.db'), 'foreign', /another application/);
    });

    test('a database from a newer Cadans', () => {
      const dir = makeTempDir();
      makeSampleDatabase(join(dir, 'b.db'));
      const db = openDatabase(join(dir, 'b.db'));
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      closeDatabase(db);
      assertRestoreRefused(join(dir, 'b.db'), 'too-new', /newer Cadans/);
    });

    test('a damaged backup (integrity_check)', () => {
      const dir = makeTempDir();
      makeSampleDatabase(join(dir, 'b.db'), 300);
      const { page, pageSize } = rootPage(join(dir, 'b.db'), 'clients');
      damagePage(join(dir, 'b.db'), page, pageSize);
      assertRestoreRefused(join(dir, 'b.db'), 'corrupt', /damaged/);
    });

    test('a file that does not exist', () => {
      const dir = makeTempDir();
      assertRestoreRefused(join(dir, 'missing.db'), 'not-found', /does not exist/);
    });
  });
});

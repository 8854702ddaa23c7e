// The encrypted database in-process (see native-adapters/sqlite/databaseKey.ts): the file starts
// with the random salt SQLCipher was given (no SQLite header), reopens only with the passphrase,
// and the other connections to it — the WAL checkpointer's worker thread — get its derived key.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, test } from 'node:test';
import {
  closeDatabase,
  DatabaseFileError,
  looksEncrypted,
  openDatabase,
  rawKeyOf,
  setDatabasePassphrase,
  WalCheckpointer,
} from '../../../native-adapters/sqlite/openDatabase.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-encrypted-db-'));
after(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => setDatabasePassphrase(null));

describe('encrypted database (in-process)', () => {
  test('made with a passphrase: salt first, no header, no text; the wrong passphrase and none are refused untouched', () => {
    setDatabasePassphrase('een lange zin als sleutel');
    const file = join(dir, 'a.sqlite');
    const db = openDatabase(file);
    db.prepare("INSERT INTO app_meta (key, value) VALUES ('probe', 'Zichtbare tekst')").run();
    assert.match(rawKeyOf(db) ?? '', /^[0-9a-f]{64}$/);
    closeDatabase(db);
    const bytes = readFileSync(file);
    assert.ok(looksEncrypted(file));
    assert.equal(bytes.includes('SQLite format 3'), false);
    assert.equal(bytes.includes('Zichtbare tekst'), false);
    assert.equal(bytes.includes('cadans'), false);
    const before = readdirSync(dir).sort();

    setDatabasePassphrase('een andere zin');
    assert.throws(() => openDatabase(file), (e: unknown) => e instanceof DatabaseFileError && e.problem === 'wrong-passphrase');
    assert.throws(() => openDatabase(file, { readonly: true }), (e: unknown) => e instanceof DatabaseFileError && e.problem === 'wrong-passphrase');
    setDatabasePassphrase(null);
    const saved = process.env.CADANS_PASSPHRASE;
    delete process.env.CADANS_PASSPHRASE;
    try {
      assert.throws(() => openDatabase(file), (e: unknown) => e instanceof DatabaseFileError && /set CADANS_PASSPHRASE/.test(e.message));
    } finally {
      if (saved !== undefined) process.env.CADANS_PASSPHRASE = saved;
    }
    assert.deepEqual(readdirSync(dir).sort(), before);
    assert.deepEqual(readFileSync(file), bytes);

    setDatabasePassphrase('een lange zin als sleutel');
    const again = openDatabase(file, { readonly: true });
    assert.equal(again.prepare("SELECT value FROM app_meta WHERE key = 'probe'").pluck().get(), 'Zichtbare tekst');
    closeDatabase(again);
  });

  test("the WAL checkpointer's worker connection gets the key and checkpoints", async () => {
    setDatabasePassphrase('een lange zin als sleutel');
    const file = join(dir, 'b.sqlite');
    const db = openDatabase(file);
    const cp = new WalCheckpointer(db, 3_600_000);
    try {
      const insert = db.prepare("INSERT INTO app_meta (key, value) VALUES (?, 'x')");
      for (let i = 0; i < 50; i++) insert.run(`k${i}`);
      await cp.checkpointNow();
      assert.equal(cp.stats.failures, 0, cp.stats.lastError ?? '');
      assert.equal(cp.stats.checkpoints, 1);
      assert.ok(cp.stats.lastCheckpointedFrames > 0, 'frames were copied into the encrypted file');
    } finally {
      cp.close();
      closeDatabase(db);
    }
    assert.equal(existsSync(file + '-wal') && readFileSync(file + '-wal').includes('k49'), false);
  });
});

// Unlocking an encrypted database at the desktop app's start (main/app/unlockDatabase.ts, the
// plain-Node part of the Electron prompt): the key store's passphrase first, then the therapist's
// answers until one opens the file; a typed passphrase that works is kept, a stale kept one is
// forgotten, cancelling stops; a plaintext database needs nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, test } from 'node:test';
import { unlockDatabase, type PassphraseStore } from '../../../main/app/unlockDatabase.js';
import { closeDatabase, databasePassphrase, openDatabase, setDatabasePassphrase } from '../../../native-adapters/sqlite/openDatabase.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-unlock-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const saved = process.env.CADANS_PASSPHRASE;
delete process.env.CADANS_PASSPHRASE;
after(() => {
  if (saved !== undefined) process.env.CADANS_PASSPHRASE = saved;
});
afterEach(() => setDatabasePassphrase(null));

const PASS = 'wachtwoord van de praktijk';
const encrypted = join(dir, 'enc.sqlite');
const plain = join(dir, 'plain.sqlite');
setDatabasePassphrase(PASS);
closeDatabase(openDatabase(encrypted));
setDatabasePassphrase(null);
closeDatabase(openDatabase(plain));

function memoryStore(initial: string | null): PassphraseStore & { value: string | null } {
  const s = {
    value: initial,
    load: () => s.value,
    save: (p: string) => void (s.value = p),
    forget: () => void (s.value = null),
  };
  return s;
}

describe('unlocking the database at start', () => {
  test('a plaintext database: no prompt, no passphrase', async () => {
    const r = await unlockDatabase(plain, { prompt: () => assert.fail('no prompt'), store: memoryStore(null) });
    assert.equal(r, 'plaintext');
    assert.equal(databasePassphrase(), null);
  });

  test('asked until the passphrase opens it (the wrong answer said), then kept in the key store', async () => {
    const store = memoryStore(null);
    const asked: boolean[] = [];
    const answers = ['verkeerd', PASS];
    const r = await unlockDatabase(encrypted, { prompt: async (wrong) => (asked.push(wrong), answers.shift()!), store });
    assert.equal(r, 'unlocked');
    assert.deepEqual(asked, [false, true]);
    assert.equal(store.value, PASS);
    assert.equal(databasePassphrase(), PASS);
    const db = openDatabase(encrypted);
    closeDatabase(db);
  });

  test('the kept passphrase unlocks without asking; a stale one is forgotten and the therapist asked; cancel stops', async () => {
    assert.equal(await unlockDatabase(encrypted, { prompt: () => assert.fail('no prompt'), store: memoryStore(PASS) }), 'unlocked');
    setDatabasePassphrase(null);
    const stale = memoryStore('oud wachtwoord');
    assert.equal(await unlockDatabase(encrypted, { prompt: async () => null, store: stale }), 'cancelled');
    assert.equal(stale.value, null);
    assert.equal(databasePassphrase(), null);
    assert.equal(await unlockDatabase(encrypted, { prompt: async () => 'steeds fout', store: null, maxAttempts: 3 }), 'cancelled');
  });
});

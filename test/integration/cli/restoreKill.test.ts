// `cadans restore` killed between its steps (the test hook CADANS_TEST_PAUSE_RESTORE pauses it
// there; the test sends SIGKILL): at every step the database file is a complete, valid Cadans
// database — the old one before the rename, the restored one after it — so the next command finds
// a database (never an empty new one) and removes the temporary copy the kill left behind. Also:
// a flipped-byte backup is refused in one line, and a folder given as --db is refused and left as
// it is.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { checkDatabase, PAUSE_RESTORE_ENV } from '../../../native-adapters/sqlite/openDatabase.js';
import { openStorage } from '../../../main/storage/storage.js';
import { startCli } from '../../support/cliProcess.js';
import { runCli } from '../../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-restore-kill-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const backup = join(dir, 'backup.sqlite');

/** Client names in a database (opened read-only). */
function clientNames(file: string): string[] {
  const s = openStorage(file, { readonly: true });
  try {
    assert.deepEqual(checkDatabase(s.db, 'full'), [], 'integrity ok');
    return s.clients.list().map((c) => c.name).sort();
  } finally {
    s.close();
  }
}

/** A database with the clients `names` (one recorded session each). */
async function makeDb(file: string, names: string[]): Promise<void> {
  for (const [i, name] of names.entries()) {
    const r = await runCli(['record', '--sensor', `sim:speed=100,seed=${2 + i}`, '--seconds', '5', '--client', name, '--db', file, '--json']);
    assert.equal(r.code, 0, r.stderr);
  }
}

before(async () => {
  const src = join(dir, 'src.sqlite');
  await makeDb(src, ['In backup A', 'In backup B']);
  const b = await runCli(['backup', '--out', backup, '--db', src]);
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /; 10 signal chunks match their checksums; content checksum recorded\)\.\n$/);
});

describe('cadans restore killed between its steps', () => {
  for (const [step, expect] of [
    ['after-copy', 'old'],
    ['after-link', 'old'],
    ['after-rename', 'new'],
  ] as const) {
    test(`killed ${step}: a valid database (the ${expect} one); the next command cleans up`, async () => {
      const db = join(dir, `${step}.sqlite`);
      await makeDb(db, ['Current client']);
      const run = startCli(['restore', backup, '--db', db], { [PAUSE_RESTORE_ENV]: step, CADANS_TEST_PAUSE_MS: '60000' });
      await run.waitForStderr(new RegExp(`test pause at ${step}`));
      run.proc.kill('SIGKILL');
      await run.exited;

      assert.ok(existsSync(db), 'there is always a database file');
      assert.deepEqual(clientNames(db), expect === 'old' ? ['Current client'] : ['In backup A', 'In backup B']);
      const kept = readdirSync(dir).filter((f) => f.startsWith(`${step}.sqlite.before-restore-`));
      if (step === 'after-copy') assert.deepEqual(kept, []);
      else assert.deepEqual(clientNames(join(dir, kept[0]!)), ['Current client'], 'the old database is kept as well');

      // The next command (a listing, as the app's start would) opens this database and removes the copy.
      const leftovers = (): string[] => readdirSync(dir).filter((f) => f.startsWith(`${step}.sqlite.restoring-`));
      if (step !== 'after-rename') assert.equal(leftovers().length, 1, 'the kill left the checked copy');
      const list = await runCli(['clients', '--db', db, '--json']);
      assert.equal(list.code, 0, list.stderr);
      assert.deepEqual(leftovers(), []);
      // And restoring again works.
      const again = await runCli(['restore', backup, '--db', db]);
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual(clientNames(db), ['In backup A', 'In backup B']);
    });
  }
});

describe('cadans restore refuses', () => {
  test('a backup with 40 flipped bytes in its signal data: one line, nothing changed', async () => {
    const flipped = join(dir, 'flipped.sqlite');
    const bytes = readFileSync(backup);
    const s = openStorage(backup, { readonly: true });
    const blob = s.db.prepare('SELECT data FROM signal_chunks ORDER BY id LIMIT 1 OFFSET 2').pluck().get() as Buffer;
    s.close();
    let copies = 0;
    for (let at = bytes.indexOf(blob); at >= 0; at = bytes.indexOf(blob, at + 1), copies++) {
      for (let i = 0; i < 40; i++) bytes[at + 100 + i] ^= 0x5a;
    }
    assert.ok(copies > 0);
    writeFileSync(flipped, bytes);
    const db = join(dir, 'target.sqlite');
    await makeDb(db, ['Keep me']);
    const before = readFileSync(db);
    const r = await runCli(['restore', flipped, '--db', db]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^cadans restore: .*flipped\.sqlite is damaged: 1 signal chunk of session \d+ .* no longer matches the checksum taken when it was recorded\. The current database \(target\.sqlite\) was not changed\.$/);
    assert.deepEqual(readFileSync(db), before);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('target.sqlite.')), []);
  });

  test('a folder given as --db: one line, the folder stays as it is', async () => {
    const folder = join(dir, 'not-a-db');
    mkdirSync(folder);
    writeFileSync(join(folder, 'file.txt'), 'x');
    const r = await runCli(['restore', backup, '--db', folder]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^cadans restore: .*not-a-db is a folder, not a database file; restore refuses to replace it\. Nothing was changed\.\n$/);
    assert.ok(statSync(folder).isDirectory());
    assert.deepEqual(readdirSync(folder), ['file.txt']);
  });
});

// Migration 12 (issue 14): the nickname a client chooses for the group display. Stored and
// validated through the clients repository; a database from before it is read read-only as it
// is (no nicknames); an edit of the nickname is queued for the practice database like any other
// client edit (migration 10's outbox).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { joinPractice } from '../../../main/practice/localSyncState.js';
import { PUSH_TABLES } from '../../../main/practice/pushTables.js';
import { openStorage } from '../../../main/storage/storage.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../native-adapters/sqlite/migrations.js';
import { SCHEMA_NICKNAME } from '../../../native-adapters/sqlite/schemaNickname.js';
import { closeDatabase, openDatabase } from '../../../native-adapters/sqlite/openDatabase.js';
import { ValidationError } from '../../../shared/domain/validationResult.js';
import { makeTempDir, removeTempDirs, undoNicknameSchema } from './storageTestUtils.js';

after(removeTempDirs);

const NICKNAME = MIGRATIONS.find((m) => m.sql === SCHEMA_NICKNAME)!;

function codesOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => `${i.field}:${i.code}`);
    throw e;
  }
  assert.fail('expected a ValidationError');
}

describe('migration 12: clients.nickname', () => {
  test('created, changed and cleared through the repository; listed with the clients', () => {
    const s = openStorage(join(makeTempDir(), 'db.sqlite'));
    try {
      const a = s.clients.create({ name: 'Anna de Vries', nickname: '  Zonnetje ' });
      assert.equal(a.nickname, 'Zonnetje');
      const b = s.clients.create({ name: 'Bas Jansen' });
      assert.equal(s.clients.require(b.id).nickname, null);
      assert.equal(s.clients.update(b.id, { nickname: 'Bas J' }).nickname, 'Bas J');
      assert.deepEqual(s.clients.list().map((c) => [c.name, c.nickname]), [['Anna de Vries', 'Zonnetje'], ['Bas Jansen', 'Bas J']]);
      // Changing another field keeps the nickname; an empty one clears it.
      assert.equal(s.clients.update(a.id, { notes: 'x' }).nickname, 'Zonnetje');
      assert.equal(s.clients.update(a.id, { nickname: '' }).nickname, null);
      assert.equal(s.clients.require(a.id).nickname, null);
    } finally {
      s.close();
    }
  });

  test('too long or with control characters: refused with a coded message, nothing stored', () => {
    const s = openStorage(join(makeTempDir(), 'db.sqlite'));
    try {
      const a = s.clients.create({ name: 'Anna', nickname: 'Ans' });
      assert.deepEqual(codesOf(() => s.clients.update(a.id, { nickname: 'x'.repeat(21) })), ['nickname:tooLong']);
      assert.deepEqual(codesOf(() => s.clients.update(a.id, { nickname: 'An\tna' })), ['nickname:controlChars']);
      assert.deepEqual(codesOf(() => s.clients.update(a.id, { nickname: 'An\u202Ena' })), ['nickname:controlChars'], 'a bidi override is refused too');
      assert.deepEqual(codesOf(() => s.clients.create({ name: 'Cor', nickname: 'a\nb' })), ['nickname:controlChars']);
      assert.equal(s.clients.require(a.id).nickname, 'Ans');
      assert.equal(s.clients.count(), 1);
      assert.equal(s.clients.update(a.id, { nickname: 'Zoë 🌞' }).nickname, 'Zoë 🌞', 'letters and emoji are fine');
    } finally {
      s.close();
    }
  });

  test('an older database: read-only it shows no nicknames; opened to write it gains the column and keeps its data', () => {
    assert.equal(NICKNAME.version, 12);
    assert.equal(NICKNAME.readCompatible, true);
    const file = join(makeTempDir(), 'before.sqlite');
    const raw = openDatabase(file);
    undoNicknameSchema(raw);
    raw.pragma(`user_version = ${NICKNAME.version - 1}`);
    raw.prepare("INSERT INTO clients (name, created_at) VALUES ('Oud', '2025-01-01T00:00:00.000Z')").run();
    closeDatabase(raw);

    const ro = openStorage(file, { readonly: true });
    try {
      assert.deepEqual(ro.clients.list().map((c) => [c.name, c.nickname]), [['Oud', null]]);
    } finally {
      ro.close();
    }
    const rw = openStorage(file);
    try {
      assert.equal(rw.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.equal(rw.clients.update(1, { nickname: 'Opa' }).nickname, 'Opa');
      assert.equal(rw.clients.require(1).name, 'Oud');
    } finally {
      rw.close();
    }
  });

  test('practice mode: a nickname edit is queued for the server and the push carries it', () => {
    const s = openStorage(join(makeTempDir(), 'db.sqlite'));
    try {
      const a = s.clients.create({ name: 'Anna' });
      joinPractice(s.db);
      s.db.prepare('DELETE FROM sync_outbox').run();
      s.clients.update(a.id, { nickname: 'Ans' });
      assert.deepEqual(s.db.prepare('SELECT tbl, row_id, op FROM sync_outbox').raw().all(), [['clients', a.id, 'upsert']]);
      const push = PUSH_TABLES.clients!;
      assert.ok(push.columns.includes('nickname'));
      const row = push.read(s.db, [a.id])[0]!;
      assert.equal(row.length, push.columns.length, 'a value per server column');
      assert.equal(row[push.columns.indexOf('nickname')], 'Ans');
    } finally {
      s.close();
    }
  });
});

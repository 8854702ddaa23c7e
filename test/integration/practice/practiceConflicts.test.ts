// Practice mode (issue 17): the same client edited on two workstations while apart. The last edit
// (by edit time) is kept on both after they sync, whichever is sent first; the workstation that
// finds the conflict logs both versions — who, which workstation, when, which value — in its
// access log, which reaches the server. The server's access log shows who did what from which
// workstation, named (CADANS_WORKSTATION).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openStorage } from '../../../main/storage/storage.js';
import { connectPractice } from '../../../native-adapters/pg/practiceConnection.js';
import { runCli } from '../../support/runCli.js';
import { pgSkipReason, startPgTestServer, type PgTestServer } from '../../support/pgTestServer.js';

const skip = pgSkipReason();
const dir = mkdtempSync(join(tmpdir(), 'cadans-pconf-'));
const ROOMS = { A: { db: join(dir, 'room1.sqlite'), name: 'kamer 1' }, B: { db: join(dir, 'room2.sqlite'), name: 'kamer 2' } };
type Room = (typeof ROOMS)['A'];
let pg: PgTestServer;

before(async () => {
  if (!skip) pg = await startPgTestServer();
});
after(async () => {
  await pg?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function cadans(room: Room, args: string[]): ReturnType<typeof runCli> {
  return runCli([...args, '--db', room.db], { env: { CADANS_PRACTICE_DB: pg.url, CADANS_LANG: 'en', CADANS_WORKSTATION: room.name }, timeoutMs: 120_000 });
}

async function push(room: Room): Promise<void> {
  const r = await cadans(room, ['practice', 'push', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { waiting: number }).waiting, 0);
}

/** Edit client `name` on a workstation (in this process, as that workstation), then wait a moment so the next edit is later. */
async function editClient(room: Room, name: string, patch: { complaint?: string; notes?: string }): Promise<void> {
  process.env.CADANS_WORKSTATION = room.name;
  const s = openStorage(room.db);
  try {
    s.clients.update(s.clients.findByName(name)[0]!.id, patch);
  } finally {
    s.close();
    delete process.env.CADANS_WORKSTATION;
  }
  await new Promise((r) => setTimeout(r, 30));
}

function localClient(room: Room, name: string): { complaint: string | null; notes: string } {
  const s = openStorage(room.db, { readonly: true });
  try {
    return s.db.prepare('SELECT complaint, notes FROM clients WHERE name = ?').get(name) as { complaint: string | null; notes: string };
  } finally {
    s.close();
  }
}

/** Work on a workstation's database in this process, as that workstation; then wait a moment so the next edit is later. */
async function asRoom<T>(room: Room, fn: (s: ReturnType<typeof openStorage>) => T): Promise<T> {
  process.env.CADANS_WORKSTATION = room.name;
  const s = openStorage(room.db);
  try {
    return fn(s);
  } finally {
    s.close();
    delete process.env.CADANS_WORKSTATION;
    await new Promise((r) => setTimeout(r, 30));
  }
}

function localConflicts(room: Room): { detail: string; workstation: string; client_id: number | null }[] {
  const s = openStorage(room.db, { readonly: true });
  try {
    return s.db.prepare("SELECT detail, workstation, client_id FROM access_log WHERE detail LIKE 'sync conflict %' ORDER BY id").all() as {
      detail: string;
      workstation: string;
      client_id: number | null;
    }[];
  } finally {
    s.close();
  }
}

async function server<R>(sql: string, params: (string | number)[] = []): Promise<R[]> {
  const conn = await connectPractice(pg.url);
  try {
    return await conn.query<R>(sql, params);
  } finally {
    await conn.close();
  }
}

describe('practice mode: conflicting edits and who did what', { skip: skip ?? false }, () => {
  test('set-up: a client recorded on room 1, a session for her on room 2, both synced', async () => {
    assert.equal((await cadans(ROOMS.A, ['practice', 'init'])).code, 0);
    const rec = async (room: Room, seed: number): Promise<void> => {
      const r = await cadans(room, ['record', '--sensor', `sim:speed=100,seed=${seed}`, '--seconds', '10', '--client', 'Anna de Vries', '--json']);
      assert.equal(r.code, 0, r.stderr);
    };
    await rec(ROOMS.A, 3); // sends and receives once recorded
    await push(ROOMS.B); // room 2 takes in the client
    await rec(ROOMS.B, 4);
    await push(ROOMS.A);
    const clients = await server<{ n: string }>('SELECT count(*)::text AS n FROM clients');
    assert.equal(clients[0]!.n, '1', 'one client, recorded on both rooms');
  });

  test("the server's access log shows both workstations' entries, each with its user and workstation name", async () => {
    const rows = await server<{ workstation: string; user_name: string; action: string }>(
      "SELECT DISTINCT workstation, user_name, action FROM access_log WHERE action = 'record' ORDER BY workstation",
    );
    assert.deepEqual(rows.map((r) => r.workstation), ['kamer 1', 'kamer 2']);
    for (const r of rows) assert.ok(r.user_name.length > 0, 'a user name');
  });

  test('an earlier edit sent last does not overwrite a later one: the later is kept on both and both versions are logged', async () => {
    await editClient(ROOMS.A, 'Anna de Vries', { complaint: 'hyperventilatie' }); // earlier
    await editClient(ROOMS.B, 'Anna de Vries', { complaint: 'paniekklachten' }); // later
    await push(ROOMS.B); // the later edit reaches the server first
    await push(ROOMS.A); // the earlier one comes after it: not kept; room 1 takes in room 2's
    await push(ROOMS.B);
    assert.equal(localClient(ROOMS.A, 'Anna de Vries').complaint, 'paniekklachten');
    assert.equal(localClient(ROOMS.B, 'Anna de Vries').complaint, 'paniekklachten');
    const onServer = await server<{ complaint: string; edited_on: string }>('SELECT complaint, edited_on FROM clients');
    assert.deepEqual(onServer, [{ complaint: 'paniekklachten', edited_on: 'kamer 2' }]);
    const logged = localConflicts(ROOMS.A);
    assert.equal(logged.length, 1, JSON.stringify(logged));
    assert.match(logged[0]!.detail, /^sync conflict clients\.complaint: kept "paniekklachten" \(.+@kamer 2 20\d\d-.+\); not kept "hyperventilatie" \(.+@kamer 1 20\d\d-.+\)$/);
    assert.equal(logged[0]!.workstation, 'kamer 1', 'logged on the workstation that found it');
    assert.ok(logged[0]!.client_id !== null, 'about the client');
    const onServerLog = await server<{ workstation: string; client_uuid: string | null }>(
      "SELECT workstation, client_uuid::text AS client_uuid FROM access_log WHERE detail LIKE 'sync conflict clients.complaint%'",
    );
    assert.equal(onServerLog.length, 1, 'the conflict entry reached the server once');
    assert.equal(onServerLog[0]!.workstation, 'kamer 1');
    assert.ok(onServerLog[0]!.client_uuid);
  });

  test('a later edit sent last replaces the earlier one on both; the sender logs both versions', async () => {
    await editClient(ROOMS.A, 'Anna de Vries', { notes: 'werkt halve dagen' }); // earlier
    await editClient(ROOMS.B, 'Anna de Vries', { notes: 'werkt weer volledig' }); // later
    await push(ROOMS.A);
    await push(ROOMS.B); // later: kept, and room 2 logs that it replaced room 1's
    await push(ROOMS.A);
    assert.equal(localClient(ROOMS.A, 'Anna de Vries').notes, 'werkt weer volledig');
    assert.equal(localClient(ROOMS.B, 'Anna de Vries').notes, 'werkt weer volledig');
    const logged = localConflicts(ROOMS.B);
    assert.equal(logged.length, 1, JSON.stringify(logged));
    assert.match(logged[0]!.detail, /^sync conflict clients\.notes: kept "werkt weer volledig" \(.+@kamer 2 .+\); not kept "werkt halve dagen" \(.+@kamer 1 .+\)$/);
    assert.equal(localConflicts(ROOMS.A).length, 1, 'room 1 logged no new conflict: it only received the later edit');
    const onServerLog = await server<{ workstation: string }>("SELECT workstation FROM access_log WHERE detail LIKE 'sync conflict %' ORDER BY seq");
    assert.deepEqual(onServerLog.map((r) => r.workstation), ['kamer 1', 'kamer 2']);
  });

  test('edits one after the other (each synced before the next) are no conflict', async () => {
    await editClient(ROOMS.A, 'Anna de Vries', { complaint: 'hyperventilatie' });
    await push(ROOMS.A);
    await push(ROOMS.B);
    await editClient(ROOMS.B, 'Anna de Vries', { complaint: 'burn-out' });
    await push(ROOMS.B);
    await push(ROOMS.A);
    assert.equal(localClient(ROOMS.A, 'Anna de Vries').complaint, 'burn-out');
    const n = await server<{ n: string }>("SELECT count(*)::text AS n FROM access_log WHERE detail LIKE 'sync conflict %'");
    assert.equal(n[0]!.n, '2', 'still only the two conflicts above');
  });

  test('a goal and a marker edited on both rooms while apart: the last edit is kept on both, each conflict logged with its client (and session)', async () => {
    const uuid = await asRoom(ROOMS.A, (s) => {
      const client = s.clients.findByName('Anna de Vries')[0]!;
      s.goals.create({ clientId: client.id, text: 'twee keer per dag oefenen', setDate: '2026-11-02' });
      const sessionId = (s.db.prepare('SELECT id FROM sessions WHERE origin IS NULL ORDER BY id LIMIT 1').get() as { id: number }).id;
      s.markers.add(sessionId, { tSec: 3, kind: 'note', note: 'zucht' });
      return (s.db.prepare('SELECT uuid FROM sessions WHERE id = ?').get(sessionId) as { uuid: string }).uuid;
    });
    await push(ROOMS.A);
    await push(ROOMS.B);
    const edit = (text: string, note: string) => (s: ReturnType<typeof openStorage>): void => {
      s.goals.update((s.db.prepare('SELECT id FROM goals').get() as { id: number }).id, { text });
      const m = s.db.prepare('SELECT m.id FROM markers m JOIN sessions x ON x.id = m.session_id WHERE x.uuid = ?').get(uuid) as { id: number };
      s.markers.update(m.id, { note });
    };
    await asRoom(ROOMS.B, edit('drie keer per dag', 'diepe zucht')); // earlier
    await asRoom(ROOMS.A, edit('elke ochtend oefenen', 'gaapte')); // later
    await push(ROOMS.A);
    await push(ROOMS.B); // earlier, sent last: not kept
    for (const room of [ROOMS.A, ROOMS.B]) {
      await asRoom(room, (s) => {
        assert.equal((s.db.prepare('SELECT text FROM goals').get() as { text: string }).text, 'elke ochtend oefenen', room.name);
        assert.equal((s.db.prepare('SELECT note FROM markers').get() as { note: string }).note, 'gaapte', room.name);
      });
    }
    const logged = await asRoom(ROOMS.B, (s) =>
      s.db.prepare("SELECT detail, client_id, session_id FROM access_log WHERE detail LIKE 'sync conflict goals.%' OR detail LIKE 'sync conflict markers.%' ORDER BY id").all(),
    ) as { detail: string; client_id: number | null; session_id: number | null }[];
    assert.deepEqual(logged.map((l) => l.detail.replace(/ \(.*?\)/g, '')), [
      'sync conflict goals.text: kept "elke ochtend oefenen"; not kept "drie keer per dag"',
      'sync conflict markers.note: kept "gaapte"; not kept "diepe zucht"',
    ]);
    assert.ok(logged.every((l) => l.client_id !== null), 'about the client');
    assert.ok(logged[1]!.session_id !== null, 'the marker: about its session');
  });

  test('different fields of one client edited on both rooms while apart: both edits are kept on both, no conflict is logged', async () => {
    const conflictsBefore = (await server<{ n: string }>("SELECT count(*)::text AS n FROM access_log WHERE detail LIKE 'sync conflict %'"))[0]!.n;
    await editClient(ROOMS.A, 'Anna de Vries', { complaint: 'slaapt slecht' }); // earlier, complaint only
    await editClient(ROOMS.B, 'Anna de Vries', { notes: 'belt bij verhindering' }); // later, notes only
    await push(ROOMS.B); // the later edit first
    await push(ROOMS.A); // the earlier one merges: its complaint is kept, B's notes taken over
    await push(ROOMS.B);
    for (const room of [ROOMS.A, ROOMS.B]) {
      assert.deepEqual(localClient(room, 'Anna de Vries'), { complaint: 'slaapt slecht', notes: 'belt bij verhindering' }, room.name);
    }
    const onServer = await server<{ complaint: string; notes: string }>('SELECT complaint, notes FROM clients');
    assert.deepEqual(onServer, [{ complaint: 'slaapt slecht', notes: 'belt bij verhindering' }]);
    const conflictsAfter = (await server<{ n: string }>("SELECT count(*)::text AS n FROM access_log WHERE detail LIKE 'sync conflict %'"))[0]!.n;
    assert.equal(conflictsAfter, conflictsBefore, 'no conflict: each field was changed on one side only');
  });

  test('one field on both and another on one side only: the later edit of the shared field, the other change kept; only the shared field logged', async () => {
    await editClient(ROOMS.A, 'Anna de Vries', { complaint: 'hyperventilatie', notes: 'werkt thuis' }); // earlier: complaint and notes
    await editClient(ROOMS.B, 'Anna de Vries', { complaint: 'paniek' }); // later: complaint only
    await push(ROOMS.A); // the earlier edit first
    await push(ROOMS.B); // later: its complaint wins, A's notes are taken over
    await push(ROOMS.A);
    for (const room of [ROOMS.A, ROOMS.B]) assert.deepEqual(localClient(room, 'Anna de Vries'), { complaint: 'paniek', notes: 'werkt thuis' }, room.name);
    const logged = localConflicts(ROOMS.B).map((l) => l.detail.replace(/ \(.*?\)/g, ''));
    assert.equal(logged[logged.length - 1], 'sync conflict clients.complaint: kept "paniek"; not kept "hyperventilatie"');
    assert.ok(!logged.some((d) => d.startsWith('sync conflict clients.notes: kept "werkt thuis"')), 'the notes were changed on one side only');
  });
});

// The server's history of edited records (`cadans_versions`, server schema 4) pruned to what
// conflict handling needs (server schema 5): every workstation reports its pull cursor after each
// pull, and pruning keeps, per record, the newest version at or below the lowest cursor of the
// workstations seen lately, and everything after it. A workstation that has been away keeps its
// starting version until it is back, so its edit made while apart still merges field by field.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { getSyncState } from '../../../main/practice/localSyncState.js';
import { syncPractice } from '../../../main/practice/practiceSync.js';
import { openStorage } from '../../../main/storage/storage.js';
import { connectPractice } from '../../../native-adapters/pg/practiceConnection.js';
import { runCli } from '../../support/runCli.js';
import { pgSkipReason, startPgTestServer, type PgTestServer } from '../../support/pgTestServer.js';

const skip = pgSkipReason();
const dir = mkdtempSync(join(tmpdir(), 'cadans-pver-'));
const A = { db: join(dir, 'a.sqlite'), name: 'kamer 1' };
const B = { db: join(dir, 'b.sqlite'), name: 'kamer 2' };
type Room = typeof A;
let pg: PgTestServer;

before(async () => {
  if (skip) return;
  pg = await startPgTestServer();
  const init = await runCli(['practice', 'init'], { env: { CADANS_PRACTICE_DB: pg.url } });
  assert.equal(init.code, 0, init.stderr);
});
after(async () => {
  await pg?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function server<R>(sql: string, params: (string | number)[] = []): Promise<R[]> {
  const conn = await connectPractice(pg.url);
  try {
    return await conn.query<R>(sql, params);
  } finally {
    await conn.close();
  }
}

async function sync(room: Room): Promise<void> {
  process.env.CADANS_WORKSTATION = room.name;
  const s = openStorage(room.db);
  try {
    await syncPractice(s.db, pg.url);
  } finally {
    s.close();
    delete process.env.CADANS_WORKSTATION;
  }
}

async function edit(room: Room, patch: { complaint?: string; notes?: string }): Promise<void> {
  process.env.CADANS_WORKSTATION = room.name;
  const s = openStorage(room.db);
  try {
    s.clients.update(s.clients.findByName('Sara Jansen')[0]!.id, patch);
  } finally {
    s.close();
    delete process.env.CADANS_WORKSTATION;
  }
  await new Promise((r) => setTimeout(r, 5)); // distinct edit times
}

const versions = async (): Promise<{ seq: string; complaint: string; notes: string }[]> =>
  server("SELECT v.seq::text AS seq, v.row->>'complaint' AS complaint, v.row->>'notes' AS notes FROM cadans_versions v JOIN clients c ON c.uuid = v.uuid WHERE v.tbl = 'clients' AND c.name = 'Sara Jansen' ORDER BY v.seq");
const prune = async (): Promise<number> => Number((await server<{ n: string }>('SELECT cadans_prune_versions()::text AS n'))[0]!.n);
const cursorOf = (room: Room): number => {
  const s = openStorage(room.db, { readonly: true });
  try {
    return Number(getSyncState(s.db, 'pull_seq'));
  } finally {
    s.close();
  }
};

describe("pruning the server's history of edited records", { skip: skip ?? false }, () => {
  test('each workstation reports its pull cursor; A edits Sara five times while B is away; nothing B may need is pruned', async () => {
    const s = openStorage(A.db);
    s.clients.create({ name: 'Sara Jansen', complaint: 'a0', notes: '' });
    s.close();
    await sync(A);
    await sync(B);
    for (let i = 1; i <= 5; i++) {
      await edit(A, { complaint: `a${i}` });
      await sync(A);
    }
    const ws = await server<{ id: string; pull_seq: string }>('SELECT id, pull_seq::text AS pull_seq FROM cadans_workstations');
    assert.equal(ws.length, 2);
    assert.deepEqual(ws.map((w) => Number(w.pull_seq)).sort((x, y) => x - y), [cursorOf(B), cursorOf(A)].sort((x, y) => x - y));
    assert.equal((await versions()).length, 6);
    assert.equal(await prune(), 0, 'within 90 days of the upgrade the horizon stays where it was then');
    await server("UPDATE cadans_version_horizon SET installed_at = now() - interval '100 days'");
    assert.equal(await prune(), 0, "B's cursor holds the horizon at the version B started from");
    assert.deepEqual((await versions()).map((v) => v.complaint), ['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
  });

  test("B's edit made while away merges field by field against the version it started from; then the history shrinks to one version", async () => {
    await edit(B, { notes: 'belde af' });
    await sync(B);
    const row = await server<{ complaint: string; notes: string }>("SELECT complaint, notes FROM clients WHERE name = 'Sara Jansen'");
    assert.deepEqual(row, [{ complaint: 'a5', notes: 'belde af' }], "A's complaint and B's note both kept");
    await sync(A);
    const n = await prune();
    assert.ok(n >= 5, `pruned ${n}`);
    const left = await versions();
    assert.equal(left.length, 1);
    assert.deepEqual([left[0]!.complaint, left[0]!.notes], ['a5', 'belde af'], 'the newest version is kept');
  });

  test('a workstation away longer than 90 days no longer holds the history back; one seen lately does', async () => {
    await server("INSERT INTO cadans_workstations (id, pull_seq, seen_at) VALUES ('oud', 0, now() - interval '200 days')");
    await edit(A, { complaint: 'a6' });
    await sync(A);
    await sync(B);
    await prune();
    assert.deepEqual((await versions()).map((v) => v.complaint), ['a6']);
    await server("INSERT INTO cadans_workstations (id, pull_seq) VALUES ('laptop', $1)", [cursorOf(B)]);
    await edit(A, { complaint: 'a7' });
    await sync(A);
    await sync(B);
    assert.equal(await prune(), 0, "the laptop's cursor keeps what it started from");
    assert.deepEqual((await versions()).map((v) => v.complaint), ['a6', 'a7']);
  });
});

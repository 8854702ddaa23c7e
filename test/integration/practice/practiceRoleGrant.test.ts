// Practice mode (issue 17): parked changes are retried as soon as who may see which client may have
// changed. A new role membership (GRANT cadans_admin TO bram) touches no table, so the rights version
// of server schema 5 does not move; the key a workstation compares also holds its role's
// memberships, so its very next sync sends what was parked (not only the 10-minute retry).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { syncPractice, type SyncReport } from '../../../main/practice/practiceSync.js';
import { openStorage } from '../../../main/storage/storage.js';
import { runCli } from '../../support/runCli.js';
import { serverQuery, urlAs } from './practiceWorkstations.js';
import { pgSkipReason, startPgTestServer, type PgTestServer } from '../../support/pgTestServer.js';

const skip = pgSkipReason();
const dir = mkdtempSync(join(tmpdir(), 'cadans-pgrant-'));
const ANNA = { db: join(dir, 'room1.sqlite'), name: 'kamer 1', role: 'anna' };
const BRAM = { db: join(dir, 'room2.sqlite'), name: 'kamer 2', role: 'bram' };
type Room = typeof ANNA;
let pg: PgTestServer;

before(async () => {
  if (!skip) pg = await startPgTestServer();
});
after(async () => {
  await pg?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const server = <R>(sql: string, params: (string | number)[] = []): Promise<R[]> => serverQuery<R>(pg.url, sql, params);

/** A sync as the app's timer does it: parked changes are not retried because it was asked. */
async function sync(room: Room): Promise<SyncReport> {
  process.env.CADANS_WORKSTATION = room.name;
  const s = openStorage(room.db);
  try {
    return await syncPractice(s.db, urlAs(pg.url, room.role));
  } finally {
    s.close();
    delete process.env.CADANS_WORKSTATION;
  }
}

function editNotes(room: Room, notes: string): void {
  process.env.CADANS_WORKSTATION = room.name;
  process.env.CADANS_PRACTICE_DB = urlAs(pg.url, room.role);
  const s = openStorage(room.db);
  try {
    s.clients.update(s.clients.findByName('Sara Jansen')[0]!.id, { notes });
  } finally {
    s.close();
    delete process.env.CADANS_WORKSTATION;
    delete process.env.CADANS_PRACTICE_DB;
  }
}

describe('practice mode: a role granted on the server retries the parked changes at the next sync', { skip: skip ?? false }, () => {
  test('bram\'s edit of Sara (restricted to anna) is parked and stays parked while nothing changes', async () => {
    const init = await runCli(['practice', 'init'], { env: { CADANS_PRACTICE_DB: pg.url, CADANS_LANG: 'en' } });
    assert.equal(init.code, 0, init.stderr);
    await server('CREATE ROLE anna LOGIN IN ROLE cadans_therapist');
    await server('CREATE ROLE bram LOGIN IN ROLE cadans_therapist');
    const rec = await runCli(['record', '--sensor', 'sim:speed=100,seed=2', '--seconds', '10', '--client', 'Sara Jansen', '--db', ANNA.db], {
      env: { CADANS_PRACTICE_DB: urlAs(pg.url, 'anna'), CADANS_LANG: 'en', CADANS_WORKSTATION: ANNA.name },
      timeoutMs: 120_000,
    });
    assert.equal(rec.code, 0, rec.stderr);
    assert.equal((await sync(ANNA)).waiting, 0);
    assert.equal((await sync(BRAM)).pull.clients, 1, 'bram pulled Sara');
    await server("INSERT INTO cadans_client_access (client_uuid, role_name) SELECT uuid, 'anna' FROM clients WHERE name = 'Sara Jansen'");
    editNotes(BRAM, 'belt morgen terug');
    const first = await sync(BRAM);
    assert.deepEqual([first.push.parked, first.parked], [1, 1]);
    const second = await sync(BRAM);
    assert.deepEqual([second.push.sent, second.parked], [0, 1], 'not retried: nothing changed on the server');
    assert.deepEqual(await server("SELECT notes FROM clients WHERE name = 'Sara Jansen'"), [{ notes: '' }]);
  });

  test('GRANT cadans_admin TO bram: his very next sync sends it', async () => {
    await server('GRANT cadans_admin TO bram');
    const r = await sync(BRAM);
    assert.deepEqual([r.push.sent, r.parked, r.waiting], [1, 0, 0]);
    assert.deepEqual(await server("SELECT notes, pushed_by FROM clients WHERE name = 'Sara Jansen'"), [{ notes: 'belt morgen terug', pushed_by: 'bram' }]);
  });
});

// Practice mode, people and rights (issue 17): each therapist connects with their own PostgreSQL
// role; the server stores the role that sent each change, and its access log shows therapist and
// workstation. Two therapist roles (anna, bram) and an app login acting as anna are made in the
// test server; each room is a separate workstation process with its own local store.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openStorage } from '../../../main/storage/storage.js';
import { connectPractice } from '../../../native-adapters/pg/practiceConnection.js';
import { runCli, type CliRun } from '../../support/runCli.js';
import { pgSkipReason, startPgTestServer, type PgTestServer } from '../../support/pgTestServer.js';

const skip = pgSkipReason();
const dir = mkdtempSync(join(tmpdir(), 'cadans-proles-'));
interface Room {
  db: string;
  name: string;
  role: string;
  login?: string;
}
const ANNA: Room = { db: join(dir, 'room1.sqlite'), name: 'kamer 1', role: 'anna' };
const BRAM: Room = { db: join(dir, 'room2.sqlite'), name: 'kamer 2', role: 'bram' };
/** The front desk's PC: an app login that acts as anna (CADANS_PRACTICE_ROLE). */
const DESK: Room = { db: join(dir, 'desk.sqlite'), name: 'balie', role: 'anna', login: 'cadans_app' };
let pg: PgTestServer;

before(async () => {
  if (!skip) pg = await startPgTestServer();
});
after(async () => {
  await pg?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** The test server's URL with another user. */
function urlAs(url: string, user: string): string {
  const u = new URL(url);
  u.username = user;
  return u.toString();
}

function cadans(room: Room, args: string[], lang = 'en'): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { CADANS_PRACTICE_DB: urlAs(pg.url, room.login ?? room.role), CADANS_LANG: lang, CADANS_WORKSTATION: room.name };
  if (room.login) env.CADANS_PRACTICE_ROLE = room.role;
  return runCli([...args, '--db', room.db], { env, timeoutMs: 120_000 });
}

async function push(room: Room): Promise<void> {
  const r = await cadans(room, ['practice', 'push', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { waiting: number }).waiting, 0);
}

async function record(room: Room, client: string, seed: number): Promise<void> {
  const r = await cadans(room, ['record', '--sensor', `sim:speed=100,seed=${seed}`, '--seconds', '10', '--client', client, '--json']);
  assert.equal(r.code, 0, r.stderr);
}

async function server<R>(sql: string, params: (string | number)[] = []): Promise<R[]> {
  const conn = await connectPractice(pg.url);
  try {
    return await conn.query<R>(sql, params);
  } finally {
    await conn.close();
  }
}

describe('practice mode: each therapist their own role; who did what from which workstation', { skip: skip ?? false }, () => {
  test('set-up: the owner initialises the server and makes the therapists; anna records on room 1, bram on room 2', async () => {
    const init = await runCli(['practice', 'init'], { env: { CADANS_PRACTICE_DB: pg.url, CADANS_LANG: 'en' } });
    assert.equal(init.code, 0, init.stderr);
    await server('CREATE ROLE anna LOGIN IN ROLE cadans_therapist');
    await server('CREATE ROLE bram LOGIN IN ROLE cadans_therapist');
    await server('CREATE ROLE cadans_app LOGIN');
    await server('GRANT anna TO cadans_app');
    await server('CREATE ROLE eigenaar LOGIN IN ROLE cadans_admin');
    await record(ANNA, 'Sara Jansen', 5);
    await push(BRAM); // takes in Sara
    await record(BRAM, 'Sara Jansen', 6);
    await push(ANNA);
    const n = await server<{ n: string }>('SELECT count(*)::text AS n FROM sessions');
    assert.equal(n[0]!.n, '2');
  });

  test('the server stores the role that sent each session, beat and record', async () => {
    const rows = await server<{ pushed_by: string; origin_name: string; beats_by: string }>(
      `SELECT s.pushed_by, (SELECT DISTINCT workstation FROM access_log a WHERE a.session_uuid = s.uuid AND a.action = 'record') AS origin_name,
         (SELECT string_agg(DISTINCT b.pushed_by, ',') FROM beats b WHERE b.session_uuid = s.uuid) AS beats_by
       FROM sessions s ORDER BY s.started_at`,
    );
    assert.deepEqual(rows, [
      { pushed_by: 'anna', origin_name: 'kamer 1', beats_by: 'anna' },
      { pushed_by: 'bram', origin_name: 'kamer 2', beats_by: 'bram' },
    ]);
    const client = await server<{ pushed_by: string }>('SELECT pushed_by FROM clients');
    assert.deepEqual(client, [{ pushed_by: 'anna' }]);
  });

  test("the server's access log shows therapist and workstation of every entry", async () => {
    const rows = await server<{ therapist: string; workstation: string; user_name: string }>(
      "SELECT DISTINCT therapist, workstation, user_name FROM access_log_by_therapist WHERE action = 'record' ORDER BY workstation",
    );
    assert.deepEqual(rows, [
      { therapist: 'anna', workstation: 'kamer 1', user_name: 'anna' },
      { therapist: 'bram', workstation: 'kamer 2', user_name: 'bram' },
    ]);
  });

  test('an edit sent by bram is stamped with his role; a conflict found in sync is logged with both therapists', async () => {
    const edit = (room: Room, complaint: string): void => {
      process.env.CADANS_WORKSTATION = room.name;
      process.env.CADANS_PRACTICE_DB = urlAs(pg.url, room.role);
      const s = openStorage(room.db);
      try {
        s.clients.update(s.clients.findByName('Sara Jansen')[0]!.id, { complaint });
      } finally {
        s.close();
        delete process.env.CADANS_WORKSTATION;
        delete process.env.CADANS_PRACTICE_DB;
      }
    };
    edit(ANNA, 'hyperventilatie');
    await new Promise((r) => setTimeout(r, 30));
    edit(BRAM, 'paniekklachten'); // later: kept
    await push(BRAM);
    await push(ANNA);
    const c = await server<{ complaint: string; pushed_by: string; edited_by: string }>('SELECT complaint, pushed_by, edited_by FROM clients');
    assert.deepEqual(c, [{ complaint: 'paniekklachten', pushed_by: 'bram', edited_by: 'bram' }]);
    const log = await server<{ therapist: string; workstation: string; detail: string }>(
      "SELECT therapist, workstation, detail FROM access_log_by_therapist WHERE detail LIKE 'sync conflict clients.complaint%'",
    );
    assert.equal(log.length, 1, JSON.stringify(log));
    assert.equal(log[0]!.therapist, 'anna');
    assert.equal(log[0]!.workstation, 'kamer 1');
    assert.match(log[0]!.detail, /kept "paniekklachten" \(bram@kamer 2 .+\); not kept "hyperventilatie" \(anna@kamer 1 .+\)/);
  });

  test('an app login acting as anna (CADANS_PRACTICE_ROLE): the change is anna\'s, the login is kept too', async () => {
    await record(DESK, 'Tom Bakker', 7);
    const rows = await server<{ therapist: string; pushed_login: string; workstation: string }>(
      "SELECT DISTINCT therapist, pushed_login, workstation FROM access_log_by_therapist WHERE workstation = 'balie' AND action = 'record'",
    );
    assert.deepEqual(rows, [{ therapist: 'anna', pushed_login: 'cadans_app', workstation: 'balie' }]);
    const s = await server<{ pushed_by: string }>("SELECT s.pushed_by FROM sessions s JOIN clients c ON c.uuid = s.client_uuid WHERE c.name = 'Tom Bakker'");
    assert.deepEqual(s, [{ pushed_by: 'anna' }]);
  });
});

// Practice mode, people and rights (issue 17): each therapist connects with their own PostgreSQL
// role; the server stores the role that sent each change, and its access log shows therapist and
// workstation. Two therapist roles (anna, bram) and an app login acting as anna are made in the
// test server; each room is a separate workstation process with its own local store.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { syncPractice } from '../../../main/practice/practiceSync.js';
import { openStorage } from '../../../main/storage/storage.js';
import { connectPractice } from '../../../native-adapters/pg/practiceConnection.js';
import { runCli, type CliRun } from '../../support/runCli.js';
import { roomCli, serverQuery, urlAs } from './practiceWorkstations.js';
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
/** A second workstation of bram's, joining after Sara was restricted. */
const BRAM3: Room = { db: join(dir, 'room3.sqlite'), name: 'kamer 3', role: 'bram' };
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

const cadans = (room: Room, args: string[], lang = 'en'): Promise<CliRun> => roomCli(pg.url, room, args, lang);

async function push(room: Room): Promise<void> {
  const r = await cadans(room, ['practice', 'push', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { waiting: number }).waiting, 0);
}

async function record(room: Room, client: string, seed: number): Promise<CliRun> {
  const r = await cadans(room, ['record', '--sensor', `sim:speed=100,seed=${seed}`, '--seconds', '10', '--client', client, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return r;
}

/** A local client's id by name, withheld or not (bram's workstation withholds Sara once it syncs while she is restricted). */
function storedId(s: ReturnType<typeof openStorage>, name: string): number {
  return (s.db.prepare('SELECT id FROM clients WHERE name = ?').get(name) as { id: number }).id;
}

const server = <R>(sql: string, params: (string | number)[] = []): Promise<R[]> => serverQuery<R>(pg.url, sql, params);

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
        s.clients.update(storedId(s, 'Sara Jansen'), { complaint });
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

  const owner = (args: string[], lang = 'en'): Promise<CliRun> =>
    runCli(['practice', 'restrict', ...args], { env: { CADANS_PRACTICE_DB: urlAs(pg.url, 'eigenaar'), CADANS_LANG: lang }, timeoutMs: 60_000 });

  const local = <T>(room: Room, fn: (s: ReturnType<typeof openStorage>) => T): T => {
    const s = openStorage(room.db, { readonly: true });
    try {
      return fn(s);
    } finally {
      s.close();
    }
  };
  const localNames = (room: Room): string[] =>
    local(room, (s) => (s.db.prepare('SELECT name FROM clients ORDER BY name').all() as { name: string }[]).map((r) => r.name));
  /** Beats per session uuid of client `name` (local copy). */
  const localBeats = (room: Room, name: string): Record<string, number> =>
    local(room, (s) =>
      Object.fromEntries(
        (s.db
          .prepare('SELECT s.uuid, count(b.id) AS n FROM sessions s JOIN clients c ON c.id = s.client_id LEFT JOIN beats b ON b.session_id = s.id WHERE c.name = ? GROUP BY s.uuid')
          .all(name) as { uuid: string; n: number }[]).map((r) => [r.uuid, r.n]),
      ),
    );
  const serverBeats = async (name: string): Promise<Record<string, number>> =>
    Object.fromEntries(
      (await server<{ uuid: string; n: string }>(
        'SELECT s.uuid::text AS uuid, count(b.*)::text AS n FROM sessions s JOIN clients c ON c.uuid = s.client_uuid LEFT JOIN beats b ON b.session_uuid = s.uuid WHERE c.name = $1 GROUP BY s.uuid',
        [name],
      )).map((r) => [r.uuid, Number(r.n)]),
    );

  test('only the practice owner may restrict a client; bad input is refused in nl and en', async () => {
    const asAnna = await runCli(['practice', 'restrict', '--client', 'Sara Jansen', '--therapist', 'anna'], {
      env: { CADANS_PRACTICE_DB: urlAs(pg.url, 'anna'), CADANS_LANG: 'en' },
    });
    assert.equal(asAnna.code, 1);
    assert.match(asAnna.stderr, /only the practice owner/);
    const nl = await owner(['--client', 'Sara Jansen', '--therapist', 'nobody'], 'nl');
    assert.equal(nl.code, 1);
    assert.match(nl.stderr, /'nobody' is geen Cadans-therapeutrol/);
    const noClient = await owner(['--client', 'Nienke', '--therapist', 'anna']);
    assert.equal(noClient.code, 1);
    assert.match(noClient.stderr, /no client 'Nienke' in the practice database/);
    const both = await owner(['--client', 'Sara Jansen', '--therapist', 'anna', '--clear']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--therapist ROLE, or --clear/);
    assert.deepEqual(await server('SELECT * FROM cadans_client_access'), [], 'nothing restricted');
  });

  test("Sara restricted to anna: bram's new workstation never receives her; anna's new session of her stays with anna", async () => {
    const r = await owner(['--client', 'sara jansen', '--therapist', 'anna']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'Sara Jansen is restricted to: anna.');
    await record(ANNA, 'Sara Jansen', 8);
    await push(BRAM3);
    assert.deepEqual(localNames(BRAM3), ['Tom Bakker'], 'only the client bram may see');
    assert.equal(local(BRAM3, (s) => (s.db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n), 1, "only Tom's session");
    await push(BRAM);
    assert.equal(Object.keys(localBeats(BRAM, 'Sara Jansen')).length, 2, "room 2 keeps what it had before, but not anna's new session");
    const asBram = await connectPractice(urlAs(pg.url, 'bram'));
    try {
      assert.deepEqual(await asBram.query('SELECT name FROM clients ORDER BY name'), [{ name: 'Tom Bakker' }]);
      assert.deepEqual(await asBram.query("SELECT count(*)::int AS n FROM beats b JOIN sessions s ON s.uuid = b.session_uuid"), [{ n: Object.values(await serverBeats('Tom Bakker'))[0] }]);
      await assert.rejects(asBram.query("UPDATE cadans_client_access SET role_name = 'bram'"), /permission denied/);
    } finally {
      await asBram.close();
    }
  });

  test("bram's edit of Sara is refused and parked (nl/en); it does not block his session of Tom behind it", async () => {
    process.env.CADANS_PRACTICE_DB = urlAs(pg.url, 'bram');
    const s = openStorage(BRAM.db);
    try {
      s.clients.update(storedId(s, 'Sara Jansen'), { notes: 'belde af' });
    } finally {
      s.close();
      delete process.env.CADANS_PRACTICE_DB;
    }
    const tomBefore = Object.keys(await serverBeats('Tom Bakker')).length;
    // Recorded after the refused edit (later in the outbox); `record` syncs by itself in practice mode.
    const rec = await record(BRAM, 'Tom Bakker', 9);
    assert.match(rec.stderr, /cadans record: practice database: \d+ changes sent, .*; 1 still waiting\. 1 change for Sara Jansen refused by the practice database/);
    const en = await cadans(BRAM, ['practice', 'push', '--json']);
    assert.equal(en.code, 1, 'something still waits');
    assert.match(en.stderr, /1 change for Sara Jansen refused by the practice database: that client is restricted to other therapists\. They stay stored here \(parked\)/);
    const out = JSON.parse(en.stdout) as { sent: number; waiting: number; parked: number };
    assert.deepEqual([out.waiting, out.parked], [1, 1]);
    const tom = await serverBeats('Tom Bakker');
    assert.equal(Object.keys(tom).length, tomBefore + 1, "bram's new session of Tom reached the server");
    assert.deepEqual(localBeats(BRAM, 'Tom Bakker'), tom, 'every beat of it');
    const nl = await cadans(BRAM, ['practice', 'push'], 'nl');
    assert.equal(nl.code, 1);
    assert.match(nl.stderr, /1 wijziging voor Sara Jansen geweigerd door de praktijkdatabase: die cliënt is afgeschermd/);
    const status = await cadans(BRAM, ['practice', 'status', '--json']);
    const st = JSON.parse(status.stdout) as { outbox: number; parked: number; parkedClients: string[] };
    assert.deepEqual([st.outbox, st.parked, st.parkedClients], [1, 1, ['Sara Jansen']]);
    const stNl = await cadans(BRAM, ['practice', 'status'], 'nl');
    assert.match(stNl.stdout, /geparkeerd\s+1 wijziging geweigerd \(Sara Jansen\): cliënt afgeschermd voor andere therapeuten/);
    const notes = await server<{ notes: string }>("SELECT notes FROM clients WHERE name = 'Sara Jansen'");
    assert.notEqual(notes[0]!.notes, 'belde af');
    // A later change of Sara waits with the parked one (her changes keep their order), and is not lost.
    process.env.CADANS_PRACTICE_DB = urlAs(pg.url, 'bram');
    const s2 = openStorage(BRAM.db);
    try {
      s2.clients.update(storedId(s2, 'Sara Jansen'), { complaint: 'duizeligheid' });
    } finally {
      s2.close();
      delete process.env.CADANS_PRACTICE_DB;
    }
    const again = await cadans(BRAM, ['practice', 'push', '--json']);
    assert.equal(again.code, 1);
    assert.deepEqual(JSON.parse(again.stdout).parked, 2);
  });

  test('cleared: both of bram\'s workstations receive all of Sara, every beat once; his waiting edit goes through', async () => {
    const r = await owner(['--client', 'Sara Jansen', '--clear']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'Sara Jansen may be seen by every therapist again.');
    await push(BRAM3);
    // A sync by the app's timer (not asked for): the rights changed on the server, so the parked
    // changes are tried again.
    process.env.CADANS_WORKSTATION = BRAM.name;
    const s = openStorage(BRAM.db);
    try {
      const r = await syncPractice(s.db, urlAs(pg.url, 'bram'));
      assert.deepEqual([r.waiting, r.parked], [0, 0]);
    } finally {
      s.close();
      delete process.env.CADANS_WORKSTATION;
    }
    const expected = await serverBeats('Sara Jansen');
    assert.equal(Object.keys(expected).length, 3);
    assert.deepEqual(localBeats(BRAM3, 'Sara Jansen'), expected);
    assert.deepEqual(localBeats(BRAM, 'Sara Jansen'), expected, 'what room 2 had is not duplicated');
    const notes = await server<{ notes: string; complaint: string; pushed_by: string }>("SELECT notes, complaint, pushed_by FROM clients WHERE name = 'Sara Jansen'");
    assert.deepEqual(notes, [{ notes: 'belde af', complaint: 'duizeligheid', pushed_by: 'bram' }]);
  });
});

// Restricting a client from the app (issue 17): the contract's getClientRestriction and
// restrictClient through the dispatcher, as the pages call them, against a real PostgreSQL. The
// practice owner restricts a client to named therapists and lifts it; a therapist who is not the
// owner, a role that is no therapist, practice mode off and a server that cannot be reached are
// refused with coded errors the user reads in nl or en.
import { accessDetailText } from '../../../shared/i18n/accessLogDetail.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';

import { dispatchInvoke, type CadansService, type Reply } from '../../../shared/ipc/contract.js';
import { errorText } from '../../../shared/i18n/CadansError.js';
import type { ClientRestrictionView, PracticeStateView } from '../../../shared/ipc/practiceTypes.js';
import { connectPractice } from '../../../native-adapters/pg/practiceConnection.js';
import { createTestApp, type TestApp } from '../../unit/app/fakeAppDevices.js';
import { runCli } from '../../support/runCli.js';
import { pgSkipReason, startPgTestServer, type PgTestServer } from '../../support/pgTestServer.js';

const skip = pgSkipReason();
let pg: PgTestServer;
const apps: TestApp[] = [];

before(async () => {
  if (skip) return;
  pg = await startPgTestServer();
  const init = await runCli(['practice', 'init'], { env: { CADANS_PRACTICE_DB: pg.url } });
  assert.equal(init.code, 0, init.stderr);
  await server('CREATE ROLE anna LOGIN IN ROLE cadans_therapist');
  await server('CREATE ROLE bram LOGIN IN ROLE cadans_therapist');
});
after(async () => {
  for (const a of apps) await a.close();
  await pg?.dispose();
});

function urlAs(user: string): string {
  const u = new URL(pg.url);
  u.username = user;
  return u.toString();
}

async function server<R>(sql: string, params: string[] = []): Promise<R[]> {
  const conn = await connectPractice(pg.url);
  try {
    return await conn.query<R>(sql, params);
  } finally {
    await conn.close();
  }
}

function app(url: string | null): TestApp {
  const a = createTestApp(10, { practice: { url, syncEveryMs: 0 } });
  apps.push(a);
  return a;
}

const invoke = async <T>(a: TestApp, name: string, args: unknown[]): Promise<Reply<T>> =>
  (await dispatchInvoke(a.service as unknown as CadansService, name, args)) as Reply<T>;

async function ok<T>(a: TestApp, name: string, args: unknown[]): Promise<T> {
  const r = await invoke<T>(a, name, args);
  if (!r.ok) assert.fail(`${name} refused: ${r.error}`);
  return r.value;
}

async function refused(a: TestApp, name: string, args: unknown[]): Promise<Extract<Reply<unknown>, { ok: false }>> {
  const r = await invoke(a, name, args);
  assert.equal(r.ok, false, `${name} should be refused`);
  return r as Extract<Reply<unknown>, { ok: false }>;
}

const access = async (): Promise<string[]> =>
  (await server<{ r: string }>("SELECT a.role_name AS r FROM cadans_client_access a JOIN clients c ON c.uuid = a.client_uuid WHERE c.name = 'Sara Jansen' ORDER BY 1")).map((x) => x.r);

describe('restricting a client from the app (contract calls, PostgreSQL)', { skip: skip ?? false }, () => {
  let owner: TestApp;
  let bram: TestApp;
  let sara: number;

  test('the owner sees who may see a client once it is in the practice database, and the therapists to choose from', async () => {
    owner = app(pg.url);
    await ok(owner, 'syncPracticeNow', []); // the start-up sync done (joined, not doubled)
    sara = owner.storage.clients.create({ name: 'Sara Jansen' }).id;
    const before = await ok<ClientRestrictionView>(owner, 'getClientRestriction', [sara]);
    assert.equal(before.practice, true);
    assert.equal(before.shared, false, 'not sent yet');
    await ok(owner, 'syncPracticeNow', []);
    const v = await ok<ClientRestrictionView>(owner, 'getClientRestriction', [sara]);
    assert.deepEqual(v, { clientId: sara, practice: true, shared: true, mayRestrict: true, therapists: [], choices: ['anna', 'bram'] });
  });

  test('the owner restricts Sara to anna, then lifts it', async () => {
    const v = await ok<ClientRestrictionView>(owner, 'restrictClient', [{ clientId: sara, therapists: ['anna'] }]);
    assert.deepEqual(v.therapists, ['anna']);
    assert.deepEqual(await access(), ['anna']);
    const asBram = await connectPractice(urlAs('bram'));
    try {
      assert.deepEqual(await asBram.query("SELECT name FROM clients WHERE name = 'Sara Jansen'"), [], 'hidden from bram by the server');
    } finally {
      await asBram.close();
    }
    const lifted = await ok<ClientRestrictionView>(owner, 'restrictClient', [{ clientId: sara, therapists: [] }]);
    assert.deepEqual(lifted.therapists, []);
    assert.deepEqual(await access(), []);
    // Both changes in this workstation's access log of Sara, shown in the user's language.
    const log = owner.storage.accessLog.list(sara).filter((e) => e.detail.startsWith('restrictClient'));
    assert.deepEqual(log.map((e) => [e.action, e.detail]).sort(), [['edit', 'restrictClient lifted'], ['edit', 'restrictClient to anna']]);
    assert.equal(accessDetailText('nl', 'restrictClient to anna bram'), 'cliënt afgeschermd: alleen zichtbaar voor anna, bram');
    assert.equal(accessDetailText('en', 'restrictClient lifted'), 'restriction of the client lifted');
  });

  test('a role that is no therapist is refused in nl and en; a bad role name never reaches the core', async () => {
    const r = await refused(owner, 'restrictClient', [{ clientId: sara, therapists: ['anna', 'nobody'] }]);
    assert.equal(r.code, 'practiceDb.noTherapist');
    assert.equal(errorText('nl', r), "'nobody' is geen Cadans-therapeut in de praktijkdatabase.");
    assert.equal(errorText('en', r), "'nobody' is not a Cadans therapist in the practice database.");
    assert.deepEqual(await access(), [], 'nothing changed');
    const bad = await refused(owner, 'restrictClient', [{ clientId: sara, therapists: ["x'; DROP TABLE clients; --"] }]);
    assert.match(bad.error, /^restrictClient: /);
    assert.equal(bad.issues?.[0]?.field, 'therapists[0]', 'a field problem the form can show');
    await refused(owner, 'restrictClient', [{ clientId: sara, therapists: 'anna' }]);
  });

  test('a therapist who is not the owner: may not read the list, and restricting is refused in their language', async () => {
    bram = app(urlAs('bram'));
    await ok(bram, 'syncPracticeNow', []);
    const tom = bram.storage.clients.create({ name: 'Tom Bakker' }).id;
    await ok(bram, 'syncPracticeNow', []);
    const v = await ok<ClientRestrictionView>(bram, 'getClientRestriction', [tom]);
    assert.deepEqual(v, { clientId: tom, practice: true, shared: true, mayRestrict: false, therapists: null, choices: [] });
    const r = await refused(bram, 'restrictClient', [{ clientId: tom, therapists: ['bram'] }]);
    assert.equal(r.code, 'practiceDb.notAdmin');
    assert.match(errorText('nl', r), /^Alleen de praktijkhouder .* mag een cliënt afschermen\.$/);
    assert.match(errorText('en', r), /^Only the practice owner .* may restrict a client\.$/);
    assert.deepEqual(await server("SELECT * FROM cadans_client_access"), []);
  });

  test("the app's practice state: bram's edit of Sara, restricted meanwhile, is parked and counted; his edit of Tom goes through", async () => {
    await ok(owner, 'restrictClient', [{ clientId: sara, therapists: ['anna'] }]);
    const local = (name: string): number => bram.storage.clients.findByName(name)[0]!.id;
    bram.storage.clients.update(local('Sara Jansen'), { notes: 'belde af' });
    bram.storage.clients.update(local('Tom Bakker'), { notes: 'komt donderdag' });
    const st = await ok<PracticeStateView>(bram, 'syncPracticeNow', []);
    assert.deepEqual([st.connection, st.problemCode, st.waiting, st.parked, st.parkedClients], ['online', null, 1, 1, ['Sara Jansen']]);
    assert.deepEqual(await server("SELECT notes FROM clients WHERE name = 'Tom Bakker'"), [{ notes: 'komt donderdag' }]);
    await ok(owner, 'restrictClient', [{ clientId: sara, therapists: [] }]);
    const after = await ok<PracticeStateView>(bram, 'syncPracticeNow', []);
    assert.deepEqual([after.waiting, after.parked, after.parkedClients], [0, 0, []]);
    assert.deepEqual(await server("SELECT notes FROM clients WHERE name = 'Sara Jansen'"), [{ notes: 'belde af' }]);
  });

  test('a client not in the practice database yet, practice mode off, and an unreachable server', async () => {
    const fresh = owner.storage.clients.create({ name: 'Nieuw' }).id;
    const notShared = await refused(owner, 'restrictClient', [{ clientId: fresh, therapists: ['anna'] }]);
    assert.equal(notShared.code, 'practiceDb.clientNotShared');
    assert.match(errorText('nl', notShared), /staat nog niet in de praktijkdatabase/);

    const off = app(null);
    const local = off.storage.clients.create({ name: 'Lokaal' }).id;
    assert.equal((await ok<ClientRestrictionView>(off, 'getClientRestriction', [local])).practice, false);
    const r = await refused(off, 'restrictClient', [{ clientId: local, therapists: ['anna'] }]);
    assert.equal(r.code, 'practiceDb.off');
    assert.match(errorText('en', r), /^Practice mode is off/);

    const s = createServer();
    await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
    const port = (s.address() as { port: number }).port;
    await new Promise<void>((done) => s.close(() => done()));
    const down = app(`postgres://cadans@127.0.0.1:${port}/postgres`);
    const c = down.storage.clients.create({ name: 'Weg' }).id;
    const u = await refused(down, 'restrictClient', [{ clientId: c, therapists: ['anna'] }]);
    assert.equal(u.code, 'practiceDb.problem');
    assert.equal(u.params?.reason, 'connectionRefused');
    assert.match(errorText('nl', u), /^De praktijkdatabase is nu niet te gebruiken: de server weigert de verbinding — draait hij/);
    assert.doesNotMatch(errorText('nl', u), /ECONNREFUSED/, 'the raw text is only a technical detail');
    assert.match(String(u.params?.detail), /ECONNREFUSED/);
  });
});

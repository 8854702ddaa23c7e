// Practice mode's state in the app core (main/app/practiceCalls.ts): off without a practice
// database; with one that cannot be reached, 'offline' with everything stored here counted as
// waiting (never an error); the pages hear of every change of the waiting count; a second "sync
// now" while one runs joins it.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { EventHub } from '../../../main/app/eventHub.js';
import { PracticeCalls, practiceOptionsFromEnv } from '../../../main/app/practiceCalls.js';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import type { PracticeStateView } from '../../../shared/ipc/practiceTypes.js';

/** A port nothing listens on (taken, then closed). */
async function closedPort(): Promise<number> {
  const s: Server = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('PracticeCalls', () => {
  let storage: Storage;
  let hub: EventHub;
  let events: PracticeStateView[];
  beforeEach(() => {
    storage = openStorage(':memory:');
    hub = new EventHub();
    events = [];
    hub.addSink((name, payload) => {
      if (name === 'onPracticeState') events.push(payload as PracticeStateView);
    });
  });
  afterEach(() => storage.close());

  test('options from the environment: off without CADANS_PRACTICE_DB; the sync interval in seconds', () => {
    assert.deepEqual(practiceOptionsFromEnv({}), { url: null, syncEveryMs: 30_000 });
    assert.deepEqual(practiceOptionsFromEnv({ CADANS_PRACTICE_DB: ' postgres://a@h/db ', CADANS_PRACTICE_SYNC_SEC: '5' }), { url: 'postgres://a@h/db', syncEveryMs: 5000 });
    assert.equal(practiceOptionsFromEnv({ CADANS_PRACTICE_SYNC_SEC: '0' }).syncEveryMs, 0);
  });

  test('off: the state says so and "sync now" does nothing', async () => {
    const p = new PracticeCalls(storage, hub, { url: null, syncEveryMs: 0 });
    p.start();
    storage.clients.create({ name: 'Anna de Vries' });
    p.refresh();
    const s = await p.syncPracticeNow();
    assert.equal(s.mode, 'off');
    assert.equal(s.connection, 'off');
    assert.equal(s.waiting, 0);
    assert.deepEqual(events, []);
  });

  test('an unreachable server: offline, what is stored counted as waiting, the password never shown', async () => {
    storage.clients.create({ name: 'Anna de Vries' });
    const url = `postgres://anna:geheim@127.0.0.1:${await closedPort()}/praktijk`;
    const p = new PracticeCalls(storage, hub, { url, syncEveryMs: 0 });
    assert.equal(p.getPracticeState().connection, 'unknown');
    p.start(); // joins at once, then syncs
    const s = await p.syncPracticeNow();
    assert.equal(s.mode, 'on');
    assert.equal(s.connection, 'offline');
    assert.equal(s.problemCode, 'unreachable');
    assert.equal(s.syncing, false);
    assert.ok(s.waiting >= 1, `the client stored before waits (${s.waiting})`);
    assert.equal(s.lastSyncAt, null);
    assert.equal(s.server, 'postgres://anna:***@127.0.0.1:' + new URL(url).port + '/praktijk');
    assert.ok(!JSON.stringify(events).includes('geheim'));
    assert.equal(events[0]!.syncing, true, 'the pages hear that a sync started');
    assert.equal(events[events.length - 1]!.connection, 'offline');
    await p.close();
  });

  test('the pages hear of a new waiting count; a second "sync now" joins the running one', async () => {
    const p = new PracticeCalls(storage, hub, { url: `postgres://anna@127.0.0.1:${await closedPort()}/praktijk`, syncEveryMs: 0 });
    p.start();
    await p.syncPracticeNow();
    const before = p.getPracticeState().waiting;
    events.length = 0;
    p.refresh();
    assert.equal(events.length, 0, 'nothing changed: no event');
    storage.clients.create({ name: 'Bram Smit' });
    p.refresh();
    assert.equal(events.length, 1);
    assert.equal(events[0]!.waiting, before + 1);
    assert.equal(events[0]!.connection, 'offline', 'the connection state is kept');
    events.length = 0;
    const [a, b] = await Promise.all([p.syncPracticeNow(), p.syncPracticeNow()]);
    assert.deepEqual(a, b);
    assert.equal(events.filter((e) => e.syncing).length, 1, 'one sync ran');
    await p.close();
  });
});

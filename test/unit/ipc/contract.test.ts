import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_NAMES,
  CONTRACT,
  EVENT_NAMES,
  INVOKE_NAMES,
  channelOf,
  createApiClient,
  dispatchInvoke,
  isEventName,
  isInvokeName,
  type CadansService,
  type Reply,
} from '../../../shared/ipc/contract.js';

describe('API contract', () => {
  test('every entry is an invoke call or an event; events are onX, calls are not', () => {
    assert.deepEqual([...INVOKE_NAMES, ...EVENT_NAMES].sort(), [...API_NAMES].sort());
    for (const n of EVENT_NAMES) assert.match(n, /^on[A-Z]/);
    for (const n of INVOKE_NAMES) assert.doesNotMatch(n, /^on[A-Z]/);
    assert.equal(new Set(API_NAMES.map(channelOf)).size, API_NAMES.length, 'channels are unique');
  });

  test('covers what the workstation needs', () => {
    for (const n of [
      'listClients', 'createClient', 'getClient', 'listSessions', 'getSessionSummary', 'getSessionReview',
      'listSensors', 'connectSensor', 'disconnectSensor', 'startSession', 'pauseSession', 'resumeSession',
      'stopSession', 'addMarker', 'setPacer', 'getDisplaySettings', 'setDisplaySettings', 'getLocale', 'setLocale',
    ]) assert.ok(isInvokeName(n), `invoke ${n}`);
    for (const n of ['onConnection', 'onQuality', 'onSessionState', 'onLive']) assert.ok(isEventName(n), `event ${n}`);
    assert.equal(isInvokeName('constructor'), false);
    assert.equal(isInvokeName('onLive'), false);
    assert.equal(isEventName('__proto__'), false);
  });

  test('argument checks reject wrong arity and types', () => {
    assert.equal(CONTRACT.getClient.check([3]), null);
    assert.match(CONTRACT.getClient.check(['3']) ?? '', /argument 1/);
    assert.match(CONTRACT.getClient.check([3, 4]) ?? '', /expected 1 argument/);
    assert.match(CONTRACT.getClient.check([0]) ?? '', /positive whole number/);
    assert.match(CONTRACT.setLocale.check(['de']) ?? '', /nl, en/);
    assert.equal(CONTRACT.setPacer.check([null]), null);
    assert.match(CONTRACT.setPacer.check([[1]]) ?? '', /object or null/);
    assert.match(CONTRACT.connectSensor.check(['   ']) ?? '', /text/);
    assert.match(CONTRACT.listClients.check([1]) ?? '', /expected 0/);
  });
});

describe('dispatchInvoke', () => {
  const calls: unknown[][] = [];
  const service = {
    getClient: (id: number) => {
      calls.push([id]);
      if (id === 99) throw new Error('client 99 not found');
      return { id, name: 'A' };
    },
    getLocale: async () => 'nl',
  } as unknown as CadansService;

  test('calls the service with checked arguments and wraps the result', async () => {
    assert.deepEqual(await dispatchInvoke(service, 'getClient', [5]), { ok: true, value: { id: 5, name: 'A' } });
    assert.deepEqual(await dispatchInvoke(service, 'getLocale', []), { ok: true, value: 'nl' });
    assert.deepEqual(calls, [[5]]);
  });

  test('never throws: unknown names, bad arguments and service errors become messages', async () => {
    const r1 = await dispatchInvoke(service, 'dropTables', []);
    assert.equal(r1.ok, false);
    assert.match((r1 as { error: string }).error, /unknown API call 'dropTables'/);
    const r2 = await dispatchInvoke(service, 'getClient', ['x']);
    assert.match((r2 as { error: string }).error, /^getClient: argument 1/);
    const r3 = await dispatchInvoke(service, 'getClient', 'not a list');
    assert.match((r3 as { error: string }).error, /must be a list/);
    const r4 = await dispatchInvoke(service, 'getClient', [99]);
    assert.deepEqual(r4, { ok: false, error: 'client 99 not found' });
    const r5 = await dispatchInvoke(service, 'onLive', []);
    assert.equal(r5.ok, false, 'events cannot be invoked');
  });
});

describe('createApiClient', () => {
  test('exposes exactly the contract names, all functions', () => {
    const api = createApiClient({ invoke: async () => ({ ok: true, value: null }), subscribe: () => () => undefined });
    assert.deepEqual(Object.keys(api).sort(), [...API_NAMES].sort());
    for (const k of API_NAMES) assert.equal(typeof (api as unknown as Record<string, unknown>)[k], 'function');
    assert.ok(Object.isFrozen(api));
  });

  test('invoke passes name and arguments, unwraps values and errors', async () => {
    const seen: [string, unknown[]][] = [];
    const api = createApiClient({
      invoke: async (name, args): Promise<Reply<unknown>> => {
        seen.push([name, args]);
        return name === 'getClient' ? { ok: false, error: 'no such client' } : { ok: true, value: 'en' };
      },
      subscribe: () => () => undefined,
    });
    assert.equal(await api.setLocale('en'), 'en');
    await assert.rejects(api.getClient(7), /no such client/);
    assert.deepEqual(seen, [
      ['setLocale', ['en']],
      ['getClient', [7]],
    ]);
  });

  test('events subscribe and unsubscribe through the transport', () => {
    const subs = new Map<string, (p: unknown) => void>();
    const api = createApiClient({
      invoke: async () => ({ ok: true, value: null }),
      subscribe: (name, fn) => {
        subs.set(name, fn);
        return () => subs.delete(name);
      },
    });
    const got: unknown[] = [];
    const off = api.onSessionState((s) => got.push(s.phase));
    subs.get('onSessionState')!({ phase: 'recording' });
    off();
    assert.deepEqual(got, ['recording']);
    assert.equal(subs.has('onSessionState'), false);
    assert.throws(() => api.onLive(42 as never), /listener must be a function/);
  });
});

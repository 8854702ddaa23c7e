// Loads the real preload bundle (build/main/preload.cjs; bundled from main/preload/preload.ts when
// the build has not run) with a mocked `electron` module and checks that it exposes exactly the
// contract's functions through contextBridge — nothing like a generic send(channel).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { buildSync } from 'esbuild';
import { API_NAMES } from '../../../shared/ipc/contract.js';
import { repoRoot } from '../../support/paths.js';

function preloadSource(): string {
  const built = join(repoRoot, 'build', 'main', 'preload.cjs');
  if (existsSync(built)) return readFileSync(built, 'utf8');
  const r = buildSync({ entryPoints: [join(repoRoot, 'main', 'preload', 'preload.ts')], bundle: true, format: 'cjs', platform: 'node', external: ['electron'], write: false });
  return r.outputFiles[0]!.text;
}

interface Fakes {
  exposed: Map<string, Record<string, unknown>>;
  invoked: [string, unknown[]][];
  listeners: Map<string, Set<(e: unknown, p: unknown) => void>>;
  reply: unknown;
}

function loadPreload(): Fakes {
  const f: Fakes = { exposed: new Map(), invoked: [], listeners: new Map(), reply: { ok: true, value: 'ok' } };
  const electron = {
    contextBridge: {
      exposeInMainWorld(key: string, api: Record<string, unknown>) {
        assert.equal(f.exposed.has(key), false);
        f.exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        f.invoked.push([channel, args]);
        return f.reply;
      },
      on(channel: string, fn: (e: unknown, p: unknown) => void) {
        if (!f.listeners.has(channel)) f.listeners.set(channel, new Set());
        f.listeners.get(channel)!.add(fn);
      },
      removeListener(channel: string, fn: (e: unknown, p: unknown) => void) {
        f.listeners.get(channel)?.delete(fn);
      },
      send() {
        throw new Error('the preload must not use ipcRenderer.send');
      },
    },
  };
  const required: string[] = [];
  const module = { exports: {} };
  const sandboxRequire = (id: string): unknown => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require '${id}'`);
  };
  runInNewContext(preloadSource(), { require: sandboxRequire, module, exports: module.exports, console });
  assert.deepEqual(required, ['electron'], 'the sandboxed preload requires only electron');
  return f;
}

describe('preload', () => {
  test('exposes exactly the contract functions as window.cadans', () => {
    const f = loadPreload();
    assert.deepEqual([...f.exposed.keys()], ['cadans']);
    const api = f.exposed.get('cadans')!;
    assert.deepEqual(Object.keys(api).sort(), [...API_NAMES].sort());
    for (const k of Object.keys(api)) assert.equal(typeof api[k], 'function', k);
    for (const generic of ['send', 'invoke', 'on', 'ipcRenderer', 'sendSync']) assert.equal(api[generic], undefined, generic);
  });

  test('an invoke call goes to its own channel; errors arrive as Error messages', async () => {
    const f = loadPreload();
    const api = f.exposed.get('cadans')! as Record<string, (...a: unknown[]) => Promise<unknown>>;
    assert.equal(await api.getClient!(3), 'ok');
    assert.deepEqual(f.invoked, [['cadans:getClient', [3]]]);
    f.reply = { ok: false, error: 'client 3 not found' };
    await assert.rejects(api.getClient!(3), /client 3 not found/);
  });

  test('events: the listener gets the payload only (never the IPC event), and can unsubscribe', () => {
    const f = loadPreload();
    const api = f.exposed.get('cadans')! as Record<string, (fn: (p: unknown) => void) => () => void>;
    const got: unknown[] = [];
    const off = api.onLive!((p) => got.push(p));
    const set = f.listeners.get('cadans:onLive')!;
    assert.equal(set.size, 1);
    for (const fn of set) fn({ sender: 'secret' }, { seq: 1 });
    assert.deepEqual(got, [{ seq: 1 }]);
    off();
    assert.equal(set.size, 0);
  });
});

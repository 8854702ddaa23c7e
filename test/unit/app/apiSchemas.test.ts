// Every call of the API contract is checked against its schema before the core sees it, in the
// Electron IPC handlers (main handler layer) and in the web host: for EVERY call, an unknown key
// (in every object, nested ones too), a wrong type (every argument, every field), a missing
// required key, one argument too many and a non-list are refused with one clear message, and the
// service is not called; a valid list (every optional key present) reaches the service unchanged.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { registerIpcHandlers, type IpcMainLike } from '../../../main/app/ipcHandlers.js';
import { startWebHost, type WebHost } from '../../../main/web/webHost.js';
import { channelOf, CONTRACT, INVOKE_NAMES, isInvokeName, type CadansService, type EventSink, type Reply } from '../../../shared/ipc/contract.js';
import { check, object, optional, text, type Schema } from '../../../shared/ipc/schema.js';
import { decodeWire, encodeWire } from '../../../shared/ipc/wireCodec.js';
import { socketProtocols } from '../../../shared/ipc/wireProtocol.js';
import { badCases, validArgs, type BadCase } from '../../support/schemaCases.js';

/** A service that records every call that reaches it. */
function recordingService(): { service: CadansService & { addSink(s: EventSink): () => void }; calls: [string, unknown[]][] } {
  const calls: [string, unknown[]][] = [];
  const service = new Proxy({} as CadansService & { addSink(s: EventSink): () => void }, {
    get(_t, prop) {
      if (prop === 'addSink') return () => () => undefined;
      if (isInvokeName(prop)) return (...a: unknown[]) => (calls.push([prop, a]), 'reached');
      return undefined;
    },
  });
  return { service, calls };
}

const ALL_BAD: BadCase[] = INVOKE_NAMES.flatMap(badCases);

describe('API schemas', () => {
  test('every call has one schema per argument, and its valid sample passes', () => {
    for (const name of INVOKE_NAMES) {
      const spec = CONTRACT[name].check;
      assert.ok(Array.isArray(spec.schemas), `${name} has schemas`);
      assert.equal(spec(validArgs(name)), null, `${name}: the sample of its own schema is valid`);
    }
    // Every call gets refusals; every object argument is strict.
    for (const name of INVOKE_NAMES) assert.ok(ALL_BAD.some((c) => c.call === name), name);
    const objectCalls = INVOKE_NAMES.filter((n) => ALL_BAD.some((c) => c.call === n && /unknown key/.test(c.what)));
    for (const n of [
      'setDisplaySettings', 'createClient', 'updateClient', 'createCourse', 'updateCourse', 'createGoal', 'setGoalStatus',
      'createQuestionnaire', 'createRunningLogEntry', 'getReportHtml', 'getReportPdf', 'importRrFile', 'startSession',
      'addMarker', 'setPacer', 'startResonance', 'setResonanceOverride', 'createPrescription', 'getPrescriptionFile',
    ]) assert.ok(objectCalls.includes(n as never), `${n}: its object argument is strict`);
    console.log(`# ${INVOKE_NAMES.length} calls, ${ALL_BAD.length} refused argument lists, ${objectCalls.length} calls with object arguments`);
  });

  test('object schemas are strict: unknown keys, missing keys, wrong types, non-plain objects', () => {
    const s: Schema<{ a: string; b?: string }> = object<{ a: string; b?: string }>({ a: text({ maxLength: 5 }), b: optional(text({ maxLength: 5 })) });
    assert.equal(check(s, { a: 'x' }), null);
    assert.equal(check(s, { a: 'x', b: undefined }), null);
    assert.equal(check(s, { a: 'x', c: 1 }), "value has an unknown key 'c' (allowed: a, b)");
    assert.equal(check(s, JSON.parse('{"a":"x","__proto__":{"polluted":1}}')), "value has an unknown key '__proto__' (allowed: a, b)");
    assert.equal(check(s, {}), 'value.a is required');
    assert.equal(check(s, { a: 'toolong' }), 'value.a must be text of at most 5 characters');
    assert.equal(check(s, new Date()), 'value must be an object');
    assert.equal(check(s, [1]), 'value must be an object');
    assert.equal(check(s, null), 'value must be an object');
  });

  test('main handler layer (Electron IPC): every bad argument list refused, the service never called', async () => {
    const { service, calls } = recordingService();
    const handlers = new Map<string, (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown>();
    const ipcMain: IpcMainLike = { handle: (ch, fn) => void handlers.set(ch, fn), removeHandler: (ch) => void handlers.delete(ch) };
    registerIpcHandlers(ipcMain, service);
    const event = { senderFrame: { url: 'cadans://app/index.html' } };
    for (const c of ALL_BAD) {
      // Electron passes the arguments spread; a non-list cannot occur there, so it is one argument.
      const spread = Array.isArray(c.args) ? c.args : [c.args];
      const reply = (await handlers.get(channelOf(c.call))!(event, ...spread)) as Reply<unknown>;
      assert.equal(reply.ok, false, `${c.call}: ${c.what} must be refused`);
      if (Array.isArray(c.args)) assert.match((reply as { error: string }).error, c.expect, `${c.call}: ${c.what}`);
    }
    assert.equal(calls.length, 0, 'no refused call reached the service');
    for (const name of INVOKE_NAMES) {
      const reply = (await handlers.get(channelOf(name))!(event, ...validArgs(name))) as Reply<unknown>;
      assert.deepEqual(reply, { ok: true, value: 'reached' }, name);
    }
    assert.deepEqual(
      calls.map(([n]) => n),
      INVOKE_NAMES.slice(),
    );
    assert.deepEqual(calls[INVOKE_NAMES.indexOf('startSession')]![1], validArgs('startSession'), 'arguments arrive unchanged');
  });

  describe('web host', () => {
    let dir: string;
    let host: WebHost;
    const rec = recordingService();
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'cadans-schemas-'));
      writeFileSync(join(dir, 'index.html'), '<!doctype html>');
      host = await startWebHost({ service: rec.service, staticDir: dir, port: 0 });
    });
    after(async () => {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('every bad argument list refused over the WebSocket, the service never called; valid ones answered', async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, socketProtocols(host.token), { headers: { origin: `http://127.0.0.1:${host.port}` } });
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const replies = new Map<number, Reply<unknown>>();
      let waiting: { n: number; done: () => void } | null = null;
      ws.on('message', (d) => {
        const m = decodeWire(String(d)) as { t: string; id: number; reply: Reply<unknown> };
        if (m.t !== 'reply') return;
        replies.set(m.id, m.reply);
        if (waiting && replies.size >= waiting.n) waiting.done();
      });
      const sendAll = async (list: { name: string; args: unknown }[]): Promise<Reply<unknown>[]> => {
        replies.clear();
        const all = new Promise<void>((resolve) => (waiting = { n: list.length, done: resolve }));
        // All at once: refusals are answered at once and never count as calls in flight.
        for (let i = 0; i < list.length; i++) ws.send(encodeWire({ t: 'call', id: i, name: list[i]!.name, args: list[i]!.args }));
        await all;
        return list.map((_, i) => replies.get(i)!);
      };
      try {
        const bad = await sendAll(ALL_BAD.map((c) => ({ name: c.call, args: c.args })));
        bad.forEach((reply, i) => {
          const c = ALL_BAD[i]!;
          assert.equal(reply.ok, false, `${c.call}: ${c.what} must be refused`);
          assert.match((reply as { error: string }).error, c.expect, `${c.call}: ${c.what}`);
        });
        assert.equal(rec.calls.length, 0, 'no refused call reached the service');
        // The envelope is strict too.
        ws.send(JSON.stringify({ t: 'call', id: 7, name: 'getLocale', args: [], extra: true }));
        const envelope = await new Promise<Reply<unknown>>((resolve) =>
          ws.once('message', (d) => resolve((decodeWire(String(d)) as { reply: Reply<unknown> }).reply)),
        );
        assert.deepEqual(envelope, { ok: false, error: "call message has an unknown key 'extra' (allowed: t, id, name, args)" });
        rec.calls.length = 0;
        for (const name of INVOKE_NAMES) {
          const [reply] = await sendAll([{ name, args: validArgs(name) }]);
          assert.deepEqual(reply, { ok: true, value: 'reached' }, name);
        }
        assert.deepEqual(
          rec.calls.map(([n]) => n),
          INVOKE_NAMES.slice(),
        );
      } finally {
        ws.close();
      }
    });
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startWebHost, type WebHost } from '../../../main/web/webHost.js';
import type { CadansService, EventSink } from '../../../shared/ipc/contract.js';
import { decodeWire, encodeWire } from '../../../shared/ipc/wireCodec.js';
import { socketProtocols } from '../../../shared/ipc/wireProtocol.js';

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Refused upgrades: their status and headers (to check that none sets a cookie). */
const refusals: { status: number; headers: Record<string, string | string[] | undefined> }[] = [];

function openSocket(url: string, origin?: string, protocols: string[] = []): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, origin ? { headers: { origin } } : {});
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => {
      refusals.push({ status: res.statusCode ?? 0, headers: res.headers });
      reject(new Error(`HTTP ${res.statusCode}`));
    });
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (d) => resolve(decodeWire(String(d)) as Record<string, unknown>)));
}

describe('web host', () => {
  let dir: string;
  let host: WebHost;
  const sinks = new Set<EventSink>();
  const service = {
    getLocale: () => 'nl',
    getClient: (id: number) => {
      throw new Error(`client ${id} not found`);
    },
    addSink(s: EventSink) {
      sinks.add(s);
      return () => sinks.delete(s);
    },
  } as unknown as CadansService & { addSink(s: EventSink): () => void };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cadans-web-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Cadans</title>');
    writeFileSync(join(dir, 'renderer', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    host = await startWebHost({ service, staticDir: join(dir, 'renderer'), port: 0 });
  });

  after(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('URL: loopback, free port, long random token in the fragment', () => {
    assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    assert.ok(host.port > 0);
    assert.equal(host.url, `http://127.0.0.1:${host.port}/#token=${host.token}`);
    assert.equal(host.displayUrl, `http://127.0.0.1:${host.port}/#/display?token=${host.token}`);
  });

  test('pages are the public renderer bundle: served without a token, strict CSP, no cookie', async () => {
    const ok = await get(host.port, '/');
    assert.equal(ok.status, 200);
    assert.match(ok.body, /<title>Cadans/);
    assert.match(String(ok.headers['content-security-policy']), /default-src 'none'; script-src 'self'/);
    assert.equal(ok.headers['x-content-type-options'], 'nosniff');
    assert.equal(ok.headers['referrer-policy'], 'no-referrer');
    assert.equal(ok.headers['set-cookie'], undefined);
    const js = await get(host.port, '/app.js');
    assert.equal(js.status, 200);
    assert.match(String(js.headers['content-type']), /javascript/);
  });

  test('no HTTP response sets a cookie: every route, errors included', async () => {
    const responses = [
      await get(host.port, '/'),
      await get(host.port, '/index.html'),
      await get(host.port, '/app.js'),
      await get(host.port, `/?token=${host.token}`),
      await get(host.port, '/missing.js'),
      await get(host.port, '/..%2Fsecret.txt'),
      await get(host.port, '/%00'),
      await get(host.port, '/%zz'),
      await get(host.port, '/api'),
      await get(host.port, '/', { host: `evil.example:${host.port}` }),
      await get(host.port, '/', { cookie: `cadans_token=${host.token}` }),
      await new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve) => {
        const req = request({ host: '127.0.0.1', port: host.port, path: '/', method: 'POST' }, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, headers: res.headers });
        });
        req.end();
      }),
    ];
    assert.deepEqual(
      responses.map((r) => r.status),
      [200, 200, 200, 200, 404, 404, 404, 400, 404, 421, 200, 405],
    );
    const origin = `http://127.0.0.1:${host.port}`;
    refusals.length = 0;
    await assert.rejects(openSocket(`ws://127.0.0.1:${host.port}/api`, origin));
    await assert.rejects(openSocket(`ws://127.0.0.1:${host.port}/api`, 'http://evil.example', socketProtocols(host.token)));
    await assert.rejects(openSocket(`ws://127.0.0.1:${host.port}/nope`, origin, socketProtocols(host.token)));
    assert.equal(refusals.length, 3);
    for (const r of [...responses, ...refusals]) {
      assert.equal(r.headers['set-cookie'], undefined, `status ${r.status} sets no cookie`);
      assert.doesNotMatch(JSON.stringify(r.headers), new RegExp(host.token), 'no header holds the token');
    }
  });

  test('no DNS rebinding, no path traversal, GET only', async () => {
    assert.equal((await get(host.port, '/', { host: `evil.example:${host.port}` })).status, 421);
    assert.equal((await get(host.port, '/', { host: `localhost:${host.port}` })).status, 200);
    assert.equal((await get(host.port, '/..%2Fsecret.txt')).status, 404);
    assert.equal((await get(host.port, '/%2e%2e/secret.txt')).status, 404);
    const post = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/', method: 'POST' }, (res) => resolve(res.statusCode ?? 0));
      req.end();
    });
    assert.equal(post, 405);
  });

  test('the WebSocket needs the token in its handshake and the host’s own origin', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    const ok = `ws://127.0.0.1:${host.port}/api`;
    const good = socketProtocols(host.token);
    await assert.rejects(openSocket(ok, origin), /403/, 'no token');
    await assert.rejects(openSocket(ok, origin, socketProtocols('A'.repeat(43))), /403/, 'a wrong token');
    await assert.rejects(openSocket(ok, origin, socketProtocols(host.token.slice(0, -1))), /403/, 'a shorter token');
    await assert.rejects(openSocket(`${ok}?token=${host.token}`, origin), /403/, 'the token in the URL is not accepted');
    await assert.rejects(openSocket(ok, origin, [`cadans-token.${host.token}`]), /403/, 'without cadans.v1');
    await assert.rejects(openSocket(ok, origin, [...good, 'cadans-token.' + 'B'.repeat(43)]), /403/, 'two tokens');
    await assert.rejects(openSocket(ok, 'http://evil.example', good), /403/, 'a foreign origin');
    await assert.rejects(openSocket(ok, undefined, good), /403/, 'no Origin header');
    await assert.rejects(openSocket(ok, `http://localhost:${host.port + 1}`, good), /403/, 'another port');
    await assert.rejects(openSocket(`ws://127.0.0.1:${host.port}/other`, origin, good), /404/);
    const ws = await openSocket(ok, origin, good);
    assert.equal(ws.protocol, 'cadans.v1', 'the server selects the wire format, never echoes the token');
    try {
      assert.equal(host.connections, 1);
      ws.send(encodeWire({ t: 'call', id: 1, name: 'getLocale', args: [] }));
      assert.deepEqual(await nextMessage(ws), { t: 'reply', id: 1, reply: { ok: true, value: 'nl' } });
      ws.send(encodeWire({ t: 'call', id: 2, name: 'getClient', args: [5] }));
      assert.deepEqual(await nextMessage(ws), { t: 'reply', id: 2, reply: { ok: false, error: 'client 5 not found' } });
      ws.send(encodeWire({ t: 'call', id: 3, name: 'getClient', args: ['5'] }));
      assert.match(JSON.stringify(await nextMessage(ws)), /argument 1/);
      ws.send('{ not json');
      assert.match(JSON.stringify(await nextMessage(ws)), /not valid JSON/);
      ws.send(encodeWire({ t: 'call', id: 4, name: 'require', args: [] }));
      assert.match(JSON.stringify(await nextMessage(ws)), /unknown API call 'require'/);
      // Events reach the page, typed arrays intact.
      const got = nextMessage(ws);
      for (const s of sinks) s('onLive', { values: new Float32Array([1.5, 2.5]) } as never);
      const ev = await got;
      assert.equal(ev.t, 'event');
      assert.equal(ev.name, 'onLive');
      assert.deepEqual(Array.from((ev.payload as { values: Float32Array }).values), [1.5, 2.5]);
    } finally {
      ws.close();
    }
  });
});

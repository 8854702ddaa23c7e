// The web host's limits per connection: calls in flight (further ones refused at once, other
// connections unaffected), backpressure (a connection whose replies pile up unread is not read
// any more, so its further calls wait in its own TCP buffers and reach nothing), a reader that
// never reads is disconnected, the message size and the number of connections.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startWebHost, STALLED_CLOSE, type WebHost, type WebHostLimits } from '../../../main/web/webHost.js';
import type { CadansService, EventSink } from '../../../shared/ipc/contract.js';
import { decodeWire, encodeWire } from '../../../shared/ipc/wireCodec.js';
import { MAX_CALL_BYTES, socketProtocols } from '../../../shared/ipc/wireProtocol.js';

interface Reply {
  t: string;
  id: number;
  reply: { ok: boolean; value?: unknown; error?: string };
}

/** A service whose exports wait until released, answering `replyBytes` characters each. */
function slowService(replyBytes: number) {
  const waiting: (() => void)[] = [];
  let exports = 0;
  const service = {
    getLocale: () => 'nl',
    exportSession: (id: number) =>
      new Promise((resolve) => {
        exports++;
        waiting.push(() => resolve({ fileName: `s${id}.csv`, mimeType: 'text/csv', data: 'x'.repeat(replyBytes) }));
      }),
    addSink: (_s: EventSink) => () => undefined,
  } as unknown as CadansService & { addSink(s: EventSink): () => void };
  return {
    service,
    exports: () => exports,
    release: () => {
      for (const r of waiting.splice(0)) r();
    },
  };
}

async function connect(host: WebHost): Promise<WebSocket & { replies: Reply[] }> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, socketProtocols(host.token), {
    headers: { origin: `http://127.0.0.1:${host.port}` },
  }) as WebSocket & { replies: Reply[] };
  ws.replies = [];
  ws.on('message', (d) => {
    const m = decodeWire(String(d)) as Reply;
    if (m.t === 'reply') ws.replies.push(m);
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
}

async function waitFor(what: string, fn: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const call = (id: number, name: string, args: unknown[]): string => encodeWire({ t: 'call', id, name, args });

function hostWith(service: CadansService & { addSink(s: EventSink): () => void }, limits: Partial<WebHostLimits>) {
  let dir = '';
  let host: WebHost | null = null;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cadans-limits-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    host = await startWebHost({ service, staticDir: dir, port: 0, limits });
  });
  after(async () => {
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return () => host!;
}

describe('web host limits', () => {
  describe('calls in flight', () => {
    const svc = slowService(10);
    const host = hostWith(svc.service, { maxCallsInFlight: 8 });

    test('at most 8 calls in flight per connection; more are refused at once; other connections are answered meanwhile', async () => {
      const flood = await connect(host());
      const other = await connect(host());
      try {
        for (let i = 1; i <= 1500; i++) flood.send(call(i, 'exportSession', [1, 'csv']));
        await waitFor('1,492 refusals', () => flood.replies.length >= 1492);
        assert.equal(svc.exports(), 8, 'only 8 calls reached the service');
        assert.ok(flood.replies.every((r) => r.reply.ok === false && /too many calls in flight \(at most 8 per connection\)/.test(r.reply.error!)));
        // Another page is answered while the flood's calls are still running.
        other.send(call(1, 'getLocale', []));
        other.send(call(2, 'exportSession', [2, 'csv']));
        await waitFor('the other page’s answer', () => other.replies.length >= 1);
        assert.deepEqual(other.replies[0], { t: 'reply', id: 1, reply: { ok: true, value: 'nl' } });
        await waitFor('the other page’s export to start (its own limit)', () => svc.exports() === 9);
        svc.release();
        await waitFor('the 8 answers', () => flood.replies.length === 1500);
        assert.equal(flood.replies.filter((r) => r.reply.ok).length, 8);
        // Answered calls free their places.
        flood.send(call(2000, 'exportSession', [1, 'csv']));
        await waitFor('a new call accepted', () => svc.exports() === 10);
        svc.release();
      } finally {
        flood.close();
        other.close();
      }
    });
  });

  describe('calls answered at once', () => {
    const svc = slowService(10);
    const host = hostWith(svc.service, { maxCallsInFlight: 8 });

    test('do not count as in flight: 200 at once are all answered', async () => {
      const ws = await connect(host());
      try {
        for (let i = 1; i <= 200; i++) ws.send(call(i, 'getLocale', []));
        await waitFor('200 answers', () => ws.replies.length === 200);
        assert.ok(ws.replies.every((r) => r.reply.ok && r.reply.value === 'nl'));
      } finally {
        ws.close();
      }
    });
  });

  describe('backpressure', () => {
    const svc = slowService(4 * 1024 * 1024);
    const host = hostWith(svc.service, { maxCallsInFlight: 8, pauseAboveBytes: 64 * 1024, resumeBelowBytes: 16 * 1024, stalledReaderMs: 60_000 });

    test('while its replies pile up unread, a connection is not read: its further calls reach nothing until it reads', async () => {
      const ws = await connect(host());
      try {
        for (let i = 1; i <= 8; i++) ws.send(call(i, 'exportSession', [i, 'csv']));
        await waitFor('8 exports running', () => svc.exports() === 8);
        ws.pause(); // the page stops reading
        svc.release(); // 32 MB of replies: far more than the socket buffers hold
        await new Promise((r) => setTimeout(r, 300));
        for (let i = 9; i <= 16; i++) ws.send(call(i, 'exportSession', [i, 'csv']));
        await new Promise((r) => setTimeout(r, 500));
        assert.equal(svc.exports(), 8, 'calls sent while the host holds unread replies are not processed');
        ws.resume(); // reading again: the host drains, then reads the waiting calls
        await waitFor('the waiting calls processed', () => svc.exports() === 16, 20_000);
        svc.release();
        await waitFor('all 16 answers', () => ws.replies.length === 16, 20_000);
        assert.ok(ws.replies.every((r) => r.reply.ok));
      } finally {
        ws.close();
      }
    });
  });

  describe('a reader that never reads', () => {
    const svc = slowService(4 * 1024 * 1024);
    const host = hostWith(svc.service, { maxCallsInFlight: 8, pauseAboveBytes: 64 * 1024, resumeBelowBytes: 16 * 1024, stalledReaderMs: 1000 });

    test('is disconnected once its replies stay unread', async () => {
      const ws = await connect(host());
      for (let i = 1; i <= 8; i++) ws.send(call(i, 'exportSession', [i, 'csv']));
      await waitFor('8 exports running', () => svc.exports() === 8);
      ws.pause();
      svc.release();
      await waitFor('the host to drop the connection', () => host().connections === 0, 15_000);
      ws.terminate();
      assert.equal(STALLED_CLOSE.code, 1008);
    });
  });

  describe('message size and connections', () => {
    const svc = slowService(10);
    const host = hostWith(svc.service, { maxConnections: 2 });

    test('a message over the size limit closes the socket with 1009', async () => {
      const ws = await connect(host());
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.send(call(1, 'connectSensor', ['x'.repeat(MAX_CALL_BYTES + 10)]));
      assert.equal(await closed, 1009);
      assert.equal(svc.exports(), 0);
    });

    test('at most maxConnections open sockets; more are refused with 503', async () => {
      await waitFor('no connections', () => host().connections === 0);
      const a = await connect(host());
      const b = await connect(host());
      try {
        await assert.rejects(connect(host()), /503/);
      } finally {
        a.close();
        b.close();
      }
    });
  });
});

// The web host under a flood, with the real app core (database, simulator, heavy-work worker): one
// connection sends 1,500 large exports (a 60-minute session's CSV, ~4 MB each) and does not read
// its replies. The host refuses what is over the in-flight limit, stops reading that connection
// while its replies pile up, and stays bounded in memory; another page's calls are answered and
// its live stream keeps flowing meanwhile. Once the flooding page reads again, every call of it
// has an answer. Timings here are generous bounds only; `npm run bench:web` measures them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createAppCore, type AppCore } from '../../../main/app/appCore.js';
import { rendererDir } from '../../../main/cli/webCommand.js';
import { startWebHost, type WebHost } from '../../../main/web/webHost.js';
import { decodeWire, encodeWire } from '../../../shared/ipc/wireCodec.js';
import { socketProtocols } from '../../../shared/ipc/wireProtocol.js';
import { makeTempDir, removeTempDirs, storeSimSession } from '../reports/reportFixtures.js';

interface Msg {
  t: 'reply' | 'event';
  id?: number;
  name?: string;
  reply?: { ok: boolean; error?: string };
}

async function connect(host: WebHost): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, socketProtocols(host.token), { headers: { origin: `http://127.0.0.1:${host.port}` } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('web host under a flood of exports (real app core)', { timeout: 180_000 }, () => {
  let core: AppCore;
  let host: WebHost;
  let sessionId: number;

  before(async () => {
    const dir = makeTempDir('cadans-flood-');
    core = await createAppCore({ dbPath: join(dir, 'cadans.sqlite'), host: 'web', sensorSpec: 'sim', bleScanMs: 0 });
    const clientId = core.storage.clients.create({ name: 'Flood Test' }).id;
    sessionId = storeSimSession(core.storage, { clientId, startedAt: '2025-06-14T09:00:00.000Z', durationSec: 3600 }).sessionId;
    host = await startWebHost({ service: core.service, staticDir: rendererDir(), port: 0 });
  });
  after(async () => {
    await host?.close();
    await core?.close();
    removeTempDirs();
  });

  test('1,500 unread large exports: refused over the limit, memory bounded, another page answered and streamed meanwhile', async () => {
    const flood = await connect(host);
    const other = await connect(host);
    const floodReplies: Msg[] = [];
    flood.on('message', (d) => {
      const m = decodeWire(String(d)) as Msg;
      if (m.t === 'reply') floodReplies.push(m);
    });
    let live = 0;
    const otherReplies = new Map<number, Msg>();
    other.on('message', (d) => {
      const m = decodeWire(String(d)) as Msg;
      if (m.t === 'event' && m.name === 'onLive') live++;
      if (m.t === 'reply') otherReplies.set(m.id!, m);
    });

    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let rssMax = rss0;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 50);
    try {
      // The flooding page stops reading, then sends 1,500 exports in bursts over ~3 s.
      flood.pause();
      for (let burst = 0; burst < 10; burst++) {
        for (let i = 0; i < 150; i++) flood.send(encodeWire({ t: 'call', id: burst * 150 + i, name: 'exportSession', args: [sessionId, 'csv'] }));
        await sleep(300);
      }
      // Meanwhile and after: the other page's calls are answered and its live stream flows.
      const liveBefore = live;
      for (let k = 0; k < 20; k++) {
        const id = 10_000 + k;
        other.send(encodeWire({ t: 'call', id, name: k % 2 ? 'listClients' : 'getLocale', args: [] }));
        const end = Date.now() + 10_000;
        while (!otherReplies.has(id)) {
          if (Date.now() > end) assert.fail(`the other page's call ${k} was not answered within 10 s during the flood`);
          await sleep(10);
        }
        assert.equal(otherReplies.get(id)!.reply!.ok, true);
        await sleep(100);
      }
      assert.ok(live - liveBefore > 10, `the live stream kept flowing to the other page (${live - liveBefore} batches in ~2 s)`);
      const peakMb = (rssMax - rss0) / 2 ** 20;
      console.log(`# RSS grew by at most ${peakMb.toFixed(0)} MB during the flood`);
      assert.ok(peakMb < 1024, `memory stays bounded (RSS +${peakMb.toFixed(0)} MB; unbounded would be ~1,500 × 4 MB)`);
    } finally {
      clearInterval(sampler);
    }

    // Reading again: every one of the 1,500 calls gets its answer.
    flood.resume();
    const end = Date.now() + 120_000;
    while (floodReplies.length < 1500) {
      if (Date.now() > end) assert.fail(`only ${floodReplies.length} of 1,500 answers after the page read again`);
      await sleep(50);
    }
    const ok = floodReplies.filter((r) => r.reply!.ok).length;
    const refused = floodReplies.filter((r) => /too many calls in flight/.test(r.reply!.error ?? '')).length;
    console.log(`# flood: ${ok} exports answered, ${refused} refused as over the in-flight limit`);
    assert.equal(ok + refused, 1500);
    assert.ok(ok >= 8 && refused >= 1000, `${ok} answered, ${refused} refused`);
    flood.close();
    other.close();
  });
});

// `npm run bench:web` — the web host's heavy calls and limits, measured: the app core (real
// database, simulator connected, live stream at 25 batches/s) behind `startWebHost`, one page
// listening to the live stream and a second page making the calls. For each heavy call — a
// 50,000-interval RR import, a session report and exports of a 60-minute 100 Hz session — the
// call's time, the longest event-loop block (a 2 ms timer's longest gap) and the longest
// gap in the live stream the listening page saw, with the heavy calls on the main thread (as
// before) and in the heavy-work worker (now). Then a flood: one page sends 1,500 CSV exports
// without reading its replies: RSS growth, refusals, and the other page's longest wait and live gap.
//
// Run: npm run bench:web   (or: node --expose-gc build/test/bench/webHost.js [--quick])
//   --quick  a 10-minute session and a 10,000-interval import.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { createAppCore, type AppCore } from '../../main/app/appCore.js';
import { checkRrImport, prepareRrImport, storeRrImport } from '../../main/app/recordImport.js';
import { openStorage } from '../../main/storage/storage.js';
import { rendererDir } from '../../main/cli/webCommand.js';
import { startWebHost, type WebHost } from '../../main/web/webHost.js';
import { decodeWire, encodeWire } from '../../shared/ipc/wireCodec.js';
import { socketProtocols } from '../../shared/ipc/wireProtocol.js';
import { makeTempDir, removeTempDirs, storeSimSession } from '../integration/reports/reportFixtures.js';

const quick = process.argv.includes('--quick');
const SESSION_SEC = quick ? 600 : 3600;
const RR_INTERVALS = quick ? 10_000 : 50_000;
const FLOOD_CALLS = 1500;

interface Msg {
  t: 'reply' | 'event';
  id?: number;
  name?: string;
  reply?: { ok: boolean; error?: string; value?: unknown };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The longest time the event loop did not run a 2 ms timer, ms (a blocked loop shows as one long
 * gap; monitorEventLoopDelay misses a block that lasts until it is read).
 */
function loopWatch(): { stop(): number } {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 2);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(worst, performance.now() - last);
    },
  };
}

function rrText(n: number): string {
  let s = 7;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    lines.push(String(Math.round(850 + 60 * Math.sin(i / 1.6) + 20 * (s / 2147483647 - 0.5))));
  }
  return lines.join('\n');
}

/** A page: its replies by id, and the arrival times of its live batches. */
class Page {
  readonly replies = new Map<number, Msg>();
  liveAt: number[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const m = decodeWire(String(d)) as Msg;
      if (m.t === 'event' && m.name === 'onLive') this.liveAt.push(performance.now());
      else if (m.t === 'reply') this.replies.set(m.id!, m);
    });
  }
  static async open(host: WebHost): Promise<Page> {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, socketProtocols(host.token), { headers: { origin: `http://127.0.0.1:${host.port}` } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new Page(ws);
  }
  private nextId = 1;
  async call(name: string, args: unknown[]): Promise<{ ms: number; reply: Msg['reply'] }> {
    const id = this.nextId++;
    const t0 = performance.now();
    this.ws.send(encodeWire({ t: 'call', id, name, args }));
    while (!this.replies.has(id)) await sleep(1);
    return { ms: performance.now() - t0, reply: this.replies.get(id)!.reply };
  }
  /** Longest gap between live batches that arrived in [t0, t1]. */
  liveGap(t0: number, t1: number): number {
    const at = this.liveAt.filter((t) => t >= t0 && t <= t1);
    let gap = 0;
    for (let i = 1; i < at.length; i++) gap = Math.max(gap, at[i]! - at[i - 1]!);
    return at.length < 2 ? t1 - t0 : gap;
  }
}

interface Row {
  what: string;
  where: string;
  callMs: number;
  blockMs: number;
  gapMs: number;
}

async function heavyCalls(where: 'inline' | 'worker', dir: string): Promise<Row[]> {
  const core: AppCore = await createAppCore({ dbPath: join(dir, `${where}.sqlite`), host: 'web', sensorSpec: 'sim', bleScanMs: 0, heavyWork: where });
  const clientId = core.storage.clients.create({ name: 'Bench' }).id;
  const sessionId = storeSimSession(core.storage, { clientId, startedAt: '2025-06-14T09:00:00.000Z', durationSec: SESSION_SEC, pacer: { rateBpm: 6, inhaleFraction: 0.4 } }).sessionId;
  const host = await startWebHost({ service: core.service, staticDir: rendererDir(), port: 0 });
  const listener = await Page.open(host);
  const caller = await Page.open(host);
  const rows: Row[] = [];
  const text = rrText(RR_INTERVALS);
  const calls: [string, string, unknown[]][] = [
    [`importRrFile (${RR_INTERVALS.toLocaleString('en')} intervals)`, 'importRrFile', [{ clientId, type: 'biofeedback', fileName: 'bench.txt', text }]],
    [`getReportHtml (session, ${SESSION_SEC / 60} min)`, 'getReportHtml', [{ kind: 'session', sessionId }]],
    [`exportSession rr (${SESSION_SEC / 60} min)`, 'exportSession', [sessionId, 'rr']],
    [`exportSession csv (${SESSION_SEC / 60} min, 100 Hz)`, 'exportSession', [sessionId, 'csv']],
  ];
  try {
    await sleep(1500); // live stream running
    {
      // The baseline: nothing called for 3 s (on a busy machine the loop and the stream stall too).
      const loop = loopWatch();
      const t0 = performance.now();
      await sleep(3000);
      rows.push({ what: '(no call, 3 s)', where, callMs: NaN, blockMs: loop.stop(), gapMs: listener.liveGap(t0, performance.now()) });
    }
    for (const [what, name, args] of calls) {
      await sleep(300);
      const loop = loopWatch();
      const t0 = performance.now();
      const r = await caller.call(name, args);
      const t1 = performance.now();
      const blockMs = loop.stop();
      await sleep(200); // the batch after the call
      if (!r.reply?.ok) throw new Error(`${name} failed: ${r.reply?.error}`);
      rows.push({ what, where, callMs: r.ms, blockMs, gapMs: listener.liveGap(t0 - 100, t1 + 200) });
    }
  } finally {
    listener.ws.close();
    caller.ws.close();
    await host.close();
    await core.close();
  }
  return rows;
}

/** The RR import's two halves on this thread: parse + analysis (the worker's part) and the one-transaction write (the main thread's). */
function importStages(dir: string): string {
  const storage = openStorage(join(dir, 'stages.sqlite'));
  try {
    const clientId = storage.clients.create({ name: 'Stages' }).id;
    const now = new Date();
    const fields = checkRrImport({ clientId, type: 'biofeedback', fileName: 'x.txt', text: rrText(RR_INTERVALS) }, now);
    if ('ok' in fields) throw new Error(fields.error);
    let t = performance.now();
    const prepared = prepareRrImport(fields.text, fields.type);
    const prepareMs = performance.now() - t;
    t = performance.now();
    storeRrImport(storage, fields, prepared, now);
    const storeMs = performance.now() - t;
    return `RR import of ${RR_INTERVALS.toLocaleString('en')} intervals in parts: parse + analysis ${prepareMs.toFixed(0)} ms (worker), one-transaction write of the beats ${storeMs.toFixed(0)} ms (main thread)`;
  } finally {
    storage.close();
  }
}

async function flood(dir: string): Promise<string[]> {
  const core = await createAppCore({ dbPath: join(dir, 'flood.sqlite'), host: 'web', sensorSpec: 'sim', bleScanMs: 0 });
  const clientId = core.storage.clients.create({ name: 'Flood' }).id;
  const sessionId = storeSimSession(core.storage, { clientId, startedAt: '2025-06-14T09:00:00.000Z', durationSec: SESSION_SEC }).sessionId;
  const host = await startWebHost({ service: core.service, staticDir: rendererDir(), port: 0 });
  const floodPage = await Page.open(host);
  const other = await Page.open(host);
  try {
    await sleep(1000);
    (globalThis as { gc?: () => void }).gc?.();
    const rss0 = process.memoryUsage().rss;
    let rssMax = rss0;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 20);
    const loop = loopWatch();
    const t0 = performance.now();
    floodPage.ws.pause();
    for (let i = 0; i < FLOOD_CALLS; i++) floodPage.ws.send(encodeWire({ t: 'call', id: i + 1, name: 'exportSession', args: [sessionId, 'csv'] }));
    let worstWait = 0;
    for (let k = 0; k < 30; k++) {
      worstWait = Math.max(worstWait, (await other.call(k % 2 ? 'listClients' : 'getLocale', [])).ms);
      await sleep(100);
    }
    const t1 = performance.now();
    const blockMs = loop.stop();
    clearInterval(sampler);
    floodPage.ws.resume();
    while (floodPage.replies.size < FLOOD_CALLS) await sleep(20);
    const replies = [...floodPage.replies.values()];
    const ok = replies.filter((r) => r.reply?.ok).length;
    const refused = replies.filter((r) => /too many calls in flight/.test(r.reply?.error ?? '')).length;
    return [
      `Flood: one page sends ${FLOOD_CALLS.toLocaleString('en')} CSV exports (${SESSION_SEC / 60} min, 100 Hz) without reading, another page calls every 100 ms:`,
      `  RSS growth (peak)                 ${((rssMax - rss0) / 2 ** 20).toFixed(0)} MB`,
      `  flood answered / refused          ${ok} / ${refused} ("too many calls in flight")`,
      `  other page: longest wait          ${worstWait.toFixed(0)} ms (30 calls)`,
      `  other page: longest live gap      ${other.liveGap(t0, t1).toFixed(0)} ms (batches every 40 ms)`,
      `  longest event-loop block          ${blockMs.toFixed(0)} ms`,
    ];
  } finally {
    floodPage.ws.close();
    other.ws.close();
    await host.close();
    await core.close();
  }
}

async function main(): Promise<void> {
  const dir = makeTempDir('cadans-bench-web-');
  try {
    console.log(`Cadans web host benchmark — Node ${process.version}, ${cpus().length} CPU(s) ${cpus()[0]?.model ?? ''}, load ${loadavg()[0]!.toFixed(2)}`);
    const rows = [...(await heavyCalls('inline', dir)), ...(await heavyCalls('worker', dir))];
    const table = [
      ['call', 'runs on', 'call time', 'longest event-loop block', 'longest live-stream gap'],
      ...rows.map((r) => [r.what, r.where === 'inline' ? 'main thread (before)' : 'worker (now)', Number.isNaN(r.callMs) ? '–' : `${r.callMs.toFixed(0)} ms`, `${r.blockMs.toFixed(0)} ms`, `${r.gapMs.toFixed(0)} ms`]),
    ];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
    const line = (r: string[]): string => '| ' + r.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
    console.log(line(table[0]!));
    console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
    for (const r of table.slice(1)) console.log(line(r));
    console.log('(live batches arrive every 40 ms; a gap is how long the live charts stood still)');
    console.log(importStages(dir));
    console.log('');
    for (const l of await flood(dir)) console.log(l);
  } finally {
    removeTempDirs();
  }
}

await main();

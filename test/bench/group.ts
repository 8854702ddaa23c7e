/**
 * Group-session load (`npm run bench:group`): 6 and 12 simulated clients at 250 Hz in real time,
 * each on its own channel of one `DeviceManager` (one shared analysis worker, one pipeline per
 * channel) with one shared pacer, each recorded by its own `SessionRecorder` into one SQLite file —
 * what a group session runs. Over a measured stretch (after a warm-up) it prints, per size:
 * the process CPU (main thread + analysis worker + SQLite) in % of one core, the per-channel
 * provisional-beat latency (channel clock at arrival on the main thread − the beat's time) as median
 * / p95 of the worst channel, the beats shown only once final, and memory (RSS, heap).
 * No assertions (noisy, shared machines). Options: `--seconds N` (measured, default 20), `--sizes 6,12`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceManager } from '../../main/devices/DeviceManager.js';
import type { ChannelSink } from '../../main/devices/LiveChannel.js';
import type { WorkerResult } from '../../main/analysis/analysisProtocol.js';
import { SessionRecorder } from '../../main/sessions/SessionRecorder.js';
import { openStorage } from '../../main/storage/storage.js';
import { PacerSchedule } from '../../shared/pacer/pacerSchedule.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const MEASURE_SEC = Number(arg('seconds') ?? 20);
const WARMUP_SEC = 6;
const SIZES = (arg('sizes') ?? '6,12').split(',').map(Number);
const PACER = { rateBpm: 6, inhaleFraction: 0.4 };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
function pct(a: number[], p: number): number {
  if (a.length === 0) return NaN;
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

/** A live view that stamps every beat as it first arrives on the main thread. */
class LatencyView implements ChannelSink {
  readonly latMs: number[] = [];
  /** Beats shown only once final (no provisional beat first: inserted or late-decided beats). */
  finalOnly = 0;
  measuring = false;
  constructor(private readonly now: () => number) {}
  addSamples(): void {}
  addGap(): void {}
  addQuality(): void {}
  addStatus(): void {}
  addAnalysis(r: WorkerResult): void {
    if (!this.measuring) return;
    const t = this.now();
    for (const e of r.beatEvents) {
      if (e.type === 'provisional') this.latMs.push((t - e.tSec) * 1000);
      else if (e.type === 'final' && e.provisionalId === null) this.finalOnly++;
    }
  }
}

interface Row {
  clients: number;
  cpuPct: number;
  latMedianMs: number;
  latP95Ms: number;
  beats: number;
  finalOnly: number;
  rssMb: number;
  heapMb: number;
}

async function run(n: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'cadans-bench-group-'));
  const storage = openStorage(join(dir, 'group.sqlite'));
  const mgr = new DeviceManager();
  const views: LatencyView[] = [];
  const recorders: SessionRecorder[] = [];
  try {
    const group = storage.groups.create({ pacer: { ...PACER } });
    for (let i = 0; i < n; i++) {
      const ch = await mgr.connect(`sim:fs=250,hr=${58 + 3 * i},seed=${i + 1}`, `ch${i + 1}`);
      const view = new LatencyView(() => ch.nowSec());
      ch.view = view;
      views.push(view);
    }
    mgr.setPacer(new PacerSchedule(PACER, mgr.channels()[0]!.nowSec()));
    for (const [i, ch] of mgr.channels().entries()) {
      const client = storage.clients.create({ name: `Client ${i + 1}` });
      const rec = new SessionRecorder(storage, ch, { clientId: client.id, type: 'breathing', channel: ch.id, pacer: PACER, groupId: group.id });
      rec.start();
      recorders.push(rec);
    }
    await sleep(WARMUP_SEC * 1000);
    for (const v of views) v.measuring = true;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let rss = 0;
    let heap = 0;
    for (let k = 0; k < MEASURE_SEC; k++) {
      await sleep(1000);
      const m = process.memoryUsage();
      rss = Math.max(rss, m.rss);
      heap = Math.max(heap, m.heapUsed);
    }
    const cpu = process.cpuUsage(cpu0);
    const wallMs = performance.now() - t0;
    for (const v of views) v.measuring = false;
    const worst = views.reduce((w, v) => (pct(v.latMs, 0.95) > pct(w.latMs, 0.95) ? v : w), views[0]!);
    return {
      clients: n,
      cpuPct: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
      latMedianMs: pct(worst.latMs, 0.5),
      latP95Ms: pct(worst.latMs, 0.95),
      beats: views.reduce((a, v) => a + v.latMs.length, 0),
      finalOnly: views.reduce((a, v) => a + v.finalOnly, 0),
      rssMb: rss / 2 ** 20,
      heapMb: heap / 2 ** 20,
    };
  } finally {
    for (const r of recorders) await r.stop().catch(() => undefined);
    await mgr.close();
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.error(`group bench: ${SIZES.join(' and ')} simulated clients at 250 Hz, ${WARMUP_SEC} s warm-up, ${MEASURE_SEC} s measured`);
  const rows: Row[] = [];
  for (const n of SIZES) {
    const r = await run(n);
    rows.push(r);
    console.error(`  ${n} clients done`);
  }
  const head = ['clients', 'CPU % of one core (main+worker+SQLite)', 'provisional beat latency, worst channel, median / p95 (ms)', 'beats (provisional)', 'shown only final', 'RSS max (MB)', 'heap max (MB)'];
  const body = rows.map((r) => [
    String(r.clients),
    r.cpuPct.toFixed(1),
    `${r.latMedianMs.toFixed(0)} / ${r.latP95Ms.toFixed(0)}`,
    String(r.beats),
    String(r.finalOnly),
    r.rssMb.toFixed(0),
    r.heapMb.toFixed(0),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  for (const line of [head, ...body]) console.log(line.map((c, i) => c.padEnd(w[i]!)).join('  '));
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

/**
 * Group-session memory over a simulated hour (`npm run bench:group-memory`): the live path of a
 * group session — one `DeviceManager` (its analysis worker, one pipeline per channel, the shared
 * pacer), a `SessionRecorder` per client into one SQLite file — run faster than real time with
 * simulators at `speed=N` (default 30: an hour in two minutes), for
 *   - 6 clients at 250 Hz plus one at 500 Hz, and
 *   - 12 clients at 250 Hz.
 * Every 5 simulated minutes (channel clock) it forces a garbage collection (run with --expose-gc)
 * and samples the heap and RSS; it prints the table and the slope (least squares over the samples
 * from 10 minutes on, after start-up) in MB per simulated hour. "Flat" means a slope near zero:
 * what grows with the recording (signal, beats) must be in SQLite, not in memory.
 * Options: `--minutes N` (default 60), `--speed N` (default 30), `--sizes 6+1,12`. On two shared
 * cores 12 clients at 30× (360 channel-seconds per second) overload the analysis worker (the
 * supervisor restarts it); `--sizes 12 --speed 15` runs them cleanly in about 4 minutes.
 * The renderer is not part of this bench (bench:ui measures the group display).
 *
 * Issue 14: the main heap used to grow 0.8 MB per simulated hour here (6+1 at 30×; 12 at 15×:
 * 1.1 MB/h). That was the simulators' own ground truth (`SimSource.truth`: three array entries,
 * ~24 bytes, per simulated beat — 27.7 k beats/h for 6+1 ≈ 0.66 MB/h plus array slack — and
 * 8 bytes per 50 ms model tick in array buffers, ~4 MB/h of RSS), kept for the whole run though
 * nothing live reads it; real sensors never had it. A live simulator now keeps the last
 * `LIVE_TRUTH_KEEP_SEC` (10 min) of it; the last line of each table says how much that is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceManager } from '../../main/devices/DeviceManager.js';
import type { SimSource } from '../../native-adapters/sensors/simSource.js';
import type { SimTruthRecorder } from '../../shared/sim/simTruth.js';
import type { ChannelSink } from '../../main/devices/LiveChannel.js';
import { SessionRecorder } from '../../main/sessions/SessionRecorder.js';
import { openStorage } from '../../main/storage/storage.js';
import { PacerSchedule } from '../../shared/pacer/pacerSchedule.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const MINUTES = Number(arg('minutes') ?? 60);
const SPEED = Number(arg('speed') ?? 30);
const SIZES = (arg('sizes') ?? '6+1,12').split(',');
const SAMPLE_MIN = 5;
const PACER = { rateBpm: 6, inhaleFraction: 0.4 };
const gc = (globalThis as { gc?: () => void }).gc;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A live view that takes everything and keeps nothing (the renderer's buffers are bench:ui's). */
const NULL_VIEW: ChannelSink = { addSamples() {}, addGap() {}, addQuality() {}, addStatus() {}, addAnalysis() {} };

interface Sample {
  simMin: number;
  heapMb: number;
  /** The analysis worker's heap (it collects first when run with --expose-gc). */
  workerMb: number;
  rssMb: number;
}

interface Result {
  size: string;
  samples: Sample[];
  wallSec: number;
  storedSec: number;
  beats: number;
  /** What the simulators kept of their truth at the end: beats, model ticks, and the oldest time kept (simulated min). */
  truth: { beats: number; ticks: number; fromMin: number };
}

/** The simulators' truth held in memory now, summed over the channels (bounded: issue 14). */
function keptTruth(mgr: DeviceManager): Result['truth'] {
  const truths = mgr.channels().map((c) => (c.source as SimSource).truth as SimTruthRecorder);
  return {
    beats: truths.reduce((a, t) => a + t.beats.tSec.length, 0),
    ticks: truths.reduce((a, t) => a + t.keptTicks, 0),
    fromMin: Math.min(...truths.map((t) => t.fromSec)) / 60,
  };
}

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return num / den;
}

async function memory(simMin: number, mgr: DeviceManager): Promise<Sample> {
  gc?.();
  const w = (await mgr.analysis?.stats())?.heapUsedBytes ?? 0;
  const m = process.memoryUsage();
  return { simMin, heapMb: m.heapUsed / 2 ** 20, workerMb: w / 2 ** 20, rssMb: m.rss / 2 ** 20 };
}

async function run(size: string): Promise<Result> {
  const [n250, n500] = size.split('+').map(Number) as [number, number | undefined];
  const specs = [...Array.from({ length: n250 }, (_, i) => `sim:fs=250,hr=${58 + 3 * i},seed=${i + 1},speed=${SPEED}`), ...Array.from({ length: n500 ?? 0 }, (_, i) => `sim:fs=500,hr=${66 + 3 * i},seed=${100 + i},speed=${SPEED}`)];
  const dir = mkdtempSync(join(tmpdir(), 'cadans-bench-groupmem-'));
  const storage = openStorage(join(dir, 'group.sqlite'));
  const mgr = new DeviceManager();
  const recorders: SessionRecorder[] = [];
  const sessionIds: number[] = [];
  const t0 = performance.now();
  try {
    const group = storage.groups.create({ pacer: { ...PACER } });
    for (const [i, spec] of specs.entries()) {
      const ch = await mgr.connect(spec, `ch${i + 1}`);
      ch.view = NULL_VIEW;
    }
    const first = mgr.channels()[0]!;
    mgr.setPacer(new PacerSchedule(PACER, first.nowSec()));
    for (const [i, ch] of mgr.channels().entries()) {
      const client = storage.clients.create({ name: `Client ${i + 1}` });
      const rec = new SessionRecorder(storage, ch, { clientId: client.id, type: 'breathing', channel: ch.id, pacer: PACER, groupId: group.id });
      sessionIds.push(rec.start().id);
      recorders.push(rec);
    }
    const start = first.nowSec();
    const samples: Sample[] = [await memory(0, mgr)];
    for (let next = SAMPLE_MIN; next <= MINUTES; next += SAMPLE_MIN) {
      while ((first.nowSec() - start) / 60 < next) await sleep(100);
      samples.push(await memory(next, mgr));
      process.stderr.write(`  ${size}: ${next} simulated min\r`);
    }
    const wallSec = (performance.now() - t0) / 1000;
    const truth = keptTruth(mgr);
    for (const r of recorders) await r.stop();
    recorders.length = 0;
    const stats = sessionIds.map((id) => storage.sessions.require(id));
    return {
      size,
      samples,
      wallSec,
      storedSec: Math.min(...stats.map((s) => s.durationSec)),
      beats: stats.reduce((a, s) => a + s.beats, 0),
      truth,
    };
  } finally {
    for (const r of recorders) await r.stop().catch(() => undefined);
    await mgr.close();
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One size's table (printed as soon as it is done: a long run stopped later keeps what it measured) and its slopes. */
function print(r: Result): void {
  const head = ['simulated min', `${r.size}: main heap MB`, 'worker heap MB', 'RSS MB'];
  const rows = r.samples.map((s) => [String(s.simMin), s.heapMb.toFixed(1), s.workerMb.toFixed(1), s.rssMb.toFixed(0)]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((b) => b[i]!.length)));
  for (const line of [head, ...rows]) console.log(line.map((c, i) => c.padStart(w[i]!)).join('  '));
  const later = r.samples.filter((s) => s.simMin >= 10);
  const perHour = (f: (s: Sample) => number): string => slope(later.map((s) => s.simMin / 60), later.map(f)).toFixed(1);
  console.log(
    `${r.size}: slope from 10 min on: main heap ${perHour((s) => s.heapMb)} MB/h, worker heap ${perHour((s) => s.workerMb)} MB/h, RSS ${perHour((s) => s.rssMb)} MB/h; ` +
      `${(r.wallSec / 60).toFixed(1)} wall min; shortest stored session ${(r.storedSec / 60).toFixed(1)} min; ${r.beats} beats stored`,
  );
  console.log(
    `${r.size}: simulator truth still in memory at the end (bounded, the last ≥ 10 min per sensor): ${r.truth.beats} beats and ${r.truth.ticks} ` +
      `model ticks ≈ ${((r.truth.beats * 24 + r.truth.ticks * 8) / 2 ** 20).toFixed(1)} MB, from simulated min ${r.truth.fromMin.toFixed(1)} on\n`,
  );
}

async function main(): Promise<void> {
  if (!gc) console.error('(run with node --expose-gc for a garbage collection before every sample)');
  console.error(`group memory bench: ${SIZES.join(' and ')} simulated clients, ${MINUTES} simulated min at ${SPEED}× speed, a sample every ${SAMPLE_MIN} min`);
  for (const size of SIZES) {
    const r = await run(size);
    console.error('');
    print(r);
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

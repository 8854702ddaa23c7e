// Storage benchmark: fills a temp database with 1,000 clients and 50,000 sessions
// (10 s of 50 Hz signal, beats and a metric each), then measures listing a client's
// sessions, opening a session's overview, the main-thread cost of one flush of a live
// 500 Hz recording (three durability settings), and database bytes per recorded hour.
//
// Run: node build/test/bench/storage.js [--quick] [--keep]   (or: npx tsx test/bench/storage.ts)
//   --quick  100 clients / 5,000 sessions;  --keep  keep the temp folder and print its path.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import {
  CHECKPOINT_INTERVAL_MS,
  databaseInfo,
  openDatabase,
  walCheckpointerFor,
  walSyncerFor,
} from '../../native-adapters/sqlite/openDatabase.js';
import { SessionWriter } from '../../main/storage/sessionWriter.js';
import { openStorage, type Storage } from '../../main/storage/storage.js';

const quick = process.argv.includes('--quick');
const keep = process.argv.includes('--keep');
const CLIENTS = quick ? 100 : 1000;
const SESSIONS_PER_CLIENT = 50;
const SIGNAL_SEC = 10;
const SIGNAL_HZ = 50;
/** Pause between simulated live flushes (stands for 1 s; long enough for the off-thread fsync to finish, as in real time). */
const PAUSE_MS = 30;

let seed = 20250615;
const rand = (): number => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
const randInt = (n: number): number => Math.floor(rand() * n);

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

interface Stat {
  median: number;
  p95: number;
  p99: number;
  max: number;
  n: number;
}

function stats(xs: number[]): Stat {
  const s = [...xs].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), max: s[s.length - 1], n: s.length };
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

const ms = (x: number): string => (x < 10 ? x.toFixed(3) : x.toFixed(1)) + ' ms';
const mb = (b: number): string => (b / 1e6).toFixed(1) + ' MB';

function fill(s: Storage): { clientIds: number[]; sessionIds: number[] } {
  const clientIds: number[] = [];
  const sessionIds: number[] = [];
  const perTx = 20;
  const t2000 = Date.parse('2023-01-01T08:00:00Z');
  const values = new Float32Array(SIGNAL_HZ);
  for (let c0 = 0; c0 < CLIENTS; c0 += perTx) {
    s.db.transaction(() => {
      for (let c = c0; c < Math.min(CLIENTS, c0 + perTx); c++) {
        const clientId = s.clients.create({
          name: `Client ${String(c).padStart(4, '0')}`,
          dateOfBirth: `19${50 + (c % 50)}-0${1 + (c % 9)}-1${c % 10}`,
          complaint: ['burn-out', 'depression', 'anxiety'][c % 3],
        }).id;
        clientIds.push(clientId);
        for (let k = 0; k < SESSIONS_PER_CLIENT; k++) {
          const startedAt = new Date(t2000 + randInt(2 * 365 * 86400) * 1000).toISOString();
          const id = s.sessions.create({ clientId, type: 'breathing', sensorSpec: 'sim', fsHz: SIGNAL_HZ, startedAt, pacer: { bpm: 6, inhaleSec: 4, exhaleSec: 6 } }).id;
          sessionIds.push(id);
          for (let sec = 0; sec < SIGNAL_SEC; sec++) {
            for (let i = 0; i < SIGNAL_HZ; i++) values[i] = Math.sin((2 * Math.PI * (sec * SIGNAL_HZ + i)) / SIGNAL_HZ) * 1000 + 2000;
            s.signal.appendChunk(id, { t0Sec: sec, fsHz: SIGNAL_HZ, values });
          }
          const beats = [];
          for (let t = 0.9; t < SIGNAL_SEC; t += 0.9) beats.push({ tSec: t, ibiMs: 900, quality: 0.9 });
          s.beats.append(id, beats);
          s.metrics.append(id, Array.from({ length: SIGNAL_SEC }, (_, t) => ({ name: 'hr', tSec: t, value: 66 + (t % 3) })));
          s.markers.add(id, { tSec: 5, kind: 'note', note: 'synthetic' });
          s.sessions.setSummary(id, { meanHrBpm: 66.7, rmssdMs: 41.2, sdnnMs: 55.1, coherenceMean: 1.4, respRateBpm: 6.1 });
          s.sessions.setStatus(id, 'complete', startedAt);
        }
      }
    })();
  }
  return { clientIds, sessionIds };
}

/** One second of a live 500 Hz recording: 20 frames of 25 samples, a beat or so, four metrics. */
function pushLiveSecond(w: SessionWriter, sec: number): void {
  for (let f = 0; f < 20; f++) {
    const first = sec * 500 + f * 25;
    const v = new Float32Array(25);
    for (let i = 0; i < 25; i++) v[i] = 2000 + 800 * Math.sin((2 * Math.PI * (first + i)) / 450);
    w.pushSamples({ t0Sec: first / 500, fsHz: 500, values: v });
  }
  w.pushBeat({ tSec: sec + 0.3, ibiMs: 900, quality: 0.95, flags: 0 });
  if (sec % 9 === 0) w.pushBeat({ tSec: sec + 0.95, ibiMs: 650, quality: 0.7, flags: 1 });
  for (const name of ['coherence', 'rmssd', 'resp_rate', 'hr']) w.pushMetric(name, sec, rand() * 10);
}

/**
 * Flush cost of a live recording. Time is compressed: one flush every `pauseMs` stands for
 * one per second, and the background checkpoint interval is scaled the same way, so the
 * off-thread fsyncs and checkpoints overlap the commits as often as they would in real time.
 */
async function flushCost(s: Storage, clientId: number, seconds: number, pauseMs: number, syncWal: boolean): Promise<{ flush: Stat; fsync: { median: number; max: number } | null; checkpoints: number }> {
  const checkpointer = walCheckpointerFor(s.db, (CHECKPOINT_INTERVAL_MS / 1000) * pauseMs);
  const id = s.sessions.create({ clientId, type: 'biofeedback', fsHz: 500 }).id;
  const w = new SessionWriter(s.db, id, { syncWal });
  const syncer = syncWal ? walSyncerFor(s.db) : null;
  const fsyncTimes: number[] = [];
  const durations: number[] = [];
  for (let sec = 0; sec < seconds; sec++) {
    pushLiveSecond(w, sec);
    durations.push(w.flush().durationMs);
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
    if (syncer && syncer.syncs > fsyncTimes.length) fsyncTimes.push(syncer.lastSyncMs);
  }
  w.finish('complete');
  await syncer?.whenIdle();
  const f = stats(fsyncTimes);
  return { flush: stats(durations), fsync: syncer ? { median: f.median, max: f.max } : null, checkpoints: checkpointer?.stats.checkpoints ?? 0 };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cadans-bench-'));
  const file = join(dir, 'bench.db');
  const rows: [string, string, string, string, string][] = [];
  try {
    let s = openStorage(file);
    const sqliteVersion = s.db.prepare('SELECT sqlite_version()').pluck().get() as string;
    const [{ clientIds, sessionIds }, fillMs] = time(() => fill(s));
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.close();
    const dbBytes = statSync(file).size;
    console.log(`Cadans storage benchmark — Node ${process.version}, SQLite ${sqliteVersion}`);
    console.log(
      `fill: ${clientIds.length} clients, ${sessionIds.length} sessions (${SIGNAL_SEC} s of ${SIGNAL_HZ} Hz + beats + metric each) ` +
        `in ${(fillMs / 1000).toFixed(1)} s; database ${mb(dbBytes)}`,
    );

    const [db, openMs] = time(() => openDatabase(file, { check: 'quick' }));
    db.close();
    const [db2, openRecordsMs] = time(() => openDatabase(file, { check: 'records' }));
    db2.close();
    rows.push(["open database, check 'quick' (quick_check of the whole file)", ms(openMs), '', '', `${mb(dbBytes)} file`]);
    rows.push(["open database, check 'records' (default above 64 MiB)", ms(openRecordsMs), '', '', '']);

    s = openStorage(file);
    for (let i = 0; i < 20; i++) s.sessions.listByClient(clientIds[i]); // warm-up
    const listTimes = Array.from({ length: 500 }, () => time(() => s.sessions.listByClient(clientIds[randInt(clientIds.length)]))[1]);
    const l = stats(listTimes);
    rows.push([`list one client's sessions (${SESSIONS_PER_CLIENT} rows with counts, n=${l.n})`, ms(l.median), ms(l.p95) + ' p95', ms(l.max), '≤ 20 ms']);

    const overview = stats(Array.from({ length: 1000 }, () => time(() => s.sessions.getOverview(sessionIds[randInt(sessionIds.length)]))[1]));
    rows.push([`open a session's summary (getOverview, n=${overview.n})`, ms(overview.median), ms(overview.p95) + ' p95', ms(overview.max), '≤ 20 ms']);
    const full = stats(Array.from({ length: 300 }, () => time(() => s.sessions.getFull(sessionIds[randInt(sessionIds.length)]))[1]));
    rows.push([`read a whole ${SIGNAL_SEC} s session (getFull, n=${full.n})`, ms(full.median), ms(full.p95) + ' p95', ms(full.max), '']);
    const clientsList = stats(Array.from({ length: 50 }, () => time(() => s.clients.list())[1]));
    rows.push([`list all ${CLIENTS} clients with session counts`, ms(clientsList.median), ms(clientsList.p95) + ' p95', ms(clientsList.max), '']);

    const live = await flushCost(s, clientIds[0], quick ? 300 : 600, PAUSE_MS, true);
    rows.push([
      `flush 1 s of live 500 Hz (+beats, 4 metrics), NORMAL + async WAL fsync (default), n=${live.flush.n}, ${live.checkpoints} bg checkpoints`,
      ms(live.flush.median),
      ms(live.flush.p99) + ' p99',
      ms(live.flush.max),
      '≤ 2 ms',
    ]);
    if (live.fsync) rows.push(['  of which off-thread WAL fsync (not on the main thread)', ms(live.fsync.median), '', ms(live.fsync.max), '']);
    s.close();

    const noSync = openStorage(file);
    const ns = await flushCost(noSync, clientIds[1], quick ? 150 : 300, PAUSE_MS, false);
    rows.push([`flush, NORMAL without WAL fsync (crash-safe, not power-safe), n=${ns.flush.n}`, ms(ns.flush.median), ms(ns.flush.p99) + ' p99', ms(ns.flush.max), '']);
    noSync.close();
    const fullSync = openStorage(file, { synchronous: 'full' });
    const fs = await flushCost(fullSync, clientIds[2], quick ? 150 : 300, PAUSE_MS, true);
    rows.push([`flush, synchronous FULL (fsync inside each commit), n=${fs.flush.n}`, ms(fs.flush.median), ms(fs.flush.p99) + ' p99', ms(fs.flush.max), '']);
    fullSync.close();

    // Bytes per recorded hour at 500 Hz, in a fresh database.
    const hourFile = join(dir, 'hour.db');
    const h = openStorage(hourFile);
    const clientId = h.clients.create({ name: 'Hour' }).id;
    h.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = databaseInfo(h.db).usedBytes;
    const id = h.sessions.create({ clientId, type: 'biofeedback', fsHz: 500 }).id;
    const w = new SessionWriter(h.db, id, { syncWal: false });
    const [, hourMs] = time(() => {
      for (let sec = 0; sec < 3600; sec++) {
        pushLiveSecond(w, sec);
        w.flush();
      }
    });
    w.finish('complete');
    h.db.pragma('wal_checkpoint(TRUNCATE)');
    const perHour = databaseInfo(h.db).usedBytes - before;
    h.close();
    rows.push([
      'database bytes per recorded hour at 500 Hz (+beats, 4 metrics at 1 Hz)',
      mb(perHour),
      `raw Float32 ${mb(3600 * 500 * 4)}`,
      '',
      `(1 h written in ${(hourMs / 1000).toFixed(1)} s)`,
    ]);

    const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i].length), ['measurement', 'median', 'p95/p99', 'max', 'goal / note'][i].length));
    const line = (r: string[]): string => '| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
    console.log(line(['measurement', 'median', 'p95/p99', 'max', 'goal / note']));
    console.log('|' + widths.map((w2) => '-'.repeat(w2 + 2)).join('|') + '|');
    for (const r of rows) console.log(line(r));
  } finally {
    if (keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

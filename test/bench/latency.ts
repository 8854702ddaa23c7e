/**
 * Provisional-beat latency and revision benchmark, measured at the analysis worker's output
 * (`npm run bench:latency`, also part of `npm run bench`).
 *
 * Every recording in ../shared/data goes through the real analysis worker (`AnalysisHost` →
 * worker thread → `LivePipeline` → `WorkerResult.beatEvents`, the path of the live screen) as
 * timed chunks of `--chunk-ms` (default 20 ms) of signal, one message at a time, as a sensor
 * delivers them. Each event is stamped with the signal time of the last sample of the chunk that
 * produced it plus the worker's round trip for that chunk (wall time: message out → result back).
 * Per record:
 *  - provisional latency = that stamp − the beat's systolic peak (the time the beat-sequence stage
 *    made final, i.e. the `final` event confirming the provisional beat), median and p95;
 *  - coverage = final beats that were shown provisionally first;
 *  - shown p95 = every final beat at its first appearance (provisional, else final);
 *  - final latency (the DP look-ahead) for comparison;
 *  - revisions = provisional beats withdrawn + moved by more than REVISE_TOL_SEC, per final beat;
 *  - whether the final beats of the event stream are the offline analysis' beats (`BeatEngine` on the whole recording).
 * Goals: provisional median ≤ 250 ms, p95 ≤ 350 ms, revisions < 1 %.
 *
 * Run: `npm run bench:latency` (or `node build/test/bench/latency.js [--json] [--chunk-ms N] [file …]`).
 */
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { AnalysisHost } from '../../main/analysis/AnalysisHost.js';
import type { WorkerResult } from '../../main/analysis/analysisProtocol.js';
import type { LiveBeatEvent } from '../../shared/dsp/LivePipeline.js';
import { BeatEngine, type EngineUpdate } from '../../shared/dsp/BeatEngine.js';
import { REVISE_TOL_SEC } from '../../shared/dsp/pulseProvisional.js';
import { loadRecording } from '../support/loadRecording.js';
import { dataDir } from '../support/paths.js';

export const LATENCY_GOALS = { p95Ms: 350, medianMs: 250, revisionPct: 1 } as const;

export interface LatencyScore {
  name: string;
  fsHz: number;
  chunkMs: number;
  finalBeats: number;
  provisional: number;
  /** Final beats confirming a provisional beat, % of final beats. */
  coveragePct: number;
  medianMs: number;
  p95Ms: number;
  /** Latency of every final beat as first shown: provisional where there was one, else final. */
  shownP95Ms: number;
  finalMedianMs: number;
  withdrawn: number;
  moved: number;
  revisionPct: number;
  /** Worker round trip per chunk, ms. */
  workerMedianMs: number;
  workerP95Ms: number;
  sameAsOffline: boolean;
}

function pct(a: number[], p: number): number {
  if (a.length === 0) return NaN;
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

/** Stream `values` through the analysis worker of `host` and score its beat events. */
export async function scoreLatency(host: AnalysisHost, name: string, values: ArrayLike<number>, fsHz: number, chunkMs = 20): Promise<LatencyScore> {
  const events: LiveBeatEvent[] = [];
  const at: number[] = [];
  const trips: number[] = [];
  let stampSec = 0;
  const channel = `bench-${name}`;
  host.attach(
    channel,
    {
      analysisResult: (r: WorkerResult, latencyMs: number) => {
        trips.push(latencyMs);
        for (const e of r.beatEvents) {
          events.push(e);
          at.push(stampSec + latencyMs / 1000);
        }
      },
      analysisError: (m) => {
        throw new Error(`worker error: ${m}`);
      },
      analysisRestarted: (reason) => {
        throw new Error(`the worker restarted (${reason}): the numbers would be wrong`);
      },
    },
    'ppg',
    1,
  );
  const n = Math.max(1, Math.round((chunkMs / 1000) * fsHz));
  for (let i = 0; i < values.length; i += n) {
    const c = Float32Array.from(Array.prototype.slice.call(values, i, i + n) as number[]);
    // The newest sample of the chunk is known at its own time: that is when the chunk can leave the sensor.
    stampSec = (i + c.length - 1) / fsHz;
    host.pushChunk(channel, { t0Sec: i / fsHz, fsHz, values: c });
    await host.drain();
  }
  stampSec = values.length / fsHz;
  host.flush(channel);
  await host.drain();
  host.detach(channel);

  const prov = new Map<number, { tSec: number; atSec: number }>();
  let withdrawn = 0;
  let moved = 0;
  const lat: number[] = [];
  const shown: number[] = [];
  const finalLat: number[] = [];
  const finals: number[] = [];
  events.forEach((e, k) => {
    if (e.type === 'provisional') prov.set(e.id, { tSec: e.tSec, atSec: at[k]! });
    else if (e.type === 'revise') {
      if (e.newTSec === null) withdrawn++;
      else moved++;
    } else {
      finals.push(e.tSec);
      finalLat.push((at[k]! - e.tSec) * 1000);
      const p = e.provisionalId === null ? undefined : prov.get(e.provisionalId);
      if (p) {
        lat.push((p.atSec - e.tSec) * 1000);
        shown.push((p.atSec - e.tSec) * 1000);
      } else shown.push((at[k]! - e.tSec) * 1000);
    }
  });
  const engine = new BeatEngine();
  const u: EngineUpdate = { final: [], unusable: [], detections: [] };
  engine.pushChunk({ t0Sec: 0, fsHz, values }, u);
  engine.flush(u);
  const offline = u.detections;
  const sameAsOffline = offline.length === finals.length && offline.every((b, k) => Math.abs(b.tSec - finals[k]!) < 1e-6);
  return {
    name,
    fsHz,
    chunkMs,
    finalBeats: finals.length,
    provisional: prov.size,
    coveragePct: (100 * lat.length) / Math.max(1, finals.length),
    medianMs: pct(lat, 0.5),
    p95Ms: pct(lat, 0.95),
    shownP95Ms: pct(shown, 0.95),
    finalMedianMs: pct(finalLat, 0.5),
    withdrawn,
    moved,
    revisionPct: (100 * (withdrawn + moved)) / Math.max(1, finals.length),
    workerMedianMs: pct(trips, 0.5),
    workerP95Ms: pct(trips, 0.95),
    sameAsOffline,
  };
}

const fmt = (x: number, d: number): string => (Number.isFinite(x) ? x.toFixed(d) : '–');

export function formatLatencyTable(scores: readonly LatencyScore[]): string {
  const g = LATENCY_GOALS;
  const head = [
    'record', 'fs', 'final beats', 'provisional', 'coverage %', 'prov. median ms', 'prov. p95 ms', 'shown p95 ms', 'final median ms',
    'withdrawn', `moved >${REVISE_TOL_SEC * 1000} ms`, 'revisions %', 'worker trip median/p95 ms', 'final = offline', 'goals',
  ];
  const rows = scores.map((s) => [
    s.name.replace(/\.csv$/, ''), String(s.fsHz), String(s.finalBeats), String(s.provisional), fmt(s.coveragePct, 1), fmt(s.medianMs, 0), fmt(s.p95Ms, 0),
    fmt(s.shownP95Ms, 0), fmt(s.finalMedianMs, 0), String(s.withdrawn), String(s.moved), fmt(s.revisionPct, 2),
    `${fmt(s.workerMedianMs, 2)} / ${fmt(s.workerP95Ms, 2)}`, s.sameAsOffline ? 'yes' : 'NO',
    s.medianMs <= g.medianMs && s.p95Ms <= g.p95Ms && s.revisionPct < g.revisionPct ? 'PASS' : 'FAIL',
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]): string => cells.map((x, c) => x.padEnd(widths[c]!)).join('  ');
  const chunkMs = scores[0]?.chunkMs ?? 20;
  return [
    `Provisional beats at the analysis worker's output (chunks of ${chunkMs} ms of signal, one message at a time)`,
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    `Latency: from the systolic peak to the worker's result (signal time of the chunk's newest sample + the worker round trip). Goals: median ≤ ${g.medianMs} ms, p95 ≤ ${g.p95Ms} ms, revisions < ${g.revisionPct} %.`,
    'shown p95: every final beat at its first appearance (provisional, else final). Revisions: withdrawn + moved, per final beat.',
  ].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const k = argv.indexOf('--chunk-ms');
  const chunkMs = k >= 0 ? Number(argv[k + 1]) : 20;
  if (!(chunkMs > 0)) throw new Error(`--chunk-ms must be a positive number (got '${argv[k + 1]}')`);
  const names = argv.filter((a, i) => !a.startsWith('--') && !(k >= 0 && i === k + 1));
  const records = names.length ? names : readdirSync(dataDir).filter((f) => f.endsWith('.csv') && !f.endsWith('.rpeaks.csv')).sort();
  const host = new AnalysisHost({ hangMs: 30_000 });
  try {
    await host.whenReady();
    const scores: LatencyScore[] = [];
    for (const name of records) {
      const rec = loadRecording(name);
      scores.push(await scoreLatency(host, name, rec.ppg, rec.fsHz, chunkMs));
    }
    if (argv.includes('--json')) console.log(JSON.stringify(scores, null, 2));
    else console.log(formatLatencyTable(scores));
  } finally {
    await host.terminate();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));

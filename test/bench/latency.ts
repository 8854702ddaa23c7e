/**
 * Provisional-beat latency and revision benchmark (`npm run bench:latency`): every recording in
 * ../shared/data is streamed through `PpgPeakDetector` one sample at a time, as a live sensor
 * would deliver it, and each event is stamped with the signal time of the sample whose push
 * produced it. Per record:
 *  - provisional latency = that sample's time − the beat's systolic peak (the final beat's `tSec`
 *    where the provisional beat is confirmed, else its own time), median and p95;
 *  - coverage = final beats that had a provisional beat;
 *  - final latency (today's path, the DP look-ahead) for comparison;
 *  - revisions = provisional beats withdrawn + moved by more than REVISE_TOL_SEC, per final beat;
 *  - whether the final beats equal the offline ones (`ppgFindPeaks`).
 * Goals: provisional p95 ≤ 350 ms, median ≤ 250 ms, revisions < 1 %.
 *
 * Run: `npm run bench:latency` (or `node build/test/bench/latency.js [--json] [file …]`).
 */
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PpgPeakDetector, ppgFindPeaks, type BeatEvent, type DetectedBeat } from '../../shared/dsp/ppgFindPeaks.js';
import { REVISE_TOL_SEC } from '../../shared/dsp/pulseProvisional.js';
import { loadRecording } from '../support/loadRecording.js';
import { dataDir } from '../support/paths.js';

export const LATENCY_GOALS = { p95Ms: 350, medianMs: 250, revisionPct: 1 } as const;

export interface LatencyScore {
  name: string;
  fsHz: number;
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
  sameAsOffline: boolean;
}

function pct(a: number[], p: number): number {
  if (a.length === 0) return NaN;
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

/** Stream `values` one sample at a time and score the provisional path. */
export function scoreLatency(name: string, values: ArrayLike<number>, fsHz: number): LatencyScore {
  const det = new PpgPeakDetector(fsHz);
  const beats: DetectedBeat[] = [];
  const finalAt: number[] = [];
  const events: BeatEvent[] = [];
  const eventAt: number[] = [];
  const one = new Float64Array(1);
  const take = (nowSec: number, nb: number, ne: number): void => {
    for (let k = nb; k < beats.length; k++) finalAt.push(nowSec);
    for (let k = ne; k < events.length; k++) eventAt.push(nowSec);
  };
  for (let i = 0; i < values.length; i++) {
    one[0] = values[i] as number;
    const nb = beats.length;
    const ne = events.length;
    det.push(one, beats, events);
    take(i / fsHz, nb, ne);
  }
  const nb = beats.length;
  const ne = events.length;
  det.flush(beats, events);
  take(values.length / fsHz, nb, ne);

  const provAt = new Map<number, { tSec: number; atSec: number }>();
  let withdrawn = 0;
  let moved = 0;
  events.forEach((e, k) => {
    if (e.type === 'provisional') provAt.set(e.id, { tSec: e.tSec, atSec: eventAt[k]! });
    else if (e.newTSec === null) withdrawn++;
    else moved++;
  });
  const lat: number[] = [];
  const shown: number[] = [];
  const finalLat: number[] = [];
  let covered = 0;
  beats.forEach((b, k) => {
    finalLat.push((finalAt[k]! - b.tSec) * 1000);
    const p = b.provisionalId === null ? undefined : provAt.get(b.provisionalId);
    if (p) {
      covered++;
      lat.push((p.atSec - b.tSec) * 1000);
      shown.push((p.atSec - b.tSec) * 1000);
    } else shown.push((finalAt[k]! - b.tSec) * 1000);
  });
  const offline = ppgFindPeaks(values, fsHz).beats;
  const sameAsOffline = offline.length === beats.length && offline.every((b, k) => b.tSec === beats[k]!.tSec && b.tFidSec === beats[k]!.tFidSec);
  return {
    name,
    fsHz,
    finalBeats: beats.length,
    provisional: provAt.size,
    coveragePct: (100 * covered) / Math.max(1, beats.length),
    medianMs: pct(lat, 0.5),
    p95Ms: pct(lat, 0.95),
    shownP95Ms: pct(shown, 0.95),
    finalMedianMs: pct(finalLat, 0.5),
    withdrawn,
    moved,
    revisionPct: (100 * (withdrawn + moved)) / Math.max(1, beats.length),
    sameAsOffline,
  };
}

const fmt = (x: number, d: number): string => (Number.isFinite(x) ? x.toFixed(d) : '–');

export function formatLatencyTable(scores: readonly LatencyScore[]): string {
  const g = LATENCY_GOALS;
  const head = ['record', 'fs', 'final beats', 'provisional', 'coverage %', 'prov. median ms', 'prov. p95 ms', 'shown p95 ms', 'final median ms', 'withdrawn', `moved >${REVISE_TOL_SEC * 1000} ms`, 'revisions %', 'final = offline', 'goals'];
  const rows = scores.map((s) => [
    s.name.replace(/\.csv$/, ''), String(s.fsHz), String(s.finalBeats), String(s.provisional), fmt(s.coveragePct, 1), fmt(s.medianMs, 0), fmt(s.p95Ms, 0),
    fmt(s.shownP95Ms, 0), fmt(s.finalMedianMs, 0), String(s.withdrawn), String(s.moved), fmt(s.revisionPct, 2), s.sameAsOffline ? 'yes' : 'NO',
    s.medianMs <= g.medianMs && s.p95Ms <= g.p95Ms && s.revisionPct < g.revisionPct ? 'PASS' : 'FAIL',
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]): string => cells.map((x, c) => x.padEnd(widths[c]!)).join('  ');
  return [
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    `Latency: signal time from the systolic peak to the sample whose push emitted the event (one sample per push). Goals: median ≤ ${g.medianMs} ms, p95 ≤ ${g.p95Ms} ms, revisions < ${g.revisionPct} %.`,
    'shown p95: every final beat at its first appearance (provisional, else final). Revisions: withdrawn + moved, per final beat.',
  ].join('\n');
}

function main(argv: string[]): void {
  const names = argv.filter((a) => !a.startsWith('--'));
  const records = names.length ? names : readdirSync(dataDir).filter((f) => f.endsWith('.csv') && !f.endsWith('.rpeaks.csv')).sort();
  const scores = records.map((name) => {
    const rec = loadRecording(name);
    return scoreLatency(name, rec.ppg, rec.fsHz);
  });
  if (argv.includes('--json')) console.log(JSON.stringify(scores, null, 2));
  else console.log(formatLatencyTable(scores));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));

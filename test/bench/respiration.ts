/**
 * Breathing-rate benchmark: the estimate of shared/dsp/respiration.ts against a respiration
 * reference, per ONE-MINUTE window (trailing windows ending at 60, 120, … s, the estimator's own
 * 60 s window), on
 *
 * - every recording in ../shared/data with a `resp` column (belt or impedance pneumography), fed
 *   exactly as `analyzeBeats` feeds it: the corrected NN series of `analyzePpg` plus the per-beat
 *   pulse amplitude and baseline of the trusted beats (`ppgFindPeaks`, quality ≥ MIN_BEAT_QUALITY);
 *   the reference is the belt's dominant frequency over the same 60 s (test/support/respRate.ts,
 *   `rateAt`, the reference of bench:accuracy) and, second, the breaths counted on the belt
 *   (`countRateAt`) — on irregular breathing the two differ, so both are shown;
 * - simulated PPG (shared/sim) paced at 4, 5.5 and 7 breaths/min (compliance 1, three seeds each),
 *   plus compliance 0.9 and spontaneous breathing; the reference is the simulated person's own
 *   breath count over the window.
 *
 * Columns: windows, usable (the estimator did not refuse for 'coverage' / 'too-short'), answered
 * (% of usable), MAE of the answered windows against each reference, mean estimate and reference.
 * A second table gives the same on sliding windows every 5 s (more windows, same definitions).
 * Last: the cost of one live call (`RespirationTracker.valueAt`, trailing 60 s, three modalities).
 *
 * Run: `npm run bench:respiration` (or `node build/test/bench/respiration.js [--json]
 * [--impl <path to another build's shared/dsp/respiration.js>]` to score another implementation
 * with the same windows, e.g. the code before a change).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { analyzePpg } from '../../shared/dsp/analyzePpg.js';
import { ppgFindPeaks } from '../../shared/dsp/ppgFindPeaks.js';
import { MIN_BEAT_QUALITY } from '../../shared/dsp/signalGaps.js';
import * as current from '../../shared/dsp/respiration.js';
import type { BeatSeries } from '../../shared/dsp/respiration.js';
import { simulatePpg, type SimOptions } from '../../shared/sim/index.js';
import { loadRecording } from '../support/loadRecording.js';
import { dataDir, dataFile } from '../support/paths.js';
import { RespReference } from '../support/respRate.js';

type RespirationAt = (
  tSec: ArrayLike<number>,
  ibiMs: ArrayLike<number>,
  endSec: number,
  options?: { amplitude?: BeatSeries; baseline?: BeatSeries },
) => { rateBpm: number | null; reason: string | null };

/** Reasons that mean "no usable signal in this window" (current names and those of older builds). */
const UNUSABLE = new Set(['coverage', 'too-short', 'gap', 'low coverage', 'no data']);

export interface BenchInput {
  name: string;
  durationSec: number;
  nnTSec: ArrayLike<number>;
  nnMs: ArrayLike<number>;
  amplitude: BeatSeries;
  baseline: BeatSeries;
  /** Reference rates of the window ending at endSec: [primary, secondary] (null where none). */
  reference: (endSec: number) => [number | null, number | null];
  refNames: [string, string];
}

export interface Score {
  windows: number;
  usable: number;
  answered: number;
  answeredPct: number;
  /** MAE against the primary / secondary reference over the answered windows that have one, breaths/min. */
  mae: [number, number];
  n: [number, number];
  meanEst: number;
  meanRef: number;
  errors: { tSec: number; est: number | null; ref: number | null; reason: string | null }[];
}

function perBeat(beats: { tSec: number; quality: number; upstroke: number; level: number }[], key: 'upstroke' | 'level'): BeatSeries {
  const t: number[] = [];
  const v: number[] = [];
  for (const b of beats) {
    if (b.quality >= MIN_BEAT_QUALITY && Number.isFinite(b[key])) {
      t.push(b.tSec);
      v.push(b[key]);
    }
  }
  return { tSec: t, value: v };
}

/** The estimator's input from a PPG recording, as analyzeBeats builds it. */
function fromPpg(name: string, ppg: ArrayLike<number>, fsHz: number, reference: BenchInput['reference'], refNames: [string, string]): BenchInput {
  const r = analyzePpg(ppg, fsHz);
  const { beats } = ppgFindPeaks(ppg, fsHz);
  return {
    name,
    durationSec: ppg.length / fsHz,
    nnTSec: r.nn.tSec,
    nnMs: r.nn.ibiMs,
    amplitude: perBeat(beats, 'upstroke'),
    baseline: perBeat(beats, 'level'),
    reference,
    refNames,
  };
}

/** Recordings in the data folder whose header has a `resp` column. */
export function recordsWithResp(): string[] {
  return readdirSync(dataDir)
    .filter((f) => f.endsWith('.csv'))
    .filter((f) => (readFileSync(dataFile(f), 'utf8').slice(0, 500).split(/\r?\n/)[0] ?? '').split(/[,;\t]/).some((c) => c.trim().replace(/"/g, '') === 'resp'))
    .sort();
}

export function recordInput(name: string): BenchInput {
  const rec = loadRecording(name);
  if (!rec.resp) throw new Error(`${name} has no resp column`);
  const ref = new RespReference(rec.resp, rec.fsHz, { windowSec: 60 });
  return fromPpg(name.replace(/\.csv$/, ''), rec.ppg, rec.fsHz, (t) => [ref.rateAt(t), ref.countRateAt(t, 60)], ['belt', 'belt count']);
}

/** Simulated PPG; reference: the simulated breaths counted over the window (fractional, from the breath onsets). */
export function simInput(label: string, opts: Partial<SimOptions>, pacerBpm: number | null, durationSec = 300): BenchInput {
  const sim = simulatePpg({ fsHz: 100, ...opts }, durationSec, pacerBpm === null ? undefined : { rateBpm: pacerBpm, inhaleFraction: 0.4 });
  const onsets = sim.truth.breaths.tSec;
  const cycles = (t: number): number => {
    const n = onsets.length;
    const period = n > 1 ? (onsets[n - 1]! - onsets[0]!) / (n - 1) : 60 / (pacerBpm ?? 12);
    if (t <= onsets[0]!) return (t - onsets[0]!) / period;
    if (t >= onsets[n - 1]!) return n - 1 + (t - onsets[n - 1]!) / period;
    let i = 0;
    while (onsets[i + 1]! < t) i++;
    return i + (t - onsets[i]!) / (onsets[i + 1]! - onsets[i]!);
  };
  const truth = (t: number): number => (60 * (cycles(t) - cycles(t - 60))) / 60;
  return fromPpg(label, sim.values, sim.fsHz, (t) => [truth(t), null], ['sim breaths', '–']);
}

export function score(input: BenchInput, at: RespirationAt, stepSec: number, hrOnly = false): Score {
  const errors: Score['errors'] = [];
  let usable = 0;
  let answered = 0;
  const sum = [0, 0];
  const n: [number, number] = [0, 0];
  let sumEst = 0;
  let sumRef = 0;
  let nEst = 0;
  const opts = hrOnly ? {} : { amplitude: input.amplitude, baseline: input.baseline };
  let windows = 0;
  for (let t = 60; t <= input.durationSec + 1e-6; t += stepSec) {
    windows++;
    const d = at(input.nnTSec, input.nnMs, t, opts);
    const refs = input.reference(t);
    if (d.reason === null || !UNUSABLE.has(d.reason)) usable++;
    errors.push({ tSec: t, est: d.rateBpm, ref: refs[0], reason: d.reason });
    if (d.rateBpm === null) continue;
    answered++;
    for (let k = 0; k < 2; k++) {
      const r = refs[k];
      if (r === null || r === undefined) continue;
      sum[k]! += Math.abs(d.rateBpm - r);
      n[k]++;
    }
    if (refs[0] !== null) {
      sumEst += d.rateBpm;
      sumRef += refs[0];
      nEst++;
    }
  }
  return {
    windows,
    usable,
    answered,
    answeredPct: usable > 0 ? (100 * answered) / usable : NaN,
    mae: [n[0] > 0 ? sum[0]! / n[0] : NaN, n[1] > 0 ? sum[1]! / n[1] : NaN],
    n,
    meanEst: nEst > 0 ? sumEst / nEst : NaN,
    meanRef: nEst > 0 ? sumRef / nEst : NaN,
    errors,
  };
}

const fmt = (x: number, d: number): string => (Number.isFinite(x) ? x.toFixed(d) : '–');

function table(rows: { input: BenchInput; variant: string; s: Score }[]): string {
  const head = ['input', 'variant', 'windows', 'usable', 'answered', 'MAE ref 1', 'MAE ref 2', 'mean est / ref 1', 'ref 1 / ref 2'];
  const cells = rows.map(({ input, variant, s }) => [
    input.name,
    variant,
    String(s.windows),
    String(s.usable),
    `${s.answered} (${fmt(s.answeredPct, 0)} %)`,
    `${fmt(s.mae[0], 2)} (n=${s.n[0]})`,
    s.n[1] > 0 ? `${fmt(s.mae[1], 2)} (n=${s.n[1]})` : '–',
    `${fmt(s.meanEst, 1)} / ${fmt(s.meanRef, 1)}`,
    input.refNames.join(' / '),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c]!.length)));
  const line = (r: string[]): string => r.map((x, c) => x.padEnd(widths[c]!)).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** Mean and maximum cost of one live call (trailing 60 s, three modalities), µs. */
export function liveCost(input: BenchInput): { meanUs: number; medianUs: number; maxUs: number; calls: number; equalsBatch: boolean } {
  // Per NN beat, the pulse amplitude / baseline of the detected beat nearest to it (the NN series
  // may be timed at the upstroke while the beats are timed at the peak).
  const nearest = (s: BeatSeries, t: number): number => {
    let lo = 0;
    let hi = s.tSec.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s.tSec[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    let best = NaN;
    let bestD = 0.4;
    for (const i of [lo - 1, lo]) {
      if (i >= 0 && i < s.tSec.length && Math.abs(s.tSec[i]! - t) < bestD) {
        bestD = Math.abs(s.tSec[i]! - t);
        best = s.value[i]!;
      }
    }
    return best;
  };
  const t = Array.from(input.nnTSec);
  const amp = t.map((x) => nearest(input.amplitude, x));
  const base = t.map((x) => nearest(input.baseline, x));
  const tr = new current.RespirationTracker();
  // Warm-up (JIT) on a throw-away tracker.
  const warm = new current.RespirationTracker();
  for (let i = 0; i < t.length && t[i]! < 120; i++) warm.push(t[i]!, input.nnMs[i]!, amp[i], base[i]);
  for (let k = 0; k < 100; k++) warm.valueAt(119);
  let next = 60;
  let total = 0;
  let max = 0;
  let calls = 0;
  let equal = true;
  const times: number[] = [];
  for (let i = 0; i < t.length; i++) {
    tr.push(t[i]!, input.nnMs[i]!, amp[i], base[i]);
    if (t[i]! < next) continue;
    // The live call happens when beat i arrives (its window ends there); the batch estimate of the
    // same window over the beats received so far must be identical.
    const t0 = performance.now();
    const live = tr.valueAt(t[i]!);
    const dt = (performance.now() - t0) * 1000;
    total += dt;
    max = Math.max(max, dt);
    times.push(dt);
    calls++;
    if (calls % 10 === 0) {
      const k = i + 1;
      const batch = current.respirationAt(t.slice(0, k), Array.from(input.nnMs).slice(0, k), t[i]!, {
        amplitude: { tSec: t.slice(0, k), value: amp.slice(0, k) },
        baseline: { tSec: t.slice(0, k), value: base.slice(0, k) },
      });
      if (batch.rateBpm !== live.rateBpm || batch.reason !== live.reason) equal = false;
    }
    next = t[i]! + 1;
  }
  times.sort((a, b) => a - b);
  return { meanUs: calls ? total / calls : NaN, medianUs: times.length ? times[times.length >> 1]! : NaN, maxUs: max, calls, equalsBatch: equal };
}

export function benchInputs(): BenchInput[] {
  const inputs = recordsWithResp().map(recordInput);
  for (const rate of [4, 5.5, 7]) for (const seed of [1, 2, 3]) inputs.push(simInput(`sim paced ${rate}/min seed ${seed}`, { seed, compliance: 1 }, rate));
  inputs.push(simInput('sim paced 5.5/min compliance 0.9', { seed: 4, compliance: 0.9 }, 5.5));
  inputs.push(simInput('sim spontaneous 12/min', { seed: 5, breathingBpm: 12 }, null));
  inputs.push(simInput('sim spontaneous 18/min', { seed: 6, breathingBpm: 18 }, null));
  return inputs;
}

async function main(argv: string[]): Promise<void> {
  const implAt = argv.indexOf('--impl');
  const at: RespirationAt =
    implAt >= 0 ? ((await import(pathToFileURL(argv[implAt + 1]!).href)) as { respirationAt: RespirationAt }).respirationAt : current.respirationAt;
  const inputs = benchInputs();
  const out: Record<string, unknown> = {};
  for (const [stepSec, title] of [
    [60, 'ONE-MINUTE windows (trailing 60 s, ending at 60, 120, … s)'],
    [5, 'SLIDING windows every 5 s'],
  ] as const) {
    const rows: { input: BenchInput; variant: string; s: Score }[] = [];
    const hrOnlySims: { input: BenchInput; variant: string; s: Score }[] = [];
    for (const input of inputs) {
      rows.push({ input, variant: 'fused', s: score(input, at, stepSec) });
      const hr = { input, variant: 'HR only', s: score(input, at, stepSec, true) };
      if (!input.name.startsWith('sim')) rows.push(hr);
      else hrOnlySims.push(hr);
    }
    // Pooled rows: the real records, and the paced simulations per rate.
    const pool = (name: string, pick: (r: (typeof rows)[number]) => boolean): void => {
      const sel = rows.filter(pick);
      if (sel.length === 0) return;
      const s = pooled(sel.map((r) => r.s));
      rows.push({ input: { ...sel[0]!.input, name, refNames: sel[0]!.input.refNames }, variant: sel[0]!.variant, s });
    };
    pool('ALL RECORDS', (r) => !r.input.name.startsWith('sim') && r.variant === 'fused');
    pool('ALL RECORDS', (r) => !r.input.name.startsWith('sim') && r.variant === 'HR only');
    for (const rate of ['4', '5.5', '7']) pool(`SIM PACED ${rate}/min (3 seeds)`, (r) => r.variant === 'fused' && r.input.name.startsWith(`sim paced ${rate}/min seed`));
    rows.push(...hrOnlySims);
    for (const rate of ['4', '5.5', '7']) pool(`SIM PACED ${rate}/min (3 seeds)`, (r) => r.variant === 'HR only' && r.input.name.startsWith(`sim paced ${rate}/min seed`));
    rows.splice(rows.length - 3 - hrOnlySims.length, hrOnlySims.length);
    console.log(`\n${title}`);
    console.log(table(rows));
    out[String(stepSec)] = rows.map((r) => ({ input: r.input.name, variant: r.variant, ...r.s }));
  }
  const cost = liveCost(inputs[0]!);
  console.log(
    `\nlive cost (RespirationTracker.valueAt, ${inputs[0]!.name}, ${cost.calls} calls about once a second, at beats): ` +
      `median ${fmt(cost.medianUs, 0)} µs, mean ${fmt(cost.meanUs, 0)} µs, max ${fmt(cost.maxUs, 0)} µs (wall clock, includes other load); ` +
      `equals the batch estimate: ${cost.equalsBatch}`,
  );
  console.log('ref 1 / ref 2: see the reference column; answered % is of the usable windows; MAE over answered windows with a reference.');
  if (argv.includes('--json')) console.log(JSON.stringify(out));
}

function pooled(list: Score[]): Score {
  const s: Score = { windows: 0, usable: 0, answered: 0, answeredPct: NaN, mae: [0, 0], n: [0, 0], meanEst: 0, meanRef: 0, errors: [] };
  const sum = [0, 0];
  let est = 0;
  let ref = 0;
  let nEst = 0;
  for (const x of list) {
    s.windows += x.windows;
    s.usable += x.usable;
    s.answered += x.answered;
    for (let k = 0; k < 2; k++) {
      if (x.n[k]! > 0) {
        sum[k]! += x.mae[k]! * x.n[k]!;
        s.n[k] += x.n[k]!;
      }
    }
    const m = x.n[0];
    if (m > 0 && Number.isFinite(x.meanEst)) {
      est += x.meanEst * m;
      ref += x.meanRef * m;
      nEst += m;
    }
  }
  s.answeredPct = s.usable > 0 ? (100 * s.answered) / s.usable : NaN;
  s.mae = [s.n[0] > 0 ? sum[0]! / s.n[0] : NaN, s.n[1] > 0 ? sum[1]! / s.n[1] : NaN];
  s.meanEst = nEst > 0 ? est / nEst : NaN;
  s.meanRef = nEst > 0 ? ref / nEst : NaN;
  return s;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main(process.argv.slice(2));

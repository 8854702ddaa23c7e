/**
 * Failure cases of the artifact correction, rebuilt from simulated beat series with KNOWN truth,
 * shared by the unit tests (`test/unit/dsp/intervalsCorrectCases.test.ts`) and the bench
 * (`npm run bench:correction`). Each case mirrors a failure measured on real signals; see
 * `shared/dsp/intervalsCorrect.ts`.
 */

import { applyEdits, halfRateEdits, rng, sdnnRmssd, simulateBeats, withGap, type Detections, type Edit } from './rrSimulate.js';

export interface Scenario {
  name: string;
  what: string;
  truth: Float64Array;
  det: Detections;
}

/** Breaks where a beat below `minQuality` touches the interval (as the analysis marks low-quality beats unusable). */
export function qualityBreaks(d: Detections, minQuality = 0.35): number[] {
  const set = new Set(d.breaks);
  for (let i = 1; i < d.raw.length; i++) if (d.quality[i]! < minQuality || d.quality[i - 1]! < minQuality) set.add(i);
  return [...set].sort((a, b) => a - b);
}

/**
 * A weak pleth, 30 % of it unusable: stretches of low-quality detections (quality 0.2), and next to
 * them runs where the detector skipped every other weak pulse (quality 0.6) — runs of 8 to 40
 * intervals and one of 80 (longer than the correction's bounded window); with `longRun` false,
 * runs of 8 to 24 intervals, which the correction finds on its own. Low HRV, as
 * the ECG of the recording this mirrors (SDNN ≈ 17 ms, RMSSD ≈ 6.5 ms, RR ≈ 650 ms).
 */
export function halfRateWeakPleth(seed = 21, longRun = true): Scenario {
  const truth = simulateBeats({ durationSec: 900, seed, meanMs: 650, rsaMs: 5, lfMs: 10, pinkMs: 11, jitterMs: 1.2 });
  const u = rng(seed + 1);
  const edits: Edit[] = [];
  const lowQ = new Set<number>();
  let i = 40;
  let k = 0;
  while (i < truth.length - 120) {
    const lowLen = 10 + Math.floor(u() * 12); // ~7–14 s unusable
    for (let j = i; j < i + lowLen; j++) lowQ.add(j);
    i += lowLen;
    const runLen = longRun && k === 3 ? 160 : longRun ? 16 + 2 * Math.floor(u() * 30) : 16 + 2 * Math.floor(u() * 17); // truth beats, half as many intervals
    edits.push(...halfRateEdits(i, i + runLen));
    i += runLen + 60 + Math.floor(u() * 60);
    k++;
  }
  const det = applyEdits(truth, edits);
  det.quality = det.truthOf.map((t) => (lowQ.has(t) ? 0.2 : 1));
  // Beats of the half-rate runs are weak too (quality 0.6: trusted by the detector).
  const skipped = new Set(edits.map((e) => e.at));
  det.quality = det.quality.map((q, j) => (q < 1 ? q : skipped.has(det.truthOf[j]! + 1) || skipped.has(det.truthOf[j]! - 1) ? 0.6 : 1));
  det.breaks = qualityBreaks(det);
  return { name: longRun ? 'half-rate, weak pleth (30 % unusable)' : 'half-rate runs ≤ 24 intervals', what: 'every other weak pulse missed next to low-quality stretches', truth, det };
}

/**
 * Short islands between gaps (2–7 beats), some holding a spurious detection (an interval of about
 * half the RR) or a displaced beat — the a103l pattern: weak pulses around a series of gaps.
 * RR ≈ 620 ms, very low HRV (RMSSD ≈ 4 ms).
 */
export function shortIslands(seed = 31): Scenario {
  const truth = simulateBeats({ durationSec: 300, seed, meanMs: 620, rsaMs: 2.5, lfMs: 4, pinkMs: 5, jitterMs: 0.8 });
  const u = rng(seed + 1);
  const edits: Edit[] = [];
  const gaps: [number, number][] = [];
  let t = 100;
  while (t < 220) {
    const gapLen = 1.2 + 2.5 * u();
    gaps.push([t, t + gapLen]);
    t += gapLen;
    const island = 2 + Math.floor(u() * 6); // beats
    // Truth beats of this island.
    const first = truth.findIndex((b) => b >= t);
    if (u() < 0.6 && island >= 3) {
      const at = first + 1 + Math.floor(u() * (island - 1));
      edits.push(u() < 0.7 ? { kind: 'extra', at, frac: 0.45 + 0.1 * u() } : { kind: 'shift', at, ms: (u() < 0.5 ? -1 : 1) * (120 + 60 * u()) });
    }
    t = (truth[first + island - 1] ?? t) + 0.05;
  }
  let det = applyEdits(truth, edits);
  for (const [a, b] of gaps) det = withGap(det, a, b);
  return { name: 'short islands between gaps', what: 'islands of 2–7 beats between gaps, some with a spurious or displaced beat', truth, det };
}

/**
 * Ectopic beats and artifact bursts (marked as gaps), with ectopics placed right after several
 * gaps: the correction must not move or insert beats using a neighbour across (or right after) a gap.
 */
export function ectopicsAndBursts(seed = 41): Scenario {
  const truth = simulateBeats({ durationSec: 600, seed, meanMs: 820, rsaMs: 35, lfMs: 20, pinkMs: 25 });
  const u = rng(seed + 1);
  const edits: Edit[] = [];
  const gaps: [number, number][] = [];
  for (let t = 15; t < 590; t += 12 + 16 * u()) {
    const len = 1.5 + 3 * u();
    gaps.push([t, t + len]);
    const after = truth.findIndex((b) => b >= t + len);
    const which = Math.floor(u() * 4); // ectopic as the 1st, 2nd, 3rd or 4th beat after the gap
    if (after > 0 && after + which + 2 < truth.length) edits.push({ kind: 'ectopic', at: after + which, frac: 0.25 + 0.15 * u() });
  }
  for (let i = 20; i < truth.length - 5; i++) if (u() < 0.02 && !edits.some((e) => Math.abs(e.at - i) < 3)) edits.push({ kind: 'ectopic', at: i, frac: 0.25 + 0.15 * u() });
  let det = applyEdits(truth, edits);
  for (const [a, b] of gaps) det = withGap(det, a, b);
  return { name: 'ectopics + artifact bursts (gaps)', what: 'premature beats, several right after a gap', truth, det };
}

/**
 * Motion bursts in a 75-bpm recording that the detector did not mark: for 3–8 s, spurious
 * detections between the true beats (intervals of 250–450 ms) and some true beats missed.
 */
export function motionBursts(seed = 51): Scenario {
  const truth = simulateBeats({ durationSec: 600, seed, meanMs: 800, rsaMs: 30, lfMs: 20, pinkMs: 20 });
  const u = rng(seed + 1);
  const edits: Edit[] = [];
  for (let t = 20; t < 580; t += 25 + 20 * u()) {
    const len = 3 + 5 * u();
    const a = truth.findIndex((b) => b >= t);
    for (let i = a; i < truth.length && truth[i]! < t + len; i++) {
      if (u() < 0.25) {
        edits.push({ kind: 'missed', at: i });
        continue;
      }
      const extras = u() < 0.5 ? 1 : 2;
      for (let e = 0; e < extras; e++) edits.push({ kind: 'extra', at: i, frac: extras === 1 ? 0.4 + 0.2 * u() : e === 0 ? 0.3 + 0.1 * u() : 0.6 + 0.1 * u() });
    }
  }
  const det = applyEdits(truth, edits);
  return { name: 'motion bursts (unmarked)', what: 'bursts of spurious detections and missed beats, no gap marked', truth, det };
}

/** Isolated artifacts in a clean series: ectopic, missed and extra beats, displaced detections. */
export function isolatedArtifacts(seed = 61): Scenario {
  const truth = simulateBeats({ durationSec: 600, seed, meanMs: 900, rsaMs: 40, lfMs: 25, pinkMs: 25 });
  const u = rng(seed + 1);
  const edits: Edit[] = [];
  for (let i = 10; i < truth.length - 10; i += 8 + Math.floor(u() * 25)) {
    const r = u();
    if (r < 0.35) edits.push({ kind: 'ectopic', at: i, frac: 0.25 + 0.15 * u() });
    else if (r < 0.6) edits.push({ kind: 'missed', at: i });
    else if (r < 0.85) edits.push({ kind: 'extra', at: i, frac: 0.3 + 0.4 * u() });
    else edits.push({ kind: 'shift', at: i, ms: (u() < 0.5 ? -1 : 1) * (200 + 100 * u()) });
  }
  return { name: 'isolated ectopic/missed/extra beats', what: 'one artifact every 8–33 beats', truth, det: applyEdits(truth, edits) };
}

export interface NnScore {
  /** SDNN/RMSSD of the corrected NN series. */
  sdnn: number;
  rmssd: number;
  /** SDNN/RMSSD of the truth intervals matched to the NN intervals (same coverage, same consecutive pairs). */
  truthSdnn: number;
  truthRmssd: number;
  /** SDNN/RMSSD of the whole truth series. */
  wholeSdnn: number;
  wholeRmssd: number;
  /** NN intervals and the share of truth intervals they cover. */
  count: number;
  coveragePct: number;
  /**
   * Largest |NN − truth| (ms) and how many NN intervals are off by more than `badMs` (default 75 ms:
   * a beat put back midway between its neighbours is off by half their difference, up to ~50 ms
   * under strong RSA; a kept artifact is off by 100 ms and more).
   */
  maxErrMs: number;
  badCount: number;
  /** NN intervals ≥ 1.5 × their truth interval (e.g. twice the RR). */
  overLongCount: number;
  /** NN intervals spanning a break of the input. */
  acrossGapCount: number;
}

/**
 * Score a corrected NN series against the truth beats: each NN interval is matched to the truth
 * interval whose closing beat is nearest to the NN interval's closing beat (within 200 ms).
 */
export function scoreNn(nnTSec: ArrayLike<number>, nnMs: ArrayLike<number>, truth: ArrayLike<number>, det: Detections, badMs = 75): NnScore {
  const n = nnMs.length;
  const tr = Array.from(truth);
  const trIbi: number[] = [NaN];
  for (let i = 1; i < tr.length; i++) trIbi.push((tr[i]! - tr[i - 1]!) * 1000);
  const matched: number[] = [];
  const cons: boolean[] = [];
  let j = 0;
  let maxErr = 0;
  let bad = 0;
  let over = 0;
  for (let k = 0; k < n; k++) {
    const tc = nnTSec[k] as number;
    while (j + 1 < tr.length && Math.abs(tr[j + 1]! - tc) <= Math.abs(tr[j]! - tc)) j++;
    const ref = Math.abs(tr[j]! - tc) < 0.2 && j > 0 ? trIbi[j]! : NaN;
    matched.push(ref);
    const err = Number.isFinite(ref) ? Math.abs((nnMs[k] as number) - ref) : Infinity;
    if (err > maxErr) maxErr = err;
    if (err > badMs) bad++;
    if (!Number.isFinite(ref) || (nnMs[k] as number) >= 1.5 * ref) over++;
    cons.push(k > 0 && Math.abs(tc - (nnMs[k] as number) / 1000 - (nnTSec[k - 1] as number)) < 1e-6);
  }
  const got = sdnnRmssd(nnMs, cons);
  // Truth over the same intervals: SDNN of the matched truth intervals, RMSSD over the same pairs.
  const mm = matched.filter((m) => Number.isFinite(m));
  const mTruth = sdnnRmssd(mm);
  let d2 = 0;
  let nd = 0;
  for (let k = 1; k < n; k++) {
    if (!cons[k] || !Number.isFinite(matched[k]!) || !Number.isFinite(matched[k - 1]!)) continue;
    d2 += (matched[k]! - matched[k - 1]!) ** 2;
    nd++;
  }
  const whole = sdnnRmssd(trIbi.slice(1));
  let across = 0;
  const gapsOpen = det.breaks.map((b) => [det.raw[b - 1]!, det.raw[b]!] as const);
  for (let k = 0; k < n; k++) {
    const b = nnTSec[k] as number;
    const a = b - (nnMs[k] as number) / 1000;
    if (gapsOpen.some(([ga, gb]) => a < gb - 1e-9 && b > ga + 1e-9)) across++;
  }
  return {
    sdnn: got.sdnn,
    rmssd: got.rmssd,
    truthSdnn: mTruth.sdnn,
    truthRmssd: Math.sqrt(d2 / nd),
    wholeSdnn: whole.sdnn,
    wholeRmssd: whole.rmssd,
    count: n,
    coveragePct: (100 * n) / (tr.length - 1),
    maxErrMs: maxErr,
    badCount: bad,
    overLongCount: over,
    acrossGapCount: across,
  };
}

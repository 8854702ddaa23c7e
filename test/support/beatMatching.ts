/**
 * Scoring of PPG beats against ECG R peaks (the benchmark's truth).
 *
 * PPG systolic peaks follow the R peaks by the pulse arrival time, which is close to constant
 * within a record. `matchBeats` fits ONE delay per record (`fitDelay`: the delay that maximises
 * the number of matches, told apart from delays one RR interval off by the interval error, and
 * centred on the median residual of the matches) and pairs beats one-to-one within ±tolerance of
 * R + delay, closest pairs first (greedy by distance). Interval error is measured only where
 * both ends of an interval are matched and consecutive in both series, so that every PPG
 * interval is compared with exactly the RR interval it spans.
 */

export interface MatchOptions {
  /** Match tolerance around R + delay, s (default 0.15). */
  toleranceSec?: number;
  /** Score only ECG beats in [start, end] s (and PPG beats whose R-aligned time falls there). */
  windowSec?: readonly [number, number];
  /** Stretches where the ECG is no truth: ECG and (R-aligned) PPG beats in them are not scored. */
  excludeSec?: readonly { startSec: number; endSec: number }[];
  /**
   * Stretches of the PPG (PPG time) not to score, e.g. what the analysis flagged as unusable:
   * ECG beats whose PPG partner would fall in them (R + delay) and PPG beats in them are left out.
   */
  ppgExcludeSec?: readonly { startSec: number; endSec: number }[];
  /** Time span covered by the PPG, s: ECG beats whose partner would fall outside it (± tolerance) are not scored. */
  ppgSpanSec?: readonly [number, number];
  /** Use this delay instead of fitting one, s. */
  delaySec?: number;
}

export interface MatchResult {
  /** Fitted pulse delay (PPG − ECG), s. */
  delaySec: number;
  tp: number;
  fp: number;
  fn: number;
  sensitivity: number;
  ppv: number;
  f1: number;
  /** Mean |PPG interval − RR interval| over `ibiPairs` consecutive matched pairs, ms (NaN when none). */
  ibiMaeMs: number;
  ibiPairs: number;
  /** Standard deviation of the matched residuals (PPG − ECG − delay), ms. */
  residualSdMs: number;
  /** Matched pairs as [ecgIndex, ppgIndex] into the arrays given. */
  pairs: [number, number][];
  /** Times of the unmatched scored ECG beats (false negatives), s. */
  fnSec: number[];
  /** Times of the unmatched scored PPG beats (false positives), s. */
  fpSec: number[];
  /** ECG beats scored (inside the window and outside exclusions). */
  ecgScored: number;
  /** PPG beats scored. */
  ppgScored: number;
}

const DEFAULT_TOLERANCE_SEC = 0.15;

function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
}

/** First index in sorted `a` with a[i] ≥ x. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One-to-one pairs within ±tol of ecg + delay, closest first. Both inputs sorted ascending. */
function pairUp(ppg: readonly number[], ecg: readonly number[], delay: number, tol: number): [number, number][] {
  const cand: [number, number, number][] = [];
  for (let i = 0; i < ecg.length; i++) {
    const target = ecg[i]! + delay;
    for (let j = lowerBound(ppg, target - tol); j < ppg.length && ppg[j]! <= target + tol; j++) {
      cand.push([Math.abs(ppg[j]! - target), i, j]);
    }
  }
  cand.sort((a, b) => a[0] - b[0]);
  const usedE = new Uint8Array(ecg.length);
  const usedP = new Uint8Array(ppg.length);
  const pairs: [number, number][] = [];
  for (const [, i, j] of cand) {
    if (usedE[i] || usedP[j]) continue;
    usedE[i] = 1;
    usedP[j] = 1;
    pairs.push([i, j]);
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

/** Mean |PPG interval − RR interval| over consecutive pairs (both series consecutive), s. */
function pairedIntervalError(ppg: readonly number[], ecg: readonly number[], pairs: readonly [number, number][]): number {
  let sum = 0;
  let n = 0;
  for (let k = 1; k < pairs.length; k++) {
    const [i0, j0] = pairs[k - 1]!;
    const [i1, j1] = pairs[k]!;
    if (i1 !== i0 + 1 || j1 !== j0 + 1) continue;
    sum += Math.abs(ppg[j1]! - ppg[j0]! - (ecg[i1]! - ecg[i0]!));
    n++;
  }
  return n > 0 ? sum / n : Infinity;
}

/**
 * Fit the pulse delay (PPG − ECG, s) within [0, maxDelaySec]. Start: the median of the nearest
 * following PPG beat after each R peak. Then every delay on a 5 ms grid is scored by the number
 * of one-to-one matches; with a regular rhythm, delays one RR apart match (almost) as many
 * beats, so among the delays that reach ≥ 97 % of the best count, each contiguous run is refined
 * (2 ms grid, most matches then least residual) and the run whose pairs give the smallest
 * interval error wins: only the right pairing makes PPG intervals track their own RR intervals.
 * Finally the delay is centred on the median residual of its matches.
 */
export function fitDelay(
  ppg: readonly number[],
  ecg: readonly number[],
  toleranceSec = DEFAULT_TOLERANCE_SEC,
  maxDelaySec = 1.2,
): number {
  if (ppg.length === 0 || ecg.length === 0) return 0;
  const grid: { d: number; count: number }[] = [];
  for (let d = 0; d <= maxDelaySec + 1e-9; d += 0.005) grid.push({ d, count: pairUp(ppg, ecg, d, toleranceSec).length });
  const maxCount = Math.max(...grid.map((g) => g.count));
  if (maxCount === 0) {
    const following: number[] = [];
    for (const t of ecg) {
      const j = lowerBound(ppg, t);
      if (j < ppg.length) following.push(ppg[j]! - t);
    }
    return median(following);
  }
  // Contiguous runs of near-best delays.
  const runs: { d: number; count: number }[][] = [];
  grid.forEach((g, k) => {
    if (g.count < 0.97 * maxCount) return;
    const prev = runs[runs.length - 1];
    if (prev && k > 0 && grid[k - 1]!.count >= 0.97 * maxCount) prev.push(g);
    else runs.push([g]);
  });
  let best = { delay: grid[0]!.d, ibiErr: Infinity };
  for (const run of runs) {
    const lo = run[0]!.d - 0.01;
    const hi = run[run.length - 1]!.d + 0.01;
    let top = { d: lo, count: -1, err: Infinity };
    for (let d = lo; d <= hi + 1e-9; d += 0.002) {
      const pairs = pairUp(ppg, ecg, d, toleranceSec);
      const err = pairs.reduce((s, [i, j]) => s + Math.abs(ppg[j]! - ecg[i]! - d), 0);
      if (pairs.length > top.count || (pairs.length === top.count && err < top.err)) top = { d, count: pairs.length, err };
    }
    const pairs = pairUp(ppg, ecg, top.d, toleranceSec);
    const centred = median(pairs.map(([i, j]) => ppg[j]! - ecg[i]!));
    const ibiErr = pairedIntervalError(ppg, ecg, pairUp(ppg, ecg, centred, toleranceSec));
    if (ibiErr < best.ibiErr) best = { delay: centred, ibiErr };
  }
  return best.delay;
}

function within(list: readonly { startSec: number; endSec: number }[] | undefined, t: number): boolean {
  return (list ?? []).some((x) => t >= x.startSec && t <= x.endSec);
}

/** Whether an ECG-time instant is scored: in the window, ECG usable, its PPG partner time usable. */
function scopeTest(opts: MatchOptions, delaySec: number): (t: number) => boolean {
  const [w0, w1] = opts.windowSec ?? [-Infinity, Infinity];
  const tol = opts.toleranceSec ?? DEFAULT_TOLERANCE_SEC;
  const [p0, p1] = opts.ppgSpanSec ?? [-Infinity, Infinity];
  return (t) => {
    const tp = t + delaySec;
    return t >= w0 && t <= w1 && !within(opts.excludeSec, t) && !within(opts.ppgExcludeSec, tp) && tp >= p0 + tol && tp <= p1 - tol;
  };
}

/**
 * Match PPG beats (s) with ECG R peaks (s), both in one time base. See the file comment.
 */
export function matchBeats(ppgBeatsSec: readonly number[], ecgPeaksSec: readonly number[], opts: MatchOptions = {}): MatchResult {
  const tol = opts.toleranceSec ?? DEFAULT_TOLERANCE_SEC;
  const ppg = [...ppgBeatsSec].sort((a, b) => a - b);
  const ecg = [...ecgPeaksSec].sort((a, b) => a - b);
  const [w0, w1] = opts.windowSec ?? [-Infinity, Infinity];

  // The delay is fitted on the whole window (with a margin), exclusions included: it is one
  // physiological constant per record.
  const ecgFit = ecg.filter((t) => t >= w0 - 1 && t <= w1 + 1);
  const delaySec = opts.delaySec ?? fitDelay(ppg, ecgFit, tol);
  // Scope is judged on the ECG time axis; a PPG beat counts at its R-aligned time (t − delay).
  const inScope = scopeTest(opts, delaySec);

  // Pair within the window widened by the tolerance so that edge beats pair with their partner,
  // then score only beats in scope (ECG by its own time, PPG by its R-aligned time).
  const ecgNear = ecg.map((t, i) => [t, i] as const).filter(([t]) => t >= w0 - tol && t <= w1 + tol);
  const ppgNear = ppg.map((t, j) => [t, j] as const).filter(([t]) => t - delaySec >= w0 - tol && t - delaySec <= w1 + tol);
  const local = pairUp(ppgNear.map(([t]) => t), ecgNear.map(([t]) => t), delaySec, tol);
  const pairs: [number, number][] = local.map(([a, b]) => [ecgNear[a]![1], ppgNear[b]![1]]);
  const ppgOfEcg = new Map<number, number>(pairs);
  const ecgOfPpg = new Map<number, number>(pairs.map(([i, j]) => [j, i]));

  let tp = 0;
  let fn = 0;
  let fp = 0;
  let ecgScored = 0;
  let ppgScored = 0;
  const fnSec: number[] = [];
  const fpSec: number[] = [];
  ecg.forEach((t, i) => {
    if (!inScope(t)) return;
    ecgScored++;
    if (ppgOfEcg.has(i)) tp++;
    else {
      fn++;
      fnSec.push(t);
    }
  });
  ppg.forEach((t, j) => {
    const partner = ecgOfPpg.get(j);
    // A matched PPG beat is scored with its ECG beat; an unmatched one by its R-aligned time.
    const scoredAt = partner !== undefined ? ecg[partner]! : t - delaySec;
    if (!inScope(scoredAt)) return;
    ppgScored++;
    if (partner === undefined) {
      fp++;
      fpSec.push(t);
    }
  });

  // Interval error over consecutive pairs (consecutive in both series, both ends in scope).
  let ibiSum = 0;
  let ibiPairs = 0;
  const scoredPairs = pairs.filter(([i]) => inScope(ecg[i]!));
  for (let k = 1; k < scoredPairs.length; k++) {
    const [i0, j0] = scoredPairs[k - 1]!;
    const [i1, j1] = scoredPairs[k]!;
    if (i1 !== i0 + 1 || j1 !== j0 + 1) continue;
    const rr = ecg[i1]! - ecg[i0]!;
    const pp = ppg[j1]! - ppg[j0]!;
    ibiSum += Math.abs(pp - rr) * 1000;
    ibiPairs++;
  }
  const residuals = scoredPairs.map(([i, j]) => (ppg[j]! - ecg[i]! - delaySec) * 1000);
  const meanRes = residuals.reduce((s, v) => s + v, 0) / Math.max(1, residuals.length);
  const residualSdMs = Math.sqrt(residuals.reduce((s, v) => s + (v - meanRes) ** 2, 0) / Math.max(1, residuals.length - 1));

  const sensitivity = tp + fn > 0 ? tp / (tp + fn) : NaN;
  const ppv = tp + fp > 0 ? tp / (tp + fp) : NaN;
  const f1 = 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : NaN;
  return {
    delaySec, tp, fp, fn, sensitivity, ppv, f1,
    ibiMaeMs: ibiPairs > 0 ? ibiSum / ibiPairs : NaN, ibiPairs, residualSdMs, pairs, fnSec, fpSec, ecgScored, ppgScored,
  };
}

export interface IntervalScore {
  /** Mean |NN − RR| over intervals whose closing beat matched an R peak, ms (NaN when none). */
  maeMs: number;
  /** Intervals scored. */
  pairs: number;
  /** Intervals not scored (closing beat unmatched or out of scope). */
  unmatched: number;
}

/**
 * Score an interval series (e.g. the corrected NN series: `tSec` = time of the closing beat,
 * `ibiMs`) against the ECG: each interval's closing beat is matched to the nearest R peak
 * (within ±tolerance of R + delay) and compared with the RR interval that ends at that R peak.
 */
export function scoreIntervals(
  tSec: readonly number[],
  ibiMs: readonly number[],
  ecgPeaksSec: readonly number[],
  delaySec: number,
  opts: Omit<MatchOptions, 'delaySec'> = {},
): IntervalScore {
  const tol = opts.toleranceSec ?? DEFAULT_TOLERANCE_SEC;
  const ecg = [...ecgPeaksSec].sort((a, b) => a - b);
  const inScope = scopeTest(opts, delaySec);
  let sum = 0;
  let pairs = 0;
  let unmatched = 0;
  tSec.forEach((t, k) => {
    const target = t - delaySec;
    const i = lowerBound(ecg, target);
    let best = -1;
    for (const c of [i - 1, i]) if (c >= 0 && c < ecg.length && (best < 0 || Math.abs(ecg[c]! - target) < Math.abs(ecg[best]! - target))) best = c;
    const r = best >= 1 ? ecg[best]! : NaN;
    if (best < 1 || Math.abs(r - target) > tol || !inScope(r) || !inScope(ecg[best - 1]!)) {
      unmatched++;
      return;
    }
    sum += Math.abs(ibiMs[k]! - (r - ecg[best - 1]!) * 1000);
    pairs++;
  });
  return { maeMs: pairs > 0 ? sum / pairs : NaN, pairs, unmatched };
}

export interface NnSeriesScore {
  /** Mean |NN − RR| over the NN intervals whose both ends match consecutive R peaks, ms. */
  maeMs: number;
  /** Mean signed NN − RR, ms (a scale error of the fiducial would show here). */
  biasMs: number;
  /** 95th percentile of |NN − RR|, ms. */
  p95Ms: number;
  /** Intervals scored. */
  pairs: number;
  /** NN intervals in scope that could not be scored (an end without an R peak, or not consecutive R peaks). */
  unmatched: number;
  /** RMSSD of the scored NN intervals and of their RR intervals over the same successive pairs, ms. */
  rmssdPpgMs: number;
  rmssdEcgMs: number;
  /** Successive-difference pairs in the RMSSDs. */
  rmssdPairs: number;
  /** SDNN (n − 1) of the scored NN intervals and of their RR intervals, ms. */
  sdnnPpgMs: number;
  sdnnEcgMs: number;
  /** The scored intervals: closing R peak index, NN and RR (ms). */
  intervals: { i1: number; nnMs: number; rrMs: number }[];
}

/**
 * Score an NN series (`tSec` = the interval's closing beat at the fiducial the series uses,
 * `ibiMs` = the interval) against R peaks: an interval counts when both its ends (t − ibi and t)
 * lie within ±tolerance of R + delay of two consecutive R peaks; it is compared with that RR
 * interval. Intervals whose closing beat is out of scope (window, ECG exclusions, PPG exclusions)
 * are left out. RMSSD is computed on both sides over the same successive pairs: two scored
 * intervals that follow each other in the NN series (the first ends where the second starts) and
 * in the ECG (shared R peak).
 */
export function scoreNnSeries(
  tSec: readonly number[],
  ibiMs: readonly number[],
  ecgPeaksSec: readonly number[],
  delaySec: number,
  opts: Omit<MatchOptions, 'delaySec'> = {},
): NnSeriesScore {
  const tol = opts.toleranceSec ?? DEFAULT_TOLERANCE_SEC;
  const ecg = [...ecgPeaksSec].sort((a, b) => a - b);
  const inScope = scopeTest(opts, delaySec);
  const nearest = (tPpg: number): number => {
    const target = tPpg - delaySec;
    const i = lowerBound(ecg, target);
    let best = -1;
    for (const c of [i - 1, i]) if (c >= 0 && c < ecg.length && (best < 0 || Math.abs(ecg[c]! - target) < Math.abs(ecg[best]! - target))) best = c;
    return best >= 0 && Math.abs(ecg[best]! - target) <= tol ? best : -1;
  };
  const errs: number[] = [];
  let signed = 0;
  let unmatched = 0;
  // Per scored interval: its index k in the NN series, its R index i1 (closing), NN and RR in ms.
  const scored: { k: number; i1: number; nn: number; rr: number }[] = [];
  for (let k = 0; k < tSec.length; k++) {
    const t1 = tSec[k]!;
    const t0 = t1 - ibiMs[k]! / 1000;
    const [w0, w1] = opts.windowSec ?? [-Infinity, Infinity];
    const r1 = t1 - delaySec;
    if (r1 < w0 || r1 > w1) continue;
    const i1 = nearest(t1);
    const i0 = nearest(t0);
    if (i1 < 1 || i0 !== i1 - 1 || !inScope(ecg[i1]!) || !inScope(ecg[i0]!)) {
      unmatched++;
      continue;
    }
    const rr = (ecg[i1]! - ecg[i0]!) * 1000;
    const e = ibiMs[k]! - rr;
    errs.push(Math.abs(e));
    signed += e;
    scored.push({ k, i1, nn: ibiMs[k]!, rr });
  }
  let dPpg = 0;
  let dEcg = 0;
  let nd = 0;
  for (let m = 1; m < scored.length; m++) {
    const a = scored[m - 1]!;
    const b = scored[m]!;
    const nnConsecutive = b.k === a.k + 1 && Math.abs(tSec[b.k]! - ibiMs[b.k]! / 1000 - tSec[a.k]!) < 1e-6;
    if (!nnConsecutive || b.i1 !== a.i1 + 1) continue;
    dPpg += (b.nn - a.nn) ** 2;
    dEcg += (b.rr - a.rr) ** 2;
    nd++;
  }
  const sd = (v: number[]): number => {
    if (v.length < 2) return NaN;
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    return Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));
  };
  const sortedErr = [...errs].sort((a, b) => a - b);
  const n = errs.length;
  return {
    maeMs: n ? errs.reduce((s, v) => s + v, 0) / n : NaN,
    biasMs: n ? signed / n : NaN,
    p95Ms: n ? sortedErr[Math.min(n - 1, Math.floor(0.95 * n))]! : NaN,
    pairs: n,
    unmatched,
    rmssdPpgMs: nd ? Math.sqrt(dPpg / nd) : NaN,
    rmssdEcgMs: nd ? Math.sqrt(dEcg / nd) : NaN,
    rmssdPairs: nd,
    sdnnPpgMs: sd(scored.map((s) => s.nn)),
    sdnnEcgMs: sd(scored.map((s) => s.rr)),
    intervals: scored.map((s) => ({ i1: s.i1, nnMs: s.nn, rrMs: s.rr })),
  };
}

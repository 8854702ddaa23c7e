/**
 * `intervalsCorrect` — artifact detection and correction of a beat series, after
 * Lipponen & Tarvainen 2019, "A robust algorithm for heart rate variability time series artefact
 * correction using novel beat classification" (J Med Eng Technol 43(3)), the method behind Kubios'
 * automatic correction; the decision flow follows their Figure 1 (as also implemented in NeuroKit2's
 * `signal_fixpeaks(method="kubios")`), written anew here.
 *
 * dRR (successive differences) and mRR (deviation from an 11-beat median, negative side doubled)
 * are normalised by time-varying thresholds (α = 5.2 × quartile deviation over 91 beats). Beats are
 * classified as ectopic (S11/S12 subspace test with c1 = 0.13, c2 = 0.17), long/short (S22), missed
 * (a long interval ≈ 2 × median) or extra (a short interval that with the next ≈ median). Extra beats
 * are deleted, missed beats inserted midway, ectopic and long/short beats moved to the midpoint of
 * their neighbours. Raw detections are kept; the corrected NN series is returned separately.
 *
 * Signal gaps split the series into segments: intervals across a gap are never created or invented.
 */

import { lowerBound } from './nnGaps.js';

export type BeatFlag = 'normal' | 'ectopic' | 'missed' | 'extra' | 'longshort';

export interface IntervalsCorrectSettings {
  alpha: number;
  c1: number;
  c2: number;
  windowBeats: number;
  medianBeats: number;
  /** Intervals outside this range after correction are dropped (not physiological), ms. */
  minIbiMs: number;
  maxIbiMs: number;
}

export const DEFAULT_CORRECTION: IntervalsCorrectSettings = {
  alpha: 5.2,
  c1: 0.13,
  c2: 0.17,
  windowBeats: 91,
  medianBeats: 11,
  minIbiMs: 250,
  maxIbiMs: 2500,
};

export interface IntervalsCorrectResult {
  /** Corrected beat times (s), all segments. */
  beatsSec: Float64Array;
  /** Corrected NN series: time of the closing beat (s) and interval (ms). */
  nnTSec: Float64Array;
  nnMs: Float64Array;
  /** Per raw beat: what the classifier said (index = raw beat index). */
  rawFlags: BeatFlag[];
  counts: { ectopic: number; missed: number; extra: number; longshort: number; corrected: number };
  /** corrected / raw beats × 100. */
  percent: number;
}

/**
 * @param beatsSec raw beat times, ascending (s)
 * @param breaks optional segment starts: indices i such that the interval beatsSec[i-1]→beatsSec[i] spans a gap
 */
export function intervalsCorrect(
  beatsSec: ArrayLike<number>,
  breaks: readonly number[] = [],
  settings: Partial<IntervalsCorrectSettings> = {},
): IntervalsCorrectResult {
  const s = { ...DEFAULT_CORRECTION, ...settings };
  const n = beatsSec.length;
  const rawFlags: BeatFlag[] = new Array<BeatFlag>(n).fill('normal');
  const counts = { ectopic: 0, missed: 0, extra: 0, longshort: 0, corrected: 0 };
  const outBeats: number[] = [];
  const nnT: number[] = [];
  const nnV: number[] = [];
  const cuts = [0, ...breaks.filter((b) => b > 0 && b < n).sort((a, b) => a - b), n];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k]!;
    const b = cuts[k + 1]!;
    if (b <= a) continue;
    const seg = Array.from({ length: b - a }, (_, i) => beatsSec[a + i] as number);
    const segFlags = seg.length >= 8 ? classify(seg, s) : new Array<BeatFlag>(seg.length).fill('normal');
    for (let i = 0; i < seg.length; i++) rawFlags[a + i] = segFlags[i]!;
    const fixed = correct(seg, segFlags);
    for (let i = 0; i < fixed.length; i++) {
      outBeats.push(fixed[i]!);
      if (i > 0) {
        const ibi = (fixed[i]! - fixed[i - 1]!) * 1000;
        if (ibi >= s.minIbiMs && ibi <= s.maxIbiMs) {
          nnT.push(fixed[i]!);
          nnV.push(ibi);
        }
      }
    }
  }
  for (const f of rawFlags) if (f !== 'normal') counts[f]++;
  counts.corrected = counts.ectopic + counts.missed + counts.extra + counts.longshort;
  return {
    beatsSec: Float64Array.from(outBeats),
    nnTSec: Float64Array.from(nnT),
    nnMs: Float64Array.from(nnV),
    rawFlags,
    counts,
    percent: n > 0 ? (100 * counts.corrected) / n : 0,
  };
}

/**
 * Rolling quartile-deviation threshold: alpha × (Q3 − Q1)/2 of |x| over a centred window
 * (shrinking at the ends). A sorted copy of the window slides along: one binary-search removal
 * and one insertion per step instead of a sort.
 */
function rollingThreshold(x: Float64Array, alpha: number, width: number): Float64Array {
  const n = x.length;
  const half = Math.floor(width / 2);
  const out = new Float64Array(n);
  const win = new Float64Array(Math.min(width, n) + 1);
  let m = 0; // window size
  const insert = (v: number): void => {
    const at = lowerBound(win, v, 0, m);
    win.copyWithin(at + 1, at, m);
    win[at] = v;
    m++;
  };
  const remove = (v: number): void => {
    const at = lowerBound(win, v, 0, m);
    win.copyWithin(at, at + 1, m);
    m--;
  };
  let lo = 0;
  let hi = -1;
  for (let i = 0; i < n; i++) {
    const wantLo = Math.max(0, i - half);
    const wantHi = Math.min(n - 1, i + half);
    while (hi < wantHi) insert(Math.abs(x[++hi]!));
    while (lo < wantLo) remove(Math.abs(x[lo++]!));
    const w = win.subarray(0, m);
    out[i] = Math.max(alpha * ((quantileSorted(w, 0.75) - quantileSorted(w, 0.25)) / 2), 1e-6);
  }
  return out;
}

function quantileSorted(w: Float64Array, q: number): number {
  const pos = (w.length - 1) * q;
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < w.length ? w[i]! * (1 - f) + w[i + 1]! * f : w[i]!;
}

function medianFilter(x: Float64Array, order: number): Float64Array {
  const n = x.length;
  const half = Math.floor(order / 2);
  const out = new Float64Array(n);
  const buf = new Float64Array(order);
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(n - 1, i + half);
    const w = buf.subarray(0, hi - lo + 1);
    for (let j = lo; j <= hi; j++) w[j - lo] = x[j]!;
    w.sort();
    out[i] = quantileSorted(w, 0.5);
  }
  return out;
}

/** Classification per beat (Lipponen & Tarvainen 2019, Fig. 1). Index i = beat i closing rr[i]. */
function classify(peaks: number[], s: IntervalsCorrectSettings): BeatFlag[] {
  const n = peaks.length;
  const rr = new Float64Array(n);
  for (let i = 1; i < n; i++) rr[i] = peaks[i]! - peaks[i - 1]!;
  let sum = 0;
  for (let i = 1; i < n; i++) sum += rr[i]!;
  rr[0] = sum / (n - 1);
  const drrs = new Float64Array(n);
  for (let i = 1; i < n; i++) drrs[i] = rr[i]! - rr[i - 1]!;
  let dsum = 0;
  for (let i = 1; i < n; i++) dsum += drrs[i]!;
  drrs[0] = dsum / (n - 1);
  const th1 = rollingThreshold(drrs, s.alpha, s.windowBeats);
  for (let i = 0; i < n; i++) drrs[i]! /= th1[i]!;
  // Reflect-padded access to drrs (numpy 'reflect': index -1 → 1, n → n-2).
  const dp = (i: number): number => drrs[i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i]!;
  const s12 = new Float64Array(n);
  const s22 = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    const v = drrs[d]!;
    if (v > 0) s12[d] = Math.max(dp(d - 1), dp(d + 1));
    else if (v < 0) s12[d] = Math.min(dp(d - 1), dp(d + 1));
    if (v >= 0) s22[d] = Math.min(dp(d + 1), dp(d + 2));
    else s22[d] = Math.max(dp(d + 1), dp(d + 2));
  }
  const medrr = medianFilter(rr, s.medianBeats);
  const mrrs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = rr[i]! - medrr[i]!;
    mrrs[i] = m < 0 ? 2 * m : m;
  }
  const th2 = rollingThreshold(mrrs, s.alpha, s.windowBeats);
  for (let i = 0; i < n; i++) mrrs[i]! /= th2[i]!;

  const flags: BeatFlag[] = new Array<BeatFlag>(n).fill('normal');
  let i = 0;
  while (i < n - 2) {
    const di = drrs[i]!;
    if (Math.abs(di) <= 1 && Math.abs(mrrs[i]!) <= 3) {
      i++;
      continue;
    }
    if (Math.abs(di) > 1) {
      const eq1 = di > 1 && s12[i]! < -s.c1 * di - s.c2;
      const eq2 = di < -1 && s12[i]! > -s.c1 * di + s.c2;
      if (eq1 || eq2) {
        flags[i] = 'ectopic';
        i++;
        continue;
      }
    }
    const cands = [i];
    if (Math.abs(drrs[i + 1]!) < Math.abs(drrs[i + 2]!)) cands.push(i + 1);
    for (const j of cands) {
      const dj = drrs[j]!;
      const eq3 = dj > 1 && s22[j]! < -1;
      const eq4 = Math.abs(mrrs[j]!) > 3;
      const eq5 = dj < -1 && s22[j]! > 1;
      if (!(eq3 || eq4 || eq5)) continue;
      const eq6 = Math.abs(rr[j]! / 2 - medrr[j]!) < th2[j]!;
      const eq7 = j + 1 < n && Math.abs(rr[j]! + rr[j + 1]! - medrr[j]!) < th2[j]!;
      if (eq5 && eq7) flags[j] = 'extra';
      else if (eq3 && eq6) flags[j] = 'missed';
      else flags[j] = 'longshort';
    }
    i++;
  }
  // The decision flow needs two beats of look-ahead, so the last two beats of a segment (before a
  // gap or the end) are checked on the median-deviation criterion alone.
  for (let j = Math.max(1, n - 2); j < n; j++) {
    if (flags[j] === 'normal' && Math.abs(mrrs[j]!) > 3) flags[j] = 'longshort';
  }
  // The first beat has no real preceding interval: never classify it.
  flags[0] = 'normal';
  return flags;
}

/** Apply corrections: delete extra, insert missed midway, move ectopic/long-short to the neighbours' midpoint. */
function correct(peaks: number[], flags: BeatFlag[]): number[] {
  // 1. delete extra beats
  const kept: { t: number; f: BeatFlag }[] = [];
  for (let i = 0; i < peaks.length; i++) if (flags[i] !== 'extra') kept.push({ t: peaks[i]!, f: flags[i]! });
  // 2. insert missed beats before the flagged beat
  const withMissed: { t: number; f: BeatFlag }[] = [];
  for (let i = 0; i < kept.length; i++) {
    const cur = kept[i]!;
    if (cur.f === 'missed' && i > 0) withMissed.push({ t: (kept[i - 1]!.t + cur.t) / 2, f: 'normal' });
    withMissed.push(cur.f === 'missed' ? { t: cur.t, f: 'normal' } : cur);
  }
  // 3. move misaligned beats (ectopic / long-short) to the midpoint of their neighbours
  const out = withMissed.map((b) => b.t);
  for (let i = 1; i + 1 < withMissed.length; i++) {
    const f = withMissed[i]!.f;
    if (f === 'ectopic' || f === 'longshort') out[i] = (out[i - 1]! + withMissed[i + 1]!.t) / 2;
  }
  // A misaligned last beat has no neighbour to interpolate with: leave it out rather than invent.
  const last = withMissed[withMissed.length - 1];
  if (last && withMissed.length > 1 && (last.f === 'ectopic' || last.f === 'longshort')) out.pop();
  return out;
}

/**
 * Half-rate stretches: a pulse detector that misses every other (weak) pulse produces runs of
 * intervals at twice the true RR. Inside such a run the series looks smooth and regular, so the
 * Lipponen–Tarvainen classifier (whose references are an 11-beat median and 91-beat thresholds)
 * cannot see it. The rhythm next to the run gives it away: the run's intervals are ≈ 2 × the
 * regular rhythm just before or after it.
 *
 * Two entry points:
 *
 * - {@link halfRateMask} — bounded support, used by `intervalsCorrect`: interval i is flagged when
 *   it is ≈ 2× its own 11-beat median (an isolated missed beat or a short run), or ≈ 2× a regular
 *   faster rhythm found within ±{@link HALF_RATE_WINDOW_BEATS} beats while its own 11-beat median
 *   is at the slow level too (a longer run). Depends on beats within ±{@link HALF_RATE_SUPPORT_BEATS}.
 * - {@link halfRateStretches} — for the caller that holds the whole recording (or the live
 *   history): the bounded detection, extended along each run for as long as the intervals stay at
 *   the run's level, so a run longer than the bounded window (the whole correction window at half
 *   rate) is still found from the rhythm before or after it. Low-quality beats and unusable
 *   stretches are left out. Returns time stretches the caller can add to its unusable list.
 *
 * A "regular" rhythm at beat j: at least 8 valid intervals in the 11 around j, at least 7 of them
 * within ±20 % of their median, and a median successive change ≤ 10 % of it (a real rhythm, not a
 * burst of spurious detections).
 */

import { maskedRollingMedian } from './intervalsRolling.js';
import { medianInPlace } from './quickselect.js';

export interface HalfRateSettings {
  /** Half-width (beats) of the neighbourhood searched for a faster regular rhythm. */
  windowBeats: number;
  /** Half-width of the local median (beats): 5 → the 11-beat median of Lipponen & Tarvainen. */
  medianHalfBeats: number;
  /** An interval is "≈ 2×" a rhythm R when it lies in [ratioLow, ratioHigh] × R. */
  ratioLow: number;
  ratioHigh: number;
  /** In a long run the interval's own median must also be at the slow level: ≥ this × R. */
  levelRatioMin: number;
  /** Regular-rhythm test (see the file comment). */
  regularTolerance: number;
  regularMinCount: number;
  regularMinValid: number;
  regularMaxStep: number;
  /** A faster rhythm below this (ms) is not believed (≥ 200 bpm). */
  minRhythmMs: number;
}

export const HALF_RATE_WINDOW_BEATS = 30;

export const DEFAULT_HALF_RATE: HalfRateSettings = {
  windowBeats: HALF_RATE_WINDOW_BEATS,
  medianHalfBeats: 5,
  ratioLow: 1.7,
  ratioHigh: 2.5,
  levelRatioMin: 1.55,
  regularTolerance: 0.2,
  regularMinCount: 7,
  regularMinValid: 8,
  regularMaxStep: 0.06,
  minRhythmMs: 300,
};

/**
 * Beats on either side that {@link halfRateMask} looks at for interval i (the interval closing at
 * beat i): the faster-rhythm window, plus the 11-beat median / regularity test around each of its
 * positions, plus the opening beat of the first interval.
 */
export const HALF_RATE_SUPPORT_BEATS = HALF_RATE_WINDOW_BEATS + 5 + 1;

/**
 * Bounded half-rate detection on an interval series.
 * @param rr rr[i] = interval closing at beat i (ms), rr[0] unused
 * @param ok ok[i] = 1 when rr[i] is a usable interval (not across a gap)
 * @param med optional precomputed median of the valid rr over ±medianHalfBeats
 * @returns mask[i] = 1 when interval i is ≈ twice the local rhythm
 */
export function halfRateMask(
  rr: Float64Array,
  ok: Uint8Array,
  med?: Float64Array,
  settings: Partial<HalfRateSettings> = {},
): Uint8Array {
  const s = { ...DEFAULT_HALF_RATE, ...settings };
  const n = rr.length;
  const m = med ?? maskedRollingMedian(rr, ok, s.medianHalfBeats).median;
  const regular = regularLevels(rr, ok, m, s);
  const minRhythm = s.minRhythmMs;
  const out = new Uint8Array(n);
  for (let i = 1; i < n; i++) {
    if (!ok[i]) continue;
    const x = rr[i]!;
    const mi = m[i]!;
    // An isolated missed beat or a short run: twice its own median.
    if (mi > 0 && x >= s.ratioLow * mi && x <= s.ratioHigh * mi && mi >= minRhythm) {
      out[i] = 1;
      continue;
    }
    // A longer run: twice a regular faster rhythm nearby, its own median at the slow level.
    let f = Infinity;
    const lo = Math.max(0, i - s.windowBeats);
    const hi = Math.min(n - 1, i + s.windowBeats);
    for (let j = lo; j <= hi; j++) {
      const v = regular[j]!;
      if (v < f) f = v;
    }
    if (!Number.isFinite(f) || f < minRhythm) continue;
    if (x >= s.ratioLow * f && x <= s.ratioHigh * f && mi >= s.levelRatioMin * f) out[i] = 1;
  }
  return out;
}

/**
 * Level of a regular rhythm at each beat: m[j] (the local median) where the intervals around j
 * form a real rhythm (see the file comment), NaN elsewhere. Depends on beats j − medianHalfBeats − 1 … j + medianHalfBeats.
 */
export function regularLevels(rr: Float64Array, ok: Uint8Array, m: Float64Array, settings: Partial<HalfRateSettings> = {}): Float64Array {
  const s = { ...DEFAULT_HALF_RATE, ...settings };
  const n = rr.length;
  const h = s.medianHalfBeats;
  const regular = new Float64Array(n).fill(NaN);
  const steps = new Float64Array(2 * h + 1);
  for (let j = 0; j < n; j++) {
    const mj = m[j]!;
    if (!ok[j] || !(mj > 0)) continue;
    const lo = Math.max(0, j - h);
    const hi = Math.min(n - 1, j + h);
    let valid = 0;
    let near = 0;
    let nSteps = 0;
    for (let q = lo; q <= hi; q++) {
      if (!ok[q]) continue;
      valid++;
      if (Math.abs(rr[q]! - mj) <= s.regularTolerance * mj) near++;
      if (q > lo && ok[q - 1]) steps[nSteps++] = Math.abs(rr[q]! - rr[q - 1]!);
    }
    if (valid < s.regularMinValid || near < s.regularMinCount || nSteps === 0) continue;
    const medStep = medianInPlace(steps, nSteps);
    if (medStep > s.regularMaxStep * mj) continue;
    regular[j] = mj;
  }
  return regular;
}

/** A stretch of beats whose intervals are at twice the rhythm: intervals closing at beats firstBeat+1 … lastBeat. */
export interface HalfRateStretch {
  firstBeat: number;
  lastBeat: number;
  /** Time of beats firstBeat and lastBeat (s): usable directly as an unusable interval. */
  startSec: number;
  endSec: number;
}

export interface HalfRateStretchOptions {
  /** Beats below this quality are not trusted (intervals touching them are left out). */
  minQuality?: number;
  /** Stretches the caller already knows to be unusable (s): intervals overlapping them are left out. */
  unusable?: readonly { startSec: number; endSec: number }[];
  /** A run is followed across left-out intervals only while the hole is at most this long (s). */
  maxBridgeSec?: number;
  /** While following a run, an interval stays in it when within [1/levelTolerance, levelTolerance] × the run's recent level. */
  levelTolerance?: number;
  settings?: Partial<HalfRateSettings>;
}

/**
 * `halfRateStretches` — stretches where every other pulse was missed, from beat times and their
 * quality (see the file comment). The bounded detection seeds each run; the run is then followed
 * forwards and backwards while the intervals stay within ±25 % of its recent level (median of its
 * last 10 intervals), so a run longer than the bounded window is marked from the rhythm before or
 * after it. A recording at half rate from its first to its last beat cannot be told from a slow
 * heart and is not marked.
 */
export function halfRateStretches(
  beatsSec: ArrayLike<number>,
  quality?: ArrayLike<number>,
  options: HalfRateStretchOptions = {},
): HalfRateStretch[] {
  const n = beatsSec.length;
  if (n < 3) return [];
  const minQ = options.minQuality ?? 0.35;
  const bridge = options.maxBridgeSec ?? 30;
  const tol = options.levelTolerance ?? 1.25;
  const t = (i: number): number => beatsSec[i] as number;
  const rr = new Float64Array(n);
  const ok = new Uint8Array(n);
  const bad = [...(options.unusable ?? [])].sort((a, b) => a.startSec - b.startSec);
  let k = 0;
  for (let i = 1; i < n; i++) {
    const a = t(i - 1);
    const b = t(i);
    rr[i] = (b - a) * 1000;
    let good = rr[i]! > 0 && Number.isFinite(rr[i]!);
    if (quality && (!((quality[i] as number) >= minQ) || !((quality[i - 1] as number) >= minQ))) good = false;
    while (k < bad.length && bad[k]!.endSec <= a) k++;
    for (let j = k; good && j < bad.length && bad[j]!.startSec < b; j++) if (bad[j]!.endSec > a && bad[j]!.startSec < b) good = false;
    ok[i] = good ? 1 : 0;
  }
  const hr = halfRateMask(rr, ok, undefined, options.settings);
  // Follow runs forwards, then backwards, across left-out intervals (holes up to `bridge` s).
  const valid: number[] = [];
  for (let i = 1; i < n; i++) if (ok[i]) valid.push(i);
  const follow = (forward: boolean): void => {
    const recent: number[] = [];
    let prev = -1;
    for (let v = 0; v < valid.length; v++) {
      const i = valid[forward ? v : valid.length - 1 - v]!;
      // Hole between this interval and the previous one visited (in the walking direction).
      if (prev >= 0 && (forward ? t(i - 1) - t(prev) : t(prev - 1) - t(i)) > bridge) recent.length = 0;
      prev = i;
      if (!hr[i] && recent.length > 0) {
        const lv = [...recent].sort((a, b) => a - b)[recent.length >> 1]!;
        if (rr[i]! <= lv * tol && rr[i]! >= lv / tol) hr[i] = 1;
      }
      if (hr[i]) {
        recent.push(rr[i]!);
        if (recent.length > 10) recent.shift();
      } else recent.length = 0;
    }
  };
  follow(true);
  follow(false);
  const out: HalfRateStretch[] = [];
  for (let v = 0; v < valid.length; v++) {
    const i = valid[v]!;
    if (!hr[i]) continue;
    let w = v;
    while (w + 1 < valid.length && hr[valid[w + 1]!] && t(valid[w + 1]! - 1) - t(valid[w]!) <= bridge) w++;
    const first = i - 1;
    const last = valid[w]!;
    out.push({ firstBeat: first, lastBeat: last, startSec: t(first), endSec: t(last) });
    v = w;
  }
  return out;
}

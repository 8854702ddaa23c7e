import type { DetectedBeat, MissingRun } from './ppgFindPeaks.js';

export interface Interval {
  startSec: number;
  endSec: number;
}

/** Beats below this quality are not trusted (their neighbouring intervals are left out). */
export const MIN_BEAT_QUALITY = 0.35;

/**
 * `signalUnusable` — the stretches of a PPG recording that cannot be trusted: missing samples,
 * beats with low quality (the span from the previous to the next beat), intervals longer than
 * 1.7 × the local median (missed beats), and stretches without any beat longer than
 * max(2.5 s, 2.2 × the median interval). Merged and sorted.
 */
export function signalUnusable(beats: readonly DetectedBeat[], missing: readonly MissingRun[], durationSec: number): Interval[] {
  const out: Interval[] = missing.map((m) => ({ startSec: m.startSec, endSec: m.endSec }));
  const n = beats.length;
  const ibis: number[] = [];
  for (let i = 1; i < n; i++) ibis.push(beats[i]!.tSec - beats[i - 1]!.tSec);
  ibis.sort((a, b) => a - b);
  const med = ibis.length ? ibis[ibis.length >> 1]! : 1;
  const maxPause = Math.max(2.5, 2.2 * med);
  for (let i = 0; i < n; i++) {
    if (beats[i]!.quality < MIN_BEAT_QUALITY) {
      out.push({
        startSec: i > 0 ? beats[i - 1]!.tSec : Math.max(0, beats[i]!.tSec - med),
        endSec: i + 1 < n ? beats[i + 1]!.tSec : Math.min(durationSec, beats[i]!.tSec + med),
      });
    }
  }
  // Intervals far longer than their neighbours' (beats the detector could not find): not trusted.
  for (let i = 1; i < n; i++) {
    const d = beats[i]!.tSec - beats[i - 1]!.tSec;
    if (d > MISSED_BEATS_FACTOR * localMedianIbi(beats, i)) out.push({ startSec: beats[i - 1]!.tSec, endSec: beats[i]!.tSec });
  }
  const first = n ? beats[0]!.tSec : durationSec;
  if (first > maxPause) out.push({ startSec: 0, endSec: first });
  for (let i = 1; i < n; i++) {
    if (beats[i]!.tSec - beats[i - 1]!.tSec > maxPause) out.push({ startSec: beats[i - 1]!.tSec, endSec: beats[i]!.tSec });
  }
  const last = n ? beats[n - 1]!.tSec : 0;
  if (durationSec - last > maxPause) out.push({ startSec: last, endSec: durationSec });
  return mergeIntervals(out);
}

/** An interval longer than this × the local median interval is a stretch with missed beats. */
export const MISSED_BEATS_FACTOR = 1.7;

/** Median of the ~20 intervals around interval i (beats[i−1] → beats[i]). */
function localMedianIbi(beats: readonly DetectedBeat[], i: number): number {
  const lo = Math.max(1, i - 10);
  const hi = Math.min(beats.length - 1, i + 10);
  const d: number[] = [];
  for (let k = lo; k <= hi; k++) d.push(beats[k]!.tSec - beats[k - 1]!.tSec);
  d.sort((a, b) => a - b);
  return d[d.length >> 1]!;
}

export function mergeIntervals(list: Interval[]): Interval[] {
  const s = [...list].sort((a, b) => a.startSec - b.startSec);
  const out: Interval[] = [];
  for (const iv of s) {
    const last = out[out.length - 1];
    if (last && iv.startSec <= last.endSec) last.endSec = Math.max(last.endSec, iv.endSec);
    else out.push({ ...iv });
  }
  return out;
}

export function totalSec(list: readonly Interval[]): number {
  let t = 0;
  for (const iv of list) t += iv.endSec - iv.startSec;
  return t;
}

/**
 * Indices i for which the interval beatsSec[i−1] → beatsSec[i] overlaps an unusable stretch
 * (strictly inside; touching at a beat is fine).
 */
export function breaksFromIntervals(beatsSec: ArrayLike<number>, unusable: readonly Interval[]): number[] {
  const out: number[] = [];
  let k = 0;
  for (let i = 1; i < beatsSec.length; i++) {
    const a = beatsSec[i - 1] as number;
    const b = beatsSec[i] as number;
    while (k < unusable.length && unusable[k]!.endSec <= a) k++;
    for (let j = k; j < unusable.length && unusable[j]!.startSec < b; j++) {
      const iv = unusable[j]!;
      if (iv.endSec > a && iv.startSec < b) {
        out.push(i);
        break;
      }
    }
  }
  return out;
}

/**
 * The time around beats whose timing could not be trusted (`untimed[i]`): from the beat before to
 * the beat after each such beat (both intervals at it are left out of the NN series), merged.
 * Beats in time order; a missing neighbour ends the span at the beat itself.
 */
export function untimedSpans(tSec: ArrayLike<number>, untimed: ArrayLike<boolean>): Interval[] {
  const out: Interval[] = [];
  const n = Math.min(tSec.length, untimed.length);
  for (let i = 0; i < n; i++) {
    if (!untimed[i]) continue;
    const startSec = i > 0 ? tSec[i - 1]! : tSec[i]!;
    const endSec = i + 1 < n ? tSec[i + 1]! : tSec[i]!;
    const last = out[out.length - 1];
    if (last && startSec <= last.endSec) last.endSec = Math.max(last.endSec, endSec);
    else out.push({ startSec, endSec });
  }
  return out;
}

/** Seconds of `extra` (merged intervals) that lie outside `base` (merged intervals), within [t0, t1]. */
export function extraSecOutside(base: readonly Interval[], extra: readonly Interval[], t0: number, t1: number): number {
  const clip = (l: readonly Interval[]): Interval[] =>
    l.map((g) => ({ startSec: Math.max(t0, g.startSec), endSec: Math.min(t1, g.endSec) })).filter((g) => g.endSec > g.startSec);
  const b = clip(base);
  return totalSec(mergeIntervals([...b, ...clip(extra)])) - totalSec(mergeIntervals(b));
}

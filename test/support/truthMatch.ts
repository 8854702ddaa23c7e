// One-to-one matching of detected beat times against known (simulated) truth times.

export interface TruthMatch {
  tp: number;
  fp: number;
  fn: number;
  f1: number;
  sensitivity: number;
  ppv: number;
  /** Mean absolute error of intervals between consecutive matched beats (both ends matched), ms. */
  ibiMaeMs: number;
  /** Mean absolute timing error of matched beats, ms. */
  timingMaeMs: number;
  /** Detected beats with no truth partner. */
  falsePositives: number[];
  /** Truth beats that were not detected. */
  missed: number[];
}

export function matchToTruth(detected: ArrayLike<number>, truth: ArrayLike<number>, tolSec: number, offsetSec = 0): TruthMatch {
  const d = Array.from(detected);
  const t = Array.from(truth, (x) => x + offsetSec);
  const pairOfTruth = new Int32Array(t.length).fill(-1);
  const used = new Uint8Array(d.length);
  let j = 0;
  for (let i = 0; i < t.length; i++) {
    while (j < d.length && d[j]! < t[i]! - tolSec) j++;
    let best = -1;
    for (let k = j; k < d.length && d[k]! <= t[i]! + tolSec; k++) {
      if (!used[k] && (best < 0 || Math.abs(d[k]! - t[i]!) < Math.abs(d[best]! - t[i]!))) best = k;
    }
    if (best >= 0) {
      used[best] = 1;
      pairOfTruth[i] = best;
    }
  }
  let tp = 0;
  let timing = 0;
  let ibiErr = 0;
  let ibiN = 0;
  const missed: number[] = [];
  for (let i = 0; i < t.length; i++) {
    const p = pairOfTruth[i]!;
    if (p < 0) {
      missed.push(t[i]!);
      continue;
    }
    tp++;
    timing += Math.abs(d[p]! - t[i]!);
    if (i > 0 && pairOfTruth[i - 1]! === p - 1 && p > 0) {
      ibiErr += Math.abs(d[p]! - d[p - 1]! - (t[i]! - t[i - 1]!));
      ibiN++;
    }
  }
  const falsePositives = d.filter((_, k) => !used[k]);
  const fp = falsePositives.length;
  const fn = t.length - tp;
  return {
    tp,
    fp,
    fn,
    f1: (2 * tp) / Math.max(1, 2 * tp + fp + fn),
    sensitivity: tp / Math.max(1, tp + fn),
    ppv: tp / Math.max(1, tp + fp),
    ibiMaeMs: ibiN ? (1000 * ibiErr) / ibiN : NaN,
    timingMaeMs: tp ? (1000 * timing) / tp : NaN,
    falsePositives,
    missed,
  };
}

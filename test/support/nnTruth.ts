// Scores an NN series against known beat times (simulations): each NN interval counts when both
// its ends lie within ±tolerance of two consecutive truth beats; RMSSD and SDNN are computed on
// both sides over the same intervals (RMSSD over successive pairs consecutive in both).

export interface NnTruthScore {
  maeMs: number;
  pairs: number;
  rmssdMs: number;
  rmssdTruthMs: number;
  sdnnMs: number;
  sdnnTruthMs: number;
}

/**
 * `normal` (optional, one flag per truth beat): only intervals between two normal beats are the
 * truth's NN intervals (an interval that starts or ends at an ectopic beat is not scored).
 */
export function scoreNnAgainstTruth(
  nnTSec: ArrayLike<number>,
  nnMs: ArrayLike<number>,
  truthSec: ArrayLike<number>,
  tolSec = 0.05,
  window: [number, number] = [-Infinity, Infinity],
  normal?: readonly boolean[],
): NnTruthScore {
  const truth = Array.from(truthSec);
  const nearest = (t: number): number => {
    let lo = 0;
    let hi = truth.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (truth[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    let best = -1;
    for (const c of [lo - 1, lo]) if (c >= 0 && c < truth.length && (best < 0 || Math.abs(truth[c]! - t) < Math.abs(truth[best]! - t))) best = c;
    return best >= 0 && Math.abs(truth[best]! - t) <= tolSec ? best : -1;
  };
  const rows: { k: number; i1: number; nn: number; tr: number }[] = [];
  for (let k = 0; k < nnTSec.length; k++) {
    const t1 = nnTSec[k] as number;
    if (t1 < window[0] || t1 > window[1]) continue;
    const v = nnMs[k] as number;
    const i1 = nearest(t1);
    const i0 = nearest(t1 - v / 1000);
    if (i1 < 1 || i0 !== i1 - 1) continue;
    if (normal && !(normal[i0] && normal[i1])) continue;
    rows.push({ k, i1, nn: v, tr: (truth[i1]! - truth[i0]!) * 1000 });
  }
  let d1 = 0;
  let d2 = 0;
  let nd = 0;
  for (let m = 1; m < rows.length; m++) {
    const a = rows[m - 1]!;
    const b = rows[m]!;
    if (b.k !== a.k + 1 || b.i1 !== a.i1 + 1) continue;
    d1 += (b.nn - a.nn) ** 2;
    d2 += (b.tr - a.tr) ** 2;
    nd++;
  }
  const sd = (v: number[]): number => {
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    return Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));
  };
  return {
    maeMs: rows.reduce((s, r) => s + Math.abs(r.nn - r.tr), 0) / Math.max(1, rows.length),
    pairs: rows.length,
    rmssdMs: Math.sqrt(d1 / Math.max(1, nd)),
    rmssdTruthMs: Math.sqrt(d2 / Math.max(1, nd)),
    sdnnMs: sd(rows.map((r) => r.nn)),
    sdnnTruthMs: sd(rows.map((r) => r.tr)),
  };
}

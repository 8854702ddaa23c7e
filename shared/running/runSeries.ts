import type { RunTrack } from './runTrack.js';

/**
 * A run resampled to 1 Hz: sample i is at i seconds from the first point. Each value is the last
 * point at or before that second (sample-and-hold, as watches record "smart" at irregular
 * intervals), or NaN when that point is more than `holdMaxSec` (default 10 s) old — a pause or a
 * gap in the file stays a gap. Speed missing in the file is derived from the cumulative distance
 * (difference over the surrounding points).
 */
export interface RunSeries {
  durationSec: number;
  hrBpm: Float64Array;
  speedMps: Float64Array;
  cadenceSpm: Float64Array;
}

export function runSeries(track: RunTrack, holdMaxSec = 10): RunSeries {
  const pts = track.points;
  const last = pts.length > 0 ? pts[pts.length - 1]!.tSec : 0;
  const n = Math.floor(last) + 1;
  const hr = new Float64Array(n).fill(NaN);
  const speed = new Float64Array(n).fill(NaN);
  const cad = new Float64Array(n).fill(NaN);
  // Speed from distance where the file has none.
  const derived = pts.map((p, i) => {
    if (p.speedMps !== null) return p.speedMps;
    const a = pts[i - 1];
    if (!a || a.distanceM === null || p.distanceM === null) return null;
    const dt = p.tSec - a.tSec;
    return dt > 0 && dt <= holdMaxSec ? Math.max(0, (p.distanceM - a.distanceM) / dt) : null;
  });
  const fill = (arr: Float64Array, value: (i: number) => number | null): void => {
    let j = -1; // last point at or before second s with a value
    let k = 0;
    const withValue: number[] = [];
    for (let i = 0; i < pts.length; i++) if (value(i) !== null) withValue.push(i);
    for (let s = 0; s < n; s++) {
      while (k < withValue.length && pts[withValue[k]!]!.tSec <= s + 1e-9) j = withValue[k++]!;
      if (j >= 0 && s - pts[j]!.tSec <= holdMaxSec) arr[s] = value(j)!;
    }
  };
  fill(hr, (i) => pts[i]!.hrBpm);
  fill(speed, (i) => derived[i]!);
  fill(cad, (i) => pts[i]!.cadenceSpm);
  return { durationSec: last, hrBpm: hr, speedMps: speed, cadenceSpm: cad };
}

/** Mean of the finite values (null when there are none). */
export function finiteMean(x: ArrayLike<number>, from = 0, to = x.length): number | null {
  let s = 0;
  let c = 0;
  for (let i = Math.max(0, from); i < Math.min(x.length, to); i++) {
    if (Number.isFinite(x[i])) {
      s += x[i]!;
      c++;
    }
  }
  return c > 0 ? s / c : null;
}

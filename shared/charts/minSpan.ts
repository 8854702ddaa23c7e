/**
 * `widenToMinSpan` — a value range at least `minSpan` wide, centred on the data: so that a trend
 * of 71.9–72.3 bpm is drawn on (at least) 67–77 bpm and a 0.3 bpm change does not look like a
 * steep dip. Used by the live and review charts and the report's trend charts.
 */

/** Smallest y span of each trend, in its unit (HR bpm, RMSSD/SDNN ms, coherence ratio, breaths/min, %). */
export const TREND_MIN_SPANS = {
  meanHrBpm: 10,
  rmssdMs: 10,
  sdnnMs: 10,
  coherenceMean: 1,
  coherentSharePct: 100,
  breathingRateBpm: 4,
} as const;

/**
 * [lo, hi] of the values widened about their middle to `minSpan` when narrower; a `floor` (e.g. 0
 * for quantities that cannot be negative) moves the range up rather than below it.
 */
export function widenToMinSpan(lo: number, hi: number, minSpan: number, floor = -Infinity): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [lo, hi];
  if (hi < lo) [lo, hi] = [hi, lo];
  if (!(minSpan > 0) || hi - lo >= minSpan) return [lo, hi];
  const mid = (lo + hi) / 2;
  let a = mid - minSpan / 2;
  let b = mid + minSpan / 2;
  if (a < floor) {
    b += floor - a;
    a = floor;
  }
  return [a, b];
}

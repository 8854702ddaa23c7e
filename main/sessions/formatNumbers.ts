/** Number formatting of the exports: short exact float32 values and tidy times. */

/**
 * `formatFloat32` — the shortest decimal that reads back (through `Math.fround`) as exactly the
 * float32 value `v`; 'NaN' for NaN and ±Infinity (a lost sample).
 */
export function formatFloat32(v: number): string {
  if (!Number.isFinite(v)) return 'NaN';
  if (Number.isInteger(v) && Math.abs(v) <= 16_777_216) return String(v);
  const f = Math.fround(v);
  for (let p = 6; p < 9; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === f) return String(s);
  }
  return String(Number(v.toPrecision(9)));
}

/** `formatSec` — a time in seconds with at most 6 decimals (µs), no trailing zeros. */
export function formatSec(t: number): string {
  const r = Math.round(t * 1e6) / 1e6;
  return String(r === 0 ? 0 : r);
}

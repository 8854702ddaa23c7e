/** A stretch of the band-passed signal: x[k] is sample k of the stretch. */
export type Samples = Float64Array;

/**
 * dst[i] = the signal at fractional index start + i, by cubic (Catmull–Rom) interpolation between
 * samples; NaN where that needs a sample outside x. (Written out in the loop rather than as a
 * per-sample function: this runs for every Gauss–Newton step and template update, and a
 * non-inlined call would return each value boxed. A stretch that reaches past either end of x —
 * rare — takes {@link sampleFromEdge}, so the main loop never reads out of bounds.) The four
 * interpolation weights are the same for every point (they depend only on the fractional part of
 * `start`), so each point costs four multiply-adds.
 */
export function sampleFrom(x: Samples, start: number, dst: Float64Array): void {
  const n = dst.length;
  const first = Math.floor(start) - 1;
  const last = Math.floor(start + (n - 1)) + 2;
  if (!(first >= 0 && last < x.length)) {
    sampleFromEdge(x, start, dst);
    return;
  }
  if (start === Math.floor(start)) {
    const s0 = start | 0;
    for (let i = 0; i < n; i++) dst[i] = x[s0 + i]!;
    return;
  }
  // Every point lies the same fraction f past a sample: the Catmull–Rom weights of its four
  // neighbours depend on f alone and are computed once.
  const i0 = Math.floor(start);
  const f = start - i0;
  const ca = -0.5 * f * (1 - f) * (1 - f);
  const cb = 1 + 0.5 * f * f * (3 * f - 5);
  const cc = 0.5 * f * (1 + f * (4 - 3 * f));
  const cd = 0.5 * f * f * (f - 1);
  // The four neighbours slide along: one new sample read per point.
  let j = (i0 | 0) + 2; // (checked above to lie inside x): an int32 index
  let a = x[j - 3]!;
  let b = x[j - 2]!;
  let c = x[j - 1]!;
  for (let k = 0; k < n; k++) {
    const d = x[j++]!;
    dst[k] = ca * a + cb * b + cc * c + cd * d;
    a = b;
    b = c;
    c = d;
  }
}

/** `sampleFrom` with every read checked: a sample outside x counts as NaN. */
function sampleFromEdge(x: Samples, start: number, dst: Float64Array): void {
  const at = (i: number): number => (i >= 0 && i < x.length ? x[i]! : NaN);
  const whole = start === Math.floor(start);
  for (let k = 0; k < dst.length; k++) {
    if (whole) {
      dst[k] = at(start + k);
      continue;
    }
    const u = start + k;
    const i = Math.floor(u);
    const f = u - i;
    if (f === 0) {
      dst[k] = at(i);
      continue;
    }
    const a = at(i - 1);
    const b = at(i);
    const c = at(i + 1);
    const d = at(i + 2);
    dst[k] = b + 0.5 * f * (c - a + f * (2 * a - 5 * b + 4 * c - d + f * (3 * (b - c) + d - a)));
  }
}

/**
 * Scales and axis ticks for the report charts: a linear map from data to SVG units and "nice"
 * tick values (1, 2, 2.5, 5 × 10^k steps, after Heckbert 1990, "Nice numbers for graph labels").
 */

/** A linear map from a data domain onto a pixel range (either may be reversed). */
export class LinearScale {
  constructor(
    readonly domain: readonly [number, number],
    readonly range: readonly [number, number],
  ) {}

  /** Data value → SVG coordinate (values outside the domain map outside the range). */
  map(v: number): number {
    const [d0, d1] = this.domain;
    const [r0, r1] = this.range;
    if (d1 === d0) return (r0 + r1) / 2;
    return r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
  }

  /** Like `map`, but clamped to the range. */
  clampMap(v: number): number {
    const lo = Math.min(this.range[0], this.range[1]);
    const hi = Math.max(this.range[0], this.range[1]);
    return Math.min(hi, Math.max(lo, this.map(v)));
  }
}

/** The nice step (1, 2, 2.5 or 5 × 10^k) closest to `rawStep` (on a log scale). */
export function niceStep(rawStep: number): number {
  if (!(rawStep > 0) || !Number.isFinite(rawStep)) return 1;
  const p = 10 ** Math.floor(Math.log10(rawStep));
  const f = rawStep / p;
  let best = 1;
  for (const m of [1, 2, 2.5, 5, 10]) if (Math.abs(Math.log(m / f)) < Math.abs(Math.log(best / f))) best = m;
  return best * p;
}

/** `niceTicks` — about `count` evenly spaced nice values covering [min, max] (inclusive, within it). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max < min) [min, max] = [max, min];
  if (max === min) return [min];
  const step = niceStep((max - min) / Math.max(1, count));
  const first = Math.ceil(min / step - 1e-9) * step;
  const ticks: number[] = [];
  const decimals = Math.max(0, 2 - Math.floor(Math.log10(step)));
  for (let k = 0; first + k * step <= max + step * 1e-9; k++) ticks.push(Number((first + k * step).toFixed(decimals)) + 0);
  return ticks;
}

/** `niceDomain` — [min, max] widened to multiples of a nice step (for y axes). */
export function niceDomain(min: number, max: number, count = 5): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (max === min) {
    const pad = Math.abs(max) > 0 ? Math.abs(max) * 0.1 : 1;
    return [min - pad, max + pad];
  }
  const step = niceStep((max - min) / Math.max(1, count));
  return [Math.floor(min / step + 1e-9) * step, Math.ceil(max / step - 1e-9) * step];
}

/** Time ticks in seconds at a step from a fixed list (10 s … 1 h), about `count` of them. */
export function timeTicksSec(startSec: number, endSec: number, count = 8): number[] {
  const span = endSec - startSec;
  if (!(span > 0)) return [startSec];
  const steps = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200];
  const step = steps.find((s) => span / s <= count) ?? 7200;
  const ticks: number[] = [];
  for (let t = Math.ceil(startSec / step - 1e-9) * step; t <= endSec + 1e-9; t += step) ticks.push(t + 0);
  return ticks;
}

/** Day ticks (x in days) at 1, 2, 7, 14, 28 … day steps, about `count` of them. */
export function dayTicks(startDay: number, endDay: number, count = 6): number[] {
  const span = endDay - startDay;
  if (!(span > 0)) return [startDay];
  const steps = [1, 2, 7, 14, 28, 56, 91, 182, 365];
  const step = steps.find((s) => span / s <= count) ?? 365;
  const ticks: number[] = [];
  for (let d = startDay; d <= endDay + 1e-9; d += step) ticks.push(d);
  return ticks;
}

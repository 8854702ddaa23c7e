/**
 * `liveHrView` — what the live tachogram draws from the heart-rate ring: the points, with a break
 * (null) wherever two beats are further apart than any heart beat can be (a clip-off, a lost
 * sensor, a gap the analysis reported), so a line is never drawn across missing signal; and a
 * robust y range, so a few motion spikes do not flatten the breathing wave: the 5th–95th
 * percentile of the visible values widened by a quarter of their spread on each side (and to a
 * minimum span), values outside it drawn clipped at the edge and counted in `clipped`.
 * Pure and small: called on animation frames with a few hundred points.
 */
import { widenToMinSpan } from './minSpan.js';

/** Beats further apart than this (s) are not joined by a line (the slowest heart the detector accepts is 30 bpm: 2 s). */
export const HR_BREAK_SEC = 2.5;

export interface HrView {
  x: number[];
  y: (number | null)[];
  /** y range to draw. */
  yMin: number;
  yMax: number;
  /** Points outside the range (drawn at its edge). */
  clipped: number;
}

/** `gaps`: spans [startSec, endSec] with no signal; a break is also put inside each of them. */
export function liveHrView(xs: ArrayLike<number>, ys: ArrayLike<number>, gaps: readonly { startSec: number; endSec: number }[], minSpan: number): HrView {
  const x: number[] = [];
  const y: (number | null)[] = [];
  const finite: number[] = [];
  let g = 0;
  for (let i = 0; i < xs.length; i++) {
    const t = xs[i]!;
    const v = ys[i]!;
    if (i > 0) {
      const prev = xs[i - 1]!;
      let split = t - prev > HR_BREAK_SEC;
      while (g < gaps.length && gaps[g]!.endSec <= prev) g++;
      for (let k = g; !split && k < gaps.length && gaps[k]!.startSec < t; k++) if (gaps[k]!.endSec > prev) split = true;
      if (split) {
        x.push((prev + t) / 2);
        y.push(null);
      }
    }
    x.push(t);
    if (Number.isFinite(v)) {
      y.push(v);
      finite.push(v);
    } else y.push(null);
  }
  if (finite.length === 0) return { x, y, yMin: 50, yMax: 50 + minSpan, clipped: 0 };
  finite.sort((a, b) => a - b);
  const q = (p: number): number => finite[Math.min(finite.length - 1, Math.max(0, Math.round(p * (finite.length - 1))))]!;
  const lo = q(0.05);
  const hi = q(0.95);
  const spread = hi - lo;
  const [yMin, yMax] = widenToMinSpan(Math.max(finite[0]!, lo - 0.25 * spread), Math.min(finite[finite.length - 1]!, hi + 0.25 * spread), minSpan);
  let clipped = 0;
  for (const v of finite) if (v < yMin || v > yMax) clipped++;
  return { x, y, yMin, yMax, clipped };
}

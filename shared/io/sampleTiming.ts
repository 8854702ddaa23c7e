/**
 * Sampling-rate estimation from a time column, and filling of gaps onto a uniform grid.
 * The interval is first estimated as the median of a strided sample of the time differences
 * (robust to jitter and a few gaps), then refined as the mean of all "regular" differences
 * (within ±50 % of that median): the sum telescopes, so rounding of printed timestamps and
 * random jitter average out. A difference above 1.5 intervals is a gap (samples lost).
 */

/** A stretch without samples between two consecutive rows. */
export interface TimeGap {
  /** Row (0-based) of the last sample before the gap. */
  afterRow: number;
  startSec: number;
  endSec: number;
  /** Number of samples missing on the uniform grid. */
  missingSamples: number;
}

/** Median of a strided sample of at most `maxSample` consecutive differences. */
function medianDiff(tSec: Float64Array, n: number, maxSample = 4001): number {
  const nd = n - 1;
  const m = Math.min(nd, maxSample);
  const sample = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const i = m === nd ? k : Math.floor((k * nd) / m);
    sample[k] = tSec[i + 1]! - tSec[i]!;
  }
  sample.sort();
  return m % 2 === 1 ? sample[(m - 1) / 2]! : 0.5 * (sample[m / 2 - 1]! + sample[m / 2]!);
}

/** What a time column says about the sampling. */
export interface TimeAxis {
  /** First row (0-based) whose time is not above the previous one (or NaN); −1 when increasing. */
  nonIncreasingRow: number;
  /** Sampling interval, s (NaN when the column is not increasing). */
  dtSec: number;
  gaps: TimeGap[];
}

/**
 * One pass over a time column of `n ≥ 2` rows: checks that it increases, estimates the
 * sampling interval (robust median refined by the mean of the regular differences) and
 * lists the gaps (differences above 1.5 intervals).
 */
export function analyzeTimeAxis(tSec: Float64Array, n: number): TimeAxis {
  const dt0 = medianDiff(tSec, n);
  const lo = 0.5 * dt0;
  const hi = 1.5 * dt0;
  let sum = 0;
  let count = 0;
  const gapRows: number[] = [];
  for (let i = 1; i < n; i++) {
    const d = tSec[i]! - tSec[i - 1]!;
    if (!(d > 0)) return { nonIncreasingRow: i, dtSec: NaN, gaps: [] };
    if (d > hi) gapRows.push(i);
    else if (d >= lo) {
      sum += d;
      count++;
    }
  }
  const dtSec = count > 0 ? sum / count : dt0;
  const gaps = gapRows.map((i) => {
    const d = tSec[i]! - tSec[i - 1]!;
    return { afterRow: i - 1, startSec: tSec[i - 1]!, endSec: tSec[i]!, missingSamples: Math.max(1, Math.round(d / dtSec) - 1) };
  });
  return { nonIncreasingRow: -1, dtSec, gaps };
}

/** A sampling rate with float noise removed: snapped to an integer when within 1e-6 of it. */
export function tidyRateHz(fsHz: number): number {
  const r = Math.round(fsHz);
  return r > 0 && Math.abs(fsHz - r) <= 1e-6 * fsHz ? r : fsHz;
}

/**
 * Place the rows on a uniform grid with interval `dtSec`, NaN in the gaps. Rows are placed
 * sequentially (a regular step advances one grid point, a gap `round(d / dt)` points), so
 * timing jitter never makes two rows collide or leaves a hole outside a real gap.
 * Returns the grid positions of the rows; `length` is the grid length.
 */
export function gridPositions(tSec: Float64Array, n: number, dtSec: number): { index: Int32Array; length: number } {
  const index = new Int32Array(n);
  let k = 0;
  for (let i = 1; i < n; i++) {
    const steps = Math.round((tSec[i]! - tSec[i - 1]!) / dtSec);
    k += steps < 1 ? 1 : steps;
    index[i] = k;
  }
  return { index, length: n > 0 ? k + 1 : 0 };
}

/** Copy `values` (first `n` rows) onto the grid of `gridPositions`; NaN where no row lands. */
export function spreadOnGrid(values: Float64Array, n: number, grid: { index: Int32Array; length: number }): Float64Array {
  const out = new Float64Array(grid.length).fill(NaN);
  for (let i = 0; i < n; i++) out[grid.index[i]!] = values[i]!;
  return out;
}

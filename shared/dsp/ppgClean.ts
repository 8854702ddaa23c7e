import { BoxFilter } from './BoxFilter.js';

/** Settings of the PPG band-pass; see {@link PpgCleaner}. */
export interface PpgCleanSettings {
  /** Length of each of the three low-pass boxcars, seconds (default 1/18 s: first null at 18 Hz, −3 dB near 8 Hz). */
  lowPassBoxSec: number;
  /** Length of each of the two baseline boxcars, seconds (default 0.75 s: removes baseline below ~0.5 Hz). */
  baselineBoxSec: number;
}

export const DEFAULT_PPG_CLEAN: PpgCleanSettings = { lowPassBoxSec: 1 / 18, baselineBoxSec: 0.75 };

/**
 * `PpgCleaner` — streaming, linear-phase band-pass for PPG (≈0.5–8 Hz), O(1) per sample.
 *
 * Method: three cascaded moving averages low-pass the signal (a near-Gaussian kernel, the
 * classic cascaded-boxcar construction, Smith 1997 ch. 15); the baseline is estimated by two
 * further cascaded moving averages of ~0.75 s and subtracted from the equally delayed
 * low-passed signal. Every stage is symmetric, so the whole filter has an exactly known,
 * frequency-independent delay (`delaySamples`) and does not distort pulse timing — unlike the
 * causal Butterworth of Elgendi et al. 2013, whose group delay depends on heart rate. The
 * detector compensates the delay, so beat times are zero-phase times; the delay is part of the
 * live path's look-ahead.
 *
 * Missing samples (NaN) are held at the last valid value here; the detector marks them.
 */
export class PpgCleaner {
  readonly fsHz: number;
  /** Delay of `push()`'s band-passed output relative to its input, in samples (integer). */
  readonly delaySamples: number;
  private readonly lp1: BoxFilter;
  private readonly lp2: BoxFilter;
  private readonly lp3: BoxFilter;
  private readonly base1: BoxFilter;
  private readonly base2: BoxFilter;
  private readonly lpRing: Float64Array;
  private lpPos = 0;
  private lastValid = NaN;
  /** The low-passed (not baseline-removed) value aligned with the last output of push(). */
  lowPassed = 0;

  constructor(fsHz: number, settings: PpgCleanSettings = DEFAULT_PPG_CLEAN) {
    if (!(fsHz >= 10 && fsHz <= 5000)) throw new RangeError(`sample rate ${fsHz} Hz is out of range (10–5000 Hz)`);
    this.fsHz = fsHz;
    const lpLen = Math.max(3, Math.round(settings.lowPassBoxSec * fsHz) | 1);
    const baseLen = Math.max(5, Math.round(settings.baselineBoxSec * fsHz) | 1);
    this.lp1 = new BoxFilter(lpLen);
    this.lp2 = new BoxFilter(lpLen);
    this.lp3 = new BoxFilter(lpLen);
    this.base1 = new BoxFilter(baseLen);
    this.base2 = new BoxFilter(baseLen);
    const baseDelay = this.base1.delaySamples + this.base2.delaySamples; // = baseLen − 1
    this.lpRing = new Float64Array(baseDelay + 1);
    this.delaySamples = 3 * this.lp1.delaySamples + baseDelay;
  }

  /** Push one raw sample; returns the band-passed sample `delaySamples` earlier. */
  push(x: number): number {
    if (x !== x) {
      x = this.lastValid === this.lastValid ? this.lastValid : 0;
    } else {
      this.lastValid = x;
    }
    const lp = this.lp3.push(this.lp2.push(this.lp1.push(x)));
    const base = this.base2.push(this.base1.push(lp));
    const ring = this.lpRing;
    ring[this.lpPos] = lp;
    this.lpPos = this.lpPos + 1 === ring.length ? 0 : this.lpPos + 1;
    // The oldest entry in the ring is lp delayed by (ring.length − 1) = baseline delay.
    const lpDelayed = ring[this.lpPos];
    this.lowPassed = lpDelayed;
    return lpDelayed - base;
  }

  reset(): void {
    this.lp1.reset();
    this.lp2.reset();
    this.lp3.reset();
    this.base1.reset();
    this.base2.reset();
    this.lpRing.fill(0);
    this.lpPos = 0;
    this.lastValid = NaN;
    this.lowPassed = 0;
  }
}

/**
 * `ppgClean` — offline band-pass of a whole PPG recording with {@link PpgCleaner}, returned
 * aligned with the input (the filter delay removed; the last `delaySamples` are filled by
 * feeding the final sample). Same numbers as the live path.
 */
export function ppgClean(values: ArrayLike<number>, fsHz: number, settings?: PpgCleanSettings): Float64Array {
  const f = new PpgCleaner(fsHz, settings);
  const n = values.length;
  const out = new Float64Array(n);
  const d = f.delaySamples;
  let last = NaN;
  for (let i = 0; i < n + d; i++) {
    let x: number;
    if (i < n) {
      x = values[i] as number;
      if (x === x) last = x;
    } else {
      x = last;
    }
    const y = f.push(x);
    if (i >= d) out[i - d] = y;
  }
  return out;
}

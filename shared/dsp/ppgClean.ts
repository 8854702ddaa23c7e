
/** Settings of the PPG band-pass; see {@link PpgCleaner}. */
export interface PpgCleanSettings {
  /** Length of each of the three low-pass boxcars, seconds (default 1/18 s, rounded to an odd sample count: the cascade is −3 dB at ≈ 4–4.5 Hz). */
  lowPassBoxSec: number;
  /** Length of each of the two baseline boxcars, seconds (default 0.75 s: the band-pass is −3 dB at ≈ 0.78 Hz, −8 dB at 0.5 Hz). */
  baselineBoxSec: number;
}

export const DEFAULT_PPG_CLEAN: PpgCleanSettings = { lowPassBoxSec: 1 / 18, baselineBoxSec: 0.75 };

/**
 * `PpgCleaner` — streaming, linear-phase band-pass for PPG, O(1) per sample. Measured
 * amplitude response with the defaults: −3 dB at ≈ 0.78 and ≈ 4–4.5 Hz (the boxcars are rounded to
 * odd sample counts, so the upper edge depends a little on the rate; 0.89 at 1–2 Hz, 0.59 at
 * 0.67 Hz = 40 bpm, 0.48 at 0.58 Hz = 35 bpm, 0.2–0.36 at 8 Hz). A slow pulse's fundamental is thus
 * attenuated, but its harmonics (the upstroke) pass: beats are detected down to 35 bpm (see the
 * tests). A lower cut-off (longer baseline boxcars) was tried and rejected: it lets the diastolic
 * wave of slow pulses through and costs look-ahead (+0.35 s for 1.1 s boxcars).
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
  // The five boxcars (three low-pass of length lpLen, two baseline of length baseLen) are fused
  // into one loop over flat rings (running sums, re-added from the rings now and then), without five
  // objects' field traffic per sample (this is the innermost loop of the whole engine).
  private readonly lpLen: number;
  private readonly baseLen: number;
  private readonly lpRings: Float64Array; // 3 × lpLen
  private readonly baseRings: Float64Array; // 2 × baseLen
  private readonly sums = new Float64Array(5);
  private readonly lpRing: Float64Array;
  private lpIdx = 0;
  private baseIdx = 0;
  private lpPos = 0;
  private started = false;
  private sinceResum = 0;
  private readonly resumEvery: number;
  private lastValid = NaN;
  /** The low-passed (not baseline-removed) value aligned with the last output of push(). */
  lowPassed = 0;
  /** Delay of `lowPassedNow` relative to the input, samples (the low-pass alone, without the baseline stage). */
  readonly lowPassDelaySamples: number;
  /** The low-passed value of the last push(), only `lowPassDelaySamples` late (for the fast provisional path). */
  lowPassedNow = 0;

  constructor(fsHz: number, settings: PpgCleanSettings = DEFAULT_PPG_CLEAN) {
    if (!(fsHz >= 10 && fsHz <= 5000)) throw new RangeError(`sample rate ${fsHz} Hz is out of range (10–5000 Hz)`);
    this.fsHz = fsHz;
    this.lpLen = Math.max(3, Math.round(settings.lowPassBoxSec * fsHz) | 1);
    this.baseLen = Math.max(5, Math.round(settings.baselineBoxSec * fsHz) | 1);
    this.lpRings = new Float64Array(3 * this.lpLen);
    this.baseRings = new Float64Array(2 * this.baseLen);
    const baseDelay = this.baseLen - 1; // two boxcars of (baseLen − 1) / 2 each
    this.lpRing = new Float64Array(baseDelay + 1);
    this.lowPassDelaySamples = (3 * (this.lpLen - 1)) / 2;
    this.delaySamples = this.lowPassDelaySamples + baseDelay;
    this.resumEvery = 64 * this.baseLen;
  }

  /** Push one raw sample; returns the band-passed sample `delaySamples` earlier. */
  push(x: number): number {
    if (x !== x) {
      x = this.lastValid === this.lastValid ? this.lastValid : 0;
    } else {
      this.lastValid = x;
    }
    const L = this.lpLen;
    const B = this.baseLen;
    const r = this.lpRings;
    const q = this.baseRings;
    const sums = this.sums;
    if (!this.started) this.prefill(x);
    // Three low-pass boxcars.
    const i = this.lpIdx;
    let v = x;
    let s = sums[0]! + v - r[i]!;
    r[i] = v;
    sums[0] = s;
    v = s / L;
    s = sums[1]! + v - r[L + i]!;
    r[L + i] = v;
    sums[1] = s;
    v = s / L;
    s = sums[2]! + v - r[2 * L + i]!;
    r[2 * L + i] = v;
    sums[2] = s;
    const lp = s / L;
    this.lowPassedNow = lp;
    this.lpIdx = i + 1 === L ? 0 : i + 1;
    // Two baseline boxcars.
    const j = this.baseIdx;
    s = sums[3]! + lp - q[j]!;
    q[j] = lp;
    sums[3] = s;
    v = s / B;
    s = sums[4]! + v - q[B + j]!;
    q[B + j] = v;
    sums[4] = s;
    const base = s / B;
    this.baseIdx = j + 1 === B ? 0 : j + 1;
    if (++this.sinceResum === this.resumEvery) this.resum();
    // The low-passed signal delayed by the baseline's delay.
    const ring = this.lpRing;
    ring[this.lpPos] = lp;
    this.lpPos = this.lpPos + 1 === ring.length ? 0 : this.lpPos + 1;
    const lpDelayed = ring[this.lpPos]!;
    this.lowPassed = lpDelayed;
    return lpDelayed - base;
  }

  reset(): void {
    this.lpRings.fill(0);
    this.baseRings.fill(0);
    this.sums.fill(0);
    this.lpRing.fill(0);
    this.lpIdx = 0;
    this.baseIdx = 0;
    this.lpPos = 0;
    this.started = false;
    this.sinceResum = 0;
    this.lastValid = NaN;
    this.lowPassed = 0;
    this.lowPassedNow = 0;
  }

  /** Start-up: every ring holds the first sample, so the output starts at the signal level. */
  private prefill(x: number): void {
    this.lpRings.fill(x);
    this.baseRings.fill(x);
    this.sums.set([x * this.lpLen, x * this.lpLen, x * this.lpLen, x * this.baseLen, x * this.baseLen]);
    this.lpRing.fill(x);
    this.started = true;
  }

  /** Re-add the running sums from the rings (no floating-point drift over hours). */
  private resum(): void {
    const L = this.lpLen;
    const B = this.baseLen;
    for (let k = 0; k < 3; k++) {
      let t = 0;
      for (let m = 0; m < L; m++) t += this.lpRings[k * L + m]!;
      this.sums[k] = t;
    }
    for (let k = 0; k < 2; k++) {
      let t = 0;
      for (let m = 0; m < B; m++) t += this.baseRings[k * B + m]!;
      this.sums[3 + k] = t;
    }
    this.sinceResum = 0;
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

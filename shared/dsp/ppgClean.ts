
/** Settings of the PPG band-pass; see {@link PpgCleaner}. */
export interface PpgCleanSettings {
  /**
   * Nominal length of each of the three low-pass boxcars, seconds (default 0.0589 s: −3 dB at
   * 0.265 / 0.0589 = 4.5 Hz). The lengths are whole samples, chosen at each rate by
   * {@link lowPassLengths} to put the −3 dB point as close as possible to 0.265 / lowPassBoxSec Hz.
   */
  lowPassBoxSec: number;
  /**
   * Length of each of the two baseline boxcars, seconds (default 0.72 s: the high-pass
   * 1 − sinc²(f · 0.72 s) is −3 dB at 0.574 / 0.72 = 0.80 Hz).
   */
  baselineBoxSec: number;
}

export const DEFAULT_PPG_CLEAN: PpgCleanSettings = { lowPassBoxSec: 0.0589, baselineBoxSec: 0.72 };

/** Lengths of the three low-pass boxcars differ by at most this many samples (a near-Gaussian kernel). */
const MAX_SPREAD = 1;

/** Magnitude response of a cascade of boxcars with these lengths (samples) at f / fs. */
function boxcarGain(lengths: readonly number[], fNorm: number): number {
  let g = 1;
  const s = Math.sin(Math.PI * fNorm);
  for (const L of lengths) g *= s === 0 ? 1 : Math.abs(Math.sin(Math.PI * fNorm * L) / (L * s));
  return g;
}

/** Frequency (Hz) where a boxcar cascade first falls to 1/√2 (bisection on its monotone main lobe). */
function minus3dbHz(lengths: readonly number[], fsHz: number): number {
  const maxL = Math.max(...lengths);
  if (maxL === 1) return fsHz / 2;
  let lo = 0;
  let hi = Math.min(0.5, 1 / maxL); // the first zero of the longest boxcar
  for (let k = 0; k < 50; k++) {
    const mid = 0.5 * (lo + hi);
    if (boxcarGain(lengths, mid) > Math.SQRT1_2) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi) * fsHz;
}

/**
 * The three low-pass boxcar lengths (samples) at rate fsHz: of all triples at most
 * {@link MAX_SPREAD} samples apart with an integer total delay Σ(L − 1)/2, the one whose −3 dB
 * point is closest to 0.265 / boxSec Hz (the −3 dB point of three boxcars of exactly boxSec; ties:
 * the most equal triple). Rounding every length to the same odd count instead would move the edge
 * by up to ±15 % from one rate to the next.
 */
export function lowPassLengths(fsHz: number, boxSec: number): [number, number, number] {
  const targetHz = 0.265 / boxSec;
  const base = Math.max(1, Math.round(boxSec * fsHz));
  let best: [number, number, number] = [1, 1, 1];
  let bestErr = Infinity;
  for (let a = Math.max(1, base - 2); a <= base + 2; a++) {
    for (let b = a; b <= a + MAX_SPREAD; b++) {
      for (let c = b; c <= a + MAX_SPREAD; c++) {
        if ((a + b + c - 3) % 2 !== 0) continue;
        const err = Math.abs(minus3dbHz([a, b, c], fsHz) - targetHz) + 1e-6 * (c - a);
        if (err < bestErr) {
          bestErr = err;
          best = [a, b, c];
        }
      }
    }
  }
  return best;
}

/**
 * `PpgCleaner` — streaming, linear-phase band-pass for PPG, O(1) per sample. Amplitude response
 * with the defaults, measured at every rate from 50 to 1000 Hz (test/unit/dsp/ppgClean.test.ts):
 * −3 dB (gain 1/√2) at 0.80 Hz and at 4.5 Hz (± 0.25 Hz from 100 Hz up, ± 0.5 Hz at 50–100 Hz:
 * the low-pass boxcars are whole samples); gain 0.84–0.96 from 1 to 3 Hz (60–180 bpm); 0.46 at 0.58 Hz, the fundamental of a
 * 35 bpm pulse, whose upstroke still passes in its harmonics (beats are found from 35 to 200 bpm,
 * test/unit/dsp/ppgFindPeaks.test.ts); 0.10 at 0.25 Hz and 0.02 at 0.1 Hz (breathing and baseline
 * wander); ≤ 0.35 at 8 Hz and ≤ 0.07 at 12 Hz.
 *
 * Method: three cascaded moving averages low-pass the signal (a near-Gaussian kernel, the
 * classic cascaded-boxcar construction, Smith 1997, "The Scientist and Engineer's Guide to Digital
 * Signal Processing", ch. 15); the baseline is estimated by two further cascaded moving averages
 * of `baselineBoxSec` (a triangular kernel) and subtracted from the equally delayed low-passed
 * signal. Every stage is symmetric, so the whole filter has an exactly known, frequency-independent
 * delay (`delaySamples`) and does not distort pulse timing — unlike the causal Butterworth of
 * Elgendi et al. 2013 ("Systolic peak detection in acceleration photoplethysmograms measured from
 * emergency responders in tropical conditions", PLoS ONE 8:e76585), whose group delay depends on
 * heart rate. The detector compensates the delay, so beat times are zero-phase times; the delay is
 * part of the live path's look-ahead. Band edges tried on the team's recordings: a low-pass at
 * 8 Hz let enough noise through at 100 Hz to raise the timing-noise floor (RMSSD then withheld on
 * the 104 bpm simulation) and to find beats in a 100 Hz recording analysed as 1000 Hz; a high-pass
 * at 0.5 Hz (1.15 s boxcars) costs 0.4 s of look-ahead and keeps the step of a detached clip in
 * the signal for longer.
 *
 * Missing samples (NaN) are held at the last valid value here; the detector marks them.
 */
export class PpgCleaner {
  readonly fsHz: number;
  /** Delay of `push()`'s band-passed output relative to its input, in samples (integer). */
  readonly delaySamples: number;
  /** The three low-pass boxcar lengths, samples. */
  readonly lowPassLengths: readonly [number, number, number];
  // The five boxcars (three low-pass, two baseline of length baseLen) are fused into one loop over
  // flat rings (running sums, re-added from the rings now and then), without five objects' field
  // traffic per sample (this is the innermost loop of the whole engine).
  private readonly l0: number;
  private readonly l1: number;
  private readonly l2: number;
  private readonly baseLen: number;
  private readonly lpRings: Float64Array; // l0 + l1 + l2
  private readonly baseRings: Float64Array; // 2 × baseLen
  private readonly sums = new Float64Array(5);
  private readonly lpRing: Float64Array;
  private i0 = 0;
  private i1 = 0;
  private i2 = 0;
  private baseIdx = 0;
  private lpPos = 0;
  private started = false;
  private sinceResum = 0;
  private readonly resumEvery: number;
  /** 1 / (l0 · l1 · l2) and 1 / baseLen²: the low-pass and baseline scales of the unnormalised sums. */
  private readonly lpScale: number;
  private readonly baseScale: number;
  /** The last valid input (NaN before any), in a typed array so `pushBlock` keeps it unboxed. */
  private readonly lastValid = Float64Array.of(NaN);
  /** The low-passed (not baseline-removed) value aligned with the last output of push(). */
  lowPassed = 0;
  /** Delay of `lowPassedNow` relative to the input, samples (the low-pass alone, without the baseline stage). */
  readonly lowPassDelaySamples: number;
  /** The low-passed value of the last push(), only `lowPassDelaySamples` late (for the fast provisional path). */
  lowPassedNow = 0;

  constructor(fsHz: number, settings: PpgCleanSettings = DEFAULT_PPG_CLEAN) {
    if (!(fsHz >= 10 && fsHz <= 5000)) throw new RangeError(`sample rate ${fsHz} Hz is out of range (10–5000 Hz)`);
    this.fsHz = fsHz;
    this.lowPassLengths = lowPassLengths(fsHz, settings.lowPassBoxSec);
    [this.l0, this.l1, this.l2] = this.lowPassLengths;
    this.baseLen = Math.max(5, Math.round(settings.baselineBoxSec * fsHz));
    this.lpRings = new Float64Array(this.l0 + this.l1 + this.l2);
    this.baseRings = new Float64Array(2 * this.baseLen);
    const baseDelay = this.baseLen - 1; // two boxcars of (baseLen − 1) / 2 each
    this.lpRing = new Float64Array(baseDelay + 1);
    this.lowPassDelaySamples = (this.l0 + this.l1 + this.l2 - 3) / 2;
    this.delaySamples = this.lowPassDelaySamples + baseDelay;
    this.resumEvery = 64 * this.baseLen;
    this.lpScale = 1 / (this.l0 * this.l1 * this.l2);
    this.baseScale = 1 / (this.baseLen * this.baseLen);
  }

  /** Push one raw sample; returns the band-passed sample `delaySamples` earlier. */
  push(x: number): number {
    this.one[0] = x;
    this.pushBlock(this.one, 1, this.oneOut, null, null);
    return this.oneOut[0]!;
  }

  private readonly one = new Float64Array(1);
  private readonly oneOut = new Float64Array(1);

  /**
   * Push the raw samples x[0 … n − 1] (NaN = missing): y[k] receives what `push(x[k])` returns,
   * and, when given, lpNow[k] / lpDelayed[k] the `lowPassedNow` / `lowPassed` after that sample.
   * This is what `push` runs: the detector's per-sample path, O(1) per sample, the filter state in
   * locals for the whole block. The rings hold each stage's unnormalised input (the running sum of
   * the stage before), so a sample costs no division: only the low-passed value and the baseline
   * are scaled, each by one precomputed reciprocal (equal to the normalised cascade up to rounding).
   */
  pushBlock(x: Float64Array, n: number, y: Float64Array, lpNow: Float64Array | null, lpDelayed: Float64Array | null): void {
    if (n <= 0) return;
    if (!this.started) {
      // Start-up on the first sample (outside the loop, which then makes no calls but `resum`).
      const v = x[0]!;
      this.prefill(v === v ? v : 0);
    }
    let k = 0;
    while (k < n) {
      // Up to the next re-sum of the running sums.
      const to = Math.min(n, k + (this.resumEvery - this.sinceResum));
      this.pushRun(x, k, to, y, lpNow, lpDelayed);
      this.sinceResum += to - k;
      if (this.sinceResum === this.resumEvery) this.resum();
      k = to;
    }
    const ring = this.lpRing;
    const lpPos = this.lpPos;
    // The last low-passed value written to the delay ring, and the one read after it.
    this.lowPassedNow = ring[lpPos === 0 ? ring.length - 1 : lpPos - 1]!;
    this.lowPassed = ring[lpPos]!;
  }

  /** `pushBlock` over x[from … to − 1] (no re-sum falls inside). */
  private pushRun(x: Float64Array, from: number, to: number, y: Float64Array, lpNow: Float64Array | null, lpDelayed: Float64Array | null): void {
    const B = this.baseLen;
    const r = this.lpRings;
    const q = this.baseRings;
    const sums = this.sums;
    const ring = this.lpRing;
    const ringLen = ring.length;
    // Three low-pass boxcars (rings at offsets 0, l0, l0 + l1), two baseline boxcars (0, B).
    const L0 = this.l0;
    const L1 = this.l1;
    const L2 = this.l2;
    const o1 = L0;
    const o2 = L0 + L1;
    const kLp = this.lpScale;
    const kB = this.baseScale;
    let i0 = this.i0;
    let i1 = this.i1;
    let i2 = this.i2;
    let j = this.baseIdx;
    let lpPos = this.lpPos;
    const lv = this.lastValid;
    let lastValid = lv[0]!;
    let s0 = sums[0]!;
    let s1 = sums[1]!;
    let s2 = sums[2]!;
    let s3 = sums[3]!;
    let s4 = sums[4]!;
    for (let k = from; k < to; k++) {
      let v = x[k]!;
      if (v !== v) {
        v = lastValid === lastValid ? lastValid : 0;
      } else {
        lastValid = v;
      }
      const a = s0 + v - r[i0]!;
      r[i0] = v;
      s0 = a;
      const b = s1 + a - r[o1 + i1]!;
      r[o1 + i1] = a;
      s1 = b;
      const c = s2 + b - r[o2 + i2]!;
      r[o2 + i2] = b;
      s2 = c;
      const lp = c * kLp;
      i0 = i0 + 1 === L0 ? 0 : i0 + 1;
      i1 = i1 + 1 === L1 ? 0 : i1 + 1;
      i2 = i2 + 1 === L2 ? 0 : i2 + 1;
      // Two baseline boxcars.
      const d = s3 + lp - q[j]!;
      q[j] = lp;
      s3 = d;
      const e = s4 + d - q[B + j]!;
      q[B + j] = d;
      s4 = e;
      j = j + 1 === B ? 0 : j + 1;
      // The low-passed signal delayed by the baseline's delay.
      ring[lpPos] = lp;
      lpPos = lpPos + 1 === ringLen ? 0 : lpPos + 1;
      const lpDel = ring[lpPos]!;
      y[k] = lpDel - e * kB;
      if (lpNow !== null) lpNow[k] = lp;
      if (lpDelayed !== null) lpDelayed[k] = lpDel;
    }
    sums[0] = s0;
    sums[1] = s1;
    sums[2] = s2;
    sums[3] = s3;
    sums[4] = s4;
    this.i0 = i0;
    this.i1 = i1;
    this.i2 = i2;
    this.baseIdx = j;
    this.lpPos = lpPos;
    lv[0] = lastValid;
  }

  reset(): void {
    this.lpRings.fill(0);
    this.baseRings.fill(0);
    this.sums.fill(0);
    this.lpRing.fill(0);
    this.i0 = 0;
    this.i1 = 0;
    this.i2 = 0;
    this.baseIdx = 0;
    this.lpPos = 0;
    this.started = false;
    this.sinceResum = 0;
    this.lastValid[0] = NaN;
    this.lowPassed = 0;
    this.lowPassedNow = 0;
  }

  /** Start-up: every ring holds the first sample (as each stage's input), so the output starts at the signal level. */
  private prefill(x: number): void {
    const { l0, l1, l2, baseLen: B } = this;
    const r = this.lpRings;
    r.fill(x, 0, l0);
    r.fill(x * l0, l0, l0 + l1);
    r.fill(x * l0 * l1, l0 + l1);
    this.baseRings.fill(x, 0, B);
    this.baseRings.fill(x * B, B);
    this.sums.set([x * l0, x * l0 * l1, x * l0 * l1 * l2, x * B, x * B * B]);
    this.lpRing.fill(x);
    this.started = true;
  }

  /** Re-add the running sums from the rings (no floating-point drift over hours). */
  private resum(): void {
    const B = this.baseLen;
    let off = 0;
    const lens = this.lowPassLengths;
    for (let k = 0; k < 3; k++) {
      let t = 0;
      for (let m = 0; m < lens[k]!; m++) t += this.lpRings[off + m]!;
      this.sums[k] = t;
      off += lens[k]!;
    }
    for (let k = 0; k < 2; k++) {
      let t = 0;
      for (let m = 0; m < B; m++) t += this.baseRings[k * B + m]!;
      this.sums[3 + k] = t;
    }
    this.sinceResum = 0;
  }
}

/** 1 / n when n is a power of two (then x · (1 / n) equals x / n exactly), else 0. */
export function exactReciprocal(n: number): number {
  return Number.isInteger(n) && n >= 1 && n <= 2 ** 30 && (n & (n - 1)) === 0 ? 1 / n : 0;
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

/**
 * Radix-2 FFT.
 *
 * - {@link fftInPlace}: iterative in-place complex FFT (Cooley–Tukey decimation in time with a
 *   bit-reversal permutation of the input), forward transform X[k] = Σ x[n]·e^(−2πi·kn/N).
 * - {@link realPowerSpectrum}: |X[k]|² of a real signal, k = 0 … N/2, computed from ONE complex
 *   FFT of size N/2 with the two-for-one packing trick (even samples in the real part, odd
 *   samples in the imaginary part, then split; Press et al., Numerical Recipes, §12.3).
 *
 * Twiddle factors, bit-reversal tables and scratch buffers are computed once per size and cached
 * (sizes used in practice are few: 512, 1024, 2048). Nothing is allocated per call once a size
 * has been seen. Functions are synchronous and not re-entrant, which is fine in JavaScript.
 */

interface FftPlan {
  readonly n: number;
  /** cos(−2πk/n), k = 0 … n/2 − 1. */
  readonly cos: Float64Array;
  /** sin(−2πk/n), k = 0 … n/2 − 1. */
  readonly sin: Float64Array;
  readonly rev: Uint32Array;
  /** Scratch for realPowerSpectrum when this plan is the N of the real transform (length n/2). */
  re: Float64Array | null;
  im: Float64Array | null;
}

const plans = new Map<number, FftPlan>();

/** True for 1, 2, 4, 8, … (up to 2^30). */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 0x40000000 && (n & (n - 1)) === 0;
}

/** Smallest power of two ≥ n (1 for n ≤ 1). */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function getPlan(n: number): FftPlan {
  const cached = plans.get(n);
  if (cached) return cached;
  if (!isPowerOfTwo(n)) throw new RangeError(`FFT size must be a power of two, got ${n}`);
  const half = n >> 1;
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    const a = (-2 * Math.PI * k) / n;
    cos[k] = Math.cos(a);
    sin[k] = Math.sin(a);
  }
  const rev = new Uint32Array(n);
  let bits = 0;
  while (1 << bits < n) bits++;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0, v = i; b < bits; b++, v >>= 1) r = (r << 1) | (v & 1);
    rev[i] = r;
  }
  const plan: FftPlan = { n, cos, sin, rev, re: null, im: null };
  plans.set(n, plan);
  return plan;
}

/**
 * In-place forward complex FFT of `re`/`im` (first `n` elements; `n` a power of two).
 * Throws RangeError when `n` is not a power of two or the arrays are too short (programming error).
 */
export function fftInPlace(re: Float64Array, im: Float64Array, n: number = re.length): void {
  if (re.length < n || im.length < n) throw new RangeError(`fftInPlace: arrays shorter than n = ${n}`);
  const plan = getPlan(n);
  const rev = plan.rev;
  for (let i = 0; i < n; i++) {
    const j = rev[i];
    if (j > i) {
      const tr = re[i];
      re[i] = re[j];
      re[j] = tr;
      const ti = im[i];
      im[i] = im[j];
      im[j] = ti;
    }
  }
  butterflies(re, im, plan);
}

/** The butterfly stages on bit-reversed input. Stages 1–2 (twiddles 1 and −i) are special-cased. */
function butterflies(re: Float64Array, im: Float64Array, plan: FftPlan): void {
  const { n, cos, sin } = plan;
  if (n < 2) return;
  // Stage size 2: twiddle 1.
  for (let a = 0; a < n; a += 2) {
    const b = a + 1;
    const xr = re[b];
    const xi = im[b];
    re[b] = re[a] - xr;
    im[b] = im[a] - xi;
    re[a] += xr;
    im[a] += xi;
  }
  if (n < 4) return;
  // Stage size 4: twiddles 1 and −i.
  for (let a = 0; a < n; a += 4) {
    const b = a + 2;
    let xr = re[b];
    let xi = im[b];
    re[b] = re[a] - xr;
    im[b] = im[a] - xi;
    re[a] += xr;
    im[a] += xi;
    const c = a + 1;
    const d = a + 3;
    xr = im[d]; // (re + i·im)·(−i) = im − i·re
    xi = -re[d];
    re[d] = re[c] - xr;
    im[d] = im[c] - xi;
    re[c] += xr;
    im[c] += xi;
  }
  for (let size = 8; size <= n; size <<= 1) {
    const halfSize = size >> 1;
    const step = n / size;
    for (let k = 0, t = 0; k < halfSize; k++, t += step) {
      const wr = cos[t];
      const wi = sin[t];
      for (let a = k; a < n; a += size) {
        const b = a + halfSize;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}

/**
 * Power spectrum |X[k]|², k = 0 … nfft/2, of the real signal `x` zero-padded to `nfft`
 * (a power of two ≥ 2 and ≥ x.length). No scaling is applied (see `periodogram` for PSD units).
 * `out` (length ≥ nfft/2 + 1) is reused when given; otherwise a new array is returned.
 */
export function realPowerSpectrum(x: ArrayLike<number>, nfft: number, out?: Float64Array): Float64Array {
  if (!isPowerOfTwo(nfft) || nfft < 2) throw new RangeError(`realPowerSpectrum: nfft must be a power of two ≥ 2, got ${nfft}`);
  if (x.length > nfft) throw new RangeError(`realPowerSpectrum: signal length ${x.length} exceeds nfft ${nfft}`);
  const m = nfft >> 1;
  const result = out ?? new Float64Array(m + 1);
  if (result.length < m + 1) throw new RangeError(`realPowerSpectrum: out must have length ≥ ${m + 1}`);
  const big = getPlan(nfft);
  if (!big.re || !big.im) {
    big.re = new Float64Array(m);
    big.im = new Float64Array(m);
  }
  const re = big.re;
  const im = big.im;
  const len = x.length;
  const small = getPlan(m);
  const rev = small.rev;
  for (let k = 0; k < m; k++) {
    const i = 2 * k;
    const r = rev[k];
    re[r] = i < len ? x[i] : 0;
    im[r] = i + 1 < len ? x[i + 1] : 0;
  }
  butterflies(re, im, small);
  // Split: X[k] = Fe[k] + w^k·Fo[k], Fe = (Z[k] + conj Z[m−k])/2, Fo = (Z[k] − conj Z[m−k])/(2i).
  const wc = big.cos;
  const ws = big.sin;
  for (let k = 0; k <= m; k++) {
    const k1 = k === m ? 0 : k;
    const k2 = k === 0 ? 0 : m - k;
    const a = re[k1];
    const b = im[k1];
    const c = re[k2];
    const d = im[k2];
    const feR = 0.5 * (a + c);
    const feI = 0.5 * (b - d);
    const foR = 0.5 * (b + d);
    const foI = -0.5 * (a - c);
    const wr = k === m ? -1 : wc[k];
    const wi = k === m ? 0 : ws[k];
    const xr = feR + wr * foR - wi * foI;
    const xi = feI + wr * foI + wi * foR;
    result[k] = xr * xr + xi * xi;
  }
  return result;
}

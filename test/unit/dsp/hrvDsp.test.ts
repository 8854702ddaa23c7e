import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fftInPlace, realPowerSpectrum, nextPowerOfTwo } from '../../../shared/dsp/fft.js';
import { periodogram } from '../../../shared/dsp/periodogram.js';
import { bandPower, peakInBand } from '../../../shared/dsp/spectrumBand.js';
import { cubicSplineResample, linearResample } from '../../../shared/dsp/interpolate.js';
import { detrendLinear, detrendMean, detrendSmoothnessPriors } from '../../../shared/dsp/detrend.js';
import { nnConsecutiveMask, nnRuns, nnWindowQuality } from '../../../shared/dsp/nnGaps.js';
import { gaussian } from './hrvTestSignals.js';

/** Naive O(n²) DFT, the reference. */
function dft(re: ArrayLike<number>, im: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  const n = re.length;
  const oRe = new Float64Array(n);
  const oIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const a = (-2 * Math.PI * k * j) / n;
      oRe[k] += re[j] * Math.cos(a) - im[j] * Math.sin(a);
      oIm[k] += re[j] * Math.sin(a) + im[j] * Math.cos(a);
    }
  }
  return { re: oRe, im: oIm };
}

describe('fft', () => {
  test('fftInPlace matches a naive DFT for n = 1 … 64', () => {
    const g = gaussian(11);
    for (let n = 1; n <= 64; n *= 2) {
      const re = Float64Array.from({ length: n }, g);
      const im = Float64Array.from({ length: n }, g);
      const ref = dft(re, im);
      fftInPlace(re, im);
      for (let k = 0; k < n; k++) {
        assert.ok(Math.abs(re[k] - ref.re[k]) < 1e-9, `re n=${n} k=${k}`);
        assert.ok(Math.abs(im[k] - ref.im[k]) < 1e-9, `im n=${n} k=${k}`);
      }
    }
  });

  test('realPowerSpectrum equals |DFT|² of the zero-padded signal', () => {
    const g = gaussian(12);
    for (const [len, nfft] of [[5, 8], [16, 16], [100, 128], [2, 2]] as const) {
      const x = Float64Array.from({ length: len }, g);
      const padded = new Float64Array(nfft);
      padded.set(x);
      const ref = dft(padded, new Float64Array(nfft));
      const p = realPowerSpectrum(x, nfft);
      assert.equal(p.length, nfft / 2 + 1);
      for (let k = 0; k <= nfft / 2; k++) {
        const want = ref.re[k] ** 2 + ref.im[k] ** 2;
        assert.ok(Math.abs(p[k] - want) < 1e-8 * (1 + want), `len=${len} nfft=${nfft} k=${k}: ${p[k]} vs ${want}`);
      }
    }
  });

  test('bad sizes are clear errors', () => {
    assert.throws(() => realPowerSpectrum(new Float64Array(4), 6), /power of two/);
    assert.throws(() => realPowerSpectrum(new Float64Array(9), 8), /exceeds nfft/);
    assert.equal(nextPowerOfTwo(129), 256);
  });
});

describe('periodogram and band power', () => {
  test('a sinusoid of amplitude A integrates to A²/2 whatever the zero padding and phase', () => {
    const fs = 4;
    const n = 1024;
    for (const nfft of [1024, 4096]) {
      for (const phase of [0, 1.1]) {
        const x = Float64Array.from({ length: n }, (_, i) => 30 * Math.sin(2 * Math.PI * 0.1 * (i / fs) + phase));
        const p = periodogram(x, fs, nfft);
        const df = fs / nfft;
        const power = bandPower(p, df, 0.05, 0.15);
        assert.ok(Math.abs(power - 450) / 450 < 0.01, `nfft ${nfft} phase ${phase}: ${power}`);
        const pk = peakInBand(p, df, 0.04, 0.26);
        assert.ok(pk && Math.abs(pk.freqHz - 0.1) < df / 4, `peak ${pk?.freqHz}`);
      }
    }
  });

  test('Parseval: total PSD area equals the mean square (white noise)', () => {
    const g = gaussian(3);
    const x = Float64Array.from({ length: 512 }, () => 10 * g());
    let ms = 0;
    for (const v of x) ms += v * v;
    ms /= x.length;
    const p = periodogram(x.slice(), 4, 2048);
    const area = bandPower(p, 4 / 2048, 0, 2);
    // Hann-weighted mean square ≈ plain mean square for stationary noise.
    assert.ok(Math.abs(area - ms) / ms < 0.15, `${area} vs ${ms}`);
  });

  test('bandPower takes fractional edge bins (continuous in the edges)', () => {
    const flat = new Float64Array(101).fill(2); // 2 units/Hz, df = 0.01
    assert.ok(Math.abs(bandPower(flat, 0.01, 0.1234, 0.3456) - 2 * (0.3456 - 0.1234)) < 1e-12);
    assert.equal(bandPower(flat, 0.01, 0.3, 0.2), 0);
  });
});

describe('interpolate', () => {
  test('cubic spline passes through the knots and reproduces a straight line exactly', () => {
    const t = [0, 0.9, 2.1, 2.8, 4.2, 5.0];
    const line = t.map((x) => 3 + 2 * x);
    const r = cubicSplineResample(t, line, 10, 0, 5);
    assert.equal(r.length, 50);
    for (let i = 0; i < r.length; i++) assert.ok(Math.abs(r[i] - (3 + 0.2 * i)) < 1e-9, `i=${i}: ${r[i]}`);
    const y = t.map((x) => Math.sin(x) * 5);
    const knots = cubicSplineResample(t, y, 1 / 0.7, 2.1, 2.1 + 0.7 * 2); // grid 2.1, 2.8
    assert.ok(Math.abs(knots[0] - y[2]) < 1e-12 && Math.abs(knots[1] - y[3]) < 1e-12);
  });

  test('cubic spline of a densely sampled sinusoid is accurate; linear is worse', () => {
    const t: number[] = [];
    for (let x = 0; x < 60; x += 0.8 + 0.3 * Math.sin(x)) t.push(x);
    const f = (x: number): number => 40 * Math.sin(2 * Math.PI * 0.1 * x);
    const y = t.map(f);
    const c = cubicSplineResample(t, y, 4, 5, 55);
    const l = linearResample(t, y, 4, 5, 55);
    let ec = 0;
    let el = 0;
    for (let i = 0; i < c.length; i++) {
      const x = 5 + i / 4;
      ec = Math.max(ec, Math.abs(c[i] - f(x)));
      el = Math.max(el, Math.abs(l[i] - f(x)));
    }
    assert.ok(ec < 0.3, `cubic max error ${ec}`);
    assert.ok(el > 3 * ec, `linear ${el} vs cubic ${ec}`);
  });

  test('holds end values, skips invalid knots, NaN without knots, reuses out', () => {
    const out = new Float64Array(8);
    const r = cubicSplineResample([1, 2, 2, 2.5, 3], [5, 6, 100, NaN, 7], 2, 0, 4, { out });
    assert.equal(r, out);
    assert.equal(r[0], 5); // before the first knot
    assert.equal(r[2], 5);
    assert.equal(r[7], 7); // after the last knot
    assert.ok(r.every(Number.isFinite));
    assert.ok(r.every((v) => v < 10), 'duplicate-time knot (100) and NaN value skipped');
    assert.ok(Number.isNaN(cubicSplineResample([], [], 4, 0, 1)[0]));
    assert.equal(cubicSplineResample([0, 1], [1, 2], 4, 1, 0).length, 0);
  });
});

describe('detrend', () => {
  test('linear detrend removes a line exactly and mean detrend the mean', () => {
    const x = Float64Array.from({ length: 50 }, (_, i) => 7 - 0.3 * i);
    detrendLinear(x);
    assert.ok(x.every((v) => Math.abs(v) < 1e-9));
    const y = Float64Array.from([1, 2, 3, 6]);
    detrendMean(y);
    assert.deepEqual(Array.from(y), [-2, -1, 0, 3]);
  });

  test('smoothness priors equals the dense solution of (I + λ²D₂ᵀD₂)·trend = z', () => {
    const n = 40;
    const lambda = 7;
    const g = gaussian(5);
    const z = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 5) * 3 + g());
    // Dense reference: build A and solve by Gaussian elimination.
    const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
    for (let r = 0; r < n - 2; r++) {
      const v = [1, -2, 1];
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) A[r + a][r + b] += lambda * lambda * v[a] * v[b];
    }
    const rhs = Array.from(z);
    for (let c = 0; c < n; c++) {
      for (let r = c + 1; r < n; r++) {
        const f = A[r][c] / A[c][c];
        for (let k = c; k < n; k++) A[r][k] -= f * A[c][k];
        rhs[r] -= f * rhs[c];
      }
    }
    const trend = new Array<number>(n).fill(0);
    for (let r = n - 1; r >= 0; r--) {
      let v = rhs[r];
      for (let k = r + 1; k < n; k++) v -= A[r][k] * trend[k];
      trend[r] = v / A[r][r];
    }
    const got = detrendSmoothnessPriors(z.slice(), lambda);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(got[i] - (z[i] - trend[i])) < 1e-8, `i=${i}`);
  });

  test('smoothness priors λ=500 at 4 Hz removes a 0.005 Hz wave and keeps a 0.2 Hz wave', () => {
    const fs = 4;
    const x = Float64Array.from({ length: 1200 }, (_, i) => 50 * Math.sin(2 * Math.PI * 0.005 * (i / fs)) + 10 * Math.sin(2 * Math.PI * 0.2 * (i / fs)));
    detrendSmoothnessPriors(x, 500);
    let err = 0;
    for (let i = 100; i < 1100; i++) err = Math.max(err, Math.abs(x[i] - 10 * Math.sin(2 * Math.PI * 0.2 * (i / fs))));
    assert.ok(err < 1.0, `residual ${err}`);
    assert.deepEqual(Array.from(detrendSmoothnessPriors(Float64Array.from([1, 2]))), [0, 0]);
  });
});

describe('nn gaps', () => {
  const t = [1, 2, 3, 8, 9, 10];
  const v = [1000, 1000, 1000, 1000, 1000, 1000];
  test('consecutive mask, runs and window quality see the hole 3 s → 7 s', () => {
    assert.deepEqual(Array.from(nnConsecutiveMask(t, v)), [0, 1, 1, 0, 1, 1]);
    const runs = nnRuns(t, v, 3);
    assert.equal(runs.length, 2);
    assert.deepEqual([runs[0].startSec, runs[0].endSec, runs[1].startSec, runs[1].endSec], [0, 3, 7, 10]);
    const q = nnWindowQuality(t, v, 0, 10);
    assert.ok(Math.abs(q.coverage - 0.6) < 1e-12);
    assert.ok(Math.abs(q.maxHoleSec - 4) < 1e-12);
    assert.equal(q.beats, 5); // closing beats in [0, 10)
    const q2 = nnWindowQuality(t, v, 0.5, 2.5); // covered by intervals 1 and 2 and half of 3
    assert.equal(q2.coverage, 1);
    assert.equal(q2.maxHoleSec, 0);
    assert.equal(nnWindowQuality([], [], 0, 10).coverage, 0);
  });
});

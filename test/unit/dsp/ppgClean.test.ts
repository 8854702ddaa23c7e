import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_PPG_CLEAN, lowPassLengths, PpgCleaner, ppgClean } from '../../../shared/dsp/ppgClean.js';

const sine = (fHz: number, fsHz: number, n: number, phase = 0): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => Math.sin(2 * Math.PI * fHz * (i / fsHz) + phase));

/** Steady-state amplitude (RMS·√2) of y over its middle half. */
function amplitude(y: Float64Array): number {
  let s = 0;
  const a = y.length >> 2;
  const b = y.length - a;
  for (let i = a; i < b; i++) s += y[i]! * y[i]!;
  return Math.sqrt((2 * s) / (b - a));
}

/** Frequency (Hz) in [lo, hi] where the measured gain crosses 1/√2 (bisection; `rising`: gain grows with f there). */
function edgeHz(gain: (f: number) => number, lo: number, hi: number, rising: boolean): number {
  for (let k = 0; k < 30; k++) {
    const mid = 0.5 * (lo + hi);
    if (gain(mid) > Math.SQRT1_2 === rising) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

describe('PpgCleaner / ppgClean: linear-phase band-pass, −3 dB at 0.8 and 4.5 Hz', () => {
  // The documentation's band (ppgClean.ts), measured with sines at the detector's rates (50–200 Hz)
  // and beyond.
  for (const fs of [50, 60, 100, 125, 150, 199, 250, 1000]) {
    const tolHz = fs >= 100 ? 0.25 : 0.5; // whole-sample boxcars: coarser at low rates
    test(`measured pass band at ${fs} Hz: −3 dB at 0.80 ± 0.01 Hz and 4.5 ± ${tolHz} Hz; slow pulses pass`, () => {
      const a = (f: number): number => amplitude(ppgClean(sine(f, fs, fs * 80), fs));
      const low = edgeHz(a, 0.2, 1.5, true);
      const high = edgeHz(a, 2, 10, false);
      assert.ok(Math.abs(low - 0.8) <= 0.01, `low edge ${low.toFixed(3)} Hz`);
      assert.ok(Math.abs(high - 4.5) <= tolHz, `high edge ${high.toFixed(2)} Hz`);
      for (const f of [1, 1.5, 2, 3]) assert.ok(a(f) > 0.84 && a(f) < 0.97, `${f} Hz: ${a(f)}`);
      assert.ok(a(35 / 60) > 0.44 && a(35 / 60) < 0.48, `35 bpm fundamental: ${a(35 / 60)}`);
      assert.ok(a(0.25) < 0.11 && a(0.1) < 0.02, `breathing ${a(0.25)}, wander ${a(0.1)}`);
      assert.ok(a(8) < 0.35, `8 Hz: ${a(8)}`);
      if (fs > 24) assert.ok(a(12) < 0.07, `12 Hz: ${a(12)}`);
    });
  }

  test('the low-pass lengths keep the edge near 4.5 Hz at every detection rate', () => {
    for (let fs = 50; fs < 200; fs += 3.5) {
      const [l0, l1, l2] = lowPassLengths(fs, DEFAULT_PPG_CLEAN.lowPassBoxSec);
      assert.ok(Math.max(l0, l1, l2) - Math.min(l0, l1, l2) <= 1, `${fs} Hz: ${[l0, l1, l2]}`);
      assert.equal((l0 + l1 + l2 - 3) % 2, 0, 'integer delay');
      const c = new PpgCleaner(fs);
      assert.equal(c.lowPassDelaySamples, (l0 + l1 + l2 - 3) / 2);
      assert.ok(Number.isInteger(c.delaySamples));
      const a = (f: number): number => amplitude(ppgClean(sine(f, fs, fs * 40), fs));
      const tolHz = fs >= 100 ? 0.25 : 0.5;
      assert.ok(a(4.5 - tolHz) > Math.SQRT1_2 && a(4.5 + tolHz) < Math.SQRT1_2, `${fs} Hz: ${a(4.5 - tolHz)}, ${a(4.5 + tolHz)} at 4.5 ∓ ${tolHz} Hz`);
    }
  });

  for (const fs of [50, 100, 250, 1000]) {
    test(`passes the pulse band and rejects wander and noise at ${fs} Hz`, () => {
      const n = fs * 40;
      for (const f of [1, 2, 3]) assert.ok(amplitude(ppgClean(sine(f, fs, n), fs)) > 0.6, `${f} Hz passes`);
      assert.ok(amplitude(ppgClean(sine(0.05, fs, n), fs)) < 0.1, 'baseline wander (0.05 Hz) is removed');
      if (fs >= 100) assert.ok(amplitude(ppgClean(sine(25, fs, n), fs)) < 0.1, '25 Hz noise is removed');
    });
  }

  test('zero phase after delay compensation: a 1.5 Hz sine keeps its peaks in place', () => {
    const fs = 250;
    const x = sine(1.5, fs, fs * 20, 0.3);
    const y = ppgClean(x, fs);
    // Compare the positions of the maxima in the middle of the record.
    const peaks = (v: Float64Array): number[] => {
      const p: number[] = [];
      for (let i = fs * 5; i < fs * 15; i++) if (v[i]! > v[i - 1]! && v[i]! >= v[i + 1]!) p.push(i);
      return p;
    };
    assert.deepEqual(peaks(y), peaks(x));
  });

  test('streaming output equals the offline output shifted by the exact delay', () => {
    const fs = 125;
    const x = Float64Array.from({ length: 3000 }, (_, i) => Math.sin(i / 9) + 0.3 * Math.sin(i / 2.3) + (i % 97 === 0 ? 2 : 0));
    const offline = ppgClean(x, fs);
    const c = new PpgCleaner(fs);
    for (let i = 0; i < x.length; i++) {
      const y = c.push(x[i]!);
      if (i >= c.delaySamples) assert.ok(Math.abs(y - offline[i - c.delaySamples]!) < 1e-9);
    }
  });

  test('no drift of the running sums over a long stream (sums are re-added from the rings)', () => {
    const c = new PpgCleaner(250);
    let y = 0;
    for (let i = 0; i < 3_000_000; i++) y = c.push(1e6 + Math.sin(i / 40));
    assert.ok(Math.abs(y) < 1.5, `output ${y}`);
    assert.ok(Math.abs(c.lowPassed - 1e6) < 1.5, `low-passed level ${c.lowPassed}`);
  });

  test('missing samples are held, not propagated as NaN', () => {
    const x = sine(1, 100, 2000);
    x.fill(NaN, 500, 700);
    const y = ppgClean(x, 100);
    assert.ok(y.every((v) => Number.isFinite(v)));
  });
});

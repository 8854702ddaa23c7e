import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PpgCleaner, ppgClean } from '../../../shared/dsp/ppgClean.js';

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

describe('PpgCleaner / ppgClean: linear-phase band-pass, −3 dB ≈ 0.78–4 Hz', () => {
  test('measured band edges are what the documentation says', () => {
    const fs = 200;
    const a = (f: number): number => amplitude(ppgClean(sine(f, fs, fs * 60), fs));
    assert.ok(a(0.78) > 0.66 && a(0.78) < 0.76, `0.78 Hz: ${a(0.78)}`);
    assert.ok(a(4) > 0.62 && a(4) < 0.82, `4 Hz: ${a(4)}`); // the boxcars are rounded to odd sample counts
    assert.ok(a(1.5) > 0.85, `1.5 Hz: ${a(1.5)}`);
    assert.ok(a(0.583) > 0.4, `35 bpm fundamental: ${a(0.583)}`);
    assert.ok(a(8) < 0.4, `8 Hz: ${a(8)}`);
  });

  for (const fs of [50, 100, 250, 1000]) {
    test(`passes the pulse band and rejects wander and noise at ${fs} Hz`, () => {
      const n = fs * 40;
      for (const f of [1, 2, 3]) assert.ok(amplitude(ppgClean(sine(f, fs, n), fs)) > 0.6, `${f} Hz passes`);
      assert.ok(amplitude(ppgClean(sine(0.05, fs, n), fs)) < 0.1, 'baseline wander (0.05 Hz) is removed');
      if (fs >= 100) assert.ok(amplitude(ppgClean(sine(25, fs, n), fs)) < 0.05, '25 Hz noise is removed');
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

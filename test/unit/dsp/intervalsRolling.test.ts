import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { maskedRollingMedianMad } from '../../../shared/dsp/intervalsRolling.js';
import { medianInPlace } from '../../../shared/dsp/quickselect.js';

/** The definition: select the median of the window's valid values, then the median of their distances from it. */
function bruteForce(x: Float64Array, ok: Uint8Array, half: number, from: number): { median: number[]; mad: number[] } {
  const median: number[] = [];
  const mad: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const buf: number[] = [];
    if (i >= from) for (let j = Math.max(from, i - half); j <= Math.min(x.length - 1, i + half); j++) if (ok[j]) buf.push(x[j]!);
    if (buf.length === 0) {
      median.push(NaN);
      mad.push(NaN);
      continue;
    }
    const a = Float64Array.from(buf);
    const r = medianInPlace(a, a.length);
    median.push(r);
    mad.push(medianInPlace(Float64Array.from(buf, (v) => Math.abs(v - r)), buf.length));
  }
  return { median, mad };
}

describe('maskedRollingMedianMad', () => {
  test('equals the median and MAD selected anew for every window (ties, masked stretches, odd and even counts, edges)', () => {
    let seed = 11;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const [n, half, from] of [
      [400, 25, 1],
      [60, 5, 0],
      [7, 25, 1],
      [1, 3, 0],
    ] as const) {
      const x = Float64Array.from({ length: n }, () => (rnd() < 0.3 ? 800 : 600 + Math.round(rnd() * 40) * 10));
      const ok = Uint8Array.from({ length: n }, (_, i) => (i % 97 > 80 || rnd() < 0.1 ? 0 : 1));
      const got = maskedRollingMedianMad(x, ok, half, from);
      const want = bruteForce(x, ok, half, from);
      assert.deepEqual(Array.from(got.median), want.median, `median n=${n} half=${half}`);
      assert.deepEqual(Array.from(got.mad), want.mad, `MAD n=${n} half=${half}`);
    }
  });
});

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ArrivalSampleClock } from '../../../shared/sensors/sampleClock.js';
import { PpgFrameBuilder } from '../../../shared/sensors/ppgFrameBuilder.js';

describe('ArrivalSampleClock', () => {
  test('jittery arrival at the stated rate gives evenly spaced, monotonic times', () => {
    const c = new ArrivalSampleClock(50);
    let last = -Infinity;
    let first = NaN;
    for (let k = 0; k < 500; k++) {
      const trueLast = (k * 2 + 1) / 50; // 2 samples per batch
      const arrival = trueLast + 0.005 + (k % 7) * 0.003; // latency + jitter
      const r = c.stamp(2, arrival);
      if (k === 0) first = r.t0Sec;
      assert.equal(r.gap, false);
      assert.ok(r.t0Sec > last, 'monotonic');
      last = r.t0Sec + 1 / 50;
    }
    // count-based time: 1000 samples later ≈ 20 s after the first
    assert.ok(Math.abs(last - first - 999 / 50) < 0.05, `span ${last - first}`);
  });
  test('device 4 % faster than stated: the PLL keeps times within a few hundred ms of arrival, never backwards', () => {
    const c = new ArrivalSampleClock(50);
    let prevEnd = -Infinity;
    let maxDiff = 0;
    for (let k = 0; k < 3000; k++) {
      const arrival = ((k + 1) * 2) / 52;
      const r = c.stamp(2, arrival);
      assert.ok(r.t0Sec >= prevEnd - 1e-9);
      assert.equal(r.gap, false);
      prevEnd = r.t0Sec + 2 / 50 - 0.5 / 50;
      maxDiff = Math.max(maxDiff, Math.abs(r.t0Sec + 1 / 50 - arrival));
    }
    assert.ok(maxDiff < 0.3, `max diff ${maxDiff}`);
  });
  test('a pause of 2 s re-anchors and reports a gap; reanchor() forces one', () => {
    const c = new ArrivalSampleClock(50);
    for (let k = 0; k < 50; k++) c.stamp(1, k / 50);
    const r = c.stamp(1, 3);
    assert.equal(r.gap, true);
    assert.ok(Math.abs(r.t0Sec - 3) < 1e-9);
    const n = c.stamp(1, 3.02);
    assert.equal(n.gap, false);
    c.reanchor();
    const f = c.stamp(1, 3.04);
    assert.equal(f.gap, true);
    assert.ok(f.t0Sec >= n.t0Sec + 0.5 / 50);
  });
});

describe('PpgFrameBuilder', () => {
  test('splits at maxSamples and at discontinuities; flush returns the rest', () => {
    const b = new PpgFrameBuilder(50, 4);
    const out = [...b.add(0, [1, 2, 3]), ...b.add(0.06, [4, 5, 6])];
    assert.equal(out.length, 1);
    assert.deepEqual(Array.from(out[0].values), [1, 2, 3, 4]);
    assert.equal(out[0].t0Sec, 0);
    const gap = b.add(5, [7]);
    assert.equal(gap.length, 1);
    assert.deepEqual(Array.from(gap[0].values), [5, 6]);
    assert.ok(Math.abs(gap[0].t0Sec - 0.08) < 1e-9);
    const rest = b.flush();
    assert.ok(rest && rest.t0Sec === 5 && rest.values.length === 1 && rest.fsHz === 50);
    assert.equal(b.flush(), null);
  });
});

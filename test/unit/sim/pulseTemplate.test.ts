import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  createPulseParams,
  PulseRing,
  pulseValue,
  shapePulse,
  systolicPeakSec,
} from '../../../shared/sim/pulseTemplate.js';

describe('pulse template', () => {
  test('systolic peak, dicrotic notch, diastolic wave, and nothing outside the support', () => {
    const p = shapePulse(createPulseParams(), 1, 0.83, 1);
    assert.equal(pulseValue(p, 0.999), 0);
    assert.equal(pulseValue(p, p.endSec + 0.001), 0);
    assert.ok(pulseValue(p, p.footSec) < 0.001);
    assert.ok(Math.abs(pulseValue(p, p.mu1Sec) - 1) < 0.01);
    // Find the notch: the minimum between the two waves is lower than the diastolic wave after it.
    let notch = Infinity;
    for (let t = p.mu1Sec; t < p.mu2Sec; t += 0.001) notch = Math.min(notch, pulseValue(p, t));
    assert.ok(notch < pulseValue(p, p.mu2Sec) - 0.02, 'dicrotic notch visible');
    assert.ok(p.mu1Sec - p.footSec > 0.1 && p.mu1Sec - p.footSec < 0.16, 'upstroke 100–160 ms');
  });

  test('the pulse compresses at a high heart rate', () => {
    const slow = shapePulse(createPulseParams(), 0, 1.2, 1);
    const fast = shapePulse(createPulseParams(), 0, 0.4, 1);
    assert.ok(fast.endSec < slow.endSec);
    assert.ok(fast.endSec < 0.6);
  });

  test('systolicPeakSec finds the maximum of overlapping pulses to within 2 µs', () => {
    const a = shapePulse(createPulseParams(), 0, 0.4, 1);
    const b = shapePulse(createPulseParams(), 0.4, 0.4, 0.8);
    const c = shapePulse(createPulseParams(), 0.8, 0.4, 1.1);
    const pulses = [c, b, a];
    for (const target of [b, c]) {
      let best = 0;
      let bestV = -Infinity;
      for (let t = target.footSec; t < target.mu1Sec + 0.1; t += 1e-6) {
        const v = pulseValue(a, t) + pulseValue(b, t) + pulseValue(c, t);
        if (v > bestV) {
          bestV = v;
          best = t;
        }
      }
      const found = systolicPeakSec(pulses, target);
      assert.ok(Math.abs(found - best) < 2e-6, `found ${found}, brute force ${best}`);
      // The neighbours' overlap moves the peak away from the isolated systolic centre.
      assert.ok(Math.abs(found - target.mu1Sec) > 1e-5);
    }
  });

  test('PulseRing sums the active pulses like pulseValue does and drops ended ones', () => {
    const ring = new PulseRing(4);
    const ps = [0, 0.5, 1.0, 1.5].map((f) => shapePulse(createPulseParams(), f, 0.5, 1));
    ps.forEach((p) => ring.push(p));
    for (let t = 0; t < 2.2; t += 0.0037) {
      const expected = ps.reduce((s, p) => s + pulseValue(p, t), 0);
      assert.ok(Math.abs(ring.sumAt(t) - expected) < 1e-12);
    }
    assert.equal(ring.size, 0);
  });
});

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SIM_OPTIONS, rsaGain, rsaPeakToTroughBpm, rsaPhaseRad } from '../../../shared/sim/index.js';

describe('RSA resonance model', () => {
  test('gain is 1 exactly at the resonance and lower on both sides, falling monotonically away from it', () => {
    assert.ok(Math.abs(rsaGain(5.5, 5.5) - 1) < 1e-12);
    let prev = 1;
    for (let f = 5.6; f <= 15; f += 0.1) {
      const g = rsaGain(f, 5.5);
      assert.ok(g < prev, `gain not falling at ${f}`);
      prev = g;
    }
    prev = 1;
    for (let f = 5.4; f >= 2; f -= 0.1) {
      const g = rsaGain(f, 5.5);
      assert.ok(g < prev, `gain not falling at ${f}`);
      prev = g;
    }
  });

  test('default amplitudes: ≈ 15 bpm peak-to-trough at resonance, ≈ 4 bpm at 12/min', () => {
    const { resonanceBpm, rsaBpm } = DEFAULT_SIM_OPTIONS;
    assert.ok(Math.abs(rsaPeakToTroughBpm(resonanceBpm, resonanceBpm, rsaBpm) - 15) < 0.01);
    const at12 = rsaPeakToTroughBpm(12, resonanceBpm, rsaBpm);
    assert.ok(at12 > 3.5 && at12 < 4.5, `at 12/min: ${at12}`);
  });

  test('phase: 0 at resonance, HR leading above it and lagging below it, within ±90°', () => {
    assert.ok(Math.abs(rsaPhaseRad(6, 6)) < 1e-12);
    for (const f of [6.5, 8, 12, 20]) {
      const p = rsaPhaseRad(f, 6);
      assert.ok(p > 0 && p < Math.PI / 2, `lead at ${f}: ${p}`);
    }
    for (const f of [5.5, 4, 3]) {
      const p = rsaPhaseRad(f, 6);
      assert.ok(p < 0 && p > -Math.PI / 2, `lag at ${f}: ${p}`);
    }
  });

  test('degenerate rates give 0 instead of NaN', () => {
    assert.equal(rsaGain(0, 5.5), 0);
    assert.equal(rsaPhaseRad(-1, 5.5), 0);
  });
});

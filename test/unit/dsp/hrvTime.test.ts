import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { hrvTime, hrMaxMinPerBreath } from '../../../shared/dsp/hrvTime.js';
import { nnConsecutiveMask } from '../../../shared/dsp/nnGaps.js';
import { gaussian, ipfm, withGap } from './hrvTestSignals.js';

const close = (a: number, b: number, tol = 1e-9): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe('hrvTime', () => {
  test('hand-computed example', () => {
    // diffs 100, −200, 100 → RMSSD √(60000/3); all three > 50 ms; SD with n−1: √(20000/3).
    const r = hrvTime([1000, 1100, 900, 1000]);
    assert.ok(close(r.meanNnMs, 1000));
    assert.ok(close(r.rmssdMs, Math.sqrt(20000)));
    assert.ok(close(r.sdnnMs, Math.sqrt(20000 / 3)));
    assert.equal(r.pnn50Pct, 100);
    assert.ok(close(r.meanHrBpm, (60 + 60000 / 1100 + 60000 / 900 + 60) / 4));
    assert.equal(r.count, 4);
    assert.equal(r.diffCount, 3);
  });

  test('matches the direct formulas on a long noisy series', () => {
    const g = gaussian(21);
    const ibi = Array.from({ length: 3000 }, (_, i) => 850 + 60 * Math.sin(i / 9) + 35 * g());
    const r = hrvTime(ibi);
    const n = ibi.length;
    const mean = ibi.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(ibi.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    const d = ibi.slice(1).map((v, i) => v - ibi[i]);
    const rmssd = Math.sqrt(d.reduce((a, b) => a + b * b, 0) / d.length);
    const pnn50 = (100 * d.filter((x) => Math.abs(x) > 50).length) / d.length;
    const hr = ibi.reduce((a, b) => a + 60000 / b, 0) / n;
    assert.ok(close(r.meanNnMs, mean));
    assert.ok(close(r.sdnnMs, sd));
    assert.ok(close(r.rmssdMs, rmssd));
    assert.ok(close(r.pnn50Pct, pnn50));
    assert.ok(close(r.meanHrBpm, hr));
    assert.ok(Math.abs(r.meanHrBpm - 60000 / r.meanNnMs) > 0.01, 'mean HR is the mean of 60000/NN, not 60000/meanNN');
  });

  test('successive differences across a gap are skipped with the consecutive mask', () => {
    const s = withGap(ipfm((t) => 60 + 8 * Math.sin(2 * Math.PI * 0.1 * t), 120), 50, 60);
    const mask = nnConsecutiveMask(s.tSec, s.ibiMs);
    assert.equal(mask.filter((m) => m === 0).length, 2, 'first interval and the one after the gap');
    const masked = hrvTime(s.ibiMs, mask);
    const boolMask = Array.from(mask, (m) => m === 1);
    assert.equal(hrvTime(s.ibiMs, boolMask).rmssdMs, masked.rmssdMs);
    assert.equal(masked.diffCount, s.ibiMs.length - 2);
    let sum = 0;
    let cnt = 0;
    for (let i = 1; i < s.ibiMs.length; i++) {
      if (!mask[i]) continue;
      sum += (s.ibiMs[i] - s.ibiMs[i - 1]) ** 2;
      cnt++;
    }
    assert.ok(close(masked.rmssdMs, Math.sqrt(sum / cnt)));
    assert.notEqual(hrvTime(s.ibiMs).diffCount, masked.diffCount);
  });

  test('empty, single and invalid input give NaN, not throws', () => {
    const e = hrvTime([]);
    assert.ok([e.meanNnMs, e.meanHrBpm, e.sdnnMs, e.rmssdMs, e.pnn50Pct].every(Number.isNaN));
    const one = hrvTime([800]);
    assert.equal(one.meanNnMs, 800);
    assert.ok(Number.isNaN(one.sdnnMs) && Number.isNaN(one.rmssdMs));
    const bad = hrvTime([800, NaN, -5, 820, 0]);
    assert.equal(bad.count, 2);
    assert.equal(bad.diffCount, 0, 'invalid entries break the consecutive chain');
    assert.equal(bad.meanNnMs, 810);
  });
});

describe('hrMaxMinPerBreath', () => {
  test('recovers the peak-to-trough HR swing of a 6 /min sinusoid', () => {
    const A = 6; // HR 65 ± 6 bpm → max − min ≈ 12 bpm (slightly less: beats sample the wave)
    const f = 0.1;
    const s = ipfm((t) => 65 + A * Math.sin(2 * Math.PI * f * t), 180);
    const breaths = Array.from({ length: 17 }, (_, k) => 5 + k * 10);
    const r = hrMaxMinPerBreath(s.tSec, s.ibiMs, breaths);
    assert.equal(r.perBreathBpm.length, 16);
    assert.equal(r.count, 16);
    assert.ok(r.meanBpm > 2 * A * 0.85 && r.meanBpm < 2 * A * 1.02, `mean ${r.meanBpm}`);
  });

  test('breaths with a gap or without beats are NaN; no breaths → NaN', () => {
    const s = withGap(ipfm(() => 60, 60), 20, 26);
    const r = hrMaxMinPerBreath(s.tSec, s.ibiMs, [0.5, 10.5, 20.5, 30.5, 100, 110]);
    assert.ok(Number.isFinite(r.perBreathBpm[0]) && r.perBreathBpm[0] < 1e-6);
    assert.ok(Number.isNaN(r.perBreathBpm[2]), 'breath containing the gap');
    assert.ok(Number.isNaN(r.perBreathBpm[4]), 'breath after the recording');
    assert.ok(Number.isNaN(hrMaxMinPerBreath([], [], []).meanBpm));
  });
});

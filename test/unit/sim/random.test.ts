import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { deriveSeed, mulberry32, Rng } from '../../../shared/sim/index.js';

describe('seeded random numbers', () => {
  test('the same seed gives the same sequence, a different seed a different one', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const sa = Array.from({ length: 10 }, () => a());
    const sb = Array.from({ length: 10 }, () => b());
    const sc = Array.from({ length: 10 }, () => c());
    assert.deepEqual(sa, sb);
    assert.notDeepEqual(sa, sc);
    const r = new Rng(42);
    assert.deepEqual(
      Array.from({ length: 10 }, () => r.next()),
      sa,
    );
  });

  test('uniforms lie in [0, 1) with mean ≈ 0.5 and variance ≈ 1/12', () => {
    const r = new Rng(7);
    let s = 0;
    let s2 = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      assert.ok(u >= 0 && u < 1);
      s += u;
      s2 += u * u;
    }
    const m = s / n;
    assert.ok(Math.abs(m - 0.5) < 0.005);
    assert.ok(Math.abs(s2 / n - m * m - 1 / 12) < 0.002);
  });

  test('gaussians have mean ≈ 0, s.d. ≈ 1 and ≈ 68 % within ±1', () => {
    const r = new Rng(11);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let within = 0;
    for (let i = 0; i < n; i++) {
      const g = r.gaussian();
      s += g;
      s2 += g * g;
      if (Math.abs(g) < 1) within++;
    }
    assert.ok(Math.abs(s / n) < 0.01);
    assert.ok(Math.abs(Math.sqrt(s2 / n) - 1) < 0.01);
    assert.ok(Math.abs(within / n - 0.6827) < 0.005);
  });

  test('exponential waits have the right mean; rate 0 never fires', () => {
    const r = new Rng(3);
    let s = 0;
    for (let i = 0; i < 50_000; i++) s += r.exponential(2);
    assert.ok(Math.abs(s / 50_000 - 0.5) < 0.01);
    assert.equal(r.exponential(0), Infinity);
  });

  test('derived stream seeds differ per stream and per seed', () => {
    const seeds = new Set<number>();
    for (let seed = 0; seed < 20; seed++) for (let stream = 0; stream < 10; stream++) seeds.add(deriveSeed(seed, stream));
    assert.equal(seeds.size, 200);
  });
});

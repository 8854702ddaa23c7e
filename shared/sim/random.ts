/**
 * Seeded pseudo-random numbers for the simulator: mulberry32 (Tommy Ettinger, public domain;
 * 32-bit state, period 2^32, passes gjrand/PractRand to moderate sizes — plenty for test signals),
 * Box–Muller gaussians, and `deriveSeed` to give each random process its own independent stream,
 * so that switching one feature on (e.g. motion artifacts) does not change the others (e.g. beat times).
 */

/** `mulberry32`: a function returning uniform numbers in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mix a user seed and a stream number into a well-scrambled 32-bit seed (murmur3 finaliser). */
export function deriveSeed(seed: number, stream: number): number {
  let h = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A seeded random stream (mulberry32) with the distributions the simulator needs. */
export class Rng {
  private a: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    this.a = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = Math.imul(this.a ^ (this.a >>> 15), 1 | this.a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /**
   * Standard normal N(0, 1) by Marsaglia's polar method (the rejection form of Box–Muller, no
   * trigonometry; two values per accepted pair of uniforms).
   */
  gaussian(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    this.hasSpare = true;
    return u * m;
  }

  /** Exponential waiting time for a Poisson process of `ratePerSec` events/s (Infinity when the rate is 0). */
  exponential(ratePerSec: number): number {
    if (!(ratePerSec > 0)) return Infinity;
    return -Math.log(1 - this.next()) / ratePerSec;
  }
}

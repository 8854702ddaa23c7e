/**
 * Synthetic NN series with known truth for the HRV / coherence / respiration tests.
 */

/** Deterministic PRNG (mulberry32) → uniform [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples (Box–Muller) from a seeded PRNG. */
export function gaussian(seed: number): () => number {
  const u = rng(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export interface NnSeries {
  tSec: Float64Array;
  ibiMs: Float64Array;
}

/**
 * Integral pulse frequency modulation (IPFM): a beat whenever ∫ HR(t)/60 dt crosses an integer.
 * Integrated with the trapezoid rule at dtSec; crossing times linearly interpolated. Returns the NN
 * series (closing-beat time, interval) of the beats after the first.
 */
export function ipfm(hrBpm: (tSec: number) => number, durationSec: number, dtSec = 0.002): NnSeries {
  const beats: number[] = [];
  let phase = 0;
  let prevRate = hrBpm(0) / 60;
  let nextBeat = 1;
  for (let t = dtSec; t <= durationSec + 1e-12; t += dtSec) {
    const rate = hrBpm(t) / 60;
    const inc = 0.5 * (rate + prevRate) * dtSec;
    while (phase + inc >= nextBeat) {
      const frac = (nextBeat - phase) / inc;
      beats.push(t - dtSec + frac * dtSec);
      nextBeat++;
    }
    phase += inc;
    prevRate = rate;
  }
  const n = Math.max(0, beats.length - 1);
  const tSec = new Float64Array(n);
  const ibiMs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    tSec[i] = beats[i + 1];
    ibiMs[i] = (beats[i + 1] - beats[i]) * 1000;
  }
  return { tSec, ibiMs };
}

/**
 * NN series whose INTERVALS follow ibiFn(t) (ms) directly: ibi_i = ibiFn(t_{i−1}), t_i = t_{i−1} + ibi_i.
 * A sinusoid of amplitude A ms in ibiFn therefore appears with amplitude A in the NN series.
 */
export function nnFromIbi(ibiMsAt: (tSec: number) => number, durationSec: number, t0 = 0): NnSeries {
  const t: number[] = [];
  const v: number[] = [];
  let prev = t0;
  while (prev < t0 + durationSec) {
    const ibi = ibiMsAt(prev);
    prev += ibi / 1000;
    t.push(prev);
    v.push(ibi);
  }
  return { tSec: Float64Array.from(t), ibiMs: Float64Array.from(v) };
}

/** Removes the intervals that overlap [fromSec, toSec] (a signal gap: those intervals are absent). */
export function withGap(s: NnSeries, fromSec: number, toSec: number): NnSeries {
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < s.tSec.length; i++) {
    const start = s.tSec[i] - s.ibiMs[i] / 1000;
    if (s.tSec[i] >= fromSec && start <= toSec) continue;
    t.push(s.tSec[i]);
    v.push(s.ibiMs[i]);
  }
  return { tSec: Float64Array.from(t), ibiMs: Float64Array.from(v) };
}

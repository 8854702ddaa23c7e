// Synthetic beat series with a heart-rate oscillation of KNOWN amplitude and phase against a
// known pacer, for unit tests of the resonance criteria. Beats come from integral pulse
// frequency modulation (a beat each time ∫ HR/60 dt reaches 1), so the NN series is exactly
// what a heart with that instantaneous rate produces.
import { Rng } from '../../../shared/sim/random.js';

export interface SyntheticHrOptions {
  durationSec: number;
  /** Mean heart rate, bpm. */
  hrBpm?: number;
  /** Pacer rate, breaths/min (breath k starts at k · 60/rate). */
  rateBpm: number;
  /** Lung-volume maximum as a fraction of the breath (= inhale fraction without holds). */
  lungMaxFraction?: number;
  /** HR peak-to-trough of the breathing oscillation, bpm. */
  peakToTroughBpm: number;
  /** HR maximum this many degrees AFTER the lung-volume maximum (negative = before). */
  lagDeg?: number;
  /** Extra oscillations: [frequency Hz, peak-to-trough bpm]. */
  extra?: [number, number][];
  /** Breathing-rate override in [startSec, endSec): the HR oscillation runs at `rateBpm` there instead. */
  offPace?: { startSec: number; endSec: number; rateBpm: number };
  /** White noise added to each beat's HR, s.d. bpm (seeded). */
  beatJitterBpm?: number;
  seed?: number;
}

/** Beat times (s) and the instantaneous HR model. */
export function syntheticBeats(o: SyntheticHrOptions): { beatsSec: number[]; hrAt: (t: number) => number } {
  const hr0 = o.hrBpm ?? 70;
  const rho = o.lungMaxFraction ?? 0.4;
  const lag = ((o.lagDeg ?? 0) * Math.PI) / 180;
  const period = 60 / o.rateBpm;
  const rng = new Rng(o.seed ?? 7);
  const hrAt = (t: number): number => {
    let phase = 2 * Math.PI * (t / period - rho) - lag;
    if (o.offPace && t >= o.offPace.startSec && t < o.offPace.endSec) phase = (2 * Math.PI * (t - o.offPace.startSec) * o.offPace.rateBpm) / 60;
    let hr = hr0 + (o.peakToTroughBpm / 2) * Math.cos(phase);
    for (const [f, pt] of o.extra ?? []) hr += (pt / 2) * Math.cos(2 * Math.PI * f * t);
    return hr;
  };
  const dt = 0.001;
  const beats: number[] = [];
  let acc = 0.5;
  let jitter = 0;
  for (let t = 0; t < o.durationSec; t += dt) {
    const inc = ((hrAt(t) + jitter) / 60) * dt;
    if (acc + inc >= 1) {
      const frac = (1 - acc) / inc;
      beats.push(t + frac * dt);
      acc = acc + inc - 1;
      jitter = (o.beatJitterBpm ?? 0) * rng.gaussian();
    } else acc += inc;
  }
  return { beatsSec: beats, hrAt };
}

/** NN series (closing-beat time, interval ms) of consecutive beats. */
export function nnOf(beatsSec: readonly number[]): { tSec: number[]; ibiMs: number[] } {
  const tSec: number[] = [];
  const ibiMs: number[] = [];
  for (let i = 1; i < beatsSec.length; i++) {
    tSec.push(beatsSec[i]);
    ibiMs.push((beatsSec[i] - beatsSec[i - 1]) * 1000);
  }
  return { tSec, ibiMs };
}

/** Pacer breath starts k · 60/rate within [t0, t1]. */
export function breathStarts(rateBpm: number, t0: number, t1: number): number[] {
  const p = 60 / rateBpm;
  const out: number[] = [];
  for (let k = Math.ceil(t0 / p - 1e-9); k * p <= t1 + 1e-9; k++) out.push(k * p);
  return out;
}

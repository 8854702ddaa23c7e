/**
 * `timingNoiseMs` — how precisely this signal times a beat, estimated from the signal itself.
 *
 * Method: every pulse is timed three ways — its systolic peak, its steepest upstroke and its
 * whole-pulse template alignment (`PpgPeakDetector`). Heart rhythm moves all three together; what
 * moves one against another from beat to beat is timing uncertainty (noise, a pulse whose shape
 * changes with pressure and breathing, sampling). For each pair (a, b) the robust SD of the
 * beat-to-beat change of their offset, Δ(t_a − t_b), is √2·√(σ_a² + σ_b²) for independent
 * per-beat errors; the noise floor is the largest of these pairs taken as one fiducial's error,
 * σ = SD(Δ(t_a − t_b)) / √2 (conservative: the floor for withholding, not a best case). This is
 * the "N-cornered hat" comparison of independent clocks (Gray & Allan 1974, "A method for
 * estimating the frequency stability of an individual oscillator", Proc. 28th Annual Symposium
 * on Frequency Control, 243–246) taken pairwise and bounded from above, with a robust scale
 * (MAD × 1.4826).
 *
 * What it cannot see is the beat-to-beat variation of pulse transit time shared by all three
 * (physiology: PRV is not HRV); the floor is therefore a lower bound for the difference from ECG.
 *
 * White timing noise σ per beat gives NN intervals noise √2·σ and successive differences √6·σ:
 * `rmssdNoiseFloorMs` (an RMSSD the noise alone would produce).
 */
import type { BeatFeature } from './BeatEngine.js';
import { MIN_BEAT_QUALITY } from './signalGaps.js';

/** Fewest beats (with all three timings) for an estimate. */
export const TIMING_NOISE_MIN_BEATS = 20;
/** Beats further apart than this are not consecutive for the estimate, s. */
const MAX_GAP_SEC = 2;

/** The beat-timing noise floor of these detections, ms; null when fewer than 20 usable beats. */
export function timingNoiseMs(detections: readonly BeatFeature[], fromSec = Number.NEGATIVE_INFINITY, toSec = Infinity): number | null {
  const b: BeatFeature[] = [];
  for (const d of detections) {
    if (d.tSec < fromSec || d.tSec > toSec) continue;
    if (d.quality >= MIN_BEAT_QUALITY && Number.isFinite(d.tUpSec) && Number.isFinite(d.tAlignSec)) b.push(d);
  }
  if (b.length < TIMING_NOISE_MIN_BEATS) return null;
  const times: ((d: BeatFeature) => number)[] = [(d) => d.tSec, (d) => d.tUpSec, (d) => d.tAlignSec];
  let worst = 0;
  const deltas: number[] = [];
  for (let a = 0; a < 3; a++) {
    for (let c = a + 1; c < 3; c++) {
      deltas.length = 0;
      for (let k = 1; k < b.length; k++) {
        if (b[k]!.tSec - b[k - 1]!.tSec > MAX_GAP_SEC) continue;
        const now = times[a]!(b[k]!) - times[c]!(b[k]!);
        const before = times[a]!(b[k - 1]!) - times[c]!(b[k - 1]!);
        deltas.push((now - before) * 1000);
      }
      if (deltas.length < TIMING_NOISE_MIN_BEATS - 1) continue;
      worst = Math.max(worst, robustSd(deltas) / Math.SQRT2);
    }
  }
  return worst;
}

/** The RMSSD that timing noise `noiseMs` per beat alone produces, ms (√6 · σ). */
export function rmssdNoiseFloorMs(noiseMs: number): number {
  return Math.sqrt(6) * noiseMs;
}

/** MAD × 1.4826 (a robust SD). */
function robustSd(x: number[]): number {
  // Typed-array sorts (numeric, no comparator calls): the same order statistics.
  const s = Float64Array.from(x).sort();
  const med = s[s.length >> 1]!;
  const dev = s.map((v) => Math.abs(v - med)).sort();
  return 1.4826 * dev[dev.length >> 1]!;
}

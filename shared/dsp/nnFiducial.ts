import { medianInPlace } from './quickselect.js';

/** Which point of each pulse a beat's NN interval is measured at. */
export type NnFiducial = 'systolic-peak' | 'max-upstroke-slope' | 'pulse-template';

export const NN_FIDUCIALS: readonly NnFiducial[] = ['systolic-peak', 'max-upstroke-slope', 'pulse-template'];

export interface NnFiducialSettings {
  /** Trailing beats over which each fiducial's consistency is measured. */
  windowBeats: number;
  /** Successive differences needed before the choice may leave the systolic peak. */
  minDiffs: number;
  /** Another fiducial takes over when its noise is below this fraction of the current one's. */
  switchRatio: number;
}

export const DEFAULT_NN_FIDUCIAL: NnFiducialSettings = { windowBeats: 24, minDiffs: 8, switchRatio: 0.85 };

/**
 * `NnFiducialSelector` — causal, per-beat choice of the pulse fiducial for the NN series.
 *
 * Each beat offers up to three timings: the systolic peak, the maximum upstroke slope (Peralta et
 * al. 2019, "Optimal fiducial points for pulse rate variability analysis from forehead and finger
 * PPG signals", Physiol Meas 40:025007) and the whole-pulse template alignment
 * ({@link PulseAligner}). Timing noise of a fiducial adds variance to successive interval
 * differences, whereas the heart's own variability is common to all three; so over the trailing
 * `windowBeats` beats (past and current beats only — no look-ahead beyond the detector's) the
 * fiducial with the smallest median absolute successive interval difference is the most
 * consistent one. The choice switches only when another fiducial is clearly quieter (below
 * `switchRatio` × the current one's), and starts at the systolic peak.
 *
 * The chosen time is expressed at the systolic peak: fiducial time + the trailing median of
 * (peak − fiducial), so a switch does not step the series. Because the decision uses only the
 * beats up to the current one, the live worker and the offline analysis (which run the same
 * detector) produce the same NN series from the same samples.
 */
export class NnFiducialSelector {
  private readonly s: NnFiducialSettings;
  private readonly n: number;
  /** Ring of [peak, up, template] times per beat. */
  private readonly times: Float64Array;
  /**
   * Ring of |successive interval difference| ending at each beat, per fiducial (NaN when either
   * interval is implausible or unknown): computed once when the beat arrives, read by every window
   * that holds it.
   */
  private readonly diffs: Float64Array;
  private count = 0;
  private current = 0; // index into NN_FIDUCIALS
  private readonly scratch: Float64Array;
  /** Beats timed with each fiducial so far. */
  readonly counts: Record<NnFiducial, number> = { 'systolic-peak': 0, 'max-upstroke-slope': 0, 'pulse-template': 0 };

  constructor(settings: Partial<NnFiducialSettings> = {}) {
    this.s = { ...DEFAULT_NN_FIDUCIAL, ...settings };
    this.n = Math.max(4, this.s.windowBeats);
    this.times = new Float64Array(3 * this.n);
    this.diffs = new Float64Array(3 * this.n);
    this.scratch = new Float64Array(this.n);
  }

  /** The next beat (in time order): its candidate times (NaN when unknown). Returns the NN time and the fiducial used. */
  push(peakSec: number, upSec: number, templateSec: number): { tSec: number; fiducial: NnFiducial } {
    const slot = (this.count % this.n) * 3;
    this.times[slot] = peakSec;
    this.times[slot + 1] = upSec;
    this.times[slot + 2] = templateSec;
    if (this.count >= 2) {
      const s1 = ((this.count - 1) % this.n) * 3;
      const s2 = ((this.count - 2) % this.n) * 3;
      for (let f = 0; f < 3; f++) {
        const a0 = this.times[s2 + f]!;
        const a1 = this.times[s1 + f]!;
        const a2 = this.times[slot + f]!;
        const i1 = a1 - a0;
        const i2 = a2 - a1;
        this.diffs[slot + f] = i1 > 0.25 && i1 < 2.5 && i2 > 0.25 && i2 < 2.5 ? Math.abs(i2 - i1) : NaN;
      }
    }
    this.count++;
    const m = Math.min(this.count, this.n);
    // Noise of each fiducial over the window; switch with hysteresis.
    const n0 = this.noise(0, m);
    const n1 = this.noise(1, m);
    const n2 = this.noise(2, m);
    let cur = this.current;
    let nCur = cur === 0 ? n0 : cur === 1 ? n1 : n2;
    if (!(nCur < Infinity)) {
      cur = 0;
      nCur = n0;
    }
    // In fiducial order, each one clearly quieter than the one chosen so far takes over.
    const r = this.s.switchRatio;
    if (n0 < r * nCur) {
      cur = 0;
      nCur = n0;
    }
    if (n1 < r * nCur) {
      cur = 1;
      nCur = n1;
    }
    if (n2 < r * nCur) cur = 2;
    this.current = cur;
    const own = this.times[slot + cur]!;
    let tSec = peakSec;
    let used: NnFiducial = 'systolic-peak';
    if (cur !== 0 && own === own) {
      const lag = this.lag(cur, m);
      if (lag === lag) {
        tSec = own + lag;
        used = NN_FIDUCIALS[cur]!;
      }
    }
    this.counts[used]++;
    return { tSec, fiducial: used };
  }

  reset(): void {
    this.count = 0;
    this.current = 0;
    for (const f of NN_FIDUCIALS) this.counts[f] = 0;
  }

  /** Median |successive interval difference| of fiducial f over the last m beats; Infinity when too few. */
  private noise(f: number, m: number): number {
    const first = this.count - m;
    const n = this.n;
    let k = 0;
    let slot = ((first + 2) % n) * 3 + f;
    for (let b = first + 2; b < this.count; b++) {
      const d = this.diffs[slot]!;
      if (d === d) this.scratch[k++] = d;
      slot += 3;
      if (slot >= 3 * n) slot -= 3 * n;
    }
    if (k < this.s.minDiffs) return Infinity;
    return medianInPlace(this.scratch, k);
  }

  /** Median (peak − fiducial f) over the last m beats, NaN when none. */
  private lag(f: number, m: number): number {
    const n = this.n;
    let k = 0;
    let slot = ((this.count - m) % n) * 3;
    for (let b = this.count - m; b < this.count; b++) {
      const d = this.times[slot]! - this.times[slot + f]!;
      if (d === d && Math.abs(d) < 0.5) this.scratch[k++] = d;
      slot += 3;
      if (slot === 3 * n) slot = 0;
    }
    return k > 0 ? medianInPlace(this.scratch, k) : NaN;
  }
}

import { SortedWindow } from './SortedWindow.js';

/** Which point of each pulse a beat's NN interval is measured at. */
export type NnFiducial = 'systolic-peak' | 'max-upstroke-slope' | 'pulse-template';

export const NN_FIDUCIALS: readonly NnFiducial[] = ['systolic-peak', 'max-upstroke-slope', 'pulse-template'];

export interface NnFiducialSettings {
  /** Trailing beats over which each fiducial's consistency is measured. */
  windowBeats: number;
  /**
   * Valid successive differences (of the window's `windowBeats` − 2) needed before a fiducial's
   * consistency is judged; a fiducial with fewer has no measure and is not compared.
   */
  minDiffs: number;
  /** Another fiducial takes over when its noise is below this fraction of the current one's. */
  switchRatio: number;
  /**
   * A beat is discordant (its timing unreliable) when the upstroke or the template alignment lies
   * more than this far (ms) from its usual lag to the systolic peak.
   */
  discordantMs: number;
  /** Valid lags in the window needed before a beat can be judged discordant. */
  minLags: number;
}

export const DEFAULT_NN_FIDUCIAL: NnFiducialSettings = { windowBeats: 24, minDiffs: 20, switchRatio: 0.85, discordantMs: 15, minLags: 12 };

/** What {@link NnFiducialSelector.push} decides for a beat. */
export interface NnFiducialChoice {
  /** NN time of the beat (s), expressed at the systolic peak. */
  tSec: number;
  /** The fiducial `tSec` comes from. */
  fiducial: NnFiducial;
  /**
   * How far the beat's upstroke or template time lies from its usual lag to the systolic peak (the
   * larger of the two), ms; NaN when neither can be judged yet.
   */
  discordMs: number;
  /** discordMs > `discordantMs`: the three fiducials disagree, so no single time for this beat can be trusted. */
  discordant: boolean;
}

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
 * `switchRatio` × the current one's).
 *
 * Until the current choice has a measure (`minDiffs` valid differences in the window: at the
 * start, and after beats left out of the window), the choice is the default: the template
 * alignment where the beat has one — the least-variance delay estimator of the three, as it uses
 * the whole pulse — else the systolic peak; and an unmeasured default is not compared with
 * anything. (A median over few differences misjudges: on the emulators' 7-bit CMS50 pulse the
 * systolic peak looked quieter over the first 8 beats at some sampling phases and was chosen,
 * with intervals up to 1.1 ms off where the template's stay within 0.8 ms.)
 *
 * The chosen time is expressed at the systolic peak: fiducial time + the trailing median of
 * (peak − fiducial), so a switch does not step the series. Because the decision uses only the
 * beats up to the current one, the live worker and the offline analysis (which run the same
 * detector) produce the same NN series from the same samples.
 *
 * Discordant beats. On a clean pulse the lags between the three fiducials hold within a few ms from
 * beat to beat; a beat deformed by motion, a respiratory swing of the baseline or a weak pulse moves
 * one of them away from the others. When the upstroke or the template alignment lies more than
 * `discordantMs` from its running median lag, the beat is `discordant`: whichever fiducial is
 * right, the beat's time cannot be trusted, and the NN series leaves out both its intervals
 * (`intervalsCorrect`'s `untimed`). On the real recordings with ECG R-peak truth, the intervals at
 * such beats were 30–50 ms off on average, against 3–6 ms for the rest (15 ms drops 1.5–3 % of the
 * intervals on bidmc01 and neurokit, more on the weak pulse of a103l).
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
  /** Ring of (peak − fiducial) per beat for fiducials 1 and 2 (NaN when unknown or ≥ 0.5 s). */
  private readonly lags: Float64Array;
  /**
   * Per fiducial, the valid successive differences of the noise window and the valid lags of the
   * lag window, in order: each beat adds one and retires one, and the medians are read off.
   */
  private readonly noiseWin: SortedWindow[];
  private readonly lagWin: SortedWindow[];
  private count = 0;
  private current = 0; // index into NN_FIDUCIALS
  /** Beats timed with each fiducial so far. */
  readonly counts: Record<NnFiducial, number> = { 'systolic-peak': 0, 'max-upstroke-slope': 0, 'pulse-template': 0 };

  constructor(settings: Partial<NnFiducialSettings> = {}) {
    this.s = { ...DEFAULT_NN_FIDUCIAL, ...settings };
    this.n = Math.max(4, this.s.windowBeats);
    this.times = new Float64Array(3 * this.n);
    this.diffs = new Float64Array(3 * this.n);
    this.lags = new Float64Array(3 * this.n);
    this.noiseWin = [0, 1, 2].map(() => new SortedWindow(this.n));
    this.lagWin = [0, 1, 2].map(() => new SortedWindow(this.n));
  }

  /** The next beat (in time order): its candidate times (NaN when unknown). Returns the NN time and the fiducial used. */
  push(peakSec: number, upSec: number, templateSec: number): NnFiducialChoice {
    const n = this.n;
    const c = this.count;
    const slot = (c % n) * 3;
    // Beat c − n leaves the lag window (its slot is taken now), beat c − n + 2 the noise window:
    // their values are read before the slot is overwritten, and each window then swaps its leaving
    // value for the arriving one in one step where both are valid (`SortedWindow.replace`).
    const full = c >= n;
    const out = ((c + 2) % n) * 3;
    for (let f = 1; f < 3; f++) {
      const old = full ? this.lags[slot + f]! : NaN;
      // (The systolic peak's own lag is 0 and never used.)
      const l = peakSec - (f === 1 ? upSec : templateSec);
      const ok = l === l && Math.abs(l) < 0.5;
      this.lags[slot + f] = ok ? l : NaN;
      const w = this.lagWin[f]!;
      if (old === old && ok) {
        if (!w.replace(old, l)) w.insert(l);
      } else if (old === old) {
        w.remove(old);
      } else if (ok) {
        w.insert(l);
      }
    }
    // The beat's distance from the usual lags (the windows now include this beat).
    let discordMs = Number.NaN;
    for (let f = 1; f < 3; f++) {
      const l = this.lags[slot + f]!;
      const w = this.lagWin[f]!;
      if (!(l === l) || w.size < this.s.minLags) continue;
      const d = Math.abs(l - w.median()) * 1000;
      if (!(d <= discordMs)) discordMs = d;
    }
    this.times[slot] = peakSec;
    this.times[slot + 1] = upSec;
    this.times[slot + 2] = templateSec;
    for (let f = 0; f < 3; f++) {
      const old = full ? this.diffs[out + f]! : NaN;
      let d = NaN;
      if (c >= 2) {
        const a0 = this.times[((c - 2) % n) * 3 + f]!;
        const a1 = this.times[((c - 1) % n) * 3 + f]!;
        const a2 = this.times[slot + f]!;
        const i1 = a1 - a0;
        const i2 = a2 - a1;
        d = i1 > 0.25 && i1 < 2.5 && i2 > 0.25 && i2 < 2.5 ? Math.abs(i2 - i1) : NaN;
        this.diffs[slot + f] = d;
      }
      const w = this.noiseWin[f]!;
      if (old === old && d === d) {
        if (!w.replace(old, d)) w.insert(d);
      } else if (old === old) {
        w.remove(old);
      } else if (d === d) {
        w.insert(d);
      }
    }
    this.count++;
    // Noise of each fiducial over the window; switch with hysteresis.
    const n0 = this.noise(0);
    const n1 = this.noise(1);
    const n2 = this.noise(2);
    let cur = this.current;
    let nCur = cur === 0 ? n0 : cur === 1 ? n1 : n2;
    if (!(nCur < Infinity)) {
      // No measure for the current choice: the default (the template where this beat has one).
      cur = templateSec === templateSec ? 2 : 0;
      nCur = cur === 2 ? n2 : n0;
    }
    // In fiducial order, each one clearly quieter than the one chosen so far takes over (an
    // unmeasured default stays until it is measured itself: there is nothing to compare with).
    if (nCur < Infinity) {
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
    }
    this.current = cur;
    const own = this.times[slot + cur]!;
    let tSec = peakSec;
    let used: NnFiducial = 'systolic-peak';
    if (cur !== 0 && own === own) {
      const lag = this.lagWin[cur]!.median();
      if (lag === lag) {
        tSec = own + lag;
        used = NN_FIDUCIALS[cur]!;
      }
    }
    // (Each count by its own name: one keyed access by a varying name is a slow, generic one.)
    if (used === 'systolic-peak') this.counts['systolic-peak']++;
    else if (used === 'max-upstroke-slope') this.counts['max-upstroke-slope']++;
    else this.counts['pulse-template']++;
    return { tSec, fiducial: used, discordMs, discordant: discordMs > this.s.discordantMs };
  }

  reset(): void {
    this.count = 0;
    this.current = 0;
    for (const w of this.noiseWin) w.clear();
    for (const w of this.lagWin) w.clear();
    for (const f of NN_FIDUCIALS) this.counts[f] = 0;
  }

  /**
   * Median |successive interval difference| of fiducial f over the last `windowBeats` beats (the
   * differences ending at the third beat of the window and later); Infinity when too few.
   */
  private noise(f: number): number {
    const w = this.noiseWin[f]!;
    return w.size < this.s.minDiffs ? Infinity : w.median();
  }
}

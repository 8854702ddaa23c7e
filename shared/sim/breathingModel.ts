/**
 * `BreathingModel`: the simulated person's breathing, advanced in model ticks.
 *
 * The state is a cumulative breath phase `phi` in cycles (integers = start of an inhale) and the
 * instantaneous breathing frequency. The lung-volume shape within a breath is the pacer's
 * (inhale fraction, holds; cosine ease) while paced, and a 42:58 inhale:exhale without holds
 * while breathing spontaneously (typical resting I:E of about 1:1.4).
 *
 * - Spontaneous (no pacer, before it starts, after it ends): the rate wanders around
 *   `breathingBpm` (AR(1) rate variability, 8 % s.d., 15 s correlation) and relaxes towards it
 *   with an 8 s time constant after pacing.
 * - Paced, compliance 1: the person breathes exactly with the pacer. On the first paced tick the
 *   phase snaps to the pacer's (to the nearest whole breath), after that it is the pacer's phase.
 * - Paced, 0 < compliance < 1: a phase-locked follower — rate = pacer rate · (1 + jitter) plus a
 *   correction proportional to the phase error (gain: one breath period), smoothed over 1.5 s.
 *   Rate jitter s.d. is 20 % · (1 − compliance). Occasional lapses (Poisson, 0.5 · (1 − c)/c per
 *   minute, 15–40 s each) drop the coupling and let the rate drift back to the spontaneous rate;
 *   afterwards the person re-locks to the pacer (possibly gaining or losing a breath).
 * - Compliance 0: the pacer is ignored.
 */
import {
  createPacerState,
  lungAtCycleFraction,
  pacerTiming,
  type PacerSchedule,
  type PacerTiming,
} from '../pacer/index.js';
import type { Rng } from './random.js';

export const SPONTANEOUS_INHALE_FRACTION = 0.42;
const SPONT_RATE_SD = 0.08;
const SPONT_RATE_TAU_SEC = 15;
const RELAX_TAU_SEC = 8;
const FOLLOW_TAU_SEC = 1.5;
const LAPSE_MIN_SEC = 15;
const LAPSE_MAX_SEC = 40;

export class BreathingModel {
  /** Cumulative breath phase, cycles; an integer is the start of an inhale. */
  phi: number;
  /** Instantaneous breathing frequency, Hz. */
  freqHz: number;
  /** Lung volume 0..1. */
  lung: number;
  /** Breath shape in use (its fractions matter, not its period). */
  timing: PacerTiming;
  /** Start time of the inhale that began during the last step, or NaN. */
  onsetSec = Number.NaN;

  private readonly spontTiming: PacerTiming;
  private readonly spontHz: number;
  private pacer: PacerSchedule | null = null;
  private readonly pst = createPacerState();
  private lastCycle: number;
  private locked = false;
  private offset = 0;
  private jitter = 0;
  private inLapse = false;
  private lapseEndSec = 0;
  private nextLapseSec = Number.NaN;

  constructor(
    breathingBpm: number,
    private readonly compliance: number,
    private readonly rng: Rng,
  ) {
    this.spontHz = breathingBpm / 60;
    this.spontTiming = pacerTiming({ rateBpm: breathingBpm, inhaleFraction: SPONTANEOUS_INHALE_FRACTION });
    this.phi = rng.next(); // start somewhere in the first breath
    this.lastCycle = Math.floor(this.phi);
    this.freqHz = this.spontHz;
    this.timing = this.spontTiming;
    this.lung = lungAtCycleFraction(this.timing, this.phi);
  }

  /** Follow `schedule` from now on (null: breathe spontaneously). */
  setPacer(schedule: PacerSchedule | null): void {
    this.pacer = schedule;
    this.locked = false;
  }

  /** Advance from `t0Sec` to `t1Sec` (one model tick). */
  step(t0Sec: number, t1Sec: number): void {
    const dt = t1Sec - t0Sec;
    const phiOld = this.phi;
    // Exactly one random draw per tick for the rate jitter, whatever the mode (reproducibility).
    const a = Math.exp(-dt / SPONT_RATE_TAU_SEC);
    this.jitter = a * this.jitter + Math.sqrt(1 - a * a) * this.rng.gaussian();

    const p = this.pacer;
    const st = this.pst;
    let paced = false;
    if (p !== null && this.compliance > 0 && t1Sec >= p.startSec) {
      p.at(t1Sec, st);
      paced = !st.finished;
    }
    let onsetHint = Number.NaN;
    if (paced && p !== null && this.compliance >= 1) {
      const target = st.breathIndex + st.breathPhaseRad / (2 * Math.PI);
      if (!this.locked) {
        this.offset = Math.round(this.phi - target);
        this.locked = true;
      }
      this.phi = target + this.offset;
      this.freqHz = st.rateBpm / 60;
      this.timing = p.segmentAt(t1Sec).timing;
      onsetHint = st.breathStartSec;
    } else if (paced && p !== null) {
      this.locked = false;
      const c = this.compliance;
      if (Number.isNaN(this.nextLapseSec)) this.nextLapseSec = t1Sec + this.lapseWait(c);
      if (!this.inLapse && t1Sec >= this.nextLapseSec) {
        this.inLapse = true;
        this.lapseEndSec = this.nextLapseSec + this.rng.uniform(LAPSE_MIN_SEC, LAPSE_MAX_SEC);
      }
      if (this.inLapse && t1Sec >= this.lapseEndSec) {
        this.inLapse = false;
        this.nextLapseSec = this.lapseEndSec + this.lapseWait(c);
      }
      const fp = st.rateBpm / 60;
      let target: number;
      let tau: number;
      if (this.inLapse) {
        target = this.spontHz * (1 + SPONT_RATE_SD * this.jitter);
        tau = RELAX_TAU_SEC;
      } else {
        const x = st.breathIndex + st.breathPhaseRad / (2 * Math.PI) - this.phi;
        const err = x - Math.round(x);
        target = fp * (1 + 0.2 * (1 - c) * this.jitter) + fp * err;
        tau = FOLLOW_TAU_SEC;
      }
      const lo = 0.5 * Math.min(fp, this.spontHz);
      const hi = 1.5 * Math.max(fp, this.spontHz);
      target = Math.min(hi, Math.max(lo, target));
      this.freqHz += (target - this.freqHz) * (1 - Math.exp(-dt / tau));
      this.phi += this.freqHz * dt;
      this.timing = p.segmentAt(t1Sec).timing;
    } else {
      this.locked = false;
      this.inLapse = false;
      this.nextLapseSec = Number.NaN;
      const target = this.spontHz * (1 + SPONT_RATE_SD * this.jitter);
      this.freqHz += (target - this.freqHz) * (1 - Math.exp(-dt / RELAX_TAU_SEC));
      this.phi += this.freqHz * dt;
      this.timing = this.spontTiming;
    }
    this.lung = lungAtCycleFraction(this.timing, this.phi);

    const cycle = Math.floor(this.phi);
    if (cycle > this.lastCycle) {
      this.lastCycle = cycle;
      if (onsetHint > t0Sec && onsetHint <= t1Sec) this.onsetSec = onsetHint;
      else {
        const f = this.phi > phiOld ? (cycle - phiOld) / (this.phi - phiOld) : 1;
        this.onsetSec = t0Sec + Math.min(1, Math.max(0, f)) * dt;
        if (this.onsetSec <= t0Sec) this.onsetSec = t1Sec;
      }
    } else {
      this.onsetSec = Number.NaN;
    }
  }

  private lapseWait(c: number): number {
    const perMin = (0.5 * (1 - c)) / c;
    return this.rng.exponential(perMin / 60);
  }
}

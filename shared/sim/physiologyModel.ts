/**
 * `PhysiologyModel`: the slow ("control") part of the simulator, advanced in 50 ms ticks, shared
 * by the waveform generator (`PpgSimulator`) and the fast beat-only simulation (`simulateBeatTimes`),
 * so both produce identical truth.
 *
 * Per tick: breathing (`BreathingModel`), heart rate (`HeartRateModel`), beat generation, motion
 * burst scheduling, the slowly varying baseline, and the truth record.
 *
 * Beats: integral pulse frequency modulation (IPFM; Bayly 1968, IEEE TBME 15:257–265; Mateo &
 * Laguna 2000, IEEE TBME 47:985–996): a beat fires each time ∫ HR(t)/60 dt reaches 1. HR is
 * linear between ticks, so the crossing is solved exactly from a quadratic. The integrator starts
 * at a random level so the first beat falls at a random point of the first interval.
 * Ectopic beats: after each normal beat, with probability ectopicPerMin / HR, the next beat is a
 * premature ventricular-type beat at 0.62–0.75 × the expected RR; the sinus beat it pre-empts is not
 * conducted while the sinus rhythm (the IPFM integrator) runs on, which gives the full compensatory
 * pause (pre + post interval = 2 RR). The premature pulse is weak (0.55 ×, less filling), the next
 * one stronger (1.25 ×, post-extrasystolic potentiation).
 *
 * Pulses: each beat puts a pulse (`pulseTemplate.ts`) at the ear after a pulse arrival time of
 * 0.18 s (± 2 ms jitter), its height scaled by breathing (respiratory-induced amplitude variation,
 * ±10 %, smaller during inspiration), by `weakPulses`, by the beat kind and by ±3 % random
 * variation. The baseline carries respiratory-induced intensity variation (±0.15 of the pulse
 * height with lung volume) and wander (three sinusoids 0.01–0.08 Hz, amplitude `wander`)
 * (cf. Charlton et al. 2017, Physiol Meas 38:669–690, on RIAV/RIIV/RIFV).
 * Beats whose pulse would overlap a clip-off interval are neither drawn nor recorded.
 */
import type { PacerSchedule } from '../pacer/index.js';
import { BreathingModel } from './breathingModel.js';
import { HeartRateModel } from './heartRateModel.js';
import { createPulseParams, PulseRing, shapePulse, systolicPeakSec, type PulseParams } from './pulseTemplate.js';
import { deriveSeed, Rng } from './random.js';
import type { SimOptions } from './simOptions.js';
import type { BeatKind, SimTruthRecorder } from './simTruth.js';

/** Model tick, seconds. */
export const TICK_SEC = 0.05;
export const PULSE_ARRIVAL_SEC = 0.18;
const RIAV = 0.1;
const RIIV = 0.15;
const ECTOPIC_AMP = 0.55;
const POST_ECTOPIC_AMP = 1.25;

/** One motion-artifact burst: two low-frequency swings under a Hann envelope plus random spikes. */
export interface MotionBurst {
  startSec: number;
  endSec: number;
  f1Hz: number;
  a1: number;
  p1: number;
  f2Hz: number;
  a2: number;
  p2: number;
  spikesPerSec: number;
  spikeAmp: number;
}

/** Random-stream numbers (see `deriveSeed`): one per random process. */
export const STREAM = Object.freeze({
  breathing: 1,
  heart: 2,
  beats: 3,
  ectopic: 4,
  motion: 5,
  wander: 6,
  noise: 7,
  motionSamples: 8,
  start: 9,
});

export class PhysiologyModel {
  /** Ticks computed so far (tick i is at i · TICK_SEC). */
  tickCount = 0;
  /** Pending and active pulses for the waveform (null in beat-only mode). */
  readonly pulses: PulseRing | null;
  /** Motion bursts not yet consumed by the waveform, in start order. */
  readonly bursts: MotionBurst[] = [];

  private readonly breath: BreathingModel;
  private readonly heart: HeartRateModel;
  private readonly beatRng: Rng;
  private readonly ectopicRng: Rng;
  private readonly motionRng: Rng;
  private readonly wanderHz: number[];
  private readonly wanderPhase: number[];
  private readonly baseline = new Float64Array(4);
  private hr0 = 0;
  private lung0 = 0;
  private ipfm: number;
  private ectopicAtSec = Number.NaN;
  private suppressNext = false;
  private postEctopic = false;
  private nextMotionSec: number;
  private clipIdx = 0;
  // The last drawn pulses, for the peak search (neighbours overlap).
  private readonly recent: PulseParams[] = [createPulseParams(), createPulseParams(), createPulseParams()];
  private recentCount = 0;
  private readonly peakScratch: PulseParams[] = [];
  private readonly candidate: PulseParams = createPulseParams();

  constructor(
    private readonly o: SimOptions,
    readonly truth: SimTruthRecorder,
    renderPulses: boolean,
  ) {
    const seed = o.seed;
    this.pulses = renderPulses ? new PulseRing(64) : null;
    this.breath = new BreathingModel(o.breathingBpm, o.compliance, new Rng(deriveSeed(seed, STREAM.breathing)));
    this.heart = new HeartRateModel(o, new Rng(deriveSeed(seed, STREAM.heart)));
    this.beatRng = new Rng(deriveSeed(seed, STREAM.beats));
    this.ectopicRng = new Rng(deriveSeed(seed, STREAM.ectopic));
    this.motionRng = new Rng(deriveSeed(seed, STREAM.motion));
    const wanderRng = new Rng(deriveSeed(seed, STREAM.wander));
    this.wanderHz = [0, 1, 2].map(() => wanderRng.uniform(0.01, 0.08));
    this.wanderPhase = [0, 1, 2].map(() => wanderRng.uniform(0, 2 * Math.PI));
    this.ipfm = new Rng(deriveSeed(seed, STREAM.start)).next();
    this.nextMotionSec = this.motionRng.exponential(o.motionPerMin / 60);
    // Tick 0.
    this.hr0 = this.heart.step(0, 0, this.breath);
    this.lung0 = this.breath.lung;
    this.baseline[0] = this.baselineValue(0, this.lung0);
    this.truth.pushTick(this.hr0, this.breath.freqHz * 60);
    this.recordClipOff(0);
    this.tickCount = 1;
  }

  /** Follow a pacer schedule from the next uncomputed tick on (null: spontaneous breathing). */
  setPacer(schedule: PacerSchedule | null): void {
    this.breath.setPacer(schedule);
  }

  /** Time of the next tick to compute, seconds. */
  get computedUntilSec(): number {
    return (this.tickCount - 1) * TICK_SEC;
  }

  /** Compute ticks until tick `i` exists. */
  ensureTick(i: number): void {
    while (this.tickCount <= i) this.computeTick(this.tickCount++);
  }

  /** Baseline (pulse units) at tick `i`; valid for the last four computed ticks. */
  baselineAtTick(i: number): number {
    return this.baseline[i & 3];
  }

  private baselineValue(tSec: number, lung: number): number {
    const w = this.wanderHz;
    const p = this.wanderPhase;
    const wander =
      0.5 * Math.sin(2 * Math.PI * w[0] * tSec + p[0]) +
      0.3 * Math.sin(2 * Math.PI * w[1] * tSec + p[1]) +
      0.2 * Math.sin(2 * Math.PI * w[2] * tSec + p[2]);
    return this.o.wander * wander - 2 * RIIV * (lung - 0.5);
  }

  private recordClipOff(tSec: number): void {
    const clips = this.o.clipOff;
    while (this.clipIdx < clips.length && clips[this.clipIdx][0] <= tSec) {
      const [startSec, endSec] = clips[this.clipIdx++];
      this.truth.artifacts.push({ startSec, endSec, kind: 'clip-off' });
    }
  }

  private computeTick(i: number): void {
    const t0 = (i - 1) * TICK_SEC;
    const t1 = i * TICK_SEC;
    const breath = this.breath;
    breath.step(t0, t1);
    if (!Number.isNaN(breath.onsetSec)) this.truth.breaths.tSec.push(breath.onsetSec);
    const hr1 = this.heart.step(t1, TICK_SEC, breath);
    const lung1 = breath.lung;

    this.beatsInTick(t0, t1, this.hr0, hr1, lung1);
    this.scheduleMotion(t1);
    this.recordClipOff(t1);

    this.baseline[i & 3] = this.baselineValue(t1, lung1);
    this.truth.pushTick(hr1, breath.freqHz * 60);
    this.hr0 = hr1;
    this.lung0 = lung1;
  }

  /** IPFM over [t0, t1] with HR linear from h0 to h1, plus a pending ectopic beat. */
  private beatsInTick(t0: number, t1: number, h0: number, h1: number, lung1: number): void {
    const dt = t1 - t0;
    const inc = (dt * (h0 + h1)) / 120;
    const need = 1 - this.ipfm;
    let tSinus = Number.NaN;
    if (inc >= need) {
      const b = h0 / 60;
      const a = (h1 - h0) / (120 * dt);
      const tau = Math.abs(a) < 1e-12 ? need / b : (-b + Math.sqrt(b * b + 4 * a * need)) / (2 * a);
      tSinus = t0 + Math.min(dt, Math.max(0, tau));
      this.ipfm = this.ipfm + inc - 1;
    } else {
      this.ipfm += inc;
    }
    const tEct = this.ectopicAtSec;
    if (!Number.isNaN(tSinus) && tSinus < tEct) {
      // The sinus beat came before the planned premature beat (HR rose): the premature beat is off.
      this.ectopicAtSec = Number.NaN;
    } else if (tEct <= t1) {
      this.ectopicAtSec = Number.NaN;
      this.suppressNext = true;
      this.emitBeat(tEct, 'ectopic', ECTOPIC_AMP, t0, t1, h0, h1, lung1);
    }
    if (Number.isNaN(tSinus)) return;
    if (this.suppressNext) {
      this.suppressNext = false;
      this.postEctopic = true;
      return;
    }
    const hrNow = h0 + ((h1 - h0) * (tSinus - t0)) / dt;
    this.emitBeat(tSinus, 'normal', this.postEctopic ? POST_ECTOPIC_AMP : 1, t0, t1, h0, h1, lung1);
    this.postEctopic = false;
    // Decide whether the next beat is premature (two draws per normal beat, always).
    const u = this.ectopicRng.next();
    const frac = this.ectopicRng.uniform(0.62, 0.75);
    if (this.o.ectopicPerMin > 0 && u < this.o.ectopicPerMin / hrNow) this.ectopicAtSec = tSinus + (frac * 60) / hrNow;
  }

  private emitBeat(
    tb: number,
    kind: BeatKind,
    ampFactor: number,
    t0: number,
    t1: number,
    h0: number,
    h1: number,
    lung1: number,
  ): void {
    const g1 = this.beatRng.gaussian();
    const g2 = this.beatRng.gaussian();
    const x = Math.min(1, Math.max(0, (tb - t0) / (t1 - t0)));
    const hr = h0 + (h1 - h0) * x;
    const lung = this.lung0 + (lung1 - this.lung0) * x;
    const foot = tb + PULSE_ARRIVAL_SEC + 0.002 * g2;
    let amp = ampFactor * (1 - 2 * RIAV * (lung - 0.5)) * (1 + 0.03 * g1);
    for (const [s, e, f] of this.o.weakPulses) if (foot >= s && foot < e) amp *= f;
    const cand = shapePulse(this.candidate, foot, 60 / hr, Math.max(0, amp));
    for (const [s, e] of this.o.clipOff) if (cand.footSec < e && cand.endSec > s) return; // not in the signal
    // Newest first; reuse the oldest slot.
    const slot = this.recent[2];
    this.recent[2] = this.recent[1];
    this.recent[1] = this.recent[0];
    this.recent[0] = Object.assign(slot, cand);
    this.recentCount = Math.min(3, this.recentCount + 1);
    const scratch = this.peakScratch;
    scratch.length = 0;
    scratch.push(slot);
    for (let k = 1; k < this.recentCount; k++) if (this.recent[k].endSec > slot.footSec) scratch.push(this.recent[k]);
    const peak = systolicPeakSec(scratch, slot);
    this.truth.beats.tSec.push(tb);
    this.truth.beats.peakTSec.push(peak);
    this.truth.beats.kind.push(kind);
    this.pulses?.push(slot);
  }

  private scheduleMotion(t1: number): void {
    while (this.nextMotionSec <= t1) {
      const r = this.motionRng;
      const startSec = this.nextMotionSec;
      const endSec = startSec + r.uniform(1, 4);
      this.bursts.push({
        startSec,
        endSec,
        f1Hz: r.uniform(0.3, 2.5),
        a1: r.uniform(0.8, 3),
        p1: r.uniform(0, 2 * Math.PI),
        f2Hz: r.uniform(0.3, 2.5),
        a2: r.uniform(0.5, 2),
        p2: r.uniform(0, 2 * Math.PI),
        spikesPerSec: r.uniform(2, 6),
        spikeAmp: r.uniform(1, 4),
      });
      this.truth.artifacts.push({ startSec, endSec, kind: 'motion' });
      this.nextMotionSec = endSec + r.exponential(this.o.motionPerMin / 60);
      if (this.pulses === null) this.bursts.length = 0; // beat-only mode draws no waveform
    }
  }
}

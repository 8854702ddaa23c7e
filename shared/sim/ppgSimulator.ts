/**
 * `PpgSimulator`: a deterministic, streaming, physiologically plausible ear-clip PPG source.
 *
 * The slow physiology (breathing that follows the pacer, heart rate with resonance RSA,
 * baroreflex wave and drift, IPFM beats, ectopic beats, motion-burst schedule) runs in 50 ms
 * ticks in `PhysiologyModel`; this class turns it into samples:
 *
 *   volts = 2.5 + 0.8 · (Σ pulses − 0.3 + baseline + motion) + noise
 *
 * quantised to `adcBits` (counts of a 0–5 V ADC) unless `adcBits` is 0. Only the pulses that
 * overlap the current sample are evaluated and no per-sample memory is allocated, so the
 * generator runs at several million samples per second and its state stays bounded however long
 * it runs (only `truth` grows, unless it keeps a window: `truthKeepSec`).
 *
 * Determinism: every random process draws from its own seeded stream in a fixed order per tick,
 * per beat or per sample, so the output depends only on the options, the seed and the times at
 * which `setPacer` is called — not on how `generate` calls are chunked.
 *
 * Motion bursts: a Hann-windowed sum of two 0.3–2.5 Hz swings (0.5–3 × the pulse height) plus
 * random spikes (2–6 per second, 1–4 × the pulse height, 30 ms decay); the ADC clips them at its rails.
 * Clip-off: the output drops to about 0.03 V (≈ 6 counts at 10 bits) plus a little noise.
 */
import { PacerSchedule, type PacerSettings } from '../pacer/index.js';
import { PhysiologyModel, STREAM, TICK_SEC } from './physiologyModel.js';
import { deriveSeed, Rng } from './random.js';
import { resolveSimOptions, type SimOptions } from './simOptions.js';
import { SimTruthRecorder, type SimTruth } from './simTruth.js';

/** Output scale: volts of a 0–5 V sensor. */
export const SIM_FULL_SCALE_V = 5;
export const SIM_BASELINE_V = 2.5;
export const SIM_PULSE_V = 0.8;
/** Mean of the pulse train (pulse units), removed so the signal sits around the baseline. */
const PULSE_OFFSET = 0.3;
const CLIP_OFF_V = 0.03;
const CLIP_OFF_NOISE_V = 0.004;
const SPIKE_DECAY_SEC = 0.03;

export class PpgSimulator {
  /** The resolved options (defaults filled in). */
  readonly options: Readonly<SimOptions>;
  readonly fsHz: number;
  private readonly recorder: SimTruthRecorder;
  private phys!: PhysiologyModel;
  private noiseRng!: Rng;
  private motionRng!: Rng;
  private sampleIndex = 0;
  private curTick = -1;
  private b0 = 0;
  private b1 = 0;
  private clipIdx = 0;
  private spike = 0;
  private readonly spikeDecay: number;
  private readonly noiseV: number;
  private readonly fullScale: number;

  /**
   * Throws a RangeError naming the bad options (see `validateSimOptions`). `truthKeepSec`: keep
   * only about that much of the newest truth (a live source running for hours); default all of it.
   */
  constructor(opts: Partial<SimOptions> = {}, { truthKeepSec }: { truthKeepSec?: number } = {}) {
    this.options = Object.freeze(resolveSimOptions(opts));
    const o = this.options;
    this.fsHz = o.fsHz;
    this.recorder = new SimTruthRecorder(TICK_SEC, o.resonanceBpm, o.rsaBpm, truthKeepSec);
    this.spikeDecay = Math.exp(-1 / (o.fsHz * SPIKE_DECAY_SEC));
    this.noiseV = o.noise * SIM_PULSE_V;
    this.fullScale = o.adcBits > 0 ? 2 ** o.adcBits - 1 : 0;
    this.reset();
  }

  /** What the simulator knows about the signal so far; the same object for the simulator's lifetime. */
  get truth(): SimTruth {
    return this.recorder;
  }

  /** Time of the next sample, seconds. */
  get tSec(): number {
    return this.sampleIndex / this.fsHz;
  }

  /**
   * Breathe with a pacer from now on: plain settings start a new pacer whose first inhale is at the
   * current sim time; a `PacerSchedule` is followed on its own clock (= the sim clock), and later
   * edits of that schedule are followed too. null = spontaneous breathing. The physiology runs one
   * 50 ms tick ahead of the samples, so a change is seen from the next uncomputed tick (≤ 50 ms late).
   * Throws a RangeError for invalid settings (see `validatePacerSettings`).
   */
  setPacer(p: PacerSettings | PacerSchedule | null): void {
    if (p === null) this.phys.setPacer(null);
    else if (p instanceof PacerSchedule) this.phys.setPacer(p);
    else this.phys.setPacer(new PacerSchedule(p, this.tSec));
  }

  /** Back to t = 0 with the same seed and no pacer; `truth` is emptied (same object). */
  reset(): void {
    const o = this.options;
    this.recorder.clear();
    this.phys = new PhysiologyModel(o, this.recorder, true);
    this.noiseRng = new Rng(deriveSeed(o.seed, STREAM.noise));
    this.motionRng = new Rng(deriveSeed(o.seed, STREAM.motionSamples));
    this.sampleIndex = 0;
    this.curTick = -1;
    this.clipIdx = 0;
    this.spike = 0;
  }

  /** The next `n` samples (sample i at `tSec + i / fsHz`). */
  generate(n: number): Float32Array {
    const out = new Float32Array(Math.max(0, Math.floor(n)));
    this.generateInto(out);
    return out;
  }

  /** Fill `out` (from `offset`) with the next samples, without allocating. Returns the number written. */
  generateInto(out: Float32Array, offset = 0): number {
    const phys = this.phys;
    const pulses = phys.pulses;
    if (pulses === null) return 0;
    const fs = this.fsHz;
    const invTick = 1 / TICK_SEC;
    const clips = this.options.clipOff;
    const bursts = phys.bursts;
    const noiseV = this.noiseV;
    const noiseRng = this.noiseRng;
    const fullScale = this.fullScale;
    const countsPerVolt = fullScale / SIM_FULL_SCALE_V;
    const spikeDecay = this.spikeDecay;
    // Hot state in locals (written back at the end).
    let sampleIndex = this.sampleIndex;
    let curTick = this.curTick;
    let b0 = this.b0;
    let b1 = this.b1;
    let spike = this.spike;
    let clipIdx = this.clipIdx;
    let clipStart = clipIdx < clips.length ? clips[clipIdx][0] : Infinity;
    let clipEnd = clipIdx < clips.length ? clips[clipIdx][1] : Infinity;
    let burstEnd = bursts.length > 0 ? bursts[0].endSec : Infinity;
    let burstStart = bursts.length > 0 ? bursts[0].startSec : Infinity;
    for (let i = offset; i < out.length; i++) {
      const t = sampleIndex / fs;
      sampleIndex++;
      const tt = t * invTick;
      const k = Math.floor(tt);
      if (k !== curTick) {
        phys.ensureTick(k + 1);
        b0 = phys.baselineAtTick(k);
        b1 = phys.baselineAtTick(k + 1);
        curTick = k;
        burstStart = bursts.length > 0 ? bursts[0].startSec : Infinity;
        burstEnd = bursts.length > 0 ? bursts[0].endSec : Infinity;
      }
      let x = b0 + (b1 - b0) * (tt - k) + pulses.sumAt(t) - PULSE_OFFSET;

      // Motion burst in progress?
      if (t >= burstStart) {
        while (bursts.length > 0 && t >= bursts[0].endSec) bursts.shift();
        burstStart = bursts.length > 0 ? bursts[0].startSec : Infinity;
        burstEnd = bursts.length > 0 ? bursts[0].endSec : Infinity;
        if (t >= burstStart && t < burstEnd) {
          const b = bursts[0];
          const w = Math.sin((Math.PI * (t - b.startSec)) / (b.endSec - b.startSec));
          x +=
            w * w * (b.a1 * Math.sin(2 * Math.PI * b.f1Hz * t + b.p1) + b.a2 * Math.sin(2 * Math.PI * b.f2Hz * t + b.p2));
          const u = this.motionRng.next();
          const sign = this.motionRng.next() < 0.5 ? -1 : 1;
          if (u < b.spikesPerSec / fs) spike += sign * b.spikeAmp;
        }
      }
      if (spike !== 0) {
        x += spike;
        spike *= spikeDecay;
        if (spike < 1e-6 && spike > -1e-6) spike = 0;
      }

      let v = SIM_BASELINE_V + SIM_PULSE_V * x;
      if (noiseV > 0) v += noiseV * noiseRng.gaussian();
      if (t >= clipStart) {
        while (t >= clipEnd) {
          clipIdx++;
          clipStart = clipIdx < clips.length ? clips[clipIdx][0] : Infinity;
          clipEnd = clipIdx < clips.length ? clips[clipIdx][1] : Infinity;
        }
        if (t >= clipStart) v = CLIP_OFF_V + CLIP_OFF_NOISE_V * noiseRng.gaussian();
      }

      if (fullScale > 0) {
        v = Math.round(v * countsPerVolt);
        v = v < 0 ? 0 : v > fullScale ? fullScale : v;
      }
      out[i] = v;
    }
    this.sampleIndex = sampleIndex;
    this.curTick = curTick;
    this.b0 = b0;
    this.b1 = b1;
    this.spike = spike;
    this.clipIdx = clipIdx;
    return out.length - offset;
  }
}

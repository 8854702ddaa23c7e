/**
 * The audio pacer of home practice: a soft tone that swells during each in-breath and fades
 * during each out-breath, exactly `breaths` breaths long, as 16-bit PCM samples.
 *
 * Per breath (timing from `pacerTiming`): the envelope e rises 0 → 1 over the inhale (raised
 * cosine: starts and ends gently), stays at 1 during the hold after the in-breath (a steady tone),
 * falls 1 → 0 over the exhale, and stays 0 during the hold after the out-breath (silence). Loudness
 * is `AMPLITUDE · e` and the pitch glides with it (G3 196 Hz at e = 0 → D4 294 Hz at e = 1), so the
 * direction can be heard as well as the loudness. The phase is accumulated sample by sample, so a
 * gliding pitch never jumps; every breath starts and ends at e = 0, and the file fades in and out
 * over `FADE_SEC` as well, so there are no clicks anywhere.
 *
 * `PacerAudioRenderer` is pure (no Node, no DOM) and renders in pieces (`next(count)`) so a long
 * file needs no large buffer.
 */
import { pacerTiming, type PacerSettings, type PacerTiming } from './pacerSettings.js';

export const PACER_AUDIO_SAMPLE_RATE = 22050;
/** Peak amplitude, share of full scale (a soft tone). */
export const PACER_AUDIO_AMPLITUDE = 0.35;
export const PACER_AUDIO_LOW_HZ = 196;
export const PACER_AUDIO_HIGH_HZ = 294;
/** Fade at the start and end of the file, seconds. */
export const FADE_SEC = 0.05;

/** Raised cosine 0 → 1 on x ∈ [0, 1]. */
const rise = (x: number): number => 0.5 - 0.5 * Math.cos(Math.PI * Math.min(1, Math.max(0, x)));

/** `breathEnvelope` — e(t) for t seconds into a breath (see the file comment). */
export function breathEnvelope(t: PacerTiming, sec: number): number {
  if (sec < t.inhaleEndSec) return rise(sec / t.inhaleSec);
  if (sec < t.holdInEndSec) return 1;
  if (sec < t.exhaleEndSec) return 1 - rise((sec - t.holdInEndSec) / t.exhaleSec);
  return 0;
}

export class PacerAudioRenderer {
  readonly timing: PacerTiming;
  /** Samples in the whole file. */
  readonly totalSamples: number;
  private pos = 0;
  private phase = 0;

  /** `settings` must be valid (validatePacerSettings); `breaths` ≥ 1 whole breaths. */
  constructor(
    settings: PacerSettings,
    readonly breaths: number,
    readonly sampleRate: number = PACER_AUDIO_SAMPLE_RATE,
  ) {
    if (!Number.isInteger(breaths) || breaths < 1) throw new RangeError(`breaths must be a whole number ≥ 1 (got ${breaths})`);
    this.timing = pacerTiming(settings);
    this.totalSamples = Math.round(breaths * this.timing.periodSec * sampleRate);
  }

  get done(): boolean {
    return this.pos >= this.totalSamples;
  }

  /** The next (up to) `count` samples; an empty array at the end. */
  next(count: number): Int16Array {
    const n = Math.max(0, Math.min(count, this.totalSamples - this.pos));
    const out = new Int16Array(n);
    const sr = this.sampleRate;
    const period = this.timing.periodSec;
    const fade = FADE_SEC * sr;
    for (let i = 0; i < n; i++) {
      const k = this.pos + i;
      const tSec = k / sr;
      const inBreath = tSec - Math.floor(tSec / period + 1e-12) * period;
      const e = breathEnvelope(this.timing, Math.max(0, inBreath));
      const f = PACER_AUDIO_LOW_HZ + (PACER_AUDIO_HIGH_HZ - PACER_AUDIO_LOW_HZ) * e;
      this.phase += (2 * Math.PI * f) / sr;
      if (this.phase > 2 * Math.PI) this.phase -= 2 * Math.PI;
      const edge = Math.min(1, k / fade, (this.totalSamples - 1 - k) / fade);
      // A little second harmonic makes the tone warmer than a bare sine.
      const wave = (Math.sin(this.phase) + 0.2 * Math.sin(2 * this.phase)) / 1.2;
      out[i] = Math.round(32767 * PACER_AUDIO_AMPLITUDE * e * Math.max(0, edge) * wave);
    }
    this.pos += n;
    return out;
  }
}

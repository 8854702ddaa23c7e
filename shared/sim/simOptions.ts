/**
 * Options of the PPG simulator (`PpgSimulator`, `simulatePpg`, `parseSimSpec`) with defaults and validation.
 *
 * Output units: with `adcBits` = 0 the samples are volts of a 0–5 V sensor output (baseline about
 * 2.5 V, a nominal pulse about 0.8 V high); with `adcBits` = N they are integer ADC counts
 * 0 .. 2^N − 1 of that voltage, like a PulseSensor read by an Arduino's 10-bit ADC.
 * Amplitudes of `noise`, `wander` and motion are relative to the nominal pulse height.
 */

export interface SimOptions {
  /** Sample rate, Hz (25–1000). */
  fsHz: number;
  /** Mean heart rate, beats/min. */
  hrBpm: number;
  /** Spontaneous breathing rate when no pacer is set, breaths/min. */
  breathingBpm: number;
  /** How closely breathing follows the pacer, 0..1 (1 = exactly; lower = rate jitter and lapses to spontaneous). */
  compliance: number;
  /** Breathing rate at which the heart-rate oscillation (RSA) is largest, breaths/min. */
  resonanceBpm: number;
  /** RSA amplitude at resonance, bpm: peak-to-trough HR swing there ≈ 2 · rsaBpm. */
  rsaBpm: number;
  /** Amplitude of the ~0.1 Hz baroreflex (Mayer) wave in heart rate, bpm. */
  baroreflex: number;
  /** Amplitude of the slow (< 0.03 Hz) heart-rate drift, bpm. */
  driftBpm: number;
  /** Standard deviation of the fast random heart-rate variability, bpm. */
  jitterBpm: number;
  /** Premature (ectopic) beats per minute, each followed by a compensatory pause. */
  ectopicPerMin: number;
  /** Motion-artifact bursts (1–4 s each) per minute. */
  motionPerMin: number;
  /** Intervals [startSec, endSec] in which the ear clip is off: near-zero noisy output, no beats. */
  clipOff: [number, number][];
  /** Intervals [startSec, endSec, factor] in which pulses are scaled by factor (weak pulse). */
  weakPulses: [number, number, number][];
  /**
   * Intervals [startSec, endSec, bpm] of exercise (a run block): the heart rate rises by `bpm` with a
   * 20-s time constant and falls back after the end with a 45-s one (a recovery to measure).
   */
  exercise: [number, number, number][];
  /** Gaussian noise, standard deviation relative to the nominal pulse height. */
  noise: number;
  /** Baseline wander amplitude relative to the nominal pulse height. */
  wander: number;
  /** Random seed; the same seed gives the same signal. */
  seed: number;
  /** ADC resolution in bits (6–16), or 0 for float output in volts. */
  adcBits: number;
  /** Playback speed of the live driver (not used by the generator itself). */
  speed: number;
}

export const DEFAULT_SIM_OPTIONS: Readonly<SimOptions> = Object.freeze({
  fsHz: 250,
  hrBpm: 72,
  breathingBpm: 12,
  compliance: 0.9,
  resonanceBpm: 5.5,
  rsaBpm: 7.5,
  baroreflex: 1,
  driftBpm: 2,
  jitterBpm: 0.7,
  ectopicPerMin: 0,
  motionPerMin: 0,
  clipOff: [],
  weakPulses: [],
  exercise: [],
  noise: 0.01,
  wander: 0.3,
  seed: 1,
  adcBits: 10,
  speed: 1,
});

type NumericKey = Exclude<keyof SimOptions, 'clipOff' | 'weakPulses' | 'exercise'>;

/** Allowed range of every numeric option (inclusive). */
export const SIM_OPTION_RANGES: Readonly<Record<NumericKey, readonly [number, number]>> = Object.freeze({
  fsHz: [25, 1000],
  hrBpm: [30, 200],
  breathingBpm: [2, 40],
  compliance: [0, 1],
  resonanceBpm: [2, 15],
  rsaBpm: [0, 40],
  baroreflex: [0, 20],
  driftBpm: [0, 30],
  jitterBpm: [0, 10],
  ectopicPerMin: [0, 30],
  motionPerMin: [0, 30],
  noise: [0, 2],
  wander: [0, 10],
  seed: [-4294967295, 4294967295],
  adcBits: [0, 16],
  speed: [0.01, 1000],
});

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** `validateSimOptions`: every problem with (partial) options, each message naming the option. */
export function validateSimOptions(opts: Partial<SimOptions>): string[] {
  if (opts === null || typeof opts !== 'object') return ['simulator options must be an object'];
  const errors: string[] = [];
  const known = new Set<string>(Object.keys(DEFAULT_SIM_OPTIONS));
  for (const key of Object.keys(opts)) {
    if (!known.has(key)) errors.push(`unknown simulator option '${key}'`);
  }
  for (const key of Object.keys(SIM_OPTION_RANGES) as NumericKey[]) {
    const v = opts[key];
    if (v === undefined) continue;
    const [lo, hi] = SIM_OPTION_RANGES[key];
    if (!isNum(v) || v < lo || v > hi) errors.push(`${key} must be a number in ${lo}..${hi} (got ${String(v)})`);
  }
  if (isNum(opts.adcBits) && opts.adcBits !== 0 && (opts.adcBits < 6 || !Number.isInteger(opts.adcBits)))
    errors.push(`adcBits must be 0 (float output) or a whole number 6..16 (got ${opts.adcBits})`);
  if (isNum(opts.seed) && !Number.isInteger(opts.seed)) errors.push(`seed must be a whole number (got ${opts.seed})`);
  if (opts.clipOff !== undefined) {
    if (!Array.isArray(opts.clipOff)) errors.push('clipOff must be a list of [startSec, endSec]');
    else
      opts.clipOff.forEach((iv, i) => {
        if (!Array.isArray(iv) || iv.length !== 2 || !isNum(iv[0]) || !isNum(iv[1]) || iv[0] < 0 || iv[1] <= iv[0])
          errors.push(`clipOff[${i}] must be [startSec, endSec] with 0 ≤ start < end (got ${JSON.stringify(iv)})`);
      });
  }
  if (opts.weakPulses !== undefined) {
    if (!Array.isArray(opts.weakPulses)) errors.push('weakPulses must be a list of [startSec, endSec, factor]');
    else
      opts.weakPulses.forEach((iv, i) => {
        if (
          !Array.isArray(iv) ||
          iv.length !== 3 ||
          !iv.every(isNum) ||
          iv[0] < 0 ||
          iv[1] <= iv[0] ||
          iv[2] < 0 ||
          iv[2] > 10
        )
          errors.push(
            `weakPulses[${i}] must be [startSec, endSec, factor] with 0 ≤ start < end and factor 0..10 (got ${JSON.stringify(iv)})`,
          );
      });
  }
  if (opts.exercise !== undefined) {
    if (!Array.isArray(opts.exercise)) errors.push('exercise must be a list of [startSec, endSec, bpm]');
    else
      opts.exercise.forEach((iv, i) => {
        if (!Array.isArray(iv) || iv.length !== 3 || !iv.every(isNum) || iv[0] < 0 || iv[1] <= iv[0] || iv[2] < 0 || iv[2] > 150)
          errors.push(`exercise[${i}] must be [startSec, endSec, bpm] with 0 ≤ start < end and bpm 0..150 (got ${JSON.stringify(iv)})`);
      });
  }
  return errors;
}

/**
 * `resolveSimOptions`: defaults filled in, lists copied, intervals sorted. Throws a RangeError naming
 * the bad options (validate first with `validateSimOptions` to avoid the throw).
 */
export function resolveSimOptions(opts: Partial<SimOptions> = {}): SimOptions {
  const errors = validateSimOptions(opts);
  if (errors.length > 0) throw new RangeError('invalid simulator options: ' + errors.join('; '));
  const o: SimOptions = { ...DEFAULT_SIM_OPTIONS, clipOff: [], weakPulses: [], exercise: [] };
  const target = o as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(opts)) if (value !== undefined) target[key] = value;
  o.clipOff = (opts.clipOff ?? []).map(([a, b]) => [a, b] as [number, number]).sort((x, y) => x[0] - y[0]);
  o.weakPulses = (opts.weakPulses ?? []).map(([a, b, f]) => [a, b, f] as [number, number, number]);
  o.exercise = (opts.exercise ?? []).map(([a, b, f]) => [a, b, f] as [number, number, number]);
  return o;
}

/**
 * `parseSimSpec`: simulator options from a sensor spec string, as used on the command line and in
 * the device list, e.g.
 *
 *   sim
 *   sim:fs=250,hr=72,breathing=6,seed=3,speed=10,resonance=5.5,noise=0.02,ectopic=2,motion=1,
 *       compliance=0.8,clipoff=30-40
 *
 * Keys (option, unit): fs (fsHz), hr (hrBpm), breathing (breathingBpm, spontaneous rate),
 * compliance, resonance (resonanceBpm), rsa (rsaBpm), baroreflex|baro, drift (driftBpm),
 * jitter (jitterBpm), ectopic (ectopicPerMin), motion (motionPerMin), noise, wander, seed,
 * bits|adc (adcBits, 0 = float volts), speed,
 * clipoff=START-END[;START-END…] (seconds; '+' also separates), weak=START-END*FACTOR[;…],
 * exercise=START-END*BPM[;…] (run blocks: the heart rate BPM higher, with rise and recovery).
 * Unknown keys, repeated keys and bad values give `{ error }` naming the key.
 */
import { resolveSimOptions, validateSimOptions, type SimOptions } from './simOptions.js';

type ScalarKey = Exclude<keyof SimOptions, 'clipOff' | 'weakPulses' | 'exercise'>;

const SCALAR_KEYS: Readonly<Record<string, ScalarKey>> = {
  fs: 'fsHz',
  hr: 'hrBpm',
  breathing: 'breathingBpm',
  compliance: 'compliance',
  resonance: 'resonanceBpm',
  rsa: 'rsaBpm',
  baroreflex: 'baroreflex',
  baro: 'baroreflex',
  drift: 'driftBpm',
  jitter: 'jitterBpm',
  ectopic: 'ectopicPerMin',
  motion: 'motionPerMin',
  noise: 'noise',
  wander: 'wander',
  seed: 'seed',
  bits: 'adcBits',
  adc: 'adcBits',
  speed: 'speed',
};

/** Every key `sim:key=value,…` takes. */
export const SIM_SPEC_KEYS: readonly string[] = [...Object.keys(SCALAR_KEYS), 'clipoff', 'weak', 'exercise'];

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const RANGE = /^(\d+(?:\.\d*)?|\.\d+)-(\d+(?:\.\d*)?|\.\d+)$/;

function parseIntervals(key: string, text: string, withFactor: boolean): [number, number, number][] | string {
  const out: [number, number, number][] = [];
  for (const part of text.split(/[;+]/)) {
    const p = part.trim();
    let range = p;
    let factor = 1;
    if (withFactor) {
      const star = p.split('*');
      if (star.length !== 2 || !NUMBER.test(star[1].trim()))
        return `bad value for '${key}': "${p}" (expected START-END*FACTOR, e.g. 10-20*0.3)`;
      range = star[0].trim();
      factor = Number(star[1]);
    }
    const m = RANGE.exec(range);
    if (m === null)
      return `bad value for '${key}': "${p}" (expected START-END in seconds, e.g. 30-40${withFactor ? '*0.3' : ''})`;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (!(b > a)) return `bad value for '${key}': "${p}" (end must be after start)`;
    out.push([a, b, factor]);
  }
  return out;
}

export function parseSimSpec(spec: string): SimOptions | { error: string } {
  if (typeof spec !== 'string') return { error: 'simulator spec must be a string' };
  const text = spec.trim();
  const m = /^sim(?::(.*))?$/i.exec(text);
  if (m === null) return { error: `not a simulator spec: "${spec}" (expected "sim" or "sim:key=value,…")` };
  const opts: Partial<SimOptions> = {};
  const seen = new Set<string>();
  const body = (m[1] ?? '').trim();
  if (body !== '') {
    for (const item of body.split(',')) {
      const eq = item.indexOf('=');
      if (eq < 0) return { error: `bad simulator setting "${item.trim()}" (expected key=value)` };
      const key = item.slice(0, eq).trim().toLowerCase();
      const value = item.slice(eq + 1).trim();
      if (seen.has(key)) return { error: `simulator key '${key}' given twice` };
      seen.add(key);
      if (key === 'clipoff' || key === 'weak' || key === 'exercise') {
        const iv = parseIntervals(key, value, key !== 'clipoff');
        if (typeof iv === 'string') return { error: iv };
        if (key === 'clipoff') opts.clipOff = iv.map(([a, b]) => [a, b]);
        else if (key === 'weak') opts.weakPulses = iv;
        else opts.exercise = iv;
        continue;
      }
      const option = SCALAR_KEYS[key];
      if (option === undefined)
        return {
          error: `unknown simulator key '${key}' (known: ${SIM_SPEC_KEYS.join(', ')})`,
        };
      if (!NUMBER.test(value)) return { error: `bad value for '${key}': "${value}" is not a number` };
      const problems = validateSimOptions({ [option]: Number(value) });
      if (problems.length > 0) return { error: `bad value for '${key}': ${problems.join('; ')}` };
      opts[option] = Number(value);
    }
  }
  const errors = validateSimOptions(opts);
  if (errors.length > 0) return { error: errors.join('; ') };
  return resolveSimOptions(opts);
}

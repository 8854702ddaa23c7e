/**
 * The sliding resonance-frequency protocol (Fisher & Lehrer 2022, "A method for more accurate
 * determination of resonance frequency of the cardiovascular system, and evaluation of a program
 * to perform it", Appl. Psychophysiol. Biofeedback 47:17–26): the pacer slides from 6.75 to 4.25
 * breaths/min over 78 breaths, the rate changing only at breath boundaries — breath k is paced at
 *   r_k = start + (end − start) · k / (breaths − 1),   k = 0 … breaths − 1
 * (a step of ≈ 0.0325 breaths/min per breath; ≈ 14.4 min in all with the defaults).
 */
import { PacerSchedule } from '../../pacer/index.js';
import { validatePacerSettings } from '../../pacer/pacerSettings.js';
import type { SlidingProtocolSettings } from './types.js';

export const DEFAULT_SLIDING_SETTINGS: Readonly<SlidingProtocolSettings> = Object.freeze({
  startRateBpm: 6.75,
  endRateBpm: 4.25,
  breaths: 78,
  inhaleFraction: 0.4,
  settleSec: 30,
});

export interface SlidingBreath {
  index: number;
  startSec: number;
  endSec: number;
  rateBpm: number;
}

export interface SlidingProtocol {
  settings: SlidingProtocolSettings;
  schedule: PacerSchedule;
  breaths: SlidingBreath[];
  startSec: number;
  endSec: number;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** `validateSlidingSettings`: every problem, as English sentences; empty = valid. */
export function validateSlidingSettings(s: Partial<SlidingProtocolSettings>): string[] {
  if (s === null || typeof s !== 'object') return ['sliding protocol settings must be an object'];
  const o = { ...DEFAULT_SLIDING_SETTINGS, ...s };
  const errors: string[] = [];
  if (!isNum(o.breaths) || !Number.isInteger(o.breaths) || o.breaths < 10 || o.breaths > 400)
    errors.push(`number of breaths must be a whole number 10–400 (got ${String(o.breaths)})`);
  if (!isNum(o.settleSec) || o.settleSec < 0) errors.push(`settling time must be a number of seconds ≥ 0 (got ${String(o.settleSec)})`);
  for (const key of ['startRateBpm', 'endRateBpm'] as const) {
    const p = validatePacerSettings({ rateBpm: o[key], inhaleFraction: o.inhaleFraction });
    if (p.length > 0) errors.push(`${key}: ${p.join('; ')}`);
  }
  if (errors.length === 0 && o.startRateBpm === o.endRateBpm) errors.push('start and end rate of a sliding protocol must differ');
  return errors;
}

/** Rate of breath `k` of a sliding protocol, breaths/min. */
export function slidingRateAt(s: SlidingProtocolSettings, k: number): number {
  return s.startRateBpm + ((s.endRateBpm - s.startRateBpm) * k) / (s.breaths - 1);
}

/** `buildSlidingProtocol`: the schedule (one segment per breath) and the breath table, from `startSec`. */
export function buildSlidingProtocol(
  settings: Partial<SlidingProtocolSettings> = {},
  startSec = 0,
): SlidingProtocol | { error: string } {
  const errors = validateSlidingSettings(settings);
  if (!isNum(startSec)) errors.push('the protocol start must be a finite time in seconds');
  if (errors.length > 0) return { error: errors.join('; ') };
  const s: SlidingProtocolSettings = { ...DEFAULT_SLIDING_SETTINGS, ...settings };
  const schedule = PacerSchedule.create({ rateBpm: slidingRateAt(s, 0), inhaleFraction: s.inhaleFraction }, startSec);
  if ('error' in schedule) return schedule;
  const breaths: SlidingBreath[] = [];
  let t = startSec;
  for (let k = 0; k < s.breaths; k++) {
    const rateBpm = slidingRateAt(s, k);
    if (k > 0) {
      const r = schedule.change({ rateBpm, inhaleFraction: s.inhaleFraction }, t);
      if ('error' in r) return { error: `breath ${k + 1}: ${r.error}` };
      t = r.effectiveSec;
    }
    breaths.push({ index: k, startSec: t, endSec: t + 60 / rateBpm, rateBpm });
    t += 60 / rateBpm;
  }
  const endSec = schedule.finishAt(t) ?? t;
  breaths[breaths.length - 1].endSec = endSec;
  return { settings: s, schedule, breaths, startSec, endSec };
}

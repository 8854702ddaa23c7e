/**
 * `validatePacerForm` — the breathing pacer's settings as the therapist types them (rate, inhale
 * share, holds, duration in minutes), each problem as a field issue (`{ field, code, params }`)
 * naming the ACTUAL rule broken: rate 3–12 per minute, a number at all, holds not negative,
 * duration 1–120 min (0 or empty: no fixed duration), and — only when every value is fine — in-
 * and out-breath each at least 1 s within the breath. The form runs it before sending; the core
 * runs it again (`validatePacerRequest`) on what reaches `startSession` / `setPacer`.
 */
import {
  PACER_MAX_INHALE_FRACTION,
  PACER_MAX_RATE_BPM,
  PACER_MIN_INHALE_FRACTION,
  PACER_MIN_RATE_BPM,
  PACER_MIN_STROKE_SEC,
  pacerTiming,
  type PacerSettings,
} from '../pacer/pacerSettings.js';
import { checkNumber } from './fieldChecks.js';
import { IssueCollector, type ValidationResult } from './validationResult.js';

/** A pacing session lasts 1–120 minutes (or has no fixed duration). */
export const PACER_MIN_DURATION_MIN = 1;
export const PACER_MAX_DURATION_MIN = 120;

/** What the pacer form edits; `durationMin` 0, null or absent = open-ended. */
export interface PacerFormInput {
  rateBpm: unknown;
  inhaleFraction: unknown;
  holdInSec?: unknown;
  holdOutSec?: unknown;
  durationMin?: unknown;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The form's values as pacer settings, or every problem with them (fields: rateBpm, inhaleFraction, holdInSec, holdOutSec, durationMin, holds). */
export function validatePacerForm(input: PacerFormInput): ValidationResult<PacerSettings> {
  return validate(input, true);
}

function validate(input: PacerFormInput, zeroIsOpenEnded: boolean): ValidationResult<PacerSettings> {
  const c = new IssueCollector();
  const o = (typeof input === 'object' && input !== null ? input : {}) as PacerFormInput;
  const rateBpm = checkNumber(c, 'rateBpm', o.rateBpm, { required: true, min: PACER_MIN_RATE_BPM, max: PACER_MAX_RATE_BPM });
  const inhaleFraction = checkNumber(c, 'inhaleFraction', o.inhaleFraction, {
    required: true,
    min: PACER_MIN_INHALE_FRACTION,
    max: PACER_MAX_INHALE_FRACTION,
  });
  const holdInSec = checkNumber(c, 'holdInSec', o.holdInSec, { min: 0 });
  const holdOutSec = checkNumber(c, 'holdOutSec', o.holdOutSec, { min: 0 });
  let durationMin: number | null = null;
  if (!(zeroIsOpenEnded && o.durationMin === 0)) {
    durationMin = checkNumber(c, 'durationMin', o.durationMin, { min: PACER_MIN_DURATION_MIN, max: PACER_MAX_DURATION_MIN });
  }
  const settings: PacerSettings = { rateBpm: rateBpm ?? 0, inhaleFraction: inhaleFraction ?? 0 };
  if (holdInSec) settings.holdInSec = holdInSec;
  if (holdOutSec) settings.holdOutSec = holdOutSec;
  if (durationMin !== null) settings.durationSec = Math.round(durationMin * 60);
  if (c.ok) {
    const t = pacerTiming(settings);
    if (t.inhaleSec < PACER_MIN_STROKE_SEC - 1e-9 || t.exhaleSec < PACER_MIN_STROKE_SEC - 1e-9) {
      const byHolds = t.holdInSec + t.holdOutSec > 0;
      c.add('phaseTooShort', byHolds ? 'holds' : 'inhaleFraction', {
        inhale: round1(t.inhaleSec),
        exhale: round1(t.exhaleSec),
        min: PACER_MIN_STROKE_SEC,
        period: round1(t.periodSec),
      });
    }
  }
  return c.result(settings);
}

/**
 * `validatePacerRequest` — pacer settings as they reach the core (`durationSec` in seconds): the
 * same rules as the form (the duration is checked in minutes, as the form shows it; 0 s is refused).
 */
export function validatePacerRequest(input: unknown): ValidationResult<PacerSettings> {
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const d = o.durationSec;
  const durationMin = d === undefined || d === null ? undefined : typeof d === 'number' ? d / 60 : d;
  const r = validate({ rateBpm: o.rateBpm, inhaleFraction: o.inhaleFraction, holdInSec: o.holdInSec, holdOutSec: o.holdOutSec, durationMin }, false);
  if (!r.ok) return r;
  // Exactly what was asked (seconds as given), not the form's rounding.
  const value: PacerSettings = { ...r.value };
  if (typeof d === 'number') value.durationSec = d;
  return { ok: true, value };
}

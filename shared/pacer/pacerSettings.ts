/**
 * Breathing-pacer settings, their validation and the derived per-breath timing.
 *
 * Timing rule (decided here, used everywhere): the breath period is exactly
 * `60 / rateBpm` seconds. Holds are carved out of that period, so the rate the
 * therapist sets is the rate the client breathes; inhale and exhale share what is
 * left by `inhaleFraction`. One breath is: inhale → hold-in → exhale → hold-out.
 *
 *   periodSec  = 60 / rateBpm
 *   activeSec  = periodSec − holdInSec − holdOutSec
 *   inhaleSec  = activeSec · inhaleFraction
 *   exhaleSec  = activeSec · (1 − inhaleFraction)
 */
import { errorText, type ErrorCode, type ErrorParams } from '../i18n/CadansError.js';

/** What the therapist sets on the pacer. */
export interface PacerSettings {
  /** Breaths per minute, 3–12 (the UI offers 0.1 steps; finer values are accepted so sliding protocols can use them). */
  rateBpm: number;
  /** Share of the breathing (non-hold) time spent inhaling, 0.1–0.9 (0.4 = 40:60, 0.5 = equal). */
  inhaleFraction: number;
  /** Hold after the inhale, seconds (default 0). Taken out of the breath period. */
  holdInSec?: number;
  /** Hold after the exhale, seconds (default 0). Taken out of the breath period. */
  holdOutSec?: number;
  /** Length of the pacing session in seconds; the breath in progress at that moment is completed. */
  durationSec?: number;
}

export const PACER_MIN_RATE_BPM = 3;
export const PACER_MAX_RATE_BPM = 12;
export const PACER_MIN_INHALE_FRACTION = 0.1;
export const PACER_MAX_INHALE_FRACTION = 0.9;
/** Inhale and exhale must each last at least this long, seconds. */
export const PACER_MIN_STROKE_SEC = 1;

/** Durations of the four parts of one breath, derived from `PacerSettings` (see the file comment). */
export interface PacerTiming {
  readonly rateBpm: number;
  readonly periodSec: number;
  readonly inhaleSec: number;
  readonly holdInSec: number;
  readonly exhaleSec: number;
  readonly holdOutSec: number;
  /** Time from the start of the breath to the end of inhale, hold-in and exhale, seconds. */
  readonly inhaleEndSec: number;
  readonly holdInEndSec: number;
  readonly exhaleEndSec: number;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A problem with pacer settings, coded (`pacer.*`, shown in the user's language with `errorText`). */
export interface PacerProblem {
  code: ErrorCode;
  params: ErrorParams;
}

const pct = (f: number): number => Math.round(f * 1000) / 10;
const sec2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * `pacerSettingsProblems`: every problem with `s`, coded (empty list = valid). Never throws, also
 * not on non-objects. An in- or out-breath shorter than 1 s says whether the holds or the
 * inhale:exhale ratio leave too little time.
 */
export function pacerSettingsProblems(s: unknown): PacerProblem[] {
  if (s === null || typeof s !== 'object') return [{ code: 'pacer.notObject', params: {} }];
  const p = s as Record<string, unknown>;
  const out: PacerProblem[] = [];
  const add = (code: ErrorCode, params: ErrorParams = {}): void => void out.push({ code, params });
  const rate = p.rateBpm;
  if (!isNum(rate)) add('pacer.rateNotNumber');
  else if (rate < PACER_MIN_RATE_BPM - 1e-9 || rate > PACER_MAX_RATE_BPM + 1e-9)
    add('pacer.rateRange', { min: PACER_MIN_RATE_BPM, max: PACER_MAX_RATE_BPM, got: String(rate), gotNum: rate });
  const f = p.inhaleFraction;
  if (!isNum(f)) add('pacer.inhaleNotNumber');
  else if (f < PACER_MIN_INHALE_FRACTION - 1e-9 || f > PACER_MAX_INHALE_FRACTION + 1e-9)
    add('pacer.inhaleRange', {
      min: String(PACER_MIN_INHALE_FRACTION),
      max: String(PACER_MAX_INHALE_FRACTION),
      got: String(Math.round(f * 1000) / 1000),
      minPct: pct(PACER_MIN_INHALE_FRACTION),
      maxPct: pct(PACER_MAX_INHALE_FRACTION),
      gotPct: pct(f),
    });
  for (const key of ['holdInSec', 'holdOutSec'] as const) {
    const v = p[key];
    if (v === undefined) continue;
    if (!isNum(v) || v < 0) add('pacer.hold', { key, got: String(v) });
  }
  const d = p.durationSec;
  if (d !== undefined && (!isNum(d) || d <= 0)) add('pacer.duration', { got: String(d) });
  if (out.length === 0) {
    const t = pacerTiming(s as PacerSettings);
    if (t.inhaleSec < PACER_MIN_STROKE_SEC - 1e-9 || t.exhaleSec < PACER_MIN_STROKE_SEC - 1e-9)
      add('pacer.strokeTooShort', {
        by: t.holdInSec + t.holdOutSec > 0 ? 'holds' : 'ratio',
        inhale: sec2(t.inhaleSec),
        exhale: sec2(t.exhaleSec),
        min: PACER_MIN_STROKE_SEC,
        period: sec2(t.periodSec),
      });
  }
  return out;
}

/**
 * `validatePacerSettings`: every problem with `s`, as readable English messages (the English
 * sentences of `pacerSettingsProblems`; empty list = valid). Never throws, also not on non-objects.
 */
export function validatePacerSettings(s: unknown): string[] {
  return pacerSettingsProblems(s).map((p) => errorText('en', { ...p, message: '' }));
}

/** `pacerTiming`: the four phase durations of one breath (no validation; call `validatePacerSettings` first). */
export function pacerTiming(s: PacerSettings): PacerTiming {
  const periodSec = 60 / s.rateBpm;
  const holdInSec = s.holdInSec ?? 0;
  const holdOutSec = s.holdOutSec ?? 0;
  const activeSec = periodSec - holdInSec - holdOutSec;
  const inhaleSec = activeSec * s.inhaleFraction;
  const exhaleSec = activeSec - inhaleSec;
  return {
    rateBpm: s.rateBpm,
    periodSec,
    inhaleSec,
    holdInSec,
    exhaleSec,
    holdOutSec,
    inhaleEndSec: inhaleSec,
    holdInEndSec: inhaleSec + holdInSec,
    exhaleEndSec: inhaleSec + holdInSec + exhaleSec,
  };
}

/** True when two settings describe the same breathing pattern (duration ignored). */
export function samePacerPattern(a: PacerSettings, b: PacerSettings): boolean {
  return (
    a.rateBpm === b.rateBpm &&
    a.inhaleFraction === b.inhaleFraction &&
    (a.holdInSec ?? 0) === (b.holdInSec ?? 0) &&
    (a.holdOutSec ?? 0) === (b.holdOutSec ?? 0)
  );
}

/**
 * A home-practice prescription: the breathing pattern a client practises at home (rate, in:out
 * ratio, holds), how long and how often a day, and the language of the handout. The ratio is
 * kept as the therapist wrote it ("4:6") and as the pacer uses it (`inhaleFraction` = in / (in + out),
 * see shared/pacer/pacerSettings.ts); the pacer's own rules (rate 3–12, inhale and exhale ≥ 1 s
 * after the holds) apply unchanged.
 *
 * `checkPrescription` never throws: it returns the settings or one sentence per problem in the
 * asked language (nl/en).
 */
import { validatePacerSettings, type PacerSettings } from '../pacer/pacerSettings.js';
import type { IsoDate, IsoDateTime } from './types.js';

export type PrescriptionLang = 'nl' | 'en';

/** What the therapist prescribes (validated). */
export interface PrescriptionSettings {
  rateBpm: number;
  /** The ratio as written, normalised ("4:6"). */
  ratio: string;
  /** in / (in + out), as the pacer uses it. */
  inhaleFraction: number;
  holdInSec: number;
  holdOutSec: number;
  minutes: number;
  timesPerDay: number;
  lang: PrescriptionLang;
}

export interface NewPrescription extends PrescriptionSettings {
  clientId: number;
  /** Date of the prescription (default: today). */
  date?: IsoDate;
}

export interface Prescription extends PrescriptionSettings {
  id: number;
  clientId: number;
  date: IsoDate;
  createdAt: IsoDateTime;
}

/** Raw input (CLI options, a form): numbers may still be text. */
export interface PrescriptionInput {
  rateBpm: unknown;
  ratio?: unknown;
  holdInSec?: unknown;
  holdOutSec?: unknown;
  minutes: unknown;
  timesPerDay?: unknown;
  lang?: unknown;
}

export const PRESCRIPTION_DEFAULT_RATIO = '1:1';
export const PRESCRIPTION_DEFAULT_TIMES_PER_DAY = 2;
export const PRESCRIPTION_MIN_MINUTES = 1;
export const PRESCRIPTION_MAX_MINUTES = 60;
export const PRESCRIPTION_MAX_TIMES_PER_DAY = 6;

type Problem =
  | { code: 'rate'; got: string }
  | { code: 'ratio'; got: string }
  | { code: 'hold'; which: 'in' | 'out'; got: string }
  | { code: 'minutes'; got: string }
  | { code: 'timesPerDay'; got: string }
  | { code: 'lang'; got: string }
  | { code: 'pattern'; detail: string };

const MESSAGES: Record<PrescriptionLang, (p: Problem) => string> = {
  en: (p) => {
    switch (p.code) {
      case 'rate': return `the rate must be a number of breaths per minute from 3 to 12 (got '${p.got}')`;
      case 'ratio': return `the ratio must be in:out with two positive numbers, e.g. 4:6, and the in-breath must be 10–90 % of the breath (got '${p.got}')`;
      case 'hold': return `the hold after the ${p.which === 'in' ? 'in-breath' : 'out-breath'} must be a number of seconds ≥ 0 (got '${p.got}')`;
      case 'minutes': return `the duration must be ${PRESCRIPTION_MIN_MINUTES}–${PRESCRIPTION_MAX_MINUTES} minutes (got '${p.got}')`;
      case 'timesPerDay': return `times per day must be a whole number from 1 to ${PRESCRIPTION_MAX_TIMES_PER_DAY} (got '${p.got}')`;
      case 'lang': return `the language must be nl or en (got '${p.got}')`;
      case 'pattern': return `this breathing pattern does not work: ${p.detail}`;
    }
  },
  nl: (p) => {
    switch (p.code) {
      case 'rate': return `het tempo moet een aantal ademhalingen per minuut van 3 tot 12 zijn (ingevuld: '${p.got}')`;
      case 'ratio': return `de verhouding moet in:uit zijn met twee positieve getallen, bijv. 4:6, en de inademing moet 10–90 % van de ademhaling zijn (ingevuld: '${p.got}')`;
      case 'hold': return `het vasthouden na de ${p.which === 'in' ? 'inademing' : 'uitademing'} moet een aantal seconden ≥ 0 zijn (ingevuld: '${p.got}')`;
      case 'minutes': return `de duur moet ${PRESCRIPTION_MIN_MINUTES}–${PRESCRIPTION_MAX_MINUTES} minuten zijn (ingevuld: '${p.got}')`;
      case 'timesPerDay': return `het aantal keer per dag moet een heel getal van 1 tot ${PRESCRIPTION_MAX_TIMES_PER_DAY} zijn (ingevuld: '${p.got}')`;
      case 'lang': return `de taal moet nl of en zijn (ingevuld: '${p.got}')`;
      case 'pattern': return `dit adempatroon past niet: de vasthoudtijden laten te weinig tijd over voor in- en uitademen (elk minstens 1 s)`;
    }
  },
};

const shown = (v: unknown): string => String(v).slice(0, 40);

/** A number from a number or a plain decimal text ("6", "5.5", "5,5"); NaN otherwise. */
function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return NaN;
  const t = v.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

/** `parseRatio` — "4:6" → in 4, out 6, inhaleFraction 0.4; null when malformed or outside 10–90 %. */
export function parseRatio(text: unknown): { text: string; inhaleFraction: number } | null {
  if (typeof text !== 'string') return null;
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*:\s*(\d+(?:[.,]\d+)?)\s*$/.exec(text);
  if (!m) return null;
  const a = toNumber(m[1]);
  const b = toNumber(m[2]);
  if (!(a > 0) || !(b > 0)) return null;
  const f = a / (a + b);
  if (f < 0.1 - 1e-9 || f > 0.9 + 1e-9) return null;
  return { text: `${a}:${b}`, inhaleFraction: f };
}

/** `checkPrescription` — validated settings, or the problems as sentences in `msgLang`. */
export function checkPrescription(
  input: PrescriptionInput,
  msgLang: PrescriptionLang = 'en',
): { ok: true; value: PrescriptionSettings } | { ok: false; errors: string[] } {
  const problems: Problem[] = [];
  const rate = toNumber(input.rateBpm);
  if (!(rate >= 3 && rate <= 12)) problems.push({ code: 'rate', got: shown(input.rateBpm) });
  const ratio = parseRatio(input.ratio ?? PRESCRIPTION_DEFAULT_RATIO);
  if (!ratio) problems.push({ code: 'ratio', got: shown(input.ratio) });
  const holdIn = input.holdInSec === undefined ? 0 : toNumber(input.holdInSec);
  if (!(holdIn >= 0)) problems.push({ code: 'hold', which: 'in', got: shown(input.holdInSec) });
  const holdOut = input.holdOutSec === undefined ? 0 : toNumber(input.holdOutSec);
  if (!(holdOut >= 0)) problems.push({ code: 'hold', which: 'out', got: shown(input.holdOutSec) });
  const minutes = toNumber(input.minutes);
  if (!(minutes >= PRESCRIPTION_MIN_MINUTES && minutes <= PRESCRIPTION_MAX_MINUTES)) problems.push({ code: 'minutes', got: shown(input.minutes) });
  const perDay = input.timesPerDay === undefined ? PRESCRIPTION_DEFAULT_TIMES_PER_DAY : toNumber(input.timesPerDay);
  if (!(Number.isInteger(perDay) && perDay >= 1 && perDay <= PRESCRIPTION_MAX_TIMES_PER_DAY)) problems.push({ code: 'timesPerDay', got: shown(input.timesPerDay) });
  const lang = input.lang ?? 'nl';
  if (lang !== 'nl' && lang !== 'en') problems.push({ code: 'lang', got: shown(lang) });
  if (problems.length === 0 && ratio) {
    const pattern = validatePacerSettings({ rateBpm: rate, inhaleFraction: ratio.inhaleFraction, holdInSec: holdIn, holdOutSec: holdOut });
    if (pattern.length > 0) problems.push({ code: 'pattern', detail: pattern.join('; ') });
  }
  if (problems.length > 0 || !ratio) return { ok: false, errors: problems.map(MESSAGES[msgLang]) };
  return {
    ok: true,
    value: {
      rateBpm: rate,
      ratio: ratio.text,
      inhaleFraction: ratio.inhaleFraction,
      holdInSec: holdIn,
      holdOutSec: holdOut,
      minutes,
      timesPerDay: perDay,
      lang: lang as PrescriptionLang,
    },
  };
}

/** The pacer settings of a prescription (one practice session). */
export function prescriptionPacer(p: PrescriptionSettings): PacerSettings {
  return { rateBpm: p.rateBpm, inhaleFraction: p.inhaleFraction, holdInSec: p.holdInSec, holdOutSec: p.holdOutSec, durationSec: p.minutes * 60 };
}

/**
 * Breaths in one practice session: minutes × rate, the breath in progress at the end completed
 * (as the pacer does), so 6/min for 10 min is exactly 60 breaths.
 */
export function prescribedBreaths(p: Pick<PrescriptionSettings, 'minutes' | 'rateBpm'>): number {
  return Math.ceil(p.minutes * p.rateBpm - 1e-9);
}

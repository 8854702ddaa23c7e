/**
 * The protocol form's draft (what the therapist types) and its conversion to the request's
 * settings: rates as text ("6,5 6 5,5 5 4,5" — decimal comma or point, separated by spaces or
 * semicolons), seconds as numbers. Validation is the protocol's own (`validateResonanceSettings`).
 */
import {
  DEFAULT_RESONANCE_SETTINGS,
  DEFAULT_SLIDING_SETTINGS,
  analysedLengthSec,
  resonanceSettingsProblems,
  validateResonanceSettings,
  type ResonanceProblem,
  type ResonanceProtocolSettings,
} from '../../../shared/dsp/resonance/index.js';
import type { ResonanceVariant } from '../../../shared/ipc/resonanceTypes.js';

export interface ResonanceDraft {
  variant: ResonanceVariant;
  ratesText: string;
  stepSec: number;
  settleSec: number;
  restSec: number;
  inhaleFraction: number;
}

/** The rates as the form shows them in `locale` ("6,5 6 5,5" / "6.5 6 5.5"). */
export function ratesToText(rates: readonly number[], locale: 'nl' | 'en'): string {
  return rates.map((r) => (locale === 'nl' ? String(r).replace('.', ',') : String(r))).join(' ');
}

export function defaultResonanceDraft(locale: 'nl' | 'en'): ResonanceDraft {
  const d = DEFAULT_RESONANCE_SETTINGS;
  return { variant: 'stepped', ratesText: ratesToText(d.ratesBpm, locale), stepSec: d.stepSec, settleSec: d.settleSec, restSec: d.restSec, inhaleFraction: d.inhaleFraction };
}

/** Rates typed as text; null when a part is not a number. */
export function parseRates(text: string): number[] | null {
  const parts = text.split(/[\s;]+/).filter((p) => p !== '');
  const rates = parts.map((p) => Number(p.replace(',', '.')));
  return rates.some((r) => !Number.isFinite(r)) ? null : rates;
}

/** The draft as request settings, or null when it cannot be run. */
export function draftToSettings(d: ResonanceDraft): Partial<ResonanceProtocolSettings> | null {
  if (d.variant === 'sliding') {
    const s = { inhaleFraction: d.inhaleFraction, settleSec: d.settleSec };
    return Number.isFinite(s.settleSec) && s.settleSec >= 0 ? s : null;
  }
  const ratesBpm = parseRates(d.ratesText);
  if (!ratesBpm) return null;
  const s: ResonanceProtocolSettings = { ratesBpm, stepSec: d.stepSec, settleSec: d.settleSec, restSec: d.restSec, inhaleFraction: d.inhaleFraction };
  return validateResonanceSettings(s).length === 0 ? s : null;
}

/** What is wrong with the stepped draft's settings, coded (empty when it can run or its rates are no numbers). */
export function draftProblems(d: ResonanceDraft): ResonanceProblem[] {
  if (d.variant === 'sliding') return [];
  const ratesBpm = parseRates(d.ratesText);
  if (!ratesBpm) return [];
  return resonanceSettingsProblems({ ratesBpm, stepSec: d.stepSec, settleSec: d.settleSec, restSec: d.restSec, inhaleFraction: d.inhaleFraction });
}

/** Rough total length of the protocol, s (each step rounded up to whole breaths). */
export function draftDurationSec(d: ResonanceDraft): number | null {
  if (d.variant === 'sliding') {
    const s = DEFAULT_SLIDING_SETTINGS;
    let t = 0;
    for (let k = 0; k < s.breaths; k++) t += 60 / (s.startRateBpm + ((s.endRateBpm - s.startRateBpm) * k) / (s.breaths - 1));
    return t;
  }
  const s = draftToSettings(d) as ResonanceProtocolSettings | null;
  if (!s) return null;
  return s.ratesBpm.reduce((sum, r, i) => sum + analysedLengthSec(r, s.stepSec, 0) + (i > 0 ? s.restSec : 0), 0);
}

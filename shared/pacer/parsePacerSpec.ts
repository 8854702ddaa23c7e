/**
 * `parsePacerSpec`: pacer settings from a short text, as typed on the command line.
 *
 *   "6"          6 breaths/min, inhale and exhale equal (inhaleFraction 0.5)
 *   "6:4-6"      6 breaths/min, inhale:exhale = 4:6 (inhaleFraction 0.4)
 *   "5.5:4-1-5-0" 5.5 breaths/min, inhale : hold-in : exhale : hold-out = 4:1:5:0,
 *               proportions of the breath period (here 10.9 s → 4.36 s, 1.09 s, 5.45 s, 0 s)
 *
 * A decimal comma is accepted ("6,5"). The result is validated with `validatePacerSettings`. A bad
 * spec gives `{ error, issues }`: the English line, and the problems as field issues (the pacer
 * form's rules, `validatePacerRequest`) for the user's language.
 */
import { validatePacerRequest } from '../domain/validatePacer.js';
import type { ValidationIssue } from '../domain/validationResult.js';
import { validatePacerSettings, type PacerSettings } from './pacerSettings.js';

/** A refused pacer spec: the English line and the problems as field issues. */
export interface PacerSpecError {
  error: string;
  issues: ValidationIssue[];
}

/** Inhale fraction used when the spec gives only a rate. */
export const DEFAULT_INHALE_FRACTION = 0.5;

const NUMBER = /^\d+(?:[.,]\d+)?$/;
const toNum = (s: string): number => Number(s.replace(',', '.'));

export function parsePacerSpec(spec: string): PacerSettings | PacerSpecError {
  const syntax = (error: string): PacerSpecError => ({ error, issues: [{ field: 'pacer', code: 'pacerSpec', params: { value: JSON.stringify(String(spec).slice(0, 40)) } }] });
  if (typeof spec !== 'string') return syntax('pacer spec must be a string');
  const text = spec.trim();
  if (text === '') return syntax('empty pacer spec (expected e.g. "6" or "6:4-6")');
  const [ratePart, ratioPart, ...rest] = text.split(':');
  if (rest.length > 0) return syntax(`pacer spec "${spec}" has more than one ':'`);
  if (!NUMBER.test(ratePart.trim()))
    return {
      error: `pacer rate "${ratePart}" is not a number of breaths per minute (e.g. "6" or "5.5")`,
      issues: [{ field: 'rateBpm', code: 'notANumber', params: { value: JSON.stringify(ratePart.slice(0, 30)) } }],
    };
  const settings: PacerSettings = { rateBpm: toNum(ratePart.trim()), inhaleFraction: DEFAULT_INHALE_FRACTION };
  if (ratioPart !== undefined) {
    const parts = ratioPart.split('-').map((p) => p.trim());
    if (parts.length !== 2 && parts.length !== 4)
      return syntax(`pacer ratio "${ratioPart}" must be inhale-exhale (e.g. 4-6) or inhale-holdIn-exhale-holdOut (e.g. 4-1-5-0)`);
    const bad = parts.find((p) => !NUMBER.test(p));
    if (bad !== undefined) return syntax(`pacer ratio part "${bad}" is not a non-negative number`);
    const v = parts.map(toNum);
    const [inh, holdIn, exh, holdOut] = v.length === 2 ? [v[0], 0, v[1], 0] : v;
    const total = inh + holdIn + exh + holdOut;
    if (inh <= 0 || exh <= 0) return syntax(`pacer ratio "${ratioPart}": inhale and exhale must be > 0`);
    settings.inhaleFraction = inh / (inh + exh);
    if (holdIn > 0 || holdOut > 0) {
      const periodSec = 60 / settings.rateBpm;
      settings.holdInSec = (periodSec * holdIn) / total;
      settings.holdOutSec = (periodSec * holdOut) / total;
    }
  }
  const errors = validatePacerSettings(settings);
  if (errors.length > 0) {
    const checked = validatePacerRequest(settings);
    const issues = checked.ok ? [{ field: 'pacer', code: 'pacerSpec' as const, params: { value: JSON.stringify(spec.slice(0, 40)) } }] : checked.issues;
    return { error: `pacer spec "${spec}": ${errors.join('; ')}`, issues };
  }
  return settings;
}

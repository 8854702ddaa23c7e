/**
 * The pacer form's draft (duration in minutes; 0 or empty = open-ended; an empty number field is
 * NaN) and its check by the shared domain validator (`validatePacerForm`), so the form and the
 * core refuse the same values for the same reasons. Field problems from the core (`pacer.rateBpm`,
 * `durationSec`) are mapped onto the form's fields.
 */
import { validatePacerForm } from '../../../shared/domain/validatePacer.js';
import type { ValidationIssue, ValidationResult } from '../../../shared/domain/validationResult.js';
import type { PacerSettings } from '../../../shared/pacer/pacerSettings.js';

/** What the form edits (duration in minutes; 0 = open-ended). */
export interface PacerDraft {
  rateBpm: number;
  inhaleFraction: number;
  holdInSec: number;
  holdOutSec: number;
  durationMin: number;
}

export const DEFAULT_DRAFT: PacerDraft = { rateBpm: 6, inhaleFraction: 0.4, holdInSec: 0, holdOutSec: 0, durationMin: 10 };

/** A number input's text as a draft value: empty is NaN (the field is empty, not 0). */
export const draftNumber = (text: string): number => (text.trim() === '' ? NaN : Number(text));

const given = (v: number): number | undefined => (Number.isNaN(v) ? undefined : v);

/** `checkDraft` — the draft as pacer settings (rate rounded to 0.1), or its field problems. */
export function checkDraft(d: PacerDraft): ValidationResult<PacerSettings> {
  const rate = given(d.rateBpm);
  return validatePacerForm({
    rateBpm: rate === undefined ? undefined : Math.round(rate * 10) / 10,
    inhaleFraction: d.inhaleFraction,
    holdInSec: given(d.holdInSec),
    holdOutSec: given(d.holdOutSec),
    durationMin: Number.isNaN(d.durationMin) ? 0 : d.durationMin,
  });
}

/** The form field a problem belongs to (`pacer.durationSec` → `durationMin`, `pacer.rateBpm` → `rateBpm`). */
export function formField(path: string): string {
  const last = path.slice(path.lastIndexOf('.') + 1);
  return last === 'durationSec' ? 'durationMin' : last;
}

/** Problems per form field (the first per field). */
export function issuesOfForm(issues: readonly ValidationIssue[]): Map<string, ValidationIssue> {
  const m = new Map<string, ValidationIssue>();
  for (const i of issues) {
    const f = formField(i.field);
    if (!m.has(f)) m.set(f, i);
  }
  return m;
}

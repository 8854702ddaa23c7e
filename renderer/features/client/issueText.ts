/**
 * Validation problems (`ValidationIssue`: message code, field path, parameters — see
 * shared/domain/validationMessages.ts) as sentences in the UI language. The same validators run in
 * the form (before sending) and in the core (which stores nothing when they object), so both
 * kinds of problem read the same. The wording and the rules for labels and parameters are shared
 * with the CLI (shared/i18n/issueText.ts); the texts are in the UI catalogue too.
 */
import { fieldTextWith, issueTextWith } from '../../../shared/i18n/issueText.js';
import type { ValidationIssue } from '../../../shared/domain/validationResult.js';
import type { Locale } from '../../../shared/i18n/locales.js';
import type { Fmt, Params, StringKey } from '../../app/i18n.js';

type T = (key: StringKey, params?: Params) => string;

/** Label of a field path: 'borg', '4dkl.distress', 'intervals[1].runMin'. */
export function fieldText(path: string, t: T): string {
  return fieldTextWith(path, t);
}

/** `issueText` — one problem as a sentence in the UI language (`locale`: that of `t`, for a coded detail). */
export function issueText(issue: ValidationIssue, t: T, fmt: Fmt, locale: Locale = 'nl'): string {
  return issueTextWith(issue, t, fmt, locale);
}

/** Problems per field path (first one wins), for marking the inputs. */
export function issuesByField(issues: readonly ValidationIssue[]): Map<string, ValidationIssue> {
  const m = new Map<string, ValidationIssue>();
  for (const i of issues) if (!m.has(i.field)) m.set(i.field, i);
  return m;
}

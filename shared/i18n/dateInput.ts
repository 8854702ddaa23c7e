/**
 * Typed dates in the app's language instead of the browser's `<input type=date>` (which follows
 * the browser's locale, e.g. mm/dd/yyyy): Dutch "dd-mm-jjjj", English "dd/mm/yyyy". Stored dates
 * stay ISO (YYYY-MM-DD).
 */
import type { Locale } from './locales.js';

/** The pattern shown as placeholder, in the language's own letters. */
export const DATE_PATTERN: Readonly<Record<Locale, string>> = { nl: 'dd-mm-jjjj', en: 'dd/mm/yyyy' };
const SEPARATOR: Readonly<Record<Locale, string>> = { nl: '-', en: '/' };

/** ISO "2026-12-03" as the language writes it ("03-12-2026" / "03/12/2026"); '' for ''. */
export function formatDateInput(locale: Locale, iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const sep = SEPARATOR[locale];
  return `${m[3]}${sep}${m[2]}${sep}${m[1]}`;
}

/**
 * A typed date (day first; '-', '/', '.' or ' ' between the parts, 1- or 2-digit day and month,
 * 4-digit year) as ISO, '' for an empty field, or null when it is not a real calendar date.
 * An ISO date typed as such is accepted too.
 */
export function parseDateInput(text: string): string | null {
  const s = text.trim();
  if (s === '') return '';
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const dmy = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(s);
  const [y, mo, d] = iso ? [+iso[1], +iso[2], +iso[3]] : dmy ? [+dmy[3], +dmy[2], +dmy[1]] : [NaN, NaN, NaN];
  if (!Number.isInteger(y) || mo < 1 || mo > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

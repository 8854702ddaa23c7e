/** The app's languages and the Intl locale each one formats numbers and dates with. */
import type { Locale } from '../ipc/apiTypes.js';

export type { Locale };
export { LOCALES, DEFAULT_LOCALE } from '../ipc/apiTypes.js';

/** BCP 47 tag of each language: Dutch as written in the Netherlands, British English. */
export const INTL_LOCALE: Readonly<Record<Locale, string>> = { nl: 'nl-NL', en: 'en-GB' };

export function isLocale(x: unknown): x is Locale {
  return x === 'nl' || x === 'en';
}

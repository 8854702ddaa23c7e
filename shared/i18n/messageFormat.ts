/**
 * The one message-formatting layer of Cadans (UI, reports, errors, CLI): ICU MessageFormat through
 * FormatJS `intl-messageformat` — `{name}` placeholders, `{n, plural, one {…} other {…}}`,
 * `{kind, select, …}` and Intl number/date arguments — in nl-NL (default) or en-GB.
 * Templates are compiled once per language and key. Tags (`<b>`) are plain text, not markup.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { Catalogue } from './catalogue.js';
import { INTL_LOCALE, type Locale } from './locales.js';

/** Values of a message's arguments: numbers are formatted by the message (plural, number), strings used as they are. */
export type MessageParams = Record<string, string | number | Date | null | undefined>;

export type Translate<K extends string> = (locale: Locale, key: K, params?: MessageParams) => string;

/**
 * A translator over one catalogue pair. A key missing in a language falls back to Dutch, then to the
 * key itself (never throws: a missing or broken template must not take a screen down).
 */
export function createTranslator<K extends string>(catalogues: Readonly<Record<Locale, Readonly<Record<K, string>>>>): Translate<K> {
  const compiled: Record<Locale, Map<string, IntlMessageFormat | null>> = { nl: new Map(), en: new Map() };
  const compile = (locale: Locale, key: K): IntlMessageFormat | null => {
    const cache = compiled[locale];
    let f = cache.get(key);
    if (f === undefined) {
      const table = catalogues[locale] as Catalogue;
      const template = Object.hasOwn(table, key) ? table[key] : (catalogues.nl as Catalogue)[key];
      try {
        f = template === undefined ? null : new IntlMessageFormat(template, INTL_LOCALE[locale], undefined, { ignoreTag: true });
      } catch {
        f = null;
      }
      cache.set(key, f);
    }
    return f;
  };
  return (locale, key, params) => {
    const f = compile(locale, key);
    if (f === null) return key;
    try {
      return String(f.format(cleanParams(params)));
    } catch {
      // An argument the template needs was not given: show the template's text, not an exception.
      return (catalogues[locale] as Catalogue)[key] ?? key;
    }
  };
}

function cleanParams(params: MessageParams | undefined): Record<string, string | number | Date> | undefined {
  if (!params) return undefined;
  const out: Record<string, string | number | Date> = {};
  for (const [k, v] of Object.entries(params)) out[k] = v === null || v === undefined ? '–' : v;
  return out;
}

/** Format one template directly (for templates not in a catalogue, e.g. in tests). */
export function formatTemplate(locale: Locale, template: string, params?: MessageParams): string {
  return String(new IntlMessageFormat(template, INTL_LOCALE[locale], undefined, { ignoreTag: true }).format(cleanParams(params)));
}

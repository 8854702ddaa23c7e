/**
 * Translations (Dutch default, English) and locale-aware formatting through Intl. Every string of
 * the UI is a key of `nl` (strings.nl.ts); `en` must have exactly the same keys (type-checked).
 * `{name}` placeholders are filled from `params`.
 */
import type { Locale } from '../../shared/ipc/apiTypes.js';
import { en } from './strings.en.js';
import { nl, type StringKey } from './strings.nl.js';
import { useApp } from './store.js';

export type { StringKey };
const TABLES: Record<Locale, Record<StringKey, string>> = { nl, en };
const INTL_LOCALE: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };

export type Params = Record<string, string | number>;

/** The string `key` in `locale`, placeholders filled in. */
export function translate(locale: Locale, key: StringKey, params?: Params): string {
  const s = TABLES[locale][key] ?? nl[key] ?? key;
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

/** Does `key` exist (for keys built at run time, e.g. hint and flag names)? */
export function hasKey(key: string): key is StringKey {
  return Object.hasOwn(nl, key);
}

export interface Fmt {
  /** Number with a fixed number of decimals ('–' for null/NaN). */
  num(v: number | null | undefined, digits?: number): string;
  date(iso: string | null): string;
  dateTime(iso: string | null): string;
  /** Seconds as m:ss or h:mm:ss. */
  duration(sec: number): string;
}

const cache = new Map<string, Intl.NumberFormat>();
const fmts = new Map<Locale, Fmt>();

/** The formatters of `locale` (created once per locale). */
export function makeFmt(locale: Locale): Fmt {
  let f = fmts.get(locale);
  if (!f) fmts.set(locale, (f = createFmt(locale)));
  return f;
}

function createFmt(locale: Locale): Fmt {
  const tag = INTL_LOCALE[locale];
  const nf = (digits: number): Intl.NumberFormat => {
    const k = `${tag}/${digits}`;
    let f = cache.get(k);
    if (!f) cache.set(k, (f = new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
    return f;
  };
  const dateF = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric' });
  const dtF = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  return {
    num: (v, digits = 0) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : nf(digits).format(v)),
    date: (iso) => (iso ? dateF.format(new Date(iso)) : '–'),
    dateTime: (iso) => (iso ? dtF.format(new Date(iso)) : '–'),
    duration: (sec) => {
      const s = Math.max(0, Math.round(sec));
      const h = Math.floor(s / 3600);
      const m = Math.floor((s % 3600) / 60);
      const ss = String(s % 60).padStart(2, '0');
      return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
    },
  };
}

/** React: `t(key, params)`, the locale and the formatters of the current language. */
export function useT(): { t: (key: StringKey, params?: Params) => string; locale: Locale; fmt: Fmt } {
  const locale = useApp((s) => s.settings.locale);
  return { t: (key, params) => translate(locale, key, params), locale, fmt: makeFmt(locale) };
}

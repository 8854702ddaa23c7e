/**
 * Numbers, dates and durations in the app's language through Intl (nl-NL: "6,5", "3 dec 2026";
 * en-GB: "6.5", "3 Dec 2026"). One cache of Intl formatters per language.
 */
import { INTL_LOCALE, type Locale } from './locales.js';

export interface Fmt {
  /** Number with a fixed number of decimals ('–' for null/NaN). */
  num(v: number | null | undefined, digits?: number): string;
  date(iso: string | null): string;
  dateTime(iso: string | null): string;
  /** Seconds as m:ss or h:mm:ss. */
  duration(sec: number): string;
}

const fmts = new Map<Locale, Fmt>();

/** The formatters of `locale` (created once per locale). */
export function makeFmt(locale: Locale): Fmt {
  let f = fmts.get(locale);
  if (!f) fmts.set(locale, (f = createFmt(locale)));
  return f;
}

function createFmt(locale: Locale): Fmt {
  const tag = INTL_LOCALE[locale];
  const nfs = new Map<number, Intl.NumberFormat>();
  const nf = (digits: number): Intl.NumberFormat => {
    let f = nfs.get(digits);
    if (!f) nfs.set(digits, (f = new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
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

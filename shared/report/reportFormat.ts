/**
 * `ReportFormat` — numbers, percentages, clock times and dates of a report through Intl in the
 * report's locale (nl-NL: "72,3", "12 maart 2025"; en-GB: "72.3", "12 March 2025"). Missing values
 * (null, undefined, NaN, ±Infinity) print as an em dash. Calendar dates (`YYYY-MM-DD`) are shown as
 * they are written (no time-zone shift); instants in `timeZone` (default: the system's).
 */
import { isIsoDate } from '../domain/dates.js';
import type { IsoDate, IsoDateTime } from '../domain/types.js';
import { REPORT_LOCALES, type ReportLang } from './reportMessages.js';

export const MISSING = '—';

const isNum = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** UTC midnight of a real calendar date `YYYY-MM-DD` in ms, or NaN (rejects 2025-02-30). */
function calendarMs(d: IsoDate | null | undefined): number {
  return isIsoDate(d) ? Date.parse(`${d}T00:00:00Z`) : NaN;
}

export class ReportFormat {
  readonly locale: string;
  private readonly numberFormats = new Map<string, Intl.NumberFormat>();
  private readonly dateLong: Intl.DateTimeFormat;
  private readonly dateShort: Intl.DateTimeFormat;
  private readonly dayMonth: Intl.DateTimeFormat;
  private readonly instantDate: Intl.DateTimeFormat;
  private readonly instantTime: Intl.DateTimeFormat;
  private readonly instantDateTime: Intl.DateTimeFormat;
  private readonly instantParts: Intl.DateTimeFormat;

  constructor(
    readonly lang: ReportLang,
    readonly timeZone?: string,
  ) {
    this.locale = REPORT_LOCALES[lang];
    const tz = timeZone ? { timeZone } : {};
    this.dateLong = new Intl.DateTimeFormat(this.locale, { dateStyle: 'long', timeZone: 'UTC' });
    this.dateShort = new Intl.DateTimeFormat(this.locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
    this.dayMonth = new Intl.DateTimeFormat(this.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    this.instantDate = new Intl.DateTimeFormat(this.locale, { dateStyle: 'long', ...tz });
    this.instantTime = new Intl.DateTimeFormat(this.locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...tz });
    this.instantDateTime = new Intl.DateTimeFormat(this.locale, { dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23', ...tz });
    this.instantParts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...tz });
  }

  private nf(min: number, max: number): Intl.NumberFormat {
    const key = `${min}/${max}`;
    let f = this.numberFormats.get(key);
    if (!f) {
      f = new Intl.NumberFormat(this.locale, { minimumFractionDigits: min, maximumFractionDigits: max });
      this.numberFormats.set(key, f);
    }
    return f;
  }

  /** `x` with exactly `decimals` decimals (grouping as the locale does); '—' when missing. */
  num(x: number | null | undefined, decimals = 1): string {
    return isNum(x) ? this.nf(decimals, decimals).format(x) : MISSING;
  }

  /** `x` with at most `decimals` decimals (axis ticks, pacer settings). */
  numShort(x: number | null | undefined, decimals = 2): string {
    return isNum(x) ? this.nf(0, decimals).format(x) : MISSING;
  }

  /** A number with its unit, separated by a no-break space ('—' without unit when missing). */
  unit(x: number | null | undefined, decimals: number, unit: string): string {
    return isNum(x) ? `${this.num(x, decimals)}\u00a0${unit}` : MISSING;
  }

  /** A percentage 0–100 with `decimals` decimals: "12,5 %" / "12.5%". */
  pct(x: number | null | undefined, decimals = 0): string {
    if (!isNum(x)) return MISSING;
    return this.lang === 'nl' ? `${this.num(x, decimals)}\u00a0%` : `${this.num(x, decimals)}%`;
  }

  /** A range "a–b" of numbers with at most `decimals` decimals. */
  range(a: number, b: number, decimals = 4): string {
    return `${this.numShort(a, decimals)}–${this.numShort(b, decimals)}`;
  }

  /** Session clock time: "m:ss" below an hour, else "h:mm:ss" (negative clamps to 0). */
  clock(tSec: number | null | undefined): string {
    if (!isNum(tSec)) return MISSING;
    const s = Math.max(0, Math.round(tSec));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const ss = String(s % 60).padStart(2, '0');
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
  }

  /** A duration: "4:59 min" / "1:02:03 h". */
  duration(sec: number | null | undefined): string {
    if (!isNum(sec)) return MISSING;
    return `${this.clock(sec)}\u00a0${sec >= 3600 ? 'h' : 'min'}`;
  }

  /** A duration in words for plain-language text: "9 s", "2 min 7 s", "1 uur 5 min" / "1 h 5 min" (whole seconds). */
  spokenDuration(sec: number | null | undefined): string {
    if (!isNum(sec)) return MISSING;
    const s = Math.max(0, Math.round(sec));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const parts: string[] = [];
    if (h > 0) parts.push(`${h}\u00a0${this.lang === 'nl' ? 'uur' : 'h'}`);
    if (m > 0) parts.push(`${m}\u00a0min`);
    if (h === 0 && (s % 60 > 0 || parts.length === 0)) parts.push(`${s % 60}\u00a0s`);
    return parts.join(' ');
  }

  /** Calendar date, long: "12 maart 2025" / "12 March 2025". */
  date(d: IsoDate | null | undefined): string {
    const ms = calendarMs(d);
    return Number.isFinite(ms) ? this.dateLong.format(ms) : MISSING;
  }

  /** Calendar date, short: "12-03-2025" / "12/03/2025". */
  shortDate(d: IsoDate | null | undefined): string {
    const ms = calendarMs(d);
    return Number.isFinite(ms) ? this.dateShort.format(ms) : MISSING;
  }

  /** Day and month of a day number (days since 1970-01-01), for date axes: "12 mrt." / "12 Mar". */
  dayMonthOfDay(day: number): string {
    return Number.isFinite(day) ? this.dayMonth.format(day * 86_400_000) : MISSING;
  }

  /** Date of an instant in the report's time zone, long. */
  instantDateText(t: IsoDateTime | null | undefined): string {
    const ms = t ? Date.parse(t) : NaN;
    return Number.isFinite(ms) ? this.instantDate.format(ms) : MISSING;
  }

  /** Time of day of an instant ("09:30"). */
  instantTimeText(t: IsoDateTime | null | undefined): string {
    const ms = t ? Date.parse(t) : NaN;
    return Number.isFinite(ms) ? this.instantTime.format(ms) : MISSING;
  }

  /** Date and time of an instant. */
  instantDateTimeText(t: IsoDateTime | null | undefined): string {
    const ms = t ? Date.parse(t) : NaN;
    return Number.isFinite(ms) ? this.instantDateTime.format(ms) : MISSING;
  }

  /** The calendar date (`YYYY-MM-DD`) of an instant in the report's time zone, or null. */
  localDateOf(t: IsoDateTime | null | undefined): IsoDate | null {
    const ms = t ? Date.parse(t) : NaN;
    if (!Number.isFinite(ms)) return null;
    const parts = this.instantParts.formatToParts(ms);
    const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  }
}

/** Day number (days since 1970-01-01) of a calendar date; NaN when invalid. */
export function dayNumber(d: IsoDate | null | undefined): number {
  const ms = calendarMs(d);
  return Number.isFinite(ms) ? Math.round(ms / 86_400_000) : NaN;
}

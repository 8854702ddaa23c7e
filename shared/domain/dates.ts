/**
 * Calendar dates (`YYYY-MM-DD`) and instants (ISO 8601) as used in the records.
 * Pure functions: "today" always comes from a `now` parameter, in the local time zone.
 */
import type { IsoDate, IsoDateTime } from './types.js';

/** Earliest plausible date of a record (dates of birth, questionnaire dates ...). */
export const EARLIEST_RECORD_DATE: IsoDate = '1900-01-01';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether `s` is a real calendar date written `YYYY-MM-DD` (rejects 2025-02-30). */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= daysInMonth;
}

/** Whether `s` is an ISO 8601 date-time with an explicit zone (`Z` or ±hh:mm) that parses. */
export function isIsoDateTime(s: unknown): s is IsoDateTime {
  return typeof s === 'string' && ISO_DATE_TIME.test(s) && isIsoDate(s.slice(0, 10)) && Number.isFinite(Date.parse(s));
}

/** The local calendar date of `now` as `YYYY-MM-DD`. */
export function localIsoDate(now: Date): IsoDate {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(now.getFullYear()).padStart(4, '0')}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whether ISO date `date` lies after the local date of `now`. Dates compare as strings. */
export function isFutureDate(date: IsoDate, now: Date): boolean {
  return date > localIsoDate(now);
}

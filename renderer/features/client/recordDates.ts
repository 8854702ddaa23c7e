/** Calendar helpers of the client page (local dates as `YYYY-MM-DD`, like the records). */
import { localIsoDate } from '../../../shared/domain/dates.js';
import type { Course, IsoDate } from '../../../shared/domain/types.js';

/** Today's local date. */
export function todayIso(): IsoDate {
  return localIsoDate(new Date());
}

/** The local date `days` before today. */
export function daysAgoIso(days: number): IsoDate {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return localIsoDate(d);
}

/** Whole days from `a` to `b` (ISO dates). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) - Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10))) / 86_400_000);
}

/** Week of the course a date falls in (1 = the first week), or null before the start. */
export function courseWeek(course: Course, date: IsoDate): number | null {
  const d = daysBetween(course.startDate, date);
  return d < 0 ? null : Math.floor(d / 7) + 1;
}

/** The course a date belongs to: the latest one that started on or before it. */
export function courseOn(courses: readonly Course[], date: IsoDate): Course | null {
  let best: Course | null = null;
  for (const c of courses) if (c.startDate <= date && (!best || c.startDate >= best.startDate)) best = c;
  return best;
}

/** `<input type="datetime-local">` value of a Date (local time, minutes). */
export function localDateTimeValue(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

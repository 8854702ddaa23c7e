/**
 * `buildPracticeLog` — the client's home practice per day against the prescription in force:
 * for each day of the last weeks (Monday to Sunday), the home sessions done (type 'home', by the
 * local date they started) and their minutes, beside the prescription of that day (the latest one
 * dated on or before it: times per day and minutes each). Pure: "today" comes from a parameter.
 */
import { localIsoDate } from './dates.js';
import type { Prescription } from './prescription.js';
import type { IsoDate, IsoDateTime, SessionType } from './types.js';

/** What a day asks: `timesPerDay` sessions of `minutes` minutes. */
export interface PracticeTarget {
  prescriptionId: number;
  timesPerDay: number;
  minutes: number;
}

export interface PracticeDay {
  date: IsoDate;
  /** Home sessions started that day. */
  sessions: number;
  /** Their minutes together (one decimal). */
  minutes: number;
  /** The prescription in force that day; null before the first one. */
  target: PracticeTarget | null;
  /** After today (nothing to count yet). */
  future: boolean;
}

export interface PracticeWeek {
  /** The Monday. */
  start: IsoDate;
  days: PracticeDay[];
  sessions: number;
  minutes: number;
  /** Sessions and minutes asked on the week's days up to today (0 without a prescription). */
  targetSessions: number;
  targetMinutes: number;
}

/** The sessions' fields the log needs (a `SessionListItem` has them). */
export interface PracticeSession {
  type: SessionType;
  startedAt: IsoDateTime;
  durationSec: number | null;
}

const DAY_MS = 86_400_000;
const utcMs = (d: IsoDate): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const isoOf = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);
/** The Monday of the week of `d`. */
const mondayOf = (d: IsoDate): IsoDate => isoOf(utcMs(d) - ((new Date(utcMs(d)).getUTCDay() + 6) % 7) * DAY_MS);
const round1 = (v: number): number => Math.round(v * 10) / 10;

/**
 * The log, newest week first: the weeks from the first prescription or home session (whichever is
 * earlier) to this week, at most `maxWeeks`; [] when there is neither.
 */
export function buildPracticeLog(sessions: readonly PracticeSession[], prescriptions: readonly Prescription[], now: Date, maxWeeks = 6): PracticeWeek[] {
  const today = localIsoDate(now);
  const home = sessions.filter((s) => s.type === 'home' && Number.isFinite(Date.parse(s.startedAt)));
  const byDay = new Map<IsoDate, { sessions: number; minutes: number }>();
  for (const s of home) {
    const day = localIsoDate(new Date(s.startedAt));
    const e = byDay.get(day) ?? { sessions: 0, minutes: 0 };
    e.sessions += 1;
    e.minutes += (s.durationSec ?? 0) / 60;
    byDay.set(day, e);
  }
  const rx = [...prescriptions].sort((a, b) => (a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1));
  const firsts = [...byDay.keys(), ...rx.map((p) => p.date)].sort();
  if (firsts.length === 0) return [];

  const thisWeek = mondayOf(today);
  const earliest = Math.max(utcMs(mondayOf(firsts[0]! < today ? firsts[0]! : today)), utcMs(thisWeek) - (maxWeeks - 1) * 7 * DAY_MS);
  const weeks: PracticeWeek[] = [];
  for (let w = utcMs(thisWeek); w >= earliest; w -= 7 * DAY_MS) {
    const days: PracticeDay[] = [];
    for (let i = 0; i < 7; i++) {
      const date = isoOf(w + i * DAY_MS);
      let inForce: Prescription | null = null;
      for (const p of rx) if (p.date <= date) inForce = p;
      const done = byDay.get(date);
      days.push({
        date,
        sessions: done?.sessions ?? 0,
        minutes: round1(done?.minutes ?? 0),
        target: inForce ? { prescriptionId: inForce.id, timesPerDay: inForce.timesPerDay, minutes: inForce.minutes } : null,
        future: date > today,
      });
    }
    const counted = days.filter((d) => !d.future);
    weeks.push({
      start: isoOf(w),
      days,
      sessions: days.reduce((a, d) => a + d.sessions, 0),
      minutes: round1(days.reduce((a, d) => a + d.minutes, 0)),
      targetSessions: counted.reduce((a, d) => a + (d.target?.timesPerDay ?? 0), 0),
      targetMinutes: counted.reduce((a, d) => a + (d.target ? d.target.timesPerDay * d.target.minutes : 0), 0),
    });
  }
  return weeks;
}

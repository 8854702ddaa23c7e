/**
 * Where a client is in their run/walk programme, from what was done: per programme week the
 * sessions planned and done (a day with a run session or a running-log entry counts once), the
 * longest continuous run planned and done, the next session's blocks, and the heart-rate-recovery
 * trend of the runs. Dates are calendar dates (YYYY-MM-DD); week n covers days 7(n−1) … 7n − 1
 * from the start date.
 */
import { weekLoad, type ProgrammeBlock, type RunProgramme } from './programme.js';

/** One run that was done: a 'run' session (imported or live) or a running-log entry. */
export interface RunDone {
  date: string;
  /** Longest continuous run, s (null when unknown). */
  longestRunSec: number | null;
  hrr60Bpm: number | null;
  hrr120Bpm: number | null;
}

export interface ProgrammeWeekProgress {
  week: number;
  fromDate: string;
  toDate: string;
  planned: number;
  done: number;
  plannedLongestRunSec: number;
  longestRunSec: number | null;
}

export interface ProgrammeStatus {
  programmeId: number;
  state: 'notStarted' | 'active' | 'finished';
  /** The week `today` falls in (null before the start or after the end). */
  currentWeek: number | null;
  /** The next session to do: its week and blocks (null when the programme is over). */
  next: { week: number; blocks: ProgrammeBlock[] } | null;
  weeks: ProgrammeWeekProgress[];
  hrrTrend: { date: string; hrr60Bpm: number | null; hrr120Bpm: number | null }[];
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string): number => Math.floor(Date.parse(iso.slice(0, 10) + 'T00:00:00Z') / DAY_MS);
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The programme week of `date` (1-based; ≤ 0 before the start, > weeks after the end). */
export function programmeWeekOf(startDate: string, date: string): number {
  return Math.floor((dayNumber(date) - dayNumber(startDate)) / 7) + 1;
}

export function programmeStatus(programme: RunProgramme, done: readonly RunDone[], today: string): ProgrammeStatus {
  const start = dayNumber(programme.startDate);
  const n = programme.weeks.length;
  const weeks: ProgrammeWeekProgress[] = programme.weeks.map((w, i) => ({
    week: i + 1,
    fromDate: isoOf(start + 7 * i),
    toDate: isoOf(start + 7 * i + 6),
    planned: w.sessionsPerWeek,
    done: 0,
    plannedLongestRunSec: weekLoad(w).longestRunSec,
    longestRunSec: null,
  }));
  const days = new Map<number, Set<string>>();
  for (const d of done) {
    const wk = programmeWeekOf(programme.startDate, d.date);
    if (wk < 1 || wk > n) continue;
    const row = weeks[wk - 1]!;
    const set = days.get(wk) ?? new Set<string>();
    set.add(d.date.slice(0, 10));
    days.set(wk, set);
    row.done = set.size;
    if (d.longestRunSec !== null && (row.longestRunSec === null || d.longestRunSec > row.longestRunSec)) row.longestRunSec = d.longestRunSec;
  }
  const current = programmeWeekOf(programme.startDate, today);
  const state = current < 1 ? 'notStarted' : current > n ? 'finished' : 'active';
  let next: ProgrammeStatus['next'] = null;
  if (state === 'notStarted') next = { week: 1, blocks: programme.weeks[0]!.blocks };
  else if (state === 'active') {
    const row = weeks[current - 1]!;
    const wk = row.done < row.planned ? current : current + 1;
    if (wk <= n) next = { week: wk, blocks: programme.weeks[wk - 1]!.blocks };
  }
  const hrrTrend = done
    .filter((d) => d.hrr60Bpm !== null || d.hrr120Bpm !== null)
    .map((d) => ({ date: d.date.slice(0, 10), hrr60Bpm: d.hrr60Bpm, hrr120Bpm: d.hrr120Bpm }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { programmeId: programme.id, state, currentWeek: state === 'active' ? current : null, next, weeks, hrrTrend };
}

// A simulated 9-week running-therapy course for the report tests: a client (date of birth, so
// HRmax is age-predicted) with a breathing session before the course (its mean HR is the resting
// HR of the zones), the standard 9-week programme, and 9 weeks × 3 runs as FIT files made with the
// FIT SDK Encoder (runFiles.ts), each imported as a 'run' session (main/running/importRun.ts) and
// logged in the running log with a Borg rating that rises over the weeks. Run n of week w is on
// day 7(w − 1) + 2n of the programme, 08:00 UTC.
import { importRun } from '../../main/running/importRun.js';
import { parseRunBytes } from '../../main/running/readRunFile.js';
import type { Storage } from '../../main/storage/storage.js';
import { programmeTemplate, type ProgrammeWeek } from '../../shared/running/programme.js';
import { runningLogDraft } from '../../shared/running/runningLogDraft.js';
import { fitFile, type ProfileBlock } from './runFiles.js';

export const COURSE_WEEKS = 9;
export const RUNS_PER_WEEK = 3;
/** Borg of every run in week w (index w − 1): "moderate" at first, harder as the runs get longer. */
export const COURSE_BORG = [11, 11, 12, 12, 12, 13, 13, 14, 14] as const;
export const COURSE_REST_HR = 62;

export interface SeededCourse {
  clientId: number;
  programmeId: number;
  startDate: string;
  weeks: ProgrammeWeek[];
  /** Per week, the longest continuous run the import found (s), the most of its three runs. */
  longestRunSecByWeek: number[];
  sessionIds: number[];
}

const DAY_MS = 86_400_000;

/** The programme week's session as the watch records it: warm-up and cool-down are walking. */
export function profileOf(week: ProgrammeWeek): ProfileBlock[] {
  return week.blocks.map((b) => ({ kind: b.kind === 'run' ? 'run' : 'walk', sec: b.sec }));
}

export function seedRunCourse(storage: Storage, opts: { name: string; startDate: string; now: Date }): SeededCourse {
  const client = storage.clients.create({ name: opts.name, dateOfBirth: '1984-03-15' }, opts.now);
  const start = Date.parse(opts.startDate + 'T00:00:00Z');
  const rest = storage.sessions.create({ clientId: client.id, type: 'breathing', startedAt: new Date(start - 3 * DAY_MS + 9 * 3600_000).toISOString(), sensorSpec: 'sim', fsHz: 1 });
  storage.sessions.setSummary(rest.id, { meanHrBpm: COURSE_REST_HR });
  storage.sessions.setStatus(rest.id, 'complete', new Date(start - 3 * DAY_MS + 9 * 3600_000 + 600_000).toISOString());
  const weeks = programmeTemplate({ weeks: COURSE_WEEKS, sessionsPerWeek: RUNS_PER_WEEK });
  const programme = storage.runProgrammes.create({ clientId: client.id, name: `${opts.name}: 9 weken`, startDate: opts.startDate, weeks }, opts.now);
  const longestRunSecByWeek: number[] = [];
  const sessionIds: number[] = [];
  weeks.forEach((week, w) => {
    let longest = 0;
    for (let n = 0; n < RUNS_PER_WEEK; n++) {
      const at = new Date(start + (7 * w + 2 * n) * DAY_MS + 8 * 3600_000);
      const file = `week${w + 1}-run${n + 1}.fit`;
      const track = parseRunBytes(fitFile(profileOf(week), { start: at }), file, '.fit');
      const { sessionId, summary } = importRun(storage, client.id, track, file);
      sessionIds.push(sessionId);
      longest = Math.max(longest, summary.longestRunSec);
      const draft = runningLogDraft(client.id, null, at.toISOString(), summary, sessionId);
      storage.runningLog.create({ ...draft, borg: COURSE_BORG[w]! }, opts.now);
    }
    longestRunSecByWeek.push(longest);
  });
  return { clientId: client.id, programmeId: programme.id, startDate: opts.startDate, weeks, longestRunSecByWeek, sessionIds };
}

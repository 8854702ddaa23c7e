/**
 * `loadProgressReportInput` — a client's (or one course's) records for the progress report:
 * courses, SMART goals, questionnaire scores, the running log, and every session with the key
 * figures of its OFFLINE analysis (the stored summary, or `analyzeSessionForReport`: the same numbers as the session
 * report and `cadans analyze`). Throws `NotFoundError` for an unknown client, the coded error
 * 'client.withheld' for a client withheld in practice mode, and `ReportError`
 * for a course of another client.
 */
import type { ProgressReportInput, ProgressSession } from '../../shared/report/reportTypes.js';
import { sessionMetrics } from '../../shared/dsp/sessionMetrics.js';
import type { Storage } from '../storage/storage.js';
import { storedMetrics } from '../sessions/sessionSummary.js';
import { analyzeSessionForReport } from './loadSessionReport.js';
import { ReportError } from './reportError.js';
import { progressRuns } from '../running/progressRuns.js';
import { storedMeanHr } from '../running/runZones.js';

export interface ProgressReportSelection {
  clientId: number;
  /** Only this treatment course (it must belong to the client). */
  courseId?: number | null;
  now?: Date;
}

export function loadProgressReportInput(storage: Storage, sel: ProgressReportSelection): ProgressReportInput {
  // require: a client withheld in practice mode (restricted to other therapists) is not reported.
  const client = storage.clients.require(sel.clientId);
  const courses = storage.courses.listByClient(client.id);
  const courseId = sel.courseId ?? null;
  const course = courseId === null ? null : (courses.find((c) => c.id === courseId) ?? null);
  if (courseId !== null && !course) {
    throw new ReportError(`course ${courseId} is not a treatment course of client ${client.id} (${client.name})`);
  }
  const inCourse = <T extends { courseId: number | null }>(x: T): boolean => courseId === null || x.courseId === courseId;
  const sessions: ProgressSession[] = storage.sessions
    .listByClient(client.id, { order: 'oldest' })
    .filter(inCourse)
    // A run (issue 15) has no HRV analysis: it is in the runs section (`runs`), not in the HRV trend.
    .filter((s) => s.type !== 'run')
    .map((s) => {
      // A finished session's stored summary holds exactly these figures (the same analysis of the
      // same stored signal); only sessions without one (still recording, older) are analysed here.
      const stored = s.status === 'recording' ? null : storedMetrics(s.summary);
      const a = stored ? null : analyzeSessionForReport(storage, s.id);
      return {
        id: s.id,
        type: s.type,
        startedAt: s.startedAt,
        durationSec: s.durationSec,
        courseId: s.courseId,
        metrics: stored ? stored.metrics : a!.method === 'none' ? null : sessionMetrics(a!.result),
        error: stored ? stored.error : a!.method === 'none' ? a!.error : null,
      };
    });
  const shownHr = new Map(sessions.map((s) => [s.id, s.metrics?.meanHrBpm ?? null]));
  return {
    client: {
      id: client.id,
      name: client.name,
      dateOfBirth: client.dateOfBirth,
      complaint: client.complaint,
      referralSource: client.referralSource,
    },
    course,
    courses,
    sessions,
    questionnaires: storage.questionnaires.listByClient(client.id).filter(inCourse),
    goals: storage.goals.listByClient(client.id).filter(inCourse),
    runningLog: storage.runningLog.listByClient(client.id).filter(inCourse),
    prescriptions: storage.prescriptions.listByClient(client.id),
    // Resting HR for the exertion zones from the same figures the report shows (stored or analysed).
    runs: progressRuns(storage, client.id, courseId, sel.now ?? new Date(), (s) => {
      const shown = shownHr.get(s.id);
      if (typeof shown === 'number') return shown;
      const stored = storedMeanHr(s);
      if (stored !== null || shownHr.has(s.id)) return stored; // a shown session is analysed already
      const a = analyzeSessionForReport(storage, s.id);
      return a.method === 'none' ? null : sessionMetrics(a.result).meanHrBpm;
    }),
    generatedAt: (sel.now ?? new Date()).toISOString(),
  };
}

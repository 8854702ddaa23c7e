/**
 * `progressRuns` — the running part of the progress report (shared/report/runsSection.ts): every
 * stored 'run' session of the client (of the course, when one is chosen) with its summary's
 * figures, the latest run/walk programme with its progress as of `today`, and perceived versus
 * measured exertion: running-log entries with a Borg score and the Borg-rated run blocks of live
 * run sessions (block mean HR in that session's zones).
 */
import { localIsoDate } from '../../shared/domain/dates.js';
import type { ProgressRun, RunsReportInput } from '../../shared/report/runsSection.js';
import { programmeStatus } from '../../shared/running/programmeProgress.js';
import type { Storage } from '../storage/storage.js';
import { runsDone } from './runsDone.js';
import { compareExertion, type ExertionPoint } from '../../shared/running/perceivedExertion.js';
import { clientZones, type MeanHrOf } from './runZones.js';
import type { RunSummary } from '../../shared/running/runAnalysis.js';

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const obj = (x: unknown): Record<string, unknown> | null => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : null);

export function progressRuns(storage: Storage, clientId: number, courseId: number | null, now: Date, meanHrOf?: MeanHrOf): RunsReportInput {
  const runs: ProgressRun[] = storage.sessions
    .listByClient(clientId, { order: 'oldest' })
    .filter((s) => s.type === 'run' && s.status !== 'recording' && (courseId === null || s.courseId === courseId))
    .map((s) => {
      const sum = obj(s.summary) ?? {};
      const hrr = obj(sum.hrr);
      const zones = obj(sum.timeInZonesSec);
      const blocks = Array.isArray(sum.blocks) ? (sum.blocks as unknown[]) : [];
      return {
        sessionId: s.id,
        startedAt: s.startedAt,
        durationSec: num(sum.durationSec) ?? s.durationSec,
        source: s.sensorSpec.startsWith('import:') ? s.sensorSpec.slice(7) : 'live',
        runBlocks: blocks.filter((b) => obj(b)?.kind === 'run').length,
        longestRunSec: num(sum.longestRunSec),
        meanHrBpm: num(sum.meanHrBpm),
        hrr60Bpm: num(hrr?.hrr60Bpm),
        hrr120Bpm: num(hrr?.hrr120Bpm),
        inTargetSec: zones ? num(zones.moderate) : null,
      };
    });
  const p = storage.runProgrammes.listByClient(clientId).at(-1);
  const programme = p ? { ...programmeStatus(p, runsDone(storage, clientId), localIsoDate(now)), name: p.name, startDate: p.startDate } : null;
  const exertion = exertionPoints(storage, clientId, courseId, meanHrOf);
  return { runs, programme, exertion };
}

/**
 * Perceived versus measured exertion: every running-log entry (of the course, when one is chosen)
 * with a Borg rating and a mean HR, compared in the client's zones on its date, and every Borg-rated
 * run block of a live run session against its mean HR in that session's zones; by date (the
 * progress report's section and the client page's chart show the same points).
 */
export function exertionPoints(storage: Storage, clientId: number, courseId: number | null, meanHrOf?: MeanHrOf): ExertionPoint[] {
  const logged = storage.runningLog
    .listByClient(clientId)
    .filter((e) => courseId === null || e.courseId === courseId)
    .flatMap((e) => {
      const zones = e.borg === null || e.hrAvgBpm === null ? null : clientZones(storage, clientId, `${e.date}T23:59:59.999Z`, meanHrOf);
      const c = zones ? compareExertion(zones, e.borg, e.hrAvgBpm) : null;
      return c ? [{ ...c, date: e.date }] : [];
    });
  const live = storage.sessions
    .listByClient(clientId, { order: 'oldest' })
    .filter((s) => s.type === 'run' && s.status !== 'recording' && (courseId === null || s.courseId === courseId) && obj(s.summary)?.format === 'live')
    .flatMap((s) => {
      const sum = s.summary as unknown as RunSummary;
      if (!sum.zones || !Array.isArray(sum.blocks)) return [];
      return sum.blocks.flatMap((b) => {
        const c = b.kind === 'run' && typeof b.borg === 'number' ? compareExertion(sum.zones!, b.borg, b.meanHrBpm) : null;
        return c ? [{ ...c, date: s.startedAt.slice(0, 10) }] : [];
      });
    });
  return [...logged, ...live].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

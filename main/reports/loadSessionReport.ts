/**
 * `loadSessionReportInput` — everything the session report shows, read from storage, with the
 * numbers from the OFFLINE analysis of the stored data (`analyzeStoredSession`: `analyzePpg` on
 * the stored raw signal, or `analyzeIntervals` on the sensor's intervals) — the same analysis as
 * the stored summary and as `cadans analyze` on the session's CSV export, so the values are equal.
 */
import type { JsonObject, SessionListItem } from '../../shared/domain/types.js';
import { refusalCode } from '../../shared/i18n/analysisRefusalText.js';
import type { RunSummary } from '../../shared/running/runAnalysis.js';
import { RUN_CHANNELS } from '../running/importRun.js';
import { validatePacerSettings, type PacerSettings } from '../../shared/pacer/pacerSettings.js';
import type { SessionAnalysis, SessionReportInput } from '../../shared/report/reportTypes.js';
import { analyzeStoredSession } from '../sessions/sessionSignal.js';
import { storedResonance } from '../sessions/resonanceDefaults.js';
import type { Storage } from '../storage/storage.js';

/** Stored pacer JSON → settings (null when absent or not valid settings). */
export function pacerFromJson(json: JsonObject | null | undefined): PacerSettings | null {
  if (!json || validatePacerSettings(json).length > 0) return null;
  const p: PacerSettings = { rateBpm: json.rateBpm as number, inhaleFraction: json.inhaleFraction as number };
  if (typeof json.holdInSec === 'number') p.holdInSec = json.holdInSec;
  if (typeof json.holdOutSec === 'number') p.holdOutSec = json.holdOutSec;
  if (typeof json.durationSec === 'number') p.durationSec = json.durationSec;
  return p;
}

/**
 * `analyzeSessionForReport` — the stored session's offline analysis with the session-clock time of
 * its t = 0, or `{ method: 'none', error }` when nothing can be analysed (too short, no pulse …).
 * Throws `NotFoundError` for an unknown session.
 */
export function analyzeSessionForReport(storage: Storage, sessionId: number): SessionAnalysis {
  try {
    // The analysis runs on the stored times: they are session times already.
    const a = analyzeStoredSession(storage, sessionId);
    return { method: a.method, result: a.result, timeOffsetSec: 0 };
  } catch (e) {
    if (e instanceof Error && e.name === 'AnalysisInputError') return { method: 'none', error: e.message, ...refusalCode(e) };
    throw e;
  }
}

/** The group a session was part of: its id and number of participants (no names), or null. */
function groupOf(storage: Storage, groupId: number | null): { id: number; participants: number } | null {
  if (groupId === null) return null;
  const g = storage.groups.get(groupId);
  return g ? { id: g.id, participants: g.sessionIds.length } : null;
}

/** `loadSessionReportInput` — see the file comment. Throws `NotFoundError` for an unknown session. */
export function loadSessionReportInput(storage: Storage, sessionId: number, opts: { now?: Date } = {}): SessionReportInput {
  const o = storage.sessions.getOverview(sessionId);
  const s = o.session;
  const course = s.courseId !== null ? storage.courses.get(s.courseId) : undefined;
  const label = s.sensorInfo.label ?? s.sensorInfo.name;
  const pacerChanges: SessionReportInput['pacerChanges'] = [];
  for (const c of o.pacerChanges) {
    const settings = pacerFromJson(c.settings);
    if (settings) pacerChanges.push({ tSec: c.tSec, settings });
  }
  return {
    client: {
      id: o.client.id,
      name: o.client.name,
      dateOfBirth: o.client.dateOfBirth,
      complaint: o.client.complaint,
      referralSource: o.client.referralSource,
    },
    session: {
      id: s.id,
      type: s.type,
      status: s.status,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      sensorSpec: s.sensorSpec,
      sensorLabel: typeof label === 'string' && label.trim() ? label : null,
      fsHz: s.fsHz,
      notes: s.notes,
      durationSec: s.durationSec,
      courseStartDate: course?.startDate ?? null,
      group: groupOf(storage, s.groupId),
      heartMath: heartMathOf(s.sensorInfo),
    },
    pacer: pacerFromJson(s.pacer),
    pacerChanges,
    markers: o.markers.map((mk) => ({ tSec: mk.tSec, kind: mk.kind, note: mk.note })),
    gaps: o.gaps.map((g) => ({ startSec: g.startSec, endSec: g.endSec, reason: g.reason })),
    ...runOrAnalysis(storage, s),
    resonance: storedResonance(s) ?? undefined,
    generatedAt: (opts.now ?? new Date()).toISOString(),
  };
}

/** The HeartMath scores an import kept in `sensorInfo.heartMath` (recordImport.ts), or null. */
function heartMathOf(info: Record<string, unknown>): SessionReportInput['session']['heartMath'] {
  const h = info.heartMath;
  if (typeof h !== 'object' || h === null || Array.isArray(h)) return null;
  const o = h as Record<string, unknown>;
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return { meanCoherence: num(o.meanCoherence), scores: Array.isArray(o.coherence5s) ? o.coherence5s.length : 0, accumulated: num(o.accumulated) };
}

/**
 * A run session (issue 15) has no PPG or beats to analyse: its report shows the stored run summary
 * and the 1-Hz heart rate instead (shared/report/runSessionSection.ts). Others: the HRV analysis.
 */
function runOrAnalysis(storage: Storage, s: SessionListItem): Pick<SessionReportInput, 'analysis' | 'run'> {
  const summary = s.summary as unknown as RunSummary | null;
  if (s.type !== 'run' || !summary || summary.kind !== 'run') return { analysis: analyzeSessionForReport(storage, s.id) };
  const [hr] = storage.signal.read(s.id, { channel: RUN_CHANNELS.hr });
  return { analysis: { method: 'none', error: '' }, run: { summary, hrBpm: hr ? hr.values : [] } };
}

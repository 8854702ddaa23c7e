/**
 * `loadGroupReportInput` — a group session's data for the group summary: the group (start, end,
 * shared pacer) and every member session with the key figures of its OFFLINE analysis (the stored
 * summary, or `analyzeSessionForReport`: the same numbers as the member's own session report).
 * Client names (and the group's notes) are read only for the therapist's version (`names`), so the
 * anonymised report cannot contain them. Throws `NotFoundError` for an unknown group.
 */
import type { GroupMemberInput, GroupReportInput } from '../../shared/report/groupSummary.js';
import { sessionMetrics } from '../../shared/dsp/sessionMetrics.js';
import { storedMetrics } from '../sessions/sessionSummary.js';
import type { Storage } from '../storage/storage.js';
import { analyzeSessionForReport, pacerFromJson } from './loadSessionReport.js';

export interface GroupReportSelection {
  groupId: number;
  /** The therapist's version with the participants' names (default false: anonymised). */
  names?: boolean;
  now?: Date;
}

export function loadGroupReportInput(storage: Storage, sel: GroupReportSelection): GroupReportInput {
  const g = storage.groups.require(sel.groupId);
  const names = sel.names === true;
  const members = g.sessionIds.map((id): GroupMemberInput => {
    const s = storage.sessions.require(id);
    // As the progress report: a finished session's stored summary holds exactly these figures.
    const stored = s.status === 'recording' ? null : storedMetrics(s.summary);
    const a = stored ? null : analyzeSessionForReport(storage, s.id);
    return {
      sessionId: s.id,
      clientId: s.clientId,
      name: names ? storage.clients.require(s.clientId).name : null,
      status: s.status,
      durationSec: s.durationSec,
      metrics: stored ? stored.metrics : a!.method === 'none' ? null : sessionMetrics(a!.result),
      error: stored ? stored.error : a!.method === 'none' ? a!.error : null,
    };
  });
  // The pacer is shared: every member's session holds the same changes; the first one's are shown.
  const pacerChanges: GroupReportInput['group']['pacerChanges'] = [];
  for (const c of g.sessionIds.length ? storage.sessions.getOverview(g.sessionIds[0]!).pacerChanges : []) {
    const settings = pacerFromJson(c.settings);
    if (settings) pacerChanges.push({ tSec: c.tSec, settings });
  }
  return {
    group: { id: g.id, startedAt: g.startedAt, endedAt: g.endedAt, pacer: pacerFromJson(g.pacer), pacerChanges, notes: names ? g.notes : '' },
    members,
    names,
    generatedAt: (sel.now ?? new Date()).toISOString(),
  };
}

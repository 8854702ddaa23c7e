/**
 * The runs a client did, for programme progress and the progress report: every 'run' session
 * (imported or live; its summary's longest continuous run and HR recovery) and every running-log
 * entry (continuous minutes, else its longest run interval). Dates are the sessions' UTC dates.
 */
import type { RunDone } from '../../shared/running/programmeProgress.js';
import type { Storage } from '../storage/storage.js';

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

export function runsDone(storage: Storage, clientId: number): RunDone[] {
  const out: RunDone[] = [];
  for (const s of storage.sessions.listByClient(clientId, { order: 'oldest' })) {
    if (s.type !== 'run' || s.status === 'recording') continue;
    const hrr = (s.summary?.hrr ?? null) as Record<string, unknown> | null;
    out.push({
      date: s.startedAt.slice(0, 10),
      longestRunSec: num(s.summary?.longestRunSec),
      hrr60Bpm: num(hrr?.hrr60Bpm),
      hrr120Bpm: num(hrr?.hrr120Bpm),
    });
  }
  for (const e of storage.runningLog.listByClient(clientId)) {
    const longestInterval = e.intervals.reduce((m, i) => Math.max(m, i.runMin), 0);
    const min = e.continuousRunMin ?? (longestInterval > 0 ? longestInterval : null);
    out.push({ date: e.date, longestRunSec: min === null ? null : min * 60, hrr60Bpm: null, hrr120Bpm: null });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * `runningLogDraft` — a running-log entry filled in from a stored run, for the therapist to check,
 * complete (Borg) and save: the date, the run/walk intervals as repetitions of equal [run, walk]
 * pairs (minutes rounded to ½ min), the longest continuous run (0.1 min), mean and highest heart
 * rate. The walk before the first run is the warm-up and is left out; the last run's walk is the
 * walk of the pair before it (what follows is cool-down), or 0 without one.
 */
import type { NewRunningLogEntry, RunWalkInterval } from '../domain/types.js';
import type { RunSummary } from './runAnalysis.js';

const halfMin = (sec: number): number => Math.round(sec / 30) / 2;

export function runIntervals(blocks: RunSummary['blocks']): RunWalkInterval[] {
  const pairs: { runMin: number; walkMin: number }[] = [];
  blocks.forEach((b, i) => {
    if (b.kind !== 'run') return;
    const next = blocks[i + 1];
    const isLastRun = !blocks.slice(i + 1).some((x) => x.kind === 'run');
    const walkMin = isLastRun ? (pairs.at(-1)?.walkMin ?? 0) : next ? halfMin(next.endSec - next.startSec) : 0;
    pairs.push({ runMin: halfMin(b.endSec - b.startSec), walkMin });
  });
  const out: RunWalkInterval[] = [];
  for (const p of pairs) {
    const last = out.at(-1);
    if (last && last.runMin === p.runMin && last.walkMin === p.walkMin) last.reps++;
    else out.push({ ...p, reps: 1 });
  }
  return out.filter((x) => x.runMin > 0);
}

export function runningLogDraft(clientId: number, courseId: number | null, startedAt: string, summary: RunSummary, sessionId: number): NewRunningLogEntry {
  return {
    clientId,
    courseId,
    date: startedAt.slice(0, 10),
    intervals: runIntervals(summary.blocks),
    continuousRunMin: Math.round(summary.longestRunSec / 6) / 10,
    borg: null,
    hrAvgBpm: summary.meanHrBpm,
    hrMaxBpm: summary.maxHrBpm,
    notes: `${summary.format.toUpperCase()} #${sessionId}`,
  };
}

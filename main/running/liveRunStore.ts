/**
 * How a LIVE run session (main/app/runSessionCalls.ts) is kept, crash-safe, without new tables:
 *
 * - At the start its plan (blocks, zones, programme week) is stored at once as the session's
 *   summary, `{kind: 'run-plan', …}`: a session killed mid-way still has it.
 * - Every timer cue and every Borg entry is a marker of the recording (kinds 'run-cue' and
 *   'run-borg', the note a small JSON object), committed with the recording's data about every
 *   second, and the recording stores the 1-Hz heart rate (metric series 'hr') with its beats.
 * - At the end — a stop, or the recovery of a crashed session at the next start
 *   (main/sessions/startup.ts) — `finishLiveRun` computes the `RunSummary` from those
 *   (shared/running/liveRunSummary.ts), stores it as the summary and the heart rate as the 1-Hz
 *   signal channel 'hr_bpm' (as an imported run has it), in one transaction.
 */
import type { HeartRateZones } from '../../shared/running/heartRateZones.js';
import { liveRunSummary, type StoredBorg, type StoredRunCue } from '../../shared/running/liveRunSummary.js';
import { PROGRAMME_BLOCK_KINDS, type ProgrammeBlock } from '../../shared/running/programme.js';
import type { RunSummary } from '../../shared/running/runAnalysis.js';
import type { RunCueKind } from '../../shared/running/runTimer.js';
import { runMarkerInfo } from '../../shared/running/runMarkerInfo.js';
import type { JsonObject } from '../../shared/domain/types.js';
import type { Storage } from '../storage/storage.js';
import { RUN_CHANNELS } from './importRun.js';

export const RUN_MARKER = { cue: 'run-cue', borg: 'run-borg' } as const;

export interface LiveRunPlan {
  kind: 'run-plan';
  blocks: ProgrammeBlock[];
  programmeWeek: number | null;
  zones: HeartRateZones | null;
  hrRestSource: 'entered' | 'lastSession' | null;
}

const CHUNK_SEC = 60;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The plan stored with a live run session (null: not a live run, or already finished). */
export function storedRunPlan(summary: JsonObject | null): LiveRunPlan | null {
  if (!summary || summary.kind !== 'run-plan' || !Array.isArray(summary.blocks)) return null;
  const blocks = (summary.blocks as unknown[]).filter(
    (b): b is ProgrammeBlock => isObj(b) && PROGRAMME_BLOCK_KINDS.includes(b.kind as ProgrammeBlock['kind']) && typeof b.sec === 'number',
  );
  if (blocks.length === 0) return null;
  const p = summary as unknown as LiveRunPlan;
  return { kind: 'run-plan', blocks, programmeWeek: p.programmeWeek ?? null, zones: p.zones ?? null, hrRestSource: p.hrRestSource ?? null };
}

export function cueNote(kind: RunCueKind, blockIndex: number): string {
  return JSON.stringify({ kind, blockIndex });
}

export function borgNote(b: StoredBorg): string {
  return JSON.stringify(b);
}

/** The cues and Borg entries stored as markers of a session. */
export function storedRunMarks(storage: Storage, sessionId: number): { cues: StoredRunCue[]; borg: StoredBorg[] } {
  const cues: StoredRunCue[] = [];
  const borg: StoredBorg[] = [];
  for (const m of storage.markers.list(sessionId)) {
    const info = runMarkerInfo(m);
    if (info?.what === 'cue') cues.push({ kind: info.kind, blockIndex: info.blockIndex, tSec: m.tSec });
    else if (info?.what === 'borg') borg.push({ blockIndex: info.blockIndex, borg: info.borg, talkTest: info.talkTest });
  }
  return { cues, borg };
}

/** The recording's 1-Hz heart rate (metric 'hr', sample i at i s; NaN = none) and its length, s. */
function storedHr(storage: Storage, sessionId: number, lastMarkSec: number): { hr: Float32Array; durationSec: number } {
  const series = storage.metrics.series(sessionId, 'hr');
  const stats = storage.sessions.stats(sessionId);
  const lastHr = series.tSec.length > 0 ? series.tSec[series.tSec.length - 1]! : 0;
  const durationSec = Math.max(stats.signalEndSec ?? stats.durationSec, lastHr, lastMarkSec);
  const hr = new Float32Array(Math.max(0, Math.floor(durationSec) + 1)).fill(NaN);
  series.tSec.forEach((t, i) => {
    const k = Math.round(t);
    const v = series.value[i];
    if (k >= 0 && k < hr.length && typeof v === 'number' && Number.isFinite(v)) hr[k] = v;
  });
  return { hr, durationSec };
}

/**
 * Compute and store the run summary of a live run session from its plan, markers and heart rate
 * (one transaction). Null when the session is no live run still holding its plan (or given `knownPlan`).
 */
export function finishLiveRun(storage: Storage, sessionId: number, knownPlan?: LiveRunPlan): RunSummary | null {
  const s = storage.sessions.require(sessionId);
  // The recorder's stop stores its own summary over the plan: the live service passes the plan it holds.
  const plan = s.type !== 'run' ? null : (knownPlan ?? storedRunPlan(s.summary));
  if (!plan) return null;
  const { cues, borg } = storedRunMarks(storage, sessionId);
  const lastMark = cues.reduce((m, c) => Math.max(m, c.tSec), 0);
  const { hr, durationSec } = storedHr(storage, sessionId, lastMark);
  const summary = liveRunSummary({ blocks: plan.blocks, cues, borg, hrBpm: hr, durationSec, zones: plan.zones, device: s.sensorSpec });
  const withPlan = { ...summary, programmeWeek: plan.programmeWeek, hrRestSource: plan.hrRestSource };
  storage.db.transaction(() => {
    if (!storage.signal.channels(sessionId).includes(RUN_CHANNELS.hr)) {
      for (let i = 0; i < hr.length; i += CHUNK_SEC) {
        storage.signal.appendChunk(sessionId, { channel: RUN_CHANNELS.hr, t0Sec: i, fsHz: 1, values: hr.slice(i, i + CHUNK_SEC) });
      }
    }
    storage.sessions.setSummary(sessionId, withPlan as unknown as JsonObject);
  }).immediate();
  return withPlan;
}

/**
 * The live run session's calls (issue 15): a run/walk session recorded with the interval timer
 * (shared/running/runTimer.ts), live HR in the client's Karvonen zones, a Borg prompt at the end of
 * each run block, heart-rate recovery after the last one. See main/running/runSessionService.ts.
 */
import type { HeartRateZones } from '../running/heartRateZones.js';
import type { ProgrammeBlock } from '../running/programme.js';
import type { RunSummary } from '../running/runAnalysis.js';
import type { RunCueKind, RunTimerPhase } from '../running/runTimer.js';

export interface StartRunSessionRequest {
  clientId: number;
  /** The sensor channel (default: the connected one). */
  channel?: string;
  /** The blocks, typed in; default: the next session of the client's programme. */
  blocks?: ProgrammeBlock[];
  /** Resting HR, bpm; default: the mean HR of the client's last breathing session. */
  hrRestBpm?: number | null;
  /** HRmax entered or tested, bpm; default: Tanaka's prediction from the date of birth. */
  hrMaxBpm?: number | null;
}

export interface RecordBorgRequest {
  /** The run block rated (0-based index in the session's blocks). */
  blockIndex: number;
  /** Borg RPE 6–20 (null: not asked / not answered). */
  borg: number | null;
  /** Talk test: the client could talk in full sentences (null: not done). */
  talkTest: boolean | null;
}

export interface RunCueView {
  /** 1, 2, … per session (the renderer plays each cue once). */
  seq: number;
  kind: RunCueKind;
  blockIndex: number;
  /** Recording time of the cue, s. */
  tSec: number;
}

export interface RunSessionView {
  sessionId: number;
  clientId: number;
  /** 'stopped' once the session is stored (then `summary` is set). */
  phase: RunTimerPhase | 'stopped';
  blocks: ProgrammeBlock[];
  /** Programme week the blocks came from (null: typed in). */
  programmeWeek: number | null;
  blockIndex: number;
  blockLeftSec: number;
  totalLeftSec: number;
  activeSec: number;
  next: ProgrammeBlock | null;
  cues: RunCueView[];
  /** The run block whose Borg prompt is open (its end was cued, no rating yet), or null. */
  borgDue: number | null;
  borg: { blockIndex: number; borg: number | null; talkTest: boolean | null }[];
  zones: HeartRateZones | null;
  /** Where the resting HR came from. */
  hrRestSource: 'entered' | 'lastSession' | null;
  summary: RunSummary | null;
}

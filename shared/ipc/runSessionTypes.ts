/**
 * The live run session's calls (issue 15): a run/walk session recorded with the interval timer
 * (shared/running/runTimer.ts), live HR in the client's Karvonen zones, a Borg prompt at the end of
 * each run block, heart-rate recovery after the last one. See main/app/runSessionCalls.ts. A group
 * run (`StartGroupRunSessionRequest`, issue 15 "works for a group too") has one timer and one set of
 * cues for 2–6 runners, each with their own sensor, zones, Borg entries and stored session.
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

/** One runner of a group run: their client, their sensor and what their zones are based on. */
export interface GroupRunnerRequest {
  clientId: number;
  /** Their own connected sensor (channel); distinct per runner. */
  channel: string;
  /** Resting HR, bpm; default: the mean HR of the client's last breathing session. */
  hrRestBpm?: number | null;
  /** HRmax entered or tested, bpm; default: Tanaka's prediction from the date of birth. */
  hrMaxBpm?: number | null;
}

export interface StartGroupRunSessionRequest {
  /** 2–6 runners, distinct clients and sensors. */
  runners: GroupRunnerRequest[];
  /** The blocks, typed in; default: the next session of the programme of `programmeClientId`. */
  blocks?: ProgrammeBlock[];
  /** Whose programme gives the blocks when none are typed in (default: the first runner). */
  programmeClientId?: number;
}

export interface RecordBorgRequest {
  /** The runner rated (a group run; default: the session's only / first client). */
  clientId?: number;
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

/** One runner of a run session as the pages see it: their session, zones, Borg entries and result. */
export interface RunnerView {
  clientId: number;
  sessionId: number;
  /** Their sensor's channel. */
  channel: string;
  /** Why their recording ended before the others' (sensor lost …), else null. */
  endReason: string | null;
  zones: HeartRateZones | null;
  hrRestSource: 'entered' | 'lastSession' | null;
  /** Their open Borg prompt (a run block cued as ended, not yet rated for them), or null. */
  borgDue: number | null;
  borg: { blockIndex: number; borg: number | null; talkTest: boolean | null }[];
  summary: RunSummary | null;
}

export interface RunSessionView {
  /** The (first) runner's session; each runner's in `runners`. */
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
  /** The group of a group run (null: a single run). */
  groupId: number | null;
  /** Every runner (one for a single run), in the order started; the fields above are the first one's. */
  runners: RunnerView[];
}

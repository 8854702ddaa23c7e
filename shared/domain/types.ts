/**
 * Domain model of the practice records: clients, treatment courses, SMART goals, sessions,
 * questionnaire scores and the running log. Pure types shared by storage (main/storage),
 * the UI and the CLI. Field names carry their units (`tSec`, `ibiMs`, `fsHz`, `hrAvgBpm`).
 *
 * Dates: `IsoDate` is a calendar date `YYYY-MM-DD` (the practice's local date);
 * `IsoDateTime` is an instant as produced by `Date.prototype.toISOString()` (UTC, `Z`).
 */

/** Calendar date `YYYY-MM-DD`. */
export type IsoDate = string;
/** Instant in ISO 8601 UTC, e.g. `2025-03-01T09:30:00.000Z`. */
export type IsoDateTime = string;

/** A JSON value as stored in the JSON columns (sensor info, pacer settings, summaries). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

// ---------------------------------------------------------------- clients and courses

/** Complaints the UI offers as suggestions; the stored field is free text. */
export const COMMON_COMPLAINTS = ['burn-out', 'depression', 'anxiety', 'hyperventilation', 'stress', 'other'] as const;

export interface Client {
  id: number;
  name: string;
  dateOfBirth: IsoDate | null;
  referralSource: string | null;
  /** Main complaint, e.g. 'burn-out', 'depression', 'anxiety' (free text). */
  complaint: string | null;
  notes: string;
  /** The name the client chooses for the group display (shown there instead of initials); null: initials. */
  nickname: string | null;
  createdAt: IsoDateTime;
}

export interface NewClient {
  name: string;
  dateOfBirth?: IsoDate | null;
  referralSource?: string | null;
  complaint?: string | null;
  notes?: string;
  nickname?: string | null;
}

/** Row of the client list: the client plus their number of sessions and the latest session start. */
export interface ClientListItem extends Client {
  sessionCount: number;
  lastSessionAt: IsoDateTime | null;
}

/** A treatment course of typically 8–12 weeks with intake, mid and final evaluation. */
export interface Course {
  id: number;
  clientId: number;
  startDate: IsoDate;
  intakeDate: IsoDate | null;
  midEvaluationDate: IsoDate | null;
  finalEvaluationDate: IsoDate | null;
  notes: string;
  createdAt: IsoDateTime;
}

export interface NewCourse {
  clientId: number;
  startDate: IsoDate;
  intakeDate?: IsoDate | null;
  midEvaluationDate?: IsoDate | null;
  finalEvaluationDate?: IsoDate | null;
  notes?: string;
}

export type GoalStatus = 'open' | 'achieved' | 'dropped';
export const GOAL_STATUSES: readonly GoalStatus[] = ['open', 'achieved', 'dropped'];

/** A SMART goal of a client, optionally tied to one treatment course. */
export interface Goal {
  id: number;
  clientId: number;
  courseId: number | null;
  text: string;
  status: GoalStatus;
  /** Date the goal was agreed. */
  setDate: IsoDate;
  /** Date the goal should be reached (may lie in the future). */
  targetDate: IsoDate | null;
  /** Date the goal was achieved or dropped; null while open. */
  closedDate: IsoDate | null;
  createdAt: IsoDateTime;
}

export interface NewGoal {
  clientId: number;
  courseId?: number | null;
  text: string;
  setDate: IsoDate;
  targetDate?: IsoDate | null;
}

// ---------------------------------------------------------------- sessions

/**
 * What a session was. 'running' is a running-log style session of the first wave; 'run' a live or
 * imported run/walk session (issue 15); 'group' one client's part of a group session (issue 14);
 * 'home' home practice imported from another tool (issue 16). Migration 7 widened the CHECK.
 */
export type SessionType = 'breathing' | 'biofeedback' | 'resonance' | 'running' | 'group' | 'home' | 'run';
export const SESSION_TYPES: readonly SessionType[] = ['breathing', 'biofeedback', 'resonance', 'running', 'group', 'home', 'run'];

/** 'recording' while live; 'interrupted' when the app stopped (crash, power cut) before the end. */
export type SessionStatus = 'recording' | 'complete' | 'interrupted';
export const SESSION_STATUSES: readonly SessionStatus[] = ['recording', 'complete', 'interrupted'];

/** One session as stored (without its signal, beats and metrics). */
export interface SessionRow {
  id: number;
  clientId: number;
  courseId: number | null;
  type: SessionType;
  /** Sensor spec as given by the user/CLI, e.g. 'sim', 'serial:/dev/ttyUSB0:cms50'. */
  sensorSpec: string;
  /** What the sensor reported about itself (name, firmware, body location ...). */
  sensorInfo: JsonObject;
  /** Pacer settings at the start (changes over time: `PacerChange`). */
  pacer: JsonObject | null;
  startedAt: IsoDateTime;
  endedAt: IsoDateTime | null;
  status: SessionStatus;
  /** Nominal sample rate of the raw signal, Hz (null for interval-only sensors). */
  fsHz: number | null;
  /** Analysis summary written at the end of the session (HRV, coherence ...). */
  summary: JsonObject | null;
  notes: string;
  /** The group session this session belongs to (one of several clients with one shared pacer), else null. */
  groupId: number | null;
}

/** A group session: several clients, one shared pacer, a session per client (`SessionRow.groupId`). */
export interface SessionGroup {
  id: number;
  startedAt: IsoDateTime;
  endedAt: IsoDateTime | null;
  /** Pacer settings at the start (each member session stores the changes). */
  pacer: JsonObject | null;
  notes: string;
  /** The member sessions' ids, in the order the group was started with. */
  sessionIds: number[];
}

export interface NewSession {
  clientId: number;
  courseId?: number | null;
  type: SessionType;
  sensorSpec?: string;
  sensorInfo?: JsonObject;
  pacer?: JsonObject | null;
  /** Defaults to now. */
  startedAt?: IsoDateTime;
  fsHz?: number | null;
  notes?: string;
  /** Member of this group session (`SessionGroup`); default none. */
  groupId?: number | null;
}

/** Counts and span of what a session has stored. */
export interface SessionStats {
  /** Raw samples stored (all channels). */
  samples: number;
  beats: number;
  /**
   * Span of the stored signal in seconds (last sample end − first sample). For sessions
   * without raw samples (interval-only sensors): span of the beats, from the start of the
   * first interval to the last beat. 0 when nothing is stored.
   */
  durationSec: number;
  signalStartSec: number | null;
  signalEndSec: number | null;
}

/** Row of a session list: the session plus its stats. */
export interface SessionListItem extends SessionRow, SessionStats {}

/** A change of pacer settings during a session, on the session clock. */
export interface PacerChange {
  id: number;
  sessionId: number;
  tSec: number;
  settings: JsonObject;
}

/** A therapist's marker or note at a time in the session. */
export interface Marker {
  id: number;
  sessionId: number;
  tSec: number;
  /** e.g. 'note', 'event', 'artifact', 'phase'. */
  kind: string;
  note: string;
}

/** A stretch without usable signal (sensor off, contact lost, dropped packets). */
export interface Gap {
  id: number;
  sessionId: number;
  startSec: number;
  endSec: number;
  reason: string;
}

/** One detected beat. `ibiMs` is the interval ending at this beat. `flags`: see `BeatFlag`. */
export interface BeatRow {
  tSec: number;
  ibiMs: number | null;
  /** Per-beat signal quality 0..1 (null when the sensor gives none). */
  quality: number | null;
  flags: number;
}

/** One point of a metric time series ('coherence', 'rmssd', 'resp_rate', 'hr' ...); null = not available. */
export interface MetricPoint {
  name: string;
  tSec: number;
  value: number | null;
}

/** A metric series in columns. */
export interface MetricSeries {
  tSec: number[];
  value: (number | null)[];
}

/** A contiguous run of raw samples (consecutive chunks merged). */
export interface SignalSegment {
  channel: string;
  t0Sec: number;
  fsHz: number;
  values: Float32Array;
}

// ---------------------------------------------------------------- questionnaires

/** 4DKL (Four-Dimensional Symptom Questionnaire), MVI (Dutch MFI-20), Nijmegen questionnaire. */
export type Instrument = '4dkl' | 'mvi' | 'nq';
export const INSTRUMENTS: readonly Instrument[] = ['4dkl', 'mvi', 'nq'];

export interface FourDklScores {
  distress: number;
  depression: number;
  anxiety: number;
  somatisation: number;
}

export interface MviScores {
  generalFatigue: number;
  physicalFatigue: number;
  reducedActivity: number;
  reducedMotivation: number;
  mentalFatigue: number;
}

export interface NqScores {
  total: number;
}

export interface InstrumentScores {
  '4dkl': FourDklScores;
  mvi: MviScores;
  nq: NqScores;
}

/** When in the course the questionnaire was taken: 'intake', 'week3', 'week6', 'mid', 'final', ... */
export type QuestionnaireMoment = 'intake' | 'mid' | 'final' | 'followup' | 'other' | `week${number}`;
export const NAMED_MOMENTS = ['intake', 'week3', 'week6', 'mid', 'final', 'followup', 'other'] as const;

interface QuestionnaireEntryBase {
  id: number;
  clientId: number;
  courseId: number | null;
  moment: QuestionnaireMoment;
  date: IsoDate;
  notes: string;
  createdAt: IsoDateTime;
  /**
   * The answers per item when entered by item (index 0 = item 1; see questionnaireItems.ts), from
   * which `scores` were computed; null when only the scale scores were entered.
   */
  items?: number[] | null;
}

/** A stored questionnaire result; `scores` matches `instrument`. */
export type QuestionnaireEntry = {
  [I in Instrument]: QuestionnaireEntryBase & { instrument: I; scores: InstrumentScores[I] };
}[Instrument];

/** Input for a new questionnaire result (validated before anything is written). */
export type NewQuestionnaireEntry = {
  [I in Instrument]: {
    clientId: number;
    courseId?: number | null;
    instrument: I;
    moment: QuestionnaireMoment;
    date: IsoDate;
    scores: InstrumentScores[I];
    notes?: string;
    /** Answers per item (index 0 = item 1): the scores are then computed from them by the published key. */
    items?: number[] | null;
    /** A request field of the API (`createQuestionnaire`): what to do when the moment already has a result. */
    onExisting?: OnExisting;
  };
}[Instrument];

/** What to do when the client already has a result of the same questionnaire at the same moment (and course). */
export type OnExisting = 'ask' | 'replace' | 'keep';
export const ON_EXISTING: readonly OnExisting[] = ['ask', 'replace', 'keep'];

// ---------------------------------------------------------------- running therapy

/** One block of a run/walk schedule, e.g. 3 × (2 min run, 1 min walk). */
export interface RunWalkInterval {
  runMin: number;
  walkMin: number;
  reps: number;
}

export interface RunningLogEntry {
  id: number;
  clientId: number;
  courseId: number | null;
  date: IsoDate;
  intervals: RunWalkInterval[];
  /** Longest continuous run, minutes. */
  continuousRunMin: number | null;
  /** Borg rating of perceived exertion, 6–20. */
  borg: number | null;
  hrAvgBpm: number | null;
  hrMaxBpm: number | null;
  notes: string;
  createdAt: IsoDateTime;
}

export interface NewRunningLogEntry {
  clientId: number;
  courseId?: number | null;
  date: IsoDate;
  intervals?: RunWalkInterval[];
  continuousRunMin?: number | null;
  borg?: number | null;
  hrAvgBpm?: number | null;
  hrMaxBpm?: number | null;
  notes?: string;
}

/**
 * The schemas of the API contract's object arguments (see `schema.ts`): strict, one per request
 * type, typed by it, so the compiler refuses a schema that misses or invents a key. Limits are the
 * outer bounds of what may reach the core; the domain validators behind the service check ranges
 * and formats with translatable issue codes (the forms run the same validators first).
 */
import {
  GOAL_STATUSES,
  ON_EXISTING,
  SESSION_TYPES,
  type FourDklScores,
  type MviScores,
  type NewClient,
  type NewCourse,
  type NewGoal,
  type NewQuestionnaireEntry,
  type NewRunningLogEntry,
  type NqScores,
  type QuestionnaireMoment,
  type RunWalkInterval,
} from '../domain/types.js';
import {
  PACER_MAX_INHALE_FRACTION,
  PACER_MAX_RATE_BPM,
  PACER_MIN_INHALE_FRACTION,
  PACER_MIN_RATE_BPM,
  type PacerSettings,
} from '../pacer/pacerSettings.js';
import { PACER_MAX_DURATION_MIN, PACER_MIN_DURATION_MIN } from '../domain/validatePacer.js';
import type { ResonanceProtocolSettings } from '../dsp/resonance/types.js';
import { LOCALES, MAX_LOCK_AFTER_MIN, type AddMarkerRequest, type DisplaySettings, type StartGroupSessionRequest, type StartSessionRequest } from './apiTypes.js';
import {
  MAX_RR_TEXT_CHARS,
  RR_IMPORT_SOURCES,
  RR_IMPORT_TYPES,
  type GoalPatch,
  type GoalStatusRequest,
  type MarkerPatch,
  type QuestionnairePatch,
  type ReportRequest,
  type RrImportRequest,
  type RunningLogPatch,
} from './recordTypes.js';
import { ACCESS_LOG_MAX_PAGE, type AccessLogRequest } from './auditTypes.js';
import { RESONANCE_VARIANTS, type ResonanceOverrideRequest, type StartResonanceRequest } from './resonanceTypes.js';
import { PRESCRIPTION_FILE_KINDS, type PrescriptionFileRequest, type PrescriptionRequest } from './prescriptionTypes.js';
import { boolean, id, list, nullable, number, object, oneOf, optional, text, textMatching, variant, type Schema } from './schema.js';

/** Outer bounds of text fields (the domain validators' own limits are lower). */
const SHORT = 2_000;
const NOTES = 100_000;
const DATE = 40;

const shortText = text({ maxLength: SHORT });
const notes = text({ maxLength: NOTES });
/** An ISO date or date-time; its format is the domain validators' (they name the field). */
const dateText = text({ maxLength: DATE });
const finite = number();
/** Outer bound of a pacer hold, s (a 3/min breath lasts 20 s). */
const MAX_HOLD_SEC = 20;

// ---- app
export const displayPatchSchema: Schema<Partial<DisplaySettings>> = object<Partial<DisplaySettings>>({
  clientShowsNumbers: optional(boolean),
  pacerVisual: optional(oneOf<DisplaySettings['pacerVisual']>(['shape', 'wave', 'both'])),
  audioCue: optional(boolean),
  tachogramWindowSec: optional(finite),
  clientShowsHeartRate: optional(boolean),
  groupCoherenceRing: optional(boolean),
  groupShowsNames: optional(boolean),
});

// ---- clients and the clinical record
export const newClientSchema: Schema<NewClient> = object<NewClient>({
  name: shortText,
  dateOfBirth: optional(nullable(dateText)),
  referralSource: optional(nullable(shortText)),
  complaint: optional(nullable(shortText)),
  notes: optional(notes),
  nickname: optional(nullable(shortText)),
});

export const clientPatchSchema: Schema<Partial<NewClient>> = object<Partial<NewClient>>({
  name: optional(shortText),
  dateOfBirth: optional(nullable(dateText)),
  referralSource: optional(nullable(shortText)),
  complaint: optional(nullable(shortText)),
  notes: optional(notes),
  nickname: optional(nullable(shortText)),
});

export const newCourseSchema: Schema<NewCourse> = object<NewCourse>({
  clientId: id,
  startDate: dateText,
  intakeDate: optional(nullable(dateText)),
  midEvaluationDate: optional(nullable(dateText)),
  finalEvaluationDate: optional(nullable(dateText)),
  notes: optional(notes),
});

export const coursePatchSchema: Schema<Partial<Omit<NewCourse, 'clientId'>>> = object<Partial<Omit<NewCourse, 'clientId'>>>({
  startDate: optional(dateText),
  intakeDate: optional(nullable(dateText)),
  midEvaluationDate: optional(nullable(dateText)),
  finalEvaluationDate: optional(nullable(dateText)),
  notes: optional(notes),
});

export const newGoalSchema: Schema<NewGoal> = object<NewGoal>({
  clientId: id,
  courseId: optional(nullable(id)),
  text: shortText,
  setDate: dateText,
  targetDate: optional(nullable(dateText)),
});

export const goalStatusSchema: Schema<GoalStatusRequest> = object<GoalStatusRequest>({
  goalId: id,
  status: oneOf(GOAL_STATUSES),
  closedDate: optional(nullable(dateText)),
});

/** 'intake', 'week3', …: the exact set is the questionnaire validator's (`isQuestionnaireMoment`). */
const moment = textMatching<QuestionnaireMoment>(/^[a-z0-9-]{1,40}$/, 'intake', 40);

type Questionnaire<I extends NewQuestionnaireEntry['instrument']> = Extract<NewQuestionnaireEntry, { instrument: I }>;

/** Answers per item (the instrument's item count and answer range are the domain validator's). */
const itemAnswers = optional(nullable(list(finite, 60)));
const onExisting = optional(oneOf(ON_EXISTING));

export const newQuestionnaireSchema: Schema<NewQuestionnaireEntry> = variant<NewQuestionnaireEntry, 'instrument'>('instrument', {
  '4dkl': object<Questionnaire<'4dkl'>>({
    clientId: id,
    courseId: optional(nullable(id)),
    instrument: oneOf<'4dkl'>(['4dkl']),
    moment,
    date: dateText,
    scores: object<FourDklScores>({ distress: finite, depression: finite, anxiety: finite, somatisation: finite }),
    notes: optional(notes),
    items: itemAnswers,
    onExisting,
  }),
  mvi: object<Questionnaire<'mvi'>>({
    clientId: id,
    courseId: optional(nullable(id)),
    instrument: oneOf<'mvi'>(['mvi']),
    moment,
    date: dateText,
    scores: object<MviScores>({ generalFatigue: finite, physicalFatigue: finite, reducedActivity: finite, reducedMotivation: finite, mentalFatigue: finite }),
    notes: optional(notes),
    items: itemAnswers,
    onExisting,
  }),
  nq: object<Questionnaire<'nq'>>({
    clientId: id,
    courseId: optional(nullable(id)),
    instrument: oneOf<'nq'>(['nq']),
    moment,
    date: dateText,
    scores: object<NqScores>({ total: finite }),
    notes: optional(notes),
    items: itemAnswers,
    onExisting,
  }),
});

/**
 * A correction of a stored result. Its scores are checked against the stored entry's questionnaire
 * by the domain validator, so here any of the three instruments' scale sets is accepted (an
 * object of at most these keys, numbers only).
 */
type AnyScores = Partial<FourDklScores & MviScores & NqScores>;
const anyScores = object<AnyScores>({
  distress: optional(finite),
  depression: optional(finite),
  anxiety: optional(finite),
  somatisation: optional(finite),
  generalFatigue: optional(finite),
  physicalFatigue: optional(finite),
  reducedActivity: optional(finite),
  reducedMotivation: optional(finite),
  mentalFatigue: optional(finite),
  total: optional(finite),
}) as unknown as Schema<NonNullable<QuestionnairePatch['scores']>>;

export const questionnairePatchSchema: Schema<QuestionnairePatch> = object<QuestionnairePatch>({
  courseId: optional(nullable(id)),
  moment: optional(moment),
  date: optional(dateText),
  notes: optional(notes),
  items: itemAnswers,
  scores: optional(anyScores),
});

export const goalPatchSchema: Schema<GoalPatch> = object<GoalPatch>({
  courseId: optional(nullable(id)),
  text: optional(shortText),
  setDate: optional(dateText),
  targetDate: optional(nullable(dateText)),
});

export const markerPatchSchema: Schema<MarkerPatch> = object<MarkerPatch>({
  tSec: optional(finite),
  kind: optional(text({ maxLength: 100 })),
  note: optional(text({ maxLength: 10_000 })),
});

const runWalkInterval: Schema<RunWalkInterval> = object<RunWalkInterval>({ runMin: finite, walkMin: finite, reps: finite });

export const newRunningLogSchema: Schema<NewRunningLogEntry> = object<NewRunningLogEntry>({
  clientId: id,
  courseId: optional(nullable(id)),
  date: dateText,
  intervals: optional(list(runWalkInterval, 200)),
  continuousRunMin: optional(nullable(finite)),
  borg: optional(nullable(finite)),
  hrAvgBpm: optional(nullable(finite)),
  hrMaxBpm: optional(nullable(finite)),
  notes: optional(notes),
});

export const runningLogPatchSchema: Schema<RunningLogPatch> = object<RunningLogPatch>({
  courseId: optional(nullable(id)),
  date: optional(dateText),
  intervals: optional(list(runWalkInterval, 200)),
  continuousRunMin: optional(nullable(finite)),
  borg: optional(nullable(finite)),
  hrAvgBpm: optional(nullable(finite)),
  hrMaxBpm: optional(nullable(finite)),
  notes: optional(notes),
});

type SessionReport = Extract<ReportRequest, { kind: 'session' }>;
type ProgressReport = Extract<ReportRequest, { kind: 'progress' }>;
type GroupReport = Extract<ReportRequest, { kind: 'group' }>;
type RunScheduleReport = Extract<ReportRequest, { kind: 'runSchedule' }>;
export const reportRequestSchema: Schema<ReportRequest> = variant<ReportRequest, 'kind'>('kind', {
  session: object<SessionReport>({ kind: oneOf<'session'>(['session']), sessionId: id, locale: optional(oneOf(LOCALES)) }),
  progress: object<ProgressReport>({
    kind: oneOf<'progress'>(['progress']),
    clientId: id,
    courseId: optional(nullable(id)),
    locale: optional(oneOf(LOCALES)),
  }),
  group: object<GroupReport>({ kind: oneOf<'group'>(['group']), groupId: id, names: optional(boolean), locale: optional(oneOf(LOCALES)) }),
  runSchedule: object<RunScheduleReport>({ kind: oneOf<'runSchedule'>(['runSchedule']), programmeId: id, locale: optional(oneOf(LOCALES)) }),
});

export const rrImportSchema: Schema<RrImportRequest> = object<RrImportRequest>({
  clientId: id,
  type: oneOf(RR_IMPORT_TYPES),
  source: optional(oneOf(RR_IMPORT_SOURCES)),
  fileName: shortText,
  // Longer texts than MAX_RR_TEXT_CHARS reach the import, which answers 'too-large' (shown to the user).
  text: text({ maxLength: 2 * MAX_RR_TEXT_CHARS }),
  startedAt: optional(nullable(dateText)),
  courseId: optional(nullable(id)),
});

// ---- live session and pacer
/**
 * The pacer's ranges are refused here already, as field problems (`pacer.rateBpm` outside 3–12, a
 * duration outside 1–120 min, negative holds); the in/out ≥ 1 s rule, which needs every value, is
 * the domain validator's (`validatePacerRequest`) behind the service.
 */
export const pacerSettingsSchema: Schema<PacerSettings> = object<PacerSettings>({
  rateBpm: number({ min: PACER_MIN_RATE_BPM, max: PACER_MAX_RATE_BPM }),
  inhaleFraction: number({ min: PACER_MIN_INHALE_FRACTION, max: PACER_MAX_INHALE_FRACTION }),
  holdInSec: optional(number({ min: 0, max: MAX_HOLD_SEC })),
  holdOutSec: optional(number({ min: 0, max: MAX_HOLD_SEC })),
  durationSec: optional(number({ min: PACER_MIN_DURATION_MIN * 60, max: PACER_MAX_DURATION_MIN * 60 })),
});

export const startSessionSchema: Schema<StartSessionRequest> = object<StartSessionRequest>({
  clientId: id,
  type: optional(oneOf(SESSION_TYPES)),
  channel: optional(text({ maxLength: 100, nonEmpty: true })),
  pacer: nullable(pacerSettingsSchema),
  courseId: optional(nullable(id)),
  maxSec: optional(number({ min: 0 })),
});

/** Most clients in one group session (the design does not stop at 6; this bounds a request). */
export const MAX_GROUP_CLIENTS = 32;

export const startGroupSessionSchema: Schema<StartGroupSessionRequest> = object<StartGroupSessionRequest>({
  clients: list(
    object<StartGroupSessionRequest['clients'][number]>({ clientId: id, channel: text({ maxLength: 100, nonEmpty: true }), courseId: optional(nullable(id)) }),
    MAX_GROUP_CLIENTS,
  ),
  type: optional(oneOf<'group'>(['group'])),
  pacer: nullable(pacerSettingsSchema),
  maxSec: optional(number({ min: 0 })),
  notes: optional(text({ maxLength: 10_000 })),
});

/** `getClientSensors`: the clients asked about (a group's worth). */
export const clientIdsSchema: Schema<number[]> = list(id, MAX_GROUP_CLIENTS);

export const addMarkerSchema: Schema<AddMarkerRequest> = object<AddMarkerRequest>({
  kind: optional(text({ maxLength: 100 })),
  note: text({ maxLength: 10_000 }),
  clientId: optional(id),
});

// ---- resonance assessment
export const resonanceSettingsPatchSchema: Schema<Partial<ResonanceProtocolSettings>> = object<Partial<ResonanceProtocolSettings>>({
  ratesBpm: optional(list(finite, 50)),
  stepSec: optional(finite),
  inhaleFraction: optional(finite),
  restSec: optional(finite),
  settleSec: optional(finite),
});

export const startResonanceSchema: Schema<StartResonanceRequest> = object<StartResonanceRequest>({
  clientId: id,
  channel: optional(text({ maxLength: 100, nonEmpty: true })),
  variant: optional(oneOf(RESONANCE_VARIANTS)),
  settings: optional(resonanceSettingsPatchSchema),
});

export const resonanceOverrideSchema: Schema<ResonanceOverrideRequest> = object<ResonanceOverrideRequest>({
  sessionId: id,
  rateBpm: nullable(finite),
  note: optional(text({ maxLength: 10_000 })),
});

// ---- the console lock
export const lockAfterSchema: Schema<number> = number({ integer: true, min: 0, max: MAX_LOCK_AFTER_MIN });
export const unlockSchema: Schema<string | null> = nullable(text({ maxLength: 1024 }));

// ---- the record's audit trail
export const accessLogRequestSchema: Schema<AccessLogRequest> = object<AccessLogRequest>({
  clientId: id,
  beforeId: optional(id),
  limit: optional(number({ integer: true, min: 1, max: ACCESS_LOG_MAX_PAGE })),
});
/** A saved session's notes (the domain validator's limit is lower and named in the user's language). */
export const sessionNotesSchema: Schema<string> = notes;
/** A home-practice prescription (ranges and the pacer rules are the domain check's: `checkPrescription`). */
export const prescriptionRequestSchema: Schema<PrescriptionRequest> = object<PrescriptionRequest>({
  clientId: id,
  rateBpm: text({ maxLength: 20 }),
  ratio: text({ maxLength: 20 }),
  holdInSec: optional(text({ maxLength: 20 })),
  holdOutSec: optional(text({ maxLength: 20 })),
  minutes: text({ maxLength: 20 }),
  timesPerDay: optional(text({ maxLength: 20 })),
  lang: oneOf(['nl', 'en'] as const),
});

export const prescriptionFileSchema: Schema<PrescriptionFileRequest> = object<PrescriptionFileRequest>({
  prescriptionId: id,
  file: oneOf(PRESCRIPTION_FILE_KINDS),
});

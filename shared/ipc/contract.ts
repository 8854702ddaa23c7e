/**
 * The ONE typed API between the app core and the renderer (shape in the spirit of GitHub Desktop's
 * `ipc-shared` request channels and Heroic's typed IPC: a single table from which channel names,
 * argument and result types of both sides are derived).
 *
 * `CONTRACT` lists every function the renderer may call:
 *  - invoke calls `name(...args) → Promise<result>` (request/response);
 *  - event subscriptions `onX(listener) → unsubscribe` (core → renderer pushes), including the
 *    batched live stream `onLive` (20–30 Hz per channel, see `liveTypes.ts`).
 * The Electron main process registers one handler per invoke entry (`channelOf(name)`), the
 * preload exposes exactly these names on `window.cadans`, and the web host serves the same names
 * over a WebSocket (`wireProtocol.ts`). No generic send(channel) exists anywhere.
 */
import type { Client, ClientListItem, NewClient, SessionListItem } from '../domain/types.js';
import type { PacerSettings } from '../pacer/pacerSettings.js';
import { ValidationError, type ValidationIssue } from '../domain/validationResult.js';
import { safeMessage, showText } from '../text/safeText.js';
import { CadansError, cleanParams, codedMessage, isErrorCode, type ErrorCode, type ErrorParams } from '../i18n/CadansError.js';
import { args, noArgs, nonEmptyText, oneOf, type ArgsSpec } from './argChecks.js';
import {
  accessLogRequestSchema,
  addMarkerSchema,
  clientIdsSchema,
  clientPatchSchema,
  coursePatchSchema,
  displayPatchSchema,
  goalPatchSchema,
  goalStatusSchema,
  lockAfterSchema,
  markerPatchSchema,
  newClientSchema,
  newCourseSchema,
  newGoalSchema,
  newQuestionnaireSchema,
  newRunningLogSchema,
  pacerSettingsSchema,
  prescriptionFileSchema,
  prescriptionRequestSchema,
  questionnairePatchSchema,
  reportRequestSchema,
  resonanceOverrideSchema,
  rrImportSchema,
  runningLogPatchSchema,
  sessionNotesSchema,
  startResonanceSchema,
  startGroupSessionSchema,
  startSessionSchema,
  unlockSchema,
} from './requestSchemas.js';
import { newRunProgrammeSchema, programmeTemplateSchema, recordBorgSchema, runImportSchema, runProgrammePatchSchema, startGroupRunSessionSchema, startRunSessionSchema } from './runSchemas.js';
import type { RecordBorgRequest, RunSessionView, StartGroupRunSessionRequest, StartRunSessionRequest } from './runSessionTypes.js';
import type { RunImportRequest, RunImportResult } from '../running/runImport.js';
import type { ExertionPoint } from '../running/perceivedExertion.js';
import { id as positiveId, nullable } from './schema.js';
import type { NewRunProgramme, ProgrammeTemplateOptions, ProgrammeWeek, RunProgramme, RunProgrammePatch } from '../running/programme.js';
import type { ProgrammeStatus } from '../running/programmeProgress.js';
import {
  LOCALES,
  type AddMarkerRequest,
  type AppInfo,
  type AppSettings,
  type ChannelView,
  type ClientDisplayTarget,
  type ClientSensorView,
  type ConnectionEvent,
  type DisplaySettings,
  type Locale,
  type LockState,
  type MarkerView,
  type PacerTimeline,
  type QualityEvent,
  type SensorListView,
  type SensorOption,
  type SessionReviewData,
  type SessionStateView,
  type SessionSummaryView,
  type StartGroupSessionRequest,
  type StartSessionRequest,
} from './apiTypes.js';
import type { LiveBatch } from './liveTypes.js';
import type { AccessLogRequest, AccessLogView, RecordHistoryView, SessionNotes } from './auditTypes.js';
import type { StorageNotice } from '../domain/storageNotices.js';
import type { PrescriptionFileRequest, PrescriptionRequest, PrescriptionSaveResult } from './prescriptionTypes.js';
import type { Prescription } from '../domain/prescription.js';
import type { ClientRestrictionView, PracticeSettingView, PracticeStateView, RestrictClientRequest } from './practiceTypes.js';
import { practiceServerSchema, restrictClientSchema } from './practiceSchemas.js';
import type {
  ResonanceOverrideRequest,
  ResonanceRateView,
  ResonanceResultView,
  ResonanceRunView,
  StartResonanceRequest,
} from './resonanceTypes.js';
import type {
  Course,
  Goal,
  Marker,
  NewCourse,
  NewGoal,
  NewQuestionnaireEntry,
  NewRunningLogEntry,
  QuestionnaireEntry,
  RunningLogEntry,
} from '../domain/types.js';
import {
  SESSION_EXPORT_FORMATS,
  type DownloadFile,
  type GoalPatch,
  type GoalStatusRequest,
  type MarkerPatch,
  type QuestionnairePatch,
  type QuestionnaireSaveResult,
  type RunningLogPatch,
  type RecordsChange,
  type ReportRequest,
  type ReportView,
  type RrImportRequest,
  type RrImportResult,
  type SaveResult,
  type SessionExportFormat,
} from './recordTypes.js';

/** An invoke entry; `A`/`R` exist only in the type. `check` holds one schema per argument. */
export interface InvokeSpec<A extends unknown[], R> {
  readonly kind: 'invoke';
  readonly check: ArgsSpec<A>;
  /** Phantom members: never present at run time. */
  readonly _args?: A;
  readonly _result?: R;
}

/** An event entry; `P` exists only in the type. */
export interface EventSpec<P> {
  readonly kind: 'event';
  readonly _payload?: P;
}

const invoke = <A extends unknown[], R>(check: ArgsSpec<A>): InvokeSpec<A, R> => ({ kind: 'invoke', check });
const event = <P>(): EventSpec<P> => ({ kind: 'event' });

export const CONTRACT = {
  // ---- app
  getAppInfo: invoke<[], AppInfo>(noArgs),
  getSettings: invoke<[], AppSettings>(noArgs),
  getLocale: invoke<[], Locale>(noArgs),
  setLocale: invoke<[locale: Locale], Locale>(args(oneOf(LOCALES))),
  getDisplaySettings: invoke<[], DisplaySettings>(noArgs),
  setDisplaySettings: invoke<[patch: Partial<DisplaySettings>], DisplaySettings>(args(displayPatchSchema)),
  openClientDisplay: invoke<[], ClientDisplayTarget>(noArgs),
  getLockState: invoke<[], LockState>(noArgs),
  lockConsole: invoke<[], LockState>(noArgs),
  unlockConsole: invoke<[passphrase: string | null], LockState>(args(unlockSchema)),
  setLockAfter: invoke<[minutes: number], LockState>(args(lockAfterSchema)),
  // ---- clients
  listClients: invoke<[], ClientListItem[]>(noArgs),
  createClient: invoke<[input: NewClient], Client>(args(newClientSchema)),
  getClient: invoke<[clientId: number], Client>(args(positiveId)),
  // ---- saved sessions
  listSessions: invoke<[clientId: number], SessionListItem[]>(args(positiveId)),
  getSessionSummary: invoke<[sessionId: number], SessionSummaryView>(args(positiveId)),
  getSessionReview: invoke<[sessionId: number], SessionReviewData>(args(positiveId)),
  // ---- clinical record (client page): details, course, goals, questionnaires, running log, exports, reports, RR import
  updateClient: invoke<[clientId: number, patch: Partial<NewClient>], SaveResult<Client>>(args(positiveId, clientPatchSchema)),
  listCourses: invoke<[clientId: number], Course[]>(args(positiveId)),
  createCourse: invoke<[input: NewCourse], SaveResult<Course>>(args(newCourseSchema)),
  updateCourse: invoke<[courseId: number, patch: Partial<Omit<NewCourse, 'clientId'>>], SaveResult<Course>>(args(positiveId, coursePatchSchema)),
  listGoals: invoke<[clientId: number], Goal[]>(args(positiveId)),
  createGoal: invoke<[input: NewGoal], SaveResult<Goal>>(args(newGoalSchema)),
  setGoalStatus: invoke<[request: GoalStatusRequest], SaveResult<Goal>>(args(goalStatusSchema)),
  listQuestionnaires: invoke<[clientId: number], QuestionnaireEntry[]>(args(positiveId)),
  /** A new result; `input.onExisting` says what to do when its moment already has one ('ask': refuse with `existing`). */
  createQuestionnaire: invoke<[input: NewQuestionnaireEntry], QuestionnaireSaveResult>(args(newQuestionnaireSchema)),
  listRunningLog: invoke<[clientId: number], RunningLogEntry[]>(args(positiveId)),
  createRunningLogEntry: invoke<[input: NewRunningLogEntry], SaveResult<RunningLogEntry>>(args(newRunningLogSchema)),
  // ---- corrections: every edit and delete is access-logged with the changed fields and kept in the record history
  updateQuestionnaire: invoke<[entryId: number, patch: QuestionnairePatch], SaveResult<QuestionnaireEntry>>(args(positiveId, questionnairePatchSchema)),
  deleteQuestionnaire: invoke<[entryId: number], QuestionnaireEntry>(args(positiveId)),
  updateGoal: invoke<[goalId: number, patch: GoalPatch], SaveResult<Goal>>(args(positiveId, goalPatchSchema)),
  deleteGoal: invoke<[goalId: number], Goal>(args(positiveId)),
  updateRunningLogEntry: invoke<[entryId: number, patch: RunningLogPatch], SaveResult<RunningLogEntry>>(args(positiveId, runningLogPatchSchema)),
  deleteRunningLogEntry: invoke<[entryId: number], RunningLogEntry>(args(positiveId)),
  listMarkers: invoke<[sessionId: number], Marker[]>(args(positiveId)),
  updateMarker: invoke<[markerId: number, patch: MarkerPatch], SaveResult<Marker>>(args(positiveId, markerPatchSchema)),
  deleteMarker: invoke<[markerId: number], Marker>(args(positiveId)),
  /** A saved session's own notes (not its markers): access-logged and kept in the record history like the corrections above. */
  updateSessionNotes: invoke<[sessionId: number, notes: string], SaveResult<SessionNotes>>(args(positiveId, sessionNotesSchema)),
  // ---- the record's audit trail (client page): reading the access log is itself logged
  listAccessLog: invoke<[request: AccessLogRequest], AccessLogView>(args(accessLogRequestSchema)),
  exportAccessLog: invoke<[clientId: number], DownloadFile>(args(positiveId)),
  listRecordHistory: invoke<[clientId: number], RecordHistoryView[]>(args(positiveId)),
  exportSession: invoke<[sessionId: number, format: SessionExportFormat], DownloadFile>(args(positiveId, oneOf(SESSION_EXPORT_FORMATS))),
  getReportHtml: invoke<[request: ReportRequest], ReportView>(args(reportRequestSchema)),
  getReportPdf: invoke<[request: ReportRequest], DownloadFile>(args(reportRequestSchema)),
  importRrFile: invoke<[request: RrImportRequest], RrImportResult>(args(rrImportSchema)),
  // ---- home practice: the prescription, its handout (PDF) and audio pacer (WAV)
  listPrescriptions: invoke<[clientId: number], Prescription[]>(args(positiveId)),
  createPrescription: invoke<[request: PrescriptionRequest], PrescriptionSaveResult>(args(prescriptionRequestSchema)),
  getPrescriptionFile: invoke<[request: PrescriptionFileRequest], DownloadFile>(args(prescriptionFileSchema)),
  // ---- running therapy: run/walk programmes (editing and deleting are corrections: record history, access log)
  runProgrammeTemplate: invoke<[options: ProgrammeTemplateOptions], ProgrammeWeek[]>(args(programmeTemplateSchema)),
  listRunProgrammes: invoke<[clientId: number], RunProgramme[]>(args(positiveId)),
  createRunProgramme: invoke<[input: NewRunProgramme], SaveResult<RunProgramme>>(args(newRunProgrammeSchema)),
  updateRunProgramme: invoke<[programmeId: number, patch: RunProgrammePatch], SaveResult<RunProgramme>>(args(positiveId, runProgrammePatchSchema)),
  deleteRunProgramme: invoke<[programmeId: number], RunProgramme>(args(positiveId)),
  /** A running-log entry filled in from a stored run session (the page shows it to confirm, then createRunningLogEntry). */
  runningLogDraftOf: invoke<[sessionId: number], NewRunningLogEntry>(args(positiveId)),
  /** Where the client is in their latest programme: weeks planned and done, the next session, the HRR trend (null: no programme). */
  getRunProgrammeStatus: invoke<[clientId: number], (ProgrammeStatus & { programme: RunProgramme }) | null>(args(positiveId)),
  /** A FIT/TCX/GPX file from the page (gzip, base64) as a 'run' session; a broken file: a coded RunFileError, nothing stored. */
  importRunFile: invoke<[request: RunImportRequest], RunImportResult>(args(runImportSchema)),
  /** Borg against % HRR of the logged runs (the progress report's perceived-versus-measured points). */
  getRunExertion: invoke<[clientId: number], ExertionPoint[]>(args(positiveId)),
  // ---- sensors
  listSensors: invoke<[], SensorListView>(noArgs),
  listChannels: invoke<[], ChannelView[]>(noArgs),
  /**
   * A sensor from `listSensors` (its `spec`, or the opaque id of a registered replay file); never a
   * path. It REPLACES the connected sensor (refused while a session records from that one).
   */
  connectSensor: invoke<[spec: string], ChannelView>(args(nonEmptyText(500))),
  /** Like `connectSensor`, but NEXT TO the connected sensors (group use) instead of replacing them. */
  addSensor: invoke<[spec: string], ChannelView>(args(nonEmptyText(500))),
  /** The app's own file dialog (desktop app only) for a recording to replay; its option (opaque id), or null. */
  chooseReplayFile: invoke<[], SensorOption | null>(noArgs),
  disconnectSensor: invoke<[channel: string], void>(args(nonEmptyText(100))),
  // ---- live session
  getSessionState: invoke<[], SessionStateView>(noArgs),
  startSession: invoke<[request: StartSessionRequest], SessionStateView>(args(startSessionSchema)),
  /**
   * A group session: every client records from their own connected sensor into a session of their
   * own, all with one shared pacer; pause, stop and the pacer act on all, a marker on one client or all
   * (`addMarker` with `clientId`). One client's sensor trouble only gives that client gaps.
   */
  startGroupSession: invoke<[request: StartGroupSessionRequest], SessionStateView>(args(startGroupSessionSchema)),
  /** Each asked client's remembered sensor (the one they last recorded with; none: left out), for the group set-up. */
  getClientSensors: invoke<[clientIds: number[]], ClientSensorView[]>(args(clientIdsSchema)),
  pauseSession: invoke<[], SessionStateView>(noArgs),
  resumeSession: invoke<[], SessionStateView>(noArgs),
  stopSession: invoke<[], SessionSummaryView>(noArgs),
  addMarker: invoke<[request: AddMarkerRequest], MarkerView>(args(addMarkerSchema)),
  // ---- pacer
  getPacer: invoke<[], PacerTimeline | null>(noArgs),
  setPacer: invoke<[settings: PacerSettings | null], PacerTimeline | null>(args(nullable(pacerSettingsSchema))),
  /** After the pacer's duration ended (`pacerEnded`): keep recording, the same pacer open-ended from now. */
  continuePacer: invoke<[], SessionStateView>(noArgs),
  // ---- resonance-frequency assessment (guided screen; stored as a session of type 'resonance')
  startResonance: invoke<[request: StartResonanceRequest], ResonanceRunView>(args(startResonanceSchema)),
  getResonanceRun: invoke<[], ResonanceRunView | null>(noArgs),
  stopResonance: invoke<[], ResonanceRunView>(noArgs),
  cancelResonance: invoke<[], ResonanceRunView>(noArgs),
  getResonanceResult: invoke<[sessionId: number], ResonanceResultView>(args(positiveId)),
  setResonanceOverride: invoke<[request: ResonanceOverrideRequest], ResonanceResultView>(args(resonanceOverrideSchema)),
  getLastResonanceRate: invoke<[clientId: number], ResonanceRateView | null>(args(positiveId)),
  // ---- live run session (issue 15): a 'run' session on the interval timer, HR in Karvonen zones, Borg per run block, HRR
  startRunSession: invoke<[request: StartRunSessionRequest], RunSessionView>(args(startRunSessionSchema)),
  /** A group run: 2–6 runners on one timer and one set of cues, each with their own sensor, zones and 'run' session (one group). */
  startGroupRunSession: invoke<[request: StartGroupRunSessionRequest], RunSessionView>(args(startGroupRunSessionSchema)),
  getRunSession: invoke<[], RunSessionView | null>(noArgs),
  /** Borg (6–20) and talk test of a run block, for one runner in a group (again: replaces the entry). */
  recordBorg: invoke<[request: RecordBorgRequest], RunSessionView>(args(recordBorgSchema)),
  /** Stop the recording and store the run summary (blocks, Borg, HRR, zones). */
  stopRunSession: invoke<[], RunSessionView>(noArgs),
  // ---- practice mode (issue 17): the practice database's connection state, what waits to be sent, the last sync
  getPracticeState: invoke<[], PracticeStateView>(noArgs),
  /** Send what waits and take in what other workstations wrote, now (the core also does so every little while). */
  syncPracticeNow: invoke<[], PracticeStateView>(noArgs),
  /** Who may see a client (every therapist, or named ones), and whether this therapist may change it (the practice owner). */
  getClientRestriction: invoke<[clientId: number], ClientRestrictionView>(args(positiveId)),
  /** The practice owner restricts a client to named therapist roles, or lifts it (`therapists` empty). */
  restrictClient: invoke<[request: RestrictClientRequest], ClientRestrictionView>(args(restrictClientSchema)),
  /** The practice database in the app's settings (null clears it); used from the next start, unless CADANS_PRACTICE_DB is set. */
  setPracticeServer: invoke<[url: string | null], PracticeSettingView>(args(practiceServerSchema)),
  // ---- events (core → renderer)
  onConnection: event<ConnectionEvent>(),
  onQuality: event<QualityEvent>(),
  onSessionState: event<SessionStateView>(),
  onPacer: event<PacerTimeline | null>(),
  onSettings: event<AppSettings>(),
  onLive: event<LiveBatch>(),
  onResonance: event<ResonanceRunView>(),
  /** The live run session changed: a new block or cue, a Borg entry, its end (null: none any more). */
  onRunSession: event<RunSessionView>(),
  onLock: event<LockState>(),
  /** Client records changed (here or in another process on the same database): re-fetch what is shown of them. */
  onRecordsChanged: event<RecordsChange>(),
  /** A recording meets a full disk (data kept in memory), room again (saved), saved elsewhere … (shared/domain/storageNotices.ts). */
  onStorageNotice: event<StorageNotice>(),
  /** Practice mode: reachable or offline, changes waiting, a sync started or done. */
  onPracticeState: event<PracticeStateView>(),
} as const;

export type Contract = typeof CONTRACT;
export type ApiName = keyof Contract;
export type InvokeName = { [K in ApiName]: Contract[K] extends InvokeSpec<infer _A, infer _R> ? K : never }[ApiName];
export type EventName = { [K in ApiName]: Contract[K] extends EventSpec<infer _P> ? K : never }[ApiName];
export type ArgsOf<K extends InvokeName> = Contract[K] extends InvokeSpec<infer A, infer _R> ? A : never;
export type ResultOf<K extends InvokeName> = Contract[K] extends InvokeSpec<infer _A, infer R> ? R : never;
export type PayloadOf<K extends EventName> = Contract[K] extends EventSpec<infer P> ? P : never;
export type Listener<K extends EventName> = (payload: PayloadOf<K>) => void;

/** The API as the renderer sees it (`window.cadans` or the WebSocket client). */
export type CadansApi = { [K in InvokeName]: (...a: ArgsOf<K>) => Promise<ResultOf<K>> } & {
  [K in EventName]: (listener: Listener<K>) => () => void;
};

/** What the core implements: every invoke call (sync or async). */
export type CadansService = { [K in InvokeName]: (...a: ArgsOf<K>) => ResultOf<K> | Promise<ResultOf<K>> };

/** Something that delivers events to one renderer (an Electron window, a WebSocket). */
export type EventSink = <K extends EventName>(name: K, payload: PayloadOf<K>) => void;

/** Every API name, in contract order. */
export const API_NAMES = Object.keys(CONTRACT) as ApiName[];
export const INVOKE_NAMES = API_NAMES.filter((k) => CONTRACT[k].kind === 'invoke') as InvokeName[];
export const EVENT_NAMES = API_NAMES.filter((k) => CONTRACT[k].kind === 'event') as EventName[];

export { LOCKED_CALLS_ALLOWED } from './lockedCalls.js';

/** Electron IPC channel of an API name. */
export function channelOf(name: ApiName): string {
  return `cadans:${name}`;
}

export function isInvokeName(name: unknown): name is InvokeName {
  return typeof name === 'string' && Object.hasOwn(CONTRACT, name) && CONTRACT[name as ApiName].kind === 'invoke';
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(CONTRACT, name) && CONTRACT[name as ApiName].kind === 'event';
}

/**
 * Reply envelope of every invoke call. An error carries its code and params (translated where it
 * is shown, see shared/i18n/CadansError.ts) and the English sentence (`error`, for logs). A
 * refusal of bad input also carries its field problems (`issues`: field, message code,
 * parameters), from the call's schema or from a domain validator behind the service, so a form
 * shows the rule broken next to its field in the user's language.
 */
export type Reply<R> = { ok: true; value: R } | { ok: false; error: string; code?: ErrorCode; params?: ErrorParams; issues?: ValidationIssue[] };

/** A failed reply. */
export type Refusal = Extract<Reply<unknown>, { ok: false }>;

/**
 * `dispatchInvoke`: check the arguments of `name` and call the service; never throws — problems and
 * service errors become `{ ok: false, error }`. Used by the Electron IPC handlers and the web host.
 */
export async function dispatchInvoke(service: CadansService, name: unknown, argList: unknown): Promise<Reply<unknown>> {
  const refused = invokeRefusal(name, argList);
  if (refused !== null) return refused;
  return callService(service, name as InvokeName, argList as unknown[]);
}

/**
 * `invokeRefusal` — `invokeProblem` as a reply: the message, and where an argument is refused, its
 * field problem (`issues`, one: the first), or null when the call may be made.
 */
export function invokeRefusal(name: unknown, argList: unknown): Refusal | null {
  const error = invokeProblem(name, argList);
  if (error === null) return null;
  const p = isInvokeName(name) && Array.isArray(argList) ? CONTRACT[name].check.problem(argList) : null;
  return p ? { ok: false, error, issues: [{ field: p.field, code: p.code, params: p.params }] } : { ok: false, error };
}

/**
 * `invokeProblem` — the synchronous half of `dispatchInvoke`: why `name(...argList)` is refused
 * (unknown call, arguments that do not match the call's schemas), or null when it may be made.
 */
export function invokeProblem(name: unknown, argList: unknown): string | null {
  if (!isInvokeName(name)) return `unknown API call '${showText(String(name), 60)}'`;
  const problem = Array.isArray(argList) ? CONTRACT[name].check(argList) : 'arguments must be a list';
  return problem === null ? null : `${name}: ${problem}`;
}

/** `callService` — call a checked invoke (see `invokeProblem`); never throws: errors become `{ ok: false, error }`. */
export async function callService(service: CadansService, name: InvokeName, list: unknown[]): Promise<Reply<unknown>> {
  return startCall(service, name, list);
}

/** One clean line (a message may carry a file name or a parse error: no control characters or escapes) plus its code. */
const failure = (e: unknown): Reply<never> => {
  const m = codedMessage(e);
  // An error without a code travels as its message only (the page shows it as it is).
  if (m.code === 'error.unknown') return { ok: false, error: safeMessage(m.message) };
  const params: ErrorParams = {};
  for (const [k, v] of Object.entries(m.params)) params[k] = typeof v === 'string' ? safeMessage(v) : v;
  return { ok: false, error: safeMessage(m.message), code: m.code, params };
};

/** A service error as a refusal: a `ValidationError`'s field problems travel with its message. */
function refusalOf(e: unknown): Refusal {
  if (e instanceof ValidationError && e.issues.length > 0) return { ok: false, error: safeMessage(e.message), issues: e.issues.map((i) => ({ ...i, params: { ...i.params } })) };
  return failure(e) as Refusal;
}

/**
 * `startCall` — call a checked invoke: a synchronous result (or error) comes back as the reply at
 * once, an asynchronous one as a promise of the reply (so a transport can count only the calls
 * still being worked on). Never throws.
 */
export function startCall(service: CadansService, name: InvokeName, list: unknown[]): Reply<unknown> | Promise<Reply<unknown>> {
  let value: unknown;
  try {
    const fn = service[name] as (...a: unknown[]) => unknown;
    value = fn.apply(service, list);
  } catch (e) {
    return refusalOf(e);
  }
  if (value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') {
    return Promise.resolve(value).then(
      (v): Reply<unknown> => ({ ok: true, value: v }),
      (e: unknown): Reply<unknown> => refusalOf(e),
    );
  }
  return { ok: true, value };
}

/** A refused call in the renderer: the core's message, and its field problems when the input was refused. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly issues: ValidationIssue[] = [],
  ) {
    super(message);
  }
}

const isIssue = (v: unknown): v is ValidationIssue =>
  typeof v === 'object' && v !== null && typeof (v as ValidationIssue).field === 'string' && typeof (v as ValidationIssue).code === 'string';

/**
 * Unwrap a reply in the renderer: the value; or throw an `ApiError` with the field problems of a
 * refused input, a `CadansError` when the error has a code, else an `ApiError` with the message.
 */
export function unwrapReply<R>(reply: Reply<R>): R {
  if (reply && reply.ok === true) return reply.value;
  if (reply && reply.ok === false) {
    const issues = Array.isArray(reply.issues) ? reply.issues.filter(isIssue) : [];
    if (issues.length > 0) throw new ApiError(reply.error, issues);
    if (isErrorCode(reply.code) && reply.code !== 'error.unknown') return throwCoded(reply.code, reply.params);
    throw new ApiError(reply.error);
  }
  throw new Error('malformed reply from the Cadans core');
}

function throwCoded(code: ErrorCode, params: unknown): never {
  throw new CadansError(code, params !== null && typeof params === 'object' ? cleanParams(params as Record<string, unknown>) : {});
}

/**
 * `createApiClient`: build a `CadansApi` from two transport functions. The preload (Electron IPC)
 * and the WebSocket client both use it, so both expose exactly the contract's names.
 */
export function createApiClient(transport: {
  invoke(name: InvokeName, argList: unknown[]): Promise<Reply<unknown>>;
  subscribe(name: EventName, listener: (payload: unknown) => void): () => void;
}): CadansApi {
  const api: Record<string, unknown> = {};
  for (const name of INVOKE_NAMES) {
    api[name] = async (...a: unknown[]) => unwrapReply(await transport.invoke(name, a));
  }
  for (const name of EVENT_NAMES) {
    api[name] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${name}: listener must be a function`);
      return transport.subscribe(name, listener);
    };
  }
  return Object.freeze(api) as unknown as CadansApi;
}

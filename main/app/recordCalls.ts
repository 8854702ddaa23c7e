/**
 * `RecordCalls` — the records part of the app core: clients and their saved sessions (list,
 * summary, review), the clinical record of the client page (details, treatment courses, SMART
 * goals, questionnaire scores, the running log), session exports, reports and RR imports, on the
 * storage repositories. Writes answer with a `SaveResult`: the validators' problems come back
 * as codes (nothing stored) instead of failing the call, so the renderer can show them in the
 * user's language; unknown ids (`NotFoundError`) still throw.
 */
import type {
  Client,
  ClientListItem,
  Course,
  Goal,
  NewClient,
  NewCourse,
  NewGoal,
  NewQuestionnaireEntry,
  NewRunningLogEntry,
  QuestionnaireEntry,
  RunningLogEntry,
  SessionListItem,
} from '../../shared/domain/types.js';
import type { Locale, SessionReviewData, SessionSummaryView } from '../../shared/ipc/apiTypes.js';
import type { ReportRequest, ReportView, RrImportRequest, RrImportResult } from '../../shared/ipc/recordTypes.js';
import type { PrintToPdf } from '../reports/printToPdf.js';
import { inlineHeavyWork, type HeavyWork } from './heavyWork.js';
import { checkRrImport, storeRrImport } from './recordImport.js';
import { reportPdf } from './reportCalls.js';
import { reviewData, summaryView } from './sessionViews.js';
import { ValidationError } from '../../shared/domain/validationResult.js';
import type { DownloadFile, GoalStatusRequest, SaveResult, SessionExportFormat } from '../../shared/ipc/recordTypes.js';
import type { Storage } from '../storage/storage.js';

/** `saveResult` — run a write; a `ValidationError` becomes `{ ok: false, issues }`, other errors propagate. */
export function saveResult<T>(write: () => T): SaveResult<T> {
  try {
    return { ok: true, value: write() };
  } catch (e) {
    if (e instanceof ValidationError) return { ok: false, issues: [...e.issues], message: e.message };
    throw e;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class RecordCalls {
  constructor(
    private readonly storage: Storage,
    /** "Today" for the validators (no dates in the future). */
    private readonly now: () => Date,
    /** The UI's language (reports default to it). */
    private readonly locale: () => Locale = () => 'nl',
    /** Prints report HTML to PDF. */
    private readonly printToPdf: () => PrintToPdf = () => {
      throw new Error('no PDF printer configured');
    },
    /** Runs the heavy calls (RR analysis, reports, exports); default: on this thread. */
    private readonly heavy: HeavyWork = inlineHeavyWork(storage),
  ) {}

  listClients(): ClientListItem[] {
    return this.storage.clients.list();
  }
  createClient(input: NewClient): Client {
    return this.storage.clients.create(input);
  }
  getClient(clientId: number): Client {
    return this.storage.clients.require(clientId);
  }
  listSessions(clientId: number): SessionListItem[] {
    this.storage.clients.require(clientId);
    return this.storage.sessions.listByClient(clientId);
  }
  getSessionSummary(sessionId: number): SessionSummaryView {
    const s = this.storage.sessions.require(sessionId);
    return summaryView(s, this.storage.markers.list(sessionId).length);
  }
  getSessionReview(sessionId: number): SessionReviewData {
    return reviewData(this.storage, sessionId);
  }
  /** The report as HTML for the in-app preview (in the request's language, else the UI's); rendered off the main thread. */
  getReportHtml(request: ReportRequest): Promise<ReportView> {
    return this.heavy.report(request, this.locale(), this.now());
  }
  /** The same report as a PDF file. */
  async getReportPdf(request: ReportRequest): Promise<DownloadFile> {
    const view = await this.heavy.report(request, this.locale(), this.now());
    return reportPdf(view, this.printToPdf());
  }
  /**
   * An RR-interval file as a new session of the client (nothing stored when it cannot be read):
   * the request is checked here, the file parsed and analysed off the main thread, the session
   * stored here in one transaction.
   */
  async importRrFile(request: RrImportRequest): Promise<RrImportResult> {
    const now = this.now();
    const fields = checkRrImport(request, now);
    if ('ok' in fields) return fields;
    this.storage.clients.require(fields.clientId);
    const prepared = await this.heavy.prepareRrImport(fields.text, fields.type);
    return storeRrImport(this.storage, fields, prepared, now);
  }

  /** `updateClient` — change name, date of birth, referral, complaint or notes. */
  updateClient(clientId: number, patch: Partial<NewClient>): SaveResult<Client> {
    this.storage.clients.require(clientId);
    const p = isObj(patch) ? patch : {};
    return saveResult(() => this.storage.clients.update(clientId, p, this.now()));
  }

  listCourses(clientId: number): Course[] {
    this.storage.clients.require(clientId);
    return this.storage.courses.listByClient(clientId);
  }

  createCourse(input: NewCourse): SaveResult<Course> {
    return saveResult(() => this.storage.courses.create(input, this.now()));
  }

  /** `updateCourse` — change the start / intake / mid / final dates or notes (order kept). */
  updateCourse(courseId: number, patch: Partial<Omit<NewCourse, 'clientId'>>): SaveResult<Course> {
    this.storage.courses.require(courseId);
    const p: Record<string, unknown> = isObj(patch) ? { ...patch } : {};
    delete p.clientId;
    return saveResult(() => this.storage.courses.update(courseId, p));
  }

  listGoals(clientId: number): Goal[] {
    this.storage.clients.require(clientId);
    return this.storage.goals.listByClient(clientId);
  }

  createGoal(input: NewGoal): SaveResult<Goal> {
    return saveResult(() => this.storage.goals.create(input, this.now()));
  }

  /** `setGoalStatus` — achieved / dropped (closed today unless `closedDate`) or open again. */
  setGoalStatus(req: GoalStatusRequest): SaveResult<Goal> {
    const goalId = Number(req.goalId);
    if (!Number.isSafeInteger(goalId) || goalId < 1) throw new Error('setGoalStatus: goalId must be a positive whole number');
    return saveResult(() => this.storage.goals.setStatus(goalId, req.status, req.closedDate ?? null, this.now()));
  }

  listQuestionnaires(clientId: number): QuestionnaireEntry[] {
    this.storage.clients.require(clientId);
    return this.storage.questionnaires.listByClient(clientId);
  }

  createQuestionnaire(input: NewQuestionnaireEntry): SaveResult<QuestionnaireEntry> {
    return saveResult(() => this.storage.questionnaires.create(input, this.now()));
  }

  listRunningLog(clientId: number): RunningLogEntry[] {
    this.storage.clients.require(clientId);
    return this.storage.runningLog.listByClient(clientId);
  }

  createRunningLogEntry(input: NewRunningLogEntry): SaveResult<RunningLogEntry> {
    return saveResult(() => this.storage.runningLog.create(input, this.now()));
  }

  /**
   * `exportSession` — the session as CSV (raw signal), Kubios RR text or JSON, as one text file
   * (`buildSessionExport`, run off the main thread by the heavy-work port).
   */
  exportSession(sessionId: number, format: SessionExportFormat): Promise<DownloadFile> {
    return this.heavy.exportSession(sessionId, format);
  }
}

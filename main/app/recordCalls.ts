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
import { importRrText } from './recordImport.js';
import { renderReport, renderReportPdf } from './reportCalls.js';
import { reviewData, summaryView } from './sessionViews.js';
import { ValidationError } from '../../shared/domain/validationResult.js';
import type { DownloadFile, GoalStatusRequest, SaveResult, SessionExportFormat } from '../../shared/ipc/recordTypes.js';
import { prepareSessionExport } from '../sessions/exportSession.js';
import type { Storage } from '../storage/storage.js';

const MIME: Record<SessionExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  rr: 'text/plain;charset=utf-8',
  json: 'application/json;charset=utf-8',
};

/** Largest export sent to the renderer in one reply (a 2-hour 100 Hz CSV is ~12 MB). */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

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
  /** The report as HTML for the in-app preview (in the request's language, else the UI's). */
  getReportHtml(request: ReportRequest): ReportView {
    return renderReport(this.storage, request, this.locale(), this.now());
  }
  /** The same report as a PDF file. */
  getReportPdf(request: ReportRequest): Promise<DownloadFile> {
    return renderReportPdf(this.storage, request, this.locale(), this.now(), this.printToPdf());
  }
  /** An RR-interval file as a new session of the client (nothing stored when it cannot be read). */
  importRrFile(request: RrImportRequest): RrImportResult {
    return importRrText(this.storage, request, this.now());
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
   * (`prepareSessionExport`; throws `ExportError` with a one-sentence reason, e.g. no raw signal).
   */
  exportSession(sessionId: number, format: SessionExportFormat): DownloadFile {
    const prepared = prepareSessionExport(this.storage, sessionId, format);
    const parts: string[] = [];
    let n = 0;
    for (const chunk of prepared.chunks()) {
      n += chunk.length;
      if (n > MAX_EXPORT_CHARS) {
        throw new Error(`Session ${sessionId} is too large to export from the app (over ${MAX_EXPORT_CHARS / 1024 / 1024} MB); use cadans export.`);
      }
      parts.push(chunk);
    }
    return { fileName: prepared.fileName, mimeType: MIME[format], data: parts.join('') };
  }
}

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
import { ZIP_PARTS, sessionZipName, zipSession, type SessionZipPart } from '../sessions/sessionZip.js';
import { reviewData, summaryView } from './sessionViews.js';
import { ValidationError } from '../../shared/domain/validationResult.js';
import type { DownloadFile, GoalStatusRequest, SaveResult, SessionExportFormat } from '../../shared/ipc/recordTypes.js';
import type { AccessEntryInput } from '../storage/accessLogRepo.js';
import type { Storage } from '../storage/storage.js';
import { CadansError, codedMessage } from '../../shared/i18n/CadansError.js';

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
      throw new CadansError('report.noPrinter');
    },
    /** Runs the heavy calls (RR analysis, reports, exports); default: on this thread. */
    private readonly heavy: HeavyWork = inlineHeavyWork(storage),
  ) {}

  listClients(): ClientListItem[] {
    return this.storage.clients.list();
  }
  createClient(input: NewClient): Client {
    const c = this.storage.clients.create(input);
    this.log({ action: 'create', clientId: c.id, detail: 'createClient' });
    return c;
  }
  getClient(clientId: number): Client {
    const c = this.storage.clients.require(clientId);
    this.log({ action: 'open', clientId, detail: 'getClient' });
    return c;
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
    const review = reviewData(this.storage, sessionId);
    this.logSession('open', sessionId, 'getSessionReview');
    return review;
  }
  /** The report as HTML for the in-app preview (in the request's language, else the UI's); rendered off the main thread. */
  async getReportHtml(request: ReportRequest): Promise<ReportView> {
    const view = await this.heavy.report(request, this.locale(), this.now());
    this.logReport(request, 'html');
    return view;
  }
  /** The same report as a PDF file. */
  async getReportPdf(request: ReportRequest): Promise<DownloadFile> {
    const view = await this.heavy.report(request, this.locale(), this.now());
    const pdf = await reportPdf(view, this.printToPdf());
    this.logReport(request, 'pdf');
    return pdf;
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
    const prepared = await this.heavy.prepareRrImport(fields.text, fields.type, fields.source);
    const r = storeRrImport(this.storage, fields, prepared, now);
    if (r.ok) this.log({ action: 'import', clientId: fields.clientId, sessionId: r.session.sessionId, detail: `importRrFile ${fields.type}${fields.source === 'rr' ? '' : ' ' + fields.source}` });
    return r;
  }

  /** `updateClient` — change name, date of birth, referral, complaint or notes. */
  updateClient(clientId: number, patch: Partial<NewClient>): SaveResult<Client> {
    this.storage.clients.require(clientId);
    const p = isObj(patch) ? patch : {};
    return this.logged(saveResult(() => this.storage.clients.update(clientId, p, this.now())), clientId, 'updateClient');
  }

  listCourses(clientId: number): Course[] {
    this.storage.clients.require(clientId);
    return this.storage.courses.listByClient(clientId);
  }

  createCourse(input: NewCourse): SaveResult<Course> {
    return this.logged(saveResult(() => this.storage.courses.create(input, this.now())), (c) => c.clientId, 'createCourse');
  }

  /** `updateCourse` — change the start / intake / mid / final dates or notes (order kept). */
  updateCourse(courseId: number, patch: Partial<Omit<NewCourse, 'clientId'>>): SaveResult<Course> {
    this.storage.courses.require(courseId);
    const p: Record<string, unknown> = isObj(patch) ? { ...patch } : {};
    delete p.clientId;
    return this.logged(saveResult(() => this.storage.courses.update(courseId, p)), (c) => c.clientId, 'updateCourse');
  }

  listGoals(clientId: number): Goal[] {
    this.storage.clients.require(clientId);
    return this.storage.goals.listByClient(clientId);
  }

  createGoal(input: NewGoal): SaveResult<Goal> {
    return this.logged(saveResult(() => this.storage.goals.create(input, this.now())), (g) => g.clientId, 'createGoal');
  }

  /** `setGoalStatus` — achieved / dropped (closed today unless `closedDate`) or open again. */
  setGoalStatus(req: GoalStatusRequest): SaveResult<Goal> {
    const goalId = Number(req.goalId);
    if (!Number.isSafeInteger(goalId) || goalId < 1) throw new Error('setGoalStatus: goalId must be a positive whole number');
    return this.logged(saveResult(() => this.storage.goals.setStatus(goalId, req.status, req.closedDate ?? null, this.now())), (g) => g.clientId, 'setGoalStatus');
  }

  listQuestionnaires(clientId: number): QuestionnaireEntry[] {
    this.storage.clients.require(clientId);
    return this.storage.questionnaires.listByClient(clientId);
  }

  listRunningLog(clientId: number): RunningLogEntry[] {
    this.storage.clients.require(clientId);
    return this.storage.runningLog.listByClient(clientId);
  }

  createRunningLogEntry(input: NewRunningLogEntry): SaveResult<RunningLogEntry> {
    return this.logged(saveResult(() => this.storage.runningLog.create(input, this.now())), (e) => e.clientId, 'createRunningLogEntry');
  }

  /**
   * `exportSession` — the session as CSV (raw signal), Kubios RR text or JSON, as one text file
   * (`buildSessionExport`, run off the main thread by the heavy-work port).
   */
  async exportSession(sessionId: number, format: SessionExportFormat): Promise<DownloadFile> {
    const file = format === 'zip' ? await this.exportSessionZip(sessionId) : await this.heavy.exportSession(sessionId, format);
    this.logSession('export', sessionId, `exportSession ${format}`);
    return file;
  }

  /**
   * The session as a zip for a colleague (sessionZip.ts): CSV, RR text and JSON from the heavy-work
   * worker (a part the session cannot have, such as the CSV of an imported RR file, is named in
   * the README instead), the session report printed to PDF in the UI's language.
   */
  private async exportSessionZip(sessionId: number): Promise<DownloadFile> {
    const session = this.storage.sessions.require(sessionId);
    const locale = this.locale();
    const [view, ...parts] = await Promise.all([
      this.heavy.report({ kind: 'session', sessionId, locale }, locale, this.now()),
      ...ZIP_PARTS.map((format) =>
        this.heavy.exportSession(sessionId, format).then(
          (f): SessionZipPart => ({ format, data: f.data }),
          (e: Error): SessionZipPart => {
            if (e.name === 'ExportError') return { format, omitted: codedMessage(e) };
            throw e;
          },
        ),
      ),
    ]);
    const pdf = await this.printToPdf()(view.html);
    const { bytes } = zipSession(sessionId, parts, pdf, locale, new Date(session.startedAt));
    return { fileName: sessionZipName(sessionId), mimeType: 'application/zip', data: bytes };
  }

  /**
   * Log an access to a client's record (NEN 7513; see `AccessLogRepo`). The log must not lock the
   * therapist out (a full disk): a failed append is said on stderr, the call goes on.
   */
  private log(entry: AccessEntryInput): void {
    try {
      this.storage.accessLog.append(entry);
    } catch (e) {
      console.error(`cadans: access log not written (${entry.action}, client ${entry.clientId}): ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  private logSession(action: AccessEntryInput['action'], sessionId: number, detail: string): void {
    this.log({ action, clientId: this.storage.sessions.require(sessionId).clientId, sessionId, detail });
  }
  private logReport(request: ReportRequest, format: string): void {
    if (request.kind === 'session') this.logSession('report', request.sessionId, `session report ${format}`);
    else if (request.kind === 'group') {
      // Every participant's record was read (their figures; their names in the therapist's version).
      const what = `group ${request.groupId} summary ${request.names === true ? 'with names' : 'anonymised'} ${format}`;
      for (const id of this.storage.groups.get(request.groupId)?.sessionIds ?? []) this.logSession('report', id, what);
    } else if (request.kind === 'runSchedule') {
      const clientId = this.storage.runProgrammes.get(request.programmeId)?.clientId;
      if (clientId !== undefined) this.log({ action: 'report', clientId, detail: `run schedule ${request.programmeId} ${format}` });
    } else this.log({ action: 'report', clientId: request.clientId, detail: `progress report ${format}` });
  }
  /** A saved change is logged as an edit of its client's record. */
  private logged<T>(r: SaveResult<T>, clientOf: number | ((v: T) => number), detail: string): SaveResult<T> {
    if (r.ok) this.log({ action: 'edit', clientId: typeof clientOf === 'number' ? clientOf : clientOf(r.value), detail });
    return r;
  }
}

/**
 * `RunProgrammeCalls` — run/walk programmes on the client page: the standard template (to show and
 * edit before saving), a client's programmes, storing one (validated; problems as codes, nothing
 * stored), and where the client is in their latest programme (weeks planned and done, the next
 * session, the HRR trend). Editing and deleting a programme are corrections (RecordEditCalls: with
 * record history). Storing is access-logged.
 */
import { localIsoDate } from '../../shared/domain/dates.js';
import type { SaveResult } from '../../shared/ipc/recordTypes.js';
import { programmeTemplate, type NewRunProgramme, type ProgrammeTemplateOptions, type ProgrammeWeek, type RunProgramme } from '../../shared/running/programme.js';
import { programmeStatus, type ProgrammeStatus } from '../../shared/running/programmeProgress.js';
import type { NewRunningLogEntry } from '../../shared/domain/types.js';
import type { RunSummary } from '../../shared/running/runAnalysis.js';
import { runningLogDraft } from '../../shared/running/runningLogDraft.js';
import { ValidationError } from '../../shared/domain/validationResult.js';
import { runsDone } from '../running/runsDone.js';
import { importRunUpload } from '../running/importRunUpload.js';
import { exertionPoints } from '../running/progressRuns.js';
import type { RunImportRequest, RunImportResult } from '../../shared/running/runImport.js';
import type { ExertionPoint } from '../../shared/running/perceivedExertion.js';
import type { Storage } from '../storage/storage.js';
import { saveResult } from './recordCalls.js';

export class RunProgrammeCalls {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => Date,
  ) {}

  runProgrammeTemplate(options: ProgrammeTemplateOptions): ProgrammeWeek[] {
    return programmeTemplate(options);
  }

  listRunProgrammes(clientId: number): RunProgramme[] {
    this.storage.clients.require(clientId);
    return this.storage.runProgrammes.listByClient(clientId);
  }

  createRunProgramme(input: NewRunProgramme): SaveResult<RunProgramme> {
    const r = saveResult(() => this.storage.runProgrammes.create(input, this.now()));
    if (r.ok) this.storage.accessLog.append({ action: 'create', clientId: r.value.clientId, detail: `createRunProgramme ${r.value.id}` });
    return r;
  }

  /**
   * A running-log entry filled in from a stored run session, for the therapist to confirm (and add
   * Borg) before `createRunningLogEntry` stores it. Refused for a session that is not a run.
   */
  runningLogDraftOf(sessionId: number): NewRunningLogEntry {
    const s = this.storage.sessions.require(sessionId);
    const summary = s.summary as unknown as RunSummary | null;
    if (s.type !== 'run' || !summary || summary.kind !== 'run') throw new ValidationError([`Session ${sessionId} is not a run session.`]);
    return runningLogDraft(s.clientId, s.courseId, s.startedAt, summary, s.id);
  }

  /** The client's latest programme (by start date) with its progress; null when there is none. */
  getRunProgrammeStatus(clientId: number): (ProgrammeStatus & { programme: RunProgramme }) | null {
    this.storage.clients.require(clientId);
    const programme = this.storage.runProgrammes.listByClient(clientId).at(-1);
    if (!programme) return null;
    return { programme, ...programmeStatus(programme, runsDone(this.storage, clientId), localIsoDate(this.now())) };
  }

  /**
   * A run file (FIT, TCX, GPX) sent from the client page, stored as a 'run' session in one
   * transaction (access-logged by importRun); a broken file throws a RunFileError, nothing stored.
   */
  importRunFile(request: RunImportRequest): RunImportResult {
    return importRunUpload(this.storage, request);
  }

  /** Perceived (Borg) versus measured (% HRR) exertion of the client's logged runs: the progress report's points. */
  getRunExertion(clientId: number): ExertionPoint[] {
    this.storage.clients.require(clientId);
    return exertionPoints(this.storage, clientId, null);
  }
}

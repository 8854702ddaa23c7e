/**
 * `RecordEditCalls` — corrections of the clinical record: saving a questionnaire result with the
 * one-result-per-moment rule, editing or deleting questionnaire results, goals, running-log
 * entries and session markers, and editing a saved session's own notes. Every change runs in one transaction with its trail: the record
 * history keeps the record before (and after) the change, and the access log (NEN 7513) gets an
 * `edit` or `delete` entry naming the changed fields (`changeSummary`; free text is named, not
 * quoted). Validation problems come back as codes (`SaveResult`); unknown ids throw `NotFoundError`.
 */
import { changedFields, changeSummary } from '../../shared/domain/recordChanges.js';
import type { Goal, Marker, NewQuestionnaireEntry, QuestionnaireEntry, RunningLogEntry } from '../../shared/domain/types.js';
import { formatMessage, fieldLabel } from '../../shared/domain/validationMessages.js';
import type {
  GoalPatch,
  MarkerPatch,
  QuestionnairePatch,
  QuestionnaireSaveResult,
  RunningLogPatch,
  SaveResult,
} from '../../shared/ipc/recordTypes.js';
import type { SessionNotes } from '../../shared/ipc/auditTypes.js';
import type { RunProgramme, RunProgrammePatch } from '../../shared/running/programme.js';
import type { AccessEntryInput } from '../storage/accessLogRepo.js';
import type { EditableRecord } from '../storage/recordHistoryRepo.js';
import type { Storage } from '../storage/storage.js';
import { saveResult } from './recordCalls.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One kind of editable record: how to read, change and delete it, and whose record it is. */
interface Editable<T extends { id: number }, P> {
  record: EditableRecord;
  /** Name of the record in the access log's detail. */
  label: string;
  require(id: number): T;
  update(id: number, patch: P): T;
  remove(id: number): T;
  owner(v: T): { clientId: number; sessionId: number | null };
}

export class RecordEditCalls {
  private readonly questionnaire: Editable<QuestionnaireEntry, QuestionnairePatch>;
  private readonly goal: Editable<Goal, GoalPatch>;
  private readonly runningLog: Editable<RunningLogEntry, RunningLogPatch>;
  private readonly marker: Editable<Marker, MarkerPatch>;
  private readonly sessionNotes: Editable<SessionNotes, { notes: string }>;
  private readonly runProgramme: Editable<RunProgramme, RunProgrammePatch>;

  constructor(
    private readonly storage: Storage,
    /** "Today" for the validators and the time of the history entries. */
    private readonly now: () => Date,
  ) {
    const s = storage;
    const client = (v: { clientId: number }) => ({ clientId: v.clientId, sessionId: null });
    this.questionnaire = {
      record: 'questionnaire',
      label: 'questionnaire',
      require: (id) => s.questionnaires.require(id),
      update: (id, p) => s.questionnaires.update(id, p, this.now()),
      remove: (id) => s.questionnaires.delete(id),
      owner: client,
    };
    this.goal = {
      record: 'goal',
      label: 'goal',
      require: (id) => s.goals.require(id),
      update: (id, p) => s.goals.update(id, p, this.now()),
      remove: (id) => s.goals.delete(id),
      owner: client,
    };
    this.runningLog = {
      record: 'runningLog',
      label: 'runningLog',
      require: (id) => s.runningLog.require(id),
      update: (id, p) => s.runningLog.update(id, p, this.now()),
      remove: (id) => s.runningLog.delete(id),
      owner: client,
    };
    this.marker = {
      record: 'marker',
      label: 'marker',
      require: (id) => s.markers.require(id),
      update: (id, p) => s.markers.update(id, p),
      remove: (id) => s.markers.delete(id),
      owner: (m) => ({ clientId: s.sessions.require(m.sessionId).clientId, sessionId: m.sessionId }),
    };
    // Only the notes of a session are kept in the history (not its summary or sensor details).
    const notesOf = (v: { id: number; notes: string }): SessionNotes => ({ id: v.id, notes: v.notes });
    this.sessionNotes = {
      record: 'sessionNotes',
      label: 'session',
      require: (id) => notesOf(s.sessions.require(id)),
      update: (id, p) => notesOf(s.sessions.update(id, { notes: p.notes })),
      remove: () => {
        throw new Error('the notes of a session are edited, not deleted');
      },
      owner: (v) => ({ clientId: s.sessions.require(v.id).clientId, sessionId: v.id }),
    };
    this.runProgramme = {
      record: 'runProgramme',
      label: 'runProgramme',
      require: (id) => s.runProgrammes.require(id),
      update: (id, p) => s.runProgrammes.update(id, p, this.now()),
      remove: (id) => s.runProgrammes.delete(id),
      owner: client,
    };
  }

  /**
   * `createQuestionnaire` — store a result. When the client already has one of the same
   * questionnaire at the same moment (and course), `onExisting` decides: 'ask' (default) refuses
   * with the stored result as `existing` (issue `momentTaken`); 'replace' corrects the stored one
   * (an edit, with history; only the newest when there are several); 'keep' stores both.
   */
  createQuestionnaire(input: NewQuestionnaireEntry): QuestionnaireSaveResult {
    const { onExisting = 'ask', ...entry } = isObj(input) ? (input as NewQuestionnaireEntry) : ({} as NewQuestionnaireEntry);
    const e = entry as NewQuestionnaireEntry;
    const existing =
      onExisting === 'keep' || !Number.isSafeInteger(e.clientId)
        ? []
        : this.storage.questionnaires.findAtMoment(e.clientId, e.instrument, e.moment, e.courseId ?? null);
    const latest = existing[existing.length - 1];
    if (latest && onExisting === 'replace') {
      const { clientId: _c, instrument: _i, ...patch } = e;
      return this.update(this.questionnaire, latest.id, { ...patch, items: e.items ?? null } as QuestionnairePatch, 'replaceQuestionnaire');
    }
    if (latest) {
      const params = { instrument: fieldLabel(latest.instrument), moment: latest.moment, date: latest.date };
      return { ok: false, existing: latest, message: formatMessage('momentTaken', params), issues: [{ code: 'momentTaken', field: 'moment', params }] };
    }
    const r = saveResult(() => this.storage.questionnaires.create(e, this.now()));
    // Like every saved change of the record (RecordCalls.logged): an edit of the client's record.
    if (r.ok) this.log({ action: 'edit', clientId: r.value.clientId, detail: `createQuestionnaire #${r.value.id}` });
    return r;
  }

  updateQuestionnaire(entryId: number, patch: QuestionnairePatch): SaveResult<QuestionnaireEntry> {
    return this.update(this.questionnaire, entryId, patch, 'updateQuestionnaire');
  }
  deleteQuestionnaire(entryId: number): QuestionnaireEntry {
    return this.remove(this.questionnaire, entryId, 'deleteQuestionnaire');
  }
  updateGoal(goalId: number, patch: GoalPatch): SaveResult<Goal> {
    return this.update(this.goal, goalId, patch, 'updateGoal');
  }
  deleteGoal(goalId: number): Goal {
    return this.remove(this.goal, goalId, 'deleteGoal');
  }
  updateRunningLogEntry(entryId: number, patch: RunningLogPatch): SaveResult<RunningLogEntry> {
    return this.update(this.runningLog, entryId, patch, 'updateRunningLogEntry');
  }
  deleteRunningLogEntry(entryId: number): RunningLogEntry {
    return this.remove(this.runningLog, entryId, 'deleteRunningLogEntry');
  }
  /** A run/walk programme's name, start date, weeks (blocks) or notes. */
  updateRunProgramme(programmeId: number, patch: RunProgrammePatch): SaveResult<RunProgramme> {
    return this.update(this.runProgramme, programmeId, patch, 'updateRunProgramme');
  }
  deleteRunProgramme(programmeId: number): RunProgramme {
    return this.remove(this.runProgramme, programmeId, 'deleteRunProgramme');
  }
  listMarkers(sessionId: number): Marker[] {
    this.storage.sessions.require(sessionId);
    return this.storage.markers.list(sessionId);
  }
  updateMarker(markerId: number, patch: MarkerPatch): SaveResult<Marker> {
    return this.update(this.marker, markerId, patch, 'updateMarker');
  }
  deleteMarker(markerId: number): Marker {
    return this.remove(this.marker, markerId, 'deleteMarker');
  }

  /** `updateSessionNotes` — a saved session's own notes (not its markers), with history and access log. */
  updateSessionNotes(sessionId: number, notes: string): SaveResult<SessionNotes> {
    return this.update(this.sessionNotes, sessionId, { notes }, 'updateSessionNotes');
  }

  /** Change a record with its history entry in one transaction; the access log names the changed fields. */
  private update<T extends { id: number }, P>(kind: Editable<T, P>, id: number, patch: P, call: string): SaveResult<T> {
    const p = (isObj(patch) ? patch : {}) as P;
    let summary = '';
    let who = { clientId: 0, sessionId: null as number | null };
    const r = saveResult(() =>
      this.storage.db.transaction((): T => {
        const before = kind.require(id);
        const after = kind.update(id, p);
        who = kind.owner(after);
        const changes = changedFields(before, after);
        summary = changeSummary(changes);
        if (changes.length > 0) this.history(kind.record, 'edit', id, who, before, after);
        return after;
      }).immediate(),
    );
    if (r.ok) this.log({ action: 'edit', clientId: who.clientId, sessionId: who.sessionId, detail: `${call} ${kind.label} #${id}: ${summary}` });
    return r;
  }

  /** Delete a record, keeping its content in the record history (same transaction). */
  private remove<T extends { id: number }, P>(kind: Editable<T, P>, id: number, call: string): T {
    let who = { clientId: 0, sessionId: null as number | null };
    const gone = this.storage.db
      .transaction((): T => {
        const before = kind.require(id);
        who = kind.owner(before);
        kind.remove(id);
        this.history(kind.record, 'delete', id, who, before, null);
        return before;
      })
      .immediate();
    this.log({ action: 'delete', clientId: who.clientId, sessionId: who.sessionId, detail: `${call} ${kind.label} #${id}` });
    return gone;
  }

  private history(record: EditableRecord, action: 'edit' | 'delete', recordId: number, who: { clientId: number; sessionId: number | null }, before: unknown, after: unknown): void {
    // A read-only database of an older schema cannot be written at all, so the table is there here.
    this.storage.history.append({ at: this.now().toISOString(), action, record, recordId, clientId: who.clientId, sessionId: who.sessionId, before, after });
  }

  /** Access log (NEN 7513): a failed append is said on stderr, the call goes on (see RecordCalls). */
  private log(entry: AccessEntryInput): void {
    try {
      this.storage.accessLog.append(entry);
    } catch (e) {
      console.error(`cadans: access log not written (${entry.action}, client ${entry.clientId}): ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/**
 * Questionnaire results (4DKL, MVI, Nijmegen). Every entry is validated first
 * (`validateQuestionnaireEntry`): out-of-range, missing or unknown scores, a bad or future
 * date, an unknown client or a course of another client → an error and nothing written.
 */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type {
  Instrument,
  InstrumentScores,
  NewQuestionnaireEntry,
  QuestionnaireEntry,
  QuestionnaireMoment,
} from '../../shared/domain/types.js';
import type { QuestionnairePatch } from '../../shared/ipc/recordTypes.js';
import { validateQuestionnaireEntry } from '../../shared/domain/validateQuestionnaire.js';
import { scoreItemAnswers } from '../../shared/domain/questionnaireItems.js';
import { NotFoundError, ValidationError } from '../../shared/domain/validationResult.js';
import { RecordChecks } from './storageHelpers.js';

interface QuestionnaireDbRow {
  id: number;
  client_id: number;
  course_id: number | null;
  instrument: Instrument;
  moment: QuestionnaireMoment;
  date: string;
  scores: string;
  notes: string;
  created_at: string;
  items: string | null;
}


const hasItemsColumn = (db: Db): boolean =>
  (db.pragma('table_info(questionnaire_scores)') as { name: string }[]).some((c) => c.name === 'items');

/**
 * A result entered by item is scored from its items on every read, with the current published key
 * (shared/domain/questionnaireItems.ts): the stored totals are what was computed when it was saved,
 * and a corrected key (4DKL items 42 and 46, fixed after release) must reach results saved before.
 */
function scoresOf(r: QuestionnaireDbRow): InstrumentScores[Instrument] {
  const stored = JSON.parse(r.scores) as InstrumentScores[Instrument];
  if (r.items === null) return stored;
  const s = scoreItemAnswers(r.instrument, JSON.parse(r.items) as unknown);
  return s.ok ? s.value : stored;
}

function toEntry(r: QuestionnaireDbRow): QuestionnaireEntry {
  return {
    id: r.id,
    clientId: r.client_id,
    courseId: r.course_id,
    instrument: r.instrument,
    moment: r.moment,
    date: r.date,
    scores: scoresOf(r),
    notes: r.notes,
    createdAt: r.created_at,
    items: r.items === null ? null : (JSON.parse(r.items) as number[]),
  } as QuestionnaireEntry;
}

export interface QuestionnaireListOptions {
  instrument?: Instrument;
  courseId?: number;
}

export class QuestionnairesRepo {
  private readonly checks;
  private readonly insertStmt;
  private readonly getStmt;
  private readonly byClientStmt;
  private readonly atMomentStmt;
  private readonly updateStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.checks = new RecordChecks(db);
    // A database of schema 3 opened read-only has no `items` column yet (migration 4 only adds).
    const withItems = hasItemsColumn(db);
    const COLUMNS = `id, client_id, course_id, instrument, moment, date, scores, notes, created_at, ${withItems ? 'items' : 'NULL AS items'}`;
    this.insertStmt = db.prepare(
      withItems
        ? `INSERT INTO questionnaire_scores (client_id, course_id, instrument, moment, date, scores, notes, created_at, items)
           VALUES (@clientId, @courseId, @instrument, @moment, @date, @scores, @notes, @createdAt, @items)`
        : `INSERT INTO questionnaire_scores (client_id, course_id, instrument, moment, date, scores, notes, created_at)
           VALUES (@clientId, @courseId, @instrument, @moment, @date, @scores, @notes, @createdAt)`,
    );
    this.atMomentStmt = db.prepare<[number, string, string, number | null], QuestionnaireDbRow>(
      `SELECT ${COLUMNS} FROM questionnaire_scores WHERE client_id = ? AND instrument = ? AND moment = ? AND course_id IS ? ORDER BY date, id`,
    );
    this.updateStmt = db.prepare(
      `UPDATE questionnaire_scores SET course_id = @courseId, moment = @moment, date = @date, scores = @scores, notes = @notes${withItems ? ', items = @items' : ''}
       WHERE id = @id`,
    );
    this.deleteStmt = db.prepare('DELETE FROM questionnaire_scores WHERE id = ?');
    this.getStmt = db.prepare<[number], QuestionnaireDbRow>(`SELECT ${COLUMNS} FROM questionnaire_scores WHERE id = ?`);
    this.byClientStmt = db.prepare<[number], QuestionnaireDbRow>(
      `SELECT ${COLUMNS} FROM questionnaire_scores WHERE client_id = ? ORDER BY date, id`,
    );
  }

  /** Validate and store one questionnaire result. Throws `ValidationError`/`NotFoundError`; nothing written then. */
  create(input: NewQuestionnaireEntry, now: Date = new Date()): QuestionnaireEntry {
    const v = ValidationError.unwrap(validateQuestionnaireEntry(input, now));
    this.checks.requireClient(v.clientId);
    this.checks.requireCourseOfClient(v.clientId, v.courseId);
    const createdAt = now.toISOString();
    const row = {
      clientId: v.clientId,
      courseId: v.courseId ?? null,
      instrument: v.instrument,
      moment: v.moment,
      date: v.date,
      scores: JSON.stringify(v.scores),
      notes: v.notes ?? '',
      createdAt,
      items: v.items ?? null,
    };
    const id = Number(this.insertStmt.run({ ...row, items: row.items && JSON.stringify(row.items) }).lastInsertRowid);
    return { ...row, id, scores: v.scores } as QuestionnaireEntry;
  }

  /** The client's results of `instrument` at `moment` of the same course (null: outside a course). */
  findAtMoment(clientId: number, instrument: Instrument, moment: QuestionnaireMoment, courseId: number | null): QuestionnaireEntry[] {
    return this.atMomentStmt.all(clientId, instrument, moment, courseId).map(toEntry);
  }

  /**
   * Change a result: the patch over the stored entry is validated as a whole (like `create`).
   * New `scores` without `items` make it a result entered as totals; new `items` recompute the
   * scores. Throws `ValidationError`/`NotFoundError`; nothing written then.
   */
  update(id: number, patch: QuestionnairePatch, now: Date = new Date()): QuestionnaireEntry {
    const current = this.require(id);
    const items = patch.items !== undefined ? patch.items : patch.scores !== undefined ? null : current.items;
    const merged = { ...current, ...patch, items, clientId: current.clientId, instrument: current.instrument };
    const v = ValidationError.unwrap(validateQuestionnaireEntry(merged, now));
    this.checks.requireCourseOfClient(v.clientId, v.courseId);
    const next = { ...current, courseId: v.courseId ?? null, moment: v.moment, date: v.date, scores: v.scores, notes: v.notes ?? '', items: v.items ?? null } as QuestionnaireEntry;
    this.updateStmt.run({ id, courseId: next.courseId, moment: next.moment, date: next.date, scores: JSON.stringify(next.scores), notes: next.notes, items: next.items ? JSON.stringify(next.items) : null });
    return next;
  }

  /** Delete a result; returns what it was. Throws `NotFoundError`. */
  delete(id: number): QuestionnaireEntry {
    const current = this.require(id);
    this.deleteStmt.run(id);
    return current;
  }

  get(id: number): QuestionnaireEntry | undefined {
    const r = this.getStmt.get(id);
    return r && toEntry(r);
  }

  require(id: number): QuestionnaireEntry {
    const e = this.get(id);
    if (!e) throw new NotFoundError('questionnaire', id);
    return e;
  }

  /** A client's results by date (optionally one instrument or one course). */
  listByClient(clientId: number, options: QuestionnaireListOptions = {}): QuestionnaireEntry[] {
    return this.byClientStmt
      .all(clientId)
      .map(toEntry)
      .filter(
        (e) =>
          (options.instrument === undefined || e.instrument === options.instrument) &&
          (options.courseId === undefined || e.courseId === options.courseId),
      );
  }
}

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
import { validateQuestionnaireEntry } from '../../shared/domain/validateQuestionnaire.js';
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
}

const COLUMNS = 'id, client_id, course_id, instrument, moment, date, scores, notes, created_at';

function toEntry(r: QuestionnaireDbRow): QuestionnaireEntry {
  return {
    id: r.id,
    clientId: r.client_id,
    courseId: r.course_id,
    instrument: r.instrument,
    moment: r.moment,
    date: r.date,
    scores: JSON.parse(r.scores) as InstrumentScores[Instrument],
    notes: r.notes,
    createdAt: r.created_at,
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

  constructor(db: Db) {
    this.checks = new RecordChecks(db);
    this.insertStmt = db.prepare(
      `INSERT INTO questionnaire_scores (client_id, course_id, instrument, moment, date, scores, notes, created_at)
       VALUES (@clientId, @courseId, @instrument, @moment, @date, @scores, @notes, @createdAt)`,
    );
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
    };
    const id = Number(this.insertStmt.run(row).lastInsertRowid);
    return { ...row, id, scores: v.scores } as QuestionnaireEntry;
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

/** Treatment courses of a client: create, get, list, update (dates validated, evaluation order kept). */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type { Course, NewCourse } from '../../shared/domain/types.js';
import { checkEvaluationOrder, validateCourse, type ValidCourse } from '../../shared/domain/validateCourse.js';
import { IssueCollector, NotFoundError, ValidationError } from '../../shared/domain/validationResult.js';
import { RecordChecks } from './storageHelpers.js';

interface CourseDbRow {
  id: number;
  client_id: number;
  start_date: string;
  intake_date: string | null;
  mid_evaluation_date: string | null;
  final_evaluation_date: string | null;
  notes: string;
  created_at: string;
}

const COLUMNS =
  'id, client_id, start_date, intake_date, mid_evaluation_date, final_evaluation_date, notes, created_at';

function toCourse(r: CourseDbRow): Course {
  return {
    id: r.id,
    clientId: r.client_id,
    startDate: r.start_date,
    intakeDate: r.intake_date,
    midEvaluationDate: r.mid_evaluation_date,
    finalEvaluationDate: r.final_evaluation_date,
    notes: r.notes,
    createdAt: r.created_at,
  };
}

export class CoursesRepo {
  private readonly checks;
  private readonly insertStmt;
  private readonly getStmt;
  private readonly listStmt;
  private readonly updateStmt;

  constructor(db: Db) {
    this.checks = new RecordChecks(db);
    this.insertStmt = db.prepare(
      `INSERT INTO courses (client_id, start_date, intake_date, mid_evaluation_date, final_evaluation_date, notes, created_at)
       VALUES (@clientId, @startDate, @intakeDate, @midEvaluationDate, @finalEvaluationDate, @notes, @createdAt)`,
    );
    this.getStmt = db.prepare<[number], CourseDbRow>(`SELECT ${COLUMNS} FROM courses WHERE id = ?`);
    this.listStmt = db.prepare<[number], CourseDbRow>(
      `SELECT ${COLUMNS} FROM courses WHERE client_id = ? ORDER BY start_date, id`,
    );
    this.updateStmt = db.prepare(
      `UPDATE courses SET start_date = @startDate, intake_date = @intakeDate, mid_evaluation_date = @midEvaluationDate,
         final_evaluation_date = @finalEvaluationDate, notes = @notes WHERE id = @id`,
    );
  }

  /** Create a course for an existing client; throws `ValidationError`/`NotFoundError` (nothing written). */
  create(input: NewCourse, now: Date = new Date()): Course {
    const v = ValidationError.unwrap(validateCourse(input)) as ValidCourse;
    this.checks.requireClient(v.clientId);
    const createdAt = now.toISOString();
    const id = Number(this.insertStmt.run({ ...v, createdAt }).lastInsertRowid);
    return { id, ...v, createdAt };
  }

  get(id: number): Course | undefined {
    const r = this.getStmt.get(id);
    return r && toCourse(r);
  }

  require(id: number): Course {
    const c = this.get(id);
    if (!c) throw new NotFoundError('course', id);
    return c;
  }

  /** Courses of a client, oldest first. */
  listByClient(clientId: number): Course[] {
    return this.listStmt.all(clientId).map(toCourse);
  }

  /** Change dates or notes of a course; the merged evaluation dates must stay in order. */
  update(id: number, patch: Partial<Omit<NewCourse, 'clientId'>>): Course {
    const current = this.require(id);
    const v = ValidationError.unwrap(validateCourse(patch, true));
    const next: Course = { ...current, ...v, id, clientId: current.clientId };
    const c = new IssueCollector();
    checkEvaluationOrder(c, next);
    const r = c.result(next);
    ValidationError.unwrap(r);
    this.updateStmt.run(next);
    return next;
  }
}

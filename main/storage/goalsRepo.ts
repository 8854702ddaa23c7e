/** SMART goals of a client (optionally of one course): create, get, list, change status, edit, delete. */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import { localIsoDate } from '../../shared/domain/dates.js';
import type { Goal, GoalStatus, IsoDate, NewGoal } from '../../shared/domain/types.js';
import { validateGoal, validateGoalStatus } from '../../shared/domain/validateCourse.js';
import { NotFoundError, ValidationError } from '../../shared/domain/validationResult.js';
import { RecordChecks } from './storageHelpers.js';

interface GoalDbRow {
  id: number;
  client_id: number;
  course_id: number | null;
  text: string;
  status: GoalStatus;
  set_date: string;
  target_date: string | null;
  closed_date: string | null;
  created_at: string;
}

const COLUMNS = 'id, client_id, course_id, text, status, set_date, target_date, closed_date, created_at';

function toGoal(r: GoalDbRow): Goal {
  return {
    id: r.id,
    clientId: r.client_id,
    courseId: r.course_id,
    text: r.text,
    status: r.status,
    setDate: r.set_date,
    targetDate: r.target_date,
    closedDate: r.closed_date,
    createdAt: r.created_at,
  };
}

export class GoalsRepo {
  private readonly checks;
  private readonly insertStmt;
  private readonly getStmt;
  private readonly byClientStmt;
  private readonly byCourseStmt;
  private readonly statusStmt;
  private readonly updateStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.checks = new RecordChecks(db);
    this.insertStmt = db.prepare(
      `INSERT INTO goals (client_id, course_id, text, status, set_date, target_date, created_at)
       VALUES (@clientId, @courseId, @text, 'open', @setDate, @targetDate, @createdAt)`,
    );
    this.getStmt = db.prepare<[number], GoalDbRow>(`SELECT ${COLUMNS} FROM goals WHERE id = ?`);
    this.byClientStmt = db.prepare<[number], GoalDbRow>(
      `SELECT ${COLUMNS} FROM goals WHERE client_id = ? ORDER BY set_date, id`,
    );
    this.byCourseStmt = db.prepare<[number], GoalDbRow>(
      `SELECT ${COLUMNS} FROM goals WHERE course_id = ? ORDER BY set_date, id`,
    );
    this.statusStmt = db.prepare('UPDATE goals SET status = ?, closed_date = ? WHERE id = ?');
    this.updateStmt = db.prepare('UPDATE goals SET course_id = @courseId, text = @text, set_date = @setDate, target_date = @targetDate WHERE id = @id');
    this.deleteStmt = db.prepare('DELETE FROM goals WHERE id = ?');
  }

  require(id: number): Goal {
    const g = this.get(id);
    if (!g) throw new NotFoundError('goal', id);
    return g;
  }

  /** Change the text, dates or course of a goal (validated as a whole, like `create`); the status stays. */
  update(id: number, patch: Partial<Omit<NewGoal, 'clientId'>>, now: Date = new Date()): Goal {
    const current = this.require(id);
    const v = ValidationError.unwrap(validateGoal({ ...current, ...patch, clientId: current.clientId }, now));
    this.checks.requireCourseOfClient(v.clientId, v.courseId);
    const next: Goal = { ...current, courseId: v.courseId, text: v.text, setDate: v.setDate, targetDate: v.targetDate };
    this.updateStmt.run({ id, courseId: next.courseId, text: next.text, setDate: next.setDate, targetDate: next.targetDate });
    return next;
  }

  /** Delete a goal; returns what it was. Throws `NotFoundError`. */
  delete(id: number): Goal {
    const current = this.require(id);
    this.deleteStmt.run(id);
    return current;
  }

  /** Create an open goal; throws `ValidationError`/`NotFoundError` (nothing written). */
  create(input: NewGoal, now: Date = new Date()): Goal {
    const v = ValidationError.unwrap(validateGoal(input, now));
    this.checks.requireClient(v.clientId);
    this.checks.requireCourseOfClient(v.clientId, v.courseId);
    const createdAt = now.toISOString();
    const id = Number(this.insertStmt.run({ ...v, createdAt }).lastInsertRowid);
    return { id, ...v, status: 'open', closedDate: null, createdAt };
  }

  get(id: number): Goal | undefined {
    const r = this.getStmt.get(id);
    return r && toGoal(r);
  }

  listByClient(clientId: number): Goal[] {
    return this.byClientStmt.all(clientId).map(toGoal);
  }

  listByCourse(courseId: number): Goal[] {
    return this.byCourseStmt.all(courseId).map(toGoal);
  }

  /**
   * Mark a goal achieved, dropped or open again. `closedDate` defaults to today
   * (local date of `now`) for achieved/dropped.
   */
  setStatus(id: number, status: GoalStatus, closedDate?: IsoDate | null, now: Date = new Date()): Goal {
    const current = this.get(id);
    if (!current) throw new NotFoundError('goal', id);
    const date = status === 'open' ? null : (closedDate ?? localIsoDate(now));
    const v = ValidationError.unwrap(validateGoalStatus(status, date, now));
    this.statusStmt.run(v.status, v.closedDate, id);
    return { ...current, ...v };
  }
}

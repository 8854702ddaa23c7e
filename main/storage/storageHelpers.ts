/**
 * Shared helpers of the repositories: JSON columns, existence checks with clear
 * `NotFoundError`s, course-belongs-to-client checks, and foreign-key error translation.
 */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type { JsonObject } from '../../shared/domain/types.js';
import { formatMessage } from '../../shared/domain/validationMessages.js';
import { NotFoundError, ValidationError } from '../../shared/domain/validationResult.js';

/** Parse a JSON object column; anything else (or bad JSON) becomes `{}`/null per `fallback`. */
export function parseJsonObject<T extends JsonObject | null>(text: unknown, fallback: T): JsonObject | T {
  if (typeof text !== 'string') return fallback;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : fallback;
  } catch {
    return fallback;
  }
}

/** Whether `e` is SQLite's foreign-key constraint failure. */
export function isForeignKeyError(e: unknown): boolean {
  return e instanceof Error && (e as Error & { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Throw a readable error for a value that is not a finite number (programming errors in callers). */
export function requireFinite(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${where}: ${name} must be a finite number (got ${String(value)}).`);
  }
  return value;
}

/** A finite number, or null for null/undefined/NaN/±Infinity. */
export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Prepared existence checks used before writes, so callers get `NotFoundError` instead of an SQLite error. */
export class RecordChecks {
  private readonly clientStmt;
  private readonly sessionStmt;
  private readonly courseStmt;

  constructor(db: Db) {
    this.clientStmt = db.prepare<[number], number>('SELECT 1 FROM clients WHERE id = ?').pluck();
    this.sessionStmt = db.prepare<[number], number>('SELECT 1 FROM sessions WHERE id = ?').pluck();
    this.courseStmt = db.prepare<[number], number>('SELECT client_id FROM courses WHERE id = ?').pluck();
  }

  requireClient(id: number): void {
    if (this.clientStmt.get(id) === undefined) throw new NotFoundError('client', id);
  }

  requireSession(id: number): void {
    if (this.sessionStmt.get(id) === undefined) throw new NotFoundError('session', id);
  }

  /** The course must exist and belong to `clientId` (no-op when `courseId` is null). */
  requireCourseOfClient(clientId: number, courseId: number | null | undefined): void {
    if (courseId === null || courseId === undefined) return;
    const owner = this.courseStmt.get(courseId);
    if (owner === undefined) throw new NotFoundError('course', courseId);
    if (owner !== clientId) {
      const msg = formatMessage('courseOfOtherClient', { courseId, clientId });
      throw new ValidationError([msg], [{ code: 'courseOfOtherClient', field: 'courseId', params: { courseId, clientId } }]);
    }
  }
}

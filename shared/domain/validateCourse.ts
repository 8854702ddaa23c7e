/**
 * Validation of treatment courses and SMART goals. Course and goal dates must be real
 * dates; evaluation and target dates may lie in the future (they are planned), but the
 * evaluations keep their order (intake ≤ mid ≤ final) and a goal cannot be closed in the future.
 */
import { EARLIEST_RECORD_DATE } from './dates.js';
import { checkDate, checkId, checkOneOf, checkText } from './fieldChecks.js';
import type { GoalStatus, IsoDate, NewCourse, NewGoal } from './types.js';
import { GOAL_STATUSES } from './types.js';
import { fieldLabel } from './validationMessages.js';
import { IssueCollector, type ValidationResult } from './validationResult.js';
import { MAX_NOTES_LENGTH } from './validateClient.js';

export type ValidCourse = Required<NewCourse>;
export type ValidCourseDates = Pick<ValidCourse, 'startDate' | 'intakeDate' | 'midEvaluationDate' | 'finalEvaluationDate'>;

const COURSE_DATES = ['startDate', 'intakeDate', 'midEvaluationDate', 'finalEvaluationDate'] as const;

/**
 * Validate a new course or, with `partial`, the fields of an update (only present fields
 * are checked; the evaluation order is checked on the merged dates by the caller via
 * `checkEvaluationOrder`).
 */
export function validateCourse(input: unknown, partial = false): ValidationResult<Partial<ValidCourse>> {
  const c = new IssueCollector();
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const has = (k: string): boolean => !partial || k in o;
  const out: Partial<ValidCourse> = {};
  if (!partial) out.clientId = checkId(c, 'clientId', o.clientId, true) as number;
  for (const k of COURSE_DATES) {
    if (has(k)) {
      const v = checkDate(c, k, o[k], { required: k === 'startDate', min: EARLIEST_RECORD_DATE });
      if (k === 'startDate') {
        if (v !== null) out.startDate = v;
      } else out[k] = v;
    }
  }
  if (has('notes')) out.notes = checkText(c, 'notes', o.notes, { maxLength: MAX_NOTES_LENGTH }) ?? '';
  if (c.ok && !partial) checkEvaluationOrder(c, out as ValidCourseDates);
  return c.result(out);
}

/** Record an issue when the intake, mid and final evaluation dates are out of order. */
export function checkEvaluationOrder(c: IssueCollector, d: ValidCourseDates): void {
  const order: [keyof ValidCourseDates, IsoDate | null][] = [
    ['intakeDate', d.intakeDate],
    ['midEvaluationDate', d.midEvaluationDate],
    ['finalEvaluationDate', d.finalEvaluationDate],
  ];
  let prev: [string, IsoDate] | null = null;
  for (const [k, v] of order) {
    if (v === null) continue;
    if (prev && v < prev[1]) {
      c.add('dateBefore', k, { value: v, other: fieldLabel(prev[0]), otherValue: prev[1] });
    }
    prev = [k, v];
  }
}

export type ValidGoal = Required<NewGoal>;

/** Validate a new SMART goal: non-empty text, set date not in the future, target date not before it. */
export function validateGoal(input: unknown, now: Date): ValidationResult<ValidGoal> {
  const c = new IssueCollector();
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const clientId = checkId(c, 'clientId', o.clientId, true) as number;
  const courseId = checkId(c, 'courseId', o.courseId, false);
  const text = checkText(c, 'text', o.text, { required: true, maxLength: 2000 }) ?? '';
  const setDate = checkDate(c, 'setDate', o.setDate, { required: true, notAfter: now, min: EARLIEST_RECORD_DATE });
  const targetDate = checkDate(c, 'targetDate', o.targetDate, { min: EARLIEST_RECORD_DATE });
  if (setDate && targetDate && targetDate < setDate) {
    c.add('dateBefore', 'targetDate', { value: targetDate, other: fieldLabel('setDate'), otherValue: setDate });
  }
  return c.result({ clientId, courseId, text, setDate: setDate as IsoDate, targetDate });
}

/** Validate a goal status change; `closedDate` is required for 'achieved'/'dropped' and may not be in the future. */
export function validateGoalStatus(
  status: unknown,
  closedDate: unknown,
  now: Date,
): ValidationResult<{ status: GoalStatus; closedDate: IsoDate | null }> {
  const c = new IssueCollector();
  const s = checkOneOf(c, 'status', status, GOAL_STATUSES);
  const closed =
    s === 'open' ? null : checkDate(c, 'closedDate', closedDate, { required: true, notAfter: now, min: EARLIEST_RECORD_DATE });
  return c.result({ status: s as GoalStatus, closedDate: closed });
}

/**
 * Validation of running-therapy log entries: date (not in the future), run/walk
 * intervals (minutes ≥ 0, repetitions a whole number ≥ 1), continuous running minutes ≥ 0,
 * Borg RPE 6–20 (whole number), heart rates 30–230 bpm with max ≥ average.
 */
import { EARLIEST_RECORD_DATE } from './dates.js';
import { checkDate, checkId, checkNumber, checkText } from './fieldChecks.js';
import type { IsoDate, NewRunningLogEntry, RunWalkInterval } from './types.js';
import { fieldLabel, showValue } from './validationMessages.js';
import { IssueCollector, type ValidationResult } from './validationResult.js';
import { MAX_NOTES_LENGTH } from './validateClient.js';

export const BORG_MIN = 6;
export const BORG_MAX = 20;
export const HR_MIN_BPM = 30;
export const HR_MAX_BPM = 230;
/** Upper bound for any minutes field: one day. */
export const MAX_MINUTES = 24 * 60;

export type ValidRunningLogEntry = Required<NewRunningLogEntry>;

/** Validate a running log entry; the result has every field (absent ones null, intervals []). */
export function validateRunningLog(input: unknown, now: Date): ValidationResult<ValidRunningLogEntry> {
  const c = new IssueCollector();
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const clientId = checkId(c, 'clientId', o.clientId, true) as number;
  const courseId = checkId(c, 'courseId', o.courseId, false);
  const date = checkDate(c, 'date', o.date, { required: true, notAfter: now, min: EARLIEST_RECORD_DATE });
  const intervals: RunWalkInterval[] = [];
  if (o.intervals !== undefined && o.intervals !== null) {
    if (!Array.isArray(o.intervals)) c.add('notAList', 'intervals', { value: showValue(o.intervals) });
    else {
      o.intervals.forEach((item: unknown, i: number) => {
        const f = (k: string): string => `intervals[${i}].${k}`;
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
          c.add('notAnObject', `intervals[${i}]`, { value: showValue(item) });
          return;
        }
        const it = item as Record<string, unknown>;
        const runMin = checkNumber(c, f('runMin'), it.runMin, { required: true, min: 0, max: MAX_MINUTES });
        const walkMin = checkNumber(c, f('walkMin'), it.walkMin ?? 0, { min: 0, max: MAX_MINUTES });
        const reps = checkNumber(c, f('reps'), it.reps ?? 1, { integer: true, min: 1, max: 100 });
        if (runMin !== null && walkMin !== null && reps !== null) intervals.push({ runMin, walkMin, reps });
      });
    }
  }
  const continuousRunMin = checkNumber(c, 'continuousRunMin', o.continuousRunMin, { min: 0, max: MAX_MINUTES });
  const borg = checkNumber(c, 'borg', o.borg, { integer: true, min: BORG_MIN, max: BORG_MAX });
  const hrAvgBpm = checkNumber(c, 'hrAvgBpm', o.hrAvgBpm, { min: HR_MIN_BPM, max: HR_MAX_BPM });
  const hrMaxBpm = checkNumber(c, 'hrMaxBpm', o.hrMaxBpm, { min: HR_MIN_BPM, max: HR_MAX_BPM });
  if (hrAvgBpm !== null && hrMaxBpm !== null && hrMaxBpm < hrAvgBpm) {
    c.add('lowerThan', 'hrMaxBpm', { value: hrMaxBpm, other: fieldLabel('hrAvgBpm'), otherValue: hrAvgBpm });
  }
  const notes = checkText(c, 'notes', o.notes, { maxLength: MAX_NOTES_LENGTH }) ?? '';
  return c.result({
    clientId,
    courseId,
    date: date as IsoDate,
    intervals,
    continuousRunMin,
    borg,
    hrAvgBpm,
    hrMaxBpm,
    notes,
  });
}

/**
 * Validation of a new session's fields (type, ids, start time, sample rate).
 * Sensor info and pacer settings are stored as given (JSON objects).
 */
import { isIsoDateTime } from './dates.js';
import { checkId, checkNumber, checkOneOf, checkText } from './fieldChecks.js';
import type { JsonObject, NewSession, SessionType } from './types.js';
import { SESSION_TYPES } from './types.js';
import { showValue } from './validationMessages.js';
import { IssueCollector, type ValidationResult } from './validationResult.js';
import { MAX_NOTES_LENGTH } from './validateClient.js';

export type ValidSession = Required<NewSession>;

function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validate a new session; `startedAt` defaults to `now.toISOString()`. */
export function validateSession(input: unknown, now: Date): ValidationResult<ValidSession> {
  const c = new IssueCollector();
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const clientId = checkId(c, 'clientId', o.clientId, true) as number;
  const courseId = checkId(c, 'courseId', o.courseId, false);
  const type = checkOneOf(c, 'type', o.type, SESSION_TYPES) as SessionType;
  const sensorSpec = checkText(c, 'sensorSpec', o.sensorSpec, { maxLength: 500 }) ?? '';
  let startedAt = now.toISOString();
  if (o.startedAt !== undefined && o.startedAt !== null) {
    if (!isIsoDateTime(o.startedAt)) c.add('invalidDateTime', 'startedAt', { value: showValue(o.startedAt) });
    else startedAt = new Date(o.startedAt).toISOString();
  }
  const fsHz = checkNumber(c, 'fsHz', o.fsHz, { min: 0.001, max: 100_000 });
  let sensorInfo: JsonObject = {};
  if (o.sensorInfo !== undefined && o.sensorInfo !== null) {
    if (!isJsonObject(o.sensorInfo)) c.add('notAnObject', 'sensorInfo', { value: showValue(o.sensorInfo) });
    else sensorInfo = o.sensorInfo;
  }
  let pacer: JsonObject | null = null;
  if (o.pacer !== undefined && o.pacer !== null) {
    if (!isJsonObject(o.pacer)) c.add('notAnObject', 'pacer', { value: showValue(o.pacer) });
    else pacer = o.pacer;
  }
  const notes = checkText(c, 'notes', o.notes, { maxLength: MAX_NOTES_LENGTH }) ?? '';
  const groupId = checkId(c, 'groupId', o.groupId, false);
  return c.result({ clientId, courseId, type, sensorSpec, sensorInfo, pacer, startedAt, fsHz, notes, groupId });
}

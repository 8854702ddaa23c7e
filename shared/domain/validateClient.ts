/**
 * Validation of client records: a non-empty name, a real date of birth that is not in
 * the future (nor before 1900), short free-text fields, a nickname of at most 20 characters
 * without control characters.
 */
import { EARLIEST_RECORD_DATE } from './dates.js';
import { checkDate, checkText } from './fieldChecks.js';
import type { NewClient } from './types.js';
import { IssueCollector, type ValidationResult } from './validationResult.js';

export const MAX_NAME_LENGTH = 200;
export const MAX_SHORT_TEXT_LENGTH = 500;
export const MAX_NOTES_LENGTH = 20_000;
/** A nickname fits a group-display tile read at 4 m. */
export const MAX_NICKNAME_LENGTH = 20;

/** C0/C1 control characters, and the invisible format characters (bidi overrides, zero-width) that could disguise a nickname. */
const CONTROL_CHARS = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** Cleaned client input: text trimmed, absent optional fields as null, notes as ''. */
export type ValidClient = Required<NewClient>;

/**
 * Validate a new client (`partial = false`) or the fields of an update (`partial = true`:
 * absent fields stay absent in the returned value, present ones are checked as for a new client).
 */
export function validateClient(input: unknown, now: Date, partial?: false): ValidationResult<ValidClient>;
export function validateClient(input: unknown, now: Date, partial: true): ValidationResult<Partial<ValidClient>>;
export function validateClient(input: unknown, now: Date, partial = false): ValidationResult<Partial<ValidClient>> {
  const c = new IssueCollector();
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const has = (k: string): boolean => !partial || k in o;
  const out: Partial<ValidClient> = {};
  if (has('name')) {
    if (o.name === undefined || o.name === null) c.add('required', 'name');
    else out.name = checkText(c, 'name', o.name, { required: true, maxLength: MAX_NAME_LENGTH }) ?? '';
  }
  if (has('dateOfBirth')) {
    out.dateOfBirth = checkDate(c, 'dateOfBirth', o.dateOfBirth, { notAfter: now, min: EARLIEST_RECORD_DATE });
  }
  if (has('referralSource')) {
    out.referralSource = checkText(c, 'referralSource', o.referralSource, { maxLength: MAX_SHORT_TEXT_LENGTH });
  }
  if (has('complaint')) out.complaint = checkText(c, 'complaint', o.complaint, { maxLength: MAX_SHORT_TEXT_LENGTH });
  if (has('notes')) out.notes = checkText(c, 'notes', o.notes, { maxLength: MAX_NOTES_LENGTH }) ?? '';
  if (has('nickname')) {
    const nick = checkText(c, 'nickname', o.nickname, { maxLength: MAX_NICKNAME_LENGTH });
    if (nick !== null && CONTROL_CHARS.test(nick)) {
      c.add('controlChars', 'nickname');
      out.nickname = null;
    } else out.nickname = nick;
  }
  return c.result(out);
}

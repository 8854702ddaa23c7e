/**
 * Field checks shared by the validators: each records an issue in the collector and
 * returns the cleaned value (or null when absent or invalid). They never throw.
 */
import { isFutureDate, isIsoDate, localIsoDate } from './dates.js';
import type { IsoDate } from './types.js';
import { showValue } from './validationMessages.js';
import type { IssueCollector } from './validationResult.js';

export interface NumberRule {
  required?: boolean;
  integer?: boolean;
  min?: number;
  max?: number;
}

/** A finite number within the rule; `null`/`undefined` count as absent. */
export function checkNumber(c: IssueCollector, field: string, value: unknown, rule: NumberRule = {}): number | null {
  if (value === undefined || value === null) {
    if (rule.required) c.add('required', field);
    return null;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    c.add('notANumber', field, { value: showValue(value) });
    return null;
  }
  if (rule.integer && !Number.isInteger(value)) {
    c.add('notAnInteger', field, { value: showValue(value) });
    return null;
  }
  const { min, max } = rule;
  if (min !== undefined && max !== undefined && (value < min || value > max)) {
    c.add('outOfRange', field, { min, max, value: showValue(value) });
    return null;
  }
  if (min !== undefined && max === undefined && value < min) {
    c.add('belowMin', field, { min, value: showValue(value) });
    return null;
  }
  return value;
}

export interface TextRule {
  required?: boolean;
  maxLength?: number;
}

/** Trimmed text; empty text counts as absent unless required. */
export function checkText(c: IssueCollector, field: string, value: unknown, rule: TextRule = {}): string | null {
  if (value === undefined || value === null) {
    if (rule.required) c.add('required', field);
    return null;
  }
  if (typeof value !== 'string') {
    c.add('notText', field, { value: showValue(value) });
    return null;
  }
  const text = value.trim();
  if (text === '') {
    if (rule.required) c.add('emptyText', field);
    return null;
  }
  if (rule.maxLength !== undefined && text.length > rule.maxLength) {
    c.add('tooLong', field, { max: rule.maxLength });
    return null;
  }
  return text;
}

export interface DateRule {
  required?: boolean;
  /** When given, the date may not lie after the local date of `notAfter`. */
  notAfter?: Date;
  /** Earliest allowed date. */
  min?: IsoDate;
}

/** A valid `YYYY-MM-DD` date within the rule. */
export function checkDate(c: IssueCollector, field: string, value: unknown, rule: DateRule = {}): IsoDate | null {
  if (value === undefined || value === null || value === '') {
    if (rule.required) c.add('required', field);
    return null;
  }
  if (!isIsoDate(value)) {
    c.add('invalidDate', field, { value: showValue(value) });
    return null;
  }
  if (rule.notAfter && isFutureDate(value, rule.notAfter)) {
    c.add('futureDate', field, { value, today: localIsoDate(rule.notAfter) });
    return null;
  }
  if (rule.min !== undefined && value < rule.min) {
    c.add('dateTooEarly', field, { value, min: rule.min });
    return null;
  }
  return value;
}

/** One of `allowed`. */
export function checkOneOf<T extends string>(
  c: IssueCollector,
  field: string,
  value: unknown,
  allowed: readonly T[],
  required = true,
): T | null {
  if (value === undefined || value === null) {
    if (required) c.add('required', field);
    return null;
  }
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    c.add('unknownValue', field, { allowed: allowed.join(', '), value: showValue(value) });
    return null;
  }
  return value as T;
}

/** A positive integer id (or null when absent and not required). */
export function checkId(c: IssueCollector, field: string, value: unknown, required: boolean): number | null {
  return checkNumber(c, field, value, { required, integer: true, min: 1 });
}

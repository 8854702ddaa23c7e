/**
 * Result of the domain validators and the errors the storage layer throws.
 * A validator never throws on bad input: it returns `{ ok: false, errors }` with one
 * English sentence per problem, plus the same problems as codes (`issues`) for translation.
 */
import {
  fieldLabel,
  formatMessage,
  type MessageCode,
  type MessageParams,
} from './validationMessages.js';

/** One problem: message code, the field path (e.g. 'mvi.mentalFatigue') and the message parameters. */
export interface ValidationIssue {
  code: MessageCode;
  field: string;
  params: MessageParams;
}

export type ValidationResult<T> =
  | { ok: true; value: T }
  | { ok: false; errors: string[]; issues: ValidationIssue[] };

/** Collects issues while a validator walks its input. */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];

  /** Record a problem with `field`; `{field}` in the message becomes the field's label. */
  add(code: MessageCode, field: string, params: MessageParams = {}): void {
    this.issues.push({ code, field, params });
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }

  /** The result: `value` when no issue was recorded, else the English messages. */
  result<T>(value: T): ValidationResult<T> {
    if (this.ok) return { ok: true, value };
    return { ok: false, errors: this.issues.map(issueMessage), issues: [...this.issues] };
  }
}

/** English sentence of an issue. */
export function issueMessage(issue: ValidationIssue): string {
  return formatMessage(issue.code, { field: fieldLabel(issue.field), ...issue.params });
}

/** Thrown by the repositories when input is rejected; nothing was written. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly errors: string[],
    readonly issues: ValidationIssue[] = [],
  ) {
    super(errors.join(' '));
  }

  /** Unwrap a validation result: its value, or throw a `ValidationError` with its messages. */
  static unwrap<T>(result: ValidationResult<T>): T {
    if (result.ok) return result.value;
    throw new ValidationError(result.errors, result.issues);
  }
}

/** Thrown when a record (client, course, session ...) referred to by id does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    readonly entity: 'client' | 'course' | 'goal' | 'session' | 'sessionGroup' | 'questionnaire' | 'runningLog' | 'marker' | 'runProgramme',
    readonly id: number | string,
  ) {
    super(formatMessage('notFound', { entity: fieldLabel(entity), id: String(id) }));
  }
  /** The coded form (`record.notFound`, see shared/i18n/CadansError.ts): translated where it is shown. */
  get code(): 'record.notFound' {
    return 'record.notFound';
  }
  get params(): { entity: string; id: string } {
    return { entity: this.entity, id: String(this.id) };
  }
}

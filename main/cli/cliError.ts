import type { ApiError } from '../../shared/ipc/contract.js';
import { ValidationError, type ValidationIssue } from '../../shared/domain/validationResult.js';
import { CadansError, codedMessage, errorText, type CodedMessage } from '../../shared/i18n/CadansError.js';
import { issueSentence } from '../../shared/i18n/issueText.js';
import type { Locale } from '../../shared/i18n/locales.js';
import { cliText, type CliParams, type CliTextKey } from './cliText.js';

/** What a coded CLI error shows: a CLI text, a coded app error, or field problems (each with an optional CLI-text prefix such as `--pacer`). */
export type CliCoded =
  | { key: CliTextKey; params: CliParams }
  | { error: CadansError | CodedMessage }
  | { issues: readonly ValidationIssue[]; prefix?: string }
  | { render: (locale: Locale) => string };

/**
 * An error whose message is shown to the user as one line (no stack trace). A coded one (`cliError`,
 * one that carries a coded app error, or field problems) is shown in the CLI's language (`textIn`);
 * its `message` is the English line.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    /** Process exit code: 2 = usage, 1 = everything else. */
    readonly exitCode = 1,
    readonly coded?: CliCoded,
  ) {
    super(message);
  }

  /** The line in `locale` (the English message when the error has no code). */
  textIn(locale: Locale): string {
    if (!this.coded) return this.message;
    if ('key' in this.coded) return cliText(locale, this.coded.key, this.coded.params);
    if ('render' in this.coded) return this.coded.render(locale);
    if ('issues' in this.coded) {
      // English: the validators' own sentences (the message), as before.
      if (locale === 'en') return this.message;
      const text = this.coded.issues.map((i) => issueSentence(locale, i)).join(' ');
      return this.coded.prefix ? `${this.coded.prefix}: ${text}` : text;
    }
    // English: the error's own one-line message (the catalogue's English is that message, or less).
    return locale === 'en' ? this.message : errorText(locale, this.coded.error);
  }
}

/** A coded CLI error: the CLI text `key` with `params`, in the user's language when shown. */
export function cliError(key: CliTextKey, params: CliParams = {}, exitCode = 1): CliError {
  return new CliError(cliText('en', key, params), exitCode, { key, params });
}

/** A coded app error (database file, sensor …) as a one-line CLI error with the same text. */
export function cliErrorOf(e: CadansError | CodedMessage, message: string = e.message, exitCode = 1): CliError {
  return new CliError(message, exitCode, { error: e });
}

/** Field problems (a spec, a value a schema refused) as a CLI error; `prefix` names the option (`--pacer`). */
export function cliIssues(issues: readonly ValidationIssue[], message: string, exitCode = 1, prefix?: string): CliError {
  return new CliError(prefix ? `${prefix}: ${message}` : message, exitCode, { issues, ...(prefix ? { prefix } : {}) });
}

/**
 * A refused API call's error (`ApiError`, shared/ipc/contract.ts), known by its name and issues: a
 * class check would load the whole API contract (its schemas) into every CLI command, `analyze` too.
 */
function isApiError(e: unknown): e is ApiError {
  return e instanceof Error && e.name === 'ApiError' && Array.isArray((e as { issues?: unknown }).issues);
}

/**
 * Anything thrown that the user should read as one line in their language: a `CliError` as it is, a
 * coded app error (`CadansError`, or a refusal with a code), field problems (`ValidationError`, or a
 * refused API call's `ApiError` with issues); null for anything else (an internal error).
 */
export function cliErrorFrom(e: unknown): CliError | null {
  if (e instanceof CliError) return e;
  if ((e instanceof ValidationError || isApiError(e)) && e.issues.length > 0) return cliIssues(e.issues, e.message);
  if (e instanceof CadansError) return cliErrorOf(e);
  if (e instanceof Error && e.name === 'ValidationError') return new CliError(e.message);
  const m = codedMessage(e);
  return m.code !== 'error.unknown' ? cliErrorOf(m) : null;
}

/**
 * Why a sensor could not be opened, in `locale`: the coded error behind a refused `connectSensor`
 * (a `sensorOpenFailed` field problem carries it), any other coded error or field problem, else the
 * error's own message.
 */
export function sensorProblemText(locale: Locale, e: unknown): string {
  const issues = (e instanceof ValidationError || isApiError(e)) && e.issues.length === 1 ? e.issues : [];
  const open = issues[0]?.code === 'sensorOpenFailed' ? issues[0] : null;
  if (open) {
    const { errorCode, errorParams, detail } = open.params;
    if (typeof errorCode === 'string' && typeof errorParams === 'string') {
      try {
        return errorText(locale, { code: errorCode, params: JSON.parse(errorParams) as unknown });
      } catch {
        /* malformed params: the English detail below */
      }
    }
    if (typeof detail === 'string' && locale === 'en') return detail;
  }
  const coded = cliErrorFrom(e);
  return coded ? coded.textIn(locale) : e instanceof Error ? e.message : String(e);
}

/** Why a sensor could not be opened (`sensorProblemText`) as a CLI error, in the user's language when shown. */
export function sensorProblemError(e: unknown, exitCode = 1): CliError {
  return new CliError(sensorProblemText('en', e), exitCode, { render: (locale) => sensorProblemText(locale, e) });
}

import { CadansError, errorText } from '../../shared/i18n/CadansError.js';
import type { Locale } from '../../shared/i18n/locales.js';
import { cliText, type CliParams, type CliTextKey } from './cliText.js';

/**
 * An error whose message is shown to the user as one line (no stack trace). A coded one (`cliError`,
 * or one that carries a coded `CadansError`) is shown in the CLI's language (`textIn`); its
 * `message` is the English line.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    /** Process exit code: 2 = usage, 1 = everything else. */
    readonly exitCode = 1,
    readonly coded?: { key: CliTextKey; params: CliParams } | { error: CadansError },
  ) {
    super(message);
  }

  /** The line in `locale` (the English message when the error has no code). */
  textIn(locale: Locale): string {
    if (!this.coded) return this.message;
    if ('key' in this.coded) return cliText(locale, this.coded.key, this.coded.params);
    // English: the error's own one-line message (the catalogue's English is that message, or less).
    return locale === 'en' ? this.message : errorText(locale, this.coded.error);
  }
}

/** A coded CLI error: the CLI text `key` with `params`, in the user's language when shown. */
export function cliError(key: CliTextKey, params: CliParams = {}, exitCode = 1): CliError {
  return new CliError(cliText('en', key, params), exitCode, { key, params });
}

/** A coded app error (database file, sensor …) as a one-line CLI error with the same text. */
export function cliErrorOf(e: CadansError, message: string = e.message): CliError {
  return new CliError(message, 1, { error: e });
}

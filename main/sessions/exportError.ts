/**
 * `ExportError` — a session cannot be exported in the asked format (no raw signal for CSV or EDF,
 * no NN intervals for RR text, a sample rate one EDF signal cannot hold). Coded (`export.*`, see
 * shared/i18n/appErrors.nl.ts), so the page, the CLI and the zip's README say why in the user's
 * language; the English sentence stays the message. Callers tell it by `name === 'ExportError'`,
 * which also survives the heavy-work worker (main/app/heavyWork.ts).
 */
import { CadansError, type ErrorCode, type ErrorParams } from '../../shared/i18n/CadansError.js';

export class ExportError extends CadansError {
  override readonly name: string = 'ExportError';
  constructor(code: ErrorCode & `export.${string}`, params: ErrorParams) {
    super(code, params);
  }
}

import { CadansError } from '../../shared/i18n/CadansError.js';

/**
 * A report cannot be made (unknown course of a client, unknown output type, PDF printer missing ...);
 * one-sentence message (the CLI prints it), coded as `report.failed` for the page.
 */
export class ReportError extends CadansError {
  constructor(message: string) {
    super('report.failed', { detail: message }, { message });
  }
}

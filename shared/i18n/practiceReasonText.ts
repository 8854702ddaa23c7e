/**
 * Why the practice database could not be used, in the user's language (issue 17): the reason's
 * sentence, with the server's own text after it only as a technical detail.
 */
import type { PracticeReason } from '../ipc/practiceTypes.js';
import { CadansError, errorText } from './CadansError.js';
import type { Locale } from './locales.js';

export function practiceReasonText(locale: Locale, reason: PracticeReason, technical?: string | null): string {
  const sentence = errorText(locale, new CadansError(`practiceDb.reason.${reason}`));
  return technical ? errorText(locale, new CadansError('practiceDb.technical', { reason: sentence, detail: technical.slice(0, 300) })) : sentence;
}

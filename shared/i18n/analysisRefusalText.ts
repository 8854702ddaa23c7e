/**
 * Why a session has no analysis, in the reader's language. A session summary (and a report's
 * analysis) keeps the refusal as the English `error` sentence, and since issue 13 also as the
 * coded `analysis.*` error behind it (`errorCode`, `errorParams`); summaries stored by older
 * versions have only the English sentence, which is then shown as it is.
 */
import { cleanParams, errorText, isErrorCode, type ErrorCode, type ErrorParams } from './CadansError.js';
import type { Locale } from './locales.js';

/** A stored or carried analysis refusal: the English sentence and, when known, its code. */
export interface AnalysisRefusal {
  error: string | null;
  errorCode?: unknown;
  errorParams?: unknown;
}

/** The refusal a stored session summary (as JSON) carries, or null when it has numbers (or no reason). */
export function summaryRefusal(summary: Readonly<Record<string, unknown>> | null | undefined): AnalysisRefusal | null {
  if (!summary || summary.method !== 'none' || typeof summary.error !== 'string' || summary.error === '') return null;
  return { error: summary.error, errorCode: summary.errorCode, errorParams: summary.errorParams };
}

/** The coded fields to store beside the English sentence of a thrown refusal (none when it has no code). */
export function refusalCode(e: unknown): { errorCode: ErrorCode; errorParams: ErrorParams } | Record<string, never> {
  const o = e !== null && typeof e === 'object' ? (e as { code?: unknown; params?: unknown }) : null;
  if (!o || !isErrorCode(o.code)) return {};
  const params = o.params !== null && typeof o.params === 'object' ? cleanParams(o.params as Record<string, unknown>) : {};
  return { errorCode: o.code, errorParams: params };
}

/** The refusal in `locale` ('' when there is none): the coded error's text, else the stored English sentence. */
export function analysisRefusalText(locale: Locale, r: AnalysisRefusal): string {
  if (isErrorCode(r.errorCode)) {
    const params = r.errorParams !== null && typeof r.errorParams === 'object' ? cleanParams(r.errorParams as Record<string, unknown>) : {};
    return errorText(locale, { code: r.errorCode, params, message: r.error ?? '' });
  }
  return r.error ?? '';
}

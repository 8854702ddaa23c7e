/**
 * Coded errors: a service throws `new CadansError(code, params)`; the API reply carries the code and
 * params (plus the English sentence for logs) and the page or CLI shows it in the user's language
 * with `errorText`. Errors without a code are shown with their own message (`error.unknown`).
 */
import { errorsEn } from './errors.en.js';
import { errorsNl, type ErrorCode } from './errors.nl.js';
import type { Locale } from './locales.js';
import { createTranslator, type MessageParams } from './messageFormat.js';

export type { ErrorCode };
/** Params of a coded error as they travel: plain strings and numbers (JSON-safe). */
export type ErrorParams = Record<string, string | number>;

/** What an error looks like on the wire and in the page's store. */
export interface CodedMessage {
  code: ErrorCode;
  params: ErrorParams;
  /** The English sentence (logs, and callers that do not translate). */
  message: string;
}

const translateOne = createTranslator<ErrorCode>({ nl: errorsNl, en: errorsEn });

/**
 * A coded error may carry the coded problem behind it (`causeCode`, `causeParams` as JSON: see
 * `causeOf`); its template then gets that problem's sentence, in the same language, as `{cause}`.
 */
function translateError(locale: Locale, code: ErrorCode, params: MessageParams, depth = 0): string {
  const { causeCode, causeParams } = params;
  if (depth < 3 && isErrorCode(causeCode)) {
    let inner: Record<string, unknown> = {};
    try {
      const parsed: unknown = typeof causeParams === 'string' ? JSON.parse(causeParams) : {};
      if (parsed !== null && typeof parsed === 'object') inner = parsed as Record<string, unknown>;
    } catch {
      /* malformed: the cause without params */
    }
    params = { ...params, cause: translateError(locale, causeCode, cleanParams(inner), depth + 1) };
  }
  return translateOne(locale, code, params);
}

/** The params that make a coded problem the `{cause}` of another coded error. */
export function causeOf(m: { code: ErrorCode; params: ErrorParams }): { causeCode: ErrorCode; causeParams: string } {
  return { causeCode: m.code, causeParams: JSON.stringify(m.params) };
}

export function isErrorCode(x: unknown): x is ErrorCode {
  return typeof x === 'string' && Object.hasOwn(errorsNl, x);
}

export class CadansError extends Error {
  override readonly name: string = 'CadansError';
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    /** `message`: the English line for logs and the CLI when it should not be the catalogue's (e.g. a bare detail). */
    options?: { cause?: unknown; message?: string },
  ) {
    super(options?.message ?? translateError('en', code, params), options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** `{code, params, message}` of anything thrown (uncoded errors become `error.unknown` with their message). */
export function codedMessage(e: unknown): CodedMessage {
  if (e instanceof CadansError) return { code: e.code, params: { ...e.params }, message: e.message };
  const o = e !== null && typeof e === 'object' ? (e as { code?: unknown; params?: unknown; message?: unknown }) : null;
  if (o && isErrorCode(o.code) && o.params !== null && typeof o.params === 'object') {
    const params = cleanParams(o.params as Record<string, unknown>);
    return { code: o.code, params, message: typeof o.message === 'string' ? o.message : translateError('en', o.code, params) };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'error.unknown', params: { detail: message }, message };
}

/** The sentence of a coded message (or a thrown error) in `locale`. */
export function errorText(locale: Locale, e: CodedMessage | unknown): string {
  const m = codedMessage(e);
  return translateError(locale, m.code, m.params as MessageParams);
}

/** Wire params back to plain strings/numbers (anything else is dropped). */
export function cleanParams(p: Record<string, unknown>): ErrorParams {
  const out: ErrorParams = {};
  for (const [k, v] of Object.entries(p)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return out;
}

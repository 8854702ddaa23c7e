/**
 * What was wrong with a sensor message, in words a user can be told (the `error` line is the
 * technical English detail): too short, cut off, laid out in a way not understood, a length that
 * does not fit its content, or a kind of message that is not decoded.
 */
export type ParseProblem = 'too-short' | 'truncated' | 'layout' | 'size' | 'unsupported';

/** ParseError: what a pure parser returns for an invalid payload (parsers never throw). */
export interface ParseError {
  readonly ok: false;
  readonly error: string;
  /** What was wrong, for the user's language (absent: not said). */
  readonly problem?: ParseProblem;
}

/** Build a ParseError with a technical English `error` message and, where known, the `problem`. */
export function parseError(error: string, problem?: ParseProblem): ParseError {
  return problem ? { ok: false, error, problem } : { ok: false, error };
}

/** Hex dump `AA BB CC` of at most `max` bytes, for error messages. */
export function hexBytes(bytes: Uint8Array, max = 24): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length && i < max; i++) parts.push(bytes[i].toString(16).toUpperCase().padStart(2, '0'));
  return parts.join(' ') + (bytes.length > max ? ' …' : '');
}

/** ParseError: what a pure parser returns for an invalid payload (parsers never throw). */
export interface ParseError {
  readonly ok: false;
  readonly error: string;
}

/** Build a ParseError with a human-readable `error` message. */
export function parseError(error: string): ParseError {
  return { ok: false, error };
}

/** Hex dump `AA BB CC` of at most `max` bytes, for error messages. */
export function hexBytes(bytes: Uint8Array, max = 24): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length && i < max; i++) parts.push(bytes[i].toString(16).toUpperCase().padStart(2, '0'));
  return parts.join(' ') + (bytes.length > max ? ' …' : '');
}

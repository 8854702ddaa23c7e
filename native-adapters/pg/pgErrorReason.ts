/**
 * Why a `pg` or socket error happened, as one of the reasons the user reads in their language
 * (shared/ipc/practiceTypes.ts `PracticeReason`): connection refused, unknown host, time-out,
 * authentication failed, permission denied (a missing grant or row-level security), database does
 * not exist, TLS. By error code (SQLSTATE or Node's errno), never by the server's (localised) text,
 * except for pg's own time-out and TLS messages, which carry no code.
 */
import type { PracticeReason } from '../../shared/ipc/practiceTypes.js';

const BY_CODE: Record<string, PracticeReason> = {
  ECONNREFUSED: 'connection-refused',
  ECONNRESET: 'connection-refused',
  EHOSTUNREACH: 'connection-refused',
  ENETUNREACH: 'connection-refused',
  EPIPE: 'connection-refused',
  ENOTFOUND: 'host-unknown',
  EAI_AGAIN: 'host-unknown',
  ETIMEDOUT: 'timeout',
  // invalid_password, invalid_authorization_specification (no such role, pg_hba.conf refuses)
  '28P01': 'auth-failed',
  '28000': 'auth-failed',
  // insufficient_privilege (a missing grant, a row-level security policy)
  '42501': 'permission-denied',
  // invalid_catalog_name: the database does not exist
  '3D000': 'no-database',
  // cannot_connect_now (starting up / shutting down), admin_shutdown, crash_shutdown
  '57P03': 'connection-refused',
  '57P01': 'connection-refused',
  '57P02': 'connection-refused',
};

function codesOf(e: unknown, depth = 0): string[] {
  if (e === null || typeof e !== 'object' || depth > 3) return [];
  const o = e as { code?: unknown; errors?: unknown; cause?: unknown };
  const own = typeof o.code === 'string' ? [o.code] : [];
  const inner = Array.isArray(o.errors) ? o.errors.flatMap((x) => codesOf(x, depth + 1)) : [];
  return [...own, ...inner, ...codesOf(o.cause, depth + 1)];
}

function messagesOf(e: unknown, depth = 0): string {
  if (e === null || typeof e !== 'object' || depth > 3) return String(e ?? '');
  const o = e as { message?: unknown; cause?: unknown };
  return `${typeof o.message === 'string' ? o.message : ''} ${messagesOf(o.cause, depth + 1)}`;
}

export function pgErrorReason(e: unknown): PracticeReason {
  for (const code of codesOf(e)) {
    const r = BY_CODE[code];
    if (r) return r;
  }
  const text = messagesOf(e);
  if (/timeout|timed out/i.test(text)) return 'timeout';
  if (/\bssl\b|\btls\b|certificate/i.test(text)) return 'tls';
  if (/connection terminated|server closed the connection/i.test(text)) return 'connection-refused';
  return 'other';
}

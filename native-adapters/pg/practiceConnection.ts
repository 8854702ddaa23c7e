/**
 * A connection to the practice database (PostgreSQL, issue 17) through `pg` (node-postgres 8.23.1,
 * the maintained client). The only module that imports `pg`. The URL is the contract's
 * `CADANS_PRACTICE_DB=postgres://user@host:port/db`; TLS options in it (`sslmode`, `sslrootcert`, …)
 * are passed through to `pg` as they are.
 */
import pg from 'pg';

export type SqlValue = string | number | boolean | null | Buffer;

export interface PracticeConnection {
  /** Run one statement; rows as objects (bigint and numeric columns come back as strings). */
  query<R = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** Run `fn` in one transaction (BEGIN … COMMIT; ROLLBACK when it throws). */
  transaction<T>(fn: () => Promise<T>, isolation?: 'read committed' | 'repeatable read'): Promise<T>;
  close(): Promise<void>;
}

/** The server could not be reached or refused the connection (the message says why, from `pg`). */
export class PracticeUnreachableError extends Error {
  override readonly name = 'PracticeUnreachableError';
}

export { isPracticeUrl, shownPracticeUrl } from './practiceUrl.js';

export interface ConnectOptions {
  /** Give up connecting after this long (default 5 s): a workstation must not hang on a lost server. */
  connectTimeoutMs?: number;
  /** `application_name` on the server (default 'cadans'). */
  applicationName?: string;
  /** An app login acting as a therapist: `SET ROLE` to this role right after connecting (the server checks membership). */
  role?: string;
}

/** Connect; throws `PracticeUnreachableError` when the server cannot be reached or refuses. */
export async function connectPractice(url: string, options: ConnectOptions = {}): Promise<PracticeConnection> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    application_name: options.applicationName ?? 'cadans',
  });
  // A server that goes away while connected emits 'error' on the client; the failing query rejects too.
  client.on('error', () => undefined);
  try {
    await client.connect();
    if (options.role) await client.query(`SET ROLE ${client.escapeIdentifier(options.role)}`);
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new PracticeUnreachableError(describePgError(e), { cause: e });
  }
  let closed = false;
  const conn: PracticeConnection = {
    async query<R>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
      const r = await client.query(sql, params as unknown[]);
      return r.rows as R[];
    },
    async transaction<T>(fn: () => Promise<T>, isolation: 'read committed' | 'repeatable read' = 'read committed'): Promise<T> {
      await client.query(`BEGIN ISOLATION LEVEL ${isolation === 'repeatable read' ? 'REPEATABLE READ' : 'READ COMMITTED'}`);
      try {
        const result = await fn();
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.end().catch(() => undefined);
    },
  };
  return conn;
}

/** One line from a `pg` or socket error (code and message). */
export function describePgError(e: unknown): string {
  const err = e as { code?: string; message?: string; errors?: { message?: string }[] };
  const inner = Array.isArray(err?.errors) && err.errors.length > 0 ? err.errors.map((x) => x.message).join('; ') : '';
  const message = (err?.message || inner || String(e)).replace(/\s*\n\s*/g, ' ').trim();
  return err?.code && !message.includes(err.code) ? `${err.code}: ${message}` : message;
}

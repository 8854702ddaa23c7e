/**
 * The one error type for database files Cadans refuses or cannot use. `problem` says
 * why; the message is a complete English sentence naming the file and saying that the
 * file was left unchanged where that is the case.
 */
import { CadansError } from '../../shared/i18n/CadansError.js';
export type DatabaseFileProblem =
  /** The file does not exist (and may not be created here). */
  | 'not-found'
  /** Not an SQLite file at all (wrong header), or encrypted while no passphrase is set (the two look alike). */
  | 'not-sqlite'
  /** An SQLite file that is shorter than its header says (cut off during a copy or download). */
  | 'truncated'
  /** SQLite reports damage (quick_check/integrity_check failed, malformed pages or schema). */
  | 'corrupt'
  /** A valid SQLite database of another application. */
  | 'foreign'
  /** Made by a newer Cadans (schema version above the one this build knows). */
  | 'too-new'
  /** Opened read-only but its schema needs an upgrade first. */
  | 'needs-upgrade'
  /** Another process (or connection) has the database open. */
  | 'in-use'
  /** Encrypted, and the passphrase does not open it. */
  | 'wrong-passphrase'
  /** The output file already exists. */
  | 'exists'
  /** The disk (or file system) holding the file has no space left. */
  | 'disk-full'
  /** A file-system error (permissions ...). */
  | 'io';

/**
 * Coded `storage.file` with the problem and file: in Dutch one sentence per problem; in English the
 * message itself (the CLI's line, and the page's English text), which carries more detail.
 */
export class DatabaseFileError extends CadansError {
  override readonly name: string = 'DatabaseFileError';
  constructor(
    readonly problem: DatabaseFileProblem,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('storage.file', { problem: problem.replace(/-/g, '_'), file, detail: message }, { ...options, message });
  }
}

/** Whether `e` is an SQLite error of one of `codes` (better-sqlite3's SqliteError has `code`). */
export function isSqliteError(e: unknown, ...codes: string[]): e is Error & { code: string } {
  if (!(e instanceof Error) || typeof (e as { code?: unknown }).code !== 'string') return false;
  const code = (e as unknown as { code: string }).code;
  return codes.length === 0 ? code.startsWith('SQLITE_') : codes.some((c) => code === c || code.startsWith(c + '_'));
}

/**
 * Whether `e` says the disk is full: SQLite's SQLITE_FULL (also as a `DatabaseFileError`
 * 'disk-full'), or a file-system ENOSPC / EDQUOT (quota).
 */
export function isDiskFullError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x instanceof Error && depth < 4; x = (x as Error).cause, depth++) {
    if (x instanceof DatabaseFileError && x.problem === 'disk-full') return true;
    const code = (x as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') return true;
    if (isSqliteError(x, 'SQLITE_FULL')) return true;
  }
  return false;
}

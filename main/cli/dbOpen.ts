/**
 * Opening the records database for a CLI command: path resolution, start-up recovery of
 * interrupted sessions (only stale ones, since a recording may run beside the command),
 * closing, and turning every expected failure into a one-line `CliError`.
 */
import { existsSync, statSync } from 'node:fs';
import { DatabaseFileError } from '../../native-adapters/sqlite/databaseFileError.js';
import { NotFoundError, ValidationError } from '../../shared/domain/validationResult.js';
import { showText } from '../../shared/text/safeText.js';
import { CLI_STALE_AFTER_SEC, recoverOnStartup } from '../sessions/startup.js';
import { openStorage, type Storage } from '../storage/storage.js';
import { CliError } from './cliError.js';
import { resolveDbPath } from './dbPath.js';

export interface RecordsDbOptions {
  /** Refuse (one line, exit 1) when the database file does not exist, instead of creating it. */
  mustExist?: boolean;
}

/** One line: the user-facing messages are single sentences, but never let a newline through. */
const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();

/** `toCliError` — expected failures (bad database, unknown id, invalid input) as `CliError`; others unchanged. */
export function toCliError(e: unknown): unknown {
  if (e instanceof CliError) return e;
  if (e instanceof DatabaseFileError || e instanceof NotFoundError || e instanceof ValidationError) {
    return new CliError(oneLine(e.message));
  }
  if (e instanceof Error && (e.name === 'ExportError' || e.name === 'AnalysisInputError')) return new CliError(oneLine(e.message));
  return e;
}

/** `dbFileExists` — whether the resolved database file exists (commands that only list can then print nothing). */
export function dbFileExists(dbOption: string | boolean | undefined): { file: string; exists: boolean } {
  const file = resolveDbPath(dbOption);
  return { file, exists: existsSync(file) };
}

/**
 * For commands that read an existing database: refuse a missing file, and an empty one (SQLite
 * would take a 0-byte file — `export --db empty.csv` — as a new database and write its schema
 * into it). Other non-databases are refused by `openStorage` without being changed.
 */
function refuseNonDatabase(file: string): void {
  const shown = showText(file, 200);
  let size: number;
  try {
    const st = statSync(file);
    size = st.isFile() ? st.size : -1;
  } catch {
    throw new CliError(`no Cadans database at ${shown} (give --db FILE or set CADANS_DB)`);
  }
  if (size !== 0) return;
  let walBytes = 0;
  try {
    walBytes = statSync(file + '-wal').size;
  } catch {
    walBytes = 0;
  }
  if (walBytes === 0) throw new CliError(`${shown} is an empty file, not a Cadans database; Cadans did not change it (give --db FILE or set CADANS_DB)`);
}

/**
 * `withRecordsDb` — open the database of `--db`, recover stale interrupted sessions, run `fn`,
 * close. Errors become `CliError`s (see `toCliError`).
 */
export async function withRecordsDb<T>(
  dbOption: string | boolean | undefined,
  options: RecordsDbOptions,
  fn: (storage: Storage, file: string) => Promise<T> | T,
): Promise<T> {
  const file = resolveDbPath(dbOption);
  if (options.mustExist) refuseNonDatabase(file);
  let storage: Storage;
  try {
    storage = openStorage(file, { mustExist: options.mustExist });
  } catch (e) {
    throw toCliError(e);
  }
  try {
    recoverOnStartup(storage, { staleAfterSec: CLI_STALE_AFTER_SEC });
    return await fn(storage, file);
  } catch (e) {
    throw toCliError(e);
  } finally {
    storage.close();
  }
}

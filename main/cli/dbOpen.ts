/**
 * Opening the records database for a CLI command: path resolution, start-up recovery of
 * sessions whose recorder is gone (a recording in another process is left alone: see
 * main/sessions/startup.ts), closing, and turning every expected failure into a one-line `CliError`.
 *
 * The records commands only read (sessions, clients, export, report, backup), so the database is
 * opened read-only: they work on a full disk and never change the file. Only when there is
 * something to recover (or the schema needs an upgrade) is a writing connection opened for that;
 * when the disk is full that is skipped with one line on stderr, and the command goes on reading.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseFileError, isDiskFullError } from '../../native-adapters/sqlite/databaseFileError.js';
import { removeStaleTemporaryCopies } from '../../native-adapters/sqlite/openDatabase.js';
import { NotFoundError, ValidationError } from '../../shared/domain/validationResult.js';
import { codedMessage } from '../../shared/i18n/CadansError.js';
import { showText } from '../../shared/text/safeText.js';
import { CLI_STALE_AFTER_SEC, tryRecoverOnStartup } from '../sessions/startup.js';
import type { AccessEntryInput } from '../storage/accessLogRepo.js';
import { openStorage, type Storage } from '../storage/storage.js';
import { CliError, cliError, cliErrorOf, cliIssues } from './cliError.js';
import { resolveDbPath } from './dbPath.js';

export interface RecordsDbOptions {
  /** Refuse (one line, exit 1) when the database file does not exist, instead of creating it. */
  mustExist?: boolean;
}

/** One line: the user-facing messages are single sentences, but never let a newline through. */
const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();

/** `toCliError` — expected failures (bad database, unknown id, invalid input, full disk) as `CliError`; others unchanged. */
export function toCliError(e: unknown): unknown {
  if (e instanceof CliError) return e;
  if (e instanceof DatabaseFileError) return cliErrorOf(e, oneLine(e.message));
  if (e instanceof NotFoundError) return cliError('cli.notFound', { entity: e.entity, id: String(e.id) });
  if (e instanceof ValidationError) return e.issues.length > 0 ? cliIssues(e.issues, oneLine(e.message)) : new CliError(oneLine(e.message));
  if (e instanceof Error && e.name === 'AnalysisInputError') {
    // A coded refusal (analysis.*) in the user's language; the English line stays the message.
    const m = codedMessage(e);
    return m.code === 'error.unknown' ? new CliError(oneLine(e.message)) : cliErrorOf(m, oneLine(e.message));
  }
  if (e instanceof Error && e.name === 'ExportError') return cliErrorOf(codedMessage(e), oneLine(e.message));
  if (isDiskFullError(e)) {
    // Dutch names only the error's code (the system's own detail is English).
    const code = (e as { code?: unknown }).code;
    return cliError('cli.diskFull', { detail: oneLine((e as Error).message), code: typeof code === 'string' ? code : 'ENOSPC' });
  }
  return e;
}

/** `dbFileExists` — whether the resolved database file exists (commands that only list can then print nothing). */
export function dbFileExists(dbOption: string | boolean | undefined): { file: string; exists: boolean } {
  const file = resolveDbPath(dbOption);
  return { file, exists: existsSync(file) };
}

/** Write a warning of the records commands (one line on stderr). */
function warn(message: string): void {
  process.stderr.write(`cadans: ${oneLine(message)}\n`);
}

/** Open `file` to read: read-only, unless its schema needs an upgrade first. */
function openToRead(file: string, mustExist: boolean | undefined): Storage {
  if (existsSync(file)) {
    try {
      return openStorage(file, { readonly: true });
    } catch (e) {
      if (!(e instanceof DatabaseFileError && e.problem === 'needs-upgrade')) throw e;
    }
  }
  return openStorage(file, { mustExist });
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
    throw cliError('cli.noDatabase', { file: shown });
  }
  if (size !== 0) return;
  let walBytes = 0;
  try {
    walBytes = statSync(file + '-wal').size;
  } catch {
    walBytes = 0;
  }
  if (walBytes === 0) throw cliError('cli.emptyDatabaseFile', { file: shown });
}

/**
 * Recover sessions whose recorder is gone, through a writing connection of its own (only when
 * there are any). A full disk postpones it with one line on stderr.
 */
function recoverIfNeeded(reader: Storage, file: string): void {
  if (reader.sessions.deadRecordings({ staleAfterSec: CLI_STALE_AFTER_SEC }).length === 0) return;
  let writer: Storage;
  try {
    writer = reader.db.readonly ? openStorage(file, { mustExist: true }) : reader;
  } catch (e) {
    if (!isDiskFullError(e)) throw e;
    warn('the disk is full, so sessions whose recording ended without being closed could not be marked interrupted yet.');
    return;
  }
  try {
    const r = tryRecoverOnStartup(writer, { staleAfterSec: CLI_STALE_AFTER_SEC });
    if (r.problem) warn(r.problem);
  } finally {
    if (writer !== reader) writer.close();
  }
}

/**
 * `withRecordsDb` — open the database of `--db` to read, recover sessions whose recorder is
 * gone, run `fn`, close. Errors become `CliError`s (see `toCliError`).
 */
export async function withRecordsDb<T>(
  dbOption: string | boolean | undefined,
  options: RecordsDbOptions,
  fn: (storage: Storage, file: string) => Promise<T> | T,
): Promise<T> {
  const file = resolveDbPath(dbOption);
  if (options.mustExist) refuseNonDatabase(file);
  // Copies a killed backup or restore left next to the database (up to its size each).
  removeStaleTemporaryCopies(dirname(file));
  let storage: Storage;
  try {
    storage = openToRead(file, options.mustExist);
  } catch (e) {
    throw toCliError(e);
  }
  try {
    recoverIfNeeded(storage, file);
    return await fn(storage, file);
  } catch (e) {
    throw toCliError(e);
  } finally {
    storage.close();
  }
}

/**
 * `logAccess` — append to the database's access log (NEN 7513) what a records command did to a
 * client's record, through a short writing connection of its own (the command itself read
 * read-only). `entry` may look up the client of a session. A log that cannot be written (a full
 * disk) is said in one line on stderr; what the command did stands.
 */
export function logAccess(dbOption: string | boolean | undefined, entry: (s: Storage) => AccessEntryInput | AccessEntryInput[]): void {
  const file = resolveDbPath(dbOption);
  try {
    const writer = openStorage(file, { mustExist: true });
    try {
      const entries = entry(writer);
      for (const e of Array.isArray(entries) ? entries : [entries]) writer.accessLog.append(e);
    } finally {
      writer.close();
    }
  } catch (e) {
    warn(isDiskFullError(e) ? 'the disk is full, so this access could not be written to the access log.' : `the access log could not be written: ${(e as Error).message}`);
  }
}

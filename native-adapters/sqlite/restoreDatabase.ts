/**
 * Restore the database from a backup file. The backup is checked completely first
 * (header, size, SQLite integrity_check, `app_meta` says Cadans, version known); a
 * cut-off, damaged, foreign or too-new file is refused and the current database is not
 * touched. Then the copy is swapped in atomically (temporary file + rename), keeping the
 * previous database as `<file>.before-restore-<timestamp>`.
 *
 * Call with the database closed: a target held open by another connection is refused.
 */
import { copyFileSync, constants, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

import Database from 'better-sqlite3';

import { DatabaseFileError, isSqliteError } from './databaseFileError.js';
import { COMPANION_SUFFIXES, fsyncPath, removeDatabaseFiles } from './fileOps.js';
import { inspectSqliteHeader, type SqliteHeaderInfo } from './sqliteHeader.js';
import { databaseFailure, verifyCadansDatabase, type CheckLevel } from './verifyDatabase.js';

export interface RestoreOptions {
  /** Time used in the name of the kept previous database; default now. */
  now?: Date;
  /** Check of the backup; default 'full' (integrity_check). */
  check?: CheckLevel;
}

export interface RestoreResult {
  /** The restored database (= `toFile`, absolute). */
  file: string;
  /** Where the database that was replaced now lives; null when there was none. */
  previousFile: string | null;
  schemaVersion: number;
  bytes: number;
}

/** Make sure no connection holds `file` open, and fold its WAL into the file. */
function assertNotInUse(file: string): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
  } catch (e) {
    if (isSqliteError(e, 'SQLITE_BUSY', 'SQLITE_LOCKED')) {
      throw new DatabaseFileError(
        'in-use',
        file,
        `${file} is open in Cadans or another program; close it before restoring. Nothing was changed.`,
        { cause: e },
      );
    }
    // A damaged or foreign current database is simply moved aside below.
  } finally {
    try {
      db?.close();
    } catch {
      // ignore
    }
  }
}

function freeName(base: string): string {
  let name = base;
  for (let i = 2; existsSync(name); i++) name = `${base}-${i}`;
  return name;
}

/** Restore `toFile` from the backup `fromFile` (see the file comment). Synchronous. */
export function restoreDatabase(fromFile: string, toFile: string, options: RestoreOptions = {}): RestoreResult {
  const from = resolve(fromFile);
  const to = resolve(toFile);
  if (from === to) throw new DatabaseFileError('io', from, `Cannot restore ${from} onto itself.`);
  const untouched = (e: unknown): Error => {
    const err = databaseFailure(e, from);
    if (err instanceof DatabaseFileError) err.message += ` The current database (${basename(to)}) was not changed.`;
    return err;
  };
  let header: SqliteHeaderInfo;
  try {
    header = inspectSqliteHeader(from);
  } catch (e) {
    if (e instanceof DatabaseFileError && e.problem === 'not-found') {
      e.message = `The backup file ${from} does not exist.`;
    }
    throw untouched(e);
  }
  if (header.empty) {
    throw untouched(new DatabaseFileError('truncated', from, `${from} is empty (0 bytes); it is not a Cadans backup.`));
  }

  const tmp = `${to}.restoring-${process.pid}-${Date.now()}`;
  let schemaVersion: number;
  try {
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, tmp, constants.COPYFILE_EXCL);
    if (header.hasWal) copyFileSync(from + '-wal', tmp + '-wal', constants.COPYFILE_EXCL);
    let db: Database.Database | null = null;
    try {
      db = new Database(tmp, { fileMustExist: true });
      const found = verifyCadansDatabase(db, from, options.check ?? 'full');
      if (found.fresh) {
        throw new DatabaseFileError('foreign', from, `${from} is an empty SQLite database without Cadans data.`);
      }
      schemaVersion = found.version;
      db.pragma('journal_mode = DELETE');
    } finally {
      db?.close();
    }
    fsyncPath(tmp);
  } catch (e) {
    removeDatabaseFiles(tmp);
    throw untouched(e);
  }

  let previousFile: string | null = null;
  try {
    if (existsSync(to)) {
      assertNotInUse(to);
      const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
      previousFile = freeName(`${to}.before-restore-${stamp}`);
      renameSync(to, previousFile);
      for (const s of COMPANION_SUFFIXES) if (existsSync(to + s)) renameSync(to + s, previousFile + s);
    }
    renameSync(tmp, to);
  } catch (e) {
    removeDatabaseFiles(tmp);
    if (previousFile && !existsSync(to) && existsSync(previousFile)) {
      renameSync(previousFile, to);
      for (const s of COMPANION_SUFFIXES) if (existsSync(previousFile + s)) renameSync(previousFile + s, to + s);
    }
    throw e instanceof DatabaseFileError
      ? e
      : new DatabaseFileError('io', to, `Restoring ${to} failed (${(e as Error).message}); the previous database was kept.`, { cause: e });
  }
  fsyncPath(dirname(to), true);
  return { file: to, previousFile, schemaVersion, bytes: statSync(to).size };
}

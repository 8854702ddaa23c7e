/**
 * Checks that an open SQLite connection is a healthy Cadans database this build can use:
 * SQLite's own consistency check, `app_meta.application = 'cadans'`, and a schema
 * version not above `SCHEMA_VERSION`. Reads only.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

import { DatabaseFileError, isSqliteError } from './databaseFileError.js';
import { BULK_TABLES, SCHEMA_VERSION } from './migrations.js';

/**
 * How thoroughly to check:
 * - 'full': `PRAGMA integrity_check` (also checks indexes against tables; for backup/restore);
 * - 'quick': `PRAGMA quick_check` of the whole file (cost grows with rows: ~0.5 s for 50,000 sessions);
 * - 'records': `quick_check` of every table except the bulk recording tables (signal, beats,
 *   metrics), so opening stays fast however many hours are stored;
 * - 'none': header and Cadans identity only.
 */
export type CheckLevel = 'full' | 'quick' | 'records' | 'none';

export interface VerifyResult {
  /** `PRAGMA user_version` as found. */
  version: number;
  /** An SQLite file without any table and version 0: a new database Cadans may set up. */
  fresh: boolean;
}

const UNCHANGED = 'Cadans did not change it.';

/** Translate an SQLite failure while reading `file` into a `DatabaseFileError` (or rethrow). */
export function databaseFailure(e: unknown, file: string): Error {
  if (e instanceof DatabaseFileError) return e;
  if (isSqliteError(e, 'SQLITE_CORRUPT', 'SQLITE_NOTADB')) {
    return new DatabaseFileError('corrupt', file, `${file} is damaged (SQLite: ${e.message}). ${UNCHANGED}`, { cause: e });
  }
  if (isSqliteError(e, 'SQLITE_BUSY', 'SQLITE_LOCKED')) {
    return new DatabaseFileError('in-use', file, `${file} is locked by another program or Cadans window (SQLite: ${e.message}).`, { cause: e });
  }
  if (isSqliteError(e, 'SQLITE_FULL')) {
    return new DatabaseFileError('disk-full', file, `The disk holding ${file} is full; free some space (SQLite: ${e.message}).`, { cause: e });
  }
  if (isSqliteError(e, 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_READONLY', 'SQLITE_IOERR')) {
    return new DatabaseFileError('io', file, `Cannot use ${file} (SQLite: ${e.message}).`, { cause: e });
  }
  return e instanceof Error ? e : new Error(String(e));
}

function checkRows(db: Database.Database, pragma: string): string[] {
  const rows = db.pragma(pragma) as Record<string, unknown>[];
  const lines = rows.flatMap((r) => String(Object.values(r)[0]).split('\n'));
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines.filter((l) => l && !l.startsWith('*** in database'));
}

function quote(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** Run the SQLite consistency check of `level`; returns the problems found (empty = ok). */
export function consistencyProblems(db: Database.Database, level: CheckLevel): string[] {
  if (level === 'full') return checkRows(db, 'integrity_check(20)');
  if (level === 'quick') return checkRows(db, 'quick_check(20)');
  if (level === 'none') return [];
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return tables.filter((t) => !BULK_TABLES.includes(t)).flatMap((t) => checkRows(db, `quick_check(${quote(t)})`));
}

/**
 * Verify the database behind `db` (opened on `file`). Throws `DatabaseFileError`:
 * 'corrupt', 'foreign' or 'too-new'. A file with no tables and version 0 is `fresh`.
 */
export function verifyCadansDatabase(db: Database.Database, file: string, level: CheckLevel): VerifyResult {
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    if (tables.length === 0 && version === 0) return { version, fresh: true };

    const problems = consistencyProblems(db, level);
    if (problems.length > 0) {
      const shown = problems.slice(0, 3).join('; ') + (problems.length > 3 ? ` (and ${problems.length - 3} more)` : '');
      throw new DatabaseFileError('corrupt', file, `${file} is damaged: SQLite's check found ${shown}. ${UNCHANGED}`);
    }

    const application = tables.includes('app_meta')
      ? (db.prepare("SELECT value FROM app_meta WHERE key = 'application'").pluck().get() as unknown)
      : undefined;
    if (application !== 'cadans') {
      const listed = tables.slice(0, 6).join(', ') + (tables.length > 6 ? ', …' : '');
      const what = application === undefined ? `its tables: ${listed}` : `it belongs to "${String(application)}"`;
      throw new DatabaseFileError(
        'foreign',
        file,
        `${file} is an SQLite database of another application, not a Cadans database (${what}). ${UNCHANGED}`,
      );
    }
    if (version > SCHEMA_VERSION) {
      throw new DatabaseFileError(
        'too-new',
        file,
        `${file} was made by a newer Cadans (database version ${version}; this Cadans knows versions up to ${SCHEMA_VERSION}). Update Cadans to open it. ${UNCHANGED}`,
      );
    }
    if (version < 1) {
      throw new DatabaseFileError('corrupt', file, `${file} says it is a Cadans database but has no schema version. ${UNCHANGED}`);
    }
    return { version, fresh: false };
  } catch (e) {
    throw databaseFailure(e, file);
  }
}

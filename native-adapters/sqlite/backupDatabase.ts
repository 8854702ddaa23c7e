/**
 * Online backup with SQLite's backup API (better-sqlite3 `db.backup()`): runs in steps on
 * the event loop while the app keeps recording, into a temporary file that is checked,
 * turned into a self-contained single file (rollback journal, no `-wal`), fsync'ed and
 * renamed into place. An existing output file is never overwritten unless asked.
 */
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { dirname, resolve } from 'node:path';

import Database from 'better-sqlite3';

import { DatabaseFileError } from './databaseFileError.js';
import { fsyncPath, removeDatabaseFiles } from './fileOps.js';
import { databaseFailure, verifyCadansDatabase, type CheckLevel } from './verifyDatabase.js';

export interface BackupOptions {
  /** Replace `outFile` if it exists (default: refuse). */
  overwrite?: boolean;
  /** Check of the finished copy before it is renamed into place; default 'quick'. */
  check?: CheckLevel;
  /** Progress 0..1 while pages are copied. */
  onProgress?: (fraction: number) => void;
}

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  schemaVersion: number;
  durationMs: number;
}

/** Back up the open database `db` to `outFile` (see the file comment). */
export async function backupDatabase(db: Database.Database, outFile: string, options: BackupOptions = {}): Promise<BackupResult> {
  const t0 = performance.now();
  const out = resolve(outFile);
  if (!db.memory && out === resolve(db.name)) {
    throw new DatabaseFileError('exists', out, `Cannot back up the database onto itself (${out}).`);
  }
  if (existsSync(out) && !options.overwrite) {
    throw new DatabaseFileError('exists', out, `${out} already exists; Cadans does not overwrite it. Choose another file name.`);
  }
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.partial-${process.pid}-${Date.now()}`;
  try {
    const meta = await db.backup(tmp, {
      progress: ({ totalPages, remainingPages }) => {
        options.onProgress?.(totalPages > 0 ? 1 - remainingPages / totalPages : 1);
        return 256;
      },
    });
    let copy: Database.Database | null = null;
    let schemaVersion: number;
    try {
      copy = new Database(tmp, { fileMustExist: true });
      schemaVersion = verifyCadansDatabase(copy, out, options.check ?? 'quick').version;
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy?.close();
    }
    fsyncPath(tmp);
    renameSync(tmp, out);
    fsyncPath(dirname(out), true);
    options.onProgress?.(1);
    return {
      file: out,
      bytes: statSync(out).size,
      pages: meta.totalPages,
      schemaVersion,
      durationMs: performance.now() - t0,
    };
  } catch (e) {
    removeDatabaseFiles(tmp);
    throw databaseFailure(e, out);
  }
}

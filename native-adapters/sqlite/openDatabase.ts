/**
 * Opens the Cadans database (better-sqlite3): refuses a foreign, damaged, cut-off or
 * too-new file without changing it, then sets WAL mode, `synchronous`, `foreign_keys`,
 * `busy_timeout` and runs the pending migrations in one transaction.
 *
 * Durability: WAL with `synchronous = NORMAL` (default) makes every committed transaction
 * survive a crash or kill of the app; against power loss the WAL file is additionally
 * fsync'ed off the main thread after each recorder flush (`WalSyncer`), so at most the
 * last ~second is lost without blocking the main thread on fsync. `synchronous = 'full'`
 * fsyncs inside every commit instead (measured by test/bench/storage.ts).
 *
 * This folder is the only place that imports better-sqlite3; the rest of the app uses `Db`.
 */
import { rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import Database from 'better-sqlite3-multiple-ciphers';

import { DatabaseFileError } from './databaseFileError.js';
import {
  applyKey,
  databasePassphrase,
  fileKey,
  looksEncrypted,
  needsPassphraseError,
  newFileKey,
  PASSPHRASE_ENV,
  proveKey,
  type KeyOption,
} from './databaseKey.js';
import { createPrivateFile, makeDatabasePrivate, makePrivateDir } from './fileOps.js';
import { readableWithoutUpgrade, runMigrations, SCHEMA_VERSION } from './migrations.js';
import { inspectSqliteHeader, type SqliteHeaderInfo } from './sqliteHeader.js';
import { consistencyProblems, databaseFailure, verifyCadansDatabase, type CheckLevel } from './verifyDatabase.js';
import { closeWalCheckpointer } from './walCheckpointer.js';
import { closeWalSyncer } from './walSyncer.js';

export type { CheckLevel } from './verifyDatabase.js';
export {
  databasePassphrase,
  looksEncrypted,
  PASSPHRASE_ENV,
  rawKeyOf,
  setDatabasePassphrase,
  type KeyOption,
} from './databaseKey.js';
export { encryptDatabase, decryptDatabase, type ConvertResult } from './convertEncryption.js';
export { DatabaseFileError, isDiskFullError, type DatabaseFileProblem } from './databaseFileError.js';
export { SCHEMA_VERSION, MIGRATIONS, readableWithoutUpgrade, type Migration } from './migrations.js';
export { backupDatabase, type BackupResult, type BackupOptions } from './backupDatabase.js';
export { restoreDatabase, type RestoreResult, type RestoreOptions } from './restoreDatabase.js';
export {
  makeDatabasePrivate,
  makePrivateDir,
  PAUSE_RESTORE_ENV,
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  removeStaleTemporaryCopies,
  tightenMode,
} from './fileOps.js';
export { WalSyncer, walSyncerFor } from './walSyncer.js';
export {
  BACKUP_DIGEST_KEY,
  chunkCrc32,
  contentDigest,
  recordedDigest,
  verifySignalChecksums,
  type DamagedChunk,
  type SignalChecksumReport,
} from './checksums.js';
export {
  RecordingLock,
  probeRecordingLock,
  recordingLockFile,
  recordingLockIds,
  STARTING_GRACE_MS,
  type RecordingLockState,
} from './recordingLock.js';
export { CHECKPOINT_INTERVAL_MS, WalCheckpointer, walCheckpointerFor, type CheckpointStats } from './walCheckpointer.js';

/** An open Cadans database (the better-sqlite3 connection). */
export type Db = Database.Database;
/** A prepared statement of a `Db`. */
export type Statement<P extends unknown[] | object = unknown[], R = unknown> = Database.Statement<P, R>;

export interface OpenDatabaseOptions {
  /** Open read-only: no migrations, no pragmas that write; the file must exist. */
  readonly?: boolean;
  /** Refuse to create a new database when `file` does not exist. */
  mustExist?: boolean;
  /**
   * Consistency check on open; default 'quick' for files up to 64 MiB, 'records' above
   * (quick_check costs ~2.7 ms per MB of recordings: 0.5 s for 50,000 short sessions).
   */
  check?: CheckLevel;
  /** `PRAGMA synchronous`; default 'normal' (see the file comment). */
  synchronous?: 'normal' | 'full';
  /** How long a statement waits for another connection's lock; default 5000 ms. */
  busyTimeoutMs?: number;
  /**
   * The key: by default the passphrase (`setDatabasePassphrase` or `CADANS_PASSPHRASE`) opens an
   * encrypted file and encrypts a new one; a raw key from `rawKeyOf` opens another connection to
   * an open encrypted database (worker threads); null opens plaintext only.
   */
  key?: KeyOption;
}

/** Files already told to be plaintext while a passphrase is set (said once per process). */
const toldPlaintext = new Set<string>();

function tellPlaintext(path: string): void {
  if (toldPlaintext.has(path)) return;
  toldPlaintext.add(path);
  process.stderr.write(
    `cadans: ${path} is not encrypted; ${PASSPHRASE_ENV} is not used for it (run 'cadans encrypt --db ${path}' to encrypt it).\n`,
  );
}

/**
 * Files above this size get the 'records' check on open instead of a full quick_check, so
 * start-up stays fast as recordings accumulate; run `checkDatabase(db, 'quick')` (or a
 * backup, which checks its copy) to check the bulk tables too.
 */
export const QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Open (or create) the Cadans database at `file`. Throws `DatabaseFileError` when the
 * file is not a usable Cadans database; in that case the file is not modified.
 * `':memory:'` opens a private in-memory database (tests).
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const memory = file === ':memory:';
  const path = memory ? file : resolve(file);
  const readonly = options.readonly ?? false;
  let header: SqliteHeaderInfo | null = null;
  /** The file this call created (removed again when the open fails). */
  let created = false;
  /** The raw key this connection uses (null: plaintext). */
  let rawKey: string | null = null;
  const passphrase = options.key === undefined ? databasePassphrase() : null;
  if (!memory && looksEncrypted(path)) {
    rawKey = options.key ?? (passphrase === null ? null : fileKey(path, passphrase));
    if (rawKey === null) throw needsPassphraseError(path);
    header = encryptedHeader(path);
  } else if (!memory) {
    try {
      header = inspectSqliteHeader(path);
    } catch (e) {
      if (!(e instanceof DatabaseFileError && e.problem === 'not-found')) throw withRestoreHint(e as Error);
      if (readonly || options.mustExist) throw e;
      // A new database is private from its first byte (0600 in a 0700 folder, whatever the umask);
      // SQLite gives its -wal and -shm files the database's mode.
      makePrivateDir(dirname(path));
      try {
        createPrivateFile(path);
        created = true;
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code !== 'EEXIST') throw databaseFailure(e2, path);
      }
    }
  }
  if (header === null || header.empty) {
    // A new database is encrypted when there is a passphrase.
    if (!memory && passphrase !== null) rawKey = newFileKey(passphrase);
    else if (typeof options.key === 'string') rawKey = options.key;
  } else if (rawKey === null && passphrase !== null) {
    tellPlaintext(path);
  }
  const dropCreated = (): void => {
    if (created) rmSync(path, { force: true });
  };
  let db: Db;
  try {
    db = new Database(path, { readonly, fileMustExist: header !== null, timeout: options.busyTimeoutMs ?? 5000 });
  } catch (e) {
    dropCreated();
    throw databaseFailure(e, path);
  }
  if (rawKey !== null) {
    try {
      applyKey(db, rawKey);
    } catch (e) {
      db.close();
      dropCreated();
      throw e;
    }
    // A wrong key is refused here, before any pragma or migration can write.
    if (header !== null && !header.empty) proveKey(db, path);
  }
  try {
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? 5000))}`);
    const existing = header !== null && !header.empty;
    const level = options.check ?? (header && header.sizeBytes > QUICK_CHECK_MAX_BYTES ? 'records' : 'quick');
    const found = existing ? verifyCadansDatabase(db, path, level) : { version: 0, fresh: true };
    if (readonly) {
      if (found.version < SCHEMA_VERSION && !readableWithoutUpgrade(found.version)) {
        throw new DatabaseFileError(
          'needs-upgrade',
          path,
          `${path} has database version ${found.version}; this Cadans needs version ${SCHEMA_VERSION}. Open it once without read-only mode to upgrade it.`,
        );
      }
      return db;
    }
    if (!memory) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') {
        throw new DatabaseFileError('io', path, `Cannot use write-ahead logging for ${path} (journal mode stays "${String(mode)}").`);
      }
    }
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    runMigrations(db);
    // Databases made by older versions (0644) become private too.
    if (!memory) makeDatabasePrivate(path);
    return db;
  } catch (e) {
    db.close();
    if (created) for (const s of ['', '-wal', '-shm', '-journal']) rmSync(path + s, { force: true });
    throw withRestoreHint(databaseFailure(e, path));
  }
}

/** What is known of an encrypted file without its key (its header is encrypted too). */
function encryptedHeader(path: string): SqliteHeaderInfo {
  const sizeBytes = statSync(path).size;
  let hasWal = false;
  try {
    hasWal = statSync(path + '-wal').size > 0;
  } catch {
    hasWal = false;
  }
  return { sizeBytes, empty: false, pageSize: 4096, pageCount: Math.floor(sizeBytes / 4096), walMode: true, hasWal };
}

function withRestoreHint(e: Error): Error {
  if (e instanceof DatabaseFileError && (e.problem === 'corrupt' || e.problem === 'truncated')) {
    e.message += ' Restore it from a backup.';
  }
  return e;
}

/** Run SQLite's consistency check of `level` on an open database; returns the problems (empty = ok). */
export function checkDatabase(db: Db, level: CheckLevel = 'full'): string[] {
  return consistencyProblems(db, level);
}

export interface DatabaseInfo {
  file: string;
  schemaVersion: number;
  journalMode: string;
  synchronous: 'off' | 'normal' | 'full' | 'extra';
  pageSize: number;
  pageCount: number;
  freePages: number;
  /** Bytes in use by the database (pages minus free pages), WAL content included. */
  usedBytes: number;
}

/** Facts about an open database (diagnostics, benchmark). */
export function databaseInfo(db: Db): DatabaseInfo {
  const num = (p: string): number => db.pragma(p, { simple: true }) as number;
  const pageSize = num('page_size');
  const pageCount = num('page_count');
  const freePages = num('freelist_count');
  const sync = ['off', 'normal', 'full', 'extra'][num('synchronous')] as DatabaseInfo['synchronous'];
  return {
    file: db.name,
    schemaVersion: num('user_version'),
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: sync,
    pageSize,
    pageCount,
    freePages,
    usedBytes: (pageCount - freePages) * pageSize,
  };
}

/**
 * Close the database after stopping its background checkpointer and WAL syncer and letting
 * SQLite refresh its query-planner statistics. Use this rather than `db.close()`.
 *
 * `PRAGMA optimize` is only an optimisation: when it cannot write (disk full, read-only
 * medium, another connection's lock) it is skipped, so closing never fails because of it.
 */
export function closeDatabase(db: Db): void {
  closeWalCheckpointer(db);
  closeWalSyncer(db);
  if (!db.open) return;
  try {
    if (!db.readonly) db.pragma('optimize');
  } catch {
    // skipped (see above); the statistics are refreshed on a later close
  } finally {
    db.close();
  }
}

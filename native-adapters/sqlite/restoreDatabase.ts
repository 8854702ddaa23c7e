/**
 * Restore the database from a backup file.
 *
 * The target is checked first: a folder, a device or a file that is not an SQLite database, or
 * another application's database, is refused and left alone (a damaged or cut-off Cadans
 * database may be replaced: that is what restore is for). The backup is then copied next to the
 * target (mode 0600) and the copy checked completely — header and size, SQLite's integrity_check,
 * `app_meta` says Cadans, a known version, every signal chunk against the checksum taken when it
 * was recorded, and the SHA-256 of the whole content against the one the backup recorded when it
 * was made. A cut-off, damaged, changed, foreign or too-new backup is refused and the current
 * database is not touched.
 *
 * Then the copy replaces the database in one atomic step, keeping the old one: while holding an
 * exclusive lock on it, the old database is folded into one file (no `-wal`), hard-linked as
 * `<file>.before-restore-<timestamp>` (copied where the file system has no hard links) and the
 * checked copy is renamed over `<file>`. At every moment `<file>` is a complete database — the
 * old one until the rename, the restored one after it — so a kill or power cut at any point
 * leaves a valid database (and at worst a `.restoring-*` copy that the next start removes).
 *
 * An encrypted backup is restored with the passphrase (`CADANS_PASSPHRASE`) and stays encrypted
 * with the same key; an encrypted target that the passphrase does not open is refused.
 *
 * Call with the database closed: a target held open by another connection is refused.
 * Test hook: `CADANS_TEST_PAUSE_RESTORE=after-copy|after-link|after-rename` pauses there.
 */
import {
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

import type Database from 'better-sqlite3-multiple-ciphers';

import { contentDigest, damagedChunksText, forgetBackupRecords, recordedDigest, verifySignalChecksums } from './checksums.js';
import { DatabaseFileError, isSqliteError } from './databaseFileError.js';
import { connect, databasePassphrase, fileKey, looksEncrypted, needsPassphraseError } from './databaseKey.js';
import {
  COMPANION_SUFFIXES,
  createPrivateFile,
  fsyncPath,
  placeExclusively,
  PRIVATE_FILE_MODE,
  removeDatabaseFiles,
  removeStaleTemporaryCopies,
  testPause,
} from './fileOps.js';
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
  /** Whether the backup recorded the digest of its content (made by this version's `backup`) and it matched. */
  digestChecked: boolean;
  /** Signal chunks whose checksum matched, and chunks stored before checksums existed. */
  chunksChecked: number;
  chunksUnchecked: number;
}

function freeName(base: string): string {
  let name = base;
  for (let i = 2; existsSync(name); i++) name = `${base}-${i}`;
  return name;
}

/** The first bytes of `file` (fewer when it is shorter). */
function head(file: string, n: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(n);
    return b.subarray(0, readSync(fd, b, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuse a target that is not a file Cadans may replace: a folder or device, a file that is not
 * an SQLite database, another application's database. Returns whether a database is there.
 */
function checkTarget(to: string): boolean {
  let st;
  try {
    st = statSync(to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new DatabaseFileError('io', to, `Cannot read ${to}: ${(e as Error).message}. Nothing was changed.`, { cause: e });
  }
  if (st.isDirectory()) {
    throw new DatabaseFileError('not-sqlite', to, `${to} is a folder, not a database file; restore refuses to replace it. Nothing was changed.`);
  }
  if (!st.isFile()) {
    throw new DatabaseFileError('not-sqlite', to, `${to} is not a regular file; restore refuses to replace it. Nothing was changed.`);
  }
  if (st.size === 0) return true;
  if (looksEncrypted(to)) {
    let db: Database.Database | null = null;
    try {
      db = connect(to, { fileMustExist: true, timeout: 0 });
      verifyCadansDatabase(db, to, 'none');
    } catch (e) {
      if (!(e instanceof DatabaseFileError) || e.problem === 'corrupt') return true;
      throw new DatabaseFileError(e.problem, to, `${e.message.replace(/ Cadans did not change it\.$/, '')} Restore refuses to replace it. Nothing was changed.`);
    } finally {
      db?.close();
    }
    return true;
  }
  if (!head(to, 16).toString('latin1').startsWith('SQLite format 3')) {
    throw new DatabaseFileError(
      'not-sqlite',
      to,
      `${to} is not a Cadans database (not an SQLite database file at all); restore refuses to replace it. Nothing was changed.`,
    );
  }
  let db: Database.Database | null = null;
  try {
    // Not read-only: a read-only connection would leave -wal/-shm files behind.
    db = connect(to, { fileMustExist: true, timeout: 0 }, null);
    verifyCadansDatabase(db, to, 'none');
  } catch (e) {
    if (e instanceof DatabaseFileError && e.problem === 'foreign') {
      e.message = e.message.replace('Cadans did not change it.', 'Restore refuses to replace it. Nothing was changed.');
      throw e;
    }
    // A damaged Cadans database (or one that cannot be read now): restore may replace it.
  } finally {
    try {
      db?.close();
    } catch {
      // ignore
    }
  }
  return true;
}

/**
 * Take the old database for the swap: an exclusive lock (refusing a database in use), its WAL
 * folded into the file and switched to a rollback journal, so nothing but the one file holds it.
 * Returns the connection holding the lock (null when the old database cannot be opened: damaged).
 */
function takeOldDatabase(file: string): Database.Database | null {
  let db: Database.Database | null = null;
  try {
    db = connect(file, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
    db.pragma('journal_mode = DELETE');
    return db;
  } catch (e) {
    try {
      db?.close();
    } catch {
      // ignore
    }
    if (isSqliteError(e, 'SQLITE_BUSY', 'SQLITE_LOCKED')) {
      throw new DatabaseFileError(
        'in-use',
        file,
        `${file} is open in Cadans or another program; close it before restoring. Nothing was changed.`,
        { cause: e },
      );
    }
    // A damaged current database: it is moved aside as it is (with its companions).
    return null;
  }
}

/** Keep `file` as `previous`: a hard link (the same file under a second name), else a copy. */
function keepAs(file: string, previous: string): void {
  try {
    linkSync(file, previous);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV') throw e;
    copyFileSync(file, previous, constants.COPYFILE_EXCL);
    fsyncPath(previous);
  }
}

/** Restore `toFile` from the backup `fromFile` (see the file comment). Synchronous. */
export function restoreDatabase(fromFile: string, toFile: string, options: RestoreOptions = {}): RestoreResult {
  const from = resolve(fromFile);
  let to = resolve(toFile);
  // A symbolic link to the database: restore the database it points to (and keep the link).
  if (existsSync(to) && lstatSync(to).isSymbolicLink()) to = realpathSync(to);
  if (from === to) throw new DatabaseFileError('io', from, `Cannot restore ${from} onto itself.`);
  const untouched = (e: unknown): Error => {
    const err = databaseFailure(e, from);
    if (err instanceof DatabaseFileError && !/Nothing was changed\.$/.test(err.message)) {
      err.message += ` The current database (${basename(to)}) was not changed.`;
    }
    return err;
  };
  let header: SqliteHeaderInfo;
  /** The raw key of an encrypted backup (null: plaintext). */
  let key: string | null = null;
  try {
    if (looksEncrypted(from)) {
      const passphrase = databasePassphrase();
      if (passphrase === null) throw needsPassphraseError(from);
      key = fileKey(from, passphrase);
      header = { sizeBytes: statSync(from).size, empty: false, pageSize: 4096, pageCount: 0, walMode: false, hasWal: existsSync(from + '-wal') && statSync(from + '-wal').size > 0 };
    } else {
      header = inspectSqliteHeader(from);
    }
  } catch (e) {
    if (e instanceof DatabaseFileError && e.problem === 'not-found') {
      e.message = `The backup file ${from} does not exist.`;
    }
    throw untouched(e);
  }
  if (header.empty) {
    throw untouched(new DatabaseFileError('truncated', from, `${from} is empty (0 bytes); it is not a Cadans backup.`));
  }
  const targetExists = checkTarget(to);

  mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
  removeStaleTemporaryCopies(dirname(to));
  const tmp = `${to}.restoring-${process.pid}-${Date.now()}`;
  let schemaVersion: number;
  let digestChecked = false;
  let sums;
  try {
    // The copy takes the backup's mode: made private again at once.
    createPrivateFile(tmp);
    copyFileSync(from, tmp);
    chmodSync(tmp, PRIVATE_FILE_MODE);
    if (header.hasWal) {
      createPrivateFile(tmp + '-wal');
      copyFileSync(from + '-wal', tmp + '-wal');
      chmodSync(tmp + '-wal', PRIVATE_FILE_MODE);
    }
    let db: Database.Database | null = null;
    try {
      db = connect(tmp, { fileMustExist: true }, key);
      const found = verifyCadansDatabase(db, from, options.check ?? 'full');
      if (found.fresh) {
        throw new DatabaseFileError('foreign', from, `${from} is an empty SQLite database without Cadans data.`);
      }
      schemaVersion = found.version;
      sums = verifySignalChecksums(db);
      if (sums.damaged.length > 0) {
        throw new DatabaseFileError('corrupt', from, `${from} is damaged: ${damagedChunksText(sums.damaged)}.`);
      }
      const recorded = recordedDigest(db);
      if (recorded !== null) {
        if (contentDigest(db) !== recorded) {
          throw new DatabaseFileError(
            'corrupt',
            from,
            `${from} does not match the checksum recorded when the backup was made: its content was changed or damaged since.`,
          );
        }
        digestChecked = true;
        forgetBackupRecords(db);
      }
      db.pragma('journal_mode = DELETE');
    } finally {
      db?.close();
    }
    fsyncPath(tmp);
  } catch (e) {
    removeDatabaseFiles(tmp);
    throw untouched(e);
  }
  testPause('after-copy');

  let previousFile: string | null = null;
  let old: Database.Database | null = null;
  const moved: string[] = [];
  try {
    if (targetExists) {
      old = takeOldDatabase(to);
      const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
      previousFile = freeName(`${to}.before-restore-${stamp}`);
      keepAs(to, previousFile);
      testPause('after-link');
      // Companions left by a damaged old database go with it: they must never meet the new file.
      for (const s of COMPANION_SUFFIXES) {
        if (!existsSync(to + s)) continue;
        renameSync(to + s, previousFile + s);
        moved.push(s);
      }
      renameSync(tmp, to);
    } else {
      placeExclusively(tmp, to);
    }
  } catch (e) {
    removeDatabaseFiles(tmp);
    if (previousFile && existsSync(previousFile) && existsSync(to) && statSync(previousFile).ino === statSync(to).ino) {
      // The swap did not happen: the old database is still in place, with its companions.
      for (const s of moved) renameSync(previousFile + s, to + s);
      rmSync(previousFile, { force: true });
      previousFile = null;
    }
    throw e instanceof DatabaseFileError
      ? e
      : new DatabaseFileError('io', to, `Restoring ${to} failed (${(e as Error).message}); the previous database was kept.`, { cause: e });
  } finally {
    try {
      old?.close();
    } catch {
      // the old file is kept as it is
    }
  }
  fsyncPath(dirname(to), true);
  testPause('after-rename');
  return {
    file: to,
    previousFile,
    schemaVersion,
    bytes: statSync(to).size,
    digestChecked,
    chunksChecked: sums.checked,
    chunksUnchecked: sums.unchecked,
  };
}

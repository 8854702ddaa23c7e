/**
 * `encryptDatabase` / `decryptDatabase`: convert an existing Cadans database between plaintext and
 * encrypted (see databaseKey.ts) through a verified copy, never in place:
 *
 * 1. refused while a recording holds its lock, or while another connection has the file open;
 * 2. the database is taken with an exclusive lock, its WAL folded into the file, and copied with
 *    `VACUUM INTO` to `<file>.encrypting-<pid>-<ms>` (mode 0600) beside it; the copy is then
 *    re-keyed (`PRAGMA rekey`): encrypted with a key derived from the passphrase and a fresh
 *    salt, or decrypted;
 * 3. the copy is opened anew with its new key and must prove itself: SQLite's integrity_check,
 *    the Cadans identity and version, and the row count of every table equal to the original's;
 * 4. the original is kept as `<file>.before-encrypt-<stamp>` (a hard link) while the copy is
 *    renamed over `<file>` (atomic), and removed once the new file is in place.
 *
 * On any failure the copy is removed and the database is left as it was.
 */
import { chmodSync, existsSync, linkSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import type Database from 'better-sqlite3-multiple-ciphers';

import { DatabaseFileError, isSqliteError } from './databaseFileError.js';
import { connect, fileKey, looksEncrypted, newFileKey, rawKeyOf, type KeyOption } from './databaseKey.js';
import { COMPANION_SUFFIXES, createPrivateFile, fsyncPath, PRIVATE_FILE_MODE, removeDatabaseFiles, removeStaleTemporaryCopies } from './fileOps.js';
import { probeRecordingLock, recordingLockIds } from './recordingLock.js';
import { inspectSqliteHeader } from './sqliteHeader.js';
import { databaseFailure, verifyCadansDatabase } from './verifyDatabase.js';

export interface ConvertResult {
  file: string;
  encrypted: boolean;
  /** Tables and rows copied (and compared). */
  tables: number;
  rows: number;
  bytes: number;
}

const NOTHING = 'Nothing was changed.';

/** Row count of every table of `db` (name → rows). */
function rowCounts(db: Database.Database): Map<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const counts = new Map<string, number>();
  for (const t of tables) counts.set(t, db.prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get() as number);
  return counts;
}

/** Refuse while a recording of this database is alive (its lock held, or a recorder starting). */
function refuseWhileRecording(file: string): void {
  for (const id of recordingLockIds(file)) {
    const state = probeRecordingLock(file, id);
    if (state === 'held' || state === 'starting') {
      throw new DatabaseFileError('in-use', file, `${file} is recording (session ${id}); stop the recording first. ${NOTHING}`);
    }
  }
}

/** Open and lock the original: exclusive, WAL folded into the file (so it is one complete file). */
function takeOriginal(file: string, key: KeyOption): Database.Database {
  const db = connect(file, { fileMustExist: true, timeout: 0 }, key);
  try {
    verifyCadansDatabase(db, file, 'quick');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
    db.pragma('journal_mode = DELETE');
    return db;
  } catch (e) {
    db.close();
    if (isSqliteError(e, 'SQLITE_BUSY', 'SQLITE_LOCKED')) {
      throw new DatabaseFileError('in-use', file, `${file} is open in Cadans or another program; close it first. ${NOTHING}`, { cause: e });
    }
    throw databaseFailure(e, file);
  }
}

function convert(fileIn: string, encrypt: boolean, passphrase: string | null): ConvertResult {
  const file = resolve(fileIn);
  if (!existsSync(file)) throw new DatabaseFileError('not-found', file, `The database file ${file} does not exist.`);
  if (encrypt && passphrase === null) throw new Error('a passphrase is needed to encrypt');
  const isEncrypted = looksEncrypted(file);
  if (!isEncrypted) inspectSqliteHeader(file); // a foreign or cut-off file is refused as it is
  if (isEncrypted === encrypt) {
    throw new DatabaseFileError('exists', file, `${file} is already ${encrypt ? 'encrypted' : 'not encrypted'}. ${NOTHING}`);
  }
  refuseWhileRecording(file);
  removeStaleTemporaryCopies(dirname(file));
  const original = takeOriginal(file, encrypt ? null : passphrase === null ? undefined : fileKey(file, passphrase));
  const tmp = `${file}.encrypting-${process.pid}-${Date.now()}`;
  let previous: string | null = null;
  const moved: string[] = [];
  try {
    const before = rowCounts(original);
    const version = original.pragma('user_version', { simple: true }) as number;
    createPrivateFile(tmp);
    original.prepare('VACUUM INTO ?').run(tmp);
    const newKey = encrypt ? newFileKey(passphrase!) : null;
    // VACUUM INTO writes the copy with the original's key and salt.
    let copy = connect(tmp, { fileMustExist: true }, encrypt ? null : rawKeyOf(original));
    try {
      // SQLCipher 4 format (the library's default cipher is another one).
      if (newKey !== null) copy.pragma(`cipher = 'sqlcipher'`);
      copy.pragma(`rekey = ${newKey === null ? "''" : `"x'${newKey}'"`}`);
    } finally {
      copy.close();
    }
    chmodSync(tmp, PRIVATE_FILE_MODE);
    if (looksEncrypted(tmp) !== encrypt) throw new DatabaseFileError('io', file, `The converted copy of ${file} is not ${encrypt ? 'encrypted' : 'plaintext'}.`);
    // The copy proves itself with its new key.
    copy = connect(tmp, { fileMustExist: true, readonly: true }, newKey === null ? null : newKey.slice(0, 64));
    try {
      const found = verifyCadansDatabase(copy, file, 'full');
      const after = rowCounts(copy);
      const differs = [...before].filter(([t, n]) => after.get(t) !== n).map(([t]) => t);
      if (found.version !== version || after.size !== before.size || differs.length > 0) {
        throw new DatabaseFileError('io', file, `The converted copy of ${file} differs from it (${differs.join(', ') || 'schema'}).`);
      }
    } finally {
      copy.close();
    }
    fsyncPath(tmp);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    previous = `${file}.before-encrypt-${stamp}`;
    linkSync(file, previous);
    // The locked original's (empty) journal goes with it: it must never meet the new file.
    for (const s of COMPANION_SUFFIXES) {
      if (!existsSync(file + s)) continue;
      renameSync(file + s, previous + s);
      moved.push(s);
    }
    renameSync(tmp, file);
    fsyncPath(dirname(file), true);
    const rows = [...before.values()].reduce((a, b) => a + b, 0);
    return { file, encrypted: encrypt, tables: before.size, rows, bytes: statSync(file).size };
  } catch (e) {
    removeDatabaseFiles(tmp);
    if (previous && existsSync(previous) && statSync(previous).ino === statSync(file).ino) {
      // The swap did not happen: the original stays in place, with its companions.
      for (const s of moved) renameSync(previous + s, file + s);
      rmSync(previous, { force: true });
      previous = null;
    }
    const err = databaseFailure(e, file);
    if (err instanceof DatabaseFileError && !err.message.includes(NOTHING)) err.message += ` ${NOTHING}`;
    throw err;
  } finally {
    try {
      original.close();
    } catch {
      // the original is kept as it is
    }
    // The original is removed only once the converted file is in place.
    if (previous && existsSync(previous) && statSync(previous).ino !== statSync(file).ino) removeDatabaseFiles(previous);
  }
}

/** Encrypt the plaintext database `file` with `passphrase` (see the file comment). */
export function encryptDatabase(file: string, passphrase: string): ConvertResult {
  return convert(file, true, passphrase);
}

/** Decrypt the encrypted database `file`, opened with `passphrase` (null: the process passphrase). */
export function decryptDatabase(file: string, passphrase: string | null = null): ConvertResult {
  return convert(file, false, passphrase);
}

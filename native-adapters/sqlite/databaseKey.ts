/**
 * Encryption at rest of Cadans databases (SQLCipher 4 format, through
 * better-sqlite3-multiple-ciphers). The therapist's passphrase never reaches SQLite: a 256-bit
 * raw key is derived from it with scrypt (memory-hard: N = 2^16, r = 8, p = 1, 64 MiB), salted
 * with the 16 random bytes SQLCipher keeps at the start of the file, and given to SQLite as
 * `PRAGMA key = "x'<key><salt>'"` (a new file) or `"x'<key>'"` (an existing one: SQLCipher
 * reads the salt from the file). An encrypted file has no `SQLite format 3` header and no
 * readable byte; a wrong key is told by SQLCipher's page HMAC before anything is written.
 *
 * Where the passphrase comes from: `setDatabasePassphrase` (the desktop app's unlock prompt),
 * else the environment variable `CADANS_PASSPHRASE` (CLI, web host, scripts). Other connections
 * to an open database (worker threads, backups, conversions) take the derived key of that
 * database (`rawKeyOf`), never the passphrase.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { randomBytes, scryptSync } from 'node:crypto';

import Database from 'better-sqlite3-multiple-ciphers';

import { DatabaseFileError } from './databaseFileError.js';

/** The environment variable holding the passphrase of encrypted databases. */
export const PASSPHRASE_ENV = 'CADANS_PASSPHRASE';

/** scrypt cost: 2^16 × 128 × r bytes = 64 MiB, ~0.1–0.3 s per derivation (once per file and process). */
const SCRYPT = { N: 2 ** 16, r: 8, p: 1, maxmem: 192 * 1024 * 1024 } as const;
const SALT_BYTES = 16;
const MAGIC = 'SQLite format 3\0';

/**
 * How a connection gets its key: `undefined` = from the passphrase (when the file is encrypted),
 * `null` = none (a plaintext file), a hex string = the raw key of another connection (`rawKeyOf`).
 */
export type KeyOption = string | null | undefined;

let explicitPassphrase: string | null = null;
const derived = new Map<string, string>();
const keys = new WeakMap<Database.Database, string>();

/** Set (or with null, clear) the passphrase of this process; it takes precedence over `CADANS_PASSPHRASE`. */
export function setDatabasePassphrase(passphrase: string | null): void {
  explicitPassphrase = passphrase === '' ? null : passphrase;
  derived.clear();
}

/** The passphrase in force: the one set by `setDatabasePassphrase`, else `CADANS_PASSPHRASE` (empty = none). */
export function databasePassphrase(): string | null {
  if (explicitPassphrase !== null) return explicitPassphrase;
  const env = process.env[PASSPHRASE_ENV];
  return env ? env : null;
}

/** The first `n` bytes of `file` (fewer when it is shorter); null when it does not exist. */
function readHead(file: string, n: number): Buffer | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const b = Buffer.alloc(n);
    return b.subarray(0, readSync(fd, b, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether `file` looks like an encrypted database: not an SQLite header (nor a cut-off one), and
 * a whole number of 512-byte pages. (Without the key an encrypted file cannot be told from
 * random bytes; this decides which message the user gets.)
 */
export function looksEncrypted(file: string): boolean {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return false;
    size = st.size;
  } catch {
    return false;
  }
  if (size < 512 || size % 512 !== 0) return false;
  const head = readHead(file, 16);
  return head !== null && head.length === 16 && head.toString('latin1') !== MAGIC;
}

/** The 256-bit key (hex) of `passphrase` with `salt` (cached: one scrypt per file and process). */
export function deriveKeyHex(passphrase: string, salt: Buffer): string {
  const id = `${salt.toString('hex')}:${passphrase}`;
  let hex = derived.get(id);
  if (!hex) {
    hex = scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT).toString('hex');
    derived.set(id, hex);
  }
  return hex;
}

/** The raw key for a new encrypted file: a derived key plus the random salt SQLCipher is to use. */
export function newFileKey(passphrase: string): string {
  const salt = randomBytes(SALT_BYTES);
  return deriveKeyHex(passphrase, salt) + salt.toString('hex');
}

/** The raw key of the existing encrypted `file` from `passphrase` (salt from the file's first bytes). */
export function fileKey(file: string, passphrase: string): string {
  const salt = readHead(file, SALT_BYTES);
  if (!salt || salt.length < SALT_BYTES) throw new DatabaseFileError('io', file, `Cannot read ${file}.`);
  return deriveKeyHex(passphrase, salt);
}

/** Give `db` its key (SQLCipher 4 format) and remember it for the other connections to the file. */
export function applyKey(db: Database.Database, rawKey: string): void {
  if (!/^[0-9a-f]{64}([0-9a-f]{32})?$/.test(rawKey)) throw new Error('invalid raw database key');
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma(`key = "x'${rawKey}'"`);
  keys.set(db, rawKey.slice(0, 64));
}

/** The raw key of an open encrypted database (for another connection to the same file), or null. */
export function rawKeyOf(db: Database.Database): string | null {
  return keys.get(db) ?? null;
}

const unchanged = 'Cadans did not change it.';

/**
 * The refusal of a file that looks encrypted when no passphrase is set ('not-sqlite': without the
 * key an encrypted database cannot be told from random bytes).
 */
export function needsPassphraseError(file: string): DatabaseFileError {
  return new DatabaseFileError(
    'not-sqlite',
    file,
    `${file} is encrypted or not a Cadans database (not an SQLite database file): set ${PASSPHRASE_ENV} to its passphrase to open it. ${unchanged}`,
  );
}

/** The refusal of an encrypted `file` whose key does not open it. */
export function wrongPassphraseError(file: string, cause?: unknown): DatabaseFileError {
  return new DatabaseFileError(
    'wrong-passphrase',
    file,
    `The passphrase (${PASSPHRASE_ENV}) does not open ${file}: it is wrong, or the file is not a Cadans database. ${unchanged}`,
    { cause },
  );
}

/**
 * Prove the key of a just-keyed connection by reading the schema: a wrong key (or a file that is
 * not a database) fails on the first page's HMAC, before anything is written. Closes `db` and
 * throws `wrong-passphrase` when it fails.
 */
export function proveKey(db: Database.Database, file: string): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (e) {
    db.close();
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw wrongPassphraseError(file, e);
    throw e;
  }
}

/**
 * Open a connection to the existing `file` with its key: a plaintext file as it is (`key` must not
 * be a string then), an encrypted one with `key` or, when `key` is undefined, the passphrase.
 * Throws `needs-passphrase` / `wrong-passphrase` without changing the file.
 */
export function connect(file: string, options: Database.Options, key: KeyOption = undefined): Database.Database {
  if (!looksEncrypted(file)) return new Database(file, options);
  let raw = key;
  if (raw === undefined) {
    const pass = databasePassphrase();
    if (pass === null) throw needsPassphraseError(file);
    raw = fileKey(file, pass);
  }
  if (raw === null) throw needsPassphraseError(file);
  const db = new Database(file, options);
  try {
    applyKey(db, raw);
  } catch (e) {
    db.close();
    throw e;
  }
  proveKey(db, file);
  return db;
}

/** Whether `passphrase` opens the encrypted `file` (reads its schema only; never writes). */
export function passphraseOpens(file: string, passphrase: string): boolean {
  try {
    connect(file, { fileMustExist: true, readonly: true }, fileKey(file, passphrase)).close();
    return true;
  } catch (e) {
    if (e instanceof DatabaseFileError && e.problem === 'wrong-passphrase') return false;
    throw e;
  }
}

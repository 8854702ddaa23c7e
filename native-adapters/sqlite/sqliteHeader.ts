/**
 * Reads and checks the 100-byte SQLite database header (https://sqlite.org/fileformat.html)
 * without opening the file with SQLite, so a random or cut-off file is refused before
 * any SQLite code touches it.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

import { DatabaseFileError } from './databaseFileError.js';

const MAGIC = 'SQLite format 3\0';

export interface SqliteHeaderInfo {
  sizeBytes: number;
  /** Empty (0-byte) file: SQLite treats it as a new, empty database. */
  empty: boolean;
  pageSize: number;
  /** Page count from the header when valid (else from the file size). */
  pageCount: number;
  /** Header bytes 18/19 = 2: the database is in WAL mode. */
  walMode: boolean;
  /** A non-empty `-wal` file sits next to the database (it may hold committed data). */
  hasWal: boolean;
}

/**
 * Check the header of an existing file: SQLite magic, a legal page size, and — when no
 * WAL file holds further pages — a file size that is a whole number of pages and not
 * shorter than the page count in the header. Throws `DatabaseFileError` ('not-sqlite',
 * 'truncated', 'not-found', 'io'); never writes.
 */
export function inspectSqliteHeader(file: string): SqliteHeaderInfo {
  let sizeBytes: number;
  let header = Buffer.alloc(0);
  let fd: number | null = null;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new DatabaseFileError('not-sqlite', file, `${file} is not a file.`);
    sizeBytes = st.size;
    fd = openSync(file, 'r');
    header = Buffer.alloc(Math.min(100, sizeBytes));
    readSync(fd, header, 0, header.length, 0);
  } catch (e) {
    if (e instanceof DatabaseFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DatabaseFileError('not-found', file, `The database file ${file} does not exist.`);
    throw new DatabaseFileError('io', file, `Cannot read ${file}: ${(e as Error).message}`, { cause: e });
  } finally {
    if (fd !== null) closeSync(fd);
  }
  let walBytes = 0;
  try {
    walBytes = statSync(file + '-wal').size;
  } catch {
    walBytes = 0;
  }
  const hasWal = walBytes > 0;
  if (sizeBytes === 0) return { sizeBytes, empty: true, pageSize: 0, pageCount: 0, walMode: false, hasWal };

  const unchanged = 'Cadans did not change it.';
  if (header.length < 16 || header.toString('latin1', 0, 16) !== MAGIC) {
    if (MAGIC.startsWith(header.toString('latin1'))) {
      throw new DatabaseFileError('truncated', file, `${file} is cut off: only ${sizeBytes} bytes remain of an SQLite database. ${unchanged}`);
    }
    throw new DatabaseFileError('not-sqlite', file, `${file} is not a Cadans database (it is not an SQLite database file at all). ${unchanged}`);
  }
  if (header.length < 100) {
    throw new DatabaseFileError('truncated', file, `${file} is cut off: ${sizeBytes} bytes is shorter than an SQLite header. ${unchanged}`);
  }
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    throw new DatabaseFileError('corrupt', file, `${file} is damaged: its header gives an impossible page size (${raw}). ${unchanged}`);
  }
  const walMode = header[18] === 2 && header[19] === 2;
  const changeCounter = header.readUInt32BE(24);
  const headerPages = header.readUInt32BE(28);
  const headerSizeValid = headerPages > 0 && header.readUInt32BE(92) === changeCounter;
  const filePages = Math.floor(sizeBytes / pageSize);
  if (!hasWal) {
    if (sizeBytes % pageSize !== 0) {
      throw new DatabaseFileError(
        'truncated',
        file,
        `${file} is cut off or damaged: its size (${sizeBytes} bytes) is not a whole number of ${pageSize}-byte pages. ${unchanged}`,
      );
    }
    if (headerSizeValid && filePages < headerPages) {
      throw new DatabaseFileError(
        'truncated',
        file,
        `${file} is cut off: it holds ${filePages} of the ${headerPages} pages its header lists (${sizeBytes} of ${headerPages * pageSize} bytes). ${unchanged}`,
      );
    }
  }
  return { sizeBytes, empty: false, pageSize, pageCount: headerSizeValid ? headerPages : filePages, walMode, hasWal };
}

/** Small file helpers for backup and restore: fsync a file or folder, remove a database with its companions. */
import { closeSync, existsSync, fsyncSync, openSync, rmSync } from 'node:fs';

/** SQLite's companion files of a database. */
export const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

/** fsync a file (or, best effort, a folder: not possible on Windows). */
export function fsyncPath(path: string, isDir = false): void {
  let fd: number | null = null;
  try {
    fd = openSync(path, isDir ? 'r' : 'r+');
    fsyncSync(fd);
  } catch (e) {
    if (!isDir) throw e;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Remove a (temporary) database file and its companions; ignores missing files. */
export function removeDatabaseFiles(file: string): void {
  for (const p of [file, ...COMPANION_SUFFIXES.map((s) => file + s)]) {
    if (existsSync(p)) rmSync(p, { force: true });
  }
}

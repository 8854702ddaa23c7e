import { existsSync, readdirSync, statSync } from 'node:fs';

/**
 * The files in `dir` a command may have written, sorted: without the `-shm` index and `-wal` log
 * SQLite leaves beside a WAL database that was only read (read-only connections cannot remove
 * them). Pair with {@link walIsEmpty} to check that nothing was written through them.
 */
export function filesWritten(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => !/-(wal|shm)$/.test(f))
    .sort();
}

/** Whether the database `file` has no pending writes in its WAL log (or no log at all). */
export function walIsEmpty(file: string): boolean {
  return !existsSync(file + '-wal') || statSync(file + '-wal').size === 0;
}

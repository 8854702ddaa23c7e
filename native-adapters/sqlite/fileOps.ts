/**
 * Small file helpers for backup and restore: fsync a file or folder, create a file only the user
 * can read, put a finished file in place without ever overwriting one, remove a database with its
 * companions, clean up temporary copies a killed backup or restore left behind, and the test hook
 * that pauses a restore between its steps.
 */
import {
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { DatabaseFileError } from './databaseFileError.js';

/** SQLite's companion files of a database. */
export const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

/** Mode of every file Cadans writes with client data: read and write for the user only. */
export const PRIVATE_FILE_MODE = 0o600;
/** Mode of the folders Cadans makes for its data: the user only. */
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Create `dir` and its missing parents with mode 0700 whatever the umask (an existing folder is
 * left as it is). Returns the folders created, deepest last.
 */
export function makePrivateDir(dir: string): string[] {
  const target = resolve(dir);
  const first = mkdirSync(target, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (first === undefined) return [];
  const created: string[] = [];
  for (let d = target; ; d = dirname(d)) {
    created.unshift(d);
    if (d === resolve(first) || dirname(d) === d) break;
  }
  for (const d of created) chmodSync(d, PRIVATE_DIR_MODE);
  return created;
}

/** Set `path` to `mode` when it is not already; quietly skipped where that is not allowed (not the owner, read-only medium, Windows). */
export function tightenMode(path: string, mode: number): void {
  try {
    if ((statSync(path).mode & 0o777) !== mode) chmodSync(path, mode);
  } catch {
    // not ours to change
  }
}

/** Make a database and its existing companion files private (0600); see `tightenMode`. */
export function makeDatabasePrivate(file: string): void {
  for (const p of [file, ...COMPANION_SUFFIXES.map((s) => file + s)]) if (existsSync(p)) tightenMode(p, PRIVATE_FILE_MODE);
}

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

/** Create `file` empty with mode 0600 whatever the umask; throws EEXIST when it exists. */
export function createPrivateFile(file: string): void {
  const fd = openSync(file, 'wx', PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
}

/**
 * Put the finished file `tmp` in place as `out` without ever replacing a file: a hard link fails
 * when `out` exists (even one created a moment ago); where the file system has no hard links
 * (FAT/exFAT sticks, some network shares) the content is copied into a newly created `out`
 * (O_EXCL). `tmp` is removed. Throws `DatabaseFileError` 'exists' when `out` exists.
 */
export function placeExclusively(tmp: string, out: string): void {
  try {
    linkSync(tmp, out);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw existsError(out, e);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV') throw e;
    try {
      copyFileSync(tmp, out, constants.COPYFILE_EXCL);
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') throw existsError(out, e2);
      rmSync(out, { force: true });
      throw e2;
    }
    fsyncPath(out);
  }
  unlinkSync(tmp);
}

function existsError(out: string, cause: unknown): DatabaseFileError {
  return new DatabaseFileError('exists', out, `${out} already exists; Cadans does not overwrite it. Choose another file name.`, { cause });
}

/** Remove a (temporary) database file and its companions; ignores missing files. */
export function removeDatabaseFiles(file: string): void {
  for (const p of [file, ...COMPANION_SUFFIXES.map((s) => file + s)]) {
    if (existsSync(p)) rmSync(p, { force: true });
  }
}

/** Whether process `pid` is running (on this machine). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Names of the temporary copies of backup (`.partial-<pid>-<ms>`), restore (`.restoring-<pid>-<ms>`) and encrypt/decrypt (`.encrypting-<pid>-<ms>`), with companions. */
const TEMP_COPY = /\.(partial|restoring|encrypting)-(\d+)-(\d+)(-wal|-shm|-journal)?$/;

/**
 * Remove the temporary copies of backups and restores in `dir` whose process is gone (a kill or
 * power cut in the middle; up to the size of the database each). Returns the names removed.
 * Copies of a running process are left alone.
 */
export function removeStaleTemporaryCopies(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_COPY.exec(name);
    if (!m || processAlive(Number(m[2]))) continue;
    const p = join(dir, name);
    try {
      if (!statSync(p).isFile()) continue;
      rmSync(p, { force: true });
      removed.push(name);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed.sort();
}

/** The environment variable of the restore test hook (see `testPause`). */
export const PAUSE_RESTORE_ENV = 'CADANS_TEST_PAUSE_RESTORE';

/**
 * Test hook: when `$CADANS_TEST_PAUSE_RESTORE` names `step`, say so on stderr and block for
 * `$CADANS_TEST_PAUSE_MS` (default 60 s), so a test can kill the process exactly there. Does
 * nothing otherwise.
 */
export function testPause(step: string): void {
  const wanted = process.env[PAUSE_RESTORE_ENV];
  if (!wanted || !wanted.split(',').map((s) => s.trim()).includes(step)) return;
  writeSync(2, `cadans: test pause at ${step} (${PAUSE_RESTORE_ENV}), pid ${process.pid}\n`);
  const ms = Number(process.env.CADANS_TEST_PAUSE_MS ?? 60_000);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number.isFinite(ms) && ms > 0 ? ms : 60_000);
}

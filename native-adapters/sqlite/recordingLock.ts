/**
 * The recording lock of a live session: an OS file lock, held by the recording process for as
 * long as it records, on a small file next to the database
 * (`<db>.recording-<sessionId>.lock`). The operating system drops the lock the moment that
 * process ends, however it ends (Ctrl+C, crash, SIGKILL, power cut), so any process can tell
 * "still recording" from "died while recording" without clocks, heartbeats or process ids:
 *
 * - 'held': the recording process is alive (even when it cannot write: disk full, stalled);
 * - 'free': it is gone; the session can be recovered (`claimRecordingLock` takes the lock first,
 *   so two processes never recover the same session);
 * - 'starting': the file exists but holds nothing yet (a recorder between creating and locking
 *   it), taken as alive for `STARTING_GRACE_MS`;
 * - 'none': no lock file (sessions of older versions; the caller falls back to last-write age).
 *
 * The lock is SQLite's own file lock (POSIX advisory locks, LockFileEx on Windows) on a tiny
 * SQLite file kept in EXCLUSIVE locking mode with an in-memory journal: no extra dependency, the
 * same semantics on every platform, and it also works between connections of one process.
 * The file holds one row (pid, host, session, time) for people looking at the folder.
 */
import { closeSync, existsSync, fchmodSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname } from 'node:path';

import Database from 'better-sqlite3-multiple-ciphers';

import { CadansError } from '../../shared/i18n/CadansError.js';
import { isSqliteError } from './databaseFileError.js';

/** An empty lock file younger than this is a recorder that is just starting. */
export const STARTING_GRACE_MS = 10_000;

export type RecordingLockState = 'held' | 'free' | 'starting' | 'none';

/** The lock file of session `sessionId` of the database `dbFile`. */
export function recordingLockFile(dbFile: string, sessionId: number): string {
  return `${dbFile}.recording-${sessionId}.lock`;
}

/** Session ids that have a lock file next to `dbFile` (live or left behind). */
export function recordingLockIds(dbFile: string): number[] {
  const prefix = `${basename(dbFile)}.recording-`;
  let names: string[];
  try {
    names = readdirSync(dirname(dbFile));
  } catch {
    return [];
  }
  const ids: number[] = [];
  for (const n of names) {
    if (!n.startsWith(prefix) || !n.endsWith('.lock')) continue;
    const id = Number(n.slice(prefix.length, -'.lock'.length));
    if (Number.isSafeInteger(id) && id > 0) ids.push(id);
  }
  return ids.sort((a, b) => a - b);
}

const isBusy = (e: unknown): boolean => isSqliteError(e, 'SQLITE_BUSY', 'SQLITE_LOCKED');

/** A held recording lock. */
export class RecordingLock {
  private constructor(
    readonly file: string,
    private db: Database.Database | null,
  ) {}

  /**
   * Take the lock of session `sessionId` (creating its file, mode 0600). Throws when another
   * process (or connection) holds it, or when the file cannot be created (e.g. disk full).
   */
  static acquire(dbFile: string, sessionId: number): RecordingLock {
    const file = recordingLockFile(dbFile, sessionId);
    for (let attempt = 0; ; attempt++) {
      const fd = openSync(file, 'a', 0o600);
      try {
        fchmodSync(fd, 0o600);
      } finally {
        closeSync(fd);
      }
      let db: Database.Database | null = null;
      try {
        db = new Database(file, { timeout: 0 });
        db.pragma('locking_mode = EXCLUSIVE');
        db.pragma('journal_mode = MEMORY');
        // The first write takes the EXCLUSIVE lock; EXCLUSIVE locking mode keeps it until close.
        db.exec('CREATE TABLE IF NOT EXISTS lease (pid INTEGER, host TEXT, session_id INTEGER, since TEXT)');
        db.prepare('DELETE FROM lease').run();
        db.prepare('INSERT INTO lease VALUES (?, ?, ?, ?)').run(process.pid, hostname(), sessionId, new Date().toISOString());
        return new RecordingLock(file, db);
      } catch (e) {
        db?.close();
        if (isBusy(e)) throw new CadansError('storage.recordingLocked', { sessionId, file }, { cause: e });
        // A damaged lock file of a dead recorder: start it afresh, once.
        if (attempt > 0) throw e;
        rmSync(file, { force: true });
      }
    }
  }

  /** Take over the lock of a recorder that is gone, to recover its session; null when it is not free. */
  static claim(dbFile: string, sessionId: number): RecordingLock | null {
    const file = recordingLockFile(dbFile, sessionId);
    if (!existsSync(file)) return null;
    let db: Database.Database | null = null;
    try {
      db = new Database(file, { timeout: 0, fileMustExist: true });
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = MEMORY');
      db.exec('BEGIN EXCLUSIVE');
      return new RecordingLock(file, db);
    } catch (e) {
      db?.close();
      if (isBusy(e)) return null;
      // Damaged or empty leftovers: nobody can hold a lock through them.
      return new RecordingLock(file, null);
    }
  }

  get held(): boolean {
    return this.db !== null && this.db.open;
  }

  /** Let go of the lock; with `remove` (default) also delete the file first, while still holding it. */
  release(remove = true): void {
    if (remove) rmSync(this.file, { force: true });
    try {
      this.db?.close();
    } catch {
      // already closed
    }
    this.db = null;
  }
}

/** Whether the recorder of session `sessionId` is alive (see the file comment). Never writes. */
export function probeRecordingLock(dbFile: string, sessionId: number, now = Date.now()): RecordingLockState {
  const file = recordingLockFile(dbFile, sessionId);
  let size: number;
  let mtimeMs: number;
  try {
    const st = statSync(file);
    size = st.size;
    mtimeMs = st.mtimeMs;
  } catch {
    return 'none';
  }
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 0 });
    const rows = db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'lease'").pluck().get() as number;
    if (rows === 0 && size === 0 && now - mtimeMs < STARTING_GRACE_MS) return 'starting';
    return 'free';
  } catch (e) {
    if (isBusy(e)) return 'held';
    return size === 0 && now - mtimeMs < STARTING_GRACE_MS ? 'starting' : 'free';
  } finally {
    db?.close();
  }
}


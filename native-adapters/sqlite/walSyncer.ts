/**
 * Power-loss durability without blocking the main thread: after a commit in WAL mode with
 * `synchronous = NORMAL`, the new WAL frames are in the OS page cache (safe against a
 * crash of the app) but not yet on disk. `WalSyncer.request()` schedules an fsync of the
 * `-wal` file on libuv's thread pool; requests arriving while one runs are coalesced
 * into one follow-up fsync. fsync only makes already-committed frames durable earlier,
 * so SQLite's own consistency guarantees are unchanged (checkpoints still sync as usual).
 */
import { closeSync, fsync, openSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import type Database from 'better-sqlite3-multiple-ciphers';

export class WalSyncer {
  readonly walFile: string;
  /** Completed fsyncs. */
  syncs = 0;
  failures = 0;
  lastError: Error | null = null;
  /** Duration of the last fsync (thread-pool time, not main-thread time), ms. */
  lastSyncMs = 0;
  maxSyncMs = 0;
  private fd: number | null = null;
  private inFlight = false;
  private pending = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(dbFile: string) {
    this.walFile = dbFile + '-wal';
  }

  /** Schedule an fsync of the WAL file (returns at once; never throws). */
  request(): void {
    if (this.closed) return;
    if (this.inFlight) {
      this.pending = true;
      return;
    }
    this.start();
  }

  /** Resolves when no fsync is running or pending. */
  whenIdle(): Promise<void> {
    if (!this.inFlight) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stop syncing and release the file (after a running fsync finishes). Call before closing the database. */
  close(): void {
    this.closed = true;
    this.pending = false;
    if (!this.inFlight) this.dropFd();
  }

  private start(): void {
    if (this.fd === null) {
      try {
        this.fd = openSync(this.walFile, 'r+');
      } catch (e) {
        this.fail(e);
        return;
      }
    }
    this.inFlight = true;
    const t0 = performance.now();
    fsync(this.fd, (err) => {
      this.inFlight = false;
      this.lastSyncMs = performance.now() - t0;
      this.maxSyncMs = Math.max(this.maxSyncMs, this.lastSyncMs);
      if (err) {
        this.fail(err);
        this.dropFd();
      } else this.syncs++;
      if (this.closed) this.dropFd();
      else if (this.pending) {
        this.pending = false;
        this.start();
      }
      if (!this.inFlight) this.idleWaiters.splice(0).forEach((r) => r());
    });
  }

  private fail(e: unknown): void {
    this.failures++;
    this.lastError = e instanceof Error ? e : new Error(String(e));
  }

  private dropFd(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    this.fd = null;
  }
}

const syncers = new WeakMap<Database.Database, WalSyncer | null>();

/**
 * The shared `WalSyncer` of a database, or null when none is needed: in-memory or
 * read-only databases, non-WAL journal modes, or `synchronous` FULL/EXTRA (SQLite
 * then syncs inside each commit).
 */
export function walSyncerFor(db: Database.Database): WalSyncer | null {
  if (syncers.has(db)) return syncers.get(db) ?? null;
  let syncer: WalSyncer | null = null;
  if (db.open && !db.memory && !db.readonly) {
    const mode = db.pragma('journal_mode', { simple: true });
    const sync = db.pragma('synchronous', { simple: true }) as number;
    if (mode === 'wal' && sync < 2) syncer = new WalSyncer(db.name);
  }
  syncers.set(db, syncer);
  return syncer;
}

/** Close the database's `WalSyncer`, if any (done by `closeDatabase`). */
export function closeWalSyncer(db: Database.Database): void {
  syncers.get(db)?.close();
  syncers.delete(db);
}

/**
 * WAL checkpoints off the main thread. By default SQLite checkpoints inside the commit that
 * pushes the WAL past 1000 pages: during a live recording that is a 5–40 ms stall (page
 * copies plus two fsyncs) on the main thread every ~100 s. While a `WalCheckpointer` runs,
 * a worker thread with its own connection runs `PRAGMA wal_checkpoint(PASSIVE)` every
 * `intervalMs` (PASSIVE never blocks the writer), and the main connection only checkpoints
 * itself as a safety net when the WAL passes 10,000 pages (~40 MB). If the worker fails,
 * the default auto-checkpoint is restored.
 *
 * Measured (test/bench/storage.ts): checkpoints every few flushes overlap the off-thread
 * WAL fsync and the next commit and raise flush p99 to several ms on a 2-core machine;
 * once a minute (~60 flushes, WAL ~2.5 MB) keeps flush p99 under 1 ms.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

import type Database from 'better-sqlite3-multiple-ciphers';

import { rawKeyOf } from './databaseKey.js';

/** The worker, as a CommonJS script (eval'd, so it works from source, build output and packaged app alike). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.file, { fileMustExist: true, timeout: 2000 });
if (workerData.key) {
  db.pragma("cipher = 'sqlcipher'");
  const q = "'";
  db.pragma('key = "x' + q + workerData.key + q + '"');
}
function checkpoint() {
  const t0 = performance.now();
  try {
    const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
    parentPort.postMessage({ type: 'done', ms: performance.now() - t0, busy: r.busy, log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ type: 'error', message: String((e && e.message) || e) });
  }
}
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'checkpoint') checkpoint();
  if (m === 'close') {
    clearInterval(timer);
    db.close();
    const closed = new Int32Array(workerData.closed);
    Atomics.store(closed, 0, 1);
    Atomics.notify(closed, 0);
    parentPort.close();
  }
});
`;

export interface CheckpointStats {
  checkpoints: number;
  failures: number;
  lastError: string | null;
  /** Worker time of the last checkpoint, ms. */
  lastMs: number;
  maxMs: number;
  /** WAL frames in the log / copied into the database at the last checkpoint. */
  lastLogFrames: number;
  lastCheckpointedFrames: number;
}

/** Default pause between background checkpoints. */
export const CHECKPOINT_INTERVAL_MS = 60_000;
/** SQLite's default auto-checkpoint threshold, restored when the checkpointer stops. */
const AUTO_CHECKPOINT_PAGES = 1000;
/** Auto-checkpoint threshold of the main connection while the worker runs (safety net). */
const SAFETY_CHECKPOINT_PAGES = 10_000;

export class WalCheckpointer {
  readonly stats: CheckpointStats = {
    checkpoints: 0,
    failures: 0,
    lastError: null,
    lastMs: 0,
    maxMs: 0,
    lastLogFrames: 0,
    lastCheckpointedFrames: 0,
  };
  private worker: Worker | null;
  private waiters: (() => void)[] = [];
  private readonly closed = new Int32Array(new SharedArrayBuffer(4));

  constructor(
    private readonly db: Database.Database,
    intervalMs = CHECKPOINT_INTERVAL_MS,
  ) {
    const modulePath = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // An encrypted database: the worker's connection gets the same raw key.
      workerData: { file: db.name, modulePath, intervalMs, closed: this.closed.buffer, key: rawKeyOf(db) },
    });
    this.worker.unref();
    db.pragma(`wal_autocheckpoint = ${SAFETY_CHECKPOINT_PAGES}`);
    this.worker.on('message', (m: { type: string; ms?: number; log?: number; checkpointed?: number; message?: string }) => {
      if (m.type === 'done') {
        this.stats.checkpoints++;
        this.stats.lastMs = m.ms ?? 0;
        this.stats.maxMs = Math.max(this.stats.maxMs, this.stats.lastMs);
        this.stats.lastLogFrames = m.log ?? 0;
        this.stats.lastCheckpointedFrames = m.checkpointed ?? 0;
      } else {
        this.stats.failures++;
        this.stats.lastError = m.message ?? 'unknown error';
      }
      this.waiters.splice(0).forEach((w) => w());
    });
    this.worker.on('error', (e) => {
      this.stats.failures++;
      this.stats.lastError = e.message;
      this.fallBack();
    });
    this.worker.on('exit', () => this.fallBack());
  }

  /** Whether the worker is running. */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Ask for a checkpoint now; resolves when the worker has answered (at once if stopped). */
  checkpointNow(): Promise<void> {
    if (!this.worker) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.worker.postMessage('checkpoint');
    return done;
  }

  /**
   * Stop the worker and switch auto-checkpointing back on. Blocks (at most `waitMs`) until
   * the worker's connection is closed, so the main connection is the last one when it closes.
   */
  close(waitMs = 3000): void {
    const w = this.worker;
    if (!w) return;
    w.postMessage('close');
    Atomics.wait(this.closed, 0, 0, waitMs);
    this.fallBack();
  }

  private fallBack(): void {
    this.worker = null;
    this.waiters.splice(0).forEach((w) => w());
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  }
}

const checkpointers = new WeakMap<Database.Database, WalCheckpointer | null>();

/**
 * The database's shared background checkpointer, started on first use (`intervalMs` only
 * applies then); null for in-memory, read-only or non-WAL databases.
 */
export function walCheckpointerFor(db: Database.Database, intervalMs = CHECKPOINT_INTERVAL_MS): WalCheckpointer | null {
  const known = checkpointers.get(db);
  if (known !== undefined && (known === null || known.running)) return known;
  let cp: WalCheckpointer | null = null;
  if (db.open && !db.memory && !db.readonly && db.pragma('journal_mode', { simple: true }) === 'wal') {
    cp = new WalCheckpointer(db, intervalMs);
  }
  checkpointers.set(db, cp);
  return cp;
}

/** Stop the database's background checkpointer, if any (done by `closeDatabase`). */
export function closeWalCheckpointer(db: Database.Database): void {
  checkpointers.get(db)?.close();
  checkpointers.delete(db);
}

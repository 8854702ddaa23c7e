/**
 * `HeavyWork` — the calls of the app core that take long enough to stall everything else if they
 * ran on the main thread (measured by `npm run bench:web`): the analysis of an imported RR file
 * (50,000 intervals: seconds), session reports (the offline analysis of the whole session) and
 * session exports (the RR export analyses too). The live stream, the recorder's flushes and every
 * other client's calls run on the main thread, so these go to a worker thread:
 *
 * - `workerHeavyWork(dbPath)` — one worker (started on the first call, supervised: a worker that
 *   dies fails the calls it held with a clear message and is replaced on the next call). Reports
 *   and exports read the records through the worker's own READ-ONLY connection to the database
 *   (WAL: it sees every committed write); the RR analysis needs no records. Calls queue in the
 *   worker in arrival order. Where the worker cannot start or cannot open the database, the
 *   calls run on the main thread instead (said once on stderr) — slower, never wrong.
 * - `inlineHeavyWork(storage)` — the same calls on this thread (in-memory databases, tests).
 *
 * Writes never happen in the worker: an RR import is checked and stored by the main thread
 * (`RecordCalls.importRrFile`), only its parsing and analysis run here.
 */
import { Worker } from 'node:worker_threads';
import { CadansError, type ErrorCode, type ErrorParams } from '../../shared/i18n/CadansError.js';
import type { Locale } from '../../shared/ipc/apiTypes.js';
import type { DownloadFile, ReportRequest, ReportView, RrImportSource, RrImportType, SessionExportFormat } from '../../shared/ipc/recordTypes.js';
import { rawKeyOf } from '../../native-adapters/sqlite/databaseKey.js';
import type { Storage } from '../storage/storage.js';
import { buildSessionExport } from './recordExport.js';
import { prepareRrImport, type PreparedRrImport } from './recordImport.js';
import { renderReport } from './reportCalls.js';

export interface HeavyWork {
  /** Parse and analyse an RR file's text (no records needed). */
  prepareRrImport(text: string, type: RrImportType, source?: RrImportSource): Promise<PreparedRrImport>;
  /** A report as HTML (`renderReport`). */
  report(req: ReportRequest, defaultLocale: Locale, now: Date): Promise<ReportView>;
  /** A session export as one file (`buildSessionExport`). */
  exportSession(sessionId: number, format: Exclude<SessionExportFormat, 'zip'>): Promise<DownloadFile>;
  close(): Promise<void>;
}

/** The heavy calls on this thread. */
export function inlineHeavyWork(storage: Storage): HeavyWork {
  return {
    prepareRrImport: async (text, type, source) => prepareRrImport(text, type, source),
    report: async (req, locale, now) => renderReport(storage, req, locale, now),
    exportSession: async (sessionId, format) => buildSessionExport(storage, sessionId, format),
    close: async () => undefined,
  };
}

/** A task for the worker. */
export type HeavyTask =
  | { task: 'rr'; text: string; type: RrImportType; source?: RrImportSource }
  | { task: 'report'; req: ReportRequest; locale: Locale; nowMs: number }
  | { task: 'export'; sessionId: number; format: Exclude<SessionExportFormat, 'zip'> };

export type ToHeavyWorker = HeavyTask & { id: number };
export type FromHeavyWorker =
  | { type: 'ready' }
  | { type: 'done'; id: number; value: unknown }
  | {
      type: 'failed';
      id: number;
      name: string;
      message: string;
      storageUnavailable: boolean;
      /** The coded error behind it (a `CadansError`, an `analysis.*` refusal …), so the page can translate it. */
      code?: ErrorCode;
      params?: ErrorParams;
    };

export interface WorkerHeavyWorkOptions {
  /** The worker's script (tests: one that fails to load). */
  workerUrl?: URL;
  /** Heap limit of the worker, MB (a runaway call ends the worker, not the app); default 2048. */
  maxHeapMb?: number;
  /** Told once when the calls fall back to the main thread. */
  onFallback?: (reason: string) => void;
}

interface Pending {
  task: HeavyTask;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/** An error as the worker reported it: a coded one stays coded (shown in the user's language), else its message is what the user sees. */
function workerError(name: string, message: string, code?: ErrorCode, params?: ErrorParams): Error {
  if (code) {
    // A coded error keeps its name too (callers tell an `ExportError` by it).
    const coded: Error = new CadansError(code, params ?? {}, { message });
    coded.name = name;
    return coded;
  }
  const e = new Error(message);
  e.name = name;
  return e;
}

/** The heavy calls in a worker thread with a read-only connection to `dbPath` (see the file comment). */
export function workerHeavyWork(dbPath: string, storage: Storage, opts: WorkerHeavyWorkOptions = {}): HeavyWork {
  const inline = inlineHeavyWork(storage);
  let worker: Worker | null = null;
  let ready = false;
  /** Why the calls run on the main thread now (null: they go to the worker). */
  let fallback: string | null = null;
  let storageFallback: string | null = null;
  let failedStarts = 0;
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, Pending>();

  const fallBack = (why: string, storageOnly: boolean): void => {
    if (storageOnly) storageFallback ??= why;
    else fallback ??= why;
    (opts.onFallback ?? ((r: string) => console.error(`cadans: heavy calls run on the main thread: ${r}`)))(why);
  };

  const runInline = (task: HeavyTask): Promise<unknown> => {
    switch (task.task) {
      case 'rr':
        return inline.prepareRrImport(task.text, task.type, task.source);
      case 'report':
        return inline.report(task.req, task.locale, new Date(task.nowMs));
      case 'export':
        return inline.exportSession(task.sessionId, task.format);
    }
  };

  const spawn = (): Worker => {
    const self = new URL(import.meta.url);
    const ext = self.pathname.endsWith('.ts') ? '.ts' : '.js';
    const w = new Worker(opts.workerUrl ?? new URL('./heavyWorker' + ext, import.meta.url), {
      // An encrypted database: the worker's connection gets the main connection's raw key (never the passphrase).
      workerData: { dbPath, key: rawKeyOf(storage.db) },
      resourceLimits: { maxOldGenerationSizeMb: opts.maxHeapMb ?? 2048 },
    });
    w.unref();
    ready = false;
    w.on('message', (m: FromHeavyWorker) => {
      if (w !== worker) return;
      if (m.type === 'ready') {
        ready = true;
        failedStarts = 0;
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.type === 'done') p.resolve(m.value);
      else if (m.storageUnavailable) {
        // The worker cannot read the records: this and later report/export calls run here.
        fallBack(`the worker cannot open the database (${m.message})`, true);
        runInline(p.task).then(p.resolve, p.reject);
      } else p.reject(workerError(m.name, m.message, m.code, m.params));
    });
    const died = (detail: string): void => {
      if (w !== worker) return;
      worker = null;
      if (!ready && ++failedStarts >= 2) fallBack(`the worker does not start (${detail})`, false);
      const lost = [...pending.values()];
      pending.clear();
      for (const p of lost) {
        if (fallback !== null) runInline(p.task).then(p.resolve, p.reject);
        else p.reject(new CadansError('work.stopped', { detail }));
      }
    };
    w.on('error', (e) => died(e.message));
    w.on('exit', (code) => {
      if (!closed) died(`exit code ${code}`);
    });
    return w;
  };

  const run = (task: HeavyTask): Promise<unknown> => {
    if (closed) return Promise.reject(new CadansError('work.closed', { closing: 'no' }));
    if (fallback !== null || (storageFallback !== null && task.task !== 'rr')) return runInline(task);
    worker ??= spawn();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { task, resolve, reject });
      worker!.postMessage({ ...task, id } satisfies ToHeavyWorker);
    });
  };

  return {
    prepareRrImport: (text, type, source) => run({ task: 'rr', text, type, source }) as Promise<PreparedRrImport>,
    report: (req, locale, now) => run({ task: 'report', req, locale, nowMs: now.getTime() }) as Promise<ReportView>,
    exportSession: (sessionId, format) => run({ task: 'export', sessionId, format }) as Promise<DownloadFile>,
    async close() {
      closed = true;
      const w = worker;
      worker = null;
      for (const p of pending.values()) p.reject(new CadansError('work.closed', { closing: 'yes' }));
      pending.clear();
      if (w) await w.terminate();
    },
  };
}

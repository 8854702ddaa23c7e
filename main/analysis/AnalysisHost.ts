import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerResult, WorkerStats } from './analysisProtocol.js';

export type ResultListener = (r: WorkerResult, latencyMs: number) => void;

/**
 * `AnalysisHost` — owns the analysis worker thread (main never blocks on analysis). Sends
 * samples with their buffers transferred, and calls listeners with each result and the
 * round-trip latency of its chunk (from send to result).
 */
export class AnalysisHost {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private seq = 0;
  private readonly sentAt = new Map<number, number>();
  private readonly listeners = new Set<ResultListener>();
  private readonly errorListeners = new Set<(channel: string, message: string) => void>();
  private pendingWaiters: { seq: number; resolve: () => void }[] = [];
  private lastSeqDone = -1;
  private readonly statsWaiters = new Map<number, (s: WorkerStats) => void>();

  constructor() {
    const self = new URL(import.meta.url);
    const ext = self.pathname.endsWith('.ts') ? '.ts' : '.js';
    this.worker = new Worker(new URL('./analysisWorker' + ext, import.meta.url));
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      const onMsg = (m: FromWorker): void => {
        if (m.type === 'ready') {
          this.worker.off('message', onMsg);
          resolve();
        }
      };
      this.worker.on('message', onMsg);
      this.worker.once('error', reject);
    });
    this.worker.on('message', (m: FromWorker) => this.onMessage(m));
  }

  /** Resolves when the worker is up. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  onResult(fn: ResultListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  onError(fn: (channel: string, message: string) => void): () => void {
    this.errorListeners.add(fn);
    return () => this.errorListeners.delete(fn);
  }

  /** Send PPG samples of one channel. The array's buffer is transferred (unusable afterwards). */
  pushPpg(channel: string, fsHz: number, values: Float32Array): number {
    const seq = this.seq++;
    this.sentAt.set(seq, performance.now());
    this.post({ type: 'ppg', channel, seq, fsHz, values }, [values.buffer as ArrayBuffer]);
    return seq;
  }

  pushIntervals(channel: string, ibiMs: readonly number[], arrivalSec: number): number {
    const seq = this.seq++;
    this.sentAt.set(seq, performance.now());
    const arr = Float64Array.from(ibiMs);
    this.post({ type: 'intervals', channel, seq, arrivalSec, ibiMs: arr }, [arr.buffer as ArrayBuffer]);
    return seq;
  }

  markGap(channel: string, startSec: number, endSec: number): void {
    this.post({ type: 'gap', channel, startSec, endSec });
  }

  resetChannel(channel: string): void {
    this.post({ type: 'reset', channel });
  }

  closeChannel(channel: string): void {
    this.post({ type: 'close', channel });
  }

  /** Heap in use in the worker thread (after a full GC when run with --expose-gc). */
  stats(): Promise<WorkerStats> {
    const seq = this.seq++;
    this.sentAt.set(seq, performance.now());
    return new Promise((resolve) => {
      this.statsWaiters.set(seq, resolve);
      this.post({ type: 'stats', seq });
    });
  }

  /** Resolves once every message sent so far has been answered. */
  drain(): Promise<void> {
    const target = this.seq - 1;
    if (this.lastSeqDone >= target) return Promise.resolve();
    return new Promise((resolve) => this.pendingWaiters.push({ seq: target, resolve }));
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private post(msg: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(msg, transfer);
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'ready') return;
    const sent = this.sentAt.get(m.seq);
    this.sentAt.delete(m.seq);
    if (m.seq > this.lastSeqDone) this.lastSeqDone = m.seq;
    if (m.type === 'stats') {
      this.statsWaiters.get(m.seq)?.(m);
      this.statsWaiters.delete(m.seq);
    } else if (m.type === 'result') {
      const latency = sent === undefined ? 0 : performance.now() - sent;
      for (const fn of this.listeners) fn(m, latency);
    } else {
      for (const fn of this.errorListeners) fn(m.channel, m.message);
    }
    this.pendingWaiters = this.pendingWaiters.filter((w) => {
      if (this.lastSeqDone >= w.seq) {
        w.resolve();
        return false;
      }
      return true;
    });
  }
}

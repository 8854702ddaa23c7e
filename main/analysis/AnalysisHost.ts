import { Worker } from 'node:worker_threads';
import type { TimedChunk } from '../../shared/dsp/sampleTimeline.js';
import type { FromWorker, ToWorker, WorkerResult, WorkerStats } from './analysisProtocol.js';

/** What a channel gives the host to receive its analysis (main/devices/LiveChannel.ts). */
export interface AnalysisSink {
  /** A result of this channel, with the round-trip latency of its message, ms. */
  analysisResult(r: WorkerResult, latencyMs: number): void;
  /** The worker failed on a message of this channel. */
  analysisError(message: string): void;
  /** The worker died or hung and a new one was started: re-open the channel and replay what it needs. */
  analysisRestarted(reason: 'crashed' | 'hung'): void;
}

export interface AnalysisHostOptions {
  /** A message unanswered this long means the worker hangs, ms (default 1500). */
  hangMs?: number;
  /** Called on every restart (logging, tests). */
  onRestart?: (reason: 'crashed' | 'hung', detail: string) => void;
  /** After this many starts in a row that died before 'ready', wait `retryMs` before the next (default 3). */
  maxFailedStarts?: number;
  /** Wait before trying again after `maxFailedStarts`, ms (default 10 000). */
  retryMs?: number;
  /** The worker's script (tests: one that fails to load). */
  workerUrl?: URL;
}

/** The analysis worker keeps dying before it is up. */
export class AnalysisUnavailableError extends Error {
  constructor(detail: string) {
    super(`the analysis worker does not start (${detail})`);
    this.name = 'AnalysisUnavailableError';
  }
}

/**
 * `AnalysisHost` — owns and supervises the analysis worker thread (main never blocks on analysis).
 * Channels attach a sink; their messages carry sample buffers transferred, not copied, and each
 * result goes straight to its channel's sink. If the worker dies (an exception, `exit`) or hangs
 * (a message unanswered for `hangMs`), it is terminated and a new one is started at once; every
 * attached channel is told (`analysisRestarted`) so it can re-open and replay its recent signal.
 * Recording never depends on the worker: the channel stores its samples itself.
 */
export class AnalysisHost {
  private worker!: Worker;
  /** 'starting' until the current worker says 'ready'; 'down' after too many failed starts (retrying later). */
  private phase: 'starting' | 'up' | 'down' = 'starting';
  private failedStarts = 0;
  private downDetail = '';
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private seq = 0;
  private readonly sentAt = new Map<number, number>();
  private readonly sinks = new Map<string, AnalysisSink>();
  private pendingWaiters: { seq: number; resolve: () => void }[] = [];
  private lastSeqDone = -1;
  private readonly statsWaiters = new Map<number, (s: WorkerStats) => void>();
  private readonly hangMs: number;
  private watchdog: ReturnType<typeof setInterval>;
  private terminated = false;
  private lastAnswerMs = 0;
  /** Restarts so far. */
  restarts = 0;

  constructor(private readonly opts: AnalysisHostOptions = {}) {
    this.hangMs = opts.hangMs ?? 1500;
    this.spawn();
    this.watchdog = setInterval(() => this.checkHang(), Math.min(250, this.hangMs / 4));
    this.watchdog.unref();
  }

  /**
   * Resolves when a worker is up; rejects with `AnalysisUnavailableError` when it keeps dying before
   * it is up (the host tries again later; channels then hear `analysisRestarted`).
   */
  whenReady(): Promise<void> {
    if (this.phase === 'up') return Promise.resolve();
    if (this.phase === 'down') return Promise.reject(new AnalysisUnavailableError(this.downDetail));
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  /** Whether analysis is unavailable right now (the worker failed to start; retrying later). */
  get down(): boolean {
    return this.phase === 'down';
  }

  /** attach: receive `channel`'s results in `sink`, and open its pipeline generation `gen`. */
  attach(channel: string, sink: AnalysisSink, source: 'ppg' | 'intervals', gen: number): void {
    this.sinks.set(channel, sink);
    this.open(channel, source, gen);
    // No worker for now: the channel knows its analysis is stopped (and replays when one is up).
    if (this.phase === 'down') sink.analysisRestarted('crashed');
  }

  /** (Re-)open a channel's pipeline in the worker (fresh state) as generation `gen`. */
  open(channel: string, source: 'ppg' | 'intervals', gen: number): void {
    this.post({ type: 'open', channel, seq: this.nextSeq(), source, gen });
  }

  detach(channel: string): void {
    this.sinks.delete(channel);
    this.post({ type: 'close', channel });
  }

  /** A timed chunk of a channel. The values' buffer is transferred (unusable afterwards). */
  pushChunk(channel: string, c: TimedChunk & { values: Float32Array }): void {
    const seq = this.nextSeq();
    this.post({ type: 'chunk', channel, seq, t0Sec: c.t0Sec, fsHz: c.fsHz, values: c.values }, [c.values.buffer as ArrayBuffer]);
  }

  pushIntervals(channel: string, ibiMs: readonly number[], startSec: number): void {
    const arr = Float64Array.from(ibiMs);
    this.post({ type: 'intervals', channel, seq: this.nextSeq(), startSec, ibiMs: arr }, [arr.buffer as ArrayBuffer]);
  }

  markGap(channel: string, startSec: number, endSec: number): void {
    this.post({ type: 'gap', channel, seq: this.nextSeq(), startSec, endSec });
  }

  /** End of a channel's stream: its pending beats come back as final. */
  flush(channel: string): void {
    this.post({ type: 'flush', channel, seq: this.nextSeq() });
  }

  /** Heap in use in the worker thread (after a full GC when run with --expose-gc). */
  stats(): Promise<WorkerStats> {
    const seq = this.nextSeq();
    return new Promise((resolve) => {
      this.statsWaiters.set(seq, resolve);
      this.post({ type: 'stats', seq });
    });
  }

  /** Resolves once every message sent so far has been answered (or lost in a restart). */
  drain(): Promise<void> {
    const target = this.seq - 1;
    if (this.lastSeqDone >= target) return Promise.resolve();
    return new Promise((resolve) => this.pendingWaiters.push({ seq: target, resolve }));
  }

  /** Tests: make the worker die (as if it crashed). */
  async kill(): Promise<void> {
    await this.worker.terminate();
  }

  /** Tests (CADANS_TEST=1): make the worker hang for `ms`. */
  hang(ms: number): void {
    this.post({ type: 'test-hang', seq: this.nextSeq(), ms });
  }

  async terminate(): Promise<void> {
    this.terminated = true;
    clearInterval(this.watchdog);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const w of this.readyWaiters.splice(0)) w.reject(new AnalysisUnavailableError('the host was shut down'));
    await this.worker.terminate();
    this.releaseWaiters();
  }

  private nextSeq(): number {
    const s = this.seq++;
    this.sentAt.set(s, performance.now());
    return s;
  }

  private spawn(): void {
    const self = new URL(import.meta.url);
    const ext = self.pathname.endsWith('.ts') ? '.ts' : '.js';
    const worker = new Worker(this.opts.workerUrl ?? new URL('./analysisWorker' + ext, import.meta.url));
    worker.unref();
    this.worker = worker;
    this.phase = 'starting';
    this.lastAnswerMs = performance.now(); // a new worker gets time to start
    worker.on('message', (m: FromWorker) => {
      if (worker === this.worker) this.onMessage(m);
    });
    worker.on('error', (e) => {
      if (worker === this.worker) this.restart('crashed', e.message);
    });
    worker.on('exit', (code) => {
      if (worker === this.worker && !this.terminated) this.restart('crashed', `exit code ${code}`);
    });
  }

  private restart(reason: 'crashed' | 'hung', detail: string): void {
    // Down: the dead worker's last events change nothing; the retry timer starts the next one.
    if (this.terminated || this.phase === 'down') return;
    const old = this.worker;
    this.restarts++;
    if (this.phase !== 'up') this.failedStarts++;
    if (this.failedStarts >= (this.opts.maxFailedStarts ?? 3)) {
      // It keeps dying before it is up (a broken install, no memory): stop hammering, try again later.
      this.phase = 'down';
      this.downDetail = detail;
      this.failedStarts = 0;
      for (const w of this.readyWaiters.splice(0)) w.reject(new AnalysisUnavailableError(detail));
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (this.terminated) return;
        this.spawn();
        this.tellSinks(reason);
      }, this.opts.retryMs ?? 10_000);
      this.retryTimer.unref();
    } else this.spawn();
    void old.terminate().catch(() => undefined);
    // The old worker's unanswered messages are lost: nobody waits for them any more.
    this.sentAt.clear();
    this.lastSeqDone = this.seq - 1;
    this.releaseWaiters();
    this.opts.onRestart?.(reason, detail);
    this.tellSinks(reason);
  }

  /** Every attached channel re-opens its pipeline and replays its recent signal. */
  private tellSinks(reason: 'crashed' | 'hung'): void {
    for (const sink of [...this.sinks.values()]) {
      try {
        sink.analysisRestarted(reason);
      } catch (err) {
        console.error('cadans analysis: a channel failed to restart its analysis:', err);
      }
    }
  }

  /**
   * Hung: messages are waiting and the worker has answered none of them for `hangMs` (a busy worker
   * working through a backlog keeps answering, so it is not hung however old its queue is).
   */
  private checkHang(): void {
    if (this.terminated || this.phase === 'down' || this.sentAt.size === 0) return;
    const oldest = this.sentAt.values().next().value as number;
    const quietSince = Math.max(oldest, this.lastAnswerMs);
    if (performance.now() - quietSince > this.hangMs) this.restart('hung', `no answer for ${this.hangMs} ms`);
  }

  private post(msg: ToWorker, transfer: ArrayBuffer[] = []): void {
    if (this.terminated) return;
    if (this.phase === 'down') {
      // While down, messages go nowhere (the channels replay their recent signal when a worker is
      // up): nobody waits for an answer to them.
      if ('seq' in msg) {
        this.sentAt.delete(msg.seq);
        this.lastSeqDone = Math.max(this.lastSeqDone, msg.seq);
        this.releaseWaiters();
      }
      return;
    }
    this.worker.postMessage(msg, transfer);
  }

  private releaseWaiters(): void {
    for (const w of this.pendingWaiters.splice(0)) w.resolve();
    for (const [seq, resolve] of this.statsWaiters) resolve({ type: 'stats', seq, heapUsedBytes: 0, channels: 0 });
    this.statsWaiters.clear();
  }

  private onMessage(m: FromWorker): void {
    this.lastAnswerMs = performance.now();
    if (m.type === 'ready') {
      this.phase = 'up';
      this.failedStarts = 0;
      for (const w of this.readyWaiters.splice(0)) w.resolve();
      return;
    }
    const sent = this.sentAt.get(m.seq);
    this.sentAt.delete(m.seq);
    if (m.seq > this.lastSeqDone) this.lastSeqDone = m.seq;
    if (m.type === 'stats') {
      this.statsWaiters.get(m.seq)?.(m);
      this.statsWaiters.delete(m.seq);
    } else if (m.type === 'ack') {
      // nothing to deliver
    } else if (m.type === 'result') {
      const latency = sent === undefined ? 0 : performance.now() - sent;
      this.sinks.get(m.channel)?.analysisResult(m, latency);
    } else {
      this.sinks.get(m.channel)?.analysisError(m.message);
    }
    if (this.pendingWaiters.length) {
      this.pendingWaiters = this.pendingWaiters.filter((w) => {
        if (this.lastSeqDone >= w.seq) {
          w.resolve();
          return false;
        }
        return true;
      });
    }
  }
}

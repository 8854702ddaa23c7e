/**
 * `perfStats` — frame rate, long main-thread tasks and sample-to-screen latency of this page,
 * measured all the time at negligible cost and readable as `window.__cadansPerf` (the UI
 * benchmark `npm run bench:ui` and the e2e tests read it).
 *
 * Latency of a frame = wall time when the PPG chart drew the newest sample − wall time when that
 * sample arrived in the core (`LiveBatch.lastArrivalMs`); beats additionally wait for the
 * detector's look-ahead, reported separately (`lookAheadSec`).
 */
import type { LiveBatch } from '../../shared/ipc/liveTypes.js';

export interface PerfSnapshot {
  frames: number;
  fps: number;
  /** Main-thread time of the frame callbacks (all charts and the pacer), ms. */
  frameWorkMs: { mean: number; p95: number | null; max: number };
  longestTaskMs: number;
  longTasks: number;
  batches: number;
  latencyMs: { count: number; median: number | null; p95: number | null; max: number | null };
  transportMs: { median: number | null; max: number | null };
  lookAheadSec: number;
}

const MAX_KEEP = 20_000;

function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

class PerfStats {
  private frames = 0;
  private workSum = 0;
  private workMax = 0;
  private work: number[] = [];
  private firstFrameMs: number | null = null;
  private lastFrameMs = 0;
  private longestTaskMs = 0;
  private longTasks = 0;
  private batches = 0;
  private latencies: number[] = [];
  private transport: number[] = [];
  private pendingArrivalMs: number | null = null;
  private lookAheadSec = 0;
  private observing = false;

  /** Start observing long tasks (idempotent). */
  observe(): void {
    if (this.observing || typeof PerformanceObserver === 'undefined') return;
    this.observing = true;
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          this.longTasks++;
          if (e.duration > this.longestTaskMs) this.longestTaskMs = e.duration;
        }
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // longtask entries unsupported: longestTaskMs stays 0.
    }
  }

  /** One animation frame at `perfMs` whose callbacks took `workMs`. */
  frame(perfMs: number, workMs: number): void {
    this.frames++;
    this.workSum += workMs;
    if (workMs > this.workMax) this.workMax = workMs;
    if (this.work.length < MAX_KEEP) this.work.push(workMs);
    this.firstFrameMs ??= perfMs;
    this.lastFrameMs = perfMs;
  }

  batch(b: LiveBatch, perfMs: number): void {
    this.batches++;
    this.lookAheadSec = b.lookAheadSec;
    this.pendingArrivalMs = b.lastArrivalMs;
    const wall = performance.timeOrigin + perfMs;
    if (this.transport.length < MAX_KEEP) this.transport.push(wall - b.sentAtMs);
  }

  /** The PPG chart drew the newest data at `perfMs`. */
  drawn(perfMs: number): void {
    if (this.pendingArrivalMs === null) return;
    const lat = performance.timeOrigin + perfMs - this.pendingArrivalMs;
    this.pendingArrivalMs = null;
    if (this.latencies.length < MAX_KEEP) this.latencies.push(lat);
  }

  reset(): void {
    this.frames = 0;
    this.workSum = 0;
    this.workMax = 0;
    this.work = [];
    this.firstFrameMs = null;
    this.longestTaskMs = 0;
    this.longTasks = 0;
    this.batches = 0;
    this.latencies = [];
    this.transport = [];
  }

  snapshot(): PerfSnapshot {
    const lat = [...this.latencies].sort((a, b) => a - b);
    const tr = [...this.transport].sort((a, b) => a - b);
    const spanSec = this.firstFrameMs === null ? 0 : (this.lastFrameMs - this.firstFrameMs) / 1000;
    return {
      frames: this.frames,
      fps: spanSec > 0 ? (this.frames - 1) / spanSec : 0,
      frameWorkMs: {
        mean: this.frames > 0 ? this.workSum / this.frames : 0,
        p95: quantile([...this.work].sort((a, b) => a - b), 0.95),
        max: this.workMax,
      },
      longestTaskMs: this.longestTaskMs,
      longTasks: this.longTasks,
      batches: this.batches,
      latencyMs: { count: lat.length, median: quantile(lat, 0.5), p95: quantile(lat, 0.95), max: lat.length ? lat[lat.length - 1]! : null },
      transportMs: { median: quantile(tr, 0.5), max: tr.length ? tr[tr.length - 1]! : null },
      lookAheadSec: this.lookAheadSec,
    };
  }
}

export const perfStats = new PerfStats();

declare global {
  interface Window {
    __cadansPerf?: { snapshot(): PerfSnapshot; reset(): void };
  }
}

if (typeof window !== 'undefined') {
  window.__cadansPerf = { snapshot: () => perfStats.snapshot(), reset: () => perfStats.reset() };
}

import type { LiveMetrics } from '../../shared/dsp/LivePipeline.js';

/**
 * Messages between the main process and the analysis worker (worker_threads). Sample and beat
 * arrays are typed arrays whose buffers are transferred, not copied. One worker serves every
 * sensor of a session (groups): each message names its channel (one channel per sensor).
 */
export type ToWorker =
  | { type: 'ppg'; channel: string; seq: number; fsHz: number; values: Float32Array }
  | { type: 'intervals'; channel: string; seq: number; arrivalSec: number; ibiMs: Float64Array }
  | { type: 'gap'; channel: string; startSec: number; endSec: number }
  | { type: 'reset'; channel: string }
  | { type: 'close'; channel: string }
  /** Heap statistics of the worker (after a full GC when the process runs with --expose-gc). */
  | { type: 'stats'; seq: number };

export interface WorkerResult {
  type: 'result';
  channel: string;
  seq: number;
  /** New final beats: time (s), quality (0..1), corrected closing interval (ms; NaN = none). */
  beatTSec: Float64Array;
  beatQuality: Float32Array;
  beatIbiMs: Float64Array;
  metrics: LiveMetrics[];
  /** Worker time spent on this message, ms. */
  workMs: number;
  lookAheadSec: number;
}

export interface WorkerStats {
  type: 'stats';
  seq: number;
  heapUsedBytes: number;
  channels: number;
}

export type FromWorker =
  | WorkerResult
  | WorkerStats
  | { type: 'error'; channel: string; seq: number; message: string }
  | { type: 'ready' };

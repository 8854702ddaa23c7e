import type { LiveBeatEvent, LiveMetrics } from '../../shared/dsp/LivePipeline.js';
import type { NnBeat } from '../../shared/dsp/NnStream.js';
import type { Interval } from '../../shared/dsp/signalGaps.js';
import type { SpectrumView } from '../../shared/ipc/liveTypes.js';

/**
 * Messages between the main process and the analysis worker (worker_threads). Sample arrays are
 * typed arrays whose buffers are transferred, not copied. One worker serves every channel (groups):
 * each message names its channel. Times are on the channel clock (shared/sensors/channelClock.ts).
 */
export type ToWorker =
  /**
   * Start (or restart) a channel's pipeline: PPG chunks, or the sensor's own intervals. `gen`
   * numbers the pipelines of a channel (a new one per recording): results say which one they come from.
   */
  | { type: 'open'; channel: string; seq: number; source: 'ppg' | 'intervals'; gen: number }
  /** A timed PPG chunk: sample i at t0Sec + i / fsHz. */
  | { type: 'chunk'; channel: string; seq: number; t0Sec: number; fsHz: number; values: Float32Array }
  /** Intervals from the sensor (ms); the first starts at startSec (NaN: right after the previous one). */
  | { type: 'intervals'; channel: string; seq: number; startSec: number; ibiMs: Float64Array }
  /** A sensor gap no interval may bridge (interval sources). */
  | { type: 'gap'; channel: string; seq: number; startSec: number; endSec: number }
  /** End of the stream: deliver every pending beat as final. */
  | { type: 'flush'; channel: string; seq: number }
  | { type: 'close'; channel: string }
  /** Heap statistics of the worker (after a full GC when the process runs with --expose-gc). */
  | { type: 'stats'; seq: number }
  /** Tests only (CADANS_TEST=1): block the worker for `ms` as if it hung. */
  | { type: 'test-hang'; seq: number; ms: number };

export interface WorkerResult {
  type: 'result';
  channel: string;
  seq: number;
  /** The pipeline generation (see 'open'). */
  gen: number;
  /** NN beats that became final: what storage keeps. */
  final: NnBeat[];
  /** The beats not final yet (provisionally corrected), replacing the previous tail; null = unchanged. */
  provisional: NnBeat[] | null;
  /** Unusable stretches that became final. */
  unusable: Interval[];
  /**
   * Beat events since the previous result (provisional beats ≈ 0.2 s after the peak, revisions,
   * decided beats), in order: for the live screen only — storage keeps `final`.
   */
  beatEvents: LiveBeatEvent[];
  metrics: LiveMetrics[];
  /** The live spectrum of the last 64 s of NN intervals (null = unchanged). */
  spectrum: SpectrumView | null;
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
  /** An 'open' was done. */
  | { type: 'ack'; seq: number }
  | { type: 'ready' };

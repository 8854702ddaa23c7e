/**
 * The live stream: what the app core sends the renderer 20–30 times a second per channel. Never
 * one message per sample: each batch carries every PPG sample, beat and metric point produced
 * since the previous batch, plus the pacer state at the batch's clock time.
 */
import type { LiveBeatEvent, LiveMetrics } from '../dsp/LivePipeline.js';
import type { PacerPhase } from '../pacer/pacerState.js';

/**
 * A beat event of the live screen's fast path (shared/dsp/BeatEngine.ts), channel clock:
 * `provisional` (a pulse peak seen ≈ 0.2 s ago, not decided yet), `revise` (provisional beat `id`
 * moved to `newTSec`, or withdrawn: null) and `final` (the beat-sequence stage decided a beat at
 * `tSec`, confirming provisional beat `provisionalId` if one was shown). Every provisional beat
 * ends in exactly one `final` naming it or one withdrawal.
 */
export type { LiveBeatEvent };

/** Batches per second the core aims for (20–30 Hz). */
export const LIVE_BATCH_HZ = 25;

/** Consecutive PPG samples: sample i at `t0Sec + i / fsHz` on the channel clock. */
export interface PpgChunk {
  t0Sec: number;
  fsHz: number;
  /** Raw values in the sensor's units; NaN = sample lost. */
  values: Float32Array;
}

/** A beat of the NN path (a detection, or a beat the artifact correction inserted). */
export interface BeatView {
  tSec: number;
  /** Corrected interval closing at this beat, ms; null at the first beat, after a gap, or for an extra detection. */
  ibiMs: number | null;
  /** 0..1 (NaN for inserted beats). */
  quality: number;
  /** `BeatFlag` bits (shared/domain/beatFlags.ts). */
  flags: number;
}

/** A stretch without usable signal (a reconnect, clip off, samples lost …), channel clock. */
export interface GapView {
  startSec: number;
  endSec: number;
  reason: string;
}

/** The pacer at the batch's clock time (the renderer animates it from `PacerTimeline`). */
export interface PacerSnapshot {
  phase: PacerPhase;
  lung: number;
  breathIndex: number;
  rateBpm: number;
  finished: boolean;
}

/** Spectrum of the last 64 s of NN intervals (the coherence method's spectrum). */
export interface SpectrumView {
  /** Time of the window end, s. */
  tSec: number;
  /** Frequency step, Hz; bin k is at k·dfHz. */
  dfHz: number;
  /** PSD, ms²/Hz, bins 0 … up to 0.5 Hz. */
  psd: Float32Array;
  /** Coherence peak, Hz (null: none). */
  peakHz: number | null;
  /** Width of the peak window, Hz (0.030). */
  peakWidthHz: number;
}

export interface LiveBatch {
  channel: string;
  /** Batch counter per channel, from 0. */
  seq: number;
  /** Channel clock at the newest sample/beat of the batch, seconds. */
  clockSec: number;
  /** Wall time (ms since epoch) when the oldest new sample arrived in the core, or null without samples. */
  firstArrivalMs: number | null;
  /** Wall time (ms since epoch) when the newest new sample arrived in the core, or null. */
  lastArrivalMs: number | null;
  /** Wall time when the batch was sent, ms since epoch. */
  sentAtMs: number;
  /** Look-ahead of the beat detector, seconds: beats arrive this much after the sample that holds them. */
  lookAheadSec: number;
  ppg: PpgChunk[];
  /** Beats that became final since the last batch (what is stored), time order. */
  beats: BeatView[];
  /** The newest beats, not final yet (provisionally corrected): replace the previous provisional ones; null = unchanged. */
  provisional: BeatView[] | null;
  /**
   * Beat events since the last batch, in order: provisional beats (drawn after the newest beat of
   * `provisional`), their revisions and withdrawals, and each decided beat (which then comes in
   * `provisional`, later in `beats`).
   */
  beatEvents: LiveBeatEvent[];
  /** Gaps that became known since the last batch. */
  gaps: GapView[];
  /** The analysis pipeline was restarted (a new session, a new worker): drop beats and metrics shown so far. */
  analysisRestarted: boolean;
  metrics: LiveMetrics[];
  pacer: PacerSnapshot | null;
  /** New spectrum when recomputed (about once a second), else null. */
  spectrum: SpectrumView | null;
}

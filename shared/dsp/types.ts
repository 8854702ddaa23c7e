import type { HrvWithheld } from './hrvWithheld.js';
/**
 * Result types of the signal engine. The offline analysis (`analyzePpg`, `analyzeIntervals`)
 * and the live worker produce the same shapes; the CLI prints `AnalysisResult` as JSON.
 */

export interface HrvMetrics {
  meanHrBpm: number;
  meanNnMs: number;
  sdnnMs: number;
  rmssdMs: number;
  pnn50Pct: number;
  vlfMs2: number;
  lfMs2: number;
  hfMs2: number;
  lfHf: number;
  lfPeakHz: number;
  hfPeakHz: number;
}

export type CoherenceLevel = 'low' | 'medium' | 'high';

export interface CoherencePoint {
  tSec: number;
  /** Peak power / (total − peak power); null while the window is not usable. */
  ratio: number | null;
  level: CoherenceLevel | null;
  /** Frequency of the coherence peak, Hz. */
  peakHz?: number | null;
}

export interface RespirationPoint {
  tSec: number;
  /** Breathing rate in breaths per minute; null while not estimable. */
  rateBpm: number | null;
  reason?: 'too-short' | 'coverage' | 'no-clear-peak' | null; // why rateBpm is null (respiration.ts RespirationReason)
}

export interface AnalysisResult {
  durationSec: number;
  fsHz: number | null;
  /**
   * Detected beats: `tSec` systolic peaks; `ibiTSec` the same beats at the fiducial the intervals
   * are measured between (see settings.nnFiducial: the systolic peak or the maximum upstroke slope).
   */
  beats: { tSec: number[]; quality: number[]; ibiTSec?: number[] };
  nn: { tSec: number[]; ibiMs: number[] };
  artifacts: { corrected: number; percent: number };
  hrv: HrvMetrics;
  coherence: { ratioMean: number | null; series: CoherencePoint[] };
  respiration: { rateBpmMean: number | null; series: RespirationPoint[] };
  /**
   * `timingNoiseMs`: the beat-timing noise floor estimated from the signal itself (null when it
   * cannot be estimated, e.g. intervals from a sensor).
   */
  signal?: { unusableSec: number; unusablePct: number; gaps: { startSec: number; endSec: number }[]; timingNoiseMs?: number | null };
  /** HRV figures withheld (their value in `hrv` is then null/NaN), with the reason (shared/dsp/hrvWithheld.ts). */
  hrvWithheld?: HrvWithheld;
  settings: Record<string, unknown>;
}

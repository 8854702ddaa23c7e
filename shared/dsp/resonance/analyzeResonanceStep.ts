/**
 * `analyzeResonanceStep`: every criterion of one step of the stepped protocol, on the analysed
 * part of the step (from the first breath boundary after settling to the end of the step), from
 * the corrected NN series (`resonanceNn`). See `stepSpectrum.ts` and `stepRhythm.ts` for the
 * methods. Reliability: a step is compared with the others only when at most
 * `MAX_CORRECTED_PCT` of its beats needed correction and trusted NN intervals cover at least
 * `MIN_SIGNAL_QUALITY_PCT` of it — motion and a loose clip inflate HR swings and LF power, so a
 * poor step could otherwise "win".
 */
import { pacerTiming } from '../../pacer/index.js';
import { windowBeatStats, type ResonanceNn } from './resonanceBeats.js';
import { breathStartsIn, MIN_STEP_ANALYSIS_SEC } from './resonanceProtocol.js';
import { rateToleranceBpm, stepRhythm } from './stepRhythm.js';
import { stepSpectrum } from './stepSpectrum.js';
import type { ResonancePhase, ResonanceStepResult } from './types.js';

/** A step with more corrected/untrusted beats than this (%) is not reliable. */
export const MAX_CORRECTED_PCT = 10;
/** A step whose analysed part is covered less than this (%) by trusted NN intervals is not reliable. */
export const MIN_SIGNAL_QUALITY_PCT = 75;
/** A step with a smaller share of on-rate local windows (%) is off pace. */
export const MIN_ADHERENCE_PCT = 60;

export interface StepAnalysisOptions {
  inhaleFraction: number;
  holdInSec?: number;
  holdOutSec?: number;
}

const r = (x: number | null, d: number): number | null => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);

/** See the file comment. `phase` must be a step (kind 'step') of a protocol built on the NN series' clock. */
export function analyzeResonanceStep(nn: ResonanceNn, phase: ResonancePhase, opts: StepAnalysisOptions): ResonanceStepResult {
  const rateBpm = phase.rateBpm;
  const timing = pacerTiming({ rateBpm, inhaleFraction: opts.inhaleFraction, holdInSec: opts.holdInSec, holdOutSec: opts.holdOutSec });
  const a0 = phase.analysisStartSec ?? phase.startSec;
  const a1 = phase.endSec;
  const starts = breathStartsIn(phase.startSec, timing.periodSec, a0, a1);
  const lungMaxFraction = (timing.inhaleEndSec + timing.holdInEndSec) / 2 / timing.periodSec;
  const spec = stepSpectrum(nn.nnTSec, nn.nnMs, a0, a1, rateBpm / 60, Math.min(MIN_STEP_ANALYSIS_SEC, a1 - a0));
  const rh = stepRhythm(nn.nnTSec, nn.nnMs, starts, rateBpm, lungMaxFraction);
  const stats = windowBeatStats(nn, a0, a1);
  const analysedSec = Math.max(0, a1 - a0);
  const rateError = spec.rsaRateBpm === null ? null : spec.rsaRateBpm - rateBpm;
  const onPace =
    spec.rsaRateClear &&
    rateError !== null &&
    Math.abs(rateError) <= rateToleranceBpm(analysedSec) &&
    (rh.adherencePct === null || rh.adherencePct >= MIN_ADHERENCE_PCT);
  const reliable = stats.correctedPct <= MAX_CORRECTED_PCT && stats.coveragePct >= MIN_SIGNAL_QUALITY_PCT && spec.lfPowerMs2 !== null;
  return {
    index: phase.stepIndex,
    rateBpm,
    pacerHz: r(rateBpm / 60, 5)!,
    startSec: r(phase.startSec, 3)!,
    endSec: r(phase.endSec, 3)!,
    analysisStartSec: r(a0, 3)!,
    analysedSec: r(analysedSec, 3)!,
    breaths: Math.max(0, starts.length - 1),
    beats: stats.beats,
    meanHrBpm: r(rh.meanHrBpm, 2),
    lfPowerMs2: r(spec.lfPowerMs2, 2),
    lfPeakPowerMs2: r(spec.lfPeakPowerMs2, 2),
    lfPeakHz: r(spec.lfPeakHz, 4),
    lfPeakCount: spec.lfPeakCount,
    peakToTroughBpm: r(rh.peakToTroughBpm, 2),
    peakToTroughSdBpm: r(rh.peakToTroughSdBpm, 2),
    peakToTroughPerBreathBpm: rh.peakToTroughPerBreathBpm.map((x) => r(x, 2)),
    hrLagDeg: r(rh.hrLagDeg, 1),
    synchrony: r(rh.synchrony, 3),
    inPhaseIndex: r(rh.inPhaseIndex, 3),
    smoothness: r(spec.smoothness, 3),
    rsaRateBpm: r(spec.rsaRateBpm, 2),
    rateErrorBpm: r(rateError, 2),
    adherencePct: r(rh.adherencePct, 1),
    onPace,
    correctedPct: r(stats.correctedPct, 2)!,
    signalQualityPct: r(stats.coveragePct, 1)!,
    reliable,
    spectrum: spec.spectrum,
  };
}

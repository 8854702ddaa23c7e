/**
 * The breathing pacer as a pure function of time: `pacerStateAt(settings, tSec)`.
 *
 * A breath starts with the inhale at `breathIndex · periodSec` (t = 0 is the start of
 * the first inhale) and runs inhale → hold-in → exhale → hold-out (see `pacerSettings.ts`).
 * The lung "volume" follows a cosine ease, (1 − cos πp)/2 up during the inhale and
 * (1 + cos πp)/2 down during the exhale (p = phase progress), and is flat during holds:
 * 1 after the inhale, 0 after the exhale. `breathPhaseRad` grows linearly in time,
 * 0 at the start of the inhale and 2π at the start of the next one (wrapped to [0, 2π));
 * the cumulative breath phase is `2π · breathIndex + breathPhaseRad`.
 *
 * Every function here can fill a caller-owned state object (`out`) so that per-frame and
 * per-sample callers allocate nothing.
 */
import { pacerTiming, type PacerSettings, type PacerTiming } from './pacerSettings.js';

export type PacerPhase = 'in' | 'hold-in' | 'out' | 'hold-out';

export interface PacerState {
  phase: PacerPhase;
  /** Progress through the current phase, 0..1. */
  phaseProgress: number;
  /** Breath counter; 0 for the breath starting at the pacer start, continuous across schedule changes. */
  breathIndex: number;
  /** Smooth lung volume, 0 (empty) .. 1 (full). */
  lung: number;
  /** 0 at the start of the inhale, growing linearly to 2π at the next inhale; wrapped to [0, 2π). */
  breathPhaseRad: number;
  /** Rate of the breath in progress, breaths/min. */
  rateBpm: number;
  /** Length of the breath in progress, seconds. */
  periodSec: number;
  /** Start time of the breath in progress (start of its inhale), seconds. */
  breathStartSec: number;
  /** True once the pacing session has ended (`durationSec` / schedule end reached). */
  finished: boolean;
}

const TWO_PI = 2 * Math.PI;

/** A fresh state object to pass as `out`. */
export function createPacerState(): PacerState {
  return {
    phase: 'in',
    phaseProgress: 0,
    breathIndex: 0,
    lung: 0,
    breathPhaseRad: 0,
    rateBpm: 0,
    periodSec: 0,
    breathStartSec: 0,
    finished: false,
  };
}

/** Lung volume 0..1 at `tauSec` seconds into a breath with the given timing (cosine ease, flat holds). */
export function lungAt(timing: PacerTiming, tauSec: number): number {
  if (tauSec < timing.inhaleEndSec) return 0.5 - 0.5 * Math.cos((Math.PI * tauSec) / timing.inhaleSec);
  if (tauSec < timing.holdInEndSec) return 1;
  if (tauSec < timing.exhaleEndSec)
    return 0.5 + 0.5 * Math.cos((Math.PI * (tauSec - timing.holdInEndSec)) / timing.exhaleSec);
  return 0;
}

/** Lung volume at a fraction 0..1 of the breath (for breathing that follows the pacer's shape at its own pace). */
export function lungAtCycleFraction(timing: PacerTiming, fraction: number): number {
  const x = fraction - Math.floor(fraction);
  return lungAt(timing, x * timing.periodSec);
}

/**
 * Fill phase, progress and lung of `out` for `tauSec` seconds into a breath (0 ≤ tauSec < periodSec),
 * plus `breathPhaseRad`, `rateBpm` and `periodSec`. Breath index, start and `finished` are the caller's.
 */
export function fillBreathState(timing: PacerTiming, tauSec: number, out: PacerState): PacerState {
  if (tauSec < timing.inhaleEndSec) {
    out.phase = 'in';
    out.phaseProgress = tauSec / timing.inhaleSec;
    out.lung = 0.5 - 0.5 * Math.cos(Math.PI * out.phaseProgress);
  } else if (tauSec < timing.holdInEndSec) {
    out.phase = 'hold-in';
    out.phaseProgress = (tauSec - timing.inhaleEndSec) / timing.holdInSec;
    out.lung = 1;
  } else if (tauSec < timing.exhaleEndSec) {
    out.phase = 'out';
    out.phaseProgress = (tauSec - timing.holdInEndSec) / timing.exhaleSec;
    out.lung = 0.5 + 0.5 * Math.cos(Math.PI * out.phaseProgress);
  } else {
    out.phase = 'hold-out';
    out.phaseProgress = timing.holdOutSec > 0 ? Math.min(1, (tauSec - timing.exhaleEndSec) / timing.holdOutSec) : 0;
    out.lung = 0;
  }
  if (out.phaseProgress < 0) out.phaseProgress = 0;
  else if (out.phaseProgress > 1) out.phaseProgress = 1;
  out.breathPhaseRad = (TWO_PI * tauSec) / timing.periodSec;
  if (out.breathPhaseRad >= TWO_PI) out.breathPhaseRad = 0;
  out.rateBpm = timing.rateBpm;
  out.periodSec = timing.periodSec;
  return out;
}

/**
 * Fill the complete state for a pacer with `timing` whose breath number `firstBreathIndex`
 * starts at `startSec` (shared by `pacerStateAt` and `PacerSchedule`).
 */
export function fillPacerState(
  timing: PacerTiming,
  startSec: number,
  firstBreathIndex: number,
  tSec: number,
  out: PacerState,
): PacerState {
  const rel = tSec - startSec;
  let k = Math.floor(rel / timing.periodSec);
  let tau = rel - k * timing.periodSec;
  // Guard against rounding putting tau at (or a hair past) the period.
  if (tau >= timing.periodSec) {
    k += 1;
    tau -= timing.periodSec;
  }
  if (tau < 0) tau = 0;
  fillBreathState(timing, tau, out);
  out.breathIndex = firstBreathIndex + k;
  out.breathStartSec = startSec + k * timing.periodSec;
  return out;
}

/** First breath boundary at or after `tSec` for a pacer of `periodSec` started at `startSec` (1 ns tolerance). */
export function nextBreathBoundary(startSec: number, periodSec: number, tSec: number): number {
  if (tSec <= startSec) return startSec;
  const n = Math.ceil((tSec - startSec) / periodSec - 1e-9);
  return startSec + n * periodSec;
}

// One-entry cache so that repeated calls with the same settings object do not allocate.
let cachedSettings: PacerSettings | null = null;
let cachedFraction = NaN;
let cachedTiming: PacerTiming | null = null;

function timingFor(s: PacerSettings): PacerTiming {
  if (
    cachedTiming !== null &&
    cachedSettings === s &&
    cachedTiming.rateBpm === s.rateBpm &&
    cachedTiming.holdInSec === (s.holdInSec ?? 0) &&
    cachedTiming.holdOutSec === (s.holdOutSec ?? 0) &&
    cachedFraction === s.inhaleFraction
  )
    return cachedTiming;
  cachedSettings = s;
  cachedFraction = s.inhaleFraction;
  cachedTiming = pacerTiming(s);
  return cachedTiming;
}

/** End of a pacing session of `durationSec`: the first breath boundary at or after it. */
export function pacerEndSec(startSec: number, periodSec: number, durationSec: number | undefined): number | null {
  if (durationSec === undefined) return null;
  return nextBreathBoundary(startSec, periodSec, startSec + durationSec);
}

/**
 * `pacerStateAt`: the pacer with fixed `settings` started at t = 0, at time `tSec`.
 * Settings are not validated here (use `validatePacerSettings`); pass `out` to avoid allocation.
 */
export function pacerStateAt(settings: PacerSettings, tSec: number, out: PacerState = createPacerState()): PacerState {
  const timing = timingFor(settings);
  fillPacerState(timing, 0, 0, tSec, out);
  const end = pacerEndSec(0, timing.periodSec, settings.durationSec);
  out.finished = end !== null && tSec >= end;
  return out;
}

/**
 * The stepped resonance-frequency protocol as a pacer schedule.
 *
 * Default (Lehrer, Vaschillo & Vaschillo 2000; Lehrer et al. 2013; Shaffer & Meehan 2020,
 * Front. Neurosci. 14:570400): 6.5, 6.0, 5.5, 5.0, 4.5 breaths/min, 2 minutes each, run
 * from fast to slow. Inhale:exhale 4:6 by default (a longer out-breath, as commonly taught in
 * HRV biofeedback; configurable). The first 30 s of each step are not analysed while heart
 * rate settles to the new rate; the analysis starts at the first breath boundary after that,
 * so it always covers whole breaths.
 *
 * Steps change at breath boundaries (`PacerSchedule.fromSteps`): step i+1 is requested
 * `stepSec` after step i took effect and starts at the next boundary. An optional rest between
 * steps is a segment of the schedule with the NEXT step's settings (so breath phase stays
 * continuous), marked `kind: 'rest'` in `phases`: consumers hide the pacer during a rest and the
 * client breathes freely (the CLI sets the device pacer to null there).
 */
import { PACER_MAX_RATE_BPM, PACER_MIN_RATE_BPM, PacerSchedule, pacerSettingsProblems, type PacerSettings, type PacerStep } from '../../pacer/index.js';
import { causeOf, errorText, type ErrorCode, type ErrorParams } from '../../i18n/CadansError.js';
import type { ResonancePhase, ResonanceProgress, ResonanceProtocolSettings } from './types.js';

export const DEFAULT_RESONANCE_SETTINGS: Readonly<ResonanceProtocolSettings> = Object.freeze({
  ratesBpm: [6.5, 6, 5.5, 5, 4.5],
  stepSec: 120,
  inhaleFraction: 0.4,
  restSec: 0,
  settleSec: 30,
});

/** Shortest analysed part of a step, s (LF power and phase need a few whole breaths). */
export const MIN_STEP_ANALYSIS_SEC = 20;
/** Most steps in one assessment. */
export const MAX_RESONANCE_STEPS = 12;

export interface ResonanceProtocol {
  settings: ResonanceProtocolSettings;
  schedule: PacerSchedule;
  /** Steps and rests in time order. */
  phases: ResonancePhase[];
  /** The steps only (phases of kind 'step'), in step order. */
  steps: ResonancePhase[];
  startSec: number;
  endSec: number;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Length of the analysed part of a step, s: whole breaths from the first boundary ≥ settleSec to the step end. */
export function analysedLengthSec(rateBpm: number, stepSec: number, settleSec: number): number {
  const p = 60 / rateBpm;
  return (Math.ceil(stepSec / p - 1e-9) - Math.ceil(settleSec / p - 1e-9)) * p;
}

/** `validateResonanceSettings`: every problem with (partial) settings, as English sentences; empty = valid. */
export function validateResonanceSettings(s: Partial<ResonanceProtocolSettings>): string[] {
  return resonanceSettingsProblems(s).map((p) => errorText('en', { ...p, message: '' }));
}

/** A problem with resonance protocol settings as a coded error (`resonanceProtocol.*`, shown in the user's language). */
export interface ResonanceProblem {
  code: ErrorCode;
  params: ErrorParams;
}

/** `resonanceSettingsProblems`: the problems of `validateResonanceSettings`, coded. */
export function resonanceSettingsProblems(s: Partial<ResonanceProtocolSettings>): ResonanceProblem[] {
  const errors: ResonanceProblem[] = [];
  const add = (code: ErrorCode, params: ErrorParams = {}): void => void errors.push({ code, params });
  if (s === null || typeof s !== 'object') return [{ code: 'resonanceProtocol.notObject', params: {} }];
  const o = { ...DEFAULT_RESONANCE_SETTINGS, ...s };
  if (!Array.isArray(o.ratesBpm) || o.ratesBpm.length < 2 || o.ratesBpm.length > MAX_RESONANCE_STEPS)
    add('resonanceProtocol.rates', { max: String(MAX_RESONANCE_STEPS), got: Array.isArray(o.ratesBpm) ? String(o.ratesBpm.length) : String(o.ratesBpm) });
  if (!isNum(o.stepSec) || o.stepSec <= 0) add('resonanceProtocol.stepSec', { got: String(o.stepSec) });
  if (!isNum(o.settleSec) || o.settleSec < 0) add('resonanceProtocol.settleSec', { got: String(o.settleSec) });
  if (!isNum(o.restSec) || o.restSec < 0) add('resonanceProtocol.restSec', { got: String(o.restSec) });
  if (errors.length > 0) return errors;
  // The in-breath share is the same for every step: a problem with it is said once, not per step.
  const shared = pacerSettingsProblems({ rateBpm: 6, inhaleFraction: o.inhaleFraction });
  for (const p of shared) add('resonanceProtocol.pacer', causeOf(p));
  if (errors.length > 0) return errors;
  o.ratesBpm.forEach((rate, i) => {
    if (isNum(rate) && (rate < PACER_MIN_RATE_BPM - 1e-9 || rate > PACER_MAX_RATE_BPM + 1e-9)) {
      add('resonanceProtocol.stepRate', { step: String(i + 1), min: String(PACER_MIN_RATE_BPM), max: String(PACER_MAX_RATE_BPM), got: String(rate) });
      return;
    }
    // What is left: a rate that is no number, or in- and out-breath too short at this rate with this ratio.
    for (const p of pacerSettingsProblems({ rateBpm: rate, inhaleFraction: o.inhaleFraction }))
      add('resonanceProtocol.stepPacer', { step: String(i + 1), rate: isNum(rate) ? rate : String(rate), ...causeOf(p) });
  });
  if (errors.length > 0) return errors;
  // The analysed part: whole breaths from the first boundary after settling to the step end.
  for (const rate of o.ratesBpm) {
    const len = analysedLengthSec(rate, o.stepSec, o.settleSec);
    if (len < MIN_STEP_ANALYSIS_SEC) {
      add('resonanceProtocol.tooShort', { step: String(o.stepSec), settle: String(o.settleSec), len: len.toFixed(1), rate: String(rate), min: String(MIN_STEP_ANALYSIS_SEC) });
      break;
    }
  }
  return errors;
}

/**
 * `buildResonanceProtocol`: the pacer schedule and the step/rest timetable of a stepped protocol
 * starting at `startSec` (session clock). Returns `{ error }` listing the problems of bad settings.
 */
export function buildResonanceProtocol(
  settings: Partial<ResonanceProtocolSettings> = {},
  startSec = 0,
): ResonanceProtocol | { error: string } {
  const errors = validateResonanceSettings(settings);
  if (!isNum(startSec)) errors.push('the protocol start must be a finite time in seconds');
  if (errors.length > 0) return { error: errors.join('; ') };
  const s: ResonanceProtocolSettings = { ...DEFAULT_RESONANCE_SETTINGS, ...settings, ratesBpm: [...(settings.ratesBpm ?? DEFAULT_RESONANCE_SETTINGS.ratesBpm)] };
  const pacerSteps: PacerStep[] = [];
  const kinds: { kind: 'step' | 'rest'; stepIndex: number }[] = [];
  s.ratesBpm.forEach((rateBpm, i) => {
    const settingsI: PacerSettings = { rateBpm, inhaleFraction: s.inhaleFraction };
    if (i > 0 && s.restSec > 0) {
      pacerSteps.push({ settings: settingsI, durationSec: s.restSec });
      kinds.push({ kind: 'rest', stepIndex: i });
    }
    pacerSteps.push({ settings: settingsI, durationSec: s.stepSec });
    kinds.push({ kind: 'step', stepIndex: i });
  });
  const schedule = PacerSchedule.fromSteps(pacerSteps, startSec);
  if ('error' in schedule) return schedule;
  const segs = schedule.segments;
  const endSec = schedule.endSec;
  if (segs.length !== pacerSteps.length || endSec === null)
    return { error: 'internal: the pacer schedule does not match the protocol steps' };
  const phases: ResonancePhase[] = segs.map((seg, k) => {
    const end = k + 1 < segs.length ? segs[k + 1].startSec : endSec;
    const { kind, stepIndex } = kinds[k];
    return {
      kind,
      stepIndex,
      rateBpm: seg.settings.rateBpm,
      startSec: seg.startSec,
      endSec: end,
      analysisStartSec: kind === 'step' ? Math.min(end, schedule.nextBoundaryAt(seg.startSec + s.settleSec)) : null,
    };
  });
  return { settings: s, schedule, phases, steps: phases.filter((p) => p.kind === 'step'), startSec, endSec };
}

/** Pacer breath starts (inhale onsets) in [t0Sec, t1Sec] of a constant-rate stretch that has a boundary at `anchorSec`. */
export function breathStartsIn(anchorSec: number, periodSec: number, t0Sec: number, t1Sec: number): number[] {
  const out: number[] = [];
  const k0 = Math.ceil((t0Sec - anchorSec) / periodSec - 1e-9);
  for (let k = k0; ; k++) {
    const t = anchorSec + k * periodSec;
    if (t > t1Sec + 1e-6) break;
    out.push(t);
  }
  return out;
}

/** `resonanceProgressAt`: which step or rest of `protocol` is running at `tSec`, and how far along. */
export function resonanceProgressAt(protocol: ResonanceProtocol, tSec: number): ResonanceProgress {
  const phases = protocol.phases;
  const stepCount = protocol.steps.length;
  const totalRemainingSec = Math.max(0, protocol.endSec - tSec);
  if (!(tSec >= protocol.startSec))
    return { kind: 'before', phaseIndex: -1, stepIndex: null, stepCount, rateBpm: null, settling: false, elapsedSec: 0, remainingSec: protocol.startSec - tSec, totalRemainingSec };
  const i = phases.findIndex((p) => tSec < p.endSec);
  if (i < 0)
    return { kind: 'done', phaseIndex: phases.length, stepIndex: null, stepCount, rateBpm: null, settling: false, elapsedSec: 0, remainingSec: 0, totalRemainingSec: 0 };
  const p = phases[i];
  return {
    kind: p.kind,
    phaseIndex: i,
    stepIndex: p.stepIndex,
    stepCount,
    rateBpm: p.kind === 'step' ? p.rateBpm : null,
    settling: p.kind === 'step' && p.analysisStartSec !== null && tSec < p.analysisStartSec,
    elapsedSec: tSec - p.startSec,
    remainingSec: p.endSec - tSec,
    totalRemainingSec,
  };
}

/**
 * `analyzeResonance`: the stepped resonance-frequency assessment of a recording — beats (with
 * quality and gaps) on the clock of the protocol's pacer schedule → per-step criteria
 * (`analyzeResonanceStep`) → ranking and recommendation (`recommendResonanceRate`).
 *
 * Works offline (after `analyzePpg`/`analyzeBeats` or on beats from the live worker) and is
 * pure: the same beats and protocol always give the same result.
 */
import { analyzeResonanceStep, MAX_CORRECTED_PCT, MIN_ADHERENCE_PCT, MIN_SIGNAL_QUALITY_PCT } from './analyzeResonanceStep.js';
import { CRITERION_WEIGHTS, recommendResonanceRate, TOO_CLOSE_MARGIN_POINTS } from './rankResonanceSteps.js';
import { resonanceNn, type ResonanceBeatsInput } from './resonanceBeats.js';
import type { ResonanceProtocol } from './resonanceProtocol.js';
import { LOCAL_RATE_BREATHS, LOCAL_RATE_TOLERANCE_BPM, PHASE_SCALE_DEG } from './stepRhythm.js';
import { PEAK_MIN_REL, PEAK_VALLEY_REL, RSA_MIN_PEAK_SHARE } from './stepSpectrum.js';
import type { ResonanceAnalysisSettingsReport, ResonanceAssessment } from './types.js';

/** How each criterion is measured (for reports and the `settings` of the CLI's JSON). */
export const RESONANCE_METHODS: Readonly<Record<string, string>> = Object.freeze({
  nn:
    'beats → untrusted stretches (gaps, beat quality < 0.35, missed beats) → Lipponen & Tarvainen 2019 artifact correction; ' +
    'beat times moved back by the pulse delay (pulse arrival at the ear) before timing against the pacer',
  lfPower: 'one Hann-windowed periodogram of the analysed part (4 Hz cubic-spline NN, linear detrend), ∫ 0.04–0.15 Hz, ms²',
  lfPeak: 'highest local PSD maximum in 0.04–0.15 Hz, integrated over its main lobe ±2/T Hz, ms²',
  lfPeakCount: `local PSD maxima in 0.04–0.15 Hz ≥ ${PEAK_MIN_REL * 100} % of the highest; neighbours separated only by a dip below ${PEAK_VALLEY_REL * 100} % of the lower one`,
  peakToTrough: 'HR max − min within each pacer breath (beats closing inside it), mean and SD over breaths without missing beats',
  phase:
    'per-breath least-squares sinusoid fit of HR at the pacer rate; lag of the HR maximum after the lung-volume maximum (end of inhale), circular mean; ' +
    `synchrony = mean resultant length; phase criterion = synchrony × max(0, 1 − |lag|/${PHASE_SCALE_DEG}°)`,
  smoothness: 'power within ±2/T Hz of the pacer frequency ÷ power in 0.04–0.4 Hz of the same spectrum (share of HR power at the breathing rate)',
  adherence:
    `RSA rate = dominant local maximum of the step spectrum in 0.05–0.5 Hz (clear when ≥ ${RSA_MIN_PEAK_SHARE * 100} % of that band is in its main lobe), tolerance max(0.5, 30/T) breaths/min; ` +
    `local adherence = share of ${LOCAL_RATE_BREATHS}-breath windows whose RSA rate is within ${LOCAL_RATE_TOLERANCE_BPM} breath/min of the pacer`,
  ranking:
    'each criterion relative to the best comparable step (fewest LF peaks: fewest / count); weighted mean × 100 with phase and peak-to-trough ×2; ' +
    'steps with a poor signal ranked last and never recommended (Shaffer & Meehan 2020 criteria, weighting ours)',
});

export interface AnalyzeResonanceOptions {
  /** See `resonanceBeats.ts` (default 0; use `PPG_PULSE_DELAY_SEC` for ear-clip PPG beats). */
  pulseDelaySec?: number;
  /**
   * Only the steps that have ended by this time (session clock) — for a live table that fills in
   * step by step; the recommendation then ranks those steps. Default: every step.
   */
  untilSec?: number;
}

/** See the file comment. `input` times must be on the clock `protocol` was built on. */
export function analyzeResonance(
  input: ResonanceBeatsInput,
  protocol: ResonanceProtocol,
  options: AnalyzeResonanceOptions = {},
): ResonanceAssessment {
  const pulseDelaySec = options.pulseDelaySec ?? input.pulseDelaySec ?? 0;
  const nn = resonanceNn({ ...input, pulseDelaySec });
  const until = options.untilSec;
  const done = until === undefined ? protocol.steps : protocol.steps.filter((p) => p.endSec <= until + 1e-9);
  const steps = done.map((phase) => analyzeResonanceStep(nn, phase, { inhaleFraction: protocol.settings.inhaleFraction }));
  return {
    kind: 'stepped',
    steps,
    recommendation: recommendResonanceRate(steps),
    settings: resonanceSettingsReport(protocol.settings, pulseDelaySec),
  };
}

/** The `settings` block of an assessment. */
export function resonanceSettingsReport(
  protocol: ResonanceAnalysisSettingsReport['protocol'],
  pulseDelaySec: number,
): ResonanceAnalysisSettingsReport {
  return {
    protocol: { ...protocol, ...('ratesBpm' in protocol ? { ratesBpm: [...protocol.ratesBpm] } : {}) },
    pulseDelaySec,
    weights: { ...CRITERION_WEIGHTS },
    thresholds: {
      maxCorrectedPct: MAX_CORRECTED_PCT,
      minSignalQualityPct: MIN_SIGNAL_QUALITY_PCT,
      minAdherencePct: MIN_ADHERENCE_PCT,
      tooCloseMarginPoints: TOO_CLOSE_MARGIN_POINTS,
      phaseScaleDeg: PHASE_SCALE_DEG,
      localRateToleranceBpm: LOCAL_RATE_TOLERANCE_BPM,
    },
    methods: { ...RESONANCE_METHODS },
  };
}

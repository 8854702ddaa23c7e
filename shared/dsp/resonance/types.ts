/**
 * UI-facing types of the resonance-frequency assessment (stepped protocol after Lehrer and
 * Shaffer & Meehan 2020; sliding protocol after Fisher & Lehrer 2022). Everything the guided
 * screen, the session history/report and the therapist's override need is in these shapes;
 * the CLI prints them as JSON and the session summary stores them (key `resonance`).
 *
 * Clock: every time (`…Sec`) is on the clock of the beats and the pacer schedule that were
 * analysed (for a stored session: the recording clock). Rates are breaths per minute.
 */

/** A text in both languages of the app. */
export interface LocalizedText {
  en: string;
  nl: string;
}

export type ResonanceLanguage = keyof LocalizedText;

// ------------------------------------------------------------------------------- protocol

/** Settings of the stepped protocol (see `DEFAULT_RESONANCE_SETTINGS`). */
export interface ResonanceProtocolSettings {
  /** Breathing rates of the steps, in the order they are run, breaths/min (3–12 each). */
  ratesBpm: number[];
  /** Paced time per step, s of signal (the step ends at the first breath boundary after it). */
  stepSec: number;
  /** Share of the breath spent inhaling, 0.1–0.9 (0.4 = inhale:exhale 4:6). */
  inhaleFraction: number;
  /** Rest between steps, s (0 = none). During a rest the client breathes freely (no pacer). */
  restSec: number;
  /** Start of each step not analysed while heart rate settles to the new rate, s (rounded up to a breath boundary). */
  settleSec: number;
}

/** One part of the stepped protocol on the session clock. */
export interface ResonancePhase {
  kind: 'step' | 'rest';
  /** Step number (0-based) of a step; for a rest the number of the step that follows it. */
  stepIndex: number;
  /** Pacer rate during a step; for a rest the rate of the next step (the pacer is hidden during rests). */
  rateBpm: number;
  startSec: number;
  endSec: number;
  /** Steps only: where the analysis starts (first breath boundary ≥ startSec + settleSec). */
  analysisStartSec: number | null;
}

/** Where a running stepped protocol is at a moment (the screen's live step indicator). */
export interface ResonanceProgress {
  /** Before the first step, in a step or a rest, or done after the last step. */
  kind: 'before' | 'step' | 'rest' | 'done';
  /** Index into `phases` (−1 before, phases.length when done). */
  phaseIndex: number;
  /** The step (for a rest: the step that follows); null before and after. */
  stepIndex: number | null;
  stepCount: number;
  /** Pacer rate now (null before, during a rest, and after). */
  rateBpm: number | null;
  /** In the first part of a step that is not analysed (heart rate settling). */
  settling: boolean;
  /** Time into and left of the current phase, s. */
  elapsedSec: number;
  remainingSec: number;
  /** Time left of the whole protocol, s. */
  totalRemainingSec: number;
}

/** Settings of the sliding protocol (see `DEFAULT_SLIDING_SETTINGS`). */
export interface SlidingProtocolSettings {
  startRateBpm: number;
  endRateBpm: number;
  /** Number of breaths over which the rate slides linearly (breath by breath) from start to end. */
  breaths: number;
  inhaleFraction: number;
  /** Breaths that start within this time from the beginning are not analysed, s. */
  settleSec: number;
}

// --------------------------------------------------------------------------- step results

/** The six published criteria (Shaffer & Meehan 2020), as scored here. */
export type ResonanceCriterion = 'phase' | 'peakToTrough' | 'lfPower' | 'lfPeak' | 'smoothness' | 'lfPeakCount';

export const RESONANCE_CRITERIA: readonly ResonanceCriterion[] = [
  'phase',
  'peakToTrough',
  'lfPower',
  'lfPeak',
  'smoothness',
  'lfPeakCount',
];

/** Analysis of one step of the stepped protocol. `null` = not measurable in this step (too few data). */
export interface ResonanceStepResult {
  /** Step number, 0-based, in run order. */
  index: number;
  rateBpm: number;
  /** Pacer frequency, Hz (rateBpm / 60). */
  pacerHz: number;
  /** The paced step: start and end (breath boundaries). */
  startSec: number;
  endSec: number;
  /** Analysed part: from the first breath boundary after settling to the end of the step. */
  analysisStartSec: number;
  analysedSec: number;
  /** Complete pacer breaths in the analysed part. */
  breaths: number;
  /** Detected beats in the analysed part. */
  beats: number;
  meanHrBpm: number | null;

  /** LF power (0.04–0.15 Hz) of the NN series, ms² (one Hann-windowed periodogram of the analysed part). */
  lfPowerMs2: number | null;
  /** Power of the highest LF peak: the spectrum integrated over the peak's main lobe (±2/T Hz), ms². */
  lfPeakPowerMs2: number | null;
  /** Frequency of the highest LF peak, Hz. */
  lfPeakHz: number | null;
  /** Number of distinct peaks in the LF band (fewer is better; 1 = a single clean peak). */
  lfPeakCount: number | null;

  /** Mean over breaths of the heart-rate peak-to-trough (max − min) per pacer breath, bpm. */
  peakToTroughBpm: number | null;
  /** Its standard deviation over breaths (spread), bpm. */
  peakToTroughSdBpm: number | null;
  /** Per pacer breath in the analysed part (null = breath with a missing beat). */
  peakToTroughPerBreathBpm: (number | null)[];

  /**
   * Phase of the heart-rate oscillation relative to the pacer, degrees in (−180, 180]: how far
   * the HR maximum comes AFTER the lung-volume maximum (end of the in-breath). 0 = in phase (HR
   * rises during the whole in-breath, the resonance signature); positive = HR lags; negative = HR leads.
   */
  hrLagDeg: number | null;
  /** Consistency of that phase from breath to breath, 0–1 (mean resultant length of the per-breath phases). */
  synchrony: number | null;
  /** The phase criterion: synchrony × max(0, 1 − |hrLagDeg| / 45), 0–1 (1 = in phase in every breath). */
  inPhaseIndex: number | null;
  /** Smoothness of the HR curve, 0–1: share of the HR power (0.04–0.4 Hz) at the breathing frequency. */
  smoothness: number | null;

  /** Breathing rate derived from the heart rate (RSA) over the analysed part, breaths/min. */
  rsaRateBpm: number | null;
  /** rsaRateBpm − rateBpm. */
  rateErrorBpm: number | null;
  /** Share of the analysed breaths in which the local RSA rate (2-breath windows) matched the pacer, %. */
  adherencePct: number | null;
  /** The heart rhythm followed the pacer (rate within tolerance and adherence ≥ the threshold). */
  onPace: boolean;

  /** Beats corrected or removed by the artifact correction or below the beat-quality threshold, % of the beats in the analysed part. */
  correctedPct: number;
  /** Share of the analysed part covered by trusted NN intervals, %. */
  signalQualityPct: number;
  /** Signal good enough to compare this step (correctedPct and signalQualityPct within thresholds). */
  reliable: boolean;

  /** NN spectrum of the analysed part up to 0.4 Hz (for the screen's spectrum chart). */
  spectrum: { freqHz: number[]; psdMs2PerHz: number[] } | null;
}

// ------------------------------------------------------------------------- recommendation

export type ResonanceFlag = 'too-close-to-call' | 'signal-too-poor' | 'off-pace';

/** One row of the ranking, best first. */
export interface ResonanceRankEntry {
  rank: number;
  stepIndex: number;
  rateBpm: number;
  /** Weighted criteria score, 0–100 (100 = best step on every criterion). */
  score: number;
  /** Each criterion relative to the best step on it, 0–1. */
  criteria: Record<ResonanceCriterion, number>;
  /** Criteria on which this step is the best (ties count for each). */
  criteriaWon: ResonanceCriterion[];
  reliable: boolean;
  onPace: boolean;
}

/** A message of the reason, for re-rendering in the UI's language. */
export interface ResonanceMessagePart {
  key: string;
  /** Numbers are formatted per language (decimal comma in Dutch); lists are rates joined with " / ". */
  params: Record<string, string | number | number[]>;
}

export interface ResonanceRecommendation {
  /** Recommended breathing rate, breaths/min; null when no step had a usable signal. */
  rateBpm: number | null;
  ranking: ResonanceRankEntry[];
  /** Why, in plain words. */
  reason: LocalizedText;
  reasonParts: ResonanceMessagePart[];
  flags: ResonanceFlag[];
  /** The second-best rate and the score difference to it (points of 100), when there is one. */
  runnerUpRateBpm: number | null;
  scoreMargin: number | null;
}

/** What a therapist may set instead of the recommendation (stored next to it). */
export interface ResonanceOverride {
  rateBpm: number;
  note: string;
  /** ISO date-time of the override. */
  at: string;
}

/** Result of the stepped assessment. */
export interface ResonanceAssessment {
  kind: 'stepped';
  steps: ResonanceStepResult[];
  recommendation: ResonanceRecommendation;
  settings: ResonanceAnalysisSettingsReport;
}

/** Settings and methods behind an assessment (shown in reports). */
export interface ResonanceAnalysisSettingsReport {
  protocol: ResonanceProtocolSettings | SlidingProtocolSettings;
  pulseDelaySec: number;
  weights?: Record<ResonanceCriterion, number>;
  thresholds: Record<string, number>;
  methods: Record<string, string>;
}

// ----------------------------------------------------------------------------- sliding

export interface SlidingBreathResult {
  index: number;
  startSec: number;
  endSec: number;
  rateBpm: number;
  /** HR max − min in this breath, bpm (null = breath with a missing beat or in the settling time). */
  peakToTroughBpm: number | null;
  /** Centred moving average over ±`smoothBreaths` usable breaths, bpm. */
  smoothedBpm: number | null;
}

/** Result of the sliding assessment. */
export interface SlidingAssessment {
  kind: 'sliding';
  breaths: SlidingBreathResult[];
  /** Breathing rate with the largest peak-to-trough HR excursion, breaths/min (unrounded). */
  peakRateBpm: number | null;
  /** Smoothed peak-to-trough at the peak, bpm. */
  peakToTroughBpm: number | null;
  usableBreaths: number;
  correctedPct: number;
  signalQualityPct: number;
  recommendation: ResonanceRecommendation;
  settings: ResonanceAnalysisSettingsReport;
}

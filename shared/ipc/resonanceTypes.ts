/**
 * Data shapes of the resonance-frequency assessment as they cross the API (guided screen, the
 * client's history, the pacer preset of the next breathing session). The assessment itself is
 * the `ResonanceAssessment` / `SlidingAssessment` of shared/dsp/resonance; these wrap it with the
 * state of a run in the workstation and with what is stored for a session.
 *
 * Clocks: a running assessment's `phases`, `breaths`, `startSec`, `endSec` and `clockSec` are on
 * the live channel clock (the clock of `liveData.clock` in the renderer), so the screen can count
 * down on animation frames. The step results of a RUNNING assessment are on that clock too; once
 * the run has ended, `assessment` is the stored one, on the recording clock (0 = session start).
 */
import type { IsoDateTime, SessionStatus } from '../domain/types.js';
import type {
  ResonanceAssessment,
  ResonanceOverride,
  ResonancePhase,
  ResonanceProgress,
  ResonanceProtocolSettings,
  SlidingAssessment,
  SlidingProtocolSettings,
} from '../dsp/resonance/types.js';
import type { StepHrTrace } from '../dsp/resonance/stepHrTraces.js';

/** The stepped protocol (Lehrer; Shaffer & Meehan 2020) or the sliding one (Fisher & Lehrer 2022). */
export type ResonanceVariant = 'stepped' | 'sliding';
export const RESONANCE_VARIANTS: readonly ResonanceVariant[] = ['stepped', 'sliding'];

export interface StartResonanceRequest {
  clientId: number;
  /** Default: the first connected channel. */
  channel?: string;
  /** Default 'stepped'. */
  variant?: ResonanceVariant;
  /**
   * Protocol settings; missing ones take the defaults (`DEFAULT_RESONANCE_SETTINGS`). The sliding
   * variant is the fixed 6.75 → 4.25 breaths/min sweep: only `inhaleFraction` and `settleSec` apply.
   */
  settings?: Partial<ResonanceProtocolSettings>;
}

/** 'running' until the protocol ends; then complete, interrupted (stopped early, sensor lost) or cancelled (nothing stored). */
export type ResonanceRunStatus = 'running' | 'complete' | 'interrupted' | 'cancelled';

/** One breath of the sliding protocol (channel clock). */
export interface ResonanceBreathView {
  startSec: number;
  endSec: number;
  rateBpm: number;
}

/** Event + result: the assessment being run (or the last one run since the app started). */
export interface ResonanceRunView {
  /** Increases with every assessment started in this app core. */
  runId: number;
  status: ResonanceRunStatus;
  variant: ResonanceVariant;
  sessionId: number;
  clientId: number;
  channel: string;
  settings: ResonanceProtocolSettings | SlidingProtocolSettings;
  /** Stepped: steps and rests in time order (empty for sliding). */
  phases: ResonancePhase[];
  /** Sliding: the breaths (empty for stepped). */
  breaths: ResonanceBreathView[];
  startSec: number;
  endSec: number;
  /** Channel clock when this view was made. */
  clockSec: number;
  /** Where the protocol was at `clockSec` (sliding: `stepIndex` = breath, `stepCount` = breaths). */
  progress: ResonanceProgress;
  /** Steps whose analysis is in (the table rows so far); sliding: 0 until the end. */
  stepsDone: number;
  /**
   * Stepped: the finished steps so far (live) or the whole assessment (after the end); sliding:
   * null while running. Null also after a cancel or when nothing could be analysed.
   */
  assessment: ResonanceAssessment | SlidingAssessment | null;
  override: ResonanceOverride | null;
  /** Why the run ended early, in English (e.g. the sensor was lost), or null. */
  endReason: string | null;
}

/** The rate a client's assessment yields (see `lastResonanceRate`). */
export interface ResonanceRateView {
  /** Breaths/min: the therapist's override if there is one, else the recommendation. */
  rateBpm: number;
  source: 'override' | 'recommendation';
  /** The recommendation's flags ('too-close-to-call', 'signal-too-poor', 'off-pace'). */
  flags: string[];
  sessionId: number;
  startedAt: IsoDateTime;
}

/** The stored assessment of one session (history, summary card). */
export interface ResonanceResultView {
  sessionId: number;
  clientId: number;
  status: SessionStatus;
  startedAt: IsoDateTime;
  assessment: ResonanceAssessment | SlidingAssessment;
  override: ResonanceOverride | null;
  /** The rate this assessment yields (override first), or null. */
  rate: ResonanceRateView | null;
  /** This assessment sets the client's default pacer rate (their newest complete one with a rate). */
  isClientDefault: boolean;
  /** Stepped: the heart rate over the pacer per step (the per-step charts); empty for sliding. */
  stepTraces: StepHrTrace[];
}

export interface ResonanceOverrideRequest {
  sessionId: number;
  /** Breaths/min (3–12), or null to remove the override and use the recommendation again. */
  rateBpm: number | null;
  note?: string;
}

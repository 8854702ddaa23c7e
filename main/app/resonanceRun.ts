/**
 * `ResonanceRun` — one resonance-frequency assessment while it runs in the workstation: the
 * protocol on the live channel clock (`buildRunProtocol`), the live worker's beats and the
 * sensor gaps collected as they arrive, where the protocol is (`tick`), which steps are final
 * (their beats are all in: the worker's newest metrics time, which already trails the data by the
 * beat detector's look-ahead, is past the step end), the per-step table of the finished steps
 * (`analyzeResonance(..., { untilSec })`, cheap enough to rerun at every finished step) and, at
 * the end, the assessment on the recording clock for the session summary — the same analysis
 * `cadans resonance` runs headless (main/cli/resonanceCommand.ts).
 *
 * No I/O here: `ResonanceService` feeds it events and the clock and acts on what `tick` reports.
 */
import { BeatFlag } from '../../shared/domain/beatFlags.js';
import type { Interval } from '../../shared/dsp/signalGaps.js';
import type { WorkerResult } from '../analysis/analysisProtocol.js';
import {
  analyzeResonance,
  analyzeSliding,
  buildResonanceProtocol,
  buildSlidingProtocol,
  type ResonanceAssessment,
  type ResonanceOverride,
  type ResonanceProgress,
  type ResonanceProtocol,
  type ResonanceProtocolSettings,
  type SlidingAssessment,
  type SlidingProtocol,
} from '../../shared/dsp/resonance/index.js';
import type { PacerSettings } from '../../shared/pacer/pacerSettings.js';
import { resonanceSettingsProblems } from '../../shared/dsp/resonance/resonanceProtocol.js';
import { CadansError } from '../../shared/i18n/CadansError.js';
import { resonanceRunProgress } from '../../shared/ipc/resonanceRunProgress.js';
import type { ResonanceRunStatus, ResonanceRunView, ResonanceVariant } from '../../shared/ipc/resonanceTypes.js';

/** The protocol of a run: stepped or sliding, on one clock. */
export type RunProtocol = { kind: 'stepped'; p: ResonanceProtocol } | { kind: 'sliding'; p: SlidingProtocol };

/** Longest wait for the beats of a finished step, s of signal (a lost pulse must not stall the run). */
export const MAX_STEP_WAIT_SEC = 20;
/** Margin after a step end before its beats count as complete, s. */
const FINAL_MARGIN_SEC = 1;

const SLIDING_ONLY: readonly (keyof ResonanceProtocolSettings)[] = ['inhaleFraction', 'settleSec'];

/**
 * `buildRunProtocol` — the stepped or sliding protocol starting at `startSec`. Throws an Error
 * with the problems of bad settings (the sliding sweep is fixed: only the in-breath share and the
 * settling time apply to it).
 */
export function buildRunProtocol(variant: ResonanceVariant, settings: Partial<ResonanceProtocolSettings>, startSec: number): RunProtocol {
  if (variant === 'sliding') {
    const extra = Object.keys(settings).filter((k) => !SLIDING_ONLY.includes(k as keyof ResonanceProtocolSettings));
    if (extra.length > 0) {
      throw new CadansError('resonanceProtocol.slidingFixed', { settings: extra.join(', ') }, {
        message: `the sliding protocol is the fixed 6.75 → 4.25 breaths/min sweep; ${extra.join(', ')} do not apply to it`,
      });
    }
    const only: Record<string, number> = {};
    for (const k of SLIDING_ONLY) if (settings[k] !== undefined) only[k] = settings[k] as number;
    const r = buildSlidingProtocol(only, startSec);
    if ('error' in r) {
      // The same checks of the in-breath share and settling time as the stepped protocol's, coded.
      const first = resonanceSettingsProblems(only).find((x) => x.code === 'resonanceProtocol.pacer' || x.code === 'resonanceProtocol.settleSec');
      if (first) throw new CadansError(first.code, first.params, { message: `resonance protocol: ${r.error}` });
      throw new Error(`resonance protocol: ${r.error}`);
    }
    return { kind: 'sliding', p: r };
  }
  const r = buildResonanceProtocol(settings, startSec);
  if ('error' in r) {
    // Coded, so the page shows the (first) problem in the therapist's language; the log gets them all.
    const first = resonanceSettingsProblems(settings)[0];
    if (first) throw new CadansError(first.code, first.params, { message: `resonance protocol: ${r.error}` });
    throw new Error(`resonance protocol: ${r.error}`);
  }
  return { kind: 'stepped', p: r };
}

/** The protocol moved to another clock (live channel clock → recording clock). */
function rebuilt(proto: RunProtocol, startSec: number): RunProtocol {
  const s = proto.p.settings;
  if (proto.kind === 'sliding') return buildRunProtocol('sliding', { inhaleFraction: s.inhaleFraction, settleSec: s.settleSec }, startSec);
  return buildRunProtocol('stepped', s as ResonanceProtocolSettings, startSec);
}

/** What `tick` found. */
export interface ResonanceTick {
  progress: ResonanceProgress;
  /** The protocol entered another step, rest or breath (or its end) since the last tick. */
  phaseChanged: boolean;
  /** More steps are final (the table has new rows). */
  stepsChanged: boolean;
  /** Every step is final: the run can end. */
  finished: boolean;
}

export interface ResonanceRunInfo {
  id: number;
  sessionId: number;
  clientId: number;
  channel: string;
  /** Beats trail the heart by this much (ear-clip PPG: `PPG_PULSE_DELAY_SEC`; RR sensors 0), s. */
  pulseDelaySec: number;
}

export class ResonanceRun {
  readonly variant: ResonanceVariant;
  status: ResonanceRunStatus = 'running';
  /** How the run is to end once the session stops (set before stopping it). */
  endAs: Exclude<ResonanceRunStatus, 'running'> | null = null;
  endReason: string | null = null;
  override: ResonanceOverride | null = null;
  /** Final beats (detections; not the ones the correction inserted), channel clock. */
  private readonly beatsSec: number[] = [];
  private readonly quality: number[] = [];
  /** The newest beats, not final yet (replaced with every result that brings them). */
  private provisionalSec: number[] = [];
  private provisionalQuality: number[] = [];
  private readonly gaps: Interval[] = [];
  /** Beats are complete up to here (channel clock). */
  private finalUntilSec = -Infinity;
  private phaseKey = '';
  private stepsDone = 0;
  private live: ResonanceAssessment | null = null;
  private final: ResonanceAssessment | SlidingAssessment | null = null;
  /** Channel clock of the last tick (or of the end). */
  private clockSec: number;

  constructor(
    readonly info: ResonanceRunInfo,
    /** The protocol on the channel clock. */
    readonly protocol: RunProtocol,
  ) {
    this.variant = protocol.kind;
    this.clockSec = protocol.p.startSec;
  }

  /** Pacer settings at the start (for the session's recorder). */
  get firstPacer(): PacerSettings {
    return { ...this.protocol.p.schedule.segments[0]!.settings } as PacerSettings;
  }

  /** A result of the recording's analysis: final and provisional beats, metrics (channel clock). */
  addResult(r: Pick<WorkerResult, 'final' | 'provisional' | 'metrics'>): void {
    for (const b of r.final) {
      if (b.flags & BeatFlag.interpolated) continue;
      this.beatsSec.push(b.tSec);
      this.quality.push(b.quality ?? 1);
    }
    if (r.provisional) {
      const raw = r.provisional.filter((b) => !(b.flags & BeatFlag.interpolated));
      this.provisionalSec = raw.map((b) => b.tSec);
      this.provisionalQuality = raw.map((b) => b.quality ?? 1);
    }
    const last = r.metrics[r.metrics.length - 1];
    if (last && Number.isFinite(last.tSec)) this.finalUntilSec = Math.max(this.finalUntilSec, last.tSec);
  }

  addGap(g: Interval): void {
    this.gaps.push({ startSec: g.startSec, endSec: g.endSec });
  }

  /** Steps final at `clockSec`: their beats are all in, or waiting longer makes no sense. */
  private finalSteps(clockSec: number): number {
    if (this.protocol.kind !== 'stepped') return 0;
    let n = 0;
    for (const st of this.protocol.p.steps) {
      if (this.finalUntilSec >= st.endSec + FINAL_MARGIN_SEC || clockSec >= st.endSec + MAX_STEP_WAIT_SEC) n++;
      else break;
    }
    return n;
  }

  /** Advance to `clockSec` (channel clock): progress, and whether the table or the phase changed. */
  tick(clockSec: number): ResonanceTick {
    this.clockSec = clockSec;
    const progress = resonanceRunProgress(this.timetable(), clockSec);
    const key = `${progress.kind}:${progress.phaseIndex}`;
    const phaseChanged = key !== this.phaseKey;
    this.phaseKey = key;
    let stepsChanged = false;
    let finished: boolean;
    const end = this.protocol.p.endSec;
    if (this.protocol.kind === 'stepped') {
      const n = this.finalSteps(clockSec);
      if (n > this.stepsDone) {
        this.stepsDone = n;
        this.live = analyzeResonance(this.input(0), this.protocol.p, { untilSec: this.protocol.p.steps[n - 1]!.endSec });
        stepsChanged = true;
      }
      finished = n === this.protocol.p.steps.length;
    } else {
      finished = this.finalUntilSec >= end + FINAL_MARGIN_SEC || clockSec >= end + MAX_STEP_WAIT_SEC;
    }
    return { progress, phaseChanged, stepsChanged, finished };
  }

  /** The beats known so far (final, then provisional) on a clock `offsetSec` behind the channel clock. */
  private input(offsetSec: number) {
    const lastFinal = this.beatsSec[this.beatsSec.length - 1] ?? Number.NEGATIVE_INFINITY;
    const tail = this.provisionalSec.map((t, i) => [t, this.provisionalQuality[i]!] as const).filter(([t]) => t > lastFinal);
    const beats = [...this.beatsSec, ...tail.map(([t]) => t)];
    return {
      beatsSec: offsetSec === 0 ? beats : beats.map((t) => t - offsetSec),
      quality: [...this.quality, ...tail.map(([, q]) => q)],
      gaps: this.gaps.map((g) => ({ startSec: g.startSec - offsetSec, endSec: g.endSec - offsetSec })),
      pulseDelaySec: this.info.pulseDelaySec,
    };
  }

  /**
   * `finish` — the assessment to store, on the recording clock (`offsetSec` = channel-clock time of
   * recording t = 0). A complete run analyses every step; a run stopped early only the steps that
   * were final (sliding: the whole sweep, unfinished breaths unusable). Null for a cancelled run.
   */
  finish(status: Exclude<ResonanceRunStatus, 'running'>, clockSec: number, offsetSec: number): ResonanceAssessment | SlidingAssessment | null {
    this.status = status;
    this.clockSec = clockSec;
    if (status === 'cancelled') {
      this.final = null;
      return null;
    }
    const proto = rebuilt(this.protocol, this.protocol.p.startSec - offsetSec);
    if (proto.kind === 'sliding') this.final = analyzeSliding(this.input(offsetSec), proto.p);
    else {
      const n = status === 'complete' ? proto.p.steps.length : this.finalSteps(clockSec);
      this.final = analyzeResonance(this.input(offsetSec), proto.p, n === proto.p.steps.length ? {} : { untilSec: n > 0 ? proto.p.steps[n - 1]!.endSec : -Infinity });
    }
    return this.final;
  }

  private timetable() {
    const p = this.protocol;
    return {
      variant: this.variant,
      settings: p.p.settings,
      phases: p.kind === 'stepped' ? p.p.phases : [],
      breaths: p.kind === 'sliding' ? p.p.breaths.map((b) => ({ startSec: b.startSec, endSec: b.endSec, rateBpm: b.rateBpm })) : [],
      startSec: p.p.startSec,
      endSec: p.p.endSec,
    };
  }

  /** The run as the renderer sees it at `clockSec` (default: the last tick, or the end). */
  view(clockSec: number = this.clockSec): ResonanceRunView {
    const tt = this.timetable();
    const running = this.status === 'running';
    return {
      runId: this.info.id,
      status: this.status,
      variant: this.variant,
      sessionId: this.info.sessionId,
      clientId: this.info.clientId,
      channel: this.info.channel,
      settings: { ...tt.settings, ...('ratesBpm' in tt.settings ? { ratesBpm: [...tt.settings.ratesBpm] } : {}) },
      phases: tt.phases.map((p) => ({ ...p })),
      breaths: tt.breaths,
      startSec: tt.startSec,
      endSec: tt.endSec,
      clockSec,
      progress: resonanceRunProgress(tt, clockSec),
      stepsDone: running ? this.stepsDone : (this.final?.kind === 'stepped' ? this.final.steps.length : 0),
      assessment: running ? this.live : this.final,
      override: this.override,
      endReason: this.endReason,
    };
  }
}

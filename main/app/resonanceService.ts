/**
 * `ResonanceService` — the resonance-frequency assessment in the workstation (the contract's
 * `startResonance` … `getLastResonanceRate`), on top of the live session part (`SessionCalls`):
 * the run is a live session of type 'resonance' that it owns (recorded like any other; not
 * pausable, not re-paced by hand; its recording's analysis comes to the run through the
 * recorder's tap), and it hears of the session's end through `onEnded`. Its pacer follows the
 * protocol's schedule (hidden during rests, when the client breathes freely). Each app tick
 * advances the run (`ResonanceRun.tick`): a new step or rest puts a 'phase' marker (and a pacer
 * change) in the recording and pushes the run to the renderer (`onResonance`); a finished step
 * adds its row to the live table; after the last step the session stops by itself, the
 * assessment is stored in the session summary (`storeResonance`), and its rate — or the
 * therapist's override — becomes the client's default pacer rate (`lastResonanceRate`).
 * Stopping early keeps the finished steps (status 'interrupted', never a default); cancelling
 * stores no assessment.
 */
import { PPG_PULSE_DELAY_SEC, stepHrTraces, type ResonanceAssessment, type ResonanceProtocolSettings, type StepHrTrace } from '../../shared/dsp/resonance/index.js';
import {
  RESONANCE_VARIANTS,
  type ResonanceOverrideRequest,
  type ResonanceRateView,
  type ResonanceResultView,
  type ResonanceRunView,
  type StartResonanceRequest,
} from '../../shared/ipc/resonanceTypes.js';
import { lastResonanceRate, resonanceRateOf, setResonanceOverride, storedResonance, storeResonance } from '../sessions/resonanceDefaults.js';
import type { Storage } from '../storage/storage.js';
import type { EventHub } from './eventHub.js';
import type { PacerController } from './PacerController.js';
import { buildRunProtocol, ResonanceRun } from './resonanceRun.js';
import type { SensorCalls } from './sensorCalls.js';
import type { SessionCalls, SessionOwner } from './sessionCalls.js';
import { CadansError } from '../../shared/i18n/CadansError.js';
import { sessionText } from '../../shared/i18n/sessionTexts.js';
import type { Locale } from '../../shared/i18n/locales.js';

/** Why a run ended that did not end by itself (the session's end reason). */
const END_REASON: Record<string, string> = {
  'sensor-lost': 'the sensor went away before the protocol ended',
  'no-data': 'the sensor sent no data',
  'stream-ended': 'the sensor stream ended before the protocol ended',
};

const SETTING_KEYS: readonly (keyof ResonanceProtocolSettings)[] = ['ratesBpm', 'stepSec', 'inhaleFraction', 'restSec', 'settleSec'];
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The known settings of a request (unknown keys are refused, so a typo is not silently ignored). */
function requestSettings(v: unknown): Partial<ResonanceProtocolSettings> {
  if (v === undefined) return {};
  if (!isObj(v)) throw new CadansError('resonance.settingsNotObject');
  const unknown = Object.keys(v).filter((k) => !SETTING_KEYS.includes(k as keyof ResonanceProtocolSettings));
  if (unknown.length > 0) throw new CadansError('resonance.unknownSettings', { settings: unknown.join(', '), count: unknown.length, known: SETTING_KEYS.join(', ') });
  const out: Partial<ResonanceProtocolSettings> = {};
  for (const k of SETTING_KEYS) if (v[k] !== undefined) (out as Record<string, unknown>)[k] = k === 'ratesBpm' && Array.isArray(v[k]) ? [...(v[k] as unknown[])] : v[k];
  return out;
}

export class ResonanceService {
  private run: ResonanceRun | null = null;
  private nextId = 1;
  private pacerShown = true;

  constructor(
    private readonly storage: Storage,
    private readonly sessions: SessionCalls,
    private readonly sensors: SensorCalls,
    private readonly hub: EventHub,
    /** The app's language: markers the assessment places are written in it. */
    private readonly locale: () => Locale = () => 'nl',
  ) {
    sessions.onEnded((e) => this.sessionStopped(e.sessionId, e.clockOffsetSec, e.reason));
  }

  private get pacer(): PacerController {
    return this.sessions.pacer;
  }

  /** An assessment is running (the session is its recording). */
  get active(): boolean {
    return this.run?.status === 'running';
  }

  // ---------------------------------------------------------------- contract calls
  startResonance(req: StartResonanceRequest): ResonanceRunView {
    if (this.active) throw new CadansError('resonance.alreadyRunning');
    if (!isObj(req)) throw new CadansError('resonance.noRequest', { call: 'startResonance' });
    if (typeof req.clientId !== 'number' || !Number.isSafeInteger(req.clientId) || req.clientId <= 0) throw new CadansError('resonance.badClientId', { got: String(req.clientId) });
    const variant = req.variant ?? 'stepped';
    if (!RESONANCE_VARIANTS.includes(variant)) throw new CadansError('resonance.badVariant', { got: String(variant), variants: RESONANCE_VARIANTS.join(', ') });
    const settings = requestSettings(req.settings);
    const check = buildRunProtocol(variant, settings, 0); // refuse bad settings before recording anything
    const first = { ...check.p.schedule.segments[0]!.settings };
    let run: ResonanceRun | null = null;
    const owner: SessionOwner = {
      noPauseReason: 'resonance.noPause',
      noPacerReason: 'resonance.ownsPacer',
      ownsPacer: true,
      stopStatus: () => (run?.endAs === 'complete' ? 'complete' : 'interrupted'),
      tap: { addAnalysis: (r) => run?.addResult(r), addGap: (g) => run?.addGap(g) },
    };
    const st = this.sessions.startSession({ clientId: req.clientId, type: 'resonance', pacer: first, ...(req.channel ? { channel: req.channel } : {}) }, owner);
    const channel = st.channel!;
    let protocol: ReturnType<typeof buildRunProtocol>;
    try {
      protocol = buildRunProtocol(variant, settings, st.startClockSec!);
    } catch (e) {
      void this.sessions.stopSession().catch(() => undefined); // never leave a session without its protocol
      throw e;
    }
    const fsHz = this.sensors.channel(channel)?.info.fsHz;
    run = new ResonanceRun(
      { id: this.nextId++, sessionId: st.sessionId!, clientId: req.clientId, channel, pulseDelaySec: fsHz !== undefined ? PPG_PULSE_DELAY_SEC : 0 },
      protocol,
    );
    this.run = run;
    this.pacer.follow(protocol.p.schedule);
    this.pacerShown = true;
    this.sessions.emitPacer();
    this.tick();
    return run.view(this.sensors.clockOf(channel));
  }

  getResonanceRun(): ResonanceRunView | null {
    const r = this.run;
    return r ? r.view(r.status === 'running' ? this.sensors.clockOf(r.info.channel) : undefined) : null;
  }

  /** Stop now: the finished steps are analysed and stored (status 'interrupted'). */
  async stopResonance(): Promise<ResonanceRunView> {
    return this.endAndWait('interrupted', 'stopped early by the therapist');
  }

  /** Stop now and store no assessment. */
  async cancelResonance(): Promise<ResonanceRunView> {
    return this.endAndWait('cancelled', 'cancelled by the therapist');
  }

  getResonanceResult(sessionId: number): ResonanceResultView {
    const s = this.storage.sessions.require(sessionId);
    const stored = storedResonance(s);
    if (!stored) throw new CadansError('resonance.none', { sessionId });
    const { override, ...assessment } = stored;
    const rate = resonanceRateOf(s);
    return {
      sessionId,
      clientId: s.clientId,
      status: s.status,
      startedAt: s.startedAt,
      assessment,
      override: override ?? null,
      rate,
      isClientDefault: rate !== null && lastResonanceRate(this.storage, s.clientId)?.sessionId === sessionId,
      stepTraces: assessment.kind === 'stepped' ? this.stepTraces(sessionId, assessment) : [],
    };
  }

  /** Heart rate over the pacer per step, from the stored beats (same clock as the stored assessment). */
  private stepTraces(sessionId: number, a: ResonanceAssessment): StepHrTrace[] {
    const beats = this.storage.beats.list(sessionId);
    const protocol = a.settings.protocol;
    const inhale = 'inhaleFraction' in protocol ? protocol.inhaleFraction : 0.4;
    return stepHrTraces(a.steps, { tSec: beats.map((b) => b.tSec), ibiMs: beats.map((b) => b.ibiMs) }, inhale);
  }

  setResonanceOverride(req: ResonanceOverrideRequest): ResonanceResultView {
    if (!isObj(req)) throw new CadansError('resonance.noRequest', { call: 'setResonanceOverride' });
    const id = req.sessionId;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new CadansError('resonance.badSessionId', { got: String(id) });
    if (req.rateBpm !== null && typeof req.rateBpm !== 'number') throw new CadansError('resonance.badOverrideRate', { got: String(req.rateBpm) });
    const note = typeof req.note === 'string' ? req.note.trim().slice(0, 2000) : '';
    setResonanceOverride(this.storage, id, req.rateBpm, note);
    const result = this.getResonanceResult(id);
    if (this.run?.info.sessionId === id) {
      this.run.override = result.override;
      this.emit();
    }
    return result;
  }

  getLastResonanceRate(clientId: number): ResonanceRateView | null {
    this.storage.clients.require(clientId);
    return lastResonanceRate(this.storage, clientId);
  }

  // ---------------------------------------------------------------- hooks of the app service
  /** Every app tick: advance the run, move the pacer between steps and rests, end after the last step. */
  tick(): void {
    const run = this.run;
    if (!run || run.status !== 'running' || run.endAs !== null) return;
    const clock = this.sensors.clockOf(run.info.channel);
    const t = run.tick(clock);
    if (t.phaseChanged) this.enterPhase(run, t.progress);
    if (t.phaseChanged || t.stepsChanged) this.emit();
    if (t.finished) this.end('complete', null);
  }

  /** The session of the run has stopped (any way): analyse on the recording clock, store, tell the renderer. */
  sessionStopped(sessionId: number, clockOffsetSec: number, reason = 'stopped'): void {
    const run = this.run;
    if (!run || run.status !== 'running' || run.info.sessionId !== sessionId) return;
    const status = run.endAs ?? 'interrupted';
    if (run.endAs === null) run.endReason = END_REASON[reason] ?? 'the session was stopped before the protocol ended';
    try {
      const assessment = run.finish(status, this.sensors.clockOf(run.info.channel), clockOffsetSec);
      if (assessment) storeResonance(this.storage, sessionId, assessment);
    } catch (e) {
      run.status = status;
      run.endReason = `the assessment could not be stored: ${e instanceof Error ? e.message : String(e)}`;
    }
    this.emit();
  }

  // ---------------------------------------------------------------- internals
  private enterPhase(run: ResonanceRun, p: ReturnType<ResonanceRun['tick']>['progress']): void {
    const proto = run.protocol;
    const s = this.sessions;
    if (proto.kind === 'stepped' && p.kind !== 'before' && p.kind !== 'done') {
      const phase = proto.p.phases[p.phaseIndex]!;
      if (phase.kind === 'step') {
        if (phase.stepIndex > 0) s.ownerPacerChange({ rateBpm: phase.rateBpm, inhaleFraction: proto.p.settings.inhaleFraction }, phase.startSec);
        s.ownerMarker(phase.startSec, 'phase', sessionText(this.locale(), 'marker.step', { n: phase.stepIndex + 1, rate: phase.rateBpm }));
      } else s.ownerMarker(phase.startSec, 'phase', sessionText(this.locale(), 'marker.rest', { n: phase.stepIndex + 1 }));
      this.showPacer(phase.kind === 'step', proto.p.schedule);
    } else if (proto.kind === 'sliding' && p.phaseIndex === 0) {
      const rates = { from: proto.p.settings.startRateBpm, to: proto.p.settings.endRateBpm };
      s.ownerMarker(proto.p.startSec, 'phase', sessionText(this.locale(), 'marker.sliding', rates));
    }
  }

  /** During a rest the pacer is off (the client breathes freely); the schedule keeps the breath phase for the next step. */
  private showPacer(show: boolean, schedule: Parameters<PacerController['follow']>[0]): void {
    if (show === this.pacerShown) return;
    this.pacerShown = show;
    if (show) this.pacer.follow(schedule);
    else this.pacer.stop();
    this.sessions.emitPacer();
  }

  private end(as: 'complete' | 'interrupted' | 'cancelled', reason: string | null): void {
    const run = this.run;
    if (!run || run.status !== 'running' || run.endAs !== null) return;
    run.endAs = as;
    run.endReason = reason;
    this.sessions.end('resonance-end');
  }

  private async endAndWait(as: 'interrupted' | 'cancelled', reason: string): Promise<ResonanceRunView> {
    const run = this.run;
    if (!run || run.status !== 'running') throw new CadansError('resonance.notRunning');
    if (run.endAs === null) {
      run.endAs = as;
      run.endReason = reason;
    }
    await this.sessions.stopSession();
    return run.view();
  }

  private emit(): void {
    const v = this.getResonanceRun();
    if (v) this.hub.emit('onResonance', v);
  }
}

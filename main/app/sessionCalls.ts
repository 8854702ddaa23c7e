/**
 * `SessionCalls` — the live session part of the app core (the contract's `getSessionState` …
 * `addMarker`, `getPacer`, `setPacer`): one session at a time on one channel, recorded by a
 * `SessionRecorder` that is that channel's recorder sink, and the one breathing pacer on the
 * channel clock. A session ends when the therapist stops it, when the request's `maxSec` is over,
 * when the sensor stays silent for 10 s from the start, or when the sensor goes away for good. The
 * end of the pacer's duration does NOT end it silently: the session keeps recording, its state says
 * `pacerEnded` (a 'pacer-end' marker) and the therapist chooses to stop or to continue
 * (`continuePacer`: the same pattern, open-ended, from a fresh breath). Whoever started a session may own it (`SessionOwner`: the resonance
 * assessment): the owner says whether it may be paused or re-paced, how it ends, and gets the
 * recording's analysis; everyone else hears of a session's end through `onEnded`.
 */
import type { SessionType } from '../../shared/domain/types.js';
import type { AddMarkerRequest, MarkerView, PacerTimeline, SessionStateView, SessionSummaryView, StartSessionRequest } from '../../shared/ipc/apiTypes.js';
import type { PacerSettings } from '../../shared/pacer/pacerSettings.js';
import type { Storage } from '../storage/storage.js';
import type { AppRecorder, AppRecorderOptions, RecorderTap } from './appPorts.js';
import type { EventHub } from './eventHub.js';
import { PacerController } from './PacerController.js';
import type { SensorCalls } from './sensorCalls.js';
import { summaryView } from './sessionViews.js';
import { CadansError } from '../../shared/i18n/CadansError.js';
import { validatePacerRequest } from '../../shared/domain/validatePacer.js';
import { ValidationError } from '../../shared/domain/validationResult.js';

/** Without any data for this long after the start, a session ends ('no-data'), s. */
export const NO_DATA_END_SEC = 10;

/** Who started a session and keeps the say over it (the resonance assessment). */
export interface SessionOwner {
  /** Why it cannot be paused / re-paced by hand (null: it can). */
  readonly noPauseReason: string | null;
  readonly noPacerReason: string | null;
  /** The owner paces the session itself: the pacer's end does not stop it. */
  readonly ownsPacer: boolean;
  /** The status to store when the session stops now. */
  stopStatus(): 'complete' | 'interrupted';
  /** Gets the recording's analysis results and gaps as they come. */
  readonly tap?: RecorderTap;
}

export interface SessionEnded {
  sessionId: number;
  /** Channel-clock time of recording t = 0. */
  clockOffsetSec: number;
  reason: string;
}

interface LiveSession {
  recorder: AppRecorder;
  clientId: number;
  channel: string;
  type: SessionType;
  startedAt: string;
  startClockSec: number;
  markers: MarkerView[];
  paused: boolean;
  owner: SessionOwner | null;
  maxSec: number | null;
  /** The pacer's duration is over; waiting for the therapist to stop or continue. */
  pacerEnded: boolean;
}

export class SessionCalls {
  readonly pacer: PacerController;
  private session: LiveSession | null = null;
  private stopping: Promise<SessionSummaryView> | null = null;
  private lastEndedSessionId: number | null = null;
  private lastEndReason: string | null = null;
  private endReason: string | null = null;
  private readonly endedListeners = new Set<(e: SessionEnded) => void>();

  constructor(
    private readonly storage: Storage,
    private readonly sensors: SensorCalls,
    private readonly hub: EventHub,
    private readonly createRecorder: (opts: AppRecorderOptions) => AppRecorder,
  ) {
    this.pacer = new PacerController((s) => sensors.applyPacer(s));
  }

  /** Hear of every session's end (after it is stored). */
  onEnded(fn: (e: SessionEnded) => void): () => void {
    this.endedListeners.add(fn);
    return () => this.endedListeners.delete(fn);
  }

  /** The recorder of the running session (null when none). */
  get liveRecorder(): AppRecorder | null {
    return this.session?.recorder ?? null;
  }

  get channel(): string | null {
    return this.session?.channel ?? null;
  }

  getSessionState(): SessionStateView {
    const s = this.session;
    const clock = s ? this.sensors.clockOf(s.channel) : 0;
    return {
      phase: s ? (s.paused ? 'paused' : 'recording') : 'idle',
      sessionId: s ? s.recorder.sessionId : null,
      clientId: s?.clientId ?? null,
      channel: s?.channel ?? null,
      type: s?.type ?? null,
      startedAt: s?.startedAt ?? null,
      startClockSec: s?.startClockSec ?? null,
      elapsedSec: s ? Math.max(0, clock - s.startClockSec) : 0,
      pacer: this.pacer.settingsAt(clock),
      markers: s ? [...s.markers] : [],
      lastEndedSessionId: this.lastEndedSessionId,
      lastEndReason: this.lastEndReason,
      pacerEnded: s?.pacerEnded ?? false,
    };
  }

  startSession(req: StartSessionRequest, owner: SessionOwner | null = null): SessionStateView {
    if (this.session || this.stopping) throw new CadansError('session.alreadyRunning');
    const client = this.storage.clients.require(req.clientId);
    const ch = this.sensors.channelFor(req.channel);
    if (req.maxSec !== undefined && !(typeof req.maxSec === 'number' && req.maxSec > 0 && Number.isFinite(req.maxSec))) {
      throw new Error('maxSec must be a positive number of seconds');
    }
    const pacer = req.pacer ? checkedPacer(req.pacer, 'pacer.') : null;
    const now = this.sensors.clockOf(ch);
    if (pacer) this.pacer.start(pacer, now);
    else this.pacer.stop();
    const type: SessionType = req.type ?? (pacer ? 'breathing' : 'biofeedback');
    const recorder = this.createRecorder({
      clientId: client.id,
      type,
      channel: ch,
      pacer,
      courseId: req.courseId ?? null,
      maxSec: req.maxSec,
      onLimit: () => this.end('limit'),
      tap: owner?.tap,
    });
    const row = recorder.start();
    try {
      this.storage.accessLog.append({ action: 'record', clientId: client.id, sessionId: recorder.sessionId, detail: `startSession ${type}` });
    } catch (e) {
      console.error(`cadans: access log not written (record, client ${client.id}): ${e instanceof Error ? e.message : String(e)}`);
    }
    this.lastEndedSessionId = null;
    this.lastEndReason = null;
    this.endReason = null;
    this.session = {
      recorder,
      clientId: client.id,
      channel: ch,
      type,
      startedAt: row.startedAt,
      startClockSec: now,
      markers: [],
      paused: false,
      owner,
      maxSec: req.maxSec ?? null,
      pacerEnded: false,
    };
    this.emitPacer();
    return this.emitState();
  }

  pauseSession(): SessionStateView {
    const s = this.require('pause');
    if (s.owner?.noPauseReason) throw new Error(s.owner.noPauseReason);
    if (!s.paused) {
      s.paused = true;
      this.pacer.pause(this.sensors.clockOf(s.channel));
      this.mark(s, 'pause', '');
      this.emitPacer();
    }
    return this.emitState();
  }

  resumeSession(): SessionStateView {
    const s = this.require('resume');
    if (s.paused) {
      s.paused = false;
      const now = this.sensors.clockOf(s.channel);
      this.pacer.resume(now);
      const settings = this.pacer.settingsAt(now);
      if (settings) s.recorder.changePacer(settings, this.recClock(s, now));
      this.mark(s, 'resume', '');
      this.emitPacer();
    }
    return this.emitState();
  }

  stopSession(): Promise<SessionSummaryView> {
    if (this.stopping) return this.stopping;
    if (!this.session) return Promise.reject(new CadansError('session.notRunning', { action: 'stop' }));
    const s = this.session;
    this.endReason ??= 'stopped';
    this.stopping = (async () => {
      try {
        // A session that ends because the sensor stayed silent or went away is not complete.
        const failed = this.endReason === 'no-data' || this.endReason === 'sensor-lost';
        await s.recorder.stop(failed ? 'interrupted' : s.owner ? s.owner.stopStatus() : 'complete');
      } finally {
        this.session = null;
        this.stopping = null;
        this.pacer.stop();
        this.lastEndedSessionId = s.recorder.sessionId;
        this.lastEndReason = this.endReason;
        this.emitPacer();
        this.emitState();
        const ended: SessionEnded = { sessionId: s.recorder.sessionId, clockOffsetSec: s.recorder.clockOffsetSec ?? s.startClockSec, reason: this.endReason ?? 'stopped' };
        for (const fn of [...this.endedListeners]) fn(ended);
      }
      const row = this.storage.sessions.require(s.recorder.sessionId);
      return summaryView(row, this.storage.markers.list(row.id).length);
    })();
    return this.stopping;
  }

  addMarker(req: AddMarkerRequest): MarkerView {
    const s = this.require('add a marker to');
    const note = typeof req.note === 'string' ? req.note.trim().slice(0, 2000) : '';
    const kind = typeof req.kind === 'string' && /^[a-z-]{1,20}$/.test(req.kind) ? req.kind : 'note';
    const m = this.mark(s, kind, note);
    this.emitState();
    return m;
  }

  getPacer(): PacerTimeline | null {
    return this.pacer.timeline(this.liveClock());
  }

  setPacer(settings: PacerSettings | null): PacerTimeline | null {
    const s = this.session;
    if (s?.owner?.noPacerReason) throw new Error(s.owner.noPacerReason);
    const now = this.liveClock();
    if (settings === null) {
      this.pacer.stop();
      if (s) this.mark(s, 'pacer-off', '');
    } else if (s?.paused) {
      throw new CadansError('session.resumeBeforePacer');
    } else {
      checkedPacer(settings, '');
      // After the pacer's end, new settings start a fresh pacer (the old one has finished).
      const effective = s?.pacerEnded ? this.pacer.start(settings, now) : this.pacer.change(settings, now);
      if (s) {
        s.recorder.changePacer(settings, this.recClock(s, effective));
        s.pacerEnded = false;
      }
    }
    this.emitPacer();
    if (s) this.emitState();
    return this.getPacer();
  }

  /**
   * `continuePacer` — after the pacer's duration ended (`pacerEnded`): keep the session recording
   * and the pacer going with the same pattern, open-ended (no duration), from a fresh breath now.
   */
  continuePacer(): SessionStateView {
    const s = this.require('continue');
    if (!s.pacerEnded) throw new Error('the pacer has not ended; there is nothing to continue');
    const now = this.sensors.clockOf(s.channel);
    const settings = this.pacer.settingsAt(now);
    if (!settings) throw new Error('there is no pacer to continue');
    delete settings.durationSec;
    this.pacer.start(settings, now);
    s.recorder.changePacer(settings, this.recClock(s, now));
    s.pacerEnded = false;
    this.mark(s, 'pacer-continue', '');
    this.emitPacer();
    return this.emitState();
  }

  /** A marker from the session's owner (e.g. a protocol phase), at channel-clock time `clockSec`. */
  ownerMarker(clockSec: number, kind: string, note: string): void {
    const s = this.session;
    if (!s) return;
    s.recorder.addMarker(this.recClock(s, clockSec), kind, note);
  }

  /** A pacer change from the session's owner, effective at channel-clock time `clockSec`. */
  ownerPacerChange(settings: PacerSettings, clockSec: number): void {
    const s = this.session;
    if (s) s.recorder.changePacer(settings, this.recClock(s, clockSec));
  }

  /** End the running session (`reason`: a code for `lastEndReason`); never rejects. */
  end(reason: string): void {
    if (!this.session || this.stopping) return;
    this.endReason = reason;
    void this.stopSession().catch(() => undefined);
  }

  /**
   * Every app tick: a silent sensor and a lost sensor end the session; the pacer's end is
   * announced (`pacerEnded`, a 'pacer-end' marker) and the session keeps recording.
   */
  tick(): void {
    const s = this.session;
    if (!s || this.stopping) return;
    const end = this.pacer.endSec;
    if (!s.paused && !s.pacerEnded && !s.owner?.ownsPacer && end !== null && this.sensors.clockOf(s.channel) >= end) {
      s.pacerEnded = true;
      this.mark(s, 'pacer-end', '');
      this.emitState();
    }
    const ch = this.sensors.channel(s.channel);
    if (!ch) this.end('sensor-lost');
    else if (ch.state === 'disconnected' || ch.state === 'error') this.end(ch.lastNotice?.code === 'end-of-recording' ? 'stream-ended' : 'sensor-lost');
    else if (s.recorder.elapsedSec === 0 && ch.silentSec >= NO_DATA_END_SEC) this.end('no-data');
  }

  emitPacer(): void {
    this.hub.emit('onPacer', this.getPacer());
  }

  emitState(): SessionStateView {
    const st = this.getSessionState();
    this.hub.emit('onSessionState', st);
    return st;
  }

  /** The pacer's clock: the session's channel, else the first channel, else the app's wall clock. */
  liveClock(): number {
    return this.sensors.clockOf(this.session?.channel ?? null);
  }

  private mark(s: LiveSession, kind: string, note: string): MarkerView {
    const clockSec = this.sensors.clockOf(s.channel);
    const tSec = this.recClock(s, clockSec);
    s.recorder.addMarker(tSec, kind, note);
    const m: MarkerView = { tSec, clockSec, kind, note };
    s.markers.push(m);
    return m;
  }

  private require(what: string): LiveSession {
    if (!this.session) throw new CadansError('session.notRunning', { action: what });
    return this.session;
  }

  /** Channel clock → recording clock of the session. */
  private recClock(s: LiveSession, clockSec: number): number {
    const offset = s.recorder.clockOffsetSec ?? s.startClockSec;
    return Math.max(0, clockSec - offset);
  }
}

/** The settings, or a `ValidationError` with field problems (paths prefixed by `prefix`, e.g. 'pacer.'). */
function checkedPacer(settings: PacerSettings, prefix: string): PacerSettings {
  const r = validatePacerRequest(settings);
  if (r.ok) return settings;
  throw new ValidationError(r.errors, prefix ? r.issues.map((i) => ({ ...i, field: prefix + i.field })) : r.issues);
}

/**
 * `SessionCalls` — the live session part of the app core (the contract's `getSessionState` …
 * `addMarker`, `getPacer`, `setPacer`, `startGroupSession`): one live session at a time on one
 * channel — or, as a group session (issue 14), on several: each client with their own sensor, their
 * own `SessionRecorder` and so their own session and recording lock (see groupMembers.ts) — and the
 * one breathing pacer on the (first member's) channel clock. Pause, stop and pacer changes act on
 * every member; a marker on all or on one client. A session ends when the therapist stops it, when
 * the request's `maxSec` is over, when the sensor stays silent for 10 s from the start, or when the
 * sensor goes away for good; in a group, such a client ends alone ('interrupted') and the others
 * record on (a sensor that reconnects only leaves its own client a gap). The end of the pacer's
 * duration does NOT end it silently: the session keeps recording, its state says `pacerEnded` (a
 * 'pacer-end' marker) and the therapist chooses to stop or to continue (`continuePacer`: the same
 * pattern, open-ended, from a fresh breath). Whoever started a session may own it (`SessionOwner`:
 * the resonance assessment): the owner says whether it may be paused or re-paced, how it ends, and
 * gets the recording's analysis; everyone else hears of a session's end through `onEnded`.
 */
import type { SessionType } from '../../shared/domain/types.js';
import type {
  AddMarkerRequest,
  MarkerView,
  PacerTimeline,
  SessionStateView,
  SessionSummaryView,
  StartGroupSessionRequest,
  StartSessionRequest,
} from '../../shared/ipc/apiTypes.js';
import type { PacerSettings } from '../../shared/pacer/pacerSettings.js';
import type { Storage } from '../storage/storage.js';
import { RecordChecks } from '../storage/storageHelpers.js';
import type { AppRecorder, AppRecorderOptions } from './appPorts.js';
import type { EventHub } from './eventHub.js';
import { markMembers, pacerChangeAll, recClock, type LiveSession, type SessionEnded, type SessionOwner } from './liveSession.js';
import { checkGroupClients, liveMembers, logRecord, memberTrouble, memberView, newMember, NO_DATA_END_SEC, startMembers, type Member } from './groupMembers.js';
import { PacerController } from './PacerController.js';
import { rememberSensors } from './clientSensorCalls.js';
import type { SensorCalls } from './sensorCalls.js';
import { summaryView } from './sessionViews.js';
import { CadansError } from '../../shared/i18n/CadansError.js';
import { validatePacerRequest } from '../../shared/domain/validatePacer.js';
import { ValidationError } from '../../shared/domain/validationResult.js';

export { NO_DATA_END_SEC } from './groupMembers.js';

export type { SessionEnded, SessionOwner } from './liveSession.js';

export class SessionCalls {
  readonly pacer: PacerController;
  private session: LiveSession | null = null;
  private stopping: Promise<SessionSummaryView> | null = null;
  private lastEndedSessionId: number | null = null;
  private lastEndReason: string | null = null;
  private lastEndedGroupId: number | null = null;
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

  /** Every member's recorder of the running session (none when idle). */
  get liveRecorders(): AppRecorder[] {
    return this.session?.members.map((m) => m.recorder) ?? [];
  }

  get channel(): string | null {
    return this.session?.channel ?? null;
  }

  /** Whether the running session records from `channel` (any member). */
  usesChannel(channel: string): boolean {
    return this.session?.members.some((m) => m.channel === channel) ?? false;
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
      groupId: s?.groupId ?? null,
      members: s ? s.members.map(memberView) : [],
      lastEndedGroupId: this.lastEndedGroupId,
    };
  }

  startSession(req: StartSessionRequest, owner: SessionOwner | null = null): SessionStateView {
    if (this.session || this.stopping) throw new CadansError('session.alreadyRunning');
    const client = this.storage.clients.require(req.clientId);
    const ch = this.sensors.channelFor(req.channel);
    if (req.maxSec !== undefined && !(typeof req.maxSec === 'number' && req.maxSec > 0 && Number.isFinite(req.maxSec))) {
      throw new CadansError('session.badMaxSec', { got: String(req.maxSec) });
    }
    const pacer = req.pacer ? checkedPacer(req.pacer, 'pacer.') : null;
    const now = this.sensors.clockOf(ch);
    if (pacer) this.pacer.start(pacer, now);
    else this.pacer.stop();
    const type: SessionType = req.type ?? (pacer ? 'breathing' : 'biofeedback');
    let member: Member | null = null;
    const recorder = this.createRecorder({
      clientId: client.id,
      type,
      channel: ch,
      pacer,
      courseId: req.courseId ?? null,
      maxSec: req.maxSec,
      onLimit: () => this.memberLimit(member),
      tap: owner?.tap,
    });
    const row = recorder.start();
    member = newMember(recorder, client.id, ch);
    logRecord(this.storage, client.id, recorder.sessionId, `startSession ${type}`);
    rememberSensors(this.storage, [{ clientId: client.id, channel: this.sensors.channel(ch) }]);
    this.lastEndedSessionId = null;
    this.lastEndReason = null;
    this.lastEndedGroupId = null;
    this.endReason = null;
    this.session = {
      recorder,
      clientId: client.id,
      channel: ch,
      members: [member],
      groupId: null,
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

  /**
   * `startGroupSession` — several clients at once, each on their own connected sensor, with one
   * shared pacer (on the first client's channel clock): a `session_groups` row and a session per
   * client (`groupId`), each with its own recorder. Nothing is created when a client or channel is
   * wrong; a recorder that cannot start stops the ones already started (kept as 'interrupted').
   * `type`: 'group' (the contract's call), or 'run' for a group run (runSessionCalls.ts).
   */
  startGroupSession(req: StartGroupSessionRequest, type: Extract<SessionType, 'group' | 'run'> = 'group'): SessionStateView {
    if (this.session || this.stopping) throw new CadansError('session.alreadyRunning');
    const asked = checkGroupClients(req);
    const clients = asked.map((c) => this.storage.clients.require(c.clientId));
    // A course asked for must be the client's own: refused before anything is created.
    const checks = new RecordChecks(this.storage.db);
    for (const c of asked) checks.requireCourseOfClient(c.clientId, c.courseId);
    const channels = asked.map((c) => this.sensors.channelFor(c.channel));
    if (req.maxSec !== undefined && !(typeof req.maxSec === 'number' && req.maxSec > 0 && Number.isFinite(req.maxSec))) {
      throw new CadansError('session.badMaxSec', { got: String(req.maxSec) });
    }
    const pacer = req.pacer ? checkedPacer(req.pacer, 'pacer.') : null;
    // Every member's session is a 'group' session (it has the shared pacer when there is one), or a group run's 'run'.
    const group = this.storage.groups.create({ pacer: pacer ? { ...pacer } : null, notes: req.notes ?? '' });
    const now = this.sensors.clockOf(channels[0]!);
    if (pacer) this.pacer.start(pacer, now);
    else this.pacer.stop();
    let members: Member[];
    try {
      members = startMembers(this.storage, this.createRecorder, {
        clients: clients.map((c, i) => ({ clientId: c.id, channel: channels[i]!, courseId: asked[i]!.courseId })),
        type,
        pacer,
        groupId: group.id,
        maxSec: req.maxSec,
        onLimit: (m) => this.memberLimit(m),
      });
    } catch (e) {
      this.pacer.stop();
      throw e;
    }
    rememberSensors(this.storage, members.map((m) => ({ clientId: m.clientId, channel: this.sensors.channel(m.channel) })));
    this.lastEndedSessionId = null;
    this.lastEndReason = null;
    this.lastEndedGroupId = null;
    this.endReason = null;
    const first = members[0]!;
    this.session = {
      recorder: first.recorder,
      clientId: first.clientId,
      channel: first.channel,
      members,
      groupId: group.id,
      type,
      startedAt: group.startedAt,
      startClockSec: now,
      markers: [],
      paused: false,
      owner: null,
      maxSec: req.maxSec ?? null,
      pacerEnded: false,
    };
    this.emitPacer();
    return this.emitState();
  }

  pauseSession(): SessionStateView {
    const s = this.require('pause');
    if (s.owner?.noPauseReason) throw new CadansError(s.owner.noPauseReason);
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
      if (settings) this.pacerChange(s, settings, now);
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
        const status = failed ? 'interrupted' : s.owner ? s.owner.stopStatus() : 'complete';
        // Every member at once; one member's trouble stops none of the others.
        const results = await Promise.allSettled(s.members.map((m) => m.stopped ?? m.recorder.stop(status)));
        const bad = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (bad) throw bad.reason;
      } finally {
        this.session = null;
        this.stopping = null;
        this.pacer.stop();
        if (s.groupId !== null) {
          try {
            this.storage.groups.end(s.groupId);
          } catch (e) {
            console.error(`cadans: group ${s.groupId} end not stored: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
        this.lastEndedSessionId = s.recorder.sessionId;
        this.lastEndedGroupId = s.groupId;
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
    let only: Member | undefined;
    if (req.clientId !== undefined) {
      only = s.members.find((x) => x.clientId === req.clientId && x.endReason === null);
      if (!only) throw new CadansError('session.notInGroup', { clientId: req.clientId });
    }
    const m = this.mark(s, kind, note, only);
    this.emitState();
    return m;
  }

  getPacer(): PacerTimeline | null {
    return this.pacer.timeline(this.liveClock());
  }

  setPacer(settings: PacerSettings | null): PacerTimeline | null {
    const s = this.session;
    if (s?.owner?.noPacerReason) throw new CadansError(s.owner.noPacerReason);
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
        this.pacerChange(s, settings, effective);
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
    if (!s.pacerEnded) throw new CadansError('session.pacerNotEnded');
    const now = this.sensors.clockOf(s.channel);
    const settings = this.pacer.settingsAt(now);
    if (!settings) throw new CadansError('session.noPacerToContinue');
    delete settings.durationSec;
    this.pacer.start(settings, now);
    this.pacerChange(s, settings, now);
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
    if (s) this.pacerChange(s, settings, clockSec);
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
    // With a `maxSec`, once a client's recording is complete, a client whose sensor stays silent
    // (unplugged and not back) cannot hold up the end of the group: it ends as lost.
    const someDone = s.maxSec !== null && s.members.length > 1 && s.members.some((m) => m.limitReached);
    for (const m of liveMembers(s.members)) {
      const reason = memberTrouble(this.sensors.channel(m.channel), m) ?? (someDone && !m.limitReached && (this.sensors.channel(m.channel)?.silentSec ?? 0) >= NO_DATA_END_SEC ? 'sensor-lost' : null);
      if (reason) this.memberEnd(s, m, reason);
    }
  }

  /**
   * One member cannot go on (`reason`): a single session — or the last member recording — ends the
   * session with that reason; in a group, that client's session alone stops ('interrupted', or
   * 'complete' at its `maxSec`) and the others record on.
   */
  private memberEnd(s: LiveSession, m: Member, reason: string): void {
    const others = liveMembers(s.members).filter((x) => x !== m);
    if (others.length === 0 && !s.members.some((x) => x.limitReached)) {
      this.end(reason);
      return;
    }
    m.endReason = reason;
    m.stopped = m.recorder.stop('interrupted').catch((e: unknown) => {
      console.error(`cadans: session ${m.recorder.sessionId} of group ${s.groupId} not stopped: ${e instanceof Error ? e.message : String(e)}`);
    });
    this.emitState();
    // The others have all recorded their `maxSec`: the group is done.
    if (others.every((x) => x.limitReached)) this.end('limit');
  }

  /** A member's recorder reached `maxSec`: the session ends when every member has. */
  private memberLimit(m: Member | null): void {
    const s = this.session;
    if (!s || !m || this.stopping) return;
    m.limitReached = true;
    if (s.members.every((x) => x.limitReached || x.endReason !== null)) this.end('limit');
  }

  private pacerChange(s: LiveSession, settings: PacerSettings, clockSec: number): void {
    pacerChangeAll(s, settings, clockSec, (ch) => this.sensors.clockOf(ch));
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

  private mark(s: LiveSession, kind: string, note: string, only?: Member): MarkerView {
    return markMembers(s, kind, note, (ch) => this.sensors.clockOf(ch), only);
  }

  private require(what: string): LiveSession {
    if (!this.session) throw new CadansError('session.notRunning', { action: what });
    return this.session;
  }

  private recClock(s: LiveSession, clockSec: number): number {
    return recClock(s, clockSec);
  }
}

/** The settings, or a `ValidationError` with field problems (paths prefixed by `prefix`, e.g. 'pacer.'). */
function checkedPacer(settings: PacerSettings, prefix: string): PacerSettings {
  const r = validatePacerRequest(settings);
  if (r.ok) return settings;
  throw new ValidationError(r.errors, prefix ? r.issues.map((i) => ({ ...i, field: prefix + i.field })) : r.issues);
}

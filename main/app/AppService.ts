/**
 * `AppService` — the app core behind the API contract (shared/ipc/contract.ts), one instance per
 * app or web host: clients and saved sessions from storage, sensors through the device manager,
 * the live session through the session recorder, the pacer, the UI settings, and the batched
 * live stream (`LiveBatcher`, 25 batches a second per channel) pushed to every registered sink
 * (Electron windows, WebSocket pages).
 *
 * It is the one implementation of the contract (checked against `CadansService`), so it has one
 * short method per contract call, grouped by area; the work of the clinical-record, report and
 * resonance calls lives in `recordCalls.ts`, `reportCalls.ts` and `resonanceService.ts`.
 */
import type { Client, ClientListItem, NewClient, SessionListItem, SessionType } from '../../shared/domain/types.js';
import type {
  AddMarkerRequest,
  AppInfo,
  AppSettings,
  ChannelView,
  ClientDisplayTarget,
  DisplaySettings,
  Locale,
  MarkerView,
  PacerTimeline,
  QualityEvent,
  SensorListView,
  SessionReviewData,
  SessionStateView,
  SessionSummaryView,
  StartSessionRequest,
} from '../../shared/ipc/apiTypes.js';
import type { CadansService, EventName, EventSink, PayloadOf } from '../../shared/ipc/contract.js';
import { LIVE_BATCH_HZ } from '../../shared/ipc/liveTypes.js';
import type { PacerSettings } from '../../shared/pacer/pacerSettings.js';
import type { ConnectionState } from '../../shared/sensors/sensorSource.js';
import type { Storage } from '../storage/storage.js';
import type { AppDevices, AppRecorder, AppRecorderOptions } from './appPorts.js';
import { channelView, sensorListView } from './sensorViews.js';
import { LiveBatcher } from './LiveBatcher.js';
import { PacerController } from './PacerController.js';
import { reviewData, summaryView } from './sessionViews.js';
import type { SettingsStore } from './SettingsStore.js';
import type {
  ResonanceOverrideRequest,
  ResonanceRateView,
  ResonanceResultView,
  ResonanceRunView,
  StartResonanceRequest,
} from '../../shared/ipc/resonanceTypes.js';
import { ResonanceService } from './resonanceService.js';
import type {
  Course,
  Goal,
  NewCourse,
  NewGoal,
  NewQuestionnaireEntry,
  NewRunningLogEntry,
  QuestionnaireEntry,
  RunningLogEntry,
} from '../../shared/domain/types.js';
import type {
  DownloadFile,
  GoalStatusRequest,
  ReportRequest,
  ReportView,
  RrImportRequest,
  RrImportResult,
  SaveResult,
  SessionExportFormat,
} from '../../shared/ipc/recordTypes.js';
import { chromiumPrintToPdf, type PrintToPdf } from '../reports/printToPdf.js';
import { RecordCalls } from './recordCalls.js';
import { importRrText } from './recordImport.js';
import { renderReport, renderReportPdf } from './reportCalls.js';

export interface AppServiceOptions {
  storage: Storage;
  devices: AppDevices;
  settings: SettingsStore;
  info: AppInfo;
  createRecorder: (opts: AppRecorderOptions) => AppRecorder;
  /** Opens the client display (Electron: a window; web: returns the URL). */
  openClientDisplay?: () => ClientDisplayTarget | Promise<ClientDisplayTarget>;
  /** Live batches per second (default 25). */
  batchHz?: number;
  /** Wall clock, ms since epoch. */
  nowMs?: () => number;
  /** Prints report HTML to PDF (default: headless Chromium; the desktop app passes `electronPrintToPdf`). */
  printToPdf?: PrintToPdf;
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
}

export class AppService implements CadansService {
  private readonly o: AppServiceOptions;
  private readonly sinks = new Set<EventSink>();
  private readonly batchers = new Map<string, LiveBatcher>();
  private readonly pacer: PacerController;
  private readonly unsubscribers: (() => void)[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private session: LiveSession | null = null;
  private stopping: Promise<SessionSummaryView> | null = null;
  private lastEndedSessionId: number | null = null;
  private readonly startMs: number;
  private readonly resonance: ResonanceService;
  private readonly records: RecordCalls;

  constructor(opts: AppServiceOptions) {
    this.o = opts;
    this.startMs = (opts.nowMs ?? Date.now)();
    this.records = new RecordCalls(opts.storage, () => this.now());
    this.pacer = new PacerController((s) => opts.devices.setPacer(s));
    this.resonance = new ResonanceService({
      storage: opts.storage,
      devices: opts.devices,
      pacer: this.pacer,
      clockOf: (ch) => this.clockOf(ch),
      startSession: (req) => this.startSession(req),
      stopSession: () => this.stopSession(),
      liveRecorder: () => this.session?.recorder ?? null,
      emitPacer: () => this.emitPacer(),
      emitRun: (view) => this.emit('onResonance', view),
    });
  }

  /** Subscribe to the device manager and start the live stream. */
  start(): this {
    const d = this.o.devices;
    this.unsubscribers.push(
      d.on('frame', (ch, f) => {
        if (f.kind === 'ppg') this.batcher(ch).addPpg(f);
      }),
      d.on('analysis', (ch, r) => this.batcher(ch).addAnalysis(r)),
      d.on('state', (ch, s, m) => this.onState(ch, s, m)),
      d.on('quality', (ch, q) => this.emit('onQuality', { channel: ch, ...q } as QualityEvent)),
    );
    this.timer = setInterval(() => this.tick(), 1000 / (this.o.batchHz ?? LIVE_BATCH_HZ));
    this.timer.unref?.();
    return this;
  }

  /** Register a renderer; returns the function that unregisters it. */
  addSink(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /** Stop the live session (kept as 'interrupted' when it cannot complete), disconnect sensors, stop timers. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.session) await this.stopSession().catch(() => undefined);
    for (const off of this.unsubscribers.splice(0)) off();
    this.pacer.stop();
    await this.o.devices.disconnectAll().catch(() => undefined);
    this.sinks.clear();
  }

  // ---------------------------------------------------------------- app
  getAppInfo(): AppInfo {
    return { ...this.o.info };
  }
  getSettings(): AppSettings {
    return this.o.settings.get();
  }
  getLocale(): Locale {
    return this.o.settings.get().locale;
  }
  setLocale(locale: Locale): Locale {
    const s = this.o.settings.setLocale(locale);
    this.emit('onSettings', s);
    return s.locale;
  }
  getDisplaySettings(): DisplaySettings {
    return this.o.settings.get().display;
  }
  setDisplaySettings(patch: Partial<DisplaySettings>): DisplaySettings {
    const s = this.o.settings.setDisplay(patch);
    this.emit('onSettings', s);
    return s.display;
  }
  async openClientDisplay(): Promise<ClientDisplayTarget> {
    return this.o.openClientDisplay ? await this.o.openClientDisplay() : { opened: false, url: null };
  }

  // ---------------------------------------------------------------- clients and saved sessions
  listClients(): ClientListItem[] {
    return this.o.storage.clients.list();
  }
  createClient(input: NewClient): Client {
    return this.o.storage.clients.create(input);
  }
  getClient(clientId: number): Client {
    return this.o.storage.clients.require(clientId);
  }
  listSessions(clientId: number): SessionListItem[] {
    this.o.storage.clients.require(clientId);
    return this.o.storage.sessions.listByClient(clientId);
  }
  getSessionSummary(sessionId: number): SessionSummaryView {
    const s = this.o.storage.sessions.require(sessionId);
    return summaryView(s, this.o.storage.markers.list(sessionId).length);
  }
  getSessionReview(sessionId: number): SessionReviewData {
    return reviewData(this.o.storage, sessionId);
  }

  // ---------------------------------------------------------------- clinical record (client page; see recordCalls.ts)
  updateClient(clientId: number, patch: Partial<NewClient>): SaveResult<Client> {
    return this.records.updateClient(clientId, patch);
  }
  listCourses(clientId: number): Course[] {
    return this.records.listCourses(clientId);
  }
  createCourse(input: NewCourse): SaveResult<Course> {
    return this.records.createCourse(input);
  }
  updateCourse(courseId: number, patch: Partial<Omit<NewCourse, 'clientId'>>): SaveResult<Course> {
    return this.records.updateCourse(courseId, patch);
  }
  listGoals(clientId: number): Goal[] {
    return this.records.listGoals(clientId);
  }
  createGoal(input: NewGoal): SaveResult<Goal> {
    return this.records.createGoal(input);
  }
  setGoalStatus(request: GoalStatusRequest): SaveResult<Goal> {
    return this.records.setGoalStatus(request);
  }
  listQuestionnaires(clientId: number): QuestionnaireEntry[] {
    return this.records.listQuestionnaires(clientId);
  }
  createQuestionnaire(input: NewQuestionnaireEntry): SaveResult<QuestionnaireEntry> {
    return this.records.createQuestionnaire(input);
  }
  listRunningLog(clientId: number): RunningLogEntry[] {
    return this.records.listRunningLog(clientId);
  }
  createRunningLogEntry(input: NewRunningLogEntry): SaveResult<RunningLogEntry> {
    return this.records.createRunningLogEntry(input);
  }
  exportSession(sessionId: number, format: SessionExportFormat): DownloadFile {
    return this.records.exportSession(sessionId, format);
  }
  /** The report as HTML for the in-app preview (in the request's language, else the UI's). */
  getReportHtml(request: ReportRequest): ReportView {
    return renderReport(this.o.storage, request, this.getLocale(), this.now());
  }
  /** The same report as a PDF file. */
  getReportPdf(request: ReportRequest): Promise<DownloadFile> {
    return renderReportPdf(this.o.storage, request, this.getLocale(), this.now(), this.o.printToPdf ?? chromiumPrintToPdf());
  }
  /** An RR-interval file as a new session of the client (nothing stored when it cannot be read). */
  importRrFile(request: RrImportRequest): RrImportResult {
    return importRrText(this.o.storage, request, this.now());
  }

  // ---------------------------------------------------------------- sensors
  async listSensors(): Promise<SensorListView> {
    return sensorListView(await this.o.devices.listSensors());
  }
  listChannels(): ChannelView[] {
    return this.o.devices.channels().map((c) => channelView(c));
  }
  async connectSensor(spec: string): Promise<ChannelView> {
    const existing = this.o.devices.channels().find((c) => c.spec === spec.trim());
    if (existing) return channelView(existing);
    const { channel } = await this.o.devices.connect(spec.trim(), this.freeChannelName());
    this.batchers.get(channel)?.reset();
    const c = this.o.devices.channels().find((x) => x.channel === channel);
    if (!c) throw new Error(`sensor '${spec}' disconnected right after connecting`);
    return channelView(c);
  }
  async disconnectSensor(channel: string): Promise<void> {
    if (this.session?.channel === channel) throw new Error('stop the session before disconnecting its sensor');
    await this.o.devices.disconnect(channel);
    this.batchers.delete(channel);
    this.emit('onConnection', { channel, state: 'disconnected' }); // no view: the channel is gone
  }

  // ---------------------------------------------------------------- live session
  getSessionState(): SessionStateView {
    const s = this.session;
    const clock = s ? this.clockOf(s.channel) : 0;
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
    };
  }

  startSession(req: StartSessionRequest): SessionStateView {
    if (this.session || this.stopping) throw new Error('a session is already running; stop it first');
    const client = this.o.storage.clients.require(req.clientId);
    const channels = this.o.devices.channels().filter((c) => c.state === 'connected');
    const ch = req.channel ? channels.find((c) => c.channel === req.channel) : channels[0];
    if (!ch) throw new Error(req.channel ? `sensor channel '${req.channel}' is not connected` : 'connect a sensor first');
    const now = this.clockOf(ch.channel);
    const pacer = req.pacer ?? null;
    if (pacer) this.pacer.start(pacer, now);
    else this.pacer.stop();
    const type: SessionType = req.type ?? (pacer ? 'breathing' : 'biofeedback');
    const recorder = this.o.createRecorder({ clientId: client.id, type, channel: ch.channel, pacer, courseId: req.courseId ?? null });
    const row = recorder.start();
    this.lastEndedSessionId = null;
    this.session = { recorder, clientId: client.id, channel: ch.channel, type, startedAt: row.startedAt, startClockSec: now, markers: [], paused: false };
    this.emitPacer();
    return this.emitState();
  }

  pauseSession(): SessionStateView {
    const s = this.requireSession('pause');
    if (this.resonance.active) throw new Error('a resonance assessment cannot be paused: stop it (the finished steps are kept) or cancel it');
    if (!s.paused) {
      s.paused = true;
      this.pacer.pause(this.clockOf(s.channel));
      this.mark(s, 'pause', '');
      this.emitPacer();
    }
    return this.emitState();
  }

  resumeSession(): SessionStateView {
    const s = this.requireSession('resume');
    if (s.paused) {
      s.paused = false;
      const now = this.clockOf(s.channel);
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
    if (!this.session) return Promise.reject(new Error('there is no session to stop'));
    const s = this.session;
    this.stopping = (async () => {
      try {
        await s.recorder.stop(this.resonance.stopStatus(s.recorder.sessionId));
      } finally {
        this.session = null;
        this.stopping = null;
        this.pacer.stop();
        this.lastEndedSessionId = s.recorder.sessionId;
        this.emitPacer();
        this.emitState();
        this.resonance.sessionStopped(s.recorder.sessionId, s.recorder.clockOffsetSec ?? s.startClockSec);
      }
      return this.getSessionSummary(s.recorder.sessionId);
    })();
    return this.stopping;
  }

  addMarker(req: AddMarkerRequest): MarkerView {
    const s = this.requireSession('add a marker to');
    const note = typeof req.note === 'string' ? req.note.trim().slice(0, 2000) : '';
    const kind = typeof req.kind === 'string' && /^[a-z-]{1,20}$/.test(req.kind) ? req.kind : 'note';
    const m = this.mark(s, kind, note);
    this.emitState();
    return m;
  }

  // ---------------------------------------------------------------- pacer
  getPacer(): PacerTimeline | null {
    return this.pacer.timeline(this.liveClock());
  }

  setPacer(settings: PacerSettings | null): PacerTimeline | null {
    if (this.resonance.active) throw new Error('the resonance assessment sets the pacer; stop it before changing the pacer by hand');
    const s = this.session;
    const now = this.liveClock();
    if (settings === null) {
      this.pacer.stop();
      if (s) this.mark(s, 'pacer-off', '');
    } else if (s?.paused) {
      throw new Error('resume the session before changing the pacer');
    } else {
      const effective = this.pacer.change(settings, now);
      if (s) s.recorder.changePacer(settings, this.recClock(s, effective));
    }
    this.emitPacer();
    if (s) this.emitState();
    return this.getPacer();
  }

  // ---------------------------------------------------------------- resonance assessment (see resonanceService.ts)
  startResonance(req: StartResonanceRequest): ResonanceRunView {
    return this.resonance.startResonance(req);
  }
  getResonanceRun(): ResonanceRunView | null {
    return this.resonance.getResonanceRun();
  }
  stopResonance(): Promise<ResonanceRunView> {
    return this.resonance.stopResonance();
  }
  cancelResonance(): Promise<ResonanceRunView> {
    return this.resonance.cancelResonance();
  }
  getResonanceResult(sessionId: number): ResonanceResultView {
    return this.resonance.getResonanceResult(sessionId);
  }
  setResonanceOverride(req: ResonanceOverrideRequest): ResonanceResultView {
    return this.resonance.setResonanceOverride(req);
  }
  getLastResonanceRate(clientId: number): ResonanceRateView | null {
    return this.resonance.getLastResonanceRate(clientId);
  }

  // ---------------------------------------------------------------- internals
  private now(): Date {
    return new Date((this.o.nowMs ?? Date.now)());
  }

  private emit<K extends EventName>(name: K, payload: PayloadOf<K>): void {
    for (const sink of this.sinks) {
      try {
        sink(name, payload);
      } catch {
        // A closed window or socket must not stop the others.
      }
    }
  }

  private emitState(): SessionStateView {
    const st = this.getSessionState();
    this.emit('onSessionState', st);
    return st;
  }

  private emitPacer(): void {
    this.emit('onPacer', this.getPacer());
  }

  private mark(s: LiveSession, kind: string, note: string): MarkerView {
    const clockSec = this.clockOf(s.channel);
    const tSec = this.recClock(s, clockSec);
    s.recorder.addMarker(tSec, kind, note);
    const m: MarkerView = { tSec, clockSec, kind, note };
    s.markers.push(m);
    return m;
  }

  private requireSession(what: string): LiveSession {
    if (!this.session) throw new Error(`there is no session to ${what}`);
    return this.session;
  }

  /** Channel clock → recording clock of the session. */
  private recClock(s: LiveSession, clockSec: number): number {
    const offset = s.recorder.clockOffsetSec ?? s.startClockSec;
    return Math.max(0, clockSec - offset);
  }

  private batcher(channel: string): LiveBatcher {
    let b = this.batchers.get(channel);
    if (!b) {
      b = new LiveBatcher(channel, { nowMs: this.o.nowMs, pacerAt: (t) => this.pacer.snapshotAt(t) });
      this.batchers.set(channel, b);
    }
    return b;
  }

  /** "Now" on a channel's clock: the device manager's estimate, else the newest data seen. */
  private clockOf(channel: string): number {
    const d = this.o.devices;
    if (d.signalTimeSec && d.channels().some((c) => c.channel === channel)) return d.signalTimeSec(channel);
    return this.batchers.get(channel)?.clockSec ?? 0;
  }

  /** The pacer's clock: the session's channel, else the first connected channel, else wall time since start. */
  private liveClock(): number {
    const ch = this.session?.channel ?? this.o.devices.channels()[0]?.channel;
    if (ch !== undefined) return this.clockOf(ch);
    return ((this.o.nowMs ?? Date.now)() - this.startMs) / 1000;
  }

  private freeChannelName(): string {
    const used = new Set(this.o.devices.channels().map((c) => c.channel));
    for (let i = 1; ; i++) if (!used.has(`ch${i}`)) return `ch${i}`;
  }

  private onState(channel: string, state: ConnectionState, message?: string): void {
    const c = this.o.devices.channels().find((x) => x.channel === channel);
    // A pacer previewed before any sensor ran on wall time: move it onto the new sensor's clock.
    if (state === 'connected' && !this.session && this.pacer.isRunning && this.o.devices.channels()[0]?.channel === channel) {
      const now = this.clockOf(channel);
      const settings = this.pacer.settingsAt(now);
      if (settings && (this.pacer.timeline(now)?.segments[0]?.startSec ?? 0) > now + 1) {
        this.pacer.start(settings, now);
        this.emitPacer();
      }
    }
    this.emit('onConnection', { channel, state, message, view: c ? channelView(c, message) : undefined });
  }

  private tick(): void {
    for (const b of this.batchers.values()) {
      const batch = b.take();
      if (batch) this.emit('onLive', batch);
    }
    this.resonance.tick(); // a resonance run ends itself after its last step
    const s = this.session;
    const end = this.pacer.endSec;
    if (s && !s.paused && !this.stopping && !this.resonance.active && end !== null && this.clockOf(s.channel) >= end) {
      void this.stopSession().catch(() => undefined);
    }
  }
}

/**
 * `SensorCalls` — the sensors part of the app core (the contract's `listSensors`, `listChannels`,
 * `connectSensor` (replaces the connected sensor), `addSensor` (one more, for groups),
 * `disconnectSensor`, `chooseReplayFile`): connects sensors through the device
 * manager and gives each channel its live view (a `LiveBatcher` as the channel's `view` sink), whose
 * batches go to every renderer 25 times a second (`tick`); quality seconds and connection news go
 * out at once. A page connects only what `SensorAccess` allows: a listed sensor, the simulator, or
 * the opaque id of a sensor registered by the main side (`registerSensor`, `chooseReplayFile`) —
 * never a path.
 */
import type { ChannelView, SensorListView, SensorOption } from '../../shared/ipc/apiTypes.js';
import type { PacerSnapshot } from '../../shared/ipc/liveTypes.js';
import type { PacerSchedule } from '../../shared/pacer/pacerSchedule.js';
import type { SensorNotice } from '../../shared/sensors/frames.js';
import type { ConnectionState } from '../../shared/sensors/sensorSource.js';
import type { AppChannel, AppDevices } from './appPorts.js';
import type { EventHub } from './eventHub.js';
import { LiveBatcher } from './LiveBatcher.js';
import { SensorAccess, SensorRefusedError } from './sensorAccess.js';
import { issueMessage, ValidationError } from '../../shared/domain/validationResult.js';
import { sensorSpecIssue } from '../../shared/sensors/sensorSpecIssue.js';
import { parseSimSpec } from '../../shared/sim/parseSimSpec.js';
import { showText } from '../../shared/text/safeText.js';
import { channelView, sensorListView } from './sensorViews.js';
import { CadansError, codedMessage } from '../../shared/i18n/CadansError.js';

export interface SensorCallsOptions {
  /** Wall clock, ms since epoch (batch timestamps). */
  nowMs?: () => number;
  /** The pacer at a channel-clock time (for the batches). */
  pacerAt?: (tSec: number) => PacerSnapshot | null;
  /** Seconds on the app's wall clock since start (the pacer's clock when no sensor is connected). */
  wallSec: () => number;
  /**
   * The main side's file dialog for a replay file (Electron: `dialog.showOpenDialog`): the chosen
   * path, or null when cancelled. Absent where there is no such dialog (web host, CLI).
   */
  chooseReplayFile?: () => Promise<string | null>;
}

export class SensorCalls {
  private readonly batchers = new Map<string, LiveBatcher>();
  /** What a page may connect (see sensorAccess.ts). */
  readonly access = new SensorAccess();
  pacerAt: (tSec: number) => PacerSnapshot | null = () => null;
  /** Whether a channel is being recorded (it cannot be disconnected then). */
  inUse: (channel: string) => boolean = () => false;

  constructor(
    private readonly devices: AppDevices,
    private readonly hub: EventHub,
    private readonly o: SensorCallsOptions,
  ) {}

  async listSensors(): Promise<SensorListView> {
    return this.access.offer(sensorListView(await this.devices.listSensors()));
  }

  /**
   * `registerSensor` — main side only (not in the API contract): a sensor from a trusted side (the
   * start-up sensor, a CLI user's `--sensor`, a file chosen in the main process's dialog). Returns
   * its option; its `spec` (an opaque id for a replay file) is what `connectSensor` accepts.
   */
  registerSensor(spec: string, label?: string): SensorOption {
    return this.access.register(spec, label);
  }

  /** `chooseReplayFile` — the main side's file dialog; the chosen file registered (null when cancelled). */
  async chooseReplayFile(): Promise<SensorOption | null> {
    if (!this.o.chooseReplayFile) {
      throw new CadansError('sensor.replayDesktopOnly');
    }
    const path = await this.o.chooseReplayFile();
    if (path === null || path.trim() === '') return null;
    return this.registerSensor(`file:${path}`);
  }

  listChannels(): ChannelView[] {
    return this.devices.channels().map((c) => channelView(c));
  }

  /**
   * `connectSensor` — connect `asked`, REPLACING what is connected: the other channels are
   * disconnected first (refused with a field problem while a session records from one: the page
   * asks the therapist to stop it first). The same sensor already connected stays as it is.
   * Problems with the spec are field problems (`field: 'spec'`, translatable codes).
   */
  async connectSensor(asked: string): Promise<ChannelView> {
    const spec = this.checkedSpec(asked);
    const existing = this.devices.channels().find((c) => c.spec === spec);
    const others = this.devices.channels().filter((c) => c !== existing);
    const busy = others.find((c) => this.inUse(c.id));
    if (busy) throw inUseError(busy.info.label);
    for (const c of others) await this.disconnectSensor(c.id);
    return existing ? channelView(existing) : this.open(spec);
  }

  /** `addSensor` — connect `asked` NEXT TO what is connected (group use: one sensor per client). */
  async addSensor(asked: string): Promise<ChannelView> {
    const spec = this.checkedSpec(asked);
    const existing = this.devices.channels().find((c) => c.spec === spec);
    return existing ? channelView(existing) : this.open(spec);
  }

  async disconnectSensor(channel: string): Promise<void> {
    if (this.inUse(channel)) throw inUseError(this.devices.channel(channel)?.info.label ?? channel);
    await this.devices.disconnect(channel);
    // The channel's last results came in while it stopped: send them, then forget the view.
    const last = this.batchers.get(channel)?.take();
    if (last) this.hub.emit('onLive', last);
    this.batchers.delete(channel);
    this.hub.emit('onConnection', { channel, state: 'disconnected', notice: null }); // no view: the channel is gone
  }

  /** The real spec for what a page asked (see `SensorAccess`), or a `ValidationError` on the field 'spec'. */
  private checkedSpec(asked: string): string {
    let spec: string;
    try {
      spec = this.access.resolve(asked); // refuses paths: nothing is opened for a refused spec
    } catch (e) {
      if (!(e instanceof SensorRefusedError)) throw e;
      const word = JSON.stringify(/^[^:?]*/.exec(asked.trim())![0].slice(0, 40));
      throw new ValidationError([e.message], [{ field: 'spec', code: e.code, params: e.code === 'sensorUnknown' ? { value: word } : {} }]);
    }
    const issue = sensorSpecIssue(spec);
    if (issue) {
      const sim = /^sim(?=:|$)/i.test(spec) ? parseSimSpec(spec) : null;
      const message = sim && 'error' in sim ? `bad simulator spec '${showText(spec, 120)}': ${sim.error}` : issueMessage(issue);
      throw new ValidationError([message], [issue]);
    }
    return spec;
  }

  private async open(spec: string): Promise<ChannelView> {
    const id = this.freeChannelName();
    // The view is in place before the first sample can arrive.
    const batcher = this.newBatcher(id);
    this.batchers.set(id, batcher);
    let ch: AppChannel;
    try {
      ch = await this.devices.connect(spec, id, batcher);
    } catch (e) {
      this.batchers.delete(id);
      const detail = e instanceof Error ? e.message : String(e);
      // A coded error (serial port missing, busy …) travels with the problem, so it is shown in the user's language.
      const m = codedMessage(e);
      const coded: Record<string, string> = m.code === 'error.unknown' ? {} : { errorCode: m.code, errorParams: JSON.stringify(m.params) };
      throw new ValidationError([detail], [{ field: 'spec', code: 'sensorOpenFailed', params: { detail: showText(detail, 300), ...coded } }]);
    }
    const view = channelView(ch);
    this.hub.emit('onConnection', { channel: id, state: ch.state, notice: null, view });
    return view;
  }

  /** The channel to record from: `id`, else the first connected one. Throws when there is none. */
  channelFor(id: string | undefined): string {
    const connected = this.devices.channels().filter((c) => c.state === 'connected');
    const ch = id ? connected.find((c) => c.id === id) : connected[0];
    if (!ch) throw id ? new CadansError('sensor.notConnected', { channel: id }) : new CadansError('sensor.noneConnected');
    return ch.id;
  }

  channel(id: string): AppChannel | undefined {
    return this.devices.channel(id);
  }

  /** "Now" on a channel's clock (null or unknown: the first channel's, else the app's wall clock). */
  clockOf(id: string | null): number {
    const ch = (id !== null ? this.devices.channel(id) : undefined) ?? this.devices.channels()[0];
    return ch ? ch.nowSec() : this.o.wallSec();
  }

  applyPacer(p: PacerSchedule | null): void {
    this.devices.setPacer(p);
  }

  /** Send every channel's batch of what is new (25 times a second). */
  tick(): void {
    for (const b of this.batchers.values()) {
      const batch = b.take();
      if (batch) this.hub.emit('onLive', batch);
    }
  }

  async close(): Promise<void> {
    await this.devices.disconnectAll().catch(() => undefined);
    this.batchers.clear();
  }

  private newBatcher(id: string): LiveBatcher {
    return new LiveBatcher(id, {
      nowMs: this.o.nowMs,
      pacerAt: (t) => this.pacerAt(t),
      onQuality: (q) => this.hub.emit('onQuality', { channel: id, ...q, flags: [...q.flags] }),
      onStatus: (state, notice) => this.onStatus(id, state, notice),
    });
  }

  private onStatus(id: string, state: ConnectionState, notice: SensorNotice | null): void {
    const c = this.devices.channel(id);
    this.hub.emit('onConnection', { channel: id, state, notice, view: c ? channelView(c) : undefined });
  }

  private freeChannelName(): string {
    const used = new Set([...this.devices.channels().map((c) => c.id), ...this.batchers.keys()]);
    for (let i = 1; ; i++) if (!used.has(`ch${i}`)) return `ch${i}`;
  }
}

/** Refused: a session records from this sensor (field problem on 'spec'). */
function inUseError(label: string): ValidationError {
  const value = showText(label, 80);
  return new ValidationError([`stop the session before disconnecting its sensor (${value})`], [{ field: 'spec', code: 'sensorInUse', params: { value } }]);
}

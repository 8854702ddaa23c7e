/**
 * DeviceManager: every connected sensor of the workstation (several at once: one channel per
 * client, one shared pacer). For each channel it
 * - opens the source from a spec string (`openSensor`) and forwards its decoded frames and
 *   connection states;
 * - feeds the analysis worker (`AnalysisHost`): PpgFrame values → `pushPpg`, BeatFrame
 *   intervals → `pushIntervals` (only for sources without PPG), gaps → `markGap`, keeping the
 *   worker's clock on the channel clock (channelTimeline.ts), and forwards its results with
 *   times on the channel clock;
 * - reports gaps with start and end (channel clock, seconds): a disconnect → reconnect
 *   (reason 'disconnected'; reconnecting itself is the adapters' job), a jump in the frame times
 *   ('time-jump'), missing intervals ('beats-missing'), and ≥ 2 s of no contact / flat line / no
 *   signal from the quality monitor ('no-contact' | 'flat' | 'no-signal');
 * - reports signal quality once per second of signal (signalQuality.ts).
 * Frame times are each channel's own clock: 0 = when that sensor's stream started. The pacer
 * given to `setPacer` is followed by simulator sources on their own signal clock.
 */
import { AnalysisHost } from '../analysis/AnalysisHost.js';
import type { WorkerResult } from '../analysis/analysisProtocol.js';
import type { PacerSchedule } from '../../shared/pacer/index.js';
import type { BeatFrame, PpgFrame, SensorFrame } from '../../shared/sensors/frames.js';
import type { ConnectionState, SensorSource, SensorSourceInfo } from '../../shared/sensors/sensorSource.js';
import { TypedEmitter } from '../../shared/sensors/typedEmitter.js';
import { BeatTimeline, PpgTimeline } from './channelTimeline.js';
import { listSensors, type ListSensorsOptions, type SensorListing } from './listSensors.js';
import { openSensor, type OpenSensorContext } from './openSensor.js';
import { SignalQualityMonitor, type QualityFlag, type SignalQualitySecond } from './signalQuality.js';

export type { SignalQualitySecond, QualityFlag, PlacementHint } from './signalQuality.js';
export type { SensorListing } from './listSensors.js';

export interface GapEvent {
  startSec: number;
  endSec: number;
  reason: string;
}

export interface DeviceManagerEvents {
  frame(channel: string, f: SensorFrame): void;
  state(channel: string, s: ConnectionState, message?: string): void;
  gap(channel: string, g: GapEvent): void;
  analysis(channel: string, r: WorkerResult): void;
  quality(channel: string, q: SignalQualitySecond): void;
  /** The analysis worker failed on a message of this channel (addition). */
  analysisError(channel: string, message: string): void;
}

export interface DeviceManagerOptions {
  /** The analysis host to feed; default: one of its own (terminated by `close()`); false = no analysis. */
  analysis?: AnalysisHost | false;
  /** Monotonic wall clock, ms (default performance.now). */
  now?: () => number;
  /** Extra context for openSensor (tests inject a fake noble). */
  openContext?: Omit<OpenSensorContext, 'pacer'>;
  /** Options of listSensors(). */
  listOptions?: ListSensorsOptions;
}

interface Channel {
  channel: string;
  spec: string;
  source: SensorSource;
  state: ConnectionState;
  speed: number;
  unsubs: (() => void)[];
  quality: SignalQualityMonitor;
  mode: 'ppg' | 'beats' | null;
  ppg: PpgTimeline;
  beats: BeatTimeline;
  firstBeatsSec: number | null;
  /** End of the newest data, channel clock, and when it arrived (wall ms). */
  dataSec: number;
  dataWallMs: number;
  /** Start of an open disconnect gap (channel clock), or null. */
  lostAtSec: number | null;
  /** Run of seconds without usable signal (quality gaps). */
  badRun: { startSec: number; reason: string; seconds: number } | null;
  /** End of the last sensor gap: quality seconds before it are part of that gap already. */
  coveredUntilSec: number;
  closing: boolean;
}

const SIGNAL_GAP_FLAGS: readonly QualityFlag[] = ['no-contact', 'flat', 'no-signal'];
const MIN_SIGNAL_GAP_SEC = 2;

export class DeviceManager {
  private readonly emitter = new TypedEmitter<DeviceManagerEvents>();
  private readonly chans = new Map<string, Channel>();
  private readonly now: () => number;
  private readonly opts: DeviceManagerOptions;
  private host: AnalysisHost | null = null;
  private ownsHost = false;
  private hostUnsubs: (() => void)[] = [];
  private pacerValue: PacerSchedule | null = null;

  constructor(opts: DeviceManagerOptions = {}) {
    this.opts = opts;
    this.now = opts.now ?? (() => performance.now());
    if (opts.analysis) this.attachHost(opts.analysis, false);
  }

  on<E extends keyof DeviceManagerEvents>(ev: E, fn: DeviceManagerEvents[E]): () => void {
    return this.emitter.on(ev, fn);
  }

  /** The analysis host in use (null before the first connect when the manager owns it, or with analysis: false). */
  get analysis(): AnalysisHost | null {
    return this.host;
  }

  /** The shared pacer (simulator sources breathe with it, on their own signal clock). */
  setPacer(p: PacerSchedule | null): void {
    this.pacerValue = p;
  }

  get pacer(): PacerSchedule | null {
    return this.pacerValue;
  }

  /** connect: open `spec` on `channel` (default 'ch1'); rejects with a one-line message (bad spec, sensor unavailable, channel in use). */
  async connect(spec: string, channel = 'ch1'): Promise<{ channel: string; info: SensorSourceInfo }> {
    if (this.chans.has(channel)) throw new Error(`channel ${channel} is already connected to ${this.chans.get(channel)!.spec}`);
    const source = openSensor(spec, { ...this.opts.openContext, pacer: () => this.pacerValue });
    if ('error' in source) throw new Error(source.error);
    const host = await this.ensureHost();
    if (this.chans.has(channel)) throw new Error(`channel ${channel} is already connected to ${this.chans.get(channel)!.spec}`);
    const ch: Channel = {
      channel,
      spec: source.spec,
      source,
      state: 'disconnected',
      speed: (source as { speed?: number }).speed ?? 1,
      unsubs: [],
      quality: new SignalQualityMonitor({ analysis: host !== null }),
      mode: null,
      ppg: new PpgTimeline(),
      beats: new BeatTimeline(),
      firstBeatsSec: null,
      dataSec: 0,
      dataWallMs: this.now(),
      lostAtSec: null,
      badRun: null,
      coveredUntilSec: -Infinity,
      closing: false,
    };
    this.chans.set(channel, ch);
    host?.resetChannel(channel);
    ch.unsubs.push(
      source.on('frame', (f) => this.onFrame(ch, f)),
      source.on('state', (s, msg) => this.onState(ch, s, msg)),
    );
    try {
      await source.start();
    } catch (err) {
      for (const u of ch.unsubs) u();
      this.chans.delete(channel);
      host?.closeChannel(channel);
      await source.stop().catch(() => undefined);
      throw err instanceof Error ? err : new Error(String(err));
    }
    ch.dataWallMs = this.now();
    return { channel, info: source.info };
  }

  /** disconnect: stop the source, deliver the last analysis results, close open gaps, drop the channel. */
  async disconnect(channel: string): Promise<void> {
    const ch = this.chans.get(channel);
    if (!ch || ch.closing) return;
    ch.closing = true;
    const nowSec = this.signalTimeSec(channel); // while the sensor is away the clock runs on
    await ch.source.stop().catch(() => undefined);
    for (const u of ch.unsubs) u();
    const endSec = Math.max(ch.dataSec, ch.lostAtSec ?? -Infinity);
    if (ch.lostAtSec !== null) this.emitGap(ch, { startSec: ch.lostAtSec, endSec: Math.max(ch.lostAtSec, nowSec), reason: 'disconnected' });
    if (ch.badRun && ch.badRun.seconds >= MIN_SIGNAL_GAP_SEC) this.emitGap(ch, { startSec: ch.badRun.startSec, endSec, reason: ch.badRun.reason });
    ch.lostAtSec = null;
    ch.badRun = null;
    if (this.host) {
      // The last results of this channel (bounded: a stuck worker must not block the disconnect).
      await Promise.race([this.host.drain(), new Promise((r) => setTimeout(r, 5000).unref())]);
      this.host.closeChannel(channel);
    }
    this.chans.delete(channel);
  }

  async disconnectAll(): Promise<void> {
    await Promise.all([...this.chans.keys()].map((c) => this.disconnect(c)));
  }

  /** close: disconnect everything and terminate the analysis worker if the manager started it (final: no connects after it). */
  async close(): Promise<void> {
    await this.disconnectAll();
    for (const u of this.hostUnsubs.splice(0)) u();
    if (this.host && this.ownsHost) await this.host.terminate();
    this.host = null;
  }

  channels(): { channel: string; spec: string; state: ConnectionState; info: SensorSourceInfo }[] {
    return [...this.chans.values()].map((c) => ({ channel: c.channel, spec: c.spec, state: c.state, info: c.source.info }));
  }

  /** The source of a channel (e.g. a SimSource's truth in tests). */
  source(channel: string): SensorSource | undefined {
    return this.chans.get(channel)?.source;
  }

  /** End of the newest data of a channel, channel clock, s (0 before any). */
  dataTimeSec(channel: string): number {
    return this.chans.get(channel)?.dataSec ?? 0;
  }

  /** Current time of a channel's clock, s: the newest data plus the wall time since (× speed), also while reconnecting. */
  signalTimeSec(channel: string): number {
    const ch = this.chans.get(channel);
    if (!ch) return 0;
    if (ch.state === 'disconnected' || ch.state === 'error') return ch.dataSec;
    return ch.dataSec + (Math.max(0, this.now() - ch.dataWallMs) / 1000) * ch.speed;
  }

  listSensors(): Promise<SensorListing> {
    return listSensors(this.opts.listOptions);
  }

  // ---- internals -------------------------------------------------------------------------

  private async ensureHost(): Promise<AnalysisHost | null> {
    if (this.opts.analysis === false) return null;
    if (!this.host) this.attachHost(new AnalysisHost(), true);
    await this.host!.whenReady();
    return this.host;
  }

  private attachHost(host: AnalysisHost, owns: boolean): void {
    this.host = host;
    this.ownsHost = owns;
    this.hostUnsubs.push(
      host.onResult((r) => this.onResult(r)),
      host.onError((channel, message) => {
        if (this.chans.has(channel)) this.safeEmit('analysisError', channel, message);
      }),
    );
  }

  private safeEmit<E extends keyof DeviceManagerEvents>(ev: E, ...args: Parameters<DeviceManagerEvents[E]>): void {
    try {
      this.emitter.emit(ev, ...args);
    } catch (err) {
      // A listener's bug must not break the sensor stream.
      console.error(`cadans devices: a '${String(ev)}' listener failed:`, err);
    }
  }

  private touch(ch: Channel, endSec: number): void {
    if (endSec > ch.dataSec) ch.dataSec = endSec;
    ch.dataWallMs = this.now();
  }

  private onState(ch: Channel, s: ConnectionState, message?: string): void {
    const prev = ch.state;
    ch.state = s;
    if (s === 'reconnecting' && ch.lostAtSec === null && prev !== 'connecting') {
      ch.lostAtSec = ch.dataSec;
    }
    this.safeEmit('state', ch.channel, s, message);
  }

  private onFrame(ch: Channel, f: SensorFrame): void {
    this.safeEmit('frame', ch.channel, f);
    if (f.kind === 'ppg') this.onPpg(ch, f);
    else if (f.kind === 'beats') this.onBeats(ch, f);
    else {
      ch.quality.pushStatus(f);
      ch.dataWallMs = this.now();
    }
  }

  private onPpg(ch: Channel, f: PpgFrame): void {
    if (ch.mode === 'beats' || f.values.length === 0) return;
    ch.mode = 'ppg';
    const a = ch.ppg.align(f);
    const host = this.host;
    if (a.restart) host?.resetChannel(ch.channel);
    if (a.gap) this.sensorGap(ch, a.gap.startSec, a.gap.endSec, 'time-jump');
    else this.closeLostGap(ch, f.t0Sec);
    for (const q of ch.quality.pushPpg(f)) this.onQuality(ch, q);
    if (host && a.values.length > 0) host.pushPpg(ch.channel, f.fsHz, a.values);
    this.touch(ch, f.t0Sec + f.values.length / f.fsHz);
  }

  private onBeats(ch: Channel, f: BeatFrame): void {
    if (ch.mode === null) {
      ch.firstBeatsSec ??= f.tSec;
      // A source that announced PPG gets 5 s to deliver it before its intervals are analysed.
      if (ch.source.info.fsHz === undefined || f.tSec - ch.firstBeatsSec > 5) ch.mode = 'beats';
    }
    if (ch.mode !== 'beats') return;
    const host = this.host;
    if (f.ibiMs.length > 0) {
      const a = ch.beats.align(f);
      if (a.gap) {
        this.sensorGap(ch, a.gap.startSec, a.gap.endSec, 'beats-missing');
        host?.pushIntervals(ch.channel, [a.bridgeMs!], a.gap.endSec);
      } else this.closeLostGap(ch, a.startSec);
      host?.pushIntervals(ch.channel, a.ibiMs, f.tSec);
    }
    for (const q of ch.quality.pushBeats(f)) this.onQuality(ch, q);
    this.touch(ch, f.tSec);
  }

  /** A jump in the data: a disconnect gap if one is open, else `reason`. */
  private sensorGap(ch: Channel, startSec: number, endSec: number, reason: string): void {
    if (ch.lostAtSec !== null) {
      startSec = Math.min(startSec, ch.lostAtSec);
      reason = 'disconnected';
      ch.lostAtSec = null;
    }
    this.emitGap(ch, { startSec, endSec, reason });
  }

  /** Data is back after a disconnect without a visible jump: close the gap at `resumeSec`. */
  private closeLostGap(ch: Channel, resumeSec: number): void {
    if (ch.lostAtSec === null || ch.state === 'reconnecting') return;
    const startSec = ch.lostAtSec;
    ch.lostAtSec = null;
    this.emitGap(ch, { startSec, endSec: Math.max(startSec, resumeSec), reason: 'disconnected' });
  }

  private emitGap(ch: Channel, g: GapEvent): void {
    ch.coveredUntilSec = Math.max(ch.coveredUntilSec, g.endSec);
    if (this.host && g.endSec > g.startSec) {
      const toPipe = (t: number) => (ch.mode === 'ppg' ? ch.ppg.toPipeline(t) : t);
      this.host.markGap(ch.channel, toPipe(g.startSec), toPipe(g.endSec));
    }
    this.safeEmit('gap', ch.channel, g);
  }

  /** Per-second quality → event, and ≥ 2 s without usable signal → a gap. */
  private onQuality(ch: Channel, q: SignalQualitySecond): void {
    this.safeEmit('quality', ch.channel, q);
    const inSensorGap = q.tSec + 1 <= ch.coveredUntilSec + 1e-6 || ch.lostAtSec !== null;
    const bad = !inSensorGap && q.flags.some((f) => SIGNAL_GAP_FLAGS.includes(f));
    if (bad) {
      const reason = q.flags.includes('no-contact') ? 'no-contact' : q.flags.includes('flat') ? 'flat' : 'no-signal';
      if (!ch.badRun) ch.badRun = { startSec: q.tSec, reason, seconds: 0 };
      ch.badRun.seconds++;
      return;
    }
    const run = ch.badRun;
    ch.badRun = null;
    if (run && run.seconds >= MIN_SIGNAL_GAP_SEC) this.emitGap(ch, { startSec: run.startSec, endSec: q.tSec, reason: run.reason });
  }

  private onResult(r: WorkerResult): void {
    const ch = this.chans.get(r.channel);
    if (!ch) return;
    const last = r.metrics[r.metrics.length - 1];
    if (last) ch.quality.setAnalysisQuality(last.qualityPct);
    if (ch.mode === 'ppg' && ch.ppg.originSec) {
      const off = ch.ppg.originSec;
      r = {
        ...r,
        beatTSec: r.beatTSec.map((t) => t + off),
        metrics: r.metrics.map((m) => ({ ...m, tSec: m.tSec + off })),
      };
    }
    this.safeEmit('analysis', ch.channel, r);
  }
}

/**
 * `DeviceManager` — the workstation's connected sensors: one `LiveChannel` per sensor (several at
 * once: one per client in a group, one shared pacer), and the analysis worker they share. It opens
 * a source from a spec string (`openSensor`), starts its channel, and stops it again; everything
 * between a sensor and the screen or the database happens in the channel (LiveChannel.ts).
 * Simulator sources breathe with the pacer given to `setPacer`, on their own signal clock.
 */
import { AnalysisHost } from '../analysis/AnalysisHost.js';
import type { PacerSchedule } from '../../shared/pacer/index.js';
import { LiveChannel, type ChannelSink, type LiveChannelOptions } from './LiveChannel.js';
import { listSensors, type ListSensorsOptions, type SensorListing } from './listSensors.js';
import { openSensor, type OpenSensorContext } from './openSensor.js';

export type { GapEvent, ChannelSink } from './LiveChannel.js';
export type { SignalQualitySecond, QualityFlag, PlacementHint } from './signalQuality.js';
export type { SensorListing } from './listSensors.js';

export interface DeviceManagerOptions {
  /** The analysis host to feed; default: one of its own (terminated by `close()`); false = no analysis. */
  analysis?: AnalysisHost | false;
  /** Monotonic wall clock, ms (default performance.now). */
  now?: () => number;
  /** Extra context for openSensor (tests inject a fake noble). */
  openContext?: Omit<OpenSensorContext, 'pacer'>;
  /** Options of listSensors(). */
  listOptions?: ListSensorsOptions;
  /** Called when a channel's state or notice changes. */
  onChange?: LiveChannelOptions['onChange'];
}

export class DeviceManager {
  private readonly chans = new Map<string, LiveChannel>();
  private readonly opts: DeviceManagerOptions;
  private host: AnalysisHost | null = null;
  private ownsHost = false;
  private pacerValue: PacerSchedule | null = null;
  private readonly connecting = new Set<string>();

  constructor(opts: DeviceManagerOptions = {}) {
    this.opts = opts;
    if (opts.analysis) this.host = opts.analysis;
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

  /**
   * connect: open `spec` on channel `id` (default 'ch1'), with `view` as the channel's live view from
   * the start (so it hears everything the sensor says while it is being opened); rejects with a
   * one-line message (bad spec, sensor unavailable, channel in use).
   */
  async connect(spec: string, id = 'ch1', view: ChannelSink | null = null): Promise<LiveChannel> {
    if (this.chans.has(id) || this.connecting.has(id)) throw new Error(`channel ${id} is already connected to ${this.chans.get(id)?.spec ?? 'a sensor'}`);
    const source = openSensor(spec, { ...this.opts.openContext, pacer: () => this.pacerValue });
    if ('error' in source) throw new Error(source.error);
    this.connecting.add(id);
    try {
      const host = await this.ensureHost();
      const ch = new LiveChannel(id, source, host, { nowMs: this.opts.now, onChange: this.opts.onChange });
      ch.view = view;
      this.chans.set(id, ch);
      try {
        await ch.start();
      } catch (err) {
        this.chans.delete(id);
        await source.stop().catch(() => undefined);
        throw err;
      }
      return ch;
    } finally {
      this.connecting.delete(id);
    }
  }

  /** disconnect: stop the channel (its last samples and analysis are delivered) and drop it. */
  async disconnect(id: string): Promise<void> {
    const ch = this.chans.get(id);
    if (!ch) return;
    this.chans.delete(id);
    await ch.stop();
  }

  async disconnectAll(): Promise<void> {
    await Promise.all([...this.chans.keys()].map((c) => this.disconnect(c)));
  }

  /** close: disconnect everything and terminate the analysis worker if the manager started it. */
  async close(): Promise<void> {
    await this.disconnectAll();
    if (this.host && this.ownsHost) await this.host.terminate();
    if (this.ownsHost) this.host = null;
  }

  channel(id: string): LiveChannel | undefined {
    return this.chans.get(id);
  }

  channels(): LiveChannel[] {
    return [...this.chans.values()];
  }

  listSensors(): Promise<SensorListing> {
    return listSensors(this.opts.listOptions);
  }

  private async ensureHost(): Promise<AnalysisHost | null> {
    if (this.opts.analysis === false) return null;
    if (!this.host) {
      this.host = new AnalysisHost({ onRestart: (reason, detail) => console.error(`cadans: the analysis worker ${reason} (${detail}); restarted`) });
      this.ownsHost = true;
    }
    // Sensors and recording never wait on analysis: a worker that will not start is reported on
    // the channel (analysis stopped) and tried again in the background.
    await this.host.whenReady().catch((e: unknown) => console.error(`cadans: ${e instanceof Error ? e.message : String(e)}`));
    return this.host;
  }
}

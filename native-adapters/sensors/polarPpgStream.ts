/**
 * PolarPpgStream: Polar PMD PPG over BLE (sensor-protocols §2): subscribe to the
 * control point (indications) and data (notifications), GET the PPG settings, START
 * with the preferred rate (55 Hz on the Verity Sense), turn each data frame into a
 * PpgFrame (samples counted, the frame's timestamp as the device clock: the channel clock
 * measures the true rate from it, whatever rate the firmware declares), STOP on stop().
 */
import type { PpgFrame, SensorFrame, SensorNotice } from '../../shared/sensors/frames.js';
import {
  PmdResponseAssembler,
  PmdType,
  parsePmdDataFrame,
  parsePmdSettings,
  pmdGetSettings,
  pmdStartPpg,
  pmdStop,
  type PmdControlPointResponse,
  type PmdPpgSample,
} from '../../shared/sensors/polarPmd.js';
import { withTimeout } from './asyncUtil.js';
import type { DataListener, NobleCharacteristicLike } from './nobleTypes.js';

export type PolarPpgChannel = 'mean' | 0 | 1 | 2;

export interface PolarPpgStreamOptions {
  sampleRateHz?: number;
  channel?: PolarPpgChannel;
  commandTimeoutMs?: number;
  /** Host monotonic time, s. */
  tSec: () => number;
  emit: (f: SensorFrame) => void;
  status: (notice: SensorNotice) => void;
}

/** ppgValue: one PpgFrame value from a PMD PPG sample: mean of PPG0–2 minus ambient, or one channel. */
export function ppgValue(s: PmdPpgSample, channel: PolarPpgChannel): number {
  if (channel === 'mean') return (s.ppg[0] + s.ppg[1] + s.ppg[2]) / 3 - s.ambient;
  return s.ppg[channel];
}

export class PolarPpgStream {
  private readonly asm = new PmdResponseAssembler();
  private waiter: { op: number; resolve: (r: PmdControlPointResponse) => void } | undefined;
  private factor = 1;
  private fs = 55;
  private streaming = false;
  /** Samples counted since START (the device's count). */
  private count = 0;
  private stream = -1;
  private badFrames = 0;
  private lastBadReportSec = Number.NEGATIVE_INFINITY;
  private readonly onCp: DataListener = (b) => this.handleCp(b);
  private readonly onData: DataListener = (b) => this.handleData(b);

  constructor(
    private readonly cp: NobleCharacteristicLike,
    private readonly data: NobleCharacteristicLike,
    private readonly o: PolarPpgStreamOptions,
  ) {}

  get fsHz(): number {
    return this.fs;
  }

  get isStreaming(): boolean {
    return this.streaming;
  }

  /** start: subscribe, GET settings, START; rejects with a clear message on failure. */
  async start(): Promise<void> {
    this.cp.on('data', this.onCp);
    this.data.on('data', this.onData);
    const t = this.o.commandTimeoutMs ?? 3000;
    await withTimeout(this.cp.subscribeAsync(), t, 'Polar PMD: subscribing to the control point timed out');
    await withTimeout(this.data.subscribeAsync(), t, 'Polar PMD: subscribing to the data characteristic timed out');
    const get = await this.command(pmdGetSettings(PmdType.PPG));
    if (get.status !== 0) throw new Error(`Polar PPG is not available: GET settings answered ${get.statusName}`);
    const s = parsePmdSettings(get.params);
    const want = this.o.sampleRateHz ?? 55;
    let rate = want;
    let res = 22;
    let ch = 4;
    if (s.ok) {
      if (s.sampleRatesHz.length && !s.sampleRatesHz.includes(want)) rate = s.sampleRatesHz[0];
      if (s.resolutionsBits.length) res = s.resolutionsBits[0];
      if (s.channels.length) ch = s.channels[0];
    }
    const start = await this.command(pmdStartPpg({ sampleRateHz: rate, resolutionBits: res, channels: ch }));
    if (start.status !== 0 && start.statusName !== 'ALREADY_IN_STATE') throw new Error(`Polar PPG did not start: ${start.statusName}`);
    const st = parsePmdSettings(start.params);
    this.factor = st.ok && st.factor !== undefined && st.factor > 0 ? st.factor : 1;
    this.fs = rate;
    this.count = 0;
    this.stream++;
    this.streaming = true;
  }

  /** stop: send STOP (best effort) and remove the listeners. */
  async stop(): Promise<void> {
    if (this.streaming) {
      this.streaming = false;
      try {
        await withTimeout(this.cp.writeAsync(Buffer.from(pmdStop(PmdType.PPG)), false), 1000, 'STOP timed out');
      } catch {
        /* device may be gone */
      }
    }
    this.detach();
  }

  /** detach: remove the listeners (after a disconnect). */
  detach(): void {
    this.streaming = false;
    this.cp.removeListener('data', this.onCp);
    this.data.removeListener('data', this.onData);
    this.waiter = undefined;
    this.asm.reset();
  }

  private command(bytes: Uint8Array): Promise<PmdControlPointResponse> {
    const op = bytes[0];
    const t = this.o.commandTimeoutMs ?? 3000;
    const answer = new Promise<PmdControlPointResponse>((resolve) => {
      this.waiter = { op, resolve };
    });
    return withTimeout(
      this.cp.writeAsync(Buffer.from(bytes), false).then(() => answer),
      t,
      `Polar PMD: no answer to command ${Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join(' ')} within ${t / 1000} s`,
      () => {
        this.waiter = undefined;
      },
    );
  }

  private handleCp(b: Uint8Array): void {
    const m = this.asm.push(b);
    if (!m) return;
    if (!m.ok) {
      this.o.status({ code: 'bad-frames', params: { count: 1, message: m.error } });
    } else if (m.kind === 'stopped') {
      if (m.types.includes(PmdType.PPG)) {
        this.streaming = false;
        this.o.status({ code: 'stream-stopped', params: { what: 'PPG' } });
      }
    } else if (this.waiter && this.waiter.op === m.op) {
      const w = this.waiter;
      this.waiter = undefined;
      w.resolve(m);
    }
  }

  private handleData(b: Uint8Array): void {
    const arrival = this.o.tSec();
    const f = parsePmdDataFrame(b, { factor: this.factor });
    if (!f.ok) {
      this.badFrames++;
      if (arrival - this.lastBadReportSec > 10) {
        this.lastBadReportSec = arrival;
        this.o.status({ code: 'bad-frames', params: { count: this.badFrames, message: f.error } });
      }
      return;
    }
    if (f.kind !== 'ppg' || f.samples.length === 0) return;
    const n = f.samples.length;
    const values = Float32Array.from(f.samples, (s) => ppgValue(s, this.o.channel ?? 'mean'));
    const frame: PpgFrame = {
      kind: 'ppg',
      fsHz: this.fs,
      index: this.count,
      values,
      arrivalSec: arrival,
      stream: Math.max(0, this.stream),
      ...(f.timestampNs > 0n ? { deviceSec: Number(f.timestampNs) / 1e9 } : {}),
    };
    this.count += n;
    this.o.emit(frame);
  }
}

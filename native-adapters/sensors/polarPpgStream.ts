/**
 * PolarPmdSession: one BLE connection's Polar Measurement Data (sensor-protocols §2) — PPG for
 * the waveform and PPI as a second source of intervals — on the PMD control point and data
 * characteristics. One session per connection; a reconnect makes a new one (with a new `stream`).
 *
 * 1. Listen, then subscribe to the control point (indications: responses) and data (notifications).
 * 2. Read the control point: the feature bitmap (`0F <bitmap> <bitmap2>`; polar-ble-sdk
 *    BlePMDClient.readFeature). Unreadable: PPG is tried by GET as before, PPI is not.
 * 3. PPG when wanted and offered: GET settings → START with `choosePpgSettings` (the requested or
 *    the offered rate) → each data frame becomes a PpgFrame counted by PmdPpgCounter (device
 *    timestamps as `deviceSec`; the channel clock measures the true rate from them).
 * 4. PPI when wanted and offered, unless SDK mode is on (GET_SDK_MODE_STATUS where the device has SDK
 *    mode; documentation/SdkModeExplained.md: its algorithms are off): START `02 03` → BeatFrames
 *    and contact via PmdPpiFramer. The device sends the first PPI samples ~25 s after START.
 * 5. stop(): STOP each started stream (best effort); detach() after a disconnect.
 *
 * Notices: 'ppg-streaming' {fsHz: declared}; 'ppg-unavailable' {reason} when PPG was offered but did
 * not start, or was required (`ppg: true`) and is not there — then start() rejects too (likewise
 * `ppi: true`); 'stream-stopped' {what} when the device stops a stream; 'bad-frames' {count, what: 'pmd', problem?, message}.
 */
import type { ParseProblem } from '../../shared/sensors/parseResult.js';
import type { SensorFrame, SensorNotice } from '../../shared/sensors/frames.js';
import {
  PmdResponseAssembler,
  PmdType,
  parsePmdDataFrame,
  parsePmdFeatures,
  parsePmdSettings,
  pmdGetSdkModeStatus,
  pmdGetSettings,
  pmdSdkModeEnabled,
  pmdStartPpg,
  pmdStartPpi,
  pmdStop,
  type PmdControlPointResponse,
  type PmdFeatures,
} from '../../shared/sensors/polarPmd.js';
import { PmdPpgCounter, choosePpgSettings, type PolarPpgChannel } from '../../shared/sensors/polarPmdPpg.js';
import { PmdPpiFramer } from '../../shared/sensors/polarPmdPpi.js';
import { withTimeout } from './asyncUtil.js';
import { CadansError } from '../../shared/i18n/CadansError.js';
import type { DataListener, NobleCharacteristicLike } from './nobleTypes.js';

export { ppgValue, type PolarPpgChannel } from '../../shared/sensors/polarPmdPpg.js';

export interface PolarPmdOptions {
  /** PPG: true = required, false = off, undefined = when offered. */
  ppg?: boolean;
  /** PPI: true = required, false = off, undefined = when offered. */
  ppi?: boolean;
  /** Preferred PPG rate, Hz (default 55). */
  sampleRateHz?: number;
  channel?: PolarPpgChannel;
  /** Counting epoch of this connection's PPG frames (frames.ts `stream`). */
  stream: number;
  /** Label of the device in error messages. */
  device?: string;
  commandTimeoutMs?: number;
  /** Host monotonic time, s. */
  tSec: () => number;
  emit: (f: SensorFrame) => void;
  status: (notice: SensorNotice) => void;
}

/** Why a stream is not running: 'off' (not wanted), 'not-offered' (feature bitmap), 'sdk-mode', or the device's answer / error. */
export type PmdStreamState = { readonly on: true } | { readonly on: false; readonly reason: string };

const OFF: PmdStreamState = { on: false, reason: 'off' };

/** Why a stream is off, as the 'ble.noPolarStream' error names it (anything else: the technical reason). */
function whyOff(reason: string): string {
  return ({ 'not-offered': 'notOffered', 'features-unreadable': 'featuresUnreadable', 'sdk-mode': 'sdkMode' } as Record<string, string>)[reason] ?? 'other';
}
const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

export class PolarPmdSession {
  private readonly asm = new PmdResponseAssembler();
  private waiter: { op: number; resolve: (r: PmdControlPointResponse) => void } | undefined;
  private factor = 1;
  private ppgCounter: PmdPpgCounter | undefined;
  private readonly ppiFramer = new PmdPpiFramer();
  private ppiOn = false;
  private attached = false;
  private badFrames = 0;
  private lastBadReportSec = Number.NEGATIVE_INFINITY;
  private readonly onCp: DataListener = (b) => this.handleCp(b);
  private readonly onData: DataListener = (b) => this.handleData(b);
  /** The feature bitmap read at start (null = unreadable). */
  features: PmdFeatures | null = null;
  ppgState: PmdStreamState = OFF;
  ppiState: PmdStreamState = OFF;

  constructor(
    private readonly cp: NobleCharacteristicLike,
    private readonly data: NobleCharacteristicLike,
    private readonly o: PolarPmdOptions,
  ) {}

  /** The declared PPG rate while PPG streams, else undefined. */
  get ppgHz(): number | undefined {
    return this.ppgCounter?.fsHz;
  }

  /** start: subscribe, read features, start PPG and PPI as wanted; rejects only when a required stream is missing. */
  async start(): Promise<void> {
    const t = this.o.commandTimeoutMs ?? 3000;
    this.cp.on('data', this.onCp);
    this.data.on('data', this.onData);
    this.attached = true;
    try {
      await withTimeout(this.cp.subscribeAsync(), t, 'subscribing to the PMD control point timed out');
      await withTimeout(this.data.subscribeAsync(), t, 'subscribing to the PMD data characteristic timed out');
      const read = await withTimeout(this.cp.readAsync(), t, 'reading the PMD features timed out').catch(() => undefined);
      const f = read ? parsePmdFeatures(read) : undefined;
      this.features = f?.ok ? f : null;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (this.o.ppg !== false) this.ppgState = { on: false, reason };
      if (this.o.ppi !== false) this.ppiState = { on: false, reason };
      this.report();
      return;
    }
    if (this.o.ppg !== false) this.ppgState = await this.startPpg();
    if (this.o.ppi !== false) this.ppiState = await this.startPpi();
    this.report();
  }

  /** stop: STOP the running streams (best effort) and remove the listeners. */
  async stop(): Promise<void> {
    const types = [...(this.ppgCounter ? [PmdType.PPG] : []), ...(this.ppiOn ? [PmdType.PPI] : [])];
    this.ppgCounter = undefined;
    this.ppiOn = false;
    for (const type of types) {
      await withTimeout(this.cp.writeAsync(Buffer.from(pmdStop(type)), false), 1000, 'STOP timed out').catch(() => undefined);
    }
    this.detach();
  }

  /** detach: remove the listeners (after a disconnect: the device stopped by itself). */
  detach(): void {
    this.ppgCounter = undefined;
    this.ppiOn = false;
    if (this.attached) {
      this.cp.removeListener('data', this.onCp);
      this.data.removeListener('data', this.onData);
      this.attached = false;
    }
    this.waiter = undefined;
    this.asm.reset();
  }

  private async startPpg(): Promise<PmdStreamState> {
    if (this.features && !this.features.ppg) return { on: false, reason: 'not-offered' };
    try {
      const get = await this.command(pmdGetSettings(PmdType.PPG));
      if (get.status !== 0) return { on: false, reason: get.statusName };
      const offered = parsePmdSettings(get.params);
      const want = choosePpgSettings(offered.ok ? offered : null, this.o.sampleRateHz);
      const start = await this.command(pmdStartPpg(want));
      if (start.status !== 0 && start.statusName !== 'ALREADY_IN_STATE') return { on: false, reason: start.statusName };
      const st = parsePmdSettings(start.params);
      this.factor = st.ok && st.factor !== undefined && st.factor > 0 ? st.factor : 1;
      this.ppgCounter = new PmdPpgCounter(want.sampleRateHz, this.o.stream, this.o.channel ?? 'mean');
      return { on: true };
    } catch (err) {
      return { on: false, reason: err instanceof Error ? err.message : String(err) };
    }
  }

  private async startPpi(): Promise<PmdStreamState> {
    if (!this.features || !this.features.ppi) return { on: false, reason: this.features ? 'not-offered' : 'features-unreadable' };
    try {
      if (this.features.sdkMode) {
        const sdk = await this.command(pmdGetSdkModeStatus()).catch(() => undefined);
        if (sdk && pmdSdkModeEnabled(sdk)) return { on: false, reason: 'sdk-mode' };
      }
      const start = await this.command(pmdStartPpi());
      if (start.status !== 0 && start.statusName !== 'ALREADY_IN_STATE') return { on: false, reason: start.statusName };
      this.ppiFramer.reset();
      this.ppiOn = true;
      return { on: true };
    } catch (err) {
      return { on: false, reason: err instanceof Error ? err.message : String(err) };
    }
  }

  /** The notices of the outcome; throws when a required stream is missing. */
  private report(): void {
    const dev = this.o.device ?? 'the sensor';
    const ppg = this.ppgState;
    if (ppg.on) this.o.status({ code: 'ppg-streaming', params: { fsHz: this.ppgCounter!.fsHz } });
    else if (this.o.ppg === true || (this.o.ppg === undefined && ppg.reason !== 'not-offered')) {
      this.o.status({ code: 'ppg-unavailable', params: { reason: ppg.reason } });
    }
    if (this.o.ppg === true && !ppg.on) {
      throw new CadansError('ble.noPolarStream', { device: dev, stream: 'ppg', why: whyOff(ppg.reason), reason: ppg.reason }, {
        message: `${dev} gives no Polar PPG (${ppg.reason === 'not-offered' ? 'not offered by the sensor' : ppg.reason}); use 'ble' without ppg=1 for heart rate and RR only`,
      });
    }
    if (this.o.ppi === true && !this.ppiState.on) {
      throw new CadansError('ble.noPolarStream', { device: dev, stream: 'ppi', why: whyOff(this.ppiState.reason), reason: this.ppiState.reason }, {
        message: `${dev} gives no Polar PPI (${this.ppiState.reason}); use 'ble' without ppi=1`,
      });
    }
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
      `no answer to PMD command ${hexOf(bytes)} within ${t / 1000} s`,
      () => {
        this.waiter = undefined;
      },
    );
  }

  private handleCp(b: Uint8Array): void {
    const m = this.asm.push(b);
    if (!m) return;
    if (!m.ok) {
      this.badFrame(m.error, m.problem);
    } else if (m.kind === 'stopped') {
      if (m.types.includes(PmdType.PPG) && this.ppgCounter) {
        this.ppgCounter = undefined;
        this.o.status({ code: 'stream-stopped', params: { what: 'PPG' } });
      }
      if (m.types.includes(PmdType.PPI) && this.ppiOn) {
        this.ppiOn = false;
        this.o.status({ code: 'stream-stopped', params: { what: 'PPI' } });
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
      this.badFrame(f.error, f.problem);
      return;
    }
    if (f.kind === 'ppg') {
      const frame = this.ppgCounter?.frame(f, arrival);
      if (frame) this.o.emit(frame);
    } else if (f.kind === 'ppi') {
      if (this.ppiOn) for (const x of this.ppiFramer.push(f, arrival)) this.o.emit(x);
    } else if (f.kind === 'unsupported' && f.measurementType === PmdType.PPG && this.ppgCounter) {
      this.badFrame(f.reason, 'unsupported');
    }
  }

  /** Unreadable PMD messages: counted, reported at most every 10 s. */
  private badFrame(message: string, problem: ParseProblem | undefined): void {
    this.badFrames++;
    const t = this.o.tSec();
    if (t - this.lastBadReportSec > 10) {
      this.lastBadReportSec = t;
      this.o.status({ code: 'bad-frames', params: { count: this.badFrames, what: 'pmd', ...(problem ? { problem } : {}), message } });
    }
  }
}

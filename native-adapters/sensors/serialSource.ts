/**
 * SerialSource: a SensorSource over `serialport` for PulseSensor (Arduino), Contec
 * CMS50 (old 5-byte and new 9-byte protocol) and generic CSV line sensors
 * (sensor-protocols.md §3, §4, §7). Decoding and timing live in the pure
 * SerialFrameAssembler; this class does the I/O: open, CMS50 start/keep-alive
 * commands, batching timer, "wrong protocol or baud rate?" and "no data" checks,
 * and reconnect (poll the path, reopen with capped back-off, keep the samples
 * received before the loss; the gap shows as a jump in the next frame's t0Sec).
 */
import { sensorIdentity } from '../../shared/sensors/sensorIdentity.js';
import { access } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import type { SensorFrame, SensorNotice, StatusFrame } from '../../shared/sensors/frames.js';
import type { ConnectionState, SensorSource, SensorSourceEvents, SensorSourceInfo } from '../../shared/sensors/sensorSource.js';
import { TypedEmitter } from '../../shared/sensors/typedEmitter.js';
import { SerialFrameAssembler, SERIAL_PROTOCOLS, type SerialProtocol } from '../../shared/sensors/serialFrameAssembler.js';
import { GarbageDetector } from '../../shared/sensors/garbageDetector.js';
import { cms50Command, CMS50_CMD } from '../../shared/sensors/cms50.js';
import { DEFAULT_FS_HZ } from '../../shared/sensors/serialFrameAssembler.js';
import { listSerialPorts, type RawPortInfo } from './listSerialPorts.js';
import { probeSerialPort } from './probeSerialPort.js';
import { isSharedOpen, openSharedPort, rememberSensors, sharedSensors } from './serialPortHub.js';
import { CadansError } from '../../shared/i18n/CadansError.js';
import { serialOpenError } from './serialOpenError.js';
import { serialFault } from './serialFault.js';
import { formatSensorNotice } from '../../shared/sensors/sensorNotices.js';

export { serialOpenError };



export type { SerialProtocol } from '../../shared/sensors/serialFrameAssembler.js';

/** The subset of a serialport stream that SerialSource uses (lets tests inject SerialPortMock). */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(cb: (err: Error | null) => void): void;
  close(cb?: (err: Error | null) => void): void;
  write(data: Uint8Array, cb?: (err: Error | null | undefined) => void): boolean;
  on(ev: 'data', fn: (chunk: Uint8Array) => void): unknown;
  on(ev: 'close', fn: (err?: Error | null) => void): unknown;
  on(ev: 'error', fn: (err: Error) => void): unknown;
  removeAllListeners(): unknown;
}

export interface SerialPortOpenOptions {
  path: string;
  baudRate: number;
  dataBits: 8;
  parity: 'none' | 'odd';
  stopBits: 1;
  autoOpen: false;
}

export interface SerialSourceOptions {
  path: string;
  /** 'auto' (the default in specs without `protocol=`): found by listening (probeSerialPort) on start. */
  protocol: SerialProtocol | 'auto';
  /** Default: pulsesensor/cms50-9/csv 115200, cms50-5 19200 (8O1). */
  baudRate?: number;
  /** Default: pulsesensor 50, cms50 60; csv: required unless lines carry a time column. */
  fsHz?: number;
  /** What the device needs after opening before it streams (found by the probe; e.g. the ESP32 example's `b`). */
  wakeUp?: 'esp32-b';
  /** USB vendor/product id of the port: orders the probe's candidates (default: looked up with SerialPort.list()). */
  usbHint?: { vendorId?: string; productId?: string };
  /** Listening per setting while probing, ms (default 1200). */
  probeListenMs?: number;
  /** Keep probing this long before giving up, ms (default 12000). */
  probeForMs?: number;
  /** PulseSensor: sensors configured in the sketch (default 1) and the one to use (default 0). */
  sensorCount?: number;
  sensorIndex?: number;
  /** Flush PPG batches at least this often, ms (default 40). */
  batchMs?: number;
  /** CMS50-9: resend the start-live command every … ms (default 5000). */
  keepAliveMs?: number;
  /** CMS50-9 keep-alive command: resend A1 (default) or send AF. */
  keepAliveCommand?: 'start-live' | 'keep-alive';
  /** Window of the garbage / no-data check, s (default 3). */
  checkWindowSec?: number;
  /** Poll interval for the port path while reconnecting, ms (default 250); back-off capped at 1000. */
  reconnectPollMs?: number;
  /** Port factory (default: `new SerialPort(opts)`). */
  createPort?: (opts: SerialPortOpenOptions) => SerialPortLike;
  /** The port listing (default `SerialPort.list()`): finds the device again under another path after a replug. */
  listPorts?: () => Promise<RawPortInfo[]>;
  /** Monotonic clock, ms (default performance.now). */
  nowMs?: () => number;
}

const LABELS: Record<SerialProtocol, string> = {
  pulsesensor: 'PulseSensor',
  'cms50-5': 'CMS50 (old 5-byte protocol)',
  'cms50-9': 'CMS50 (new 9-byte protocol)',
  csv: 'CSV sensor',
};

/** "PulseSensor on /dev/ttyACM0", or "PulseSensor 2 of 2 on /dev/ttyACM0" on a board with several. */
export function sensorLabel(protocol: SerialProtocol, path: string, sensorIndex: number | undefined, sensorCount: number | undefined): string {
  const which = sensorCount && sensorCount > 1 ? ` ${(sensorIndex ?? 0) + 1} of ${sensorCount}` : sensorIndex ? ` ${sensorIndex + 1}` : '';
  return `${LABELS[protocol]}${which} on ${path}`;
}

/** Default baud rate per protocol. */
export function defaultBaudRate(protocol: SerialProtocol): number {
  return protocol === 'cms50-5' ? 19200 : 115200;
}

/** serialSpec: 'serial:<path>?protocol=<p>&baud=<n>[&fs=<Hz>]' ('serial:<path>' for an automatic protocol). */
export function serialSpec(o: Pick<SerialSourceOptions, 'path' | 'protocol' | 'baudRate' | 'fsHz'> & { sensorIndex?: number }): string {
  const q = o.protocol === 'auto' ? [] : [`protocol=${o.protocol}`, `baud=${o.baudRate ?? defaultBaudRate(o.protocol)}`];
  if (o.fsHz) q.push(`fs=${o.fsHz}`);
  if (o.sensorIndex) q.push(`sensor=${o.sensorIndex}`);
  return `serial:${o.path}${q.length ? '?' + q.join('&') : ''}`;
}

/** parseSerialSpec: the inverse of serialSpec; an error string for a bad spec. */
export function parseSerialSpec(spec: string): Pick<SerialSourceOptions, 'path' | 'protocol' | 'baudRate' | 'fsHz' | 'sensorCount' | 'sensorIndex'> | { error: string } {
  const m = /^serial:([^?]+)(?:\?(.*))?$/.exec(spec);
  if (!m) return { error: `not a serial source spec: ${spec}` };
  const params = new Map((m[2] ?? '').split('&').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
  const protocol = (params.get('protocol') ?? 'auto') as SerialProtocol | 'auto';
  if (protocol !== 'auto' && !SERIAL_PROTOCOLS.includes(protocol)) return { error: `unknown serial protocol '${protocol}' (use ${SERIAL_PROTOCOLS.join(', ')}, or leave it out to detect it)` };
  const num = (k: string) => (params.has(k) ? Number(params.get(k)) : undefined);
  const baudRate = num('baud');
  const fsHz = num('fs');
  const sensorCount = num('sensors');
  const sensorIndex = num('sensor');
  for (const [k, v] of [['baud', baudRate], ['fs', fsHz], ['sensors', sensorCount]] as const) {
    if (v !== undefined && !(v > 0)) return { error: `bad ${k} in ${spec}` };
  }
  if (sensorIndex !== undefined && !(Number.isInteger(sensorIndex) && sensorIndex >= 0)) return { error: `bad sensor in ${spec}` };
  return { path: m[1], protocol, baudRate, fsHz, sensorCount, sensorIndex };
}

/** The same as one English line (logs, channel state). */
export function explainOpenError(path: string, err: unknown): string {
  return serialOpenError(path, err).message;
}

/**
 * Probe problems that waiting will not cure: stop listening and say so (a missing or forbidden port;
 * a sketch that failed). Matched by code, not by the English sentence. A busy port is tried again
 * until `probeForMs`, as before (another channel of the same board may just be letting it go).
 */
const FINAL_PROBE_PROBLEMS: readonly string[] = ['serial.notFound', 'serial.permission', 'serial.sketchFailed'];

export class SerialSource implements SensorSource {
  readonly spec: string;
  readonly info: SensorSourceInfo;
  private readonly o: SerialSourceOptions;
  /** The port path in use (a replugged device may come back under another one). */
  private path: string;
  /** The USB serial number of the device on `path`, when the listing gives one. */
  private serialNumber: string | undefined;
  /** Its USB vendor and product id (part of its identity). */
  private usbIds: { vendorId?: string; productId?: string } = {};
  /** The protocol and port settings in use (found by the probe for 'auto'). */
  private protocol: SerialProtocol;
  private baudRate: number;
  private parity: 'none' | 'odd';
  private sensorCount: number | undefined;
  private wakeUp: 'esp32-b' | undefined;
  private detected: boolean;
  private readonly emitter = new TypedEmitter<SensorSourceEvents>();
  private assembler: SerialFrameAssembler;
  private readonly detector: GarbageDetector;
  private readonly nowMs: () => number;
  private port: SerialPortLike | undefined;
  private startMs = 0;
  private stateValue: ConnectionState = 'disconnected';
  private stopping = false;
  private running = false;
  private flushTimer: ReturnType<typeof setInterval> | undefined;
  private checkTimer: ReturnType<typeof setInterval> | undefined;
  private keepAliveTimer: ReturnType<typeof setInterval> | undefined;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;
  private reopenAttempt = 0;
  private garbageReported = false;
  private noDataReported = false;
  /** A check of the device path is under way (`closeIfGone`). */
  private goneCheck = false;

  constructor(opts: SerialSourceOptions) {
    this.o = opts;
    this.path = opts.path;
    this.detected = opts.protocol !== 'auto';
    this.protocol = opts.protocol === 'auto' ? 'pulsesensor' : opts.protocol;
    this.baudRate = opts.baudRate ?? defaultBaudRate(this.protocol);
    this.parity = this.protocol === 'cms50-5' ? 'odd' : 'none';
    // A further sensor of a board found to carry several (the listing's `sensor=N` entry).
    this.sensorCount = opts.sensorCount ?? (opts.sensorIndex ? sharedSensors().get(opts.path)?.sensorCount : undefined);
    this.wakeUp = opts.wakeUp;
    this.assembler = this.newAssembler();
    this.detector = new GarbageDetector({ windowSec: opts.checkWindowSec ?? 3 });
    this.nowMs = opts.nowMs ?? (() => performance.now());
    this.spec = serialSpec({ ...opts, baudRate: opts.protocol === 'auto' ? undefined : this.baudRate });
    const fsHz = this.assembler.sampleRateHz;
    this.info =
      opts.protocol === 'auto'
        ? { kind: 'serial', label: `serial sensor on ${opts.path}`, protocol: 'auto', fsHz: 50 }
        : { kind: 'serial', label: sensorLabel(opts.protocol, opts.path, opts.sensorIndex, this.sensorCount), protocol: opts.protocol, ...(fsHz ? { fsHz } : {}) };
  }

  /** `usb:<vid>:<pid>:<serial>` once the port listing gave a serial number on start; else the spec. */
  get identity(): string {
    return sensorIdentity(this.spec, { ...this.usbIds, ...(this.serialNumber ? { serialNumber: this.serialNumber } : {}) });
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  private newAssembler(): SerialFrameAssembler {
    const o = this.o;
    return new SerialFrameAssembler({ protocol: this.protocol, fsHz: o.fsHz, sensorCount: this.sensorCount, sensorIndex: o.sensorIndex });
  }

  /**
   * Listen for the protocol and baud rate (probeSerialPort): the USB id only orders the
   * candidates, the bytes decide. Rejects with what was heard when nothing is understood.
   */
  private async detect(): Promise<void> {
    // Another sensor of a board already open (TwoPulseSensors): join it, the port is busy anyway.
    const shared = sharedSensors().get(this.path);
    if (shared && (isSharedOpen(this.path) || (this.o.sensorIndex ?? 0) > 0)) {
      this.adopt({ protocol: shared.protocol, baudRate: shared.baudRate, parity: 'none', sensorCount: shared.sensorCount });
      return;
    }
    const hint = this.o.usbHint ?? (await this.listed())?.hint;
    // A board that has just been plugged in may still be starting (an ESP32 sets up its Wi-Fi before
    // it listens for `b`; an Arduino resets when the port opens): keep listening for a while.
    const untilMs = this.nowMs() + (this.o.probeForMs ?? 12_000);
    let r: Awaited<ReturnType<typeof probeSerialPort>>;
    for (;;) {
      r = await probeSerialPort(this.path, {
        ...(hint ? { usbHint: hint } : {}),
        ...(this.o.createPort ? { createPort: this.o.createPort } : {}),
        ...(this.o.probeListenMs ? { listenMs: this.o.probeListenMs } : {}),
      });
      if (!('error' in r) || this.stopping || this.nowMs() > untilMs || FINAL_PROBE_PROBLEMS.includes(r.problem.code)) break;
      await new Promise((res) => setTimeout(res, 500));
    }
    if ('error' in r) throw r.problem;
    if (r.wakeUp === 'esp32-b') this.wakeUp = 'esp32-b';
    this.adopt(r);
  }

  /** Use what the probe found (or what it found for another sensor of the same board). */
  private adopt(r: { protocol: SerialProtocol; baudRate: number; parity: 'none' | 'odd'; sensorCount?: number }): void {
    this.protocol = r.protocol;
    this.baudRate = r.baudRate;
    this.parity = r.parity;
    this.sensorCount = r.sensorCount && r.sensorCount > 1 ? r.sensorCount : this.o.sensorCount;
    if (this.sensorCount && this.sensorCount > 1 && (r.protocol === 'pulsesensor' || r.protocol === 'csv')) {
      // Offer every sensor of this board (the listing shows one entry per sensor).
      rememberSensors(this.path, { protocol: r.protocol, baudRate: r.baudRate, sensorCount: this.sensorCount });
    }
    this.detected = true;
    const fsHz = DEFAULT_FS_HZ[r.protocol] ?? 50;
    Object.assign(this.info, { label: sensorLabel(r.protocol, this.path, this.o.sensorIndex, this.sensorCount), protocol: r.protocol, fsHz });
    // `protocol` stays the English name (`cadans monitor --json`); `protocolCode` lets the notice name it in the user's language.
    this.status({ code: 'protocol-detected', params: { protocol: LABELS[r.protocol], protocolCode: r.protocol, baud: r.baudRate, ...(this.sensorCount ? { sensors: this.sensorCount } : {}) } });
  }

  on<E extends keyof SensorSourceEvents>(ev: E, fn: SensorSourceEvents[E]): () => void {
    return this.emitter.on(ev, fn);
  }

  /** start: open the port; rejects with a clear message when it cannot be opened. */
  async start(): Promise<void> {
    if (this.running) return;
    this.stopping = false;
    this.setState('connecting');
    this.startMs = this.nowMs();
    if (!this.detected) {
      try {
        await this.detect();
      } catch (err) {
        const raw = err instanceof Error ? err.message : String(err);
        // The probe's problems are coded (port missing, no data, no protocol recognised …).
        const fault = serialFault(err, 'open').fault;
        const coded =
          err instanceof CadansError
            ? err
            : fault !== 'other'
              ? serialOpenError(this.path, err)
              : new CadansError('serial.notRecognised', { port: this.path, detail: raw });
        this.setState('error', coded.message);
        throw coded;
      }
    }
    this.assembler = this.newAssembler(); // fresh decoder and counting for this session
    if (this.serialNumber === undefined) {
      const l = await this.listed();
      this.serialNumber = l?.serialNumber;
      this.usbIds = l?.hint ?? {};
    }
    try {
      await this.openPort();
    } catch (err) {
      const coded = serialOpenError(this.path, err);
      this.setState('error', coded.message);
      throw coded;
    }
    this.running = true;
    this.setState('connected');
    this.detector.reset();
    this.flushTimer = setInterval(() => this.emitFrames(this.assembler.flush()), this.o.batchMs ?? 40);
    this.checkTimer = setInterval(() => this.checkStream(), 500);
  }

  /** stop: stop live mode (CMS50-9), flush the last samples, close the port. Never rejects. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.running = false;
    for (const t of [this.flushTimer, this.checkTimer, this.keepAliveTimer]) if (t) clearInterval(t);
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.flushTimer = this.checkTimer = this.keepAliveTimer = this.reopenTimer = undefined;
    this.emitFrames(this.assembler.flush());
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) {
      if (this.protocol === 'cms50-9') await new Promise<void>((r) => port.write(cms50Command(CMS50_CMD.STOP_LIVE), () => r()));
      else if (this.wakeUp === 'esp32-b') await new Promise<void>((r) => port.write(Uint8Array.of(0x78), () => r())); // 'x' stops the ESP32 example
      await new Promise<void>((r) => port.close(() => r()));
    }
    port?.removeAllListeners();
    if (this.stateValue !== 'disconnected') this.setState('disconnected');
  }

  /** Host monotonic time, s (frames carry it as their arrival time). */
  private tSec(): number {
    return this.nowMs() / 1000;
  }

  /** Seconds since start() (the stream checks' clock). */
  private sinceStartSec(): number {
    return (this.nowMs() - this.startMs) / 1000;
  }

  private setState(s: ConnectionState, message?: string): void {
    this.stateValue = s;
    this.emitter.emit('state', s, message);
  }

  private emitFrames(frames: SensorFrame[]): void {
    for (const f of frames) this.emitter.emit('frame', f);
  }

  private status(notice: SensorNotice, extra: Partial<StatusFrame> = {}): void {
    this.emitter.emit('frame', { kind: 'status', arrivalSec: this.tSec(), notice, ...extra });
  }

  /** The port, through the hub: the channels of a board with several sensors share it. */
  private createPort(opts: SerialPortOpenOptions): SerialPortLike {
    return openSharedPort(opts, this.o.createPort ?? ((o) => new SerialPort(o) as unknown as SerialPortLike));
  }

  private openPort(): Promise<void> {
    return new Promise((resolve, reject) => {
      let port: SerialPortLike;
      try {
        port = this.createPort({
          path: this.path,
          baudRate: this.baudRate,
          dataBits: 8,
          parity: this.parity,
          stopBits: 1,
          autoOpen: false,
        });
      } catch (err) {
        reject(err);
        return;
      }
      let opened = false;
      port.on('error', (err) => {
        if (opened && port === this.port && !this.stopping) {
          // `message` stays the OS text (technical detail); `cause` is what the therapist reads.
          const { fault } = serialFault(err, 'running');
          this.status({ code: 'port-error', params: { port: this.path, message: err.message, cause: fault } });
        }
      });
      port.open((err) => {
        if (err) {
          port.removeAllListeners();
          reject(err);
          return;
        }
        opened = true;
        if (this.stopping) {
          port.close();
          reject(new Error('stopped while opening'));
          return;
        }
        this.port = port;
        port.on('data', (chunk) => this.emitFrames(this.assembler.push(chunk, this.tSec())));
        port.on('close', (closeErr) => this.onClose(port, closeErr));
        if (this.protocol === 'cms50-9') this.startCms50Live(port);
        else if (this.wakeUp === 'esp32-b') this.startEsp32(port);
        resolve();
      });
    });
  }

  private startCms50Live(port: SerialPortLike): void {
    const start = cms50Command(CMS50_CMD.START_LIVE);
    const keep = this.o.keepAliveCommand === 'keep-alive' ? cms50Command(CMS50_CMD.KEEP_ALIVE) : start;
    port.write(start);
    if (this.keepAliveTimer) clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = setInterval(() => {
      if (port.isOpen) port.write(keep);
    }, this.o.keepAliveMs ?? 5000);
  }

  /** What the port listing says of our path: the USB id (probe hint) and serial number (never throws). */
  private async listed(): Promise<{ hint?: { vendorId?: string; productId?: string }; serialNumber?: string } | undefined> {
    const l = await listSerialPorts(this.o.listPorts);
    const e = l.ports.find((p) => p.path === this.path);
    if (!e) return undefined;
    return { ...(e.vendorId ? { hint: { vendorId: e.vendorId, productId: e.productId } } : {}), ...(e.serialNumber ? { serialNumber: e.serialNumber } : {}) };
  }

  /** Another path now carrying our device's USB serial number, or undefined. */
  private async movedTo(): Promise<string | undefined> {
    if (!this.serialNumber) return undefined;
    const l = await listSerialPorts(this.o.listPorts);
    return l.ports.find((p) => p.serialNumber === this.serialNumber && p.path !== this.path)?.path;
  }

  /** The ESP32 example streams only after it reads `b` (once its set-up is done: resend until data flows). */
  private startEsp32(port: SerialPortLike): void {
    const before = this.assembler.stats.records;
    port.write(Uint8Array.of(0x62));
    if (this.keepAliveTimer) clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = setInterval(() => {
      if (this.assembler.stats.records > before + 5) {
        clearInterval(this.keepAliveTimer);
        this.keepAliveTimer = undefined;
      } else if (port.isOpen) port.write(Uint8Array.of(0x62));
    }, 500);
  }

  private onClose(port: SerialPortLike, err?: Error | null): void {
    if (port !== this.port) return;
    this.port = undefined;
    port.removeAllListeners();
    if (this.keepAliveTimer) clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
    if (this.stopping) return;
    // Keep everything decoded so far, then start over with a fresh time anchor.
    this.emitFrames(this.assembler.resync());
    const reason = err?.message ? err.message : 'port closed';
    // `reason` stays the OS text (technical detail, logs); `cause` is what the therapist reads.
    const { fault } = serialFault(err?.message ? err : undefined, 'running');
    const notice: SensorNotice = { code: 'reconnecting', params: { port: this.path, reason, cause: fault } };
    this.setState('reconnecting', `${formatSensorNotice(notice, 'en')}${fault === 'other' || reason === 'port closed' ? '' : ` [${reason}]`}`);
    this.status(notice);
    this.reopenAttempt = 0;
    this.scheduleReopen(0);
  }

  private scheduleReopen(delayMs: number): void {
    if (this.stopping) return;
    this.reopenTimer = setTimeout(() => void this.tryReopen(), delayMs);
  }

  private async tryReopen(): Promise<void> {
    this.reopenTimer = undefined;
    if (this.stopping) return;
    const poll = this.o.reconnectPollMs ?? 250;
    // Poll the device path itself (Linux/macOS); COM ports cannot be stat'ed, so just try.
    if (this.path.startsWith('/')) {
      const present = await access(this.path).then(
        () => true,
        () => false,
      );
      if (!present) {
        // The same device (USB serial number) may have come back under another path (ttyACM0 → ttyACM1).
        const moved = await this.movedTo();
        if (moved) this.path = moved;
        else {
          this.scheduleReopen(poll);
          return;
        }
      }
    }
    try {
      await this.openPort();
    } catch {
      if (this.stopping) return;
      this.reopenAttempt++;
      this.scheduleReopen(Math.min(poll * 2 ** this.reopenAttempt, 1000));
      return;
    }
    if (this.stopping) return;
    this.detector.reset();
    this.garbageReported = this.noDataReported = false;
    this.setState('connected', `reopened ${this.path}`);
    this.status({ code: 'reconnected', params: { port: this.path } });
  }

  /**
   * A silent port whose device path has gone (Linux/macOS) was unplugged, whether or not the OS
   * told the open port: close it, so that `onClose` says "reconnecting" and polls for the device.
   * (A pseudo-terminal or USB-serial driver does not always wake a pending read when its device
   * disappears: seen once in CI, the port stayed open and silent for over 8 s.)
   */
  private async closeIfGone(): Promise<void> {
    const port = this.port;
    if (!port || !this.path.startsWith('/') || this.goneCheck) return;
    this.goneCheck = true;
    const gone = await access(this.path).then(
      () => null,
      (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
    );
    this.goneCheck = false;
    if (!gone || port !== this.port || this.stopping) return;
    // (A close we ask for emits no 'close' through the port hub: end the port here, with the reason
    // the path gave. A close that fails — the descriptor is already dead — ends it all the same.)
    port.close(() => this.onClose(port, gone));
  }

  private checkStream(): void {
    if (this.stateValue !== 'connected') return;
    const r = this.detector.update(this.sinceStartSec(), this.assembler.stats);
    const win = this.o.checkWindowSec ?? 3;
    if (r.verdict === 'garbage' && !this.garbageReported) {
      this.garbageReported = true;
      this.status({
        code: 'not-understood',
        params: {
          port: this.path,
          protocol: LABELS[this.protocol],
          protocolCode: this.protocol,
          baud: this.baudRate,
          bytes: r.windowBytes,
          seconds: win,
          readings: r.windowRecords,
          badPct: Math.round(r.badFraction * 100),
        },
      });
    } else if (r.verdict === 'no-data') {
      if (!this.noDataReported) {
        this.noDataReported = true;
        this.status({ code: 'no-data', params: { port: this.path, seconds: win, protocol: this.protocol } });
      }
      void this.closeIfGone();
    } else if (r.verdict === 'ok') {
      if (this.garbageReported || this.noDataReported) this.status({ code: 'understood-again', params: { port: this.path } });
      this.garbageReported = this.noDataReported = false;
    }
  }
}

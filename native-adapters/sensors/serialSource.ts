/**
 * SerialSource: a SensorSource over `serialport` for PulseSensor (Arduino), Contec
 * CMS50 (old 5-byte and new 9-byte protocol) and generic CSV line sensors
 * (sensor-protocols.md §3, §4, §7). Decoding and timing live in the pure
 * SerialFrameAssembler; this class does the I/O: open, CMS50 start/keep-alive
 * commands, batching timer, "wrong protocol or baud rate?" and "no data" checks,
 * and reconnect (poll the path, reopen with capped back-off, keep the samples
 * received before the loss; the gap shows as a jump in the next frame's t0Sec).
 */
import { access } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import type { SensorFrame, SensorNotice, StatusFrame } from '../../shared/sensors/frames.js';
import type { ConnectionState, SensorSource, SensorSourceEvents, SensorSourceInfo } from '../../shared/sensors/sensorSource.js';
import { TypedEmitter } from '../../shared/sensors/typedEmitter.js';
import { SerialFrameAssembler, SERIAL_PROTOCOLS, type SerialProtocol } from '../../shared/sensors/serialFrameAssembler.js';
import { GarbageDetector } from '../../shared/sensors/garbageDetector.js';
import { cms50Command, CMS50_CMD } from '../../shared/sensors/cms50.js';

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
  protocol: SerialProtocol;
  /** Default: pulsesensor/cms50-9/csv 115200, cms50-5 19200 (8O1). */
  baudRate?: number;
  /** Default: pulsesensor 50, cms50 60; csv: required unless lines carry a time column. */
  fsHz?: number;
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
  /** Monotonic clock, ms (default performance.now). */
  nowMs?: () => number;
}

const LABELS: Record<SerialProtocol, string> = {
  pulsesensor: 'PulseSensor',
  'cms50-5': 'CMS50 (old 5-byte protocol)',
  'cms50-9': 'CMS50 (new 9-byte protocol)',
  csv: 'CSV sensor',
};

/** Default baud rate per protocol. */
export function defaultBaudRate(protocol: SerialProtocol): number {
  return protocol === 'cms50-5' ? 19200 : 115200;
}

/** serialSpec: 'serial:<path>?protocol=<p>&baud=<n>[&fs=<Hz>]'. */
export function serialSpec(o: Pick<SerialSourceOptions, 'path' | 'protocol' | 'baudRate' | 'fsHz'>): string {
  const q = [`protocol=${o.protocol}`, `baud=${o.baudRate ?? defaultBaudRate(o.protocol)}`];
  if (o.fsHz) q.push(`fs=${o.fsHz}`);
  return `serial:${o.path}?${q.join('&')}`;
}

/** parseSerialSpec: the inverse of serialSpec; an error string for a bad spec. */
export function parseSerialSpec(spec: string): Pick<SerialSourceOptions, 'path' | 'protocol' | 'baudRate' | 'fsHz' | 'sensorCount'> | { error: string } {
  const m = /^serial:([^?]+)(?:\?(.*))?$/.exec(spec);
  if (!m) return { error: `not a serial source spec: ${spec}` };
  const params = new Map((m[2] ?? '').split('&').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
  const protocol = (params.get('protocol') ?? 'pulsesensor') as SerialProtocol;
  if (!SERIAL_PROTOCOLS.includes(protocol)) return { error: `unknown serial protocol '${protocol}' (use ${SERIAL_PROTOCOLS.join(', ')})` };
  const num = (k: string) => (params.has(k) ? Number(params.get(k)) : undefined);
  const baudRate = num('baud');
  const fsHz = num('fs');
  const sensorCount = num('sensors');
  for (const [k, v] of [['baud', baudRate], ['fs', fsHz], ['sensors', sensorCount]] as const) {
    if (v !== undefined && !(v > 0)) return { error: `bad ${k} in ${spec}` };
  }
  return { path: m[1], protocol, baudRate, fsHz, sensorCount };
}

/** Turn a serialport open error into a message a physiotherapist can act on. */
export function explainOpenError(path: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/no such file|ENOENT|does not exist/i.test(msg)) return `cannot open ${path}: the port does not exist (is the sensor plugged in?)`;
  if (/permission denied|EACCES/i.test(msg)) return `cannot open ${path}: permission denied (on Linux add your user to the 'dialout' group and log in again)`;
  if (/lock|busy|EBUSY/i.test(msg)) return `cannot open ${path}: the port is in use by another program`;
  return `cannot open ${path}: ${msg}`;
}

export class SerialSource implements SensorSource {
  readonly spec: string;
  readonly info: SensorSourceInfo;
  private readonly o: SerialSourceOptions;
  private readonly baudRate: number;
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

  constructor(opts: SerialSourceOptions) {
    this.o = opts;
    this.baudRate = opts.baudRate ?? defaultBaudRate(opts.protocol);
    this.assembler = this.newAssembler();
    this.detector = new GarbageDetector({ windowSec: opts.checkWindowSec ?? 3 });
    this.nowMs = opts.nowMs ?? (() => performance.now());
    this.spec = serialSpec({ ...opts, baudRate: this.baudRate });
    const fsHz = this.assembler.sampleRateHz;
    this.info = { kind: 'serial', label: `${LABELS[opts.protocol]} on ${opts.path}`, protocol: opts.protocol, ...(fsHz ? { fsHz } : {}) };
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  private newAssembler(): SerialFrameAssembler {
    const o = this.o;
    return new SerialFrameAssembler({ protocol: o.protocol, fsHz: o.fsHz, sensorCount: o.sensorCount, sensorIndex: o.sensorIndex });
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
    this.assembler = this.newAssembler(); // fresh decoder and time anchor for this session
    try {
      await this.openPort();
    } catch (err) {
      const msg = explainOpenError(this.o.path, err);
      this.setState('error', msg);
      throw new Error(msg);
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
      if (this.o.protocol === 'cms50-9') await new Promise<void>((r) => port.write(cms50Command(CMS50_CMD.STOP_LIVE), () => r()));
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

  private createPort(opts: SerialPortOpenOptions): SerialPortLike {
    if (this.o.createPort) return this.o.createPort(opts);
    return new SerialPort(opts) as unknown as SerialPortLike;
  }

  private openPort(): Promise<void> {
    return new Promise((resolve, reject) => {
      let port: SerialPortLike;
      try {
        port = this.createPort({
          path: this.o.path,
          baudRate: this.baudRate,
          dataBits: 8,
          parity: this.o.protocol === 'cms50-5' ? 'odd' : 'none',
          stopBits: 1,
          autoOpen: false,
        });
      } catch (err) {
        reject(err);
        return;
      }
      let opened = false;
      port.on('error', (err) => {
        if (opened && port === this.port && !this.stopping) this.status({ code: 'port-error', params: { port: this.o.path, message: err.message } });
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
        if (this.o.protocol === 'cms50-9') this.startCms50Live(port);
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
    this.setState('reconnecting', `lost ${this.o.path} (${reason}); reconnecting`);
    this.status({ code: 'reconnecting', params: { port: this.o.path, reason } });
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
    if (this.o.path.startsWith('/')) {
      const present = await access(this.o.path).then(
        () => true,
        () => false,
      );
      if (!present) {
        this.scheduleReopen(poll);
        return;
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
    this.setState('connected', `reopened ${this.o.path}`);
    this.status({ code: 'reconnected', params: { port: this.o.path } });
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
          port: this.o.path,
          protocol: LABELS[this.o.protocol],
          baud: this.baudRate,
          bytes: r.windowBytes,
          seconds: win,
          readings: r.windowRecords,
          badPct: Math.round(r.badFraction * 100),
        },
      });
    } else if (r.verdict === 'no-data' && !this.noDataReported) {
      this.noDataReported = true;
      this.status({ code: 'no-data', params: { port: this.o.path, seconds: win, protocol: this.o.protocol } });
    } else if (r.verdict === 'ok') {
      if (this.garbageReported || this.noDataReported) this.status({ code: 'understood-again', params: { port: this.o.path } });
      this.garbageReported = this.noDataReported = false;
    }
  }
}

/**
 * serialPortHub — one open serial port shared by several sources. A board with more than one
 * sensor on one port (the PulseSensor `TwoPulseSensors_On_OneArduino` example: 250000 baud, one
 * column per sensor) is offered as one sensor per column; each is its own channel (its own
 * SerialSource, clock and analysis), and all of them read the same open port.
 *
 * `openSharedPort(opts, create)` returns a `SerialPortLike` handle: the first handle of a path
 * opens the real port, later ones with the same settings join it (another baud rate: "in use"),
 * every handle gets every byte, and the real port closes when the last handle closes. When the
 * real port closes by itself (unplugged), every handle hears it and reconnects on its own.
 *
 * `rememberSensors` / `sharedSensors` keep what the probe found on a path with several sensors,
 * so the listing can offer each one and a second channel joins without probing the busy port.
 */
import type { SerialPortLike, SerialPortOpenOptions } from './serialSource.js';

interface Listeners {
  data: ((chunk: Uint8Array) => void)[];
  close: ((err?: Error | null) => void)[];
  error: ((err: Error) => void)[];
}

interface SharedPort {
  readonly opts: SerialPortOpenOptions;
  readonly real: SerialPortLike;
  readonly handles: Set<PortHandle>;
  /** Resolves when the real port is open (or rejects with its open error). */
  opened: Promise<void> | null;
}

const ports = new Map<string, SharedPort>();

/** What the probe found on a port with several sensors. */
export interface SharedSensors {
  protocol: 'pulsesensor' | 'csv';
  baudRate: number;
  sensorCount: number;
}
const known = new Map<string, SharedSensors>();

/** The probe found `s.sensorCount` sensors on `path` (count ≤ 1: forget it). */
export function rememberSensors(path: string, s: SharedSensors): void {
  if (s.sensorCount > 1) known.set(path, { ...s });
  else known.delete(path);
}

/** Ports known to carry several sensors, with their settings. */
export function sharedSensors(): ReadonlyMap<string, SharedSensors> {
  return known;
}

class PortHandle implements SerialPortLike {
  private readonly ls: Listeners = { data: [], close: [], error: [] };
  private open_ = false;

  constructor(
    private readonly key: string,
    private readonly opts: SerialPortOpenOptions,
    private readonly create: (o: SerialPortOpenOptions) => SerialPortLike,
  ) {}

  get isOpen(): boolean {
    return this.open_;
  }

  open(cb: (err: Error | null) => void): void {
    let shared = ports.get(this.key);
    if (shared && (shared.opts.baudRate !== this.opts.baudRate || shared.opts.parity !== this.opts.parity)) {
      queueMicrotask(() => cb(new Error(`port busy: already open at ${shared!.opts.baudRate} baud`)));
      return;
    }
    if (!shared) {
      let real: SerialPortLike;
      try {
        real = this.create(this.opts);
      } catch (err) {
        queueMicrotask(() => cb(err instanceof Error ? err : new Error(String(err))));
        return;
      }
      const s: SharedPort = { opts: this.opts, real, handles: new Set(), opened: null };
      s.opened = new Promise<void>((resolve, reject) => real.open((err) => (err ? reject(err) : resolve())));
      real.on('data', (chunk) => {
        for (const h of [...s.handles]) h.emit('data', chunk);
      });
      real.on('error', (err) => {
        for (const h of [...s.handles]) h.emit('error', err);
      });
      real.on('close', (err) => {
        if (ports.get(this.key) === s) ports.delete(this.key);
        for (const h of [...s.handles]) {
          h.open_ = false;
          h.emit('close', err);
        }
        s.handles.clear();
      });
      ports.set(this.key, s);
      shared = s;
    }
    const s = shared;
    s.handles.add(this);
    s.opened!.then(
      () => {
        this.open_ = s.handles.has(this);
        cb(this.open_ ? null : new Error('closed while opening'));
      },
      (err: unknown) => {
        s.handles.delete(this);
        if (ports.get(this.key) === s) ports.delete(this.key);
        s.real.removeAllListeners();
        cb(err instanceof Error ? err : new Error(String(err)));
      },
    );
  }

  close(cb?: (err: Error | null) => void): void {
    const s = ports.get(this.key);
    this.open_ = false;
    if (!s || !s.handles.delete(this)) {
      queueMicrotask(() => cb?.(null));
      return;
    }
    if (s.handles.size > 0) {
      queueMicrotask(() => cb?.(null));
      return;
    }
    // The last one out closes the real port.
    ports.delete(this.key);
    s.real.close((err) => {
      s.real.removeAllListeners();
      cb?.(err ?? null);
    });
  }

  write(data: Uint8Array, cb?: (err: Error | null | undefined) => void): boolean {
    const s = ports.get(this.key);
    if (!s || !this.open_) {
      queueMicrotask(() => cb?.(new Error('port not open')));
      return false;
    }
    return s.real.write(data, cb);
  }

  on(ev: 'data', fn: (chunk: Uint8Array) => void): unknown;
  on(ev: 'close', fn: (err?: Error | null) => void): unknown;
  on(ev: 'error', fn: (err: Error) => void): unknown;
  on(ev: keyof Listeners, fn: (...a: never[]) => void): unknown {
    (this.ls[ev] as unknown[]).push(fn);
    return this;
  }

  removeAllListeners(): unknown {
    this.ls.data = [];
    this.ls.close = [];
    this.ls.error = [];
    return this;
  }

  emit(ev: 'data', chunk: Uint8Array): void;
  emit(ev: 'close', err?: Error | null): void;
  emit(ev: 'error', err: Error): void;
  emit(ev: keyof Listeners, arg?: unknown): void {
    for (const fn of [...this.ls[ev]]) (fn as (a: unknown) => void)(arg);
  }
}

/** A handle on the shared port of `opts.path` (see the module comment). */
export function openSharedPort(opts: SerialPortOpenOptions, create: (o: SerialPortOpenOptions) => SerialPortLike): SerialPortLike {
  return new PortHandle(opts.path, opts, create);
}

/** Whether `path` is open through the hub right now. */
export function isSharedOpen(path: string): boolean {
  return ports.has(path);
}

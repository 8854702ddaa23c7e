/**
 * FakeNoble: an in-memory implementation of the adapters' noble-like interface with
 * fake peripherals. It enforces two real-noble pitfalls: reading `state` before a
 * 'stateChange' listener is attached throws (like noble's init outside its catch),
 * and connecting while scanning fails with "Command disallowed".
 */
import { EventEmitter } from 'node:events';
import type {
  DataListener,
  NobleCharacteristicLike,
  NobleLike,
  NoblePeripheralLike,
  NobleServiceLike,
} from '../../../native-adapters/sensors/nobleTypes.js';
import { encodeCompressedPpg, encodeRawPpg } from '../../unit/sensors/pmdEncode.js';

export class FakeCharacteristic implements NobleCharacteristicLike {
  private readonly listeners = new Set<DataListener>();
  subscribed = false;
  subscribeCount = 0;
  readonly writes: Uint8Array[] = [];

  constructor(
    readonly uuid: string,
    private readonly owner: FakePeripheral,
    readonly handlers: { read?: () => Uint8Array; write?: (data: Uint8Array) => void } = {},
  ) {}

  async readAsync(): Promise<Uint8Array> {
    if (!this.owner.connected) throw new Error('not connected');
    return this.handlers.read?.() ?? new Uint8Array();
  }

  async writeAsync(data: Buffer, _withoutResponse: boolean): Promise<void> {
    if (!this.owner.connected) throw new Error('not connected');
    const copy = new Uint8Array(data);
    this.writes.push(copy);
    queueMicrotask(() => this.handlers.write?.(copy));
  }

  async subscribeAsync(): Promise<void> {
    if (!this.owner.connected) throw new Error('not connected');
    this.subscribed = true;
    this.subscribeCount++;
  }

  async unsubscribeAsync(): Promise<void> {
    this.subscribed = false;
  }

  on(_ev: 'data', fn: DataListener): this {
    this.listeners.add(fn);
    return this;
  }

  removeListener(_ev: 'data', fn: DataListener): this {
    this.listeners.delete(fn);
    return this;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Device → app notification/indication (only while connected and subscribed). */
  notify(bytes: Uint8Array): boolean {
    if (!this.subscribed || !this.owner.connected) return false;
    for (const fn of [...this.listeners]) fn(bytes, true);
    return true;
  }
}

export class FakePeripheral implements NoblePeripheralLike {
  private readonly ee = new EventEmitter();
  readonly chars = new Map<string, FakeCharacteristic>();
  connected = false;
  /** Seen by scans. */
  visible = true;
  hangConnect = false;
  connectCount = 0;
  cancelCount = 0;
  noble: FakeNoble | undefined;

  constructor(
    readonly id: string,
    readonly advertisement: { localName?: string; serviceUuids?: string[] },
    readonly rssi = -60,
    readonly address = '',
  ) {}

  addChar(uuid: string, handlers: FakeCharacteristic['handlers'] = {}): FakeCharacteristic {
    const c = new FakeCharacteristic(uuid, this, handlers);
    this.chars.set(uuid, c);
    return c;
  }

  char(uuid: string): FakeCharacteristic {
    const c = this.chars.get(uuid);
    if (!c) throw new Error('no characteristic ' + uuid);
    return c;
  }

  async connectAsync(): Promise<void> {
    if (this.noble?.scanning) throw new Error('Command disallowed (connect while scanning)');
    if (this.hangConnect) return new Promise<void>(() => undefined);
    await new Promise((r) => setTimeout(r, 5));
    this.connected = true;
    this.connectCount++;
  }

  async disconnectAsync(): Promise<void> {
    if (!this.connected) return;
    this.dropout();
  }

  cancelConnect(): void {
    this.cancelCount++;
  }

  async discoverSomeServicesAndCharacteristicsAsync(
    _services: string[],
    characteristicUuids: string[],
  ): Promise<{ services: NobleServiceLike[]; characteristics: NobleCharacteristicLike[] }> {
    if (!this.connected) throw new Error('not connected');
    const characteristics = [...this.chars.values()].filter((c) => characteristicUuids.includes(c.uuid));
    return { services: [], characteristics };
  }

  on(_ev: 'disconnect', fn: (reason?: unknown) => void): this {
    this.ee.on('disconnect', fn);
    return this;
  }

  removeListener(_ev: 'disconnect', fn: (reason?: unknown) => void): this {
    this.ee.removeListener('disconnect', fn);
    return this;
  }

  get disconnectListeners(): number {
    return this.ee.listenerCount('disconnect');
  }

  /** The link drops (out of range, battery pulled): subscriptions are gone. */
  dropout(): void {
    this.connected = false;
    for (const c of this.chars.values()) c.subscribed = false;
    this.ee.emit('disconnect');
  }
}

export class FakeNoble implements NobleLike {
  private readonly ee = new EventEmitter();
  private currentState: string;
  readonly peripherals: FakePeripheral[] = [];
  scanning = false;
  scanStarts = 0;
  private advTimer: ReturnType<typeof setInterval> | undefined;

  constructor(state = 'poweredOn') {
    this.currentState = state;
  }

  get state(): string {
    if (this.ee.listenerCount('stateChange') === 0) throw new Error('state read before a stateChange listener was attached');
    return this.currentState;
  }

  setState(s: string): void {
    this.currentState = s;
    if (s !== 'poweredOn') {
      this.scanning = false;
      this.stopAdvertising();
    }
    this.ee.emit('stateChange', s);
  }

  warn(message: string): void {
    this.ee.emit('warning', message);
  }

  add(p: FakePeripheral): FakePeripheral {
    p.noble = this;
    this.peripherals.push(p);
    return p;
  }

  on(ev: 'stateChange' | 'discover' | 'warning', fn: (...args: never[]) => void): this {
    this.ee.on(ev, fn as (...args: unknown[]) => void);
    return this;
  }

  removeListener(ev: 'stateChange' | 'discover' | 'warning', fn: (...args: never[]) => void): this {
    this.ee.removeListener(ev, fn as (...args: unknown[]) => void);
    return this;
  }

  listenerCount(ev: string): number {
    return this.ee.listenerCount(ev);
  }

  async startScanningAsync(serviceUuids: string[] = [], _allowDuplicates = false): Promise<void> {
    if (this.currentState !== 'poweredOn') throw new Error(`Could not start scanning, state is ${this.currentState} (not poweredOn)`);
    this.scanning = true;
    this.scanStarts++;
    const advertise = () => {
      if (!this.scanning) return;
      for (const p of this.peripherals) {
        const uuids = p.advertisement.serviceUuids ?? [];
        if (p.visible && !p.connected && (serviceUuids.length === 0 || serviceUuids.some((u) => uuids.includes(u)))) {
          this.ee.emit('discover', p);
          if (!this.scanning) return;
        }
      }
    };
    this.stopAdvertising();
    this.advTimer = setInterval(advertise, 50);
    this.advTimer.unref();
  }

  async stopScanningAsync(): Promise<void> {
    this.scanning = false;
    this.stopAdvertising();
  }

  private stopAdvertising(): void {
    if (this.advTimer) clearInterval(this.advTimer);
    this.advTimer = undefined;
  }
}

// ---- A fake Polar sensor (Verity Sense, OH1, H10) with the PMD service -----------------------

export interface FakePolarOptions {
  id?: string;
  name?: string;
  rssi?: number;
  /** Control-point read (feature bitmap), hex; null = the read fails. Default Verity Sense: PPG, ACC, PPI, GYRO, MAG, SDK mode. */
  features?: string | null;
  /** What GET_SDK_MODE_STATUS answers (default off). */
  sdkModeOn?: boolean;
  /** PPG rates GET_SETTINGS offers, Hz (the declared rate; default [55]). */
  offeredHz?: number[];
  /** The rate the device really samples at: the spacing of its frame timestamps (default offeredHz[0]). */
  trueHz?: number;
  /** Compressed (delta) PPG frames, as the Verity sends (default true). */
  compressed?: boolean;
  /** FACTOR returned by START PPG (default none). */
  factor?: number;
  /** Body sensor location byte (default 5, ear lobe). */
  location?: number;
  /** Status START PPG answers (default 0 = SUCCESS when the rate is offered; e.g. 10 = INVALID_MTU). */
  ppgStartStatus?: number;
}

/** The Polar epoch's ns of the fake's sample 0 (~25 years after 2000). */
export const FAKE_POLAR_BASE_NS = 800_000_000_000_000_000n;

const u16le = (v: number) => [v & 0xff, (v >> 8) & 0xff];
const hexBytes = (s: string) => Uint8Array.from(s.trim().split(/\s+/), (x) => parseInt(x, 16));

/**
 * FakePolar: a Polar sensor behind the fake noble — HRS (0x2A37 without RR, as Verity Sense and
 * OH1 send it), battery, and PMD: feature read, GET (multi-part answer), START / STOP of PPG and
 * PPI, GET_SDK_MODE_STATUS. The test drives the device clock: `sendPpg(n)` sends the next `n`
 * samples as one data frame stamped with its last sample's time at `trueHz`; `losePpg(n)` lets
 * `n` samples pass without a notification (a lost frame); `idle(sec)` lets the clock run without
 * streaming (e.g. while disconnected). `expected` holds every sample value sent, by device sample
 * number, as the adapter should decode it (mean of PPG0–2 minus ambient).
 */
export class FakePolar {
  readonly p: FakePeripheral;
  readonly cp: FakeCharacteristic;
  readonly data: FakeCharacteristic;
  readonly hrm: FakeCharacteristic;
  readonly o: Required<Omit<FakePolarOptions, 'features' | 'factor'>> & { features: string | null; factor?: number };
  /** Device sample number of the next PPG sample (the device clock, in samples at trueHz). */
  g = 0;
  ppgOn = false;
  ppiOn = false;
  readonly starts = { ppg: 0, ppi: 0 };
  readonly stops = { ppg: 0, ppi: 0 };
  /** The START PPG commands received. */
  readonly ppgStartCommands: Uint8Array[] = [];
  readonly expected = new Map<number, number>();

  constructor(noble: FakeNoble, opts: FakePolarOptions = {}) {
    const offeredHz = opts.offeredHz ?? [55];
    this.o = {
      id: opts.id ?? 'polar-1',
      name: opts.name ?? 'Polar Sense B5A1B22C',
      rssi: opts.rssi ?? -50,
      features: opts.features === undefined ? '0F 6E 02' : opts.features,
      sdkModeOn: opts.sdkModeOn ?? false,
      offeredHz,
      trueHz: opts.trueHz ?? offeredHz[0]!,
      compressed: opts.compressed ?? true,
      factor: opts.factor,
      location: opts.location ?? 5,
      ppgStartStatus: opts.ppgStartStatus ?? 0,
    };
    this.p = noble.add(new FakePeripheral(this.o.id, { localName: this.o.name, serviceUuids: ['180d'] }, this.o.rssi));
    this.hrm = this.p.addChar('2a37');
    this.p.addChar('2a38', { read: () => Uint8Array.of(this.o.location) });
    this.p.addChar('2a19', { read: () => Uint8Array.of(90) });
    this.data = this.p.addChar('fb005c8202e7f3871cad8acd2d8df0c8');
    const features = this.o.features;
    this.cp = this.p.addChar('fb005c8102e7f3871cad8acd2d8df0c8', {
      read: () => {
        if (features === null) throw new Error('read not permitted');
        return hexBytes(features);
      },
      write: (b) => this.command(b),
    });
    const dropout = this.p.dropout.bind(this.p);
    this.p.dropout = () => {
      this.ppgOn = false; // the device stops its streams when the link goes
      this.ppiOn = false;
      dropout();
    };
  }

  /** Device time of sample `g`, ns since 2000 (exact spacing 1/trueHz, floored to whole ns). */
  tsNs(g: number): bigint {
    return FAKE_POLAR_BASE_NS + (BigInt(g) * 1_000_000_000n * 1000n) / BigInt(Math.round(this.o.trueHz * 1000));
  }

  /** Raw sample `g`: [PPG0, PPG1, PPG2, ambient]; the decoded value is PPG0 − ambient. */
  static sample(g: number): number[] {
    const p0 = 100000 + Math.round(5000 * Math.sin((2 * Math.PI * g) / 55));
    return [p0, p0 + 1000, p0 - 1000, 200 + (g % 7)];
  }

  /** sendPpg: the next `n` samples as one data frame (if PPG runs and the app listens); returns the sample numbers sent. */
  sendPpg(n: number): number[] {
    if (!this.ppgOn) return [];
    const gs = Array.from({ length: n }, (_, k) => this.g + k);
    const samples = gs.map((g) => FakePolar.sample(g));
    this.g += n;
    for (const g of gs) this.expected.set(g, FakePolar.sample(g)[0]! - FakePolar.sample(g)[3]!);
    const ts = this.tsNs(this.g - 1);
    this.data.notify(this.o.compressed ? encodeCompressedPpg(samples, ts) : encodeRawPpg(samples, ts));
    return gs;
  }

  /** losePpg: `n` samples go by whose notification never arrives. */
  losePpg(n: number): void {
    this.g += n;
  }

  /** idle: the device clock runs `sec` without streaming. */
  idle(sec: number): void {
    this.g += Math.round(sec * this.o.trueHz);
  }

  /** sendPpi: one PPI data frame (if PPI runs). */
  sendPpi(frame: Uint8Array): boolean {
    return this.ppiOn && this.data.notify(frame);
  }

  private answer(hex: string | number[]): void {
    this.cp.notify(typeof hex === 'string' ? hexBytes(hex) : Uint8Array.from(hex));
  }

  private command(b: Uint8Array): void {
    const [op, type] = [b[0], b[1]];
    if (op === 0x01 && type === 0x01) {
      // GET PPG settings in two parts (more = 1, then the rest from offset 5).
      this.answer([0xf0, 0x01, 0x01, 0x00, 0x01, 0x00, this.o.offeredHz.length, ...this.o.offeredHz.flatMap(u16le)]);
      this.answer('F0 01 01 00 00 01 01 16 00 04 01 04');
    } else if (op === 0x01) {
      this.answer([0xf0, 0x01, type!, 0x03, 0x00]); // NOT_SUPPORTED
    } else if (op === 0x02 && type === 0x01) {
      this.ppgStartCommands.push(b);
      const rate = b[4]! | (b[5]! << 8);
      if (!this.o.offeredHz.includes(rate)) return this.answer('F0 02 01 08 00'); // INVALID_SAMPLE_RATE
      if (this.o.ppgStartStatus !== 0) return this.answer([0xf0, 0x02, 0x01, this.o.ppgStartStatus, 0x00]);
      const factor: number[] = [];
      if (this.o.factor !== undefined) {
        const f = new Uint8Array(4);
        new DataView(f.buffer).setFloat32(0, this.o.factor, true);
        factor.push(0x05, 0x01, ...f);
      }
      this.answer([0xf0, 0x02, 0x01, 0x00, 0x00, ...factor]);
      this.starts.ppg++;
      this.ppgOn = true;
    } else if (op === 0x02 && type === 0x03) {
      if (this.o.sdkModeOn) return this.answer('F0 02 03 03 00');
      this.answer('F0 02 03 00 00');
      this.starts.ppi++;
      this.ppiOn = true;
    } else if (op === 0x03) {
      this.answer([0xf0, 0x03, type!, 0x00, 0x00]);
      if (type === 0x01 && this.ppgOn) {
        this.ppgOn = false;
        this.stops.ppg++;
      }
      if (type === 0x03 && this.ppiOn) {
        this.ppiOn = false;
        this.stops.ppi++;
      }
    } else if (op === 0x06) {
      this.answer(`F0 06 00 00 00 ${this.o.sdkModeOn ? '01' : '00'}`);
    } else {
      this.answer([0xf0, op!, type ?? 0, 0x01, 0x00]); // INVALID_OP_CODE
    }
  }
}

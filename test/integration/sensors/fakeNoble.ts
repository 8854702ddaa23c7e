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

/**
 * The minimal noble-like interface the BLE adapters use (the subset of
 * @abandonware/noble 1.9.2-26 named in sensor-protocols §7). The real noble module
 * satisfies it; tests implement it with a fake adapter and fake peripherals.
 */

export type NobleState = 'unknown' | 'resetting' | 'unsupported' | 'unauthorized' | 'poweredOff' | 'poweredOn';

export type DataListener = (data: Uint8Array, isNotification: boolean) => void;

export interface NobleCharacteristicLike {
  /** Lowercase hex without dashes, e.g. '2a37'. */
  readonly uuid: string;
  readonly properties?: readonly string[];
  readAsync(): Promise<Uint8Array>;
  writeAsync(data: Buffer, withoutResponse: boolean): Promise<void>;
  subscribeAsync(): Promise<void>;
  unsubscribeAsync?(): Promise<void>;
  on(ev: 'data', fn: DataListener): unknown;
  removeListener(ev: 'data', fn: DataListener): unknown;
}

export interface NobleServiceLike {
  readonly uuid: string;
}

export interface NobleAdvertisementLike {
  readonly localName?: string;
  readonly serviceUuids?: readonly string[];
}

export interface NoblePeripheralLike {
  readonly id: string;
  readonly address?: string;
  readonly rssi: number;
  readonly advertisement: NobleAdvertisementLike;
  readonly state?: string;
  connectAsync(): Promise<void>;
  disconnectAsync(): Promise<void>;
  cancelConnect(options?: object): void;
  discoverSomeServicesAndCharacteristicsAsync(
    serviceUuids: string[],
    characteristicUuids: string[],
  ): Promise<{ services: NobleServiceLike[]; characteristics: NobleCharacteristicLike[] }>;
  on(ev: 'disconnect', fn: (reason?: unknown) => void): unknown;
  removeListener(ev: 'disconnect', fn: (reason?: unknown) => void): unknown;
}

export interface NobleLike {
  /** Reading it before a 'stateChange' listener is attached initialises the bindings outside noble's catch: don't. */
  readonly state: string;
  on(ev: 'stateChange', fn: (state: string) => void): unknown;
  on(ev: 'discover', fn: (p: NoblePeripheralLike) => void): unknown;
  on(ev: 'warning', fn: (message: string) => void): unknown;
  removeListener(ev: 'stateChange', fn: (state: string) => void): unknown;
  removeListener(ev: 'discover', fn: (p: NoblePeripheralLike) => void): unknown;
  removeListener(ev: 'warning', fn: (message: string) => void): unknown;
  startScanningAsync(serviceUuids?: string[], allowDuplicates?: boolean): Promise<void>;
  stopScanningAsync(): Promise<void>;
}

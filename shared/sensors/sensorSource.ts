/**
 * SensorSource: the interface every sensor adapter (serial, BLE, simulator,
 * file replay) implements towards the device manager. Adapters emit decoded
 * `SensorFrame`s (see frames.ts) and connection-state changes.
 */
import type { SensorFrame } from './frames.js';
import type { ReplayInfo } from './replayLabel.js';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'error';

export interface SensorSourceEvents {
  frame(f: SensorFrame): void;
  state(s: ConnectionState, message?: string): void;
}

export interface SensorSourceInfo {
  kind: 'serial' | 'ble' | 'sim' | 'file';
  /** Human-readable label, e.g. 'CMS50 (new protocol) on /dev/ttyUSB0'. */
  label: string;
  /** Wire protocol id, e.g. 'cms50-9', 'pulsesensor', 'ble-hrs', 'polar-pmd'. */
  protocol?: string;
  /** PPG sample rate, Hz, when the source delivers PPG. */
  fsHz?: number;
  /** A replayed recording file: what to name it by in the user's language (`replayLabel`). */
  replay?: ReplayInfo;
}

export interface SensorSource {
  /** Source spec string, e.g. 'serial:/dev/ttyUSB0?protocol=cms50-9'. */
  readonly spec: string;
  readonly info: SensorSourceInfo;
  /**
   * The key the sensor is remembered by for a client (shared/sensors/sensorIdentity.ts): its USB
   * serial number or Bluetooth id once known; absent (or the spec) when it has none.
   */
  readonly identity?: string;
  /** Opens the source; resolves once opened, or rejects with a clear Error message. */
  start(): Promise<void>;
  /** Closes the source; never rejects. */
  stop(): Promise<void>;
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends keyof SensorSourceEvents>(ev: E, fn: SensorSourceEvents[E]): () => void;
}

/**
 * What the session recorder needs from the device manager (`main/devices/DeviceManager.ts`):
 * its events and its channel list. Kept structural so the recorder can be tested with a
 * small fake (test/support/fakeDeviceManager.ts) and used with the real manager unchanged.
 */
import type { SensorFrame } from '../../shared/sensors/frames.js';
import type { ConnectionState, SensorSourceInfo } from '../../shared/sensors/sensorSource.js';
import type { WorkerResult } from '../analysis/analysisProtocol.js';

/** One second of signal-quality assessment (as `DeviceManager` reports it). */
export interface RecorderQualitySecond {
  tSec: number;
  qualityPct: number;
  contact: 'ok' | 'off' | 'unknown';
  flags: string[];
  hint?: string;
}

/** The device-manager events the recorder listens to (times on the sensor's session clock). */
export interface RecorderDeviceEvents {
  frame(channel: string, f: SensorFrame): void;
  state(channel: string, s: ConnectionState, message?: string): void;
  gap(channel: string, g: { startSec: number; endSec: number; reason: string }): void;
  analysis(channel: string, r: WorkerResult): void;
  quality(channel: string, q: RecorderQualitySecond): void;
}

export interface RecorderChannel {
  channel: string;
  spec: string;
  state: ConnectionState;
  info: SensorSourceInfo;
}

/** The part of `DeviceManager` the recorder uses. */
export interface RecorderDevices {
  on<E extends keyof RecorderDeviceEvents>(ev: E, fn: RecorderDeviceEvents[E]): () => void;
  channels(): RecorderChannel[];
}

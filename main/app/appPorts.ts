/**
 * What the app service needs from the device manager and the session recorder, as structural
 * types: `DeviceManager` (main/devices) and `SessionRecorder` (main/sessions) satisfy them, and the
 * unit tests use small fakes.
 */
import type { PacerSchedule } from '../../shared/pacer/pacerSchedule.js';
import type { PacerSettings } from '../../shared/pacer/pacerSettings.js';
import type { SensorSourceInfo } from '../../shared/sensors/sensorSource.js';
import type { SessionRow, SessionType } from '../../shared/domain/types.js';
import type { RecorderDevices } from '../sessions/recorderDevices.js';
import type { SessionSummary } from '../sessions/sessionSummary.js';

/** The part of `DeviceManager` the app uses. */
export interface AppDevices extends RecorderDevices {
  connect(spec: string, channel?: string): Promise<{ channel: string; info: SensorSourceInfo }>;
  disconnect(channel: string): Promise<void>;
  disconnectAll(): Promise<void>;
  setPacer(p: PacerSchedule | null): void;
  listSensors(): Promise<unknown>;
  /** Current time of a channel's clock (newest data + wall time since, × speed), s. */
  signalTimeSec?(channel: string): number;
}

/** The part of `SessionRecorder` the app uses. */
export interface AppRecorder {
  start(): SessionRow;
  addMarker(tSec: number, kind: string, note?: string): void;
  changePacer(settings: PacerSettings, tSec: number): void;
  stop(status?: 'complete' | 'interrupted'): Promise<SessionSummary>;
  readonly sessionId: number;
  /** Signal time recorded so far (recording clock), s. */
  readonly elapsedSec: number;
  /** Channel-clock time of recording t = 0 (null before the first frame). */
  readonly clockOffsetSec: number | null;
}

export interface AppRecorderOptions {
  clientId: number;
  type: SessionType;
  channel: string;
  pacer: PacerSettings | null;
  courseId: number | null;
}

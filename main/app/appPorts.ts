/**
 * What the app core needs from the device manager and the session recorder, as structural
 * types: `DeviceManager`/`LiveChannel` (main/devices) and `SessionRecorder` (main/sessions)
 * satisfy them, and the unit tests use small fakes.
 */
import type { StorageNotice } from '../../shared/domain/storageNotices.js';
import type { SessionRow, SessionType } from '../../shared/domain/types.js';
import type { PacerSchedule } from '../../shared/pacer/pacerSchedule.js';
import type { PacerSettings } from '../../shared/pacer/pacerSettings.js';
import type { SensorNotice } from '../../shared/sensors/frames.js';
import type { ConnectionState, SensorSourceInfo } from '../../shared/sensors/sensorSource.js';
import type { WorkerResult } from '../analysis/analysisProtocol.js';
import type { ChannelSink, GapEvent } from '../devices/LiveChannel.js';
import type { SessionSummary } from '../sessions/sessionSummary.js';

/** The part of a `LiveChannel` the app uses. */
export interface AppChannel {
  readonly id: string;
  readonly spec: string;
  readonly info: SensorSourceInfo;
  /** The key the sensor is remembered by for a client (USB serial number, BLE id; absent: the spec). */
  readonly identity?: string;
  readonly state: ConnectionState;
  readonly lastNotice: SensorNotice | null;
  /** The device's true sample rate as the channel clock measured it, Hz (null until known). */
  readonly measuredHz: number | null;
  /** Wall seconds since data last arrived. */
  readonly silentSec: number;
  /** Playback speed of a simulated or replayed source (1, or absent, for a real sensor). */
  readonly speed?: number;
  /** The live view sink (the app's LiveBatcher). */
  view: ChannelSink | null;
  /** "Now" on the channel clock, s. */
  nowSec(): number;
}

/** The part of `DeviceManager` the app uses. */
export interface AppDevices {
  /** Open a sensor on channel `id` with `view` as its live view from the start. */
  connect(spec: string, id?: string, view?: ChannelSink | null): Promise<AppChannel>;
  disconnect(id: string): Promise<void>;
  disconnectAll(): Promise<void>;
  channel(id: string): AppChannel | undefined;
  channels(): AppChannel[];
  setPacer(p: PacerSchedule | null): void;
  listSensors(): Promise<unknown>;
}

/** Who else gets a recording's analysis and gaps (the resonance assessment). */
export interface RecorderTap {
  addAnalysis(r: WorkerResult): void;
  addGap(g: GapEvent): void;
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
  /** Channel-clock time of recording t = 0 (null before the first sample). */
  readonly clockOffsetSec: number | null;
  /** Full disk (see `SessionRecorder`): commits fail now and data is held in memory. */
  readonly diskFull?: boolean;
  /** The file the session was saved in instead of the database (full disk at the end), else null. */
  readonly savedElsewhere?: string | null;
  /** Seconds given up on while the disk was full (0 = none). */
  readonly lostSec?: number;
  /** A `stop()` waiting for room: save the session in the overflow folder now. */
  saveToOverflow?(dir?: string): void;
  /** A `stop()` waiting for room: give up (the held data is lost). */
  abandonUnsaved?(): void;
}

export interface AppRecorderOptions {
  clientId: number;
  type: SessionType;
  channel: string;
  pacer: PacerSettings | null;
  courseId: number | null;
  /** The group session it belongs to (several clients, one shared pacer), else none. */
  groupId?: number | null;
  /** Stop after this many seconds of signal (`onLimit` is called). */
  maxSec?: number;
  onLimit?: () => void;
  tap?: RecorderTap;
  /** Disk full, room again, saved elsewhere … (the app core passes them to the pages as `onStorageNotice`). */
  onStorageNotice?: (n: StorageNotice) => void;
}

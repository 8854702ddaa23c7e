/**
 * Data shapes that cross the boundary between the app core (Electron main or the web host) and
 * the renderer: everything except the live stream (see `liveTypes.ts`). Plain data only, so the
 * same values travel over Electron IPC (structured clone) and the WebSocket (`wireCodec.ts`).
 */
import type { CodedMessage } from '../i18n/CadansError.js';
import type { HrvWithheld } from '../dsp/hrvWithheld.js';
import type { Client, Gap, IsoDateTime, JsonObject, Marker, PacerChange, SessionListItem, SessionType } from '../domain/types.js';
import type { PacerSettings } from '../pacer/pacerSettings.js';
import type { SensorNotice } from '../sensors/frames.js';
import type { ConnectionState, SensorSourceInfo } from '../sensors/sensorSource.js';
import type { ReplayInfo } from '../sensors/replayLabel.js';

/** UI languages; Dutch is the default. */
export type Locale = 'nl' | 'en';
export const LOCALES: readonly Locale[] = ['nl', 'en'];
export const DEFAULT_LOCALE: Locale = 'nl';

/** One sensor the therapist can pick. */
export interface SensorOption {
  /** Spec to pass to `connectSensor`, e.g. 'sim', 'serial:/dev/ttyUSB0?protocol=cms50-9'. */
  spec: string;
  kind: SensorSourceInfo['kind'];
  label: string;
  /** Extra detail (protocol guess, signal strength …). */
  detail?: string;
  /** The key a client's sensor is remembered by, when it is not the spec (a USB serial number: `usb:…`). */
  sensorKey?: string;
}

/** Result of `listSensors`: what was found, plus messages (e.g. "udevadm is not installed"). */
export interface SensorListView {
  sensors: SensorOption[];
  /** The messages as the device layer wrote them (English, for logs). */
  messages: string[];
  /** The same as coded notices for the page (Bluetooth missing: one calm line), shown in the UI's language. */
  notices: CodedMessage[];
}

/** A connected (or connecting) sensor channel. */
export interface ChannelView {
  channel: string;
  spec: string;
  /** The key the sensor is remembered by for a client: its USB serial number (`usb:…`) or BLE id (`ble:…`), else the spec. */
  sensorKey: string;
  state: ConnectionState;
  label: string;
  kind: SensorSourceInfo['kind'];
  fsHz: number | null;
  /** The sample rate measured from the device's own sample count (its true rate), Hz; null until known (~3 s). */
  measuredHz: number | null;
  /** True for the simulator: the UI labels it clearly. */
  simulated: boolean;
  /** Wire protocol id ('cms50-9', 'pulsesensor', 'ble-hrs', …), or null when the source has none. */
  protocol: string | null;
  /**
   * Seconds of signal per real second: 1 for a real sensor; a simulator or replay may run faster
   * (`sim:speed=10`), which the UI states prominently so it is never mistaken for a real sensor.
   */
  speed: number;
  /** The sensor's latest diagnosis still standing (shown next to it, translated), or null. */
  notice: SensorNotice | null;
  /** A replayed recording file: named in the user's language (`replayLabel`) instead of the English `label`. */
  replay?: ReplayInfo;
}

/** Event: a channel's connection state changed, or its sensor said something. */
export interface ConnectionEvent {
  channel: string;
  state: ConnectionState;
  /** What the sensor said with this event (translated where shown), or null. */
  notice: SensorNotice | null;
  /** The channel after the change (absent once it is removed). */
  view?: ChannelView;
}

export type QualityFlag = 'no-signal' | 'flat' | 'clipping' | 'motion' | 'no-contact' | 'noisy';
export const QUALITY_FLAGS: readonly QualityFlag[] = ['no-signal', 'flat', 'clipping', 'motion', 'no-contact', 'noisy'];

/** Event: signal quality of one second of one channel. */
export interface QualityEvent {
  channel: string;
  tSec: number;
  /** 0..100. */
  qualityPct: number;
  contact: 'ok' | 'off' | 'unknown';
  flags: QualityFlag[];
  /** Ear-clip placement hint key (translated by the renderer). */
  hint?: string;
}

/** One segment of the pacer schedule, on the channel clock (seconds). */
export interface PacerSegmentView {
  settings: PacerSettings;
  startSec: number;
  firstBreathIndex: number;
}

/** The pacer as the renderer draws it: segments on the live clock; `null` when no pacer runs. */
export interface PacerTimeline {
  /** Increases with every change. */
  version: number;
  segments: PacerSegmentView[];
  /** End of the pacing session (breath boundary), or null when open-ended. */
  endSec: number | null;
  /** False while the session is paused (the pacer stands still). */
  running: boolean;
  /** The live clock when this timeline was sent, s (lets a window without live data keep time). */
  clockSec: number;
}

export type SessionPhase = 'idle' | 'recording' | 'paused';

export interface MarkerView {
  /** Time on the recording clock (0 = first sample of the session), s. */
  tSec: number;
  /** The same moment on the live channel clock, s (for drawing on the live charts). */
  clockSec: number;
  kind: string;
  note: string;
  /** In a group session: the one client the marker is for (absent: for everyone). */
  clientId?: number;
}

/** One client of the live session (a group session has several, a single session one). */
export interface GroupMemberView {
  /** The client's own session (in their own record). */
  sessionId: number;
  clientId: number;
  /** The client's sensor. */
  channel: string;
  /** 'ended': this client's recording ended before the group's (their sensor went away for good, or sent nothing). */
  state: 'recording' | 'ended';
  /** Why this client's recording ended early ('sensor-lost', 'no-data', 'stream-ended', 'limit'), else null. */
  endReason: string | null;
  /** Signal recorded for this client so far, s. */
  recordedSec: number;
}

/** Event + result: the state of the live session. */
export interface SessionStateView {
  phase: SessionPhase;
  sessionId: number | null;
  clientId: number | null;
  channel: string | null;
  type: SessionType | null;
  startedAt: IsoDateTime | null;
  /** Session start on the channel clock, seconds. */
  startClockSec: number | null;
  /** Seconds of session so far (pauses included), on the channel clock. */
  elapsedSec: number;
  pacer: PacerSettings | null;
  markers: MarkerView[];
  /** Id of the session that just ended (for "open summary"), else null. */
  lastEndedSessionId: number | null;
  /** Why the last session ended (a code: 'stopped', 'limit', 'no-data', 'sensor-lost', 'stream-ended', 'resonance-end'), else null. */
  lastEndReason: string | null;
  /**
   * The pacer's duration is over while the session keeps recording: the therapist is asked to stop
   * the session or to continue (`continuePacer`). A session never stops silently at the pacer's end.
   */
  pacerEnded: boolean;
  /** The running group session's id (several clients, one shared pacer), else null. */
  groupId: number | null;
  /**
   * Every client of the running session, in the order it was started with (one for a single
   * session, none when idle). `sessionId`/`clientId`/`channel` above are the first member's; the
   * pacer runs on the first member's channel clock.
   */
  members: GroupMemberView[];
  /** The group id of the session that just ended, when it was a group session, else null. */
  lastEndedGroupId: number | null;
}

/** `getClientSensors`: the sensor a client last recorded with (its spec, as `ChannelView.spec`), offered again in the group set-up. */
export interface ClientSensorView {
  clientId: number;
  sensorKey: string;
  lastUsedAt: IsoDateTime;
}

/** `startGroupSession`: one client per sensor, one shared pacer. */
export interface StartGroupSessionRequest {
  /**
   * 2 or more clients, each with their own connected sensor (channel); distinct clients and channels.
   * `courseId`: the client's treatment course for their session (null: none; left out: the client's
   * course current today, if any).
   */
  clients: { clientId: number; channel: string; courseId?: number | null }[];
  /** Type of every member session: always 'group' (the only value accepted; may be left out). */
  type?: 'group';
  /** Pacer from the start, shared by all (null: none). */
  pacer: PacerSettings | null;
  /** Record at most this many seconds of signal per client, then stop (the CLI's `--seconds`). */
  maxSec?: number;
  notes?: string;
}

export interface StartSessionRequest {
  clientId: number;
  type?: SessionType;
  /** Default: the first connected channel. */
  channel?: string;
  /** Pacer from the start (null: no pacer). At the end of its `durationSec` the therapist is asked to stop or continue. */
  pacer: PacerSettings | null;
  courseId?: number | null;
  /** Record at most this many seconds of signal, then stop (the CLI's `--seconds`). */
  maxSec?: number;
}

export interface AddMarkerRequest {
  /** Default 'note'. */
  kind?: string;
  note: string;
  /** In a group session: the marker is for this client only (default: for everyone). */
  clientId?: number;
}

/** A finished (or interrupted) session with the numbers the list and summary card show. */
export interface SessionSummaryView {
  sessionId: number;
  clientId: number;
  type: SessionType;
  /** The group session it was part of (its group summary: getReportHtml/Pdf `{ kind: 'group', groupId }`), else null. */
  groupId: number | null;
  status: SessionListItem['status'];
  startedAt: IsoDateTime;
  endedAt: IsoDateTime | null;
  durationSec: number;
  sensorSpec: string;
  pacer: PacerSettings | null;
  beats: number;
  meanHrBpm: number | null;
  rmssdMs: number | null;
  sdnnMs: number | null;
  lfHf: number | null;
  coherenceMean: number | null;
  /**
   * Share of the WHOLE session in coherence level high / medium / low and not scored (the first
   * 64 s, gaps, unusable signal), 0..100, summing to 100 (null: no summary with a time in level).
   * Summaries of older versions (shares of the scored time only) are converted.
   */
  coherenceLevelsPct: { low: number; medium: number; high: number; notScored: number } | null;
  /** Seconds of the session with a coherence score (null: no summary with a time in level). */
  coherenceScoredSec: number | null;
  /** HRV figures the analysis withheld (shown greyed with the reason, never as a number). */
  hrvWithheld: HrvWithheld;
  respirationBpm: number | null;
  artifactsPct: number | null;
  unusablePct: number | null;
  markerCount: number;
  /** The session's own notes (editable in the review: `updateSessionNotes`). */
  notes: string;
  /** The stored summary as written by the recorder (for details the card does not show). */
  raw: JsonObject | null;
}

/** Raw PPG of a session, one contiguous run. */
export interface PpgRun {
  t0Sec: number;
  fsHz: number;
  values: Float32Array;
}

/** Everything the review screen draws (the same charts as live, scrollable over the whole session). */
export interface SessionReviewData {
  summary: SessionSummaryView;
  client: Client;
  markers: Marker[];
  gaps: Gap[];
  pacerChanges: PacerChange[];
  /** Beats: time (s), closing interval (ms, NaN = none), quality (0..1, NaN = unknown). */
  beats: { tSec: Float64Array; ibiMs: Float64Array; quality: Float32Array };
  /** Stored metric series by name ('coherence', 'rmssd', 'hr', 'resp_rate', …). */
  metrics: Record<string, { tSec: Float64Array; value: Float64Array /* NaN = not available */ }>;
  ppg: PpgRun[];
}

/** What the therapist chooses for the client display and the live panels. */
export interface DisplaySettings {
  /** Show numbers (HR, coherence ratio) on the client display. */
  clientShowsNumbers: boolean;
  /** Pacer visual: a growing/shrinking shape, a ball on a wave, or both. */
  pacerVisual: 'shape' | 'wave' | 'both';
  /** Soft audio cue at the start of in- and out-breath. */
  audioCue: boolean;
  /** Width of the live HR tachogram, seconds (60–300). */
  tachogramWindowSec: number;
  /** Show the HR wave on the client display. */
  clientShowsHeartRate: boolean;
  /** Group display: the "group coherence" ring (share of the group in medium/high coherence). */
  groupCoherenceRing: boolean;
  /** Group display: full names on the tiles instead of initials (names are hidden by default). */
  groupShowsNames: boolean;
}

export const DEFAULT_DISPLAY_SETTINGS: Readonly<DisplaySettings> = Object.freeze({
  clientShowsNumbers: false,
  pacerVisual: 'both',
  audioCue: false,
  tachogramWindowSec: 120,
  clientShowsHeartRate: true,
  groupCoherenceRing: true,
  groupShowsNames: false,
});

/** Settings shared by every window; broadcast on change. */
export interface AppSettings {
  locale: Locale;
  display: DisplaySettings;
  /** Minutes without use after which the console locks (0 = never). */
  lockAfterMin: number;
  /**
   * The practice database chosen in the app (postgres://user@host:port/db, never with a password),
   * or null. It acts as CADANS_PRACTICE_DB when that is not set (the environment goes first), from
   * the next start.
   */
  practiceDb: string | null;
}

/** Default and limits of `AppSettings.lockAfterMin`. */
export const DEFAULT_LOCK_AFTER_MIN = 10;
export const MAX_LOCK_AFTER_MIN = 240;

/**
 * The console lock (NEN 7510: an unattended workstation shows no client data). While locked, the
 * core refuses every call that reads or changes client records (see `LOCKED_CALLS_ALLOWED`); a
 * recording in progress goes on.
 */
export interface LockState {
  locked: boolean;
  /** Unlocking needs the database passphrase (the database is encrypted); otherwise a click. */
  needsPassphrase: boolean;
  lockAfterMin: number;
}

/** Facts about the running app the UI shows (mode, simulator label, version). */
export interface AppInfo {
  version: string;
  /** 'electron': desktop app; 'web': served by `cadans web`. */
  host: 'electron' | 'web' | 'cli';
  /** Sensor spec connected at start-up (the simulator by default), or null. */
  defaultSensorSpec: string | null;
  /** Database file in use. */
  dbPath: string;
}

/** Where the client display is: a window opened by the app, or a URL to open in a browser tab. */
export interface ClientDisplayTarget {
  opened: boolean;
  url: string | null;
}

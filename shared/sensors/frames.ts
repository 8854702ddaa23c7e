/**
 * Decoded sensor frames: what every adapter (serial, BLE, simulator, file replay) emits towards
 * its channel (main/devices/LiveChannel.ts). Adapters do not assign signal times: they count.
 *
 * - A PPG sample is identified by the device's own count (`index`: samples since the stream
 *   started, lost and unreadable ones included). The channel clock (shared/sensors/channelClock.ts)
 *   turns counts into times at the channel's estimated true rate.
 * - `arrivalSec` is the host's monotonic clock (seconds, `performance.now() / 1000` unless a test
 *   injects another clock) when the frame's newest data arrived. It is used to estimate the true
 *   rate and to detect gaps, never to move samples.
 * - `deviceSec` is the device's own clock where the protocol has one (Polar PMD timestamps, the
 *   simulator and file replay: their signal time). When present it is preferred over arrival.
 */

/** A run of consecutive PPG samples, identified by the device's sample count. */
export interface PpgFrame {
  readonly kind: 'ppg';
  /** The rate the device declares (its nominal rate), Hz; the true rate is estimated by the channel clock. */
  readonly fsHz: number;
  /** The device's count of `values[0]`: samples since stream `stream` started, lost ones included. */
  readonly index: number;
  /** Raw sample values in the sensor's own units; NaN = a sample the device sent that was lost or unreadable. */
  readonly values: Float32Array;
  /** Host monotonic time, s, when the newest sample of the frame arrived. */
  readonly arrivalSec: number;
  /** The device's own time of the newest sample, s (any origin), where the protocol carries one. */
  readonly deviceSec?: number;
  /** Counting epoch: increments when the device's count starts over (a reconnect); 0 at first. */
  readonly stream: number;
}

/** Beat-to-beat intervals reported by the sensor itself (BLE HRS RR, Polar PPI, PulseSensor IBI, CMS50 beat marks). */
export interface BeatFrame {
  readonly kind: 'beats';
  /** Host monotonic time, s, when the frame arrived (its last interval closed shortly before). */
  readonly arrivalSec: number;
  /** Intervals in ms, oldest first (may be empty). */
  readonly ibiMs: readonly number[];
  /** Heart rate the device reports, bpm (informational). */
  readonly hrBpm?: number;
  /** Where the intervals come from: 'rr' (HRS, ECG strap), 'ppi' (Polar PPI), 'device' (a sensor's own beat detector). */
  readonly origin?: 'rr' | 'ppi' | 'device';
  /** Per interval: the device's error estimate, ms (Polar PPI), when it gives one. */
  readonly errorMs?: readonly number[];
  /** Intervals the device measured but that were left out just before this frame's (movement), ms: a gap that long. */
  readonly skippedMs?: number;
}

/** Device status: contact, SpO2, battery, device-reported pulse rate, and diagnoses for the user. */
export interface StatusFrame {
  readonly kind: 'status';
  /** Host monotonic time, s. */
  readonly arrivalSec: number;
  /** 'ok' = on skin, 'off' = finger/ear out or no contact, 'unknown' = sensor cannot tell. */
  readonly contact?: 'ok' | 'off' | 'unknown';
  readonly spo2Pct?: number;
  readonly pulseRateBpm?: number;
  readonly batteryPct?: number;
  /** Perfusion index, % (CMS50 V7.0 bytes 7–8), when the device gives a valid one. */
  readonly perfusionPct?: number;
  /** A diagnosis to show the user (translated where shown; see sensorNotices.ts). */
  readonly notice?: SensorNotice;
}

export type SensorFrame = PpgFrame | BeatFrame | StatusFrame;

/**
 * What a sensor has to tell the user, as a code with parameters (never an English sentence):
 * translated to Dutch or English by `formatSensorNotice` where it is shown.
 */
export interface SensorNotice {
  readonly code: SensorNoticeCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

export type SensorNoticeCode =
  /** Nothing arrived for `seconds` s on `port` (params: port, seconds, protocol). */
  | 'no-data'
  /** Bytes arrive but do not parse (params: port, protocol: the English name, protocolCode: a SerialProtocol, baud, bytes, seconds, readings, badPct). */
  | 'not-understood'
  /** After no-data / not-understood: the data is understood again (params: port). */
  | 'understood-again'
  /** The finger / ear is out of the sensor (the device says so). */
  | 'finger-out'
  /** The device reports a probe error. */
  | 'probe-error'
  /** The device is searching for a pulse. */
  | 'searching'
  /** The PulseSensor library's begin() failed (a `!` line; params: message). */
  | 'begin-failed'
  /** Another error reported by the device (params: message). */
  | 'sensor-error'
  /** The connection was lost; reconnecting (params: port, reason: the source's own text; a serial source adds cause: a SerialFault code). */
  | 'reconnecting'
  /** The connection is back (params: port). */
  | 'reconnected'
  /** A serial port error (params: port, message: the OS text; cause: a SerialFault code, see native-adapters/sensors/serialFault.ts). */
  | 'port-error'
  /** The declared rate differs from the measured one; the measured one is used (params: declaredHz, measuredHz). */
  | 'rate-mismatch'
  /** Data arrives much faster than the device's rate (a replayed buffer; params: factor). */
  | 'burst'
  /** Samples were lost in transfer (params: count, seconds). */
  | 'samples-lost'
  /** The sensor stopped its stream (params: what). */
  | 'stream-stopped'
  /** A file replay reached its end. */
  | 'end-of-recording'
  /** Protocol and baud found by listening (params: protocol: the English name, protocolCode: a SerialProtocol, baud; sensors on a board with several). */
  | 'protocol-detected'
  /** Unreadable frames from a BLE sensor (params: count, what: heart-rate | pmd, problem?: a ParseProblem, message: the technical English detail). */
  | 'bad-frames'
  /** CSV lines without a time column and no sample rate given (fs=…). */
  | 'csv-needs-rate'
  /** The Bluetooth adapter's state keeps the sensor away (params: state: off | unauthorized | unsupported | unknown). */
  | 'adapter-state'
  /** Connected (params: device; optional location, batteryPct). */
  | 'connected'
  /** The sensor offers no PPG stream: heart rate and RR only (params: reason). */
  | 'ppg-unavailable'
  /** PPG streams (params: fsHz). */
  | 'ppg-streaming'
  /** A reconnect attempt failed; retrying (params: message: the English line; errorCode, errorParams (JSON): the coded problem, when it has one). */
  | 'reconnect-failed'
  /** The live analysis stopped (its worker died or hung); a new one is starting. Recording goes on. */
  | 'analysis-stopped'
  /** The live analysis runs again. */
  | 'analysis-resumed';

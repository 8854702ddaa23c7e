/**
 * Decoded sensor frames: what every adapter (serial, BLE, simulator, file replay)
 * emits towards the device manager. Times are seconds on the session clock
 * (0 = when the sensor stream started), assigned by the adapter.
 */

/** A run of consecutive PPG samples at a fixed rate. */
export interface PpgFrame {
  readonly kind: 'ppg';
  /** Sample rate of `values`, Hz. */
  readonly fsHz: number;
  /** Time of `values[0]`, seconds on the session clock. */
  readonly t0Sec: number;
  /** Raw sample values in the sensor's own units (ADC counts, a.u.); NaN = sample lost. */
  readonly values: Float32Array;
}

/** Beat-to-beat intervals reported by the sensor itself (BLE HRS RR, Polar PPI, PulseSensor IBI). */
export interface BeatFrame {
  readonly kind: 'beats';
  /** Arrival time of the frame, seconds on the session clock. */
  readonly tSec: number;
  /** Intervals in ms, oldest first (may be empty). */
  readonly ibiMs: readonly number[];
  /** Heart rate the device reports, bpm (informational). */
  readonly hrBpm?: number;
}

/** Device status: contact, SpO2, battery, device-reported pulse rate. */
export interface StatusFrame {
  readonly kind: 'status';
  readonly tSec: number;
  /** 'ok' = on skin, 'off' = finger/ear out or no contact, 'unknown' = sensor cannot tell. */
  readonly contact?: 'ok' | 'off' | 'unknown';
  readonly spo2Pct?: number;
  readonly pulseRateBpm?: number;
  readonly batteryPct?: number;
  readonly message?: string;
}

export type SensorFrame = PpgFrame | BeatFrame | StatusFrame;

/**
 * A run as read from a sport-watch file (FIT, TCX, GPX), before analysis: time-stamped points and
 * laps. Units are in the names; a missing value is null. Cadence is in steps per minute (both
 * feet): FIT, TCX (RunCadence) and GPX (gpxtpx:cad) store strides per minute of one foot, which
 * the readers double.
 */
export type RunFileFormat = 'fit' | 'tcx' | 'gpx';

export interface RunPoint {
  /** Seconds since the first point. */
  tSec: number;
  hrBpm: number | null;
  speedMps: number | null;
  cadenceSpm: number | null;
  /** Cumulative distance, m (or null). */
  distanceM: number | null;
}

export interface RunLap {
  startSec: number;
  endSec: number;
}

export interface RunTrack {
  format: RunFileFormat;
  /** Wall-clock time of the first point (ISO 8601 UTC). */
  startedAt: string;
  points: RunPoint[];
  laps: RunLap[];
  /** What the file says about the device (manufacturer/product, creator), '' when nothing. */
  device: string;
}

/** Longest run accepted: 12 h (a longer file is not a therapy run). */
export const MAX_RUN_SEC = 12 * 3600;
/** Most points accepted (12 h at 1 Hz with room to spare). */
export const MAX_RUN_POINTS = 100_000;
/** Largest file read, bytes. */
export const MAX_RUN_FILE_BYTES = 50 * 1024 * 1024;

/** Plausible values; anything outside is taken as missing (sensor dropouts write 0 or 255). */
export const HR_RANGE_BPM = { min: 30, max: 240 } as const;
export const SPEED_MAX_MPS = 12;
export const CADENCE_MAX_SPM = 260;

export function plausibleHr(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) && x >= HR_RANGE_BPM.min && x <= HR_RANGE_BPM.max ? x : null;
}
export function plausibleSpeed(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= SPEED_MAX_MPS ? x : null;
}
export function plausibleCadence(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= CADENCE_MAX_SPM ? x : null;
}

/**
 * Bit flags of a stored beat (`BeatRow.flags`), following the artifact classes of
 * Lipponen & Tarvainen 2019: a beat can be corrected, ectopic, follow a missed beat,
 * be an extra (false) detection, or be interpolated (inserted by the correction).
 * The values are stored in the database: never renumber them.
 */
export const BeatFlag = {
  /** The interval ending at this beat was corrected (the NN value differs from the raw detection). */
  corrected: 1,
  /** Ectopic beat. */
  ectopic: 2,
  /** A beat before this one was missed (the raw interval was too long). */
  missed: 4,
  /** Extra (false) detection; not part of the NN series. */
  extra: 8,
  /** Beat inserted by the correction (no detection at this time). */
  interpolated: 16,
  /** Interval reported by the sensor itself (BLE RR, Polar PPI), not detected from PPG. */
  fromSensor: 32,
  /** The interval closing at this beat is ≈ 2 × the rhythm (a pulse between was missed): left out of the NN series. */
  halfRate: 64,
  /** The interval closing at this beat could not be trusted (far outside the local rhythm, or too few neighbours to judge): left out. */
  rejected: 128,
  /**
   * The beat's timing could not be trusted: its pulse fiducials disagree (motion, a deformed or weak
   * pulse). Both intervals at it are left out of the NN series; counted as unusable signal, not as a correction.
   */
  untimed: 256,
} as const;

export type BeatFlagName = keyof typeof BeatFlag;
export const BEAT_FLAG_NAMES = Object.keys(BeatFlag) as BeatFlagName[];
/** All defined bits. */
export const BEAT_FLAGS_MASK = Object.values(BeatFlag).reduce((a, b) => a | b, 0);

/** Combine flag names into the stored integer. */
export function beatFlags(...names: BeatFlagName[]): number {
  return names.reduce((acc, n) => acc | BeatFlag[n], 0);
}

/** Names of the flags set in `flags`. */
export function beatFlagNames(flags: number): BeatFlagName[] {
  return BEAT_FLAG_NAMES.filter((n) => (flags & BeatFlag[n]) !== 0);
}

/** Whether the beat belongs to the NN (normal-to-normal) series: everything but extra detections. */
export function isNnBeat(flags: number): boolean {
  return (flags & BeatFlag.extra) === 0;
}

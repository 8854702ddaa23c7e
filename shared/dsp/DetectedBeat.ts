import type { NnFiducial } from './nnFiducial.js';

// What the beat detector ({@link PpgPeakDetector} in ppgFindPeaks.ts) reports: the beats and the
// runs of missing input samples.

/** One detected beat (systolic peak). */
export interface DetectedBeat {
  /** Systolic peak time, seconds from the first sample, sub-sample (parabolic interpolation). */
  tSec: number;
  /** Sample index of the peak (integer part). */
  sampleIndex: number;
  /** Steepest point of the upstroke before the peak (maximum slope), seconds; NaN if unknown. */
  tUpSec: number;
  /** Whole-pulse timing: this pulse aligned to the running pulse template ({@link PulseAligner}), at the systolic peak on average; NaN if unknown. */
  tAlignSec: number;
  /**
   * The time NN intervals are measured at, seconds: the fiducial `fiducial` chosen causally per
   * beat ({@link NnFiducialSelector}), expressed at the systolic peak (plus that fiducial's
   * running median lag), so it stays within a few ms of `tSec`.
   */
  tFidSec: number;
  /** Which fiducial `tFidSec` comes from. */
  fiducial: NnFiducial;
  /**
   * The beat's fiducials disagree (one lies more than `discordantMs` from its usual lag to the
   * systolic peak, see {@link NnFiducialSelector}): its timing is unreliable and its NN intervals are dropped.
   */
  discordant: boolean;
  /** Upstroke amplitude, band-passed units. */
  upstroke: number;
  /** Low-passed signal level at the peak (raw units): carries the respiratory intensity variation. */
  level: number;
  /** 0..1: morphology match with the running beat template × relative amplitude; 0 = untrustworthy. */
  quality: number;
  /** Id of the provisional event this final beat confirms (see {@link BeatEvent}); null if none was emitted. */
  provisionalId: number | null;
}

/** A run of missing (NaN) input samples, seconds. */
export interface MissingRun {
  startSec: number;
  endSec: number;
}

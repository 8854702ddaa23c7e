/**
 * Time-domain criteria of one resonance step, measured breath by breath against the pacer:
 *
 * - Peak-to-trough: HR max − min within each pacer breath (`hrMaxMinPerBreath`; Lehrer,
 *   Vaschillo & Vaschillo 2000), mean and standard deviation over the usable breaths.
 * - Phase: per-breath least-squares sinusoid fit of HR at the pacer rate (`hrPacerPhase`),
 *   referred to the lung-volume maximum (end of the in-breath / middle of a hold-in). Reported as
 *   the HR LAG in degrees (positive = the HR maximum comes after the end of the in-breath) with
 *   the synchrony (mean resultant length of the per-breath phases, 0–1). The phase criterion
 *   combines both: inPhaseIndex = synchrony · max(0, 1 − |lag| / 45°) — 1 when HR peaks at the
 *   end of every in-breath (HR rising throughout the in-breath, the resonance signature;
 *   Vaschillo et al. 2002), 0 at ≥ 45° off (HR maximum ⅛ breath or more away from the end of
 *   the in-breath) or without a consistent relation. The scale is deliberately steep: for a
 *   driven resonator the amplitude curve is flat at its peak while the phase crosses 0° with
 *   its steepest slope, so phase locates the resonance more sharply than amplitude. On the
 *   simulator, 0.5 breaths/min from the resonance the lag is ≈ 20° while the HR swing is only
 *   6–7 % smaller — less than the step-to-step scatter of the swing.
 * - Breathing-rate adherence, local part: the share of pacer breaths whose local RSA-derived
 *   rate — the dominant frequency of the NN series in 0.05–0.5 Hz (`dominantRateBpm`: the shared
 *   spectral routine, no confidence threshold: the pacer tells where to look) over the 3 pacer breaths
 *   ending there — is within `LOCAL_RATE_TOLERANCE_BPM` of the pacer (windows with a gap are
 *   skipped). A client who stops following the pacer for a while shows as a low share. The
 *   whole-step RSA rate comes from the step spectrum (`stepSpectrum.ts`); its tolerance is
 *   max(0.5, 30/T) breaths/min, half a frequency bin of a T-second record.
 */
import { hrPacerPhase } from '../hrPacerPhase.js';
import { hrMaxMinPerBreath } from '../hrvTime.js';
import { lowerBound } from '../nnGaps.js';
import { DEFAULT_MAX_GAP_SEC, DEFAULT_MIN_COVERAGE, nnWindowQuality } from '../nnGaps.js';
import { nnSpectrum, NN_SPECTRUM_PRESETS } from '../nnSpectrum.js';
import { peakInBand } from '../spectrumBand.js';

/**
 * The dominant rate of the NN series over [t0Sec, t1Sec) in 0.05–0.5 Hz (3–30 /min), breaths/min:
 * the highest local maximum of its spectrum (the shared routine, respiration settings). Undefined
 * when the window has a hole > 3 s or < 80 % coverage (not evaluated), null when no peak.
 */
function dominantRateBpm(nnTSec: ArrayLike<number>, nnMs: ArrayLike<number>, t0Sec: number, t1Sec: number): number | null | undefined {
  const q = nnWindowQuality(nnTSec, nnMs, t0Sec, t1Sec);
  if (q.beats < 4 || q.maxHoleSec > DEFAULT_MAX_GAP_SEC || q.coverage < DEFAULT_MIN_COVERAGE) return undefined;
  const s = nnSpectrum(nnTSec, nnMs, t0Sec, t1Sec, NN_SPECTRUM_PRESETS.respiration);
  if (s.segments === 0) return undefined;
  const pk = peakInBand(s.psd, s.dfHz, 0.05, 0.5, true);
  return pk ? 60 * pk.freqHz : null;
}

/** |lag| at which the phase criterion reaches 0, degrees. */
export const PHASE_SCALE_DEG = 45;
/** Tolerance of the local (3-breath) RSA rate against the pacer, breaths/min. */
export const LOCAL_RATE_TOLERANCE_BPM = 1;
/** Pacer breaths per local-rate window. */
export const LOCAL_RATE_BREATHS = 3;

export interface StepRhythm {
  peakToTroughBpm: number | null;
  peakToTroughSdBpm: number | null;
  peakToTroughPerBreathBpm: (number | null)[];
  hrLagDeg: number | null;
  synchrony: number | null;
  inPhaseIndex: number | null;
  adherencePct: number | null;
  meanHrBpm: number | null;
}

/** `inPhaseIndex`: the phase criterion from a lag (degrees) and a synchrony (0–1). */
export function inPhaseIndex(hrLagDeg: number | null, synchrony: number | null): number | null {
  if (hrLagDeg === null || synchrony === null) return null;
  return synchrony * Math.max(0, 1 - Math.abs(hrLagDeg) / PHASE_SCALE_DEG);
}

/** Whole-window tolerance of the RSA rate against the pacer for a record of `analysedSec`, breaths/min. */
export function rateToleranceBpm(analysedSec: number): number {
  return Math.max(0.5, analysedSec > 0 ? 30 / analysedSec : Infinity);
}

/**
 * `stepRhythm`: the breath-by-breath criteria of the NN series against the pacer breath starts
 * `breathStartsSec` (ascending; the last one closes the last breath) at `rateBpm`, with the
 * lung-volume maximum at `lungMaxFraction` of the breath.
 */
export function stepRhythm(
  nnTSec: ArrayLike<number>,
  nnMs: ArrayLike<number>,
  breathStartsSec: readonly number[],
  rateBpm: number,
  lungMaxFraction: number,
): StepRhythm {
  const nb = breathStartsSec.length;
  const t0 = nb > 0 ? breathStartsSec[0] : NaN;
  const t1 = nb > 0 ? breathStartsSec[nb - 1] : NaN;

  const pt = hrMaxMinPerBreath(nnTSec, nnMs, breathStartsSec);
  const per = Array.from(pt.perBreathBpm, (x) => (Number.isFinite(x) ? x : null));
  const ok = per.filter((x): x is number => x !== null);
  let sd: number | null = null;
  if (ok.length >= 2) {
    const m = ok.reduce((a, b) => a + b, 0) / ok.length;
    sd = Math.sqrt(ok.reduce((a, b) => a + (b - m) * (b - m), 0) / (ok.length - 1));
  }

  const ph = hrPacerPhase(nnTSec, nnMs, breathStartsSec, { inhaleFraction: lungMaxFraction });
  let lag: number | null = ph.phaseLagDeg === null ? null : -ph.phaseLagDeg;
  if (lag !== null && lag <= -180) lag += 360;
  if (lag === 0) lag = 0; // no −0

  let evaluated = 0;
  let matched = 0;
  for (let k = LOCAL_RATE_BREATHS; k < nb; k++) {
    const a = breathStartsSec[k - LOCAL_RATE_BREATHS];
    const b = breathStartsSec[k];
    const local = dominantRateBpm(nnTSec, nnMs, a, b);
    if (local === undefined) continue;
    evaluated++;
    if (local !== null && Math.abs(local - rateBpm) <= LOCAL_RATE_TOLERANCE_BPM) matched++;
  }

  let sumHr = 0;
  let nHr = 0;
  if (nb > 0) {
    for (let i = lowerBound(nnTSec, t0); i < nnTSec.length && nnTSec[i] < t1; i++) {
      if (nnMs[i] > 0) {
        sumHr += 60000 / nnMs[i];
        nHr++;
      }
    }
  }

  return {
    peakToTroughBpm: ok.length > 0 ? pt.meanBpm : null,
    peakToTroughSdBpm: sd,
    peakToTroughPerBreathBpm: per,
    hrLagDeg: lag,
    synchrony: ph.synchrony,
    inPhaseIndex: inPhaseIndex(lag, ph.synchrony),
    adherencePct: evaluated > 0 ? (100 * matched) / evaluated : null,
    meanHrBpm: nHr > 0 ? sumHr / nHr : null,
  };
}

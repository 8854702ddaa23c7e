/**
 * `hrvWithhold` — which HRV figures a recording (or a live window) can carry, and why not the
 * others. Rules (the reason codes and texts are in hrvWithheld.ts):
 *
 * - too few NN intervals (< 20, or < 3 for mean HR): everything / mean HR withheld (`too-few-beats`);
 * - more than 20 % of the window unusable (unusable stretches, plus the share of beats whose timing
 *   was unreliable: `untimedPct`), or more than 10 % of the beats corrected: SDNN,
 *   RMSSD, pNN50 and the frequency bands withheld (`too-much-unusable` / `too-much-corrected`;
 *   Task Force 1996 and Kubios' guidance: HRV from artefact-laden data is not interpretable);
 * - a window too short for the band: VLF < 5 min, LF < 2 min, HF < 1 min (`too-short`; Task
 *   Force of the ESC and NASPE 1996, "Heart rate variability: standards of measurement,
 *   physiological interpretation and clinical use", Circulation 93:1043–1065: the recording
 *   should last about 10 wavelengths of the band's lower limit — 1 min for HF, 2 min for LF —
 *   and VLF is not assessable in short recordings under 5 min);
 * - RMSSD below twice what the signal's own beat-timing noise would produce on its own
 *   (`rmssdNoiseFloorMs(signal.timingNoiseMs)`): RMSSD and pNN50 withheld (`below-timing-floor`);
 *   at that level at least a quarter of the observed successive-difference power is noise.
 * LF/HF and the band peaks go with their bands.
 */
import type { HrvMetricKey, HrvWithheld, WithheldReason } from './hrvWithheld.js';
import { rmssdNoiseFloorMs } from './timingNoise.js';

export interface WithholdInput {
  /** Length of the window analysed, s. */
  durationSec: number;
  /** Unusable share of it, %. */
  unusablePct: number;
  /** Corrected share of the beats, %. */
  correctedPct: number;
  /**
   * Share of the window, %, outside the unusable stretches, around beats whose timing was
   * unreliable (fiducials in disagreement: their intervals left out; see `untimedSpans`).
   */
  untimedPct?: number;
  /** NN intervals in it. */
  nnCount: number;
  /** RMSSD measured, ms (NaN if none). */
  rmssdMs: number;
  /** Beat-timing noise floor of the signal, ms (null: unknown, e.g. intervals from a sensor). */
  timingNoiseMs: number | null;
}

export const WITHHOLD_LIMITS = {
  minNn: 20,
  minNnForHr: 3,
  maxUnusablePct: 20,
  maxCorrectedPct: 10,
  vlfMinSec: 300,
  lfMinSec: 120,
  hfMinSec: 60,
  /** RMSSD must be at least this multiple of the noise-only RMSSD. */
  rmssdOverFloor: 2,
} as const;

const VARIABILITY: readonly HrvMetricKey[] = ['sdnnMs', 'rmssdMs', 'pnn50Pct', 'vlfMs2', 'lfMs2', 'hfMs2', 'lfHf', 'lfPeakHz', 'hfPeakHz'];

/** The figures to withhold, with the first reason that applies to each. */
export function hrvWithhold(w: WithholdInput): HrvWithheld {
  const L = WITHHOLD_LIMITS;
  const out: HrvWithheld = {};
  const set = (keys: readonly HrvMetricKey[], reason: WithheldReason): void => {
    for (const k of keys) if (!(k in out)) out[k] = reason;
  };
  if (w.nnCount < L.minNnForHr) set(['meanHrBpm', 'meanNnMs'], 'too-few-beats');
  if (w.nnCount < L.minNn) set(VARIABILITY, 'too-few-beats');
  if (w.unusablePct + (w.untimedPct ?? 0) > L.maxUnusablePct) set(VARIABILITY, 'too-much-unusable');
  if (w.correctedPct > L.maxCorrectedPct) set(VARIABILITY, 'too-much-corrected');
  if (w.durationSec < L.vlfMinSec) set(['vlfMs2'], 'too-short');
  if (w.durationSec < L.lfMinSec) set(['lfMs2', 'lfPeakHz', 'lfHf'], 'too-short');
  if (w.durationSec < L.hfMinSec) set(['hfMs2', 'hfPeakHz', 'lfHf'], 'too-short');
  if (w.timingNoiseMs !== null && !(w.rmssdMs >= L.rmssdOverFloor * rmssdNoiseFloorMs(w.timingNoiseMs))) set(['rmssdMs', 'pnn50Pct'], 'below-timing-floor');
  // A ratio and peaks go with their bands.
  if (out.lfMs2 || out.hfMs2) set(['lfHf'], (out.lfMs2 ?? out.hfMs2)!);
  if (out.lfMs2) set(['lfPeakHz'], out.lfMs2);
  if (out.hfMs2) set(['hfPeakHz'], out.hfMs2);
  return out;
}

/**
 * `NnSpectrum` — the spectrum of the last 64 s of NN intervals for the live spectrum panel, by the
 * same steps and the same code as the coherence ratio (shared/dsp/coherence.ts, McCraty et al.
 * 2009; the shared routine shared/dsp/nnSpectrum.ts with the coherence settings): 2 Hz natural
 * cubic-spline resampling, linear detrend, Hann-windowed periodogram zero-padded to 512 points.
 * The peak is the coherence peak (highest bin in 0.04–0.26 Hz). Fed with the beats of the live
 * stream; `compute(endSec)` about once a second. Shared by the core (live stream) and the review screen.
 */
import { coherenceSpectrumSettings, DEFAULT_COHERENCE_SETTINGS } from '../dsp/coherence.js';
import { NnBeatBuffer } from '../dsp/NnBeatBuffer.js';
import { nnWindowQuality } from '../dsp/nnGaps.js';
import { NnSpectrumEngine } from '../dsp/nnSpectrum.js';
import { peakInBand } from '../dsp/spectrumBand.js';
import type { SpectrumView } from './liveTypes.js';

/** Highest frequency sent to the renderer, Hz. */
export const SPECTRUM_MAX_HZ = 0.5;

const S = DEFAULT_COHERENCE_SETTINGS;
let engine: NnSpectrumEngine | null = null;

/**
 * `nnSpectrumAt`: spectrum of the NN series (tSec ascending, ibiMs) over [endSec − 64 s, endSec),
 * or null when the window is not usable (fewer than 10 beats, a hole > 3 s, < 80 % coverage).
 */
export function nnSpectrumAt(tSec: ArrayLike<number>, ibiMs: ArrayLike<number>, endSec: number): SpectrumView | null {
  const t0 = endSec - S.windowSec;
  const q = nnWindowQuality(tSec, ibiMs, t0, endSec);
  if (q.beats < 10 || q.maxHoleSec > S.maxGapSec || q.coverage < S.minCoverage) return null;
  engine ??= new NnSpectrumEngine(coherenceSpectrumSettings(S), S.windowSec);
  engine.compute(tSec, ibiMs, t0, endSec);
  const psd = engine.psd;
  const dfHz = engine.dfHz;
  const bins = Math.min(psd.length, Math.floor(SPECTRUM_MAX_HZ / dfHz) + 1);
  const pk = peakInBand(psd, dfHz, S.peakSearchHz[0], S.peakSearchHz[1]);
  return { tSec: endSec, dfHz, psd: Float32Array.from(psd.subarray(0, bins)), peakHz: pk ? pk.freqHz : null, peakWidthHz: S.peakWidthHz };
}

/** The window of `nnSpectrumAt(…, endSec)`: [startSec, endSec), s. */
export function spectrumWindow(endSec: number): { startSec: number; endSec: number } {
  return { startSec: endSec - S.windowSec, endSec };
}

/** Why there is no spectrum for a window (the first reason that applies). */
export type SpectrumMissing =
  | { reason: 'start'; fullFromSec: number }
  | { reason: 'beats'; beats: number }
  | { reason: 'hole'; holeSec: number }
  | { reason: 'coverage'; coverage: number };

/**
 * `nnSpectrumMissing` — why `nnSpectrumAt(tSec, ibiMs, endSec)` gives no spectrum, or null when
 * it gives one: the window starts before the recording (`start`), fewer than 10 clean beats
 * (`beats`), a hole > 3 s (`hole`) or < 80 % of the window covered by beats (`coverage`).
 */
export function nnSpectrumMissing(tSec: ArrayLike<number>, ibiMs: ArrayLike<number>, endSec: number, recordingStartSec = 0): SpectrumMissing | null {
  const t0 = endSec - S.windowSec;
  const q = nnWindowQuality(tSec, ibiMs, t0, endSec);
  if (q.beats >= 10 && q.maxHoleSec <= S.maxGapSec && q.coverage >= S.minCoverage) return null;
  if (t0 < recordingStartSec - 1e-9) return { reason: 'start', fullFromSec: recordingStartSec + S.windowSec };
  if (q.beats < 10) return { reason: 'beats', beats: q.beats };
  if (q.maxHoleSec > S.maxGapSec) return { reason: 'hole', holeSec: q.maxHoleSec };
  return { reason: 'coverage', coverage: q.coverage };
}

/** Streaming form: keeps the last 74 s of beats. */
export class NnSpectrum {
  private readonly beats = new NnBeatBuffer(S.windowSec + 10);

  /** Add a beat with its corrected closing interval (beats without one are skipped). */
  push(tSec: number, ibiMs: number | null): void {
    if (ibiMs !== null) this.beats.push(tSec, ibiMs);
  }

  reset(): void {
    this.beats.reset();
  }

  /** Spectrum of [endSec − 64 s, endSec), or null (see `nnSpectrumAt`). */
  compute(endSec: number): SpectrumView | null {
    return nnSpectrumAt(this.beats.tSec(), this.beats.ibiMs(), endSec);
  }
}

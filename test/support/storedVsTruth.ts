/**
 * Compare what a session stored with what a device emulator sent (its truth): where the stored
 * samples sit among the emitted ones, whether every sample that arrived intact is stored once in
 * its place, and the offline analysis of the source signal over the same stretch (on the
 * emulator's own sample times, so a drifting rate is analysed at its true pace).
 */
import { analyzeChunks } from '../../shared/dsp/analyzePpg.js';
import type { AnalysisResult } from '../../shared/dsp/types.js';
import type { TimedChunk } from '../../shared/dsp/sampleTimeline.js';
import type { EmulatorTruth, TruthSample } from './emulators/emulatorTruth.js';

export interface StoredAlignment {
  /** Index into truth.samples of stored sample 0. */
  offset: number;
  /** Stored samples (NaN = marked lost). */
  stored: number;
  /** Emitted intact ('ok') in the stretch. */
  okSent: number;
  /** Intact samples found stored with their value, in order, within `maxShift` of their place. */
  okStored: number;
  /** Of those, stored exactly in their place. */
  okStoredInPlace: number;
  /**
   * Intact samples right after a corrupted unit, not stored: a garbled line that lost its line end
   * merges with the next one, and the two are unreadable together.
   */
  okMergedWithGarbled: number;
  /** Largest distance of a stored intact sample from its place, samples (a miscounted garbled line). */
  worstShift: number;
  /** Stored finite values where the device sent nothing intact (garbled lines that still parsed). */
  extraValues: number;
}

/** Samples an intact one may sit away from its place (a text protocol has no counter to place them by). */
const MAX_SHIFT = 6;

/**
 * alignStored: where the stored samples sit among the emitted ones (the offset that puts the most
 * of the first stored values in place), then each intact sample looked up in order near its place.
 */
export function alignStored(stored: ArrayLike<number>, samples: readonly TruthSample[], channel = 0): StoredAlignment {
  const val = (s: TruthSample): number => (channel === 0 ? s.value : s.values![channel]!);
  const firstK: number[] = [];
  for (let k = 0; k < stored.length && firstK.length < 40; k++) if (Number.isFinite(stored[k]!)) firstK.push(k);
  let offset = -1;
  let bestHits = -1;
  for (let off = 0; off + 10 < samples.length; off++) {
    let hits = 0;
    for (const k of firstK) {
      const s = samples[off + k];
      if (s && s.fate === 'ok' && val(s) === stored[k]) hits++;
    }
    if (hits > bestHits) {
      bestHits = hits;
      offset = off;
    }
  }
  if (bestHits < firstK.length * 0.6) throw new Error('the stored samples are not found among the emitted ones');
  let okSent = 0;
  let found = 0;
  let inPlace = 0;
  let merged = 0;
  let worst = 0;
  let shift = 0;
  let lastK = -1;
  const used = new Uint8Array(stored.length);
  for (let k = 0; k < stored.length; k++) {
    const s = samples[offset + k];
    if (!s || s.fate !== 'ok') continue;
    okSent++;
    const v = val(s);
    // Nearest match to the expected place (the current shift first), in order.
    let hit = -1;
    for (let d = 0; d <= MAX_SHIFT && hit < 0; d++) {
      for (const c of d === 0 ? [k + shift] : [k + shift - d, k + shift + d]) {
        if (c > lastK && c < stored.length && Math.abs(c - k) <= MAX_SHIFT && stored[c] === v && !used[c]) {
          hit = c;
          break;
        }
      }
    }
    if (hit < 0) {
      if (samples[offset + k - 1]?.fate === 'garbled') merged++;
      continue;
    }
    used[hit] = 1;
    lastK = hit;
    shift = hit - k;
    worst = Math.max(worst, Math.abs(shift));
    found++;
    if (shift === 0) inPlace++;
  }
  let extra = 0;
  for (let k = 0; k < stored.length; k++) if (Number.isFinite(stored[k]!) && !used[k]) extra++;
  return { offset, stored: stored.length, okSent, okStored: found, okStoredInPlace: inPlace, okMergedWithGarbled: merged, worstShift: worst, extraValues: extra };
}

/**
 * The source signal's offline analysis over emitted samples [from, from + n): every sample the
 * device produced (also those lost or garbled on the way), timed by the emulator's own clock
 * (chunks of 1 s, each at its true rate), with time 0 at sample `from`.
 */
export function analyzeSource(truth: EmulatorTruth, from: number, n: number, channel = 0): AnalysisResult {
  const s = truth.samples.slice(from, from + n);
  const t0 = s[0]!.tSec;
  const chunks: TimedChunk[] = [];
  const per = Math.max(10, Math.round(truth.rateHz));
  for (let i = 0; i + 1 < s.length; i += per) {
    const part = s.slice(i, Math.min(s.length, i + per));
    const j = Math.min(s.length - 1, i + per);
    const measured = j > i ? (j - i) / (s[j]!.tSec - s[i]!.tSec) : Number.NaN;
    // Emission times that bunch up (a sketch's start-up burst) say nothing about the rate.
    const fsHz = Math.abs(measured / truth.rateHz - 1) < 0.05 ? measured : truth.rateHz;
    chunks.push({ t0Sec: part[0]!.tSec - t0, fsHz, values: Float32Array.from(part, (x) => (channel === 0 ? x.value : x.values![channel]!)) });
  }
  return analyzeChunks(chunks);
}

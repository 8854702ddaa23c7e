/**
 * Beats → artifact-corrected NN series for the resonance assessment, the same way as the
 * offline analysis (`analyzeBeats`): stretches that cannot be trusted (gaps, low-quality beats,
 * missed beats, long pauses; cf. `signalUnusable`) split the series, and each part is corrected
 * with Lipponen & Tarvainen 2019 (`intervalsCorrect`). The raw flags give the per-step
 * percentage of corrected beats.
 *
 * Pulse delay: an ear-clip pulse reaches the ear a pulse arrival time (pre-ejection period +
 * pulse transit time, ≈ 0.2–0.3 s) after the heart beat. Heart-rate phase against breathing is
 * a property of the heart, so beat times are moved back by `pulseDelaySec` before any timing
 * against the pacer (default 0.25 s for PPG, 0 for RR/ECG interval sensors). On the simulator the
 * uncorrected systolic-peak beats put HR 9–11° late at 6–6.5 breaths/min (≈ 0.27 s).
 */
import { intervalsCorrect, type BeatFlag } from '../intervalsCorrect.js';
import { nnWindowQuality } from '../nnGaps.js';
import { breaksFromIntervals, mergeIntervals, MIN_BEAT_QUALITY, MISSED_BEATS_FACTOR, type Interval } from '../signalGaps.js';

/** Nominal pulse delay of an ear-clip PPG behind the heart beat, s. */
export const PPG_PULSE_DELAY_SEC = 0.25;

export interface ResonanceBeatsInput {
  /** Detected beat times, ascending, s (the pacer schedule's clock). */
  beatsSec: ArrayLike<number>;
  /** Per-beat quality 0..1 (omit when the source gives none, e.g. RR intervals). */
  quality?: ArrayLike<number>;
  /** Stretches without usable signal (sensor gaps, clip off), s. */
  gaps?: readonly Interval[];
  /** Time the beats trail the heart's beats, s (see the file comment). Default 0. */
  pulseDelaySec?: number;
}

export interface ResonanceNn {
  /** Raw beat times after the pulse-delay shift, s. */
  beatsSec: Float64Array;
  /** Artifact classification per raw beat ('normal' = untouched). */
  rawFlags: BeatFlag[];
  quality: Float64Array;
  /** Corrected NN series: closing-beat time (s, shifted) and interval (ms). */
  nnTSec: Float64Array;
  nnMs: Float64Array;
  /** Untrusted stretches (shifted), merged. */
  unusable: Interval[];
  pulseDelaySec: number;
}

/** Median of the ≤ 21 intervals around interval i (t[i−1] → t[i]). */
function localMedian(t: ArrayLike<number>, i: number): number {
  const lo = Math.max(1, i - 10);
  const hi = Math.min(t.length - 1, i + 10);
  const d: number[] = [];
  for (let k = lo; k <= hi; k++) d.push(t[k] - t[k - 1]);
  d.sort((a, b) => a - b);
  return d[d.length >> 1];
}

/** Untrusted stretches of a beat series (the rules of `signalUnusable`, for beats without waveform). */
export function beatsUnusable(beatsSec: ArrayLike<number>, quality: ArrayLike<number>, gaps: readonly Interval[]): Interval[] {
  const n = beatsSec.length;
  const out: Interval[] = gaps.filter((g) => g.endSec > g.startSec).map((g) => ({ startSec: g.startSec, endSec: g.endSec }));
  if (n === 0) return mergeIntervals(out);
  const ibis: number[] = [];
  for (let i = 1; i < n; i++) ibis.push(beatsSec[i] - beatsSec[i - 1]);
  ibis.sort((a, b) => a - b);
  const med = ibis.length ? ibis[ibis.length >> 1] : 1;
  const maxPause = Math.max(2.5, 2.2 * med);
  for (let i = 0; i < n; i++) {
    if (!(quality[i] >= MIN_BEAT_QUALITY)) {
      out.push({
        startSec: i > 0 ? beatsSec[i - 1] : beatsSec[i] - med,
        endSec: i + 1 < n ? beatsSec[i + 1] : beatsSec[i] + med,
      });
    }
  }
  for (let i = 1; i < n; i++) {
    const d = beatsSec[i] - beatsSec[i - 1];
    if (d > maxPause || d > MISSED_BEATS_FACTOR * localMedian(beatsSec, i)) out.push({ startSec: beatsSec[i - 1], endSec: beatsSec[i] });
  }
  return mergeIntervals(out);
}

/**
 * `resonanceNn`: the corrected NN series of a recording (see the file comment). Non-finite or
 * non-increasing beat times are dropped; never throws on data.
 */
export function resonanceNn(input: ResonanceBeatsInput): ResonanceNn {
  const delay = Number.isFinite(input.pulseDelaySec) ? (input.pulseDelaySec as number) : 0;
  const t: number[] = [];
  const q: number[] = [];
  let prev = -Infinity;
  for (let i = 0; i < input.beatsSec.length; i++) {
    const v = input.beatsSec[i];
    if (!Number.isFinite(v) || !(v > prev)) continue;
    prev = v;
    t.push(v - delay);
    const qi = input.quality ? input.quality[i] : 1;
    q.push(Number.isFinite(qi) ? qi : 0);
  }
  const gaps = (input.gaps ?? []).map((g) => ({ startSec: g.startSec - delay, endSec: g.endSec - delay }));
  const unusable = beatsUnusable(t, q, gaps);
  const corr = intervalsCorrect(t, breaksFromIntervals(t, unusable));
  return {
    beatsSec: Float64Array.from(t),
    rawFlags: corr.rawFlags,
    quality: Float64Array.from(q),
    nnTSec: corr.nnTSec,
    nnMs: corr.nnMs,
    unusable,
    pulseDelaySec: delay,
  };
}

/** Beats in [t0, t1), how many the correction touched, and the NN coverage of the window. */
export function windowBeatStats(nn: ResonanceNn, t0: number, t1: number): { beats: number; correctedPct: number; coveragePct: number } {
  let beats = 0;
  let corrected = 0;
  const t = nn.beatsSec;
  for (let i = 0; i < t.length; i++) {
    if (t[i] < t0 || t[i] >= t1) continue;
    beats++;
    if (nn.rawFlags[i] !== 'normal' || !(nn.quality[i] >= MIN_BEAT_QUALITY)) corrected++;
  }
  const q = nnWindowQuality(nn.nnTSec, nn.nnMs, t0, t1);
  return { beats, correctedPct: beats > 0 ? (100 * corrected) / beats : 100, coveragePct: 100 * q.coverage };
}

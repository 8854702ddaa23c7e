/**
 * `NnStream` — artifact correction of a stream of beats, streaming, with final results that do
 * not depend on how the stream was cut: the one NN path of live sessions and offline analyses.
 *
 * Beats come in final from the detector (or from a sensor's intervals) with the time of the
 * fiducial the intervals are measured between; unusable stretches come in as they are decided
 * (`UnusableTracker`). `intervalsCorrect` (Lipponen & Tarvainen 2019) is run on a window of beats
 * around each block of `BLOCK` beats once `SUPPORT` beats after the block are known and the
 * stretches up to there are final: the correction of a beat only depends on beats within its
 * support, so the block's NN intervals are final and the same as if the whole recording had been
 * corrected at once. The newest beats (not final yet) are corrected provisionally on a trailing
 * window for the live screen; `flush()` finalises everything at the end of a stream.
 *
 * Output records (`NnBeat`, one per raw beat plus one per beat the correction inserted) carry the
 * interval that closes at the beat after correction (null when none: the first beat of a segment,
 * an extra detection, an interval across a gap) and the beat's correction flags (`BeatFlag` bits)
 * — exactly what storage keeps and what the review and the report draw.
 */
import { BeatFlag } from '../domain/beatFlags.js';
import { halfRateStretches } from './halfRate.js';
import {
  CORRECTION_SUPPORT_BEATS,
  intervalsCorrect,
  NN_CLOSE_INSERTED,
  NN_CLOSE_MOVED,
  NN_MERGED,
  NN_OPEN_EDITED,
  type BeatFlag as RawFlag,
} from './intervalsCorrect.js';
import { breaksFromIntervals, mergeIntervals, type Interval } from './signalGaps.js';

/** Beats on each side of a beat that its correction may depend on (`intervalsCorrect`'s support). */
export const SUPPORT = CORRECTION_SUPPORT_BEATS;
/** Beats finalised per step. */
const BLOCK = 16;
/** Most blocks finalised in one correction window (when that many are final at once). */
const MAX_BLOCKS = 32;

/** A beat of the NN path (a raw detection or a beat inserted by the correction). */
export interface NnBeat {
  /** Time of the beat (systolic peak for detections; the inserted time for inserted beats), s. */
  tSec: number;
  /** Time of the fiducial the intervals are measured between, s. */
  fidSec: number;
  /** Interval closing at this beat after correction, ms; null when none. */
  ibiMs: number | null;
  /** Detection quality 0..1; null for inserted beats and sensor intervals without quality. */
  quality: number | null;
  /** `BeatFlag` bits (corrected, ectopic, missed, extra, interpolated, fromSensor). */
  flags: number;
}

export interface NnStreamOptions {
  /** The beats come from the sensor's own intervals (flag `fromSensor`). */
  fromSensor?: boolean;
}

const RAW_BIT: Record<RawFlag, number> = {
  normal: 0,
  ectopic: BeatFlag.ectopic | BeatFlag.corrected,
  missed: BeatFlag.missed | BeatFlag.corrected,
  extra: BeatFlag.extra,
  longshort: BeatFlag.corrected,
  halfrate: BeatFlag.halfRate,
  outlier: BeatFlag.rejected,
  unclassified: BeatFlag.rejected,
  discordant: BeatFlag.untimed,
};

export class NnStream {
  private peak: number[] = [];
  private fid: number[] = [];
  private qual: number[] = [];
  /** Per beat, 1 when its fiducials disagree (its timing is unreliable), else 0. */
  private untimed: number[] = [];
  /** Global index of peak[0]. */
  private base = 0;
  /** Global index of the first beat not final yet. */
  private finalized = 0;
  private unusable: Interval[] = [];
  private finalUntilSec = Number.NEGATIVE_INFINITY;
  /** Stretches whose beats were timed partly from filter padding (see `addPadded`), merged. */
  private padded: Interval[] = [];
  private readonly sensorBit: number;
  /** Counts over the final beats. */
  readonly counts = { beats: 0, ectopic: 0, missed: 0, extra: 0, longshort: 0, halfrate: 0, outlier: 0, unclassified: 0, discordant: 0, corrected: 0 };

  constructor(opts: NnStreamOptions = {}) {
    this.sensorBit = opts.fromSensor ? BeatFlag.fromSensor : 0;
  }

  /**
   * A final raw beat: peak time, fiducial time (s, channel clock), quality (null = none), and
   * whether its timing is unreliable (its fiducials disagree: both its intervals are dropped).
   */
  pushBeat(peakSec: number, fidSec: number, quality: number | null, untimed = false): void {
    this.peak.push(peakSec);
    this.fid.push(fidSec);
    this.qual.push(quality ?? Number.NaN);
    this.untimed.push(untimed ? 1 : 0);
  }

  /** Unusable stretches decided so far, and the time up to which that list is final. */
  setUnusable(added: readonly Interval[], finalUntilSec: number): void {
    if (added.length) this.unusable = mergeIntervals([...this.unusable, ...added]);
    this.finalUntilSec = finalUntilSec;
  }

  /**
   * A stretch whose beats the detector timed partly from padding rather than data: the band-pass
   * filled with held values at the end of a sequence, around a run of missing samples and at a
   * restart after a long gap (the detector's `paddedTailSec` / `paddedLeadSec`; `BeatEngine` adds them). Its beats stay beats, but no interval
   * touches them: the stretch is treated like a gap, so they neither get an interval nor move their
   * neighbours' correction. Add a stretch before the beats in it become final.
   */
  addPadded(stretch: Interval): void {
    this.padded = mergeIntervals([...this.padded, stretch]);
  }

  /** The NN beats that became final (time order). */
  takeFinal(out: NnBeat[] = []): NnBeat[] {
    for (;;) {
      // As many whole blocks as are final at once, up to MAX_BLOCKS: an offline analysis corrects
      // long windows (less overlap), a live stream one block at a time; the result is the same.
      const n = this.base + this.peak.length;
      let end = this.finalized;
      for (let b = 0; b < MAX_BLOCKS; b++) {
        const next = end + BLOCK;
        if (next + SUPPORT > n || this.peak[next + SUPPORT - 1 - this.base]! > this.finalUntilSec) break;
        end = next;
      }
      if (end === this.finalized) break;
      this.finalizeBlock(end, out);
    }
    this.trim();
    return out;
  }

  /** End of the stream: every remaining beat becomes final. */
  flush(out: NnBeat[] = []): NnBeat[] {
    this.finalUntilSec = Infinity;
    const n = this.base + this.peak.length;
    while (this.finalized < n) this.finalizeBlock(Math.min(n, this.finalized + MAX_BLOCKS * BLOCK), out);
    return out;
  }

  /** The beats that are not final yet, corrected on a trailing window (for the live screen). */
  provisional(out: NnBeat[] = []): NnBeat[] {
    const n = this.base + this.peak.length;
    if (this.finalized >= n) return out;
    return this.correctRange(this.finalized, n, n, out);
  }

  reset(): void {
    this.peak = [];
    this.fid = [];
    this.qual = [];
    this.untimed = [];
    this.base = 0;
    this.finalized = 0;
    this.unusable = [];
    this.finalUntilSec = Number.NEGATIVE_INFINITY;
    this.padded = [];
    for (const k of Object.keys(this.counts) as (keyof NnStream['counts'])[]) this.counts[k] = 0;
  }

  private finalizeBlock(end: number, out: NnBeat[]): void {
    const n = this.base + this.peak.length;
    this.correctRange(this.finalized, end, Math.min(n, end + SUPPORT), out, this.counts);
    this.finalized = end;
  }

  /**
   * Correct the window [from − SUPPORT − BLOCK, windowEnd) and return the NN beats whose raw beat
   * lies in [from, to): per raw beat, the beats the correction inserted before it, then the beat
   * itself with the interval closing at it (`rawNnIndex`) and its verdict as flags.
   */
  private correctRange(from: number, to: number, windowEnd: number, out: NnBeat[], counts?: NnStream['counts']): NnBeat[] {
    const w0 = Math.max(this.base, from - SUPPORT - BLOCK);
    const fid = this.fid.slice(w0 - this.base, windowEnd - this.base);
    const peak = this.peak.slice(w0 - this.base, windowEnd - this.base);
    const qual = this.qual.slice(w0 - this.base, windowEnd - this.base);
    const untimed = this.untimed.slice(w0 - this.base, windowEnd - this.base);
    const breaks = breaksFromIntervals(peak, this.padded.length ? mergeIntervals([...this.unusable, ...this.padded]) : this.unusable);
    // Half-rate runs longer than the correction's own view are followed through the whole window.
    const halfRate = halfRateStretches(fid, qual.map((q) => (Number.isNaN(q) ? 1 : q)), { unusable: this.unusable });
    const res = intervalsCorrect(fid, breaks, {}, { halfRate, untimed });
    // Inserted beats, by the raw beat that follows them.
    const inserted = new Map<number, number[]>();
    for (let k = 0; k < res.nnRawIndex.length; k++) {
      if (!(res.nnFlags[k]! & NN_CLOSE_INSERTED)) continue;
      const i = res.nnRawIndex[k]!;
      const list = inserted.get(i);
      if (list) list.push(k);
      else inserted.set(i, [k]);
    }
    for (let g = Math.max(from, w0); g < to && g - w0 < fid.length; g++) {
      const i = g - w0;
      const flag = res.rawFlags[i]!;
      for (const k of inserted.get(i) ?? []) {
        out.push({ tSec: res.nnTSec[k]!, fidSec: res.nnTSec[k]!, ibiMs: res.nnMs[k]!, quality: null, flags: BeatFlag.interpolated | this.sensorBit });
      }
      const k = res.rawNnIndex[i]!;
      const q = Number.isNaN(qual[i]!) ? null : qual[i]!;
      let flags = RAW_BIT[flag] | this.sensorBit;
      if (k >= 0 && res.nnFlags[k]! & (NN_CLOSE_MOVED | NN_OPEN_EDITED | NN_MERGED)) flags |= BeatFlag.corrected;
      if (counts) {
        counts.beats++;
        if (flag !== 'normal') {
          counts[flag]++;
          // (An untimed beat is unusable signal, not a correction: see hrvWithhold.)
          if (flag !== 'discordant') counts.corrected++;
        }
      }
      out.push({
        tSec: peak[i]!,
        fidSec: k >= 0 ? res.nnTSec[k]! : fid[i]!,
        ibiMs: k >= 0 ? res.nnMs[k]! : null,
        quality: q,
        flags,
      });
    }
    return out;
  }

  /** Drop beats no window will need again. */
  private trim(): void {
    const keepFrom = this.finalized - SUPPORT - BLOCK - 1;
    const drop = keepFrom - this.base;
    if (drop > 512) {
      this.peak.splice(0, drop);
      this.fid.splice(0, drop);
      this.qual.splice(0, drop);
      this.untimed.splice(0, drop);
      this.base += drop;
      const t0 = this.peak[0]!;
      this.unusable = this.unusable.filter((u) => u.endSec >= t0);
      this.padded = this.padded.filter((u) => u.endSec >= t0);
    }
  }
}

/**
 * `UnusableTracker` — the stretches of a PPG stream that cannot be trusted, decided as the beats
 * come in (streaming; live and offline run this same code, so both flag the same stretches):
 *
 * - missing samples (the detector's NaN runs, which include every gap of the channel clock);
 * - a beat of low quality (< `MIN_BEAT_QUALITY`): from the beat before to the beat after it;
 * - an interval longer than `MISSED_BEATS_FACTOR` (1.7) × the local median interval (the ±10
 *   intervals around it): beats the detector could not find;
 * - a stretch without any beat longer than max(2.5 s, 2.2 × the median of the 32 intervals before
 *   and 10 after it), and at the start or the end of the stream.
 * Nothing past the end of the data is unusable: stretches are clipped there at `flush()`.
 *
 * A decision about interval i needs the 10 beats after it, so stretches become final with a
 * look-ahead of 10 beats (or at `flush()`); `finalUntilSec` says up to where the list is final.
 */
import type { Interval } from './signalGaps.js';
import { MIN_BEAT_QUALITY, MISSED_BEATS_FACTOR } from './signalGaps.js';
import { selectKth } from './quickselect.js';

const LOCAL = 10;
const WIDE = 32;
/** The shortest pause that counts as one (`maxPause`), s. */
const MIN_PAUSE_SEC = 2.5;

export class UnusableTracker {
  private t: number[] = [];
  private q: number[] = [];
  /** Index (in t/q) of the first beat whose interval is not decided yet. */
  private next = 1;
  private readonly done: Interval[] = [];
  private openMissingStart = Number.NaN;
  private startSec = Number.NaN;
  private firstBeatChecked = false;
  private finalUntil = Number.NEGATIVE_INFINITY;
  /** End of the data once known (flush), else +∞. */
  private endSec = Infinity;

  /** Final stretches so far (not merged; in the order decided). */
  get stretches(): readonly Interval[] {
    return this.done;
  }

  /** Every stretch that ends before this time is final. */
  get finalUntilSec(): number {
    return this.finalUntil;
  }

  /** The stream starts at `tSec` (channel clock). */
  start(tSec: number): void {
    if (Number.isNaN(this.startSec)) this.startSec = tSec;
  }

  /** A run of missing samples began (ongoing until `missingEnded`). */
  missingStarted(tSec: number): void {
    if (Number.isNaN(this.openMissingStart)) this.openMissingStart = tSec;
  }

  /** The run of missing samples that began earlier ended at `tSec`. */
  missingEnded(tSec: number, out: Interval[] = []): Interval[] {
    if (!Number.isNaN(this.openMissingStart)) {
      this.add({ startSec: this.openMissingStart, endSec: tSec }, out);
      this.openMissingStart = Number.NaN;
      this.updateFinal();
    }
    return out;
  }

  /** A final beat (channel time, quality 0..1). Returns the stretches that became final. */
  pushBeat(tSec: number, quality: number, out: Interval[] = []): Interval[] {
    this.t.push(tSec);
    this.q.push(quality);
    this.decide(false, out);
    return out;
  }

  /** End of the stream at `endSec`: decide everything (nothing is unusable past the data). */
  flush(endSec: number, out: Interval[] = []): Interval[] {
    this.endSec = endSec;
    if (!Number.isNaN(this.openMissingStart)) {
      this.add({ startSec: this.openMissingStart, endSec }, out);
      this.openMissingStart = Number.NaN;
    }
    this.decide(true, out);
    const n = this.t.length;
    const last = n ? this.t[n - 1]! : this.startSec;
    if (Number.isFinite(last) && endSec - last > this.maxPause(Math.max(1, n - 1))) this.add({ startSec: last, endSec }, out);
    this.finalUntil = Infinity;
    return out;
  }

  reset(): void {
    this.t = [];
    this.q = [];
    this.next = 1;
    this.done.length = 0;
    this.openMissingStart = Number.NaN;
    this.startSec = Number.NaN;
    this.firstBeatChecked = false;
    this.finalUntil = Number.NEGATIVE_INFINITY;
    this.endSec = Infinity;
  }

  private add(iv: Interval, out: Interval[]): void {
    if (iv.endSec > this.endSec) iv = { startSec: iv.startSec, endSec: this.endSec };
    if (!(iv.endSec > iv.startSec)) return;
    this.done.push(iv);
    out.push(iv);
  }

  private decide(all: boolean, out: Interval[]): void {
    const t = this.t;
    const q = this.q;
    const n = t.length;
    if (!this.firstBeatChecked && n > LOCAL + 1) {
      this.firstBeatChecked = true;
      if (Number.isFinite(this.startSec) && t[0]! - this.startSec > this.maxPause(1)) this.add({ startSec: this.startSec, endSec: t[0]! }, out);
      if (q[0]! < MIN_BEAT_QUALITY) this.add({ startSec: Math.max(this.startSec, t[0]! - this.localMedian(1)), endSec: t[1]! }, out);
    }
    while (this.next < n && (all || this.next + LOCAL < n)) {
      const i = this.next++;
      const d = t[i]! - t[i - 1]!;
      const med = this.localMedian(i);
      if (q[i]! < MIN_BEAT_QUALITY) this.add({ startSec: t[i - 1]!, endSec: i + 1 < n ? t[i + 1]! : t[i]! + med }, out);
      // (maxPause is never below MIN_PAUSE_SEC: a shorter interval needs no wide median.)
      if (d > MISSED_BEATS_FACTOR * med || (d > MIN_PAUSE_SEC && d > this.maxPause(i))) this.add({ startSec: t[i - 1]!, endSec: t[i]! }, out);
    }
    if (all && !this.firstBeatChecked && n > 0) {
      this.firstBeatChecked = true;
      if (Number.isFinite(this.startSec) && t[0]! - this.startSec > this.maxPause(1)) this.add({ startSec: this.startSec, endSec: t[0]! }, out);
      if (q[0]! < MIN_BEAT_QUALITY) this.add({ startSec: Math.max(this.startSec, t[0]! - this.localMedian(1)), endSec: n > 1 ? t[1]! : t[0]! + 1 }, out);
    }
    this.trim();
    this.updateFinal();
  }

  private updateFinal(): void {
    // Intervals up to beat next−1 are decided; an open missing run is not.
    const upTo = this.next - 1 < this.t.length && this.next - 1 >= 0 ? this.t[this.next - 1]! : Number.NEGATIVE_INFINITY;
    this.finalUntil = Number.isNaN(this.openMissingStart) ? upTo : Math.min(upTo, this.openMissingStart);
  }

  /** Median of the intervals within ±LOCAL of interval i (beats i−1 → i). */
  private localMedian(i: number): number {
    return this.medianAround(i, LOCAL);
  }

  private maxPause(i: number): number {
    const m = this.medianAround(i, WIDE);
    return Math.max(MIN_PAUSE_SEC, 2.2 * (Number.isFinite(m) ? m : 1));
  }

  private scratch = new Float64Array(64);

  /** Median of the intervals from i − back to i + LOCAL (never further ahead: the decision must not depend on when it is taken). */
  private medianAround(i: number, back: number): number {
    const t = this.t;
    const lo = Math.max(1, i - back);
    const hi = Math.min(t.length - 1, i + LOCAL);
    const n = hi - lo + 1;
    if (n <= 0) return 1;
    if (this.scratch.length < n) this.scratch = new Float64Array(2 * n);
    const d = this.scratch;
    for (let k = lo; k <= hi; k++) d[k - lo] = t[k]! - t[k - 1]!;
    return selectKth(d, n, n >> 1);
  }

  /** Keep the beats the decisions still need (bounded memory). */
  private trim(): void {
    const drop = this.next - 1 - WIDE - 2;
    if (drop > 256) {
      this.t.splice(0, drop);
      this.q.splice(0, drop);
      this.next -= drop;
    }
  }
}

/**
 * Provisional beats: the fast, causal path of {@link PpgPeakDetector} that puts a beat on screen
 * within a few hundred ms of its systolic peak, before the beat-sequence stage ({@link
 * BeatSequenceDp}, look-ahead ≈ 2.8 s) has decided.
 *
 * Method (a causal peak detector with an amplitude gate and a refractory period, in the manner of
 * the adaptive-threshold pulse detectors reviewed by Charlton et al. 2022, "Detecting beats in the
 * photoplethysmogram: benchmarking open-source algorithms", Physiol Meas 43:085007): on the
 * low-passed signal (no baseline stage, so only the low-pass delay, ≈ 60–70 ms), track the
 * lowest value since the last beat and the highest after it; a pulse is confirmed once the signal
 * has fallen by {@link CONFIRM_FALL} of its upstroke after the maximum, if the upstroke is at least
 * {@link GATE} × the DP's current upstroke scale and the maximum is at least
 * {@link REFRACTORY} × the recent final interval after the previous provisional beat (so the path
 * starts once three final intervals between trusted beats are known, a few seconds after the
 * look-ahead). Its time is the parabolic peak of the three samples around the maximum.
 *
 * When the DP makes a beat final, it is matched to the pending provisional beat within
 * {@link MATCH_SEC}: the final beat carries that provisional id; if the final time differs by more
 * than {@link REVISE_TOL_SEC} a `revise` event moves the provisional beat. A provisional beat that
 * the DP passes without choosing is withdrawn (`revise` with `newTSec: null`).
 */

import { MIN_BEAT_QUALITY } from './signalGaps.js';
import { selectKth } from './quickselect.js';
import { SortedWindow } from './SortedWindow.js';

export type BeatEvent =
  /** A provisional beat: systolic peak time, seconds from the first sample. */
  | { type: 'provisional'; id: number; tSec: number }
  /** A provisional beat moved (`newTSec`) or withdrawn (`null`) by the beat-sequence stage. */
  | { type: 'revise'; id: number; newTSec: number | null }
  /**
   * The beat-sequence stage made a beat final at `tSec` (what `DetectedBeat` reports, at the same
   * moment), confirming provisional beat `provisionalId` (null: none was shown).
   */
  | { type: 'final'; tSec: number; provisionalId: number | null };

/** Upstroke needed, × the DP's upstroke scale (80th percentile of recent candidates). */
export const GATE = 0.45;
/** Fall after the maximum that confirms a pulse, × its upstroke. */
export const CONFIRM_FALL = 0.3;
/** Minimum time after the previous provisional beat, × the median recent final interval. */
export const REFRACTORY = 0.6;
/** A final beat confirms a provisional one within this distance, s. */
export const MATCH_SEC = 0.1;
/**
 * A final time further than this from the provisional one is a revision, s. 20 ms is below what
 * a viewer sees on a heart-rate trace (1 bpm at 75 bpm ≈ 11 ms of interval, and the plotted beat
 * moves by < 1 px at usual time scales) and above the difference between the provisional peak
 * (low-pass only) and the final one (band-passed, sub-sample), which is a few ms.
 */
export const REVISE_TOL_SEC = 0.02;

/** Slots of `ProvisionalBeats.zs`. */
const Z_LO = 0;
const Z_HI = 1;
const Z_HI_PREV = 2;
const Z_HI_NEXT = 3;
const Z_PREV = 4;

export class ProvisionalBeats {
  /**
   * The search state: lowest value since the last beat, highest after it, the samples either side
   * of that maximum and the previous sample (a typed array so `pushBlock` keeps them unboxed), and
   * the maximum's index (−1: none).
   */
  private readonly zs = Float64Array.of(Infinity, -Infinity, NaN, NaN, NaN);
  private hiIdx = -1;
  private lastProvSec = -Infinity;
  private nextId = 1;
  // Pending provisional beats (not yet confirmed or withdrawn), in time order.
  private readonly pendId: number[] = [];
  private readonly pendT: number[] = [];
  // Recent final intervals for the refractory period.
  private readonly ibis = new Float64Array(9);
  /**
   * The same intervals kept in order, so the median is read without a selection per pulse (the
   * same order statistic as `selectKth`); not used once a NaN was noted (then the selection runs,
   * until `reset`).
   */
  private readonly ibiWin = new SortedWindow(9);
  private ibiWinOk = true;
  private ibiCount = 0;
  private lastFinalSec = NaN;
  private lastTrusted = false;
  private readonly scratch = new Float64Array(9);

  /**
   * The low-passed samples z[from … to − 1], z[k] having index m0 + k − from; `scale` is the DP's
   * upstroke scale (constant over the call: the detector calls this up to each candidate, which
   * may change it); `timeOf` maps a (fractional) sample index to seconds. Emits a provisional
   * event when a pulse is confirmed. Sample by sample, the state in locals over the stretch.
   */
  pushBlock(z: Float64Array, from: number, to: number, m0: number, scale: number, timeOf: (k: number) => number, events: BeatEvent[] | undefined): void {
    if (from >= to) return;
    const zs = this.zs;
    let lo = zs[Z_LO]!;
    let hi = zs[Z_HI]!;
    let hiIdx = this.hiIdx;
    let hiPrev = zs[Z_HI_PREV]!;
    let hiNext = zs[Z_HI_NEXT]!;
    let prevZ = zs[Z_PREV]!;
    const gate = GATE * scale;
    const scaleOk = scale > 0;
    for (let k = from; k < to; k++) {
      const zk = z[k]!;
      const m = m0 + (k - from);
      if (m === hiIdx + 1) hiNext = zk;
      if (zk < lo) {
        lo = zk;
        hi = -Infinity;
        hiIdx = -1;
      } else if (zk > hi) {
        hi = zk;
        hiIdx = m;
        hiPrev = prevZ;
        hiNext = NaN;
      }
      prevZ = zk;
      const up = hi - lo;
      if (hiIdx < 0 || !scaleOk || up < gate || zk > hi - CONFIRM_FALL * up) continue;
      let delta = 0;
      const den = hiPrev - 2 * hi + hiNext;
      if (den < 0) delta = Math.max(-0.5, Math.min(0.5, (0.5 * (hiPrev - hiNext)) / den));
      const tSec = timeOf(hiIdx + delta);
      // Restart the search from here whether or not the pulse is taken.
      lo = zk;
      hi = -Infinity;
      hiIdx = -1;
      this.confirm(tSec, events);
    }
    zs[Z_LO] = lo;
    zs[Z_HI] = hi;
    this.hiIdx = hiIdx;
    zs[Z_HI_PREV] = hiPrev;
    zs[Z_HI_NEXT] = hiNext;
    zs[Z_PREV] = prevZ;
  }

  /** A pulse confirmed at tSec: shown as a provisional beat unless too early (see the class). */
  private confirm(tSec: number, events: BeatEvent[] | undefined): void {
    // Until three final intervals are known (the first few seconds after the look-ahead) the
    // refractory period and the DP's scale are not yet the person's: no provisional beats.
    if (this.ibiCount < 3 || tSec - this.lastProvSec < REFRACTORY * this.medianIbi()) return;
    this.lastProvSec = tSec;
    const id = this.nextId++;
    this.pendId.push(id);
    this.pendT.push(tSec);
    events?.push({ type: 'provisional', id, tSec });
  }

  /**
   * A beat became final at tSec with quality `quality` (in time order): its provisional id (or
   * null); revises/withdraws pending ones. Only intervals between two trusted beats (quality ≥
   * MIN_BEAT_QUALITY) set the refractory period: the filters' start-up transient and noise give
   * low-quality beats whose short intervals would let a pulse's diastolic wave through.
   */
  onFinal(tSec: number, quality: number, events: BeatEvent[] | undefined): number | null {
    const trusted = quality >= MIN_BEAT_QUALITY;
    if (trusted && this.lastTrusted && this.lastFinalSec === this.lastFinalSec) {
      const d = tSec - this.lastFinalSec;
      if (d > 0.25 && d < 2.5) this.noteInterval(d);
    }
    this.lastFinalSec = tSec;
    this.lastTrusted = trusted;
    let best = -1;
    for (let k = 0; k < this.pendT.length && this.pendT[k]! <= tSec + MATCH_SEC; k++) {
      if (Math.abs(this.pendT[k]! - tSec) <= MATCH_SEC && (best < 0 || Math.abs(this.pendT[k]! - tSec) < Math.abs(this.pendT[best]! - tSec))) best = k;
    }
    // Everything pending before the match (or before this beat) will never be confirmed.
    const cut = best >= 0 ? best : lowerIndex(this.pendT, tSec);
    for (let k = 0; k < cut; k++) events?.push({ type: 'revise', id: this.pendId[k]!, newTSec: null });
    if (best < 0) {
      dropFront(this.pendId, cut);
      dropFront(this.pendT, cut);
      return null;
    }
    const id = this.pendId[best]!;
    if (Math.abs(this.pendT[best]! - tSec) > REVISE_TOL_SEC) events?.push({ type: 'revise', id, newTSec: tSec });
    dropFront(this.pendId, best + 1);
    dropFront(this.pendT, best + 1);
    return id;
  }

  /** The beat-sequence stage has decided everything up to horizonSec: withdraw what it passed over. */
  expire(horizonSec: number, events: BeatEvent[] | undefined): void {
    let k = 0;
    while (k < this.pendT.length && this.pendT[k]! + MATCH_SEC < horizonSec) {
      events?.push({ type: 'revise', id: this.pendId[k]!, newTSec: null });
      k++;
    }
    if (k > 0) {
      dropFront(this.pendId, k);
      dropFront(this.pendT, k);
    }
  }

  reset(): void {
    this.zs.set([Infinity, -Infinity, NaN, NaN, NaN]);
    this.hiIdx = -1;
    this.lastProvSec = -Infinity;
    this.nextId = 1;
    this.pendId.length = 0;
    this.pendT.length = 0;
    this.ibiCount = 0;
    this.ibiWin.clear();
    this.ibiWinOk = true;
    this.lastFinalSec = NaN;
    this.lastTrusted = false;
  }

  /** A final interval d between two trusted beats, into the ring (and its ordered copy). */
  private noteInterval(d: number): void {
    const slot = this.ibiCount % this.ibis.length;
    if (this.ibiWinOk) {
      if (d !== d) {
        this.ibiWinOk = false;
      } else {
        if (this.ibiCount >= this.ibis.length) this.ibiWin.remove(this.ibis[slot]!);
        this.ibiWin.insert(d);
      }
    }
    this.ibis[slot] = d;
    this.ibiCount++;
  }

  /** Median of the recent final intervals (0.5 s before any). */
  private medianIbi(): number {
    const n = Math.min(this.ibiCount, this.ibis.length);
    if (n < 3) return 0.5;
    if (this.ibiWinOk) return this.ibiWin.kth(n >> 1);
    const a = this.scratch;
    for (let i = 0; i < n; i++) a[i] = this.ibis[i]!;
    return selectKth(a, n, n >> 1);
  }
}

function lowerIndex(a: readonly number[], x: number): number {
  let k = 0;
  while (k < a.length && a[k]! < x) k++;
  return k;
}

/**
 * Remove the first k elements of a (as `a.splice(0, k)`, without allocating the removed part;
 * `pop` rather than a length write, which is a runtime call).
 */
function dropFront(a: number[], k: number): void {
  if (k <= 0) return;
  const n = a.length;
  for (let i = k; i < n; i++) a[i - k] = a[i]!;
  for (let i = Math.min(k, n); i > 0; i--) a.pop();
}

/**
 * `intervalsCorrect` — artifact detection and correction of a beat series, after
 * Lipponen & Tarvainen 2019, "A robust algorithm for heart rate variability time series artefact
 * correction using novel beat classification" (J Med Eng Technol 43(3)), the method behind Kubios'
 * automatic correction. The classification follows their Figure 1 as implemented in NeuroKit2's
 * `signal_fixpeaks(method="kubios")` (first pass, no iteration), written anew here.
 *
 * Classification (per beat i, closing the interval rr[i] = t[i] − t[i−1]):
 * dRR (successive differences) and mRR (deviation from an 11-beat median, negative side doubled)
 * are normalised by time-varying thresholds (α = 5.2 × quartile deviation over 91 beats). Beats
 * with |dRR| > 1 are ectopic (S11/S12 subspace test, c1 = 0.13, c2 = 0.17), else long/short (S22 or
 * |mRR| > 3), missed (a long interval ≈ 2 × median) or extra (a short interval that with the next
 * ≈ median); when |dRR[i+1]| < |dRR[i+2]| beat i+1 is judged too and skipped, as in NeuroKit.
 *
 * Correction (only isolated artifacts with trusted neighbours; everything else is dropped): extra
 * beats are deleted, missed beats inserted midway, long/short beats moved to the midpoint of their
 * neighbours — these verdicts are about the detection (a pulse taken twice, missed or timed wrong).
 * An ectopic beat is a real beat out of the sinus rhythm: the two intervals at it are not
 * normal-to-normal and are left out of the NN series (Task Force of the ESC and NASPE 1996, "Heart
 * rate variability: standards of measurement, physiological interpretation and clinical use",
 * Circulation 93:1043–1065), rather than replaced by invented ones. Kubios and NeuroKit move it to
 * the midpoint of its neighbours; `interpolate: true` does that too, e.g. to compare with them. On
 * the real recordings with ECG R-peak truth, the two moved intervals of a premature beat were
 * 80–170 ms from the ECG's, and leaving them out brought the NN series' mean error on bidmc01 from
 * 7.4 to 6.0 ms. An ectopic flag at i (the middle of the −/+/− dRR
 * pattern) marks the beat shared by rr[i−1] and rr[i], i.e. beat i−1 (the premature beat): that beat
 * is flagged. (NeuroKit flags beat i, leaving the premature beat in place.) A short interval in the ectopic
 * region that also passes the extra test (with the next interval it makes up the median) is an
 * extra beat; the second half of an interval split by an extra beat is not flagged again. A
 * neighbour is trusted when it has no verdict of its own, does not border a half-rate interval and
 * its interval on the far side is in rhythm (the outlier guard's test).
 *
 * Beats the caller marks as untimed (`options.untimed`: the detector's fiducials disagree, see
 * `NnFiducialSelector`) are "discordant": both their intervals are dropped.
 *
 * Departures from NeuroKit, each for a failure seen on real signals:
 * - Bounded support. Every reference is local: no segment mean stands in for rr[0] or dRR[0]. The
 *   flag of beat i and the NN intervals around it depend only on beats within
 *   ±{@link CORRECTION_SUPPORT_BEATS} and on the breaks, so correcting overlapping windows and
 *   keeping their centres gives exactly the whole-series result (streaming = offline).
 * - Gaps (breaks). Intervals across a gap do not exist. Medians and thresholds use the valid
 *   intervals within their window on both sides of a gap, so every interval is classified, also in
 *   short islands between gaps; an interval with fewer than 4 valid intervals among its 11 is
 *   "unclassified" and dropped. The first interval of a segment has no dRR: it is judged by mRR
 *   alone and, if abnormal, dropped with the next one. Nothing is inserted or moved next to a gap:
 *   a beat is moved only when it has a trusted neighbour inside its segment on both sides and is
 *   not the first or last-but-one of it; beats are inserted/deleted only away from segment ends.
 * - Half-rate stretches (every other pulse missed: runs at 2 × RR) are found by `halfRateMask`
 *   and dropped; an isolated one that the classifier calls "missed" is recovered by insertion.
 * - After correction, an NN interval is dropped ("outlier") when it lies outside [0.65, 1.55] × the
 *   local rhythm R (median of the valid raw intervals within ±25 beats), farther from R than
 *   max(10 × their median absolute deviation, 10 % of R) (4 × for the first and last interval of a
 *   segment), or outside [minIbiMs, maxIbiMs]: what the method did not fix never reaches the NN
 *   series. Medians and MAD hold while less than half the window is artifact; QD-based
 *   thresholds only while less than a quarter is, so both thresholds are also capped at
 *   1.25 × the median of the same values.
 *
 * Raw detections are kept; the corrected NN series is returned separately, each NN interval mapped
 * to the raw beat that closes it.
 */

import { halfRateMask, HALF_RATE_SUPPORT_BEATS, type HalfRateStretch } from './halfRate.js';
import { maskedRollingMedian, maskedRollingMedianMad, maskedRollingQuartileDeviation } from './intervalsRolling.js';

/**
 * Verdict on a raw beat (on the beat itself, or on the interval that closes at it):
 * - `ectopic`: misplaced (premature or late) beat; its two intervals dropped (with `interpolate`: moved midway between its neighbours).
 * - `longshort`: the interval closing at it is too long or short; the beat moved, or its intervals dropped.
 * - `missed`: a beat is missing before it; one inserted midway, or the interval dropped.
 * - `extra`: a spurious detection; deleted (its two intervals merged), or its intervals dropped.
 * - `halfrate`: the interval closing at it is ≈ 2 × the rhythm in a half-rate stretch; dropped.
 * - `outlier`: the interval closing at it is far outside the local rhythm after correction; dropped.
 * - `unclassified`: too few valid intervals around it to judge; its interval dropped.
 * - `discordant`: the caller marked its timing unreliable (`options.untimed`); its two intervals dropped.
 * Whether the interval closing at a beat reached the NN series: `rawNnIndex[i] >= 0`.
 */
export type BeatFlag = 'normal' | 'ectopic' | 'missed' | 'extra' | 'longshort' | 'halfrate' | 'outlier' | 'unclassified' | 'discordant';

export interface IntervalsCorrectSettings {
  alpha: number;
  c1: number;
  c2: number;
  windowBeats: number;
  medianBeats: number;
  /** Intervals outside this range after correction are dropped (not physiological), ms. */
  minIbiMs: number;
  maxIbiMs: number;
  /** Lower bound of both thresholds (ms): keeps quantised, nearly constant RR from flagging 1-ms steps. */
  minThresholdMs: number;
  /**
   * Upper bound of the quartile deviation behind both thresholds, as a multiple of the median of the
   * same |values| (for normal data QD ≈ 0.62 × that median, so the bound rarely binds). When more
   * than a quarter of a 91-beat window is artifact, Q3 sits among the artifacts and the threshold
   * would let them all through; the median holds up to half.
   */
  thresholdMedianCap: number;
  /** An interval needs at least this many valid intervals among the medianBeats around it to be classified. */
  minReferenceIntervals: number;
  /** Half-width (beats) of the local rhythm used by the outlier guard. */
  rhythmHalfBeats: number;
  /** NN intervals outside [outlierLow, outlierHigh] × the local rhythm are dropped. */
  outlierLow: number;
  outlierHigh: number;
  /**
   * …and so are those farther from the local rhythm than max(outlierMads × its median absolute
   * deviation, outlierMinFraction × the rhythm).
   */
  outlierMads: number;
  outlierMinFraction: number;
  /** The same for the first and the last interval of a segment, which the classifier sees from one side only. */
  outlierMadsEdge: number;
  /** Detect and drop half-rate stretches (see `halfRate.ts`). */
  halfRate: boolean;
  /**
   * Move ectopic beats to the midpoint of their neighbours, as Kubios and NeuroKit do, instead of
   * leaving their two intervals out (the default).
   */
  interpolate: boolean;
}

export const DEFAULT_CORRECTION: IntervalsCorrectSettings = {
  alpha: 5.2,
  c1: 0.13,
  c2: 0.17,
  windowBeats: 91,
  medianBeats: 11,
  minIbiMs: 250,
  maxIbiMs: 2500,
  minThresholdMs: 5,
  thresholdMedianCap: 1.25,
  minReferenceIntervals: 4,
  rhythmHalfBeats: 25,
  outlierLow: 0.65,
  outlierHigh: 1.55,
  outlierMads: 10,
  outlierMinFraction: 0.1,
  outlierMadsEdge: 4,
  halfRate: true,
  interpolate: false,
};

/** How far back the "beat i+1 was judged with beat i and skipped" chain of NeuroKit's loop is followed. */
const SKIP_LOOKBACK = 2;

/**
 * Beats on either side of raw beat i that its flag and the NN intervals it closes depend on, with
 * the default settings (besides the breaks). The classification of a position reaches
 * ±(45 + 5 + 1): 91-beat thresholds over mRR, which uses the 11-beat median, plus one beat of
 * look-ahead. The skip chain adds {@link SKIP_LOOKBACK} + 1, the ectopic flag one more (it moves
 * the beat before), the neighbour-trust test one more, and the NN interval its opening beat:
 * 45 + 5 + 1 + 3 + 1 + 1 + 1 = 57. The half-rate mask (±36) and the outlier guard (±25, also
 * applied to a moved beat's neighbours: ±27) stay inside that. Checked by
 * test/unit/dsp/intervalsCorrectSupport.test.ts.
 */
export const CORRECTION_SUPPORT_BEATS = correctionSupportBeats(DEFAULT_CORRECTION);

/** {@link CORRECTION_SUPPORT_BEATS} for other settings. */
export function correctionSupportBeats(s: IntervalsCorrectSettings): number {
  const lt = Math.floor(s.windowBeats / 2) + Math.floor(s.medianBeats / 2) + 1 + (SKIP_LOOKBACK + 1) + 1 + 1 + 1;
  const hr = s.halfRate ? HALF_RATE_SUPPORT_BEATS + 1 : 0;
  const guard = s.rhythmHalfBeats + 2;
  return Math.max(lt, hr, guard);
}

/** Bits of {@link IntervalsCorrectResult.nnFlags}. */
export const NN_CLOSE_INSERTED = 1;
export const NN_CLOSE_MOVED = 2;
export const NN_OPEN_EDITED = 4;
export const NN_MERGED = 8;

export interface IntervalsCorrectResult {
  /** Corrected beat times (s), all segments: extra beats deleted, missed beats inserted, long/short beats (with `interpolate`, also ectopic beats) moved. */
  beatsSec: Float64Array;
  /** Corrected NN series: time of the closing beat (s) and interval (ms). Never spans a break. */
  nnTSec: Float64Array;
  nnMs: Float64Array;
  /**
   * Per NN interval: index of the raw beat that closes it. When the closing beat was inserted
   * (a missed beat), the index of the raw beat that follows it, with {@link NN_CLOSE_INSERTED} set.
   */
  nnRawIndex: Int32Array;
  /** Per NN interval: {@link NN_CLOSE_INSERTED} | {@link NN_CLOSE_MOVED} | {@link NN_OPEN_EDITED} | {@link NN_MERGED} (spans a deleted extra beat). */
  nnFlags: Uint8Array;
  /** Per raw beat: index into the NN series of the interval closing at it, −1 when none. */
  rawNnIndex: Int32Array;
  /** Per raw beat: the verdict (index = raw beat index), see {@link BeatFlag}. */
  rawFlags: BeatFlag[];
  counts: {
    ectopic: number;
    missed: number;
    extra: number;
    longshort: number;
    halfrate: number;
    outlier: number;
    unclassified: number;
    /** Raw beats whose timing the caller marked unreliable (not counted in `corrected`). */
    discordant: number;
    /** Raw beats with any flag but `discordant`. */
    corrected: number;
    /** Intervals inside segments that did not reach the NN series. */
    dropped: number;
  };
  /** corrected / raw beats × 100. */
  percent: number;
}

export interface IntervalsCorrectOptions {
  /** Half-rate stretches found by the caller (e.g. `halfRateStretches` on the whole recording): dropped as half-rate. */
  halfRate?: readonly Pick<HalfRateStretch, 'firstBeat' | 'lastBeat'>[];
  /** Per raw beat, non-zero when its timing is unreliable (e.g. its fiducials disagree): both its intervals are dropped. */
  untimed?: ArrayLike<number>;
}

// Classes of a position in NeuroKit's index convention (position i = beat i closing rr[i]).
const C_NONE = 0;
const C_ECTOPIC = 1;
const C_MISSED = 2;
const C_EXTRA = 3;
const C_LONGSHORT = 4;
/** First interval of a segment, |mRR| > 3 (no dRR to tell more). */
const C_EDGE = 5;
const C_UNCLASSIFIED = 6;

interface Prepared {
  n: number;
  t: Float64Array;
  rr: Float64Array; // ms
  ok: Uint8Array;
  segA: Int32Array; // first beat of the segment holding beat i
  segB: Int32Array; // one past its last beat
}

function prepare(beatsSec: ArrayLike<number>, breaks: readonly number[]): Prepared {
  const n = beatsSec.length;
  const t = Float64Array.from(beatsSec);
  const brk = new Uint8Array(n);
  for (const b of breaks) if (b > 0 && b < n) brk[b] = 1;
  const rr = new Float64Array(n);
  const ok = new Uint8Array(n);
  for (let i = 1; i < n; i++) {
    rr[i] = (t[i]! - t[i - 1]!) * 1000;
    if (!(rr[i]! > 0) || !Number.isFinite(rr[i]!)) brk[i] = 1;
    ok[i] = brk[i] ? 0 : 1;
  }
  const segA = new Int32Array(n);
  const segB = new Int32Array(n);
  let a = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && brk[i]) a = i;
    segA[i] = a;
  }
  let b = n;
  for (let i = n - 1; i >= 0; i--) {
    segB[i] = b;
    if (brk[i]) b = i;
  }
  return { n, t, rr, ok, segA, segB };
}

interface Classified {
  cls: Uint8Array;
  medrr: Float64Array;
}

/** Lipponen–Tarvainen classification of every valid interval (NeuroKit's index convention). */
function classify(p: Prepared, s: IntervalsCorrectSettings): Classified {
  const { n, rr, ok, segA, segB } = p;
  const cls = new Uint8Array(n);
  const { median: medrr, count: medCount } = maskedRollingMedian(rr, ok, Math.floor(s.medianBeats / 2));
  const half = Math.floor(s.windowBeats / 2);
  const dOk = new Uint8Array(n);
  const drrs = new Float64Array(n);
  for (let i = 2; i < n; i++) {
    if (ok[i] && ok[i - 1]) {
      dOk[i] = 1;
      drrs[i] = rr[i]! - rr[i - 1]!;
    }
  }
  const mOk = new Uint8Array(n);
  const mrrs = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    if (!ok[i] || !Number.isFinite(medrr[i]!)) continue;
    mOk[i] = 1;
    const m = rr[i]! - medrr[i]!;
    mrrs[i] = m < 0 ? 2 * m : m;
  }
  const med1 = new Float64Array(n);
  const med2 = new Float64Array(n);
  const th1 = maskedRollingQuartileDeviation(drrs, dOk, half, med1);
  const th2 = maskedRollingQuartileDeviation(mrrs, mOk, half, med2);
  for (let i = 0; i < n; i++) {
    // NaN (no valid value in the window) stays NaN.
    th1[i] = Math.max(s.alpha * Math.min(th1[i]!, s.thresholdMedianCap * med1[i]!), s.minThresholdMs);
    th2[i] = Math.max(s.alpha * Math.min(th2[i]!, s.thresholdMedianCap * med2[i]!), s.minThresholdMs);
  }
  const dn = new Float64Array(n).fill(NaN);
  const mn = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    if (dOk[i]) dn[i] = drrs[i]! / th1[i]!;
    if (mOk[i]) mn[i] = mrrs[i]! / th2[i]!;
  }
  // Subspaces, with dRR reflected at the ends of its segment (numpy's 'reflect' padding).
  const s12 = new Float64Array(n);
  const s22 = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    if (!dOk[d]) continue;
    const p0 = segA[d]! + 2;
    const p1 = segB[d]! - 1;
    const at = (k: number): number => {
      if (k < p0) k = 2 * p0 - k;
      if (k > p1) k = 2 * p1 - k;
      return k >= p0 && k <= p1 ? dn[k]! : 0;
    };
    const v = dn[d]!;
    if (v > 0) s12[d] = Math.max(at(d - 1), at(d + 1));
    else if (v < 0) s12[d] = Math.min(at(d - 1), at(d + 1));
    s22[d] = v >= 0 ? Math.min(at(d + 1), at(d + 2)) : Math.max(at(d + 1), at(d + 2));
  }
  const candidate = (j: number): number => {
    const dj = dn[j]!;
    const eq3 = dj > 1 && s22[j]! < -1;
    const eq4 = Math.abs(mn[j]!) > 3;
    const eq5 = dj < -1 && s22[j]! > 1;
    if (!(eq3 || eq4 || eq5)) return C_NONE;
    const eq6 = Math.abs(rr[j]! / 2 - medrr[j]!) < th2[j]!;
    const eq7 = j + 1 < n && ok[j + 1] === 1 && Math.abs(rr[j]! + rr[j + 1]! - medrr[j]!) < th2[j]!;
    if (eq5 && eq7) return C_EXTRA;
    if (eq3 && eq6) return C_MISSED;
    return C_LONGSHORT;
  };
  // Main evaluation of every position (NeuroKit's loop body), independent of the loop's state.
  const mainCls = new Uint8Array(n); // class of i from its own evaluation
  const nextCls = new Uint8Array(n); // class of i+1 when judged together with i
  const two = new Uint8Array(n); // i+1 judged with i (and then skipped by the loop)
  for (let i = 0; i < n; i++) {
    if (!dOk[i]) continue;
    const di = dn[i]!;
    if (!(Math.abs(di) > 1)) continue;
    const eq1 = di > 1 && s12[i]! < -s.c1 * di - s.c2;
    const eq2 = di < -1 && s12[i]! > -s.c1 * di + s.c2;
    if (eq1 || eq2) {
      // A short interval that with the next one makes up the median is an extra detection, even
      // where an RSA upswing before it puts it in the ectopic region (same flag count, right fix).
      mainCls[i] = eq2 && candidate(i) === C_EXTRA ? C_EXTRA : C_ECTOPIC;
      continue;
    }
    mainCls[i] = candidate(i);
    if (i + 2 < n && dOk[i + 1] && dOk[i + 2] && Math.abs(dn[i + 1]!) < Math.abs(dn[i + 2]!)) {
      two[i] = 1;
      nextCls[i] = candidate(i + 1);
    }
  }
  // Whether NeuroKit's loop visits position i itself (it skips i when i−1 took it as its second
  // candidate): followed back at most SKIP_LOOKBACK positions, within the segment.
  const visited = (i: number): boolean => {
    let vis = true;
    for (let q = Math.max(segA[i]! + 2, i - SKIP_LOOKBACK); q < i; q++) vis = !(vis && two[q] === 1);
    return vis;
  };
  for (let i = 1; i < n; i++) {
    if (!ok[i]) continue;
    if (medCount[i]! < s.minReferenceIntervals || !Number.isFinite(th2[i]!) || (dOk[i] && !Number.isFinite(th1[i]!))) {
      cls[i] = C_UNCLASSIFIED;
    } else if (!dOk[i]) {
      cls[i] = Math.abs(mn[i]!) > 3 ? C_EDGE : C_NONE;
    } else {
      cls[i] = visited(i) ? mainCls[i]! : nextCls[i - 1]!;
    }
  }
  return { cls, medrr };
}

/**
 * The classifier's flags in NeuroKit's index convention (position i = beat i closing rr[i]; an
 * ectopic flag at i concerns beat i − 1), for comparison with `signal_fixpeaks(method="kubios")`'s
 * first pass. `edge` and `unclassified` have no NeuroKit counterpart.
 */
export function intervalsClassify(
  beatsSec: ArrayLike<number>,
  breaks: readonly number[] = [],
  settings: Partial<IntervalsCorrectSettings> = {},
): { ectopic: number[]; missed: number[]; extra: number[]; longshort: number[]; edge: number[]; unclassified: number[] } {
  const s = { ...DEFAULT_CORRECTION, ...settings };
  const { cls } = classify(prepare(beatsSec, breaks), s);
  const out = { ectopic: [] as number[], missed: [] as number[], extra: [] as number[], longshort: [] as number[], edge: [] as number[], unclassified: [] as number[] };
  const lists = [null, out.ectopic, out.missed, out.extra, out.longshort, out.edge, out.unclassified];
  for (let i = 0; i < cls.length; i++) if (cls[i]) lists[cls[i]!]!.push(i);
  return out;
}

// Per-beat actions.
const A_NONE = 0;
const A_MOVE = 1;
const A_DELETE = 2;
const A_INSERT = 3; // insert a beat midway before this one
const A_DROP1 = 4; // drop the interval closing at this beat
const A_DROP2 = 5; // drop the intervals closing at this beat and at the next

const LABEL_RANK: Record<BeatFlag, number> = { normal: 0, outlier: 1, discordant: 2, unclassified: 3, longshort: 4, ectopic: 5, missed: 6, extra: 7, halfrate: 8 };

/**
 * @param beatsSec raw beat times, ascending (s)
 * @param breaks optional segment starts: indices i such that the interval beatsSec[i-1]→beatsSec[i] spans a gap
 * @param settings optional overrides of {@link DEFAULT_CORRECTION}
 * @param options optional half-rate stretches found by the caller
 */
export function intervalsCorrect(
  beatsSec: ArrayLike<number>,
  breaks: readonly number[] = [],
  settings: Partial<IntervalsCorrectSettings> = {},
  options: IntervalsCorrectOptions = {},
): IntervalsCorrectResult {
  const s = { ...DEFAULT_CORRECTION, ...settings };
  const p = prepare(beatsSec, breaks);
  const { n, t, rr, ok, segA, segB } = p;
  const { cls, medrr } = classify(p, s);

  const label: BeatFlag[] = new Array<BeatFlag>(n).fill('normal');
  const setLabel = (k: number, f: BeatFlag): void => {
    if (LABEL_RANK[f] > LABEL_RANK[label[k]!]) label[k] = f;
  };
  const want = new Uint8Array(n);
  const request = (k: number, a: number): void => {
    const cur = want[k]!;
    if (cur === A_NONE || cur === a) want[k] = a;
    else if (cur === A_DROP1 && a === A_DROP1) want[k] = A_DROP1;
    else want[k] = A_DROP2; // two different verdicts on one beat: drop both its intervals
  };
  for (let j = 1; j < n; j++) {
    // The second half of an interval split by an extra detection is short too: the deletion of the
    // extra beat takes care of it (NeuroKit flags it again and moves the beat after the deleted one).
    if (cls[j - 1] === C_EXTRA && (cls[j] === C_LONGSHORT || cls[j] === C_ECTOPIC)) continue;
    switch (cls[j]) {
      case C_ECTOPIC:
        request(j - 1, A_MOVE);
        setLabel(j - 1, 'ectopic');
        break;
      case C_LONGSHORT:
        request(j, A_MOVE);
        setLabel(j, 'longshort');
        break;
      case C_MISSED:
        request(j, A_INSERT);
        setLabel(j, 'missed');
        break;
      case C_EXTRA:
        request(j, A_DELETE);
        setLabel(j, 'extra');
        break;
      case C_EDGE:
        request(j, A_DROP2);
        setLabel(j, 'longshort');
        break;
      case C_UNCLASSIFIED:
        request(j, A_DROP1);
        setLabel(j, 'unclassified');
        break;
    }
  }

  // Beats with unreliable timing: both intervals dropped.
  const untimed = options.untimed;
  if (untimed) {
    for (let k = 0; k < Math.min(n, untimed.length); k++) {
      if (!untimed[k]) continue;
      request(k, A_DROP2);
      setLabel(k, 'discordant');
    }
  }

  // Half-rate intervals: dropped, unless an isolated one is the classifier's missed beat.
  const hr = s.halfRate ? halfRateMask(rr, ok, medrr) : new Uint8Array(n);
  const forced = new Uint8Array(n);
  for (const st of options.halfRate ?? []) {
    for (let k = Math.max(1, st.firstBeat + 1); k <= Math.min(n - 1, st.lastBeat); k++) if (ok[k]) hr[k] = forced[k] = 1;
  }
  const hrDrop = new Uint8Array(n + 1);
  for (let k = 1; k < n; k++) {
    if (!hr[k]) continue;
    const isolated = !hr[k - 1] && !(k + 1 < n && hr[k + 1]);
    if (isolated && cls[k] === C_MISSED) continue;
    hrDrop[k] = 1;
    setLabel(k, 'halfrate');
  }
  for (let k = 1; k < n; k++) {
    if (!hrDrop[k]) continue;
    // The beats at either end of a dropped half-rate interval are not corrected.
    for (const q of [k - 1, k]) {
      const a = want[q]!;
      if (a === A_MOVE || a === A_DELETE) want[q] = A_DROP2;
      else if (a === A_INSERT) want[q] = A_DROP1;
    }
  }

  // Local rhythm for the outlier guard: median R of the valid raw intervals within ±rhythmHalfBeats
  // (leaving out the half-rate stretches the caller marked), and their median absolute deviation
  // from R. Where a half-rate run (or a regular burst of double detections) outweighs the true
  // rhythm in that window, R follows it: the true beats there are dropped too — never the reverse.
  const rhythmOk = Uint8Array.from(ok);
  for (let k = 0; k < n; k++) if (forced[k]) rhythmOk[k] = 0;
  const { rhythm, spread } = localRhythm(rr, rhythmOk, s.rhythmHalfBeats);
  const inRhythm = (k: number, ibi: number): boolean => {
    const r = rhythm[k]!;
    const edge = k === segA[k]! + 1 || k === segB[k]! - 1;
    const tol = Math.max((edge ? s.outlierMadsEdge : s.outlierMads) * spread[k]!, s.outlierMinFraction * r);
    return r > 0 && ibi >= s.minIbiMs && ibi <= s.maxIbiMs && ibi >= s.outlierLow * r && ibi <= s.outlierHigh * r && Math.abs(ibi - r) <= tol;
  };

  // Which corrections may run: only next to trusted beats (no verdict of their own, not at a
  // half-rate interval, their interval on the far side in rhythm), away from segment ends.
  const trusted = (q: number, far: number): boolean =>
    q >= 0 && q < n && want[q] === A_NONE && !hrDrop[q] && !hrDrop[q + 1] && far > 0 && far < n && ok[far] === 1 && inRhythm(far, rr[far]!);
  const action = Uint8Array.from(want);
  for (let k = 0; k < n; k++) {
    const a = want[k]!;
    if (a !== A_MOVE && a !== A_DELETE && a !== A_INSERT) continue;
    const lo = segA[k]!;
    const hi = segB[k]!;
    let allowed: boolean;
    if (a === A_MOVE) allowed = k >= lo + 2 && k <= hi - 3 && trusted(k - 1, k - 1) && trusted(k + 1, k + 2);
    else if (a === A_DELETE) allowed = k >= lo + 2 && k <= hi - 2 && trusted(k - 1, k - 1) && trusted(k + 1, k + 2);
    else allowed = k >= lo + 2 && k <= hi - 2 && trusted(k - 1, k - 1) && (want[k + 1] === A_NONE || k + 1 >= hi);
    // (An ectopic beat is left out unless `interpolate`: its intervals are not normal-to-normal.)
    if (!allowed || (label[k] === 'ectopic' && !s.interpolate)) action[k] = a === A_INSERT ? A_DROP1 : A_DROP2;
  }
  const dropIv = new Uint8Array(n + 1);
  for (let k = 0; k < n; k++) {
    if (hrDrop[k]) dropIv[k] = 1;
    if (action[k] === A_DROP1) dropIv[k] = 1;
    if (action[k] === A_DROP2) {
      dropIv[k] = 1;
      if (k + 1 < n && ok[k + 1]) dropIv[k + 1] = 1;
    }
  }

  // Build the corrected beats and the NN series, segment by segment.
  const outBeats: number[] = [];
  const nnT: number[] = [];
  const nnV: number[] = [];
  const nnRaw: number[] = [];
  const nnF: number[] = [];
  const rawNnIndex = new Int32Array(n).fill(-1);
  let dropped = 0;
  let a = 0;
  while (a < n) {
    const b = segB[a]!;
    // Beats of the segment after deletions and insertions: time, raw index (−1 = inserted), next raw.
    const bt: number[] = [];
    const braw: number[] = [];
    const bnext: number[] = [];
    const bmoved: boolean[] = [];
    const bmerged: boolean[] = [];
    let deletedBefore = false;
    for (let k = a; k < b; k++) {
      if (action[k] === A_DELETE) {
        deletedBefore = true;
        continue;
      }
      if (action[k] === A_INSERT) {
        bt.push((t[k - 1]! + t[k]!) / 2);
        braw.push(-1);
        bnext.push(k);
        bmoved.push(false);
        bmerged.push(false);
      }
      bt.push(action[k] === A_MOVE ? (t[k - 1]! + t[k + 1]!) / 2 : t[k]!);
      braw.push(k);
      bnext.push(k);
      bmoved.push(action[k] === A_MOVE);
      bmerged.push(deletedBefore);
      deletedBefore = false;
    }
    for (let q = 0; q < bt.length; q++) {
      outBeats.push(bt[q]!);
      if (q === 0) continue;
      const k = bnext[q]!; // raw beat whose interval this is
      let flags = 0;
      if (braw[q]! < 0) flags |= NN_CLOSE_INSERTED;
      if (bmoved[q]) flags |= NN_CLOSE_MOVED;
      if (braw[q - 1]! < 0 || bmoved[q - 1]) flags |= NN_OPEN_EDITED;
      if (bmerged[q]) flags |= NN_MERGED;
      let drop = dropIv[k] === 1 || (bmerged[q] === true && dropIv[k - 1] === 1);
      const ibi = (bt[q]! - bt[q - 1]!) * 1000;
      if (!drop && !inRhythm(k, ibi)) {
        drop = true;
        setLabel(k, 'outlier');
      }
      if (drop) {
        dropped++;
        continue;
      }
      if (braw[q]! >= 0) rawNnIndex[k] = nnV.length;
      nnT.push(bt[q]!);
      nnV.push(ibi);
      nnRaw.push(k);
      nnF.push(flags);
    }
    a = b;
  }

  const counts = { ectopic: 0, missed: 0, extra: 0, longshort: 0, halfrate: 0, outlier: 0, unclassified: 0, discordant: 0, corrected: 0, dropped };
  for (const f of label) if (f !== 'normal') counts[f]++;
  // (Discordant beats are unusable signal rather than corrections: not counted here.)
  counts.corrected = counts.ectopic + counts.missed + counts.extra + counts.longshort + counts.halfrate + counts.outlier + counts.unclassified;
  return {
    beatsSec: Float64Array.from(outBeats),
    nnTSec: Float64Array.from(nnT),
    nnMs: Float64Array.from(nnV),
    nnRawIndex: Int32Array.from(nnRaw),
    nnFlags: Uint8Array.from(nnF),
    rawNnIndex,
    rawFlags: label,
    counts,
    percent: n > 0 ? (100 * counts.corrected) / n : 0,
  };
}

/**
 * Local rhythm around each interval: R = median of the valid intervals within ±half, and the median
 * absolute deviation of those intervals from R. Depends on beats within ±(half + 1).
 */
function localRhythm(rr: Float64Array, ok: Uint8Array, half: number): { rhythm: Float64Array; spread: Float64Array } {
  // Interval 0 has no start beat: the windows start at interval 1.
  const { median, mad } = maskedRollingMedianMad(rr, ok, half, 1);
  return { rhythm: median, spread: mad };
}

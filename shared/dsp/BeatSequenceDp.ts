/**
 * `BeatSequenceDp` — chooses which candidate pulse peaks are heart beats, by dynamic
 * programming over candidates (a fixed-lag Viterbi search), streaming.
 *
 * Method (Cadans' own, in the spirit of DP/HMM beat trackers such as Ellis 2007, "Beat tracking
 * by dynamic programming", J New Music Res 36(1):51–60, and the PPG beat detectors benchmarked by
 * Charlton et al. 2022, "Detecting beats in the photoplethysmogram: benchmarking open-source
 * algorithms", Physiol Meas 43:085007): every candidate k has a reward
 * r_k = bias + ln(upstroke_k / scale), scale being the typical upstroke of the beats among the
 * recent candidates (see {@link UpstrokeScale}). A path of beats scores Σ r_k − λ Σ ln(d_k / d_{k−1})²,
 * where d are successive inter-beat intervals (a second-order state: the last two beats), so a
 * regular sequence of strong peaks wins; a dicrotic wave (short–long pattern, small upstroke)
 * loses; a weak but correctly timed beat is kept because skipping it makes a double interval;
 * half-rate locking — the failure of threshold detectors when pulse amplitudes alternate —
 * is penalised twice. Pauses longer than `maxIbiSec` (sensor off, asystole) cost a fixed gap
 * penalty and restart the chain.
 *
 * Decisions are final `lagSec` after a candidate (bounded look-ahead). Memory is bounded:
 * candidates older than the lag window are dropped and their back-pointers cut.
 */

import { UpstrokeScale } from './UpstrokeScale.js';
import { DpStatePool, type DpNode } from './DpStatePool.js';

export interface DpSettings {
  /** Reward offset: a candidate at e^−bias × scale (≈0.4 × scale) is neutral. Tuned with λ on simulated ectopic beats (short–long, must be kept) and on HeartPy's example, whose diastolic wave is 65 % of the systolic one (must not be counted). */
  bias: number;
  /** Weight of the interval-irregularity penalty λ. */
  lambda: number;
  /** Penalty for a pause longer than maxIbiSec. */
  gapPenalty: number;
  minIbiSec: number;
  maxIbiSec: number;
  /** Decisions are final this long after a candidate, seconds. */
  lagSec: number;
}

export const DEFAULT_DP: DpSettings = {
  bias: 0.9,
  lambda: 1.5,
  gapPenalty: 12,
  minIbiSec: 0.25,
  maxIbiSec: 2.0,
  lagSec: 2.0,
};

/** A candidate peak handed to the DP. */
export interface PeakCandidate {
  /** Delay-compensated time, seconds. */
  tSec: number;
  /** Upstroke amplitude (peak minus preceding trough), filtered units. */
  upstroke: number;
  /** Opaque payload for the caller (e.g. the sample index). */
  sampleIndex: number;
  /** Candidate lies in or next to missing/clipped data: it may be chosen only as a chain start. */
  suspect: boolean;
  /** Low-passed signal level at the candidate (passed through). */
  level?: number;
}

type Node = DpNode;

/** Candidates below this fraction of the scale are not searched (their reward would be < bias + ln 0.02 ≈ −3). */
const NEGLIGIBLE = 0.02;

export class BeatSequenceDp {
  private readonly s: DpSettings;
  private nodes: Node[] = [];
  /** nodes[j].cand.tSec, unboxed (the searches and the trimming read only the times). */
  private readonly nodeT: number[] = [];
  // Best state among nodes older than maxIbi from the newest (node null: none).
  private bestOldNode: Node | null = null;
  private bestOldIdx = -1;
  /** That state's score (kept: a dropped node's states are gone from the pool). */
  private bestOldScore = 0;
  /** The states of the nodes (see {@link DpStatePool}). */
  private readonly pool = new DpStatePool();
  private oldCursor = 0;
  private lastEmittedT = -Infinity;
  /** Scratch of `finalize`: the final, not yet emitted part of the best path, newest first. */
  private readonly path: PeakCandidate[] = [];
  /** The upstroke scale and the heart period it uses. */
  private readonly sc: UpstrokeScale;

  /** Current upstroke scale: the typical upstroke of the beats among the recent candidates (see {@link UpstrokeScale}). */
  get scale(): number {
    return this.sc.scale;
  }
  constructor(settings: Partial<DpSettings> = {}) {
    this.s = { ...DEFAULT_DP, ...settings };
    this.sc = new UpstrokeScale(this.s.minIbiSec, this.s.maxIbiSec);
  }

  /** Add a candidate (in time order). Returns candidates that became final beats, oldest first. */
  push(c: PeakCandidate, out: PeakCandidate[] = []): PeakCandidate[] {
    // Every candidate informs the scale; ripples far below the recent pulses cannot be beats and
    // skip the search.
    this.sc.update(c.upstroke, c.tSec);
    if (c.upstroke < NEGLIGIBLE * this.scale) return this.finalize(c.tSec, out);
    const s = this.s;
    const reward = s.bias + Math.log(Math.max(c.upstroke / this.scale, 1e-3));
    const nodes = this.nodes;
    // Advance the "old" cursor: nodes further than maxIbi back can only be reached by a gap.
    const nodeT = this.nodeT;
    const pool = this.pool;
    while (this.oldCursor < nodes.length && c.tSec - nodeT[this.oldCursor]! > s.maxIbiSec) {
      const on = nodes[this.oldCursor]!;
      const count = on.count;
      const pn = pool.nums;
      for (let i = 0; i < count; i++) {
        const score = pn[3 * (on.off + i) + 1]!;
        if (this.bestOldNode === null || score > this.bestOldScore) {
          this.bestOldNode = on;
          this.bestOldIdx = i;
          this.bestOldScore = score;
        }
      }
      this.oldCursor++;
    }
    // The new node's states are appended to the pool: at most one per node searched, plus the chain start.
    pool.reserve(nodes.length - this.oldCursor + 1, nodes);
    const nums = pool.nums;
    const back = pool.back;
    const off = pool.end;
    let ns = 0;
    if (!c.suspect) {
      const lambda = s.lambda;
      for (let j = nodes.length - 1; j >= this.oldCursor; j--) {
        const nj = nodes[j]!;
        const d2 = c.tSec - nodeT[j]!;
        if (d2 < s.minIbiSec) continue;
        const lnD2 = Math.log(d2);
        let best = -Infinity;
        let bestI = -1;
        const jOff = 3 * nj.off;
        // Every state but the last (the chain start) has a previous beat.
        const withPrev = nj.count - 1;
        for (let i = 0; i <= withPrev; i++) {
          let v = nums[jOff + 3 * i + 1]!;
          if (i < withPrev) {
            const l = lnD2 - nums[jOff + 3 * i]!; // ln(d2 / d1)
            v -= lambda * l * l;
          }
          if (v > best) {
            best = v;
            bestI = i;
          }
        }
        if (bestI >= 0) {
          const q = off + ns;
          nums[3 * q] = lnD2;
          nums[3 * q + 1] = best + reward;
          nums[3 * q + 2] = bestI;
          back[q] = nj;
          ns++;
        }
      }
    }
    // Chain start (after a gap, or the very first candidate).
    const old = this.bestOldNode;
    const startScore = old === null ? (nodes.length === 0 ? reward : reward - s.gapPenalty) : this.bestOldScore - s.gapPenalty + reward;
    const q = off + ns;
    nums[3 * q] = 0;
    nums[3 * q + 1] = startScore;
    nums[3 * q + 2] = old === null ? -1 : this.bestOldIdx;
    back[q] = old;
    ns++;
    pool.end = off + ns;
    nodes.push({ cand: c, off, count: ns, cut: false });
    nodeT.push(c.tSec);
    this.pathKnown = false;
    return this.finalize(c.tSec, out);
  }

  /** Emit what is final at time `nowSec` (no new candidate). */
  advance(nowSec: number, out: PeakCandidate[] = []): PeakCandidate[] {
    return this.finalize(nowSec, out);
  }

  /** End of data: emit every remaining beat of the best path. */
  flush(out: PeakCandidate[] = []): PeakCandidate[] {
    return this.finalize(Infinity, out);
  }

  reset(): void {
    this.nodes = [];
    this.nodeT.length = 0;
    this.pool.clear();
    this.bestOldNode = null;
    this.bestOldIdx = -1;
    this.bestOldScore = 0;
    this.oldCursor = 0;
    this.lastEmittedT = -Infinity;
    this.pathKnown = false;
    this.sc.reset();
  }

  /**
   * The state the final path is traced back from: the best one ending at a live candidate (within
   * maxIbi of the newest); a chain that ended before a pause only counts when nothing is alive.
   * (Comparing against dead-ended chains would hold back a new chain after every pause, because
   * it starts `gapPenalty` lower, until it out-scored the old one — losing its first beats.)
   */
  private bestEnding(): void {
    let bestNode: Node | null = null;
    let bestIdx = -1;
    let bestScore = 0;
    const nums = this.pool.nums;
    for (let j = this.oldCursor; j < this.nodes.length; j++) {
      const nj = this.nodes[j]!;
      const count = nj.count;
      const o = 3 * nj.off + 1;
      for (let i = 0; i < count; i++) {
        const score = nums[o + 3 * i]!;
        if (bestNode === null || score > bestScore) {
          bestNode = nj;
          bestIdx = i;
          bestScore = score;
        }
      }
    }
    if (bestNode === null) {
      bestNode = this.bestOldNode;
      bestIdx = this.bestOldIdx;
    }
    this.endNode = bestNode;
    this.endIdx = bestIdx;
  }

  /** The state `bestEnding` found (node null: none). */
  private endNode: Node | null = null;
  private endIdx = -1;

  private finalize(nowSec: number, out: PeakCandidate[]): PeakCandidate[] {
    const horizon = nowSec - this.s.lagSec;
    if (this.nodes.length === 0 || this.nodeT[0]! > horizon) return out;
    if (!this.anyBetween(this.lastEmittedT, horizon) || (this.pathKnown && horizon < this.pathNextT)) {
      // No candidate is both unemitted and final yet (most calls), or no node was added since the
      // last trace and its path holds none in (that trace's horizon, this one]: that path's nodes up
      // to this horizon were emitted then or failed the spacing test, and would fail it again.
      this.trim(horizon);
      return out;
    }
    this.bestEnding();
    // Walk back along the best path and collect nodes that are final and not yet emitted.
    // (The scratch keeps its length: np counts the entries of this call.)
    const path = this.path;
    let np = 0;
    let sn = this.endNode;
    let si = this.endIdx;
    this.endNode = null;
    let nextT = Infinity;
    while (sn !== null) {
      const c = sn.cand;
      if (c.tSec <= this.lastEmittedT) break;
      if (c.tSec <= horizon) path[np++] = c;
      else nextT = c.tSec; // (the path runs back in time: the last one kept is the earliest)
      // (A dropped node's back-pointers count as none: no chain reaches further back.)
      if (sn.cut) break;
      const q = sn.off + si;
      sn = this.pool.back[q]!;
      si = this.pool.nums[3 * q + 2]!;
    }
    for (let i = np - 1; i >= 0; i--) {
      const c = path[i]!;
      if (c.tSec - this.lastEmittedT >= this.s.minIbiSec * 0.9) {
        out.push(c);
        this.sc.noteInterval(c.tSec - this.lastEmittedT);
        this.lastEmittedT = c.tSec;
      }
    }
    this.pathKnown = true;
    this.pathNextT = nextT;
    this.trim(horizon);
    return out;
  }

  /**
   * Whether the best path traced last is still the best (no node was added since), and the time of
   * its earliest node after that trace's horizon (Infinity: none); see `finalize`.
   */
  private pathKnown = false;
  private pathNextT = Infinity;

  /** Is there a node with a < tSec ≤ b? (Nodes are in time order.) */
  private anyBetween(a: number, b: number): boolean {
    const nodeT = this.nodeT;
    let lo = 0;
    let hi = nodeT.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (nodeT[mid]! <= a) lo = mid + 1;
      else hi = mid;
    }
    return lo < nodeT.length && nodeT[lo]! <= b;
  }

  /** Drop nodes older than the lag window; cut their back-pointers so memory stays bounded. */
  private trim(horizon: number): void {
    const keepAfter = horizon - this.s.maxIbiSec - 1;
    let k = 0;
    const nodeT = this.nodeT;
    while (k < nodeT.length && k < this.oldCursor && nodeT[k]! < keepAfter) k++;
    if (k === 0) return;
    // Cut the back-pointers of the dropped nodes' states, so no chain reaches further back (their
    // states in the pool are reused).
    const nodes = this.nodes;
    for (let j = 0; j < k; j++) nodes[j]!.cut = true;
    const n = nodes.length;
    for (let j = k; j < n; j++) {
      nodes[j - k] = nodes[j]!;
      nodeT[j - k] = nodeT[j]!;
    }
    for (let j = 0; j < k; j++) {
      // (Not a length write: that is a runtime call.)
      nodes.pop();
      nodeT.pop();
    }
    this.oldCursor -= k;
  }
}


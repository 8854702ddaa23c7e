/**
 * `BeatSequenceDp` — chooses which candidate pulse peaks are heart beats, by dynamic
 * programming over candidates (a fixed-lag Viterbi search), streaming.
 *
 * Method (Cadans' own, in the spirit of DP/HMM beat trackers such as Ellis 2007 for music
 * beats and the Viterbi PPG trackers reviewed by Charlton et al. 2022): every candidate k
 * has a reward r_k = bias + ln(upstroke_k / scale), scale being the 80th percentile of recent
 * candidate upstrokes. A path of beats scores Σ r_k − λ Σ ln(d_k / d_{k−1})², where d are
 * successive inter-beat intervals (a second-order state: the last two beats), so a regular
 * sequence of strong peaks wins; a dicrotic wave (short–long pattern, small upstroke) loses;
 * a weak but correctly timed beat is kept because skipping it makes a double interval;
 * half-rate locking — the failure of threshold detectors when pulse amplitudes alternate —
 * is penalised twice. Pauses longer than `maxIbiSec` (sensor off, asystole) cost a fixed gap
 * penalty and restart the chain.
 *
 * Decisions are final `lagSec` after a candidate (bounded look-ahead). Memory is bounded:
 * candidates older than the lag window are dropped and their back-pointers cut.
 */

import { lowerBound } from './nnGaps.js';

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

interface State {
  node: Node;
  prev: Node | null;
  score: number;
  back: State | null;
}

interface Node {
  cand: PeakCandidate;
  reward: number;
  states: State[];
}

const SCALE_RING = 24;
/** Candidates below this fraction of the scale do not inform it (see `updateScale`)... */
const SCALE_GATE = 0.2;
/** ... unless no candidate has for this long, s. */
const SCALE_FOLLOW_SEC = 1;
/** Candidates below this fraction of the scale are not searched (their reward would be < bias + ln 0.02 ≈ −3). */
const NEGLIGIBLE = 0.02;

export class BeatSequenceDp {
  private readonly s: DpSettings;
  private nodes: Node[] = [];
  private bestOld: State | null = null; // best state among nodes older than maxIbi from the newest
  private oldCursor = 0;
  private lastEmittedT = -Infinity;
  private readonly ups = new Float64Array(SCALE_RING);
  private upsCount = 0;
  private lastScaleSec = Number.NEGATIVE_INFINITY;
  private readonly sorted = new Float64Array(SCALE_RING + 1);
  /** Current upstroke scale (80th percentile of recent candidates). */
  scale = 0;

  constructor(settings: Partial<DpSettings> = {}) {
    this.s = { ...DEFAULT_DP, ...settings };
  }

  /** Add a candidate (in time order). Returns candidates that became final beats, oldest first. */
  push(c: PeakCandidate, out: PeakCandidate[] = []): PeakCandidate[] {
    // Every candidate informs the scale (so it follows a weakening pulse); ripples far below the
    // recent pulses cannot be beats and skip the search.
    this.updateScale(c.upstroke, c.tSec);
    if (c.upstroke < NEGLIGIBLE * this.scale) return this.finalize(c.tSec, out);
    const s = this.s;
    const reward = s.bias + Math.log(Math.max(c.upstroke / this.scale, 1e-3));
    const node: Node = { cand: c, reward, states: [] };
    const nodes = this.nodes;
    // Advance the "old" cursor: nodes further than maxIbi back can only be reached by a gap.
    while (this.oldCursor < nodes.length && c.tSec - nodes[this.oldCursor]!.cand.tSec > s.maxIbiSec) {
      for (const st of nodes[this.oldCursor]!.states) {
        if (this.bestOld === null || st.score > this.bestOld.score) this.bestOld = st;
      }
      this.oldCursor++;
    }
    if (!c.suspect) {
      for (let j = nodes.length - 1; j >= this.oldCursor; j--) {
        const nj = nodes[j]!;
        const d2 = c.tSec - nj.cand.tSec;
        if (d2 < s.minIbiSec) continue;
        let best = -Infinity;
        let bestState: State | null = null;
        for (const st of nj.states) {
          let v = st.score;
          if (st.prev !== null) {
            const d1 = nj.cand.tSec - st.prev.cand.tSec;
            const l = Math.log(d2 / d1);
            v -= s.lambda * l * l;
          }
          if (v > best) {
            best = v;
            bestState = st;
          }
        }
        if (bestState !== null) node.states.push({ node, prev: nj, score: best + reward, back: bestState });
      }
    }
    // Chain start (after a gap, or the very first candidate).
    const startScore = this.bestOld === null ? (nodes.length === 0 ? reward : reward - s.gapPenalty) : this.bestOld.score - s.gapPenalty + reward;
    node.states.push({ node, prev: null, score: startScore, back: this.bestOld });
    nodes.push(node);
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
    this.bestOld = null;
    this.oldCursor = 0;
    this.lastEmittedT = -Infinity;
    this.upsCount = 0;
    this.lastScaleSec = Number.NEGATIVE_INFINITY;
    this.scale = 0;
  }

  /** 80th percentile of the last SCALE_RING upstrokes; the window is kept sorted (binary insert/remove). */
  private updateScale(up: number, tSec: number): void {
    if (!(up > 0)) return;
    // Ripples far below the scale (a slow pulse's long diastole holds many) would, counted one by
    // one, pull the percentile down to their own size: they inform the scale only when nothing
    // larger has for SCALE_FOLLOW_SEC (so it still follows a weakening pulse or a lost one).
    if (this.upsCount > 0 && up < SCALE_GATE * this.scale && tSec - this.lastScaleSec < SCALE_FOLLOW_SEC) return;
    this.lastScaleSec = tSec;
    const sorted = this.sorted;
    let m = Math.min(this.upsCount, SCALE_RING);
    if (this.upsCount >= SCALE_RING) {
      const old = this.ups[this.upsCount % SCALE_RING]!;
      const i = lowerBound(sorted, old, 0, m);
      sorted.copyWithin(i, i + 1, m);
      m--;
    }
    const j = lowerBound(sorted, up, 0, m);
    sorted.copyWithin(j + 1, j, m);
    sorted[j] = up;
    m++;
    this.ups[this.upsCount % SCALE_RING] = up;
    this.upsCount++;
    this.scale = sorted[Math.min(m - 1, Math.floor(0.8 * m))]!;
  }

  /**
   * The state the final path is traced back from: the best one ending at a live candidate (within
   * maxIbi of the newest); a chain that ended before a pause only counts when nothing is alive.
   * (Comparing against dead-ended chains would hold back a new chain after every pause, because
   * it starts `gapPenalty` lower, until it out-scored the old one — losing its first beats.)
   */
  private bestEnding(): State | null {
    let best: State | null = null;
    for (let j = this.oldCursor; j < this.nodes.length; j++) {
      for (const st of this.nodes[j]!.states) if (best === null || st.score > best.score) best = st;
    }
    return best ?? this.bestOld;
  }

  private finalize(nowSec: number, out: PeakCandidate[]): PeakCandidate[] {
    const horizon = nowSec - this.s.lagSec;
    if (this.nodes.length === 0 || this.nodes[0]!.cand.tSec > horizon) return out;
    const best = this.bestEnding();
    // Walk back along the best path and collect nodes that are final and not yet emitted.
    const path: PeakCandidate[] = [];
    for (let st = best; st !== null; st = st.back) {
      const c = st.node.cand;
      if (c.tSec <= this.lastEmittedT) break;
      if (c.tSec <= horizon) path.push(c);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const c = path[i]!;
      if (c.tSec - this.lastEmittedT >= this.s.minIbiSec * 0.9) {
        out.push(c);
        this.lastEmittedT = c.tSec;
      }
    }
    this.trim(horizon);
    return out;
  }

  /** Drop nodes older than the lag window; cut their back-pointers so memory stays bounded. */
  private trim(horizon: number): void {
    const keepAfter = horizon - this.s.maxIbiSec - 1;
    let k = 0;
    while (k < this.nodes.length && k < this.oldCursor && this.nodes[k]!.cand.tSec < keepAfter) k++;
    if (k === 0) return;
    // Cut both links of the dropped nodes' states, so no chain reaches further back.
    for (let j = 0; j < k; j++) {
      for (const st of this.nodes[j]!.states) {
        st.back = null;
        st.prev = null;
      }
    }
    this.nodes.splice(0, k);
    this.oldCursor -= k;
  }
}


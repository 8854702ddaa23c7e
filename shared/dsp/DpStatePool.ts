import type { PeakCandidate } from './BeatSequenceDp.js';

/**
 * A candidate in the beat-sequence search ({@link BeatSequenceDp}) and where its states lie in the
 * {@link DpStatePool}: states `off … off + count − 1`. State i means "this candidate is a beat
 * following an earlier one" — or, for the last state, "a chain starts here" (no previous beat).
 * A state is the pair (node, i). `cut`: the node was dropped from the search (its states are
 * gone, and its back-pointers count as none, so no chain reaches further back).
 */
export interface DpNode {
  cand: PeakCandidate;
  off: number;
  count: number;
  cut: boolean;
}

/**
 * `DpStatePool` — the states of the live search nodes in flat arrays, so a candidate allocates
 * no arrays of its own: for state s, `nums[3s]` = ln(interval from the previous beat), seconds (0
 * without one), `nums[3s + 1]` = the best score of a path ending so, `nums[3s + 2]` = the index
 * of its back-pointer's state within node `back[s]` (null: none). New states are appended at
 * `end`; `reserve` makes room by moving the live nodes' states to the front (the nodes' offsets
 * follow), growing the arrays when the live states fill half of them.
 */
export class DpStatePool {
  nums = new Float64Array(3 * 256);
  back: (DpNode | null)[] = new Array<DpNode | null>(256).fill(null);
  /** Index of the next free state. */
  end = 0;

  /**
   * Room for k more states after `end`; `live` are the nodes whose states must stay (in pool
   * order, the first one's states lowest).
   */
  reserve(k: number, live: readonly DpNode[]): void {
    const cap = this.back.length;
    if (this.end + k <= cap) return;
    const from = live.length > 0 ? live[0]!.off : this.end;
    const used = this.end - from;
    let nums = this.nums;
    let back = this.back;
    if (2 * (used + k) > cap) {
      let size = 2 * cap;
      while (2 * (used + k) > size) size *= 2;
      nums = new Float64Array(3 * size);
      back = new Array<DpNode | null>(size).fill(null);
    }
    // (Moved down or into the new arrays: the source lies at or after the target.)
    for (let s = 0; s < used; s++) {
      nums[3 * s] = this.nums[3 * (from + s)]!;
      nums[3 * s + 1] = this.nums[3 * (from + s) + 1]!;
      nums[3 * s + 2] = this.nums[3 * (from + s) + 2]!;
      back[s] = this.back[from + s]!;
    }
    for (let s = used; s < back.length; s++) back[s] = null;
    for (const n of live) n.off -= from;
    this.nums = nums;
    this.back = back;
    this.end = used;
  }

  clear(): void {
    this.back.fill(null);
    this.end = 0;
  }
}

/**
 * `RunTimer` — the interval timer of a live run session (issue 15): it walks through a session's
 * blocks (warm-up, run, walk, cool-down; from the client's programme week or typed in) on the
 * recording clock, and says at every moment the current block, the time left in it and the next
 * block. Each change gives cue events (the screen plays a tone and speaks them, the main side
 * stores them as markers):
 *
 * - the kind of the block that begins ('warmup' | 'run' | 'walk' | 'cooldown'), the first one at
 *   `start`;
 * - 'borg' at the end of each run block: the Borg prompt (6–20) for that block;
 * - 'end' when the last block is over.
 *
 * Pure and streaming: `start(t)`, `tick(t)`, `pause(t)`, `resume(t)` with `t` any monotonic clock
 * in seconds (the recording clock). Paused time does not count; a tick that jumps over several
 * blocks (a stalled process) gives every cue it passed, in order, each with its own block time.
 */
import { PROGRAMME_BLOCK_KINDS, type ProgrammeBlock, type ProgrammeBlockKind } from './programme.js';

export type RunCueKind = ProgrammeBlockKind | 'borg' | 'end';
export const RUN_CUE_KINDS: readonly RunCueKind[] = [...PROGRAMME_BLOCK_KINDS, 'borg', 'end'];

export interface RunCue {
  kind: RunCueKind;
  /** The block that begins (block kinds), ended ('borg') or the last one ('end'). */
  blockIndex: number;
  /** Active (unpaused) seconds since the start at which the cue is due. */
  atActiveSec: number;
}

export type RunTimerPhase = 'ready' | 'running' | 'paused' | 'finished';

export interface RunTimerState {
  phase: RunTimerPhase;
  /** Active seconds since the start (paused time left out). */
  activeSec: number;
  /** The current block (0-based; the last one once finished), or −1 before the start. */
  blockIndex: number;
  block: ProgrammeBlock | null;
  /** Seconds left in the current block (0 once finished). */
  blockLeftSec: number;
  /** Seconds left in the whole session. */
  totalLeftSec: number;
  next: ProgrammeBlock | null;
}

/** Most blocks of one session (a programme week has far fewer; bounds typed-in lists). */
export const MAX_RUN_BLOCKS = 200;
/** Longest block, s (3 h). */
export const MAX_RUN_BLOCK_SEC = 3 * 3600;

/** Problems with a block list (English, for logs; the request schema checks the same before). */
export function runBlocksProblem(blocks: readonly ProgrammeBlock[]): string | null {
  if (!Array.isArray(blocks) || blocks.length === 0) return 'a run session needs at least one block';
  if (blocks.length > MAX_RUN_BLOCKS) return `at most ${MAX_RUN_BLOCKS} blocks`;
  for (const [i, b] of blocks.entries()) {
    if (!PROGRAMME_BLOCK_KINDS.includes(b.kind)) return `block ${i + 1}: unknown kind`;
    if (!Number.isFinite(b.sec) || b.sec < 1 || b.sec > MAX_RUN_BLOCK_SEC) return `block ${i + 1}: 1 s to ${MAX_RUN_BLOCK_SEC} s`;
  }
  return null;
}

export class RunTimer {
  readonly blocks: readonly ProgrammeBlock[];
  /** Active second at which each block starts; `ends[i]` where it ends. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly totalSec: number;
  private phase: RunTimerPhase = 'ready';
  /** Clock time of the start, the paused seconds so far, and since when paused (null: not). */
  private t0 = 0;
  private pausedSec = 0;
  private pausedAt: number | null = null;
  private lastT = 0;
  /** Index of the next boundary to cue: boundary k is the end of block k. */
  private nextBoundary = 0;

  constructor(blocks: readonly ProgrammeBlock[]) {
    const problem = runBlocksProblem(blocks);
    if (problem) throw new RangeError(problem);
    this.blocks = blocks.map((b) => ({ kind: b.kind, sec: b.sec }));
    let t = 0;
    for (const b of this.blocks) {
      this.starts.push(t);
      t += b.sec;
      this.ends.push(t);
    }
    this.totalSec = t;
  }

  get durationSec(): number {
    return this.totalSec;
  }

  /** Start at clock time `tSec`: the first block's cue. */
  start(tSec: number): RunCue[] {
    if (this.phase !== 'ready') return [];
    this.phase = 'running';
    this.t0 = tSec;
    this.lastT = tSec;
    return [{ kind: this.blocks[0]!.kind, blockIndex: 0, atActiveSec: 0 }];
  }

  /** Advance to clock time `tSec`: the cues of every boundary passed since the last call. */
  tick(tSec: number): RunCue[] {
    if (this.phase !== 'running') return [];
    this.lastT = Math.max(this.lastT, tSec);
    const active = this.activeAt(this.lastT);
    const cues: RunCue[] = [];
    while (this.nextBoundary < this.blocks.length && active >= this.ends[this.nextBoundary]!) {
      const k = this.nextBoundary++;
      const at = this.ends[k]!;
      if (this.blocks[k]!.kind === 'run') cues.push({ kind: 'borg', blockIndex: k, atActiveSec: at });
      if (k + 1 < this.blocks.length) cues.push({ kind: this.blocks[k + 1]!.kind, blockIndex: k + 1, atActiveSec: at });
      else {
        cues.push({ kind: 'end', blockIndex: k, atActiveSec: at });
        this.phase = 'finished';
      }
    }
    return cues;
  }

  /** Pause at `tSec` (cues due up to then are returned first). */
  pause(tSec: number): RunCue[] {
    const cues = this.tick(tSec);
    if (this.phase === 'running') {
      this.phase = 'paused';
      this.pausedAt = this.lastT;
    }
    return cues;
  }

  resume(tSec: number): void {
    if (this.phase !== 'paused' || this.pausedAt === null) return;
    this.pausedSec += Math.max(0, tSec - this.pausedAt);
    this.pausedAt = null;
    this.lastT = Math.max(this.lastT, tSec);
    this.phase = 'running';
  }

  /** Clock time `tSec` as active seconds since the start. */
  activeAt(tSec: number): number {
    if (this.phase === 'ready') return 0;
    const until = this.pausedAt ?? tSec;
    return Math.max(0, until - this.t0 - this.pausedSec);
  }

  /** Where the timer is at its last tick (or at `tSec`, without emitting cues). */
  state(tSec: number = this.lastT): RunTimerState {
    const activeSec = Math.min(this.totalSec, this.activeAt(tSec));
    if (this.phase === 'ready') {
      return { phase: 'ready', activeSec: 0, blockIndex: -1, block: null, blockLeftSec: 0, totalLeftSec: this.totalSec, next: this.blocks[0]! };
    }
    const finished = this.phase === 'finished' || activeSec >= this.totalSec;
    let i = this.blocks.length - 1;
    if (!finished) for (let k = 0; k < this.blocks.length; k++) if (activeSec < this.ends[k]!) {
      i = k;
      break;
    }
    return {
      phase: this.phase === 'finished' ? 'finished' : this.phase,
      activeSec,
      blockIndex: i,
      block: this.blocks[i]!,
      blockLeftSec: finished ? 0 : this.ends[i]! - activeSec,
      totalLeftSec: this.totalSec - activeSec,
      next: finished ? null : (this.blocks[i + 1] ?? null),
    };
  }

  /** Start of block `i` in active seconds. */
  blockStartSec(i: number): number {
    return this.starts[i]!;
  }
}

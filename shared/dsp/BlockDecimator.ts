import type { MissingRun } from './DetectedBeat.js';
import { exactReciprocal } from './ppgClean.js';

/** Slots of `BlockDecimator.fstate`. */
const F_BLOCK_SUM = 0;
const F_LAST_VALID = 1;

/**
 * `BlockDecimator` — the first stage of {@link PpgPeakDetector}: raw samples (NaN = missing) into
 * a block of detection-rate samples. Each group of M input samples becomes one sample, its mean
 * (a boxcar/CIC decimator), or a missing one if any of the group was missing; the runs of missing
 * input samples are recorded (seconds). The groups run on across calls, so the output does not
 * depend on how the input is cut.
 */
export class BlockDecimator {
  /** The block being filled: decimated values and their missing flags (1: missing; see `anyNan`). */
  readonly blkX: Float64Array;
  readonly blkNan: Uint8Array;
  /**
   * Whether a sample of the block is missing: `blkX` then holds a partial mean there (one store
   * keeps the loop's arithmetic unboxed), which the caller replaces by NaN (and clears this flag).
   */
  anyNan = false;
  /** Missing-sample runs (input time, s). */
  readonly missing: MissingRun[] = [];
  /** Where `fill` stopped in its input. */
  next = 0;
  private readonly fsHz: number;
  private readonly M: number;
  private n = 0; // input samples seen
  private blockN = 0;
  private blockNan = false;
  private inNan = false;
  /** The running sum of the group and the last valid input (NaN before any), unboxed. */
  private readonly fstate = Float64Array.of(0, NaN);

  constructor(fsHz: number, M: number, blockSize: number) {
    this.fsHz = fsHz;
    this.M = M;
    this.blkX = new Float64Array(blockSize);
    this.blkNan = new Uint8Array(blockSize);
  }

  /** The last valid input sample (NaN before any). */
  get lastValid(): number {
    return this.fstate[F_LAST_VALID]!;
  }

  /**
   * Input samples values[from …] into the block, from its slot nb on, until the block is full or
   * the input ends. Returns the block's new fill; `next` is where the input stopped.
   */
  fill(values: ArrayLike<number>, from: number, nb: number): number {
    const fs = this.fsHz;
    const M = this.M;
    const blkX = this.blkX;
    const blkNan = this.blkNan;
    const size = blkX.length;
    // The per-sample state in locals (written back at the end).
    let n = this.n;
    const fstate = this.fstate;
    let blockSum = fstate[F_BLOCK_SUM]!;
    let blockN = this.blockN;
    let blockNan = this.blockNan;
    let inNan = this.inNan;
    let lastValid = fstate[F_LAST_VALID]!;
    const len = values.length;
    const invM = exactReciprocal(M); // (see `exactReciprocal`)
    let i = from;
    if (M === 2 && blockN === 0) {
      // Pairs of valid samples (the usual case at 200–299 Hz) in a loop of their own: the same
      // sum, in order, from the empty group's sum (0).
      while (nb < size && i + 2 <= len) {
        const v0 = values[i] as number;
        const v1 = values[i + 1] as number;
        if (v0 !== v0 || v1 !== v1) break;
        blkX[nb] = (blockSum + v0 + v1) * 0.5;
        blkNan[nb++] = 0;
        i += 2;
      }
      if (i > from) {
        lastValid = values[i - 1] as number;
        inNan = false;
        n += i - from;
      }
    }
    while (i < len && nb < size) {
      if (blockN === 0 && i + M <= len) {
        // A whole group of valid samples (the usual case) in one step: the same sum, in order.
        let s = blockSum;
        let q = 0;
        for (; q < M; q++) {
          const v = values[i + q] as number;
          if (v !== v) break;
          s += v;
        }
        if (q === M) {
          lastValid = values[i + M - 1] as number;
          blkX[nb++] = M === 1 ? lastValid : invM !== 0 ? s * invM : s / M;
          blkNan[nb - 1] = 0;
          inNan = false;
          i += M;
          n += M;
          continue;
        }
      }
      const x = values[i++] as number;
      const k = n++;
      if (x !== x) {
        blockNan = true;
        if (!inNan) {
          inNan = true;
          this.missing.push({ startSec: k / fs, endSec: (k + 1) / fs });
        } else {
          this.missing[this.missing.length - 1]!.endSec = (k + 1) / fs;
        }
      } else {
        inNan = false;
        blockSum += x;
        lastValid = x;
      }
      if (++blockN === M) {
        blkX[nb] = M === 1 ? x : invM !== 0 ? blockSum * invM : blockSum / M;
        if (blockNan) {
          blkNan[nb] = 1;
          this.anyNan = true;
        } else {
          blkNan[nb] = 0;
        }
        blockSum = 0;
        blockN = 0;
        blockNan = false;
        nb++;
      }
    }
    this.n = n;
    fstate[F_BLOCK_SUM] = blockSum;
    this.blockN = blockN;
    this.blockNan = blockNan;
    this.inNan = inNan;
    fstate[F_LAST_VALID] = lastValid;
    this.next = i;
    return nb;
  }

  reset(): void {
    this.n = 0;
    this.blockN = 0;
    this.blockNan = false;
    this.inNan = false;
    this.fstate[F_BLOCK_SUM] = 0;
    this.fstate[F_LAST_VALID] = NaN;
    this.missing.length = 0;
    this.anyNan = false;
  }
}

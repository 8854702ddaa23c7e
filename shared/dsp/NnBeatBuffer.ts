/**
 * Bounded, contiguous buffer of the most recent NN intervals for the streaming trackers
 * (`CoherenceTracker`, `RespirationTracker`). Keeps beats whose closing time lies within
 * `horizonSec` of the newest one; storage is compacted in place (copyWithin) instead of growing,
 * so memory stays bounded and the live arrays are contiguous views for the batch code.
 * Optional extra channels hold one number per beat (NaN when absent).
 */
export class NnBeatBuffer {
  readonly horizonSec: number;
  private tBuf: Float64Array;
  private ibiBuf: Float64Array;
  private extraBufs: Float64Array[];
  private start = 0;
  private end = 0;

  constructor(horizonSec: number, extraChannels = 0, initialCapacity = 256) {
    this.horizonSec = horizonSec;
    const cap = Math.max(16, initialCapacity | 0);
    this.tBuf = new Float64Array(cap);
    this.ibiBuf = new Float64Array(cap);
    this.extraBufs = Array.from({ length: extraChannels }, () => new Float64Array(cap));
  }

  get length(): number {
    return this.end - this.start;
  }

  /** Time of the newest beat, or NaN. */
  get lastTSec(): number {
    return this.end > this.start ? this.tBuf[this.end - 1] : NaN;
  }

  /**
   * Appends a beat. Rejected (returns false) when tSec is not finite, ibiMs not finite and > 0, or
   * tSec not after the previous beat. Extras beyond the configured channels are ignored.
   */
  push(tSec: number, ibiMs: number, extras?: ArrayLike<number>): boolean {
    if (!Number.isFinite(tSec) || !Number.isFinite(ibiMs) || !(ibiMs > 0)) return false;
    if (this.end > this.start && !(tSec > this.tBuf[this.end - 1])) return false;
    const oldest = tSec - this.horizonSec;
    while (this.start < this.end && this.tBuf[this.start] < oldest) this.start++;
    if (this.end === this.tBuf.length) this.makeRoom();
    this.tBuf[this.end] = tSec;
    this.ibiBuf[this.end] = ibiMs;
    for (let c = 0; c < this.extraBufs.length; c++) {
      const v = extras && c < extras.length ? extras[c] : NaN;
      this.extraBufs[c][this.end] = Number.isFinite(v) ? v : NaN;
    }
    this.end++;
    return true;
  }

  private makeRoom(): void {
    const len = this.end - this.start;
    if (this.start > 0 && len < this.tBuf.length * 0.75) {
      this.tBuf.copyWithin(0, this.start, this.end);
      this.ibiBuf.copyWithin(0, this.start, this.end);
      for (const b of this.extraBufs) b.copyWithin(0, this.start, this.end);
    } else {
      const cap = this.tBuf.length * 2;
      const grow = (b: Float64Array): Float64Array => {
        const nb = new Float64Array(cap);
        nb.set(b.subarray(this.start, this.end));
        return nb;
      };
      this.tBuf = grow(this.tBuf);
      this.ibiBuf = grow(this.ibiBuf);
      this.extraBufs = this.extraBufs.map(grow);
    }
    this.start = 0;
    this.end = len;
  }

  /** Views (no copy) of the buffered beats, oldest first. Valid until the next push/reset. */
  tSec(): Float64Array {
    return this.tBuf.subarray(this.start, this.end);
  }

  ibiMs(): Float64Array {
    return this.ibiBuf.subarray(this.start, this.end);
  }

  extra(channel: number): Float64Array {
    return this.extraBufs[channel].subarray(this.start, this.end);
  }

  reset(): void {
    this.start = 0;
    this.end = 0;
  }
}

/**
 * PpgFrameBuilder: collects timed PPG samples into `PpgFrame` batches. A batch is
 * closed when it reaches `maxSamples`, when the next samples are not contiguous in
 * time (|gap| > half a sample period), or on `flush()`.
 */
import type { PpgFrame } from './frames.js';

export class PpgFrameBuilder {
  private values: number[] = [];
  private t0Sec = 0;

  constructor(
    readonly fsHz: number,
    private readonly maxSamples = 64,
  ) {}

  /** add: samples `values` with the first at `t0Sec`; returns frames that were closed. */
  add(t0Sec: number, values: ArrayLike<number>): PpgFrame[] {
    const out: PpgFrame[] = [];
    if (values.length === 0) return out;
    if (this.values.length > 0) {
      const expected = this.t0Sec + this.values.length / this.fsHz;
      if (Math.abs(t0Sec - expected) > 0.5 / this.fsHz) {
        const f = this.flush();
        if (f) out.push(f);
      }
    }
    if (this.values.length === 0) this.t0Sec = t0Sec;
    for (let i = 0; i < values.length; i++) {
      this.values.push(values[i]);
      if (this.values.length >= this.maxSamples) {
        const f = this.flush();
        if (f) out.push(f);
        this.t0Sec = t0Sec + (i + 1) / this.fsHz;
      }
    }
    return out;
  }

  /** Number of samples waiting in the open batch. */
  get pending(): number {
    return this.values.length;
  }

  /** flush: close the open batch (null when empty). */
  flush(): PpgFrame | null {
    if (this.values.length === 0) return null;
    const frame: PpgFrame = { kind: 'ppg', fsHz: this.fsHz, t0Sec: this.t0Sec, values: Float32Array.from(this.values) };
    this.t0Sec += this.values.length / this.fsHz;
    this.values = [];
    return frame;
  }
}

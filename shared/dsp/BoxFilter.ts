/**
 * Streaming moving-average (boxcar) filter of odd length, O(1) per sample.
 * Linear phase: its output is delayed by exactly (length − 1) / 2 samples.
 * The running sum is re-computed from the ring every `length * 64` samples so that
 * floating-point drift cannot build up over hours of streaming. At start-up the ring is
 * pre-filled with the first sample, so the output starts at the signal level, not at zero.
 */
export class BoxFilter {
  readonly length: number;
  readonly delaySamples: number;
  private readonly ring: Float64Array;
  private readonly inv: number;
  private readonly resumEvery: number;
  private pos = 0;
  private sum = 0;
  private started = false;
  private sinceResum = 0;

  constructor(length: number) {
    const n = Math.max(1, Math.round(length) | 1); // odd
    this.length = n;
    this.delaySamples = (n - 1) / 2;
    this.ring = new Float64Array(n);
    this.inv = 1 / n;
    this.resumEvery = n * 64;
  }

  /** Push one sample; returns the mean of the last `length` samples. */
  push(x: number): number {
    const ring = this.ring;
    if (!this.started) {
      ring.fill(x);
      this.sum = x * this.length;
      this.started = true;
      return x;
    }
    let pos = this.pos;
    this.sum += x - ring[pos];
    ring[pos] = x;
    if (++pos === ring.length) pos = 0;
    this.pos = pos;
    if (++this.sinceResum === this.resumEvery) this.resum();
    return this.sum * this.inv;
  }

  reset(): void {
    this.ring.fill(0);
    this.pos = 0;
    this.sum = 0;
    this.started = false;
    this.sinceResum = 0;
  }

  private resum(): void {
    let s = 0;
    const ring = this.ring;
    for (let i = 0; i < ring.length; i++) s += ring[i];
    this.sum = s;
    this.sinceResum = 0;
  }
}

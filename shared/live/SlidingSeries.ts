/**
 * `SlidingSeries` — a fixed-memory (x, y) series for live charts. Points are appended to typed
 * arrays of twice the capacity; when the end is reached the newest `capacity` points are moved to
 * the front (copyWithin), so `x()`/`y()` are always contiguous views uPlot can draw without a copy
 * and nothing is allocated per sample. Only animation-frame code reads it; React never holds it.
 */
export class SlidingSeries {
  readonly capacity: number;
  private xs: Float64Array;
  private ys: Float64Array;
  private start = 0;
  private end = 0;
  /** Increases on every change (charts redraw when it moved). */
  version = 0;

  constructor(capacity: number) {
    this.capacity = Math.max(2, Math.floor(capacity));
    this.xs = new Float64Array(this.capacity * 2);
    this.ys = new Float64Array(this.capacity * 2);
  }

  get length(): number {
    return this.end - this.start;
  }

  /** Newest x, or NaN when empty. */
  get lastX(): number {
    return this.end > this.start ? this.xs[this.end - 1]! : NaN;
  }

  get lastY(): number {
    return this.end > this.start ? this.ys[this.end - 1]! : NaN;
  }

  push(x: number, y: number): void {
    if (this.end === this.xs.length) this.compact();
    this.xs[this.end] = x;
    this.ys[this.end] = y;
    this.end++;
    if (this.end - this.start > this.capacity) this.start++;
    this.version++;
  }

  /** Append `values` sampled at `fsHz` from `t0Sec`. */
  pushSamples(t0Sec: number, fsHz: number, values: ArrayLike<number>): void {
    const n = values.length;
    if (n >= this.capacity) {
      this.clear();
      const skip = n - this.capacity;
      for (let i = skip; i < n; i++) this.push(t0Sec + i / fsHz, values[i]!);
      return;
    }
    for (let i = 0; i < n; i++) {
      if (this.end === this.xs.length) this.compact();
      this.xs[this.end] = t0Sec + i / fsHz;
      this.ys[this.end] = values[i]!;
      this.end++;
    }
    if (this.end - this.start > this.capacity) this.start = this.end - this.capacity;
    this.version++;
  }

  /** Drop the points with x > `x` from the end (a provisional tail about to be redrawn). */
  truncateAfter(x: number): void {
    const before = this.end;
    while (this.end > this.start && this.xs[this.end - 1]! > x) this.end--;
    if (this.end !== before) this.version++;
  }

  clear(): void {
    this.start = 0;
    this.end = 0;
    this.version++;
  }

  /** Index of the first point with x ≥ `x` (binary search). */
  lowerBound(x: number): number {
    let lo = this.start;
    let hi = this.end;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.xs[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo - this.start;
  }

  /** Views of the points from index `from` (0 = oldest kept). */
  x(from = 0): Float64Array {
    return this.xs.subarray(this.start + from, this.end);
  }

  y(from = 0): Float64Array {
    return this.ys.subarray(this.start + from, this.end);
  }

  private compact(): void {
    const n = this.end - this.start;
    this.xs.copyWithin(0, this.start, this.end);
    this.ys.copyWithin(0, this.start, this.end);
    this.start = 0;
    this.end = n;
  }
}

/**
 * `SortedWindow` — the values of a small sliding window kept in ascending order (insertion by
 * shifting, removal by value), so its median is read without a selection per query. For windows
 * of a few dozen values that change by one value per step (the per-beat medians of the fiducial
 * selector) this is cheaper than a quickselect of the whole window each time, and gives the same
 * numbers: the median is an order statistic, and for an even count the mean of the same two middle
 * values as {@link medianInPlace}. NaN values are not accepted (callers skip them).
 */
export class SortedWindow {
  private readonly a: Float64Array;
  private n = 0;

  constructor(capacity: number) {
    this.a = new Float64Array(Math.max(1, capacity));
  }

  /** Values held. */
  get size(): number {
    return this.n;
  }

  /** Add v (not NaN); throws when full. */
  insert(v: number): void {
    const a = this.a;
    if (this.n === a.length) throw new RangeError('SortedWindow: full');
    let i = this.n;
    while (i > 0 && a[i - 1]! > v) {
      a[i] = a[i - 1]!;
      i--;
    }
    a[i] = v;
    this.n++;
  }

  /** Remove one value equal to v; returns false when none is held. */
  remove(v: number): boolean {
    const a = this.a;
    const n = this.n;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo === n || a[lo] !== v) return false;
    for (let i = lo; i < n - 1; i++) a[i] = a[i + 1]!;
    this.n = n - 1;
    return true;
  }

  /**
   * Remove one value equal to `old` and add v (not NaN): the same contents, in the same order, as
   * `remove(old)` then `insert(v)`, but only the values between the two places move. Returns false,
   * changing nothing, when `old` is not held.
   */
  replace(old: number, v: number): boolean {
    const a = this.a;
    const n = this.n;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid]! < old) lo = mid + 1;
      else hi = mid;
    }
    if (lo === n || a[lo] !== old) return false;
    let j = lo;
    if (v >= a[lo]!) {
      // Everything before the removed slot is ≤ v: v goes after the values ≤ v that follow it.
      while (j + 1 < n && a[j + 1]! <= v) {
        a[j] = a[j + 1]!;
        j++;
      }
    } else {
      // Everything after it is > v: v goes before the values > v that precede it.
      while (j > 0 && a[j - 1]! > v) {
        a[j] = a[j - 1]!;
        j--;
      }
    }
    a[j] = v;
    return true;
  }

  /** The k-th smallest value held (0-based; the same value `selectKth` picks from the window). */
  kth(k: number): number {
    return this.a[k]!;
  }

  /** Median (mean of the two middle values for an even count); NaN when empty. */
  median(): number {
    const n = this.n;
    if (n === 0) return NaN;
    const k = n >> 1;
    return n % 2 ? this.a[k]! : 0.5 * (this.a[k - 1]! + this.a[k]!);
  }

  clear(): void {
    this.n = 0;
  }
}

/**
 * Order statistics in O(n) by quickselect (Hoare 1961, "Algorithm 65: find", Commun. ACM 4:321;
 * median-of-three pivot). Both functions REORDER the first n elements of `a` (pass a scratch copy).
 */

/** The k-th smallest (0-based) of a[0 … n−1]; reorders a so that a[k] holds it. */
export function selectKth(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // Median of three as pivot, moved to a[hi].
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[mid] < a[hi]) swap(a, mid, hi);
    const pivot = a[hi];
    let i = lo;
    for (let j = lo; j < hi; j++) {
      if (a[j] < pivot) {
        swap(a, i, j);
        i++;
      }
    }
    swap(a, i, hi);
    if (i === k) return a[k];
    if (i < k) lo = i + 1;
    else hi = i - 1;
  }
  return a[k];
}

/** Median of a[0 … n−1] (mean of the two middle values for even n); NaN for n = 0. Reorders a. */
export function medianInPlace(a: Float64Array, n: number): number {
  if (n <= 0) return NaN;
  const k = n >> 1;
  const upper = selectKth(a, n, k);
  if (n % 2) return upper;
  // After selection every a[i], i < k, is ≤ a[k]: the lower middle value is their maximum.
  let lower = -Infinity;
  for (let i = 0; i < k; i++) if (a[i] > lower) lower = a[i];
  return 0.5 * (lower + upper);
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * `RateEstimator` — a device's true sample rate from its own sample count against the host's
 * clock, robust to USB batching and to delivery delays under CPU load.
 *
 * Method: every batch gives a point (N = samples counted up to the batch's newest sample,
 * tSec = when that sample arrived). Arrival = a + N·s + d with d ≥ 0 (delays only ever add), so
 * the least-delayed points lie on a line under all the others: the lower convex hull of the
 * points. The line is the hull edge that minimises the total distance to all points (the linear
 * programming estimator of Moon, Skelly & Towsley, "Estimation and removal of clock skew from
 * network delay measurements", IEEE INFOCOM 1999, pp. 227–234), which reduces to the hull edge
 * spanning the mean N. That edge alone is a short baseline while the history is short, so the
 * slope is then refined by least squares over the points lying close to that line (the
 * least-delayed blocks) and the line lowered to pass under all points. Points are thinned to the least-delayed one per block of `blockSec`
 * (relative to the current estimate), and only the last `windowSec` of blocks are kept, so a
 * slowly drifting rate is followed and memory is bounded.
 *
 * With a device clock (`deviceSec`, no delivery delay) the same estimator is exact.
 */
export interface RateEstimate {
  /** Seconds per sample (1 / rate). */
  secPerSample: number;
  /** Host time at N = 0 on the fitted line (the least-delayed arrival), s. */
  interceptSec: number;
}

interface Point {
  n: number;
  tSec: number;
}

export interface RateEstimatorOptions {
  /** Thinning block, s (default 0.5). */
  blockSec?: number;
  /** Blocks kept, as seconds of history (default 120). */
  windowSec?: number;
}

export class RateEstimator {
  private readonly blockSec: number;
  private readonly windowSec: number;
  /** Closed blocks' least-delayed points, oldest first. */
  private blocks: Point[] = [];
  private open: Point | null = null;
  private openStartSec = 0;
  private fit: RateEstimate | null = null;
  private firstSec = Number.NaN;

  constructor(private readonly nominalSecPerSample: number, opts: RateEstimatorOptions = {}) {
    this.blockSec = opts.blockSec ?? 0.5;
    this.windowSec = opts.windowSec ?? 120;
  }

  /** Seconds of reference time covered by the points so far. */
  get spanSec(): number {
    const last = this.open ?? this.blocks[this.blocks.length - 1];
    return last && Number.isFinite(this.firstSec) ? last.tSec - this.firstSec : 0;
  }

  /** The current fit (null before two points). */
  get estimate(): RateEstimate | null {
    return this.fit;
  }

  /** add: `n` samples counted up to a batch whose newest sample arrived at `tSec`. */
  add(n: number, tSec: number): void {
    if (!Number.isFinite(n) || !Number.isFinite(tSec)) return;
    if (!Number.isFinite(this.firstSec)) this.firstSec = tSec;
    const s = this.fit?.secPerSample ?? this.nominalSecPerSample;
    if (this.open === null) {
      this.open = { n, tSec };
      this.openStartSec = tSec;
    } else if (tSec - this.openStartSec >= this.blockSec) {
      this.blocks.push(this.open);
      this.open = { n, tSec };
      this.openStartSec = tSec;
      while (this.blocks.length > 2 && tSec - this.blocks[0]!.tSec > this.windowSec) this.blocks.shift();
    } else if (tSec - n * s < this.open.tSec - this.open.n * s) {
      this.open = { n, tSec };
    }
    this.refit();
  }

  /** Forget everything (a new device or a new counting epoch with another rate). */
  reset(): void {
    this.blocks = [];
    this.open = null;
    this.fit = null;
    this.firstSec = Number.NaN;
  }

  private refit(): void {
    const pts = this.open ? [...this.blocks, this.open] : this.blocks;
    if (pts.length < 2) return;
    const hull = lowerHull(pts);
    if (hull.length < 2) return;
    // 1. The supporting line of the lower hull at the mean N (Moon et al.'s LP optimum): robust
    //    to delayed points, but its slope rests on one hull edge (noisy while the span is short).
    let meanN = 0;
    for (const p of pts) meanN += p.n;
    meanN /= pts.length;
    let k = 0;
    while (k < hull.length - 2 && hull[k + 1]!.n < meanN) k++;
    const a = hull[k]!;
    const b = hull[k + 1]!;
    if (!(b.n > a.n)) return;
    const s0 = (b.tSec - a.tSec) / (b.n - a.n);
    const i0 = a.tSec - a.n * s0;
    // 2. Least squares over the points that lie close to that line (the least-delayed blocks),
    //    which uses the whole span as baseline and averages their jitter.
    const res = pts.map((p) => p.tSec - (i0 + p.n * s0));
    const sorted = [...res].sort((x, y) => x - y);
    const thr = Math.max(LOW_DELAY_SEC, 2 * sorted[sorted.length >> 1]!);
    let m = 0;
    let sn = 0;
    let st = 0;
    for (let i = 0; i < pts.length; i++) {
      if (res[i]! > thr) continue;
      m++;
      sn += pts[i]!.n;
      st += pts[i]!.tSec;
    }
    let secPerSample = s0;
    if (m >= 3) {
      const mn = sn / m;
      const mt = st / m;
      let sxx = 0;
      let sxy = 0;
      for (let i = 0; i < pts.length; i++) {
        if (res[i]! > thr) continue;
        sxx += (pts[i]!.n - mn) ** 2;
        sxy += (pts[i]!.n - mn) * (pts[i]!.tSec - mt);
      }
      if (sxx > 0 && sxy / sxx > 0) secPerSample = sxy / sxx;
    }
    if (!(secPerSample > 0)) return;
    // The line passes under every point (a lower envelope: delays are never negative).
    let intercept = Infinity;
    for (const p of pts) intercept = Math.min(intercept, p.tSec - p.n * secPerSample);
    this.fit = { secPerSample, interceptSec: intercept };
  }
}

/** Points this close to the lower line count as least delayed, s. */
const LOW_DELAY_SEC = 0.0005;

/** Lower convex hull of points sorted by n (Andrew's monotone chain, lower half). */
function lowerHull(pts: readonly Point[]): Point[] {
  const h: Point[] = [];
  for (const p of pts) {
    while (h.length >= 2) {
      const a = h[h.length - 2]!;
      const b = h[h.length - 1]!;
      // Keep b only if a → b → p turns left (b lies below the chord a–p).
      const cross = (b.n - a.n) * (p.tSec - a.tSec) - (b.tSec - a.tSec) * (p.n - a.n);
      if (cross <= 0) h.pop();
      else break;
    }
    if (h.length === 0 || p.n > h[h.length - 1]!.n) h.push(p);
    else if (p.tSec < h[h.length - 1]!.tSec) h[h.length - 1] = p;
  }
  return h;
}

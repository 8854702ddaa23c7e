/**
 * ArrivalSampleClock: assigns session times to samples of a line/packet protocol
 * that carries no timestamps. Times are count-based at the stated rate `fsHz`,
 * anchored to arrival time, with a slow phase-locked loop that pulls the anchor
 * towards arrival time (gain per batch, default 0.05) so rate errors do not
 * accumulate. When arrival time runs more than `maxDriftSec` (default 0.5 s)
 * ahead of the count-based time (samples were lost or the device paused), the
 * clock re-anchors and reports a gap. Times never go backwards.
 */
export interface StampResult {
  /** Time of the first sample of the batch, s. */
  readonly t0Sec: number;
  /** True when this batch starts a new run after a gap (not for the very first batch). */
  readonly gap: boolean;
}

export class ArrivalSampleClock {
  private anchorSec = Number.NaN;
  private count = 0;
  private nextMinSec = Number.NEGATIVE_INFINITY;
  private forceAnchor = false;
  private readonly maxDriftSec: number;
  private readonly gain: number;

  constructor(
    readonly fsHz: number,
    opts: { maxDriftSec?: number; gain?: number } = {},
  ) {
    this.maxDriftSec = opts.maxDriftSec ?? 0.5;
    this.gain = opts.gain ?? 0.05;
  }

  /** stamp: `n` (≥ 1) samples whose last one arrived at `arrivalSec`. */
  stamp(n: number, arrivalSec: number): StampResult {
    const dt = 1 / this.fsHz;
    const first = Number.isNaN(this.anchorSec);
    if (first || this.forceAnchor) {
      return this.anchor(n, arrivalSec, !first);
    }
    const predictedLast = this.anchorSec + (this.count + n - 1) * dt;
    const diff = arrivalSec - predictedLast;
    if (diff > this.maxDriftSec) return this.anchor(n, arrivalSec, true);
    const pull = this.gain * Math.max(-this.maxDriftSec, Math.min(this.maxDriftSec, diff));
    this.anchorSec += pull;
    let t0 = this.anchorSec + this.count * dt;
    if (t0 < this.nextMinSec) {
      this.anchorSec += this.nextMinSec - t0;
      t0 = this.nextMinSec;
    }
    this.count += n;
    this.nextMinSec = t0 + (n - 0.5) * dt;
    return { t0Sec: t0, gap: false };
  }

  /** Force the next batch to start a new run (e.g. after a reconnect). */
  reanchor(): void {
    if (!Number.isNaN(this.anchorSec)) this.forceAnchor = true;
  }

  reset(): void {
    this.anchorSec = Number.NaN;
    this.count = 0;
    this.nextMinSec = Number.NEGATIVE_INFINITY;
    this.forceAnchor = false;
  }

  private anchor(n: number, arrivalSec: number, gap: boolean): StampResult {
    const dt = 1 / this.fsHz;
    const t0 = Math.max(arrivalSec - (n - 1) * dt, this.nextMinSec + 0.5 * dt);
    this.anchorSec = t0;
    this.count = n;
    this.forceAnchor = false;
    this.nextMinSec = t0 + (n - 0.5) * dt;
    return { t0Sec: t0, gap };
  }
}

/**
 * Keeping the analysis worker's clock on the channel clock. Pure code (no Node).
 *
 * The worker's LivePipeline counts PPG samples (time = samples pushed / fsHz) and chains
 * sensor intervals (time = sum of intervals), while frames carry channel-clock times that
 * jump over gaps (a pulled cable, lost samples, a re-anchored arrival clock).
 *
 * - `PpgTimeline`: the pipeline's time 0 is the first frame's t0Sec (`originSec`). A frame that
 *   starts more than `gapSec` (0.25 s) after the samples pushed so far is preceded by NaN
 *   samples (missing, so no interval bridges them) and reported as a gap; a smaller lead (≥ ¾
 *   sample) is filled by repeating the last value (arrival-clock jitter), a lag is absorbed by
 *   dropping the overlapping samples. A jump of more than `maxFillSec` (30 min) restarts the pipeline.
 * - `BeatTimeline`: mirrors the pipeline's interval clock. When a frame's first interval starts
 *   more than `gapSec` (1.5 s) after the last beat (intervals lost, a reconnect), a bridging
 *   interval up to that start is pushed first and reported as a gap (to be marked unusable).
 */
import type { BeatFrame, PpgFrame } from '../../shared/sensors/frames.js';

export interface TimeGap {
  startSec: number;
  endSec: number;
}

export interface PpgAligned {
  /** Samples to push to the pipeline (a fresh array: its buffer may be transferred); may be empty. */
  values: Float32Array;
  /** The frame started after a gap (channel clock). */
  gap: TimeGap | null;
  /** The pipeline must be reset first (first frame after a rate change or a very long gap). */
  restart: boolean;
}

export class PpgTimeline {
  originSec: number | null = null;
  fsHz = 0;
  pushed = 0;
  private lastValue = Number.NaN;
  private readonly gapSec: number;
  private readonly maxFillSec: number;

  constructor(opts: { gapSec?: number; maxFillSec?: number } = {}) {
    this.gapSec = opts.gapSec ?? 0.25;
    this.maxFillSec = opts.maxFillSec ?? 1800;
  }

  /** End of the samples pushed so far, channel clock (NaN before the first frame). */
  get endSec(): number {
    return this.originSec === null ? Number.NaN : this.originSec + this.pushed / this.fsHz;
  }

  /** Channel time → pipeline time. */
  toPipeline(tSec: number): number {
    return tSec - (this.originSec ?? 0);
  }

  /** Pipeline time → channel time. */
  toChannel(tSec: number): number {
    return tSec + (this.originSec ?? 0);
  }

  /** align: the samples to push for frame `f`. */
  align(f: PpgFrame): PpgAligned {
    const n = f.values.length;
    let restart = false;
    let gap: TimeGap | null = null;
    if (this.originSec === null || f.fsHz !== this.fsHz) {
      restart = this.originSec !== null;
      if (restart && f.t0Sec - this.endSec > this.gapSec) gap = { startSec: this.endSec, endSec: f.t0Sec };
      this.originSec = f.t0Sec;
      this.fsHz = f.fsHz;
      this.pushed = 0;
    }
    const fs = this.fsHz;
    const expected = this.endSec;
    const lead = f.t0Sec - expected;
    let fill = 0;
    let fillValue = Number.NaN;
    let skip = 0;
    if (lead > this.maxFillSec) {
      gap = { startSec: expected, endSec: f.t0Sec };
      restart = true;
      this.originSec = f.t0Sec;
      this.pushed = 0;
    } else if (lead > this.gapSec) {
      gap = { startSec: expected, endSec: f.t0Sec };
      fill = Math.round(lead * fs);
    } else if (lead >= 0.75 / fs) {
      fill = Math.round(lead * fs);
      fillValue = this.lastValue;
    } else if (lead <= -0.75 / fs) {
      skip = Math.min(n, Math.round(-lead * fs));
    }
    const out = new Float32Array(fill + n - skip);
    if (fill > 0) out.fill(fillValue, 0, fill);
    out.set(f.values.subarray(skip), fill);
    this.pushed += out.length;
    for (let i = n - 1; i >= skip; i--) {
      if (Number.isFinite(f.values[i]!)) {
        this.lastValue = f.values[i]!;
        break;
      }
    }
    return { values: out, gap, restart };
  }
}

export interface BeatsAligned {
  /** An interval to push before the frame's own (spans a gap), ms; null when none. */
  bridgeMs: number | null;
  gap: TimeGap | null;
  /** The frame's intervals (unchanged). */
  ibiMs: readonly number[];
  /** Start of the frame's first interval, channel clock. */
  startSec: number;
}

export class BeatTimeline {
  /** Time of the last beat the pipeline knows, channel clock (null before the first intervals). */
  clockSec: number | null = null;

  constructor(private readonly gapSec = 1.5) {}

  align(f: BeatFrame): BeatsAligned {
    const sum = f.ibiMs.reduce((a, b) => a + b, 0) / 1000;
    const startSec = f.tSec - sum;
    let bridgeMs: number | null = null;
    let gap: TimeGap | null = null;
    if (this.clockSec === null) {
      this.clockSec = startSec;
    } else if (f.ibiMs.length > 0 && startSec - this.clockSec > this.gapSec) {
      gap = { startSec: this.clockSec, endSec: startSec };
      bridgeMs = (startSec - this.clockSec) * 1000;
      this.clockSec = startSec;
    }
    this.clockSec += sum;
    return { bridgeMs, gap, ibiMs: f.ibiMs, startSec };
  }
}

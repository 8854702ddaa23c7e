/**
 * `IntervalClock` — the channel clock of a sensor that sends beat intervals instead of samples
 * (BLE heart-rate RR, Polar PPI): a beat's time is the sum of the intervals before it, from the
 * start of the first interval (channel time 0). Arrival time only detects gaps: when a frame's
 * intervals, ending at its arrival, start more than `gapSec` after the last beat the clock knows
 * (intervals lost, a reconnect), the frame starts after a gap of that length instead of
 * continuing the chain. Intervals the device measured but left out (`skippedMs`, e.g. Polar PPI
 * samples blocked by movement) are a gap of exactly their length.
 */
import type { BeatFrame } from './frames.js';

export interface IntervalsAligned {
  /** Channel time where the frame's first interval starts. */
  startSec: number;
  /** The frame continues the chain (false after a gap or for the first frame). */
  continues: boolean;
  /** The span before the frame that no interval covers, or null. */
  gap: { startSec: number; endSec: number } | null;
  /** Channel time of the frame's last beat. */
  endSec: number;
}

export class IntervalClock {
  private originArrivalSec = Number.NaN;
  private clockSec = Number.NaN;

  constructor(private readonly gapSec = 1.5) {}

  /** Time of the last beat known, channel clock (NaN before the first intervals). */
  get endSec(): number {
    return this.clockSec;
  }

  /** Channel time at host time `arrivalSec`. */
  timeAtArrival(arrivalSec: number): number {
    return Number.isNaN(this.originArrivalSec) ? 0 : arrivalSec - this.originArrivalSec;
  }

  /** align: where frame `f`'s intervals go on the channel clock (call only for frames with intervals). */
  align(f: BeatFrame): IntervalsAligned {
    const sum = f.ibiMs.reduce((a, b) => a + (b > 0 ? b : 0), 0) / 1000;
    if (Number.isNaN(this.originArrivalSec)) {
      this.originArrivalSec = f.arrivalSec - sum;
      this.clockSec = sum;
      return { startSec: 0, continues: false, gap: null, endSec: sum };
    }
    const skipped = f.skippedMs && f.skippedMs > 0 ? f.skippedMs / 1000 : 0;
    const startByArrival = f.arrivalSec - sum - this.originArrivalSec;
    if (skipped > 0 && startByArrival - this.clockSec <= this.gapSec) {
      const gap = { startSec: this.clockSec, endSec: this.clockSec + skipped };
      this.clockSec += skipped + sum;
      return { startSec: gap.endSec, continues: false, gap, endSec: this.clockSec };
    }
    if (startByArrival - this.clockSec > this.gapSec) {
      const gap = { startSec: this.clockSec, endSec: startByArrival };
      this.clockSec = startByArrival + sum;
      return { startSec: startByArrival, continues: false, gap, endSec: this.clockSec };
    }
    const startSec = this.clockSec;
    this.clockSec += sum;
    return { startSec, continues: true, gap: null, endSec: this.clockSec };
  }
}

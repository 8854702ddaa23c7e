/**
 * `SampleTimeline` — the one sample sequence the beat detector sees, and the way back from its
 * sample index to the channel clock.
 *
 * The channel clock (shared/sensors/channelClock.ts) delivers chunks with a start time and the
 * rate in force; storage keeps them as they came. The detector wants one uniform sequence. Joining
 * the chunks in order, with `round(gap × fs)` NaN samples where a chunk starts later than the
 * previous one ends, gives that sequence; a beat found at (fractional) sample index x is at the
 * channel time of x on the chunk it fell in. Live (the analysis worker, chunk by chunk) and offline
 * (the stored chunks of a session) build the timeline with the same rule, so they see the same
 * samples and map beats to the same times: the offline analysis reproduces the live timing.
 */

/** A run of samples on the channel clock: sample i at `t0Sec + i / fsHz`. */
export interface TimedChunk {
  t0Sec: number;
  fsHz: number;
  values: ArrayLike<number>;
}

interface Segment {
  /** Sequence index of the segment's first sample. */
  i0: number;
  t0Sec: number;
  fsHz: number;
}

export interface TimelineAppend {
  /** NaN samples to push before the chunk's own (a gap on the channel clock). */
  fill: number;
  /** The gap was too long to fill: the detector must start over (the sequence restarts at 0). */
  restart: boolean;
}

/** Longest gap filled with NaN samples, s; a longer one restarts the sequence. */
export const MAX_FILL_SEC = 3600;

export class SampleTimeline {
  private segs: Segment[] = [];
  private n = 0;
  private endSecValue = Number.NaN;
  private lastFsHz = 0;

  constructor(private readonly maxFillSec = MAX_FILL_SEC) {}

  /** Samples in the sequence so far (fill included). */
  get length(): number {
    return this.n;
  }

  /** Channel time at the end of the sequence (NaN before the first chunk). */
  get endSec(): number {
    return this.endSecValue;
  }

  /** Channel time of the sequence's first sample (NaN before the first chunk). */
  get startSec(): number {
    return this.segs.length ? this.segs[0]!.t0Sec : Number.NaN;
  }

  /** The rate of the first chunk: the detector's design rate, Hz (0 before the first chunk). */
  get firstFsHz(): number {
    return this.segs.length ? this.segs[0]!.fsHz : 0;
  }

  /** Whether a chunk starting at `t0Sec` would start the sequence over (a gap too long to fill). */
  restartsAt(t0Sec: number): boolean {
    return this.segs.length > 0 && t0Sec - this.endSecValue > this.maxFillSec;
  }

  /** append: the next chunk (in time order); returns the NaN fill to push before its samples. */
  append(c: TimedChunk): TimelineAppend {
    const m = c.values.length;
    if (this.segs.length === 0) {
      this.start(c);
      return { fill: 0, restart: false };
    }
    const gapSec = c.t0Sec - this.endSecValue;
    const fsPrev = this.lastFsHz;
    if (gapSec > this.maxFillSec) {
      this.reset();
      this.start(c);
      return { fill: 0, restart: true };
    }
    const fill = Math.max(0, Math.round(gapSec * fsPrev));
    const i0 = this.n + fill;
    const last = this.segs[this.segs.length - 1]!;
    // A contiguous chunk at the same rate extends the last segment (one entry per rate change or gap).
    const contiguous = fill === 0 && Math.abs(gapSec) <= 0.5 / fsPrev;
    if (!(contiguous && c.fsHz === last.fsHz)) this.segs.push({ i0, t0Sec: fill === 0 ? this.endSecValue : c.t0Sec, fsHz: c.fsHz });
    this.n = i0 + m;
    this.endSecValue = (fill === 0 ? this.endSecValue : c.t0Sec) + m / c.fsHz;
    this.lastFsHz = c.fsHz;
    return { fill, restart: false };
  }

  /** timeAt: channel time of (fractional) sequence index `x`. */
  timeAt(x: number): number {
    const s = this.segs;
    if (s.length === 0) return Number.NaN;
    let lo = 0;
    let hi = s.length - 1;
    if (x >= s[hi]!.i0) lo = hi;
    else {
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (s[mid]!.i0 <= x) lo = mid;
        else hi = mid - 1;
      }
    }
    const seg = s[lo]!;
    return seg.t0Sec + (x - seg.i0) / seg.fsHz;
  }

  /** indexAt: the (fractional) sequence index at channel time `tSec` (inverse of timeAt within a segment). */
  indexAt(tSec: number): number {
    const s = this.segs;
    if (s.length === 0) return Number.NaN;
    let k = s.length - 1;
    while (k > 0 && s[k]!.t0Sec > tSec) k--;
    const seg = s[k]!;
    return seg.i0 + (tSec - seg.t0Sec) * seg.fsHz;
  }

  /** Forget segments that end before sequence index `x` (live: memory stays bounded). */
  forgetBefore(x: number): void {
    let k = 0;
    while (k + 1 < this.segs.length && this.segs[k + 1]!.i0 <= x) k++;
    if (k > 0) this.segs.splice(0, k);
  }

  reset(): void {
    this.segs = [];
    this.n = 0;
    this.endSecValue = Number.NaN;
    this.lastFsHz = 0;
  }

  private start(c: TimedChunk): void {
    this.segs.push({ i0: 0, t0Sec: c.t0Sec, fsHz: c.fsHz });
    this.n = c.values.length;
    this.endSecValue = c.t0Sec + c.values.length / c.fsHz;
    this.lastFsHz = c.fsHz;
  }
}

/**
 * `sequenceFromChunks` — the detector's input for stored chunks (time order): one array with NaN
 * over the gaps, its timeline, and where a gap too long to fill cut it (only the part after the
 * last cut is returned; `skippedSamples` counts what was left out).
 */
export function sequenceFromChunks(chunks: readonly TimedChunk[]): { values: Float32Array; timeline: SampleTimeline; skippedSamples: number } {
  const tl = new SampleTimeline();
  const parts: { at: number; values: ArrayLike<number> }[] = [];
  let skipped = 0;
  for (const c of chunks) {
    if (c.values.length === 0) continue;
    const a = tl.append(c);
    if (a.restart) {
      for (const p of parts) skipped += p.values.length;
      parts.length = 0;
    }
    parts.push({ at: tl.length - c.values.length, values: c.values });
  }
  const values = new Float32Array(tl.length).fill(Number.NaN);
  for (const p of parts) values.set(p.values, p.at);
  return { values, timeline: tl, skippedSamples: skipped };
}

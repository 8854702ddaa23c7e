/**
 * `ChannelClock` — one clock per channel: a PPG sample's time is its count at the channel's
 * estimated true rate. Frames come in with the device's own sample count (`index`), the host
 * arrival time and, where the protocol has one, the device's own clock (shared/sensors/frames.ts);
 * chunks go out with a start time and the rate in force, on the channel clock (0 = the first
 * sample). Every sample that came in goes out exactly once, in order: nothing is padded, dropped
 * or rounded onto a grid.
 *
 * - **Rate.** `RateEstimator` fits the count against the reference clock (the device clock where
 *   there is one, else arrival time: lower envelope over the last minutes). Until `warmupSec` of
 *   reference time has been seen the frames are held, so even the first chunk carries a measured
 *   rate; after that the rate in force follows the estimate (each chunk carries the rate it was
 *   timed with, so time is continuous and the offline analysis reproduces the live timing).
 * - **Gaps.** Arrival time only detects gaps. A device counter that skips (or device time that
 *   jumps) is a loss of that many samples: short ones are filled with NaN placeholders, longer
 *   ones (≥ `gapSec`) become a gap. Without either, a frame arriving more than `gapSec` later than
 *   its count predicts is held: if the following frames catch up, it was a delayed backlog (a
 *   burst: reported when ≥ 3× the rate; times stay count-based); if the delay persists for
 *   `confirmSec`, the device paused: a gap of the least delay seen is put before the held frames.
 *   A new counting epoch (`stream`, a reconnect) starts after a gap measured by arrival time.
 */
import type { PpgFrame, SensorNotice } from './frames.js';
import { RateEstimator } from './rateEstimator.js';

/** Consecutive samples on the channel clock: sample i at `t0Sec + i / fsHz`. */
export interface ClockedChunk {
  t0Sec: number;
  /** The rate in force (the estimated true rate), Hz. */
  fsHz: number;
  values: Float32Array;
}

export type ClockGapReason = 'pause' | 'restart' | 'samples-lost';

export interface ClockGap {
  startSec: number;
  endSec: number;
  reason: ClockGapReason;
}

export interface ClockOutput {
  chunks: ClockedChunk[];
  gaps: ClockGap[];
  notices: SensorNotice[];
}

export interface ChannelClockOptions {
  /** Reference time held before the first chunk, s (default 3 on arrival time, 0.2 on a device clock). */
  warmupSec?: number;
  /** A delay or loss this long is a gap, s (default 0.25). */
  gapSec?: number;
  /** A delay that persists this long (arrival time) is a pause, s (default 1). */
  confirmSec?: number;
  /** Rate history, s (default 30: follows a drifting device clock within ~15 s). */
  windowSec?: number;
  /** Report a measured rate this far from the declared one (fraction, default 0.03). */
  mismatchFraction?: number;
}

/** A device clock that jumps further than this across a restart is not trusted for the gap, s. */
const MAX_DEVICE_GAP_SEC = 3600;

const empty = (): ClockOutput => ({ chunks: [], gaps: [], notices: [] });

export class ChannelClock {
  private readonly o: Required<ChannelClockOptions>;
  private est: RateEstimator | null = null;
  private fsHz = 0;
  private declaredHz = 0;
  private stream = Number.NaN;
  private useDevice = false;
  /** Next device index expected in the current stream. */
  private nextIndex = 0;
  /** Samples virtually added to the count (pauses, losses) so the count stays on the reference line. */
  private nShift = 0;
  private endSecValue = 0;
  private started = false;
  private held: PpgFrame[] = [];
  private suspectSinceSec = Number.NaN;
  private mismatchReported = false;
  private lastArrivalSec = Number.NaN;
  /** Device time and arrival time of the newest sample released. */
  private lastDeviceSec = Number.NaN;
  private lastArrivalOfDataSec = Number.NaN;

  constructor(opts: ChannelClockOptions = {}) {
    this.o = {
      warmupSec: opts.warmupSec ?? Number.NaN,
      gapSec: opts.gapSec ?? 0.25,
      confirmSec: opts.confirmSec ?? 1,
      windowSec: opts.windowSec ?? 30,
      mismatchFraction: opts.mismatchFraction ?? 0.03,
    };
  }

  /** The rate in force, Hz (0 before the first chunk). */
  get rateHz(): number {
    return this.fsHz;
  }

  /** End of the samples released so far, channel clock, s. */
  get endSec(): number {
    return this.endSecValue;
  }

  /** Whether samples are being held (warm-up, or a delay being judged). */
  get holding(): boolean {
    return this.held.length > 0;
  }

  /** push: one frame in; the chunks, gaps and notices it releases. */
  push(f: PpgFrame): ClockOutput {
    const out = empty();
    if (f.values.length === 0 || !(f.fsHz > 0)) return out;
    this.lastArrivalSec = f.arrivalSec;
    if (this.est === null) this.begin(f);
    else if (f.stream !== this.stream || (f.index < this.nextIndex && !this.held.length)) this.restart(f, out);
    this.held.push(f);
    if (!this.started) {
      this.feed(f);
      const warm = Number.isFinite(this.o.warmupSec) ? this.o.warmupSec : this.useDevice ? 0.2 : 3;
      if (this.est!.estimate && this.est!.spanSec >= warm) {
        this.started = true;
        this.adoptRate(out);
        this.release(out, 0, true);
      }
      return out;
    }
    if (this.useDevice) {
      this.release(out, 0);
      return out;
    }
    // Arrival time: judge the delay of this frame's newest sample against the fitted line.
    const delay = this.delayOf(f);
    if (this.held.length === 1) {
      if (delay <= this.o.gapSec) this.release(out, 0);
      else this.suspectSinceSec = f.arrivalSec;
      return out;
    }
    if (delay <= this.o.gapSec / 2) {
      this.reportBurst(out);
      this.release(out, 0);
    } else if (f.arrivalSec - this.suspectSinceSec >= this.o.confirmSec) {
      let least = Infinity;
      for (const h of this.held) least = Math.min(least, this.delayOf(h));
      this.release(out, Math.max(0, least));
    }
    return out;
  }

  /** End of the stream: release what is held (as it came). */
  flush(): ClockOutput {
    const out = empty();
    if (this.held.length === 0 || this.est === null) return out;
    const fed = !this.started;
    if (!this.started) {
      this.started = true;
      this.adoptRate(out);
    }
    this.release(out, 0, fed);
    return out;
  }

  /** Channel time at host time `arrivalSec` (arrival-timed sources): the end of the data plus the time since it was sampled. */
  timeAtArrival(arrivalSec: number): number {
    const e = this.est?.estimate;
    if (!e || this.useDevice) return this.endSecValue;
    const lineEnd = e.interceptSec + (this.nextIndex + this.nShift) * e.secPerSample;
    return this.endSecValue + Math.max(0, arrivalSec - lineEnd);
  }

  private begin(f: PpgFrame): void {
    this.stream = f.stream;
    this.useDevice = f.deviceSec !== undefined;
    this.declaredHz = f.fsHz;
    this.est = new RateEstimator(1 / f.fsHz, { windowSec: this.o.windowSec });
    this.nextIndex = f.index;
  }

  /**
   * A new counting epoch: a gap measured on the device clock when it runs on across the restart
   * (Polar PMD timestamps), else on arrival time; then count on at the rate in force.
   */
  private restart(f: PpgFrame, out: ClockOutput): void {
    const fed = !this.started;
    if (!this.started) {
      this.started = true;
      this.adoptRate(out);
    }
    this.release(out, 0, fed);
    const e = this.est!.estimate;
    let gapSec = 0;
    const firstDeviceSec = f.deviceSec !== undefined ? f.deviceSec - (f.values.length - 1) / this.fsHz : Number.NaN;
    const byDevice = firstDeviceSec - this.lastDeviceSec - 1 / this.fsHz;
    if (this.useDevice && byDevice >= -0.5 / this.fsHz && byDevice < MAX_DEVICE_GAP_SEC) {
      gapSec = Math.max(0, byDevice);
    } else if (e && !this.useDevice) {
      const lineEnd = e.interceptSec + (this.nextIndex + this.nShift) * e.secPerSample;
      const firstArrival = f.arrivalSec - (f.values.length - 1) / this.fsHz;
      gapSec = Math.max(0, firstArrival - lineEnd - 1 / this.fsHz);
    } else if (this.useDevice && Number.isFinite(this.lastArrivalOfDataSec)) {
      // The device clock restarted too: only arrival time can tell how long it was away.
      gapSec = Math.max(0, f.arrivalSec - (f.values.length - 1) / this.fsHz - this.lastArrivalOfDataSec - 1 / this.fsHz);
    }
    if (gapSec > 0) {
      out.gaps.push({ startSec: this.endSecValue, endSec: this.endSecValue + gapSec, reason: 'restart' });
      this.endSecValue += gapSec;
    }
    this.stream = f.stream;
    this.nextIndex = f.index;
    this.nShift = 0;
    this.est = new RateEstimator(this.fsHz > 0 ? 1 / this.fsHz : 1 / f.fsHz, { windowSec: this.o.windowSec });
    this.suspectSinceSec = Number.NaN;
  }

  private ref(f: PpgFrame): number {
    return this.useDevice && f.deviceSec !== undefined ? f.deviceSec : f.arrivalSec;
  }

  /** Feed the estimator with a frame's count (device index + virtual shift) at its reference time. */
  private feed(f: PpgFrame): void {
    this.est!.add(f.index + f.values.length + this.nShift, this.ref(f));
  }

  /** Seconds by which a frame's newest sample arrived later than its count predicts. */
  private delayOf(f: PpgFrame): number {
    const e = this.est!.estimate;
    if (!e) return 0;
    return this.ref(f) - (e.interceptSec + (f.index + f.values.length + this.nShift) * e.secPerSample);
  }

  private adoptRate(out: ClockOutput): void {
    const e = this.est!.estimate;
    const measured = e ? 1 / e.secPerSample : this.declaredHz;
    this.fsHz = measured;
    if (!this.mismatchReported && Math.abs(measured / this.declaredHz - 1) > this.o.mismatchFraction) {
      this.mismatchReported = true;
      out.notices.push({ code: 'rate-mismatch', params: { declaredHz: this.declaredHz, measuredHz: Math.round(measured * 100) / 100 } });
    }
  }

  /** Release the held frames as chunks, with a gap of `pauseSec` before them (0 = none); `fed`: the estimator has seen them (warm-up). */
  private release(out: ClockOutput, pauseSec: number, fed = false): void {
    const frames = this.held;
    this.held = [];
    this.suspectSinceSec = Number.NaN;
    if (frames.length === 0) return;
    if (pauseSec > 0) {
      out.gaps.push({ startSec: this.endSecValue, endSec: this.endSecValue + pauseSec, reason: 'pause' });
      this.endSecValue += pauseSec;
      this.nShift += pauseSec * this.fsHz;
    }
    for (const f of frames) this.emit(f, out, fed);
  }

  private emit(f: PpgFrame, out: ClockOutput, fed: boolean): void {
    let values = f.values;
    // The device's own counter (or clock) says samples are missing before this frame.
    let missing = f.index - this.nextIndex;
    if (this.useDevice && this.est!.estimate) {
      const lateSamples = Math.round(this.delayOf(f) * this.fsHz);
      if (lateSamples > 1) missing = Math.max(missing, lateSamples);
      else if (lateSamples < -Math.max(2, values.length)) missing = 0; // device clock went back: keep counting
    }
    if (missing > 0) {
      const lostSec = missing / this.fsHz;
      if (lostSec >= this.o.gapSec) {
        out.gaps.push({ startSec: this.endSecValue, endSec: this.endSecValue + lostSec, reason: 'samples-lost' });
        out.notices.push({ code: 'samples-lost', params: { count: missing, seconds: Math.round(lostSec * 10) / 10 } });
        this.endSecValue += lostSec;
      } else {
        const filled = new Float32Array(missing + values.length);
        filled.fill(Number.NaN, 0, missing);
        filled.set(values, missing);
        values = filled;
      }
      if (this.useDevice && missing > f.index - this.nextIndex) this.nShift += missing - Math.max(0, f.index - this.nextIndex);
    }
    if (this.started && this.held.length === 0) this.maybeUpdateRate();
    out.chunks.push({ t0Sec: this.endSecValue, fsHz: this.fsHz, values });
    this.endSecValue += values.length / this.fsHz;
    this.nextIndex = f.index + f.values.length;
    if (f.deviceSec !== undefined) this.lastDeviceSec = f.deviceSec;
    this.lastArrivalOfDataSec = f.arrivalSec;
    if (!fed) this.feed(f);
  }

  /** Follow the estimate once it is worth a change (≥ 10 ppm). */
  private maybeUpdateRate(): void {
    const e = this.est!.estimate;
    if (!e || this.est!.spanSec < 2) return;
    const r = 1 / e.secPerSample;
    if (Math.abs(r / this.fsHz - 1) >= 1e-5) this.fsHz = r;
  }

  private reportBurst(out: ClockOutput): void {
    const frames = this.held;
    if (frames.length < 2) return;
    const n = frames.reduce((a, f) => a + f.values.length, 0);
    const wallSec = frames[frames.length - 1]!.arrivalSec - frames[0]!.arrivalSec;
    const backlogSec = n / this.fsHz;
    const factor = wallSec > 0 ? backlogSec / wallSec : Infinity;
    if (backlogSec >= 0.5 && factor >= 3) out.notices.push({ code: 'burst', params: { factor: Number.isFinite(factor) ? Math.round(factor) : 99 } });
  }
}

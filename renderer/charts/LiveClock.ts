/**
 * `LiveClock` — the live channel clock in the renderer, so the pacer and the scrolling charts move
 * smoothly on every animation frame between two live batches. Each batch reports the channel time
 * of its newest sample (`sync`); the clock keeps a rate (signal seconds per wall second: 1 for a
 * real sensor, the speed factor for a sped-up simulator) fitted over the last seconds of syncs, and
 * pulls its offset gently toward each report (a phase-locked loop), so it never jumps by more than
 * a few ms unless it is more than a second off.
 */
const WINDOW_MS = 4000;
const GAIN = 0.15;

export class LiveClock {
  private baseClock = 0;
  private basePerf = 0;
  private rate = 1;
  private synced = false;
  private readonly hist: { perf: number; clock: number }[] = [];

  /** Channel seconds per wall second currently assumed. */
  get speed(): number {
    return this.rate;
  }

  get isSynced(): boolean {
    return this.synced;
  }

  /** The clock now (or at `perfMs`, a `performance.now()` value). */
  now(perfMs: number = performance.now()): number {
    return this.baseClock + ((perfMs - this.basePerf) / 1000) * (this.synced ? this.rate : 1);
  }

  /** Start at `clockSec` with rate 1 (e.g. from a pacer timeline when no live data flows). */
  anchor(clockSec: number, perfMs: number = performance.now()): void {
    if (this.synced) return;
    this.baseClock = clockSec;
    this.basePerf = perfMs;
  }

  /** A live batch says the channel was at `clockSec` at `perfMs`. */
  sync(clockSec: number, perfMs: number = performance.now()): void {
    const h = this.hist;
    h.push({ perf: perfMs, clock: clockSec });
    while (h.length > 2 && perfMs - h[0]!.perf > WINDOW_MS) h.shift();
    const first = h[0]!;
    if (perfMs - first.perf > 500 && clockSec > first.clock) {
      const r = (clockSec - first.clock) / ((perfMs - first.perf) / 1000);
      if (Number.isFinite(r) && r > 0) this.rate = r;
    }
    const predicted = this.now(perfMs);
    const err = clockSec - predicted;
    if (!this.synced || Math.abs(err) > Math.max(1, this.rate)) {
      this.baseClock = clockSec;
      this.basePerf = perfMs;
      this.synced = true;
      return;
    }
    this.baseClock = predicted + err * GAIN;
    this.basePerf = perfMs;
  }

  reset(): void {
    this.synced = false;
    this.rate = 1;
    this.hist.length = 0;
  }
}

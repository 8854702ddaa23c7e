/**
 * `SampleRepair` — mends what a serial link does to single samples before beat detection:
 * a few missing samples (a lost or unreadable line, stored as NaN) are filled, and corrupt values
 * (a garbled line that still parsed: `512` read as `52`) are recognised as impulses and replaced
 * the same way. Longer runs stay missing (the detector then treats them as a gap).
 *
 * Method: Hampel's outlier identifier (Pearson 2002, "Outliers in process modeling and
 * identification", IEEE Trans Control Syst Technol 10(1):55–63) over ±`halfWindow` samples: a
 * sample is an impulse when it lies further from the window's median than `k` × the window's
 * scaled MAD and than `floorFrac` × the recent pulse amplitude (range of the repaired signal over
 * ~2 s). The median and MAD are robust to a few corrupt samples in the window, and on a pulse the
 * MAD is large wherever the wave itself moves fast, so the upstroke and peak are left alone.
 * Only samples that step away from a neighbour by more than the floor are tested (a cheap
 * pre-check). Gaps of up to `maxFillSec` (at least one sample) are filled by the cubic through
 * the two valid samples on either side (Lagrange; linear where a side has only one), which
 * follows a pulse's curved upstroke far better than a line (cf. NeuroKit2 `signal_interpolate`).
 *
 * Streaming: a sample goes out as soon as it can be judged — `halfWindow` samples later normally,
 * up to `delay` samples inside a run of missing ones. `flush` returns the rest. Sample i out is
 * sample i in (repaired), so sample indices — and with them all timing — are unchanged, and the
 * output does not depend on how the input was cut: live and offline analysis run it in the same
 * engine and get the same samples.
 */

export interface SampleRepairSettings {
  /** Longest run of missing samples filled, s (at least one sample is always fillable). */
  maxFillSec: number;
  /** Hampel window half-width, samples. */
  halfWindow: number;
  /** Hampel threshold, scaled MADs. */
  k: number;
  /** An impulse also lies this fraction of the recent amplitude from the median. */
  floorFrac: number;
  /** Span of the amplitude estimate, s. */
  amplitudeSec: number;
}

export const DEFAULT_SAMPLE_REPAIR: SampleRepairSettings = { maxFillSec: 0.1, halfWindow: 3, k: 3, floorFrac: 0.15, amplitudeSec: 2 };

const MAD_SCALE = 1.4826;
/** `verdict` of a held sample not judged yet (else 1 = missing or impulse, 0 = good). */
const UNJUDGED = -1;

export class SampleRepair {
  /** Most samples held back (a run of missing ones and the context after it). */
  readonly delay: number;
  private readonly maxFill: number;
  private readonly h: number;
  private readonly s: SampleRepairSettings;
  // Held samples (not yet out) in a ring: held sample k is buf[(head + k) & mask], `len` of them,
  // with its impulse verdict in `verdict` (UNJUDGED until judged). A ring instead of arrays that
  // shift per sample: this runs for every input sample.
  private buf = new Float64Array(64);
  private verdict = new Int8Array(64);
  private mask = 63;
  private head = 0;
  private len = 0;
  /** The last `h` repaired samples, a ring (`histN` of them, newest at `histPos − 1`). */
  private readonly hist: Float64Array;
  private histPos = 0;
  private histN = 0;
  /** Held samples already filled (the rest of a run). */
  private decided = 0;
  private readonly win: number[] = [];
  // Amplitude: min / max per block of `blockLen` output samples, the last few blocks.
  private readonly blockLen: number;
  private readonly mins: number[] = [];
  private readonly maxs: number[] = [];
  private bMin = Infinity;
  private bMax = -Infinity;
  private bN = 0;
  /** Lowest / highest of the completed blocks' `mins` / `maxs` (kept with them). */
  private blocksMin = Infinity;
  private blocksMax = -Infinity;
  /** Samples filled and impulses replaced so far. */
  filled = 0;
  impulses = 0;

  constructor(
    readonly fsHz: number,
    settings: Partial<SampleRepairSettings> = {},
  ) {
    this.s = { ...DEFAULT_SAMPLE_REPAIR, ...settings };
    this.maxFill = Math.max(1, Math.round(this.s.maxFillSec * fsHz));
    this.h = Math.max(1, this.s.halfWindow);
    this.delay = this.maxFill + 2 * this.h + 2;
    this.blockLen = Math.max(4, Math.round(fsHz / 2));
    this.hist = new Float64Array(this.h);
  }

  /** The longest look-ahead, s. */
  get delaySec(): number {
    return this.delay / this.fsHz;
  }

  /** push: raw samples (NaN = missing; values[from … to − 1]) → the repaired samples that can be judged now, appended to `out`. */
  push(values: ArrayLike<number>, out: number[] = [], from = 0, to: number = values.length): number[] {
    for (let i = from; i < to; i++) {
      if (this.len > this.mask) this.grow();
      const at = (this.head + this.len) & this.mask;
      this.buf[at] = values[i] as number;
      this.verdict[at] = UNJUDGED;
      this.len++;
      for (;;) {
        if (!this.step(false)) break;
        out.push(this.y);
      }
    }
    return out;
  }

  /** End of data: the held-back samples (judged with what there is). */
  flush(out: number[] = []): number[] {
    while (this.len > 0) {
      this.step(true);
      out.push(this.y);
    }
    return out;
  }

  reset(): void {
    this.head = 0;
    this.len = 0;
    this.histPos = 0;
    this.histN = 0;
    this.decided = 0;
    this.mins.length = 0;
    this.maxs.length = 0;
    this.bMin = Infinity;
    this.bMax = -Infinity;
    this.bN = 0;
    this.blocksMin = Infinity;
    this.blocksMax = -Infinity;
  }

  /**
   * Puts the oldest held sample, repaired, in `y` and returns true; false when more input is needed
   * to judge it (a flag and a field rather than `number | null`, which would box every sample).
   */
  private step(final: boolean): boolean {
    const n = this.len;
    if (n === 0) return false;
    const force = final || n > this.delay;
    if (this.decided > 0) {
      this.decided--;
      return this.emit(this.take());
    }
    const bad0 = this.isBad(0, force);
    if (bad0 === null) return false;
    if (!bad0) return this.emit(this.take());
    const last = this.histN ? this.histAt(-1) : Number.NaN;
    if (!(last === last)) {
      // Nothing valid before it to fill from: it stays missing.
      if (!Number.isNaN(this.take())) this.impulses++;
      return this.emit(Number.NaN);
    }
    // A run of bad samples starts here: find the first good one after it, and the one after that.
    let r1 = -1;
    for (let k = 1; k < n && k <= this.maxFill; k++) {
      const bad = this.isBad(k, force);
      if (bad === null) return false;
      if (!bad) {
        r1 = k;
        break;
      }
    }
    if (r1 < 0) {
      // Longer than a fillable gap (or the data ends): this one stays missing.
      if (!force && n <= this.maxFill) return false;
      if (!Number.isNaN(this.take())) this.impulses++;
      return this.emit(Number.NaN);
    }
    let r2v = Number.NaN;
    if (r1 + 1 < n) {
      const bad = this.isBad(r1 + 1, force);
      if (bad === null) return false;
      if (!bad) r2v = this.held(r1 + 1);
    } else if (!force) return false;
    const l2 = this.histN >= 2 ? this.histAt(-2) : Number.NaN;
    const r1v = this.held(r1);
    const b = this.buf;
    for (let j = 0; j < r1; j++) {
      const at = (this.head + j) & this.mask;
      if (!Number.isNaN(b[at]!)) this.impulses++;
      b[at] = fillAt(j + 1, l2, last, r1 + 1, r1v, r2v);
    }
    this.filled += r1;
    this.decided = r1 - 1;
    return this.emit(this.take());
  }

  private take(): number {
    const x = this.buf[this.head]!;
    this.head = (this.head + 1) & this.mask;
    this.len--;
    return x;
  }

  /** Held sample k (0 = oldest). */
  private held(k: number): number {
    return this.buf[(this.head + k) & this.mask]!;
  }

  /** Held sample k when held, else the repaired sample k (< 0: −1 = the newest out) when still in `hist`; NaN otherwise (as a missing one). */
  private near(k: number): number {
    if (k >= 0) return k < this.len ? this.buf[(this.head + k) & this.mask]! : Number.NaN;
    return -k <= this.histN ? this.histAt(k) : Number.NaN;
  }

  /** Repaired sample k < 0 (−1 = the newest out); k ≥ −histN. */
  private histAt(k: number): number {
    const h = this.h;
    return this.hist[(this.histPos + k + h) % h]!;
  }

  /** Double the ring (only when more is held than it takes; normally it holds `delay` + 1). */
  private grow(): void {
    const cap = 2 * (this.mask + 1);
    const buf = new Float64Array(cap);
    const verdict = new Int8Array(cap);
    for (let k = 0; k < this.len; k++) {
      const at = (this.head + k) & this.mask;
      buf[k] = this.buf[at]!;
      verdict[k] = this.verdict[at]!;
    }
    this.buf = buf;
    this.verdict = verdict;
    this.mask = cap - 1;
    this.head = 0;
  }

  /**
   * Whether held sample `k` is missing or an impulse; null when its right context has not come in
   * yet (unless `force`).
   */
  private isBad(k: number, force: boolean): boolean | null {
    const at = (this.head + k) & this.mask;
    const x = this.buf[at]!;
    if (!(x === x)) return true;
    const known = this.verdict[at]!;
    if (known !== UNJUDGED) return known === 1;
    const h = this.h;
    if (k + h >= this.len && !force) return null;
    const amp = this.amplitude();
    let bad = false;
    if (amp > 0) {
      const floor = this.s.floorFrac * amp;
      // Pre-check: a step of more than the floor from the nearest valid neighbour on either side.
      const left = this.validNear(k, -1);
      const right = this.validNear(k, 1);
      const steps = Math.abs(x - left) > floor || Math.abs(x - right) > floor;
      if (steps) bad = this.hampel(k, floor);
    }
    this.verdict[at] = bad ? 1 : 0;
    return bad;
  }

  /** The nearest valid value before (dir −1, repaired ones included) or after (dir 1) held sample k, within the window; NaN if none. */
  private validNear(k: number, dir: 1 | -1): number {
    for (let d = 1; d <= this.h; d++) {
      const v = this.near(k + dir * d);
      if (v === v) return v;
    }
    return Number.NaN;
  }

  /** Hampel's test of held sample k over ±h samples (repaired ones on the left where out already). */
  private hampel(k: number, floor: number): boolean {
    const w = this.win;
    w.length = 0;
    const h = this.h;
    for (let d = -h; d <= h; d++) {
      const v = this.near(k + d);
      if (v === v) w.push(v);
    }
    const xk = this.held(k);
    if (w.length < h + 2) {
      // Too few valid samples around for a median (a run of missing ones): an impulse is one that
      // lies beyond the floor from both nearest valid neighbours, on the same side.
      const dl = xk - this.validNear(k, -1);
      const dr = xk - this.validNear(k, 1);
      return (dl > floor && dr > floor) || (dl < -floor && dr < -floor);
    }
    w.sort((p, q) => p - q);
    const med = median(w);
    for (let i = 0; i < w.length; i++) w[i] = Math.abs(w[i]! - med);
    w.sort((p, q) => p - q);
    const mad = MAD_SCALE * median(w);
    const dev = Math.abs(xk - med);
    return dev > floor && dev > this.s.k * mad;
  }

  /** The recent amplitude of the repaired signal (from the first few samples on; NaN before). */
  private amplitude(): number {
    if (this.mins.length === 0 && this.bN < 5) return Number.NaN;
    const lo = this.bMin < this.blocksMin ? this.bMin : this.blocksMin;
    const hi = this.bMax > this.blocksMax ? this.bMax : this.blocksMax;
    return hi - lo;
  }

  /** The sample `step` put out last. */
  private y = 0;

  private emit(x: number): true {
    this.hist[this.histPos] = x;
    this.histPos = this.histPos + 1 === this.h ? 0 : this.histPos + 1;
    if (this.histN < this.h) this.histN++;
    if (x === x) this.track(x);
    this.y = x;
    return true;
  }

  private track(x: number): void {
    if (x < this.bMin) this.bMin = x;
    if (x > this.bMax) this.bMax = x;
    if (++this.bN < this.blockLen) return;
    this.mins.push(this.bMin);
    this.maxs.push(this.bMax);
    const keep = Math.max(1, Math.round((this.s.amplitudeSec * this.fsHz) / this.blockLen));
    if (this.mins.length > keep) {
      this.mins.shift();
      this.maxs.shift();
    }
    this.blocksMin = Infinity;
    this.blocksMax = -Infinity;
    for (let k = 0; k < this.mins.length; k++) {
      if (this.mins[k]! < this.blocksMin) this.blocksMin = this.mins[k]!;
      if (this.maxs[k]! > this.blocksMax) this.blocksMax = this.maxs[k]!;
    }
    this.bMin = Infinity;
    this.bMax = -Infinity;
    this.bN = 0;
  }
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/**
 * The value at position j of a gap between `l1` (position 0) and `r1` (position `pr1`): the cubic
 * through l2 (−1), l1, r1 and r2 (pr1 + 1) where both outer points are known, else the line.
 */
function fillAt(j: number, l2: number, l1: number, pr1: number, r1: number, r2: number): number {
  if (!(l2 === l2) || !(r2 === r2)) return l1 + ((r1 - l1) * j) / pr1;
  const xs = [-1, 0, pr1, pr1 + 1];
  const ys = [l2, l1, r1, r2];
  let v = 0;
  for (let a = 0; a < 4; a++) {
    let w = 1;
    for (let c = 0; c < 4; c++) if (c !== a) w *= (j - xs[c]!) / (xs[a]! - xs[c]!);
    v += w * ys[a]!;
  }
  return v;
}

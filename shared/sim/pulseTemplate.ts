/**
 * The PPG pulse template and the ring of pulses the waveform renderer sums.
 *
 * One pulse = a systolic wave plus a later, smaller diastolic (reflected) wave, each a Gaussian,
 * in the manner of Tang, Chen, Ward & Elgendi 2020 ("Synthetic photoplethysmogram generation
 * using two Gaussian functions", Sci Rep 10:13883). The systolic Gaussian is split (rise width
 * shorter than fall width) to give the steep upstroke and slower run-off of a real pulse; the
 * dip between the waves is the dicrotic notch. All timings scale with sqrt(RR / 0.83 s), so the
 * pulse compresses at high heart rates. The pulse starts (its "foot", support start) 4 rise-widths
 * before the systolic centre, where the template is < 0.1 % of its height, and ends 4 widths after
 * the diastolic centre.
 */

export interface PulseParams {
  /** Support start (foot of the pulse), seconds. */
  footSec: number;
  /** Support end, seconds. */
  endSec: number;
  /** Height of the systolic wave (a.u., nominal 1). */
  amp: number;
  /** Centre of the systolic wave, seconds. */
  mu1Sec: number;
  /** Gaussian widths (standard deviations) of the systolic rise and fall, seconds. */
  riseSec: number;
  fallSec: number;
  /** Height, centre and width of the diastolic wave. */
  a2: number;
  mu2Sec: number;
  s2Sec: number;
}

/** Template constants at the reference RR of 0.83 s (72 bpm). */
export const PULSE_SHAPE = Object.freeze({
  refRrSec: 0.83,
  riseSec: 0.033,
  fallSec: 0.078,
  diastolicDelaySec: 0.25,
  diastolicWidthSec: 0.085,
  diastolicRatio: 0.38,
  minScale: 0.6,
  maxScale: 1.3,
});

export function createPulseParams(): PulseParams {
  return { footSec: 0, endSec: 0, amp: 0, mu1Sec: 0, riseSec: 1, fallSec: 1, a2: 0, mu2Sec: 0, s2Sec: 1 };
}

/** Fill `out` with the pulse starting at `footSec` for a beat interval `rrSec` and systolic height `amp`. */
export function shapePulse(out: PulseParams, footSec: number, rrSec: number, amp: number): PulseParams {
  const s = Math.min(PULSE_SHAPE.maxScale, Math.max(PULSE_SHAPE.minScale, Math.sqrt(rrSec / PULSE_SHAPE.refRrSec)));
  out.footSec = footSec;
  out.riseSec = PULSE_SHAPE.riseSec * s;
  out.fallSec = PULSE_SHAPE.fallSec * s;
  out.mu1Sec = footSec + 4 * out.riseSec;
  out.amp = amp;
  out.a2 = amp * PULSE_SHAPE.diastolicRatio;
  out.mu2Sec = out.mu1Sec + PULSE_SHAPE.diastolicDelaySec * s;
  out.s2Sec = PULSE_SHAPE.diastolicWidthSec * s;
  out.endSec = out.mu2Sec + 4 * out.s2Sec;
  return out;
}

/** Value of one pulse at `tSec` (0 outside its support). */
export function pulseValue(p: PulseParams, tSec: number): number {
  if (tSec < p.footSec || tSec > p.endSec) return 0;
  const d1 = tSec - p.mu1Sec;
  const w = d1 < 0 ? p.riseSec : p.fallSec;
  const d2 = tSec - p.mu2Sec;
  return p.amp * Math.exp((-0.5 * d1 * d1) / (w * w)) + p.a2 * Math.exp((-0.5 * d2 * d2) / (p.s2Sec * p.s2Sec));
}

function sumAt(pulses: readonly PulseParams[], tSec: number): number {
  let v = 0;
  for (let i = 0; i < pulses.length; i++) v += pulseValue(pulses[i], tSec);
  return v;
}

/**
 * Time of the systolic maximum of `target` in the noiseless sum of `pulses` (which includes
 * `target` and the neighbours that overlap it): a 2 ms grid over the systolic wave, then a
 * golden-section search within ±2 ms of the best grid point (to < 0.1 µs).
 */
export function systolicPeakSec(pulses: readonly PulseParams[], target: PulseParams): number {
  const lo = target.mu1Sec - 2 * target.riseSec;
  const hi = target.mu1Sec + 1.5 * target.fallSec;
  const step = 0.002;
  let best = target.mu1Sec;
  let bestV = -Infinity;
  for (let t = lo; t <= hi; t += step) {
    const v = sumAt(pulses, t);
    if (v > bestV) {
      bestV = v;
      best = t;
    }
  }
  const g = (Math.sqrt(5) - 1) / 2;
  let a = best - step;
  let b = best + step;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = sumAt(pulses, c);
  let fd = sumAt(pulses, d);
  while (b - a > 1e-7) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = sumAt(pulses, c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = sumAt(pulses, d);
    }
  }
  return (a + b) / 2;
}

/**
 * `PulseRing`: the pulses still to be drawn, in foot order, as flat typed arrays (no per-sample
 * allocation). `sumAt(t)` must be called with non-decreasing t; it drops pulses that have ended.
 */
export class PulseRing {
  private readonly cap: number;
  private readonly foot: Float64Array;
  private readonly end: Float64Array;
  private readonly amp: Float64Array;
  private readonly mu1: Float64Array;
  private readonly kRise: Float64Array;
  private readonly kFall: Float64Array;
  private readonly a2: Float64Array;
  private readonly mu2: Float64Array;
  private readonly k2: Float64Array;
  private head = 0;
  private count = 0;

  constructor(capacity = 64) {
    this.cap = capacity;
    this.foot = new Float64Array(capacity);
    this.end = new Float64Array(capacity);
    this.amp = new Float64Array(capacity);
    this.mu1 = new Float64Array(capacity);
    this.kRise = new Float64Array(capacity);
    this.kFall = new Float64Array(capacity);
    this.a2 = new Float64Array(capacity);
    this.mu2 = new Float64Array(capacity);
    this.k2 = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  /** Append a pulse (feet must be non-decreasing). When full, the oldest pulse is dropped. */
  push(p: PulseParams): void {
    if (this.count === this.cap) {
      this.head = (this.head + 1) % this.cap;
      this.count--;
    }
    const i = (this.head + this.count) % this.cap;
    this.foot[i] = p.footSec;
    this.end[i] = p.endSec;
    this.amp[i] = p.amp;
    this.mu1[i] = p.mu1Sec;
    this.kRise[i] = -0.5 / (p.riseSec * p.riseSec);
    this.kFall[i] = -0.5 / (p.fallSec * p.fallSec);
    this.a2[i] = p.a2;
    this.mu2[i] = p.mu2Sec;
    this.k2[i] = -0.5 / (p.s2Sec * p.s2Sec);
    this.count++;
  }

  /** Sum of all pulses at `tSec`. */
  sumAt(tSec: number): number {
    while (this.count > 0 && tSec > this.end[this.head]) {
      this.head = this.head + 1 === this.cap ? 0 : this.head + 1;
      this.count--;
    }
    let v = 0;
    let i = this.head;
    for (let n = 0; n < this.count; n++) {
      if (tSec < this.foot[i]) break;
      if (tSec <= this.end[i]) {
        const d1 = tSec - this.mu1[i];
        const d2 = tSec - this.mu2[i];
        v += this.amp[i] * Math.exp(d1 * d1 * (d1 < 0 ? this.kRise[i] : this.kFall[i]));
        v += this.a2[i] * Math.exp(d2 * d2 * this.k2[i]);
      }
      i = i + 1 === this.cap ? 0 : i + 1;
    }
    return v;
  }
}

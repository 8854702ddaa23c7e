/**
 * Reference breathing rate from a respiration belt (or impedance pneumography) signal, for the
 * benchmark: the dominant frequency of the respiration signal in 0.05–0.7 Hz (3–42 breaths/min)
 * over a 64 s window. The signal is block-averaged to ~5 Hz and band-passed 0.05–0.7 Hz (zero
 * phase) and divided by its 10 s moving RMS (automatic gain control); in each window it is
 * linearly detrended and clipped at ±3 robust SD (median ± 3 × 1.4826 × MAD), so that sighs and
 * movement artifacts do not outweigh the breathing, then Hann-windowed; its power is evaluated by a direct DFT on a 0.001 Hz grid and the peak refined
 * by parabolic interpolation. Windows are trailing (they end at the time asked), like the
 * breathing-rate series of shared/dsp/respiration.ts.
 *
 * `countRateAt` is a second reference on the same prepared signal: breaths COUNTED in the window
 * (count-orig of Schäfer & Kratky 2008, Ann. Biomed. Eng. 36:2072–2083: local maxima above
 * 0.2 × the 75th percentile of the maxima and minima below 0.2 × the 25th percentile of the
 * minima, taken alternately; rate = 60 · (breaths − 1) / (time from the first to the last breath)).
 * On irregular breathing (sighs, pauses) the dominant frequency and the counted rate can differ by
 * several breaths/min; the counted rate is what "breaths per minute" means clinically.
 */
import { bandPass } from './ecgRPeaks.js';

export interface RespRateOptions {
  windowSec?: number;
  bandHz?: readonly [number, number];
}

const DEFAULTS = { windowSec: 64, bandHz: [0.05, 0.7] as const };
const TARGET_FS_HZ = 5;

/** Quantile q (0 … 1) of xs (linear interpolation). */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const i = Math.floor(pos);
  return i + 1 < s.length ? s[i]! + (pos - i) * (s[i + 1]! - s[i]!) : s[i]!;
}

/** A respiration signal prepared once: block-averaged to ~5 Hz. */
export class RespReference {
  readonly fsHz: number;
  private x: Float64Array;
  private readonly windowSec: number;
  private readonly bandHz: readonly [number, number];

  constructor(resp: ArrayLike<number>, fsHz: number, opts: RespRateOptions = {}) {
    const factor = Math.max(1, Math.floor(fsHz / TARGET_FS_HZ));
    this.fsHz = fsHz / factor;
    const m = Math.floor(resp.length / factor);
    this.x = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = 0;
      let c = 0;
      for (let k = 0; k < factor; k++) {
        const v = resp[i * factor + k]!;
        if (!Number.isNaN(v)) {
          s += v;
          c++;
        }
      }
      this.x[i] = c > 0 ? s / c : NaN;
    }
    this.windowSec = opts.windowSec ?? DEFAULTS.windowSec;
    this.bandHz = opts.bandHz ?? DEFAULTS.bandHz;
    // Band-pass the valid stretches (NaN blocks stay NaN).
    for (let i = 0; i < m; ) {
      if (Number.isNaN(this.x[i]!)) {
        i++;
        continue;
      }
      let j = i;
      while (j < m && !Number.isNaN(this.x[j]!)) j++;
      if (j - i > 8) this.x.set(bandPass(this.x.subarray(i, j), this.fsHz, this.bandHz[0], this.bandHz[1]), i);
      i = j;
    }
    // Automatic gain control: divide by the moving RMS over 10 s (centred), so that a sigh or a
    // movement does not outweigh a minute of shallow breathing.
    const half = Math.round(5 * this.fsHz);
    const sq = new Float64Array(m + 1);
    const cnt = new Float64Array(m + 1);
    for (let k = 0; k < m; k++) {
      const v = this.x[k]!;
      sq[k + 1] = sq[k]! + (Number.isNaN(v) ? 0 : v * v);
      cnt[k + 1] = cnt[k]! + (Number.isNaN(v) ? 0 : 1);
    }
    const agc = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const a = Math.max(0, k - half);
      const b = Math.min(m, k + half + 1);
      const c = cnt[b]! - cnt[a]!;
      const rms = c > 0 ? Math.sqrt((sq[b]! - sq[a]!) / c) : 0;
      agc[k] = rms > 0 ? this.x[k]! / rms : this.x[k]!;
    }
    this.x = agc;
  }

  /** Duration of the signal, s. */
  get durationSec(): number {
    return this.x.length / this.fsHz;
  }

  /**
   * Breathing rate (breaths/min) in the window ending at `endSec` (seconds from the first
   * sample); null when the window does not fit in the signal or holds missing samples.
   */
  rateAt(endSec: number): number | null {
    const n = Math.round(this.windowSec * this.fsHz);
    const i1 = Math.round(endSec * this.fsHz);
    const i0 = i1 - n;
    if (i0 < 0 || i1 > this.x.length) return null;
    const seg = this.x.subarray(i0, i1);
    if (seg.some(Number.isNaN)) return null;
    // Linear detrend (least squares) and Hann window.
    const mid = (n - 1) / 2;
    let sy = 0;
    let sxy = 0;
    let sxx = 0;
    for (let k = 0; k < n; k++) {
      sy += seg[k]!;
      sxy += (k - mid) * seg[k]!;
      sxx += (k - mid) ** 2;
    }
    const mean = sy / n;
    const slope = sxx > 0 ? sxy / sxx : 0;
    const y = new Float64Array(n);
    for (let k = 0; k < n; k++) y[k] = seg[k]! - mean - slope * (k - mid);
    const sorted = Float64Array.from(y).sort();
    const med = sorted[n >> 1]!;
    const mad = Float64Array.from(y, (v) => Math.abs(v - med)).sort()[n >> 1]!;
    const lim = 3 * 1.4826 * mad;
    for (let k = 0; k < n; k++) {
      const v = Math.max(med - lim, Math.min(med + lim, y[k]!));
      y[k] = v * (0.5 - 0.5 * Math.cos((2 * Math.PI * k) / (n - 1)));
    }
    // Power on a 0.001 Hz grid over the band.
    const step = 0.001;
    const [lo, hi] = this.bandHz;
    const freqs: number[] = [];
    const power: number[] = [];
    for (let f = lo; f <= hi + 1e-12; f += step) {
      const w = (2 * Math.PI * f) / this.fsHz;
      let re = 0;
      let im = 0;
      for (let k = 0; k < n; k++) {
        re += y[k]! * Math.cos(w * k);
        im -= y[k]! * Math.sin(w * k);
      }
      freqs.push(f);
      power.push(re * re + im * im);
    }
    let best = 0;
    for (let k = 1; k < power.length; k++) if (power[k]! > power[best]!) best = k;
    if (!(power[best]! > 0)) return null;
    let f = freqs[best]!;
    if (best > 0 && best < power.length - 1) {
      const a = power[best - 1]!;
      const b = power[best]!;
      const c = power[best + 1]!;
      const den = a - 2 * b + c;
      if (den < 0) f += (0.5 * (a - c) * step) / den;
    }
    return 60 * f;
  }

  /**
   * Breaths counted in the window of `windowSec` (default 60) ending at `endSec`, as a rate
   * (breaths/min; see the file comment); null when the window does not fit or has < 3 breaths.
   */
  countRateAt(endSec: number, windowSec = 60): number | null {
    const fs = this.fsHz;
    const i1 = Math.round(endSec * fs);
    const i0 = i1 - Math.round(windowSec * fs);
    if (i0 < 0 || i1 > this.x.length) return null;
    const seg = this.x.subarray(i0, i1);
    if (seg.some(Number.isNaN)) return null;
    let mean = 0;
    for (const v of seg) mean += v / seg.length;
    const y = Array.from(seg, (v) => v - mean);
    const maxima: number[] = [];
    const minima: number[] = [];
    for (let k = 1; k + 1 < y.length; k++) {
      if (y[k]! > y[k - 1]! && y[k]! >= y[k + 1]!) maxima.push(k);
      else if (y[k]! < y[k - 1]! && y[k]! <= y[k + 1]!) minima.push(k);
    }
    if (maxima.length < 3 || minima.length < 2) return null;
    const hiThr = 0.2 * quantile(maxima.map((k) => y[k]!), 0.75);
    const loThr = 0.2 * quantile(minima.map((k) => y[k]!), 0.25);
    const ext = [
      ...maxima.filter((k) => y[k]! > hiThr).map((k) => ({ k, s: 1 })),
      ...minima.filter((k) => y[k]! < loThr).map((k) => ({ k, s: -1 })),
    ].sort((a, b) => a.k - b.k);
    const seq: { k: number; s: number }[] = [];
    for (const e of ext) {
      const last = seq[seq.length - 1];
      if (last && last.s === e.s) {
        if (e.s * y[e.k]! > e.s * y[last.k]!) seq[seq.length - 1] = e;
      } else seq.push(e);
    }
    const peaks = seq.filter((e) => e.s === 1).map((e) => e.k / fs);
    if (peaks.length < 3) return null;
    return (60 * (peaks.length - 1)) / (peaks[peaks.length - 1]! - peaks[0]!);
  }
}

/** Breathing rate every `stepSec` (trailing windows), for reports. */
export function respRateSeries(
  resp: ArrayLike<number>,
  fsHz: number,
  stepSec = 5,
  opts: RespRateOptions = {},
): { tSec: number[]; rateBpm: (number | null)[] } {
  const ref = new RespReference(resp, fsHz, opts);
  const windowSec = opts.windowSec ?? DEFAULTS.windowSec;
  const tSec: number[] = [];
  const rateBpm: (number | null)[] = [];
  for (let t = windowSec; t <= ref.durationSec + 1e-9; t += stepSec) {
    tSec.push(t);
    rateBpm.push(ref.rateAt(t));
  }
  return { tSec, rateBpm };
}

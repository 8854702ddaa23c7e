/**
 * SignalQualityMonitor: per-second signal quality of one sensor channel, with an ear-clip
 * placement hint for the UI. Pure code (no Node): frames in, one `SignalQualitySecond` out
 * for every completed second of signal (second k covers [k, k+1) on the channel clock).
 *
 * PPG checks per second (raw samples, sensor units):
 * - no-signal: ≥ 50 % of the samples missing (NaN), less than half a second of samples (a gap
 *              in the frame times; not in the first second), or none at all (skipped seconds);
 * - flat:      peak-to-peak ≤ 0.6 % of the ADC range (at least 2 counts; integer data), ≤ 1e-6 of the level (float data), or
 *              < 4 % of the recent typical pulse amplitude (median of the last 20 usable seconds);
 * - no-contact: the device says so (StatusFrame contact 'off'), or a flat line at the bottom of
 *              the range seen so far (an ear clip off the lobe reads near-dark);
 * - clipping:  ≥ 3 % of the samples stuck at the extremes: runs of ≥ 3 equal samples at an ADC
 *              rail (0 or 2^k − 1 for integer data), or runs ≥ 0.12 s at the channel's all-time
 *              minimum/maximum;
 * - motion:    detrended peak-to-peak > 2.5 × the recent median (needs 5 usable seconds first);
 * - noisy:     none of the above, but the analysis covers < 50 % of the last 10 s with trusted
 *              beats (`setAnalysisQuality`, the worker's `qualityPct`) — judged only after the
 *              first 12 s and 10 s after the last second with another flag (the window must be clean).
 * Beat-interval sources (BLE RR): no-signal when no interval arrived for 3 s, no-contact from
 * StatusFrames, noisy when > 20 % of the second's intervals are implausible (< 300 or > 2000 ms,
 * or > 30 % off the previous one).
 *
 * qualityPct of a second: the analysis value (0 until the first one) — 0 with no-signal, flat or
 * no-contact, at most 50 with clipping or motion. Without analysis (`analysis: false`) a local
 * score: 100, 40 with clipping/motion/noisy, 0 with the severe flags.
 *
 * Hint keys (first that applies): no-signal → 'check-connection', no-contact or flat → 'clip-off'
 * (clip the sensor back on the ear lobe), clipping → 'move-clip' (move it to a thinner part of the
 * lobe / less pressure), motion → 'hold-still', noisy → 'warm-ear' (weak pulse: rub or warm the lobe).
 */
import type { ClockedChunk } from '../../shared/sensors/channelClock.js';

export type QualityFlag = 'no-signal' | 'flat' | 'clipping' | 'motion' | 'no-contact' | 'noisy';
export type PlacementHint = 'check-connection' | 'clip-off' | 'move-clip' | 'hold-still' | 'warm-ear';

export interface SignalQualitySecond {
  tSec: number;
  qualityPct: number;
  contact: 'ok' | 'off' | 'unknown';
  flags: QualityFlag[];
  /** Ear-clip placement hint key for the UI (see PlacementHint). */
  hint?: string;
}

export interface SignalQualityOptions {
  /** false: no analysis values will come; use the local score (default true). */
  analysis?: boolean;
  motionFactor?: number;
  /** Seconds of history for the typical amplitude (default 20). */
  historySec?: number;
  /** Most skipped seconds filled in as no-signal after a gap (default 3600). */
  maxFillSec?: number;
}

const SEVERE: readonly QualityFlag[] = ['no-signal', 'flat', 'no-contact'];
const HINTS: readonly [QualityFlag, PlacementHint][] = [
  ['no-signal', 'check-connection'],
  ['no-contact', 'clip-off'],
  ['flat', 'clip-off'],
  ['clipping', 'move-clip'],
  ['motion', 'hold-still'],
  ['noisy', 'warm-ear'],
];

/** hintFor: the placement hint key for a set of flags (undefined when clean). */
export function hintFor(flags: readonly QualityFlag[]): PlacementHint | undefined {
  return HINTS.find(([f]) => flags.includes(f))?.[1];
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
}

/** Peak-to-peak after removing the least-squares line (baseline wander within the second). */
export function detrendedPeakToPeak(v: readonly number[]): number {
  const n = v.length;
  if (n < 2) return 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sx += i;
    sy += v[i]!;
    sxx += i * i;
    sxy += i * v[i]!;
  }
  const den = n * sxx - sx * sx;
  const b = den === 0 ? 0 : (n * sxy - sx * sy) / den;
  const a = (sy - b * sx) / n;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = v[i]! - (a + b * i);
    if (r < lo) lo = r;
    if (r > hi) hi = r;
  }
  return hi - lo;
}

/** Samples in runs of ≥ `minRun` equal values that sit at one of `levels`. */
export function stuckSamples(v: readonly number[], levels: readonly number[], minRun: number): number {
  let stuck = 0;
  let i = 0;
  while (i < v.length) {
    let j = i + 1;
    while (j < v.length && v[j] === v[i]) j++;
    if (j - i >= minRun && levels.includes(v[i]!)) stuck += j - i;
    i = j;
  }
  return stuck;
}

/** The ADC rails an integer signal can saturate at: 0 and the smallest 2^k − 1 (k ≥ 7) ≥ its maximum. */
function railsFor(maxSeen: number): number[] {
  for (let k = 7; k <= 16; k++) if (2 ** k - 1 >= maxSeen) return [0, 2 ** k - 1];
  return [0];
}

interface Bin {
  k: number;
  /** Sample rate of the PPG in this second (0 = none seen). */
  fsHz: number;
  values: number[];
  nan: number;
  contactOff: boolean;
  ibis: number[];
}

export class SignalQualityMonitor {
  private readonly o: Required<SignalQualityOptions>;
  private bin: Bin | null = null;
  /** Next second to emit. */
  private nextK = 0;
  private started = false;
  private ampHistory: number[] = [];
  private minSeen = Infinity;
  private maxSeen = -Infinity;
  private allInteger = true;
  private reportedContact: 'ok' | 'off' | 'unknown' | undefined;
  private analysisPct: number | undefined;
  private lastBeatSec = -Infinity;
  private prevIbi = NaN;
  private lastIssueK = -Infinity;
  private firstK = 0;

  constructor(opts: SignalQualityOptions = {}) {
    this.o = { analysis: true, motionFactor: 2.5, historySec: 20, maxFillSec: 3600, ...opts };
  }

  /** The latest per-window quality from the analysis (LiveMetrics.qualityPct). */
  setAnalysisQuality(qualityPct: number): void {
    if (Number.isFinite(qualityPct)) this.analysisPct = Math.max(0, Math.min(100, qualityPct));
  }

  /** Contact reported by the device; applies from now until the next status with a contact. */
  pushContact(contact: 'ok' | 'off' | 'unknown' | undefined): void {
    if (contact === undefined) return;
    this.reportedContact = contact;
    if (contact === 'off' && this.bin) this.bin.contactOff = true;
  }

  /** PPG samples on the channel clock; returns the seconds completed by them. */
  pushPpg(f: ClockedChunk): SignalQualitySecond[] {
    const out: SignalQualitySecond[] = [];
    const dt = 1 / f.fsHz;
    for (let i = 0; i < f.values.length; i++) {
      const t = f.t0Sec + i * dt;
      const bin = this.binAt(Math.floor(t + 1e-9), out);
      if (!bin) continue;
      bin.fsHz = f.fsHz;
      const x = f.values[i]!;
      if (Number.isFinite(x)) bin.values.push(x);
      else bin.nan++;
    }
    return out;
  }

  /** Beat intervals (sources without PPG) whose last one closed at `tSec` (channel clock); returns the seconds completed. */
  pushBeats(tSec: number, ibiMs: readonly number[]): SignalQualitySecond[] {
    const out: SignalQualitySecond[] = [];
    const bin = this.binAt(Math.floor(tSec + 1e-9), out);
    if (bin) bin.ibis.push(...ibiMs);
    if (ibiMs.length > 0) this.lastBeatSec = tSec;
    return out;
  }

  reset(): void {
    this.bin = null;
    this.nextK = 0;
    this.started = false;
    this.ampHistory = [];
    this.minSeen = Infinity;
    this.maxSeen = -Infinity;
    this.allInteger = true;
    this.reportedContact = undefined;
    this.analysisPct = undefined;
    this.lastBeatSec = -Infinity;
    this.prevIbi = NaN;
    this.lastIssueK = -Infinity;
  }

  /** The bin for second k, closing (and emitting) earlier ones; null for a time before the open bin. */
  private binAt(k: number, out: SignalQualitySecond[]): Bin | null {
    if (!this.started) {
      this.started = true;
      this.nextK = k;
      this.firstK = k;
    }
    if (this.bin && k === this.bin.k) return this.bin;
    if (this.bin && k < this.bin.k) return null; // late sample: ignore
    if (this.bin) {
      out.push(this.evaluate(this.bin));
      this.nextK = this.bin.k + 1;
      this.bin = null;
    }
    // Seconds without any data in between (a gap): no signal.
    if (k - this.nextK > this.o.maxFillSec) this.nextK = k - this.o.maxFillSec;
    for (; this.nextK < k; this.nextK++) out.push(this.evaluate(this.emptyBin(this.nextK)));
    this.bin = this.emptyBin(k);
    return this.bin;
  }

  private emptyBin(k: number): Bin {
    return { k, fsHz: 0, values: [], nan: 0, contactOff: this.reportedContact === 'off', ibis: [] };
  }

  private evaluate(b: Bin): SignalQualitySecond {
    const flags: QualityFlag[] = [];
    const isBeatSecond = b.values.length === 0 && b.nan === 0 && (b.ibis.length > 0 || this.lastBeatSec > -Infinity);
    if (isBeatSecond) this.evaluateBeats(b, flags);
    else this.evaluatePpg(b, flags);
    if (b.contactOff && !flags.includes('no-contact')) flags.push('no-contact');
    if (flags.some((f) => f !== 'noisy')) this.lastIssueK = b.k;
    // The analysis quality covers the last 10 s: only judge it 10 s after the last other problem.
    else if (flags.length === 0 && this.analysisPct !== undefined && this.analysisPct < 50 && b.k >= 12 && b.k - this.lastIssueK > 10) flags.push('noisy');
    const severe = flags.some((f) => SEVERE.includes(f));
    const mild = flags.length > 0 && !severe;
    let q: number;
    if (this.o.analysis) {
      q = this.analysisPct ?? 0;
      if (severe) q = 0;
      else if (flags.includes('clipping') || flags.includes('motion')) q = Math.min(q, 50);
    } else q = severe ? 0 : mild ? 40 : 100;
    let contact: SignalQualitySecond['contact'];
    if (b.contactOff) contact = 'off';
    else if (this.reportedContact !== undefined && this.reportedContact !== 'unknown') contact = this.reportedContact;
    else if (flags.includes('no-contact')) contact = 'off';
    else if (flags.length === 0 || (flags.length === 1 && flags[0] === 'noisy')) contact = 'ok';
    else contact = 'unknown';
    const hint = hintFor(flags);
    return { tSec: b.k, qualityPct: Math.round(q), contact, flags, ...(hint ? { hint } : {}) };
  }

  private evaluatePpg(b: Bin, flags: QualityFlag[]): void {
    const v = b.values;
    const total = v.length + b.nan;
    // Less than half a second of samples (a gap in the frame times), except in the very first second.
    const short = b.fsHz > 0 && total < 0.5 * b.fsHz && b.k !== this.firstK;
    if (total === 0 || b.nan / total >= 0.5 || v.length < 3 || short) {
      flags.push('no-signal');
      return;
    }
    let lo = Infinity;
    let hi = -Infinity;
    let sum = 0;
    let integer = true;
    for (const x of v) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
      sum += x;
      if (integer && !Number.isInteger(x)) integer = false;
    }
    const mean = sum / v.length;
    const prevMin = this.minSeen;
    this.minSeen = Math.min(this.minSeen, lo);
    this.maxSeen = Math.max(this.maxSeen, hi);
    this.allInteger &&= integer;
    const range = hi - lo;
    const amp = detrendedPeakToPeak(v);
    const ready = this.ampHistory.length >= 5;
    const ref = ready ? median(this.ampHistory) : NaN;

    const absFlat = this.allInteger ? range <= Math.max(2, 0.006 * railsFor(this.maxSeen).at(-1)!) : range <= 1e-6 * Math.max(1, Math.abs(mean));
    const flat = absFlat || (ready && amp < 0.04 * ref);
    if (flat) {
      flags.push('flat');
      const span = this.maxSeen - this.minSeen;
      const nearBottom = span <= 0 || prevMin === Infinity || mean - this.minSeen <= 0.1 * span;
      if (nearBottom) flags.push('no-contact');
      return; // a flat second says nothing about the pulse amplitude
    }

    // Clipping: samples stuck at a rail or at the all-time extremes.
    const fs = b.fsHz || total;
    const railLevels = this.allInteger ? railsFor(this.maxSeen).filter((r) => r === lo || r === hi) : [];
    let stuck = railLevels.length ? stuckSamples(v, railLevels, 3) : 0;
    const extremes = [lo, hi].filter((x) => x === this.minSeen || x === this.maxSeen);
    if (stuck === 0 && extremes.length) stuck = stuckSamples(v, extremes, Math.max(3, Math.round(0.12 * fs)));
    if (stuck >= 0.03 * v.length) flags.push('clipping');

    if (ready && amp > this.o.motionFactor * ref) flags.push('motion');

    this.ampHistory.push(amp);
    if (this.ampHistory.length > this.o.historySec) this.ampHistory.shift();
  }

  private evaluateBeats(b: Bin, flags: QualityFlag[]): void {
    if (b.ibis.length === 0 && b.k + 1 - this.lastBeatSec > 3) {
      flags.push('no-signal');
      return;
    }
    let bad = 0;
    for (const ibi of b.ibis) {
      const jump = Number.isFinite(this.prevIbi) && Math.abs(ibi - this.prevIbi) > 0.3 * this.prevIbi;
      if (ibi < 300 || ibi > 2000 || jump) bad++;
      this.prevIbi = ibi;
    }
    if (b.ibis.length > 0 && bad / b.ibis.length > 0.2) flags.push('noisy');
  }
}

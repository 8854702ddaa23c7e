/**
 * `SimTruth`: what the simulator knows about the signal it generated — beat times, breath
 * onsets, the heart-rate and breathing-rate model values over time, artifacts — for scoring
 * detectors and analyses. By default it grows while the simulator runs (about 9000 beats and
 * 150 k model ticks for a 2-hour session; the tick series are kept as growable Float32Arrays).
 * A live source that runs for hours (the app's demo sensors, a simulated group) keeps only a
 * window of it (`keepSec`): nobody reads a live source's old truth, and an unbounded record
 * was the whole main-process heap growth of a simulated group session (issue 14: ~24 bytes per
 * simulated beat on the heap plus 8 bytes per 50 ms tick in array buffers, per channel).
 */
import { rsaPeakToTroughBpm, rsaPhaseRad } from './rsaModel.js';

export type BeatKind = 'normal' | 'ectopic';

export interface SimArtifact {
  startSec: number;
  endSec: number;
  kind: 'motion' | 'clip-off';
}

export interface SimTruth {
  /**
   * Beats whose pulse is in the signal (beats during clip-off are left out).
   * `tSec`: beat onset (the IPFM event, the "R wave"); `peakTSec`: systolic maximum of the
   * noiseless pulse wave at the ear (sub-sample accurate).
   */
  beats: { tSec: number[]; peakTSec: number[]; kind: BeatKind[] };
  /** Start of each inhale of the simulated person. */
  breaths: { tSec: number[] };
  /** Instantaneous breathing rate of the person, breaths/min (model value, linear between 50 ms ticks). */
  breathingBpmAt(tSec: number): number;
  /** Instantaneous heart rate of the model, bpm (the IPFM input, linear between 50 ms ticks). */
  hrBpmAt(tSec: number): number;
  /** The model's RSA peak-to-trough HR swing at a breathing rate, bpm (see `rsaModel.ts`). */
  rsaPeakToTroughBpmAt(breathingBpm: number): number;
  /** The model's HR phase lead over breathing (lung volume) at a breathing rate, radians; negative = HR lags. */
  rsaPhaseRadAt(breathingBpm: number): number;
  /** Motion bursts and clip-off periods, in start order per kind, added when the simulation reaches them. */
  artifacts: SimArtifact[];
  /**
   * Start of what is kept, s: 0 unless the truth keeps a window (`keepSec`), else the time before
   * which beats, breaths, ended artifacts and model values were forgotten (`…At` is NaN there).
   */
  readonly fromSec: number;
}

class GrowableSeries {
  data = new Float32Array(1024);
  length = 0;
  /** Index of `data[0]`: earlier values were forgotten (`dropBefore`). */
  first = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }

  /** Linear interpolation at fractional index `x`, clamped to the ends; NaN when empty or before a forgotten start. */
  at(x: number): number {
    if (this.length === 0 || Number.isNaN(x)) return Number.NaN;
    x -= this.first;
    if (x < 0 && this.first > 0) return Number.NaN;
    if (x <= 0) return this.data[0];
    if (x >= this.length - 1) return this.data[this.length - 1];
    const i = Math.floor(x);
    const f = x - i;
    return this.data[i] + (this.data[i + 1] - this.data[i]) * f;
  }

  /** Forget the values before index `index` (the buffer keeps its size: it is reused, not grown). */
  dropBefore(index: number): void {
    const k = Math.min(this.length, Math.floor(index) - this.first);
    if (k <= 0) return;
    this.data.copyWithin(0, k, this.length);
    this.length -= k;
    this.first += k;
  }

  clear(): void {
    this.data = new Float32Array(1024);
    this.length = 0;
    this.first = 0;
  }
}

/** Remove the leading elements of `xs` for which `old` holds (they are in time order). */
function dropLeading<T>(xs: T[], old: (x: T) => boolean): number {
  let k = 0;
  while (k < xs.length && old(xs[k]!)) k++;
  if (k > 0) xs.splice(0, k);
  return k;
}

/**
 * The simulator's implementation of `SimTruth`; `pushTick` is called once per model tick (tick i at
 * i·tickSec). With a finite `keepSec` it keeps at least the last `keepSec` of simulated time and at
 * most 1.5 × that: once the kept stretch reaches 1.5 × `keepSec` everything older than `keepSec`
 * is dropped in one go (so the work per tick stays constant on average).
 */
export class SimTruthRecorder implements SimTruth {
  readonly beats: { tSec: number[]; peakTSec: number[]; kind: BeatKind[] } = { tSec: [], peakTSec: [], kind: [] };
  readonly breaths: { tSec: number[] } = { tSec: [] };
  readonly artifacts: SimArtifact[] = [];
  private readonly hr = new GrowableSeries();
  private readonly br = new GrowableSeries();
  private from = 0;

  /** `keepSec`: how much of the newest simulated time to keep (default: everything). */
  constructor(
    private readonly tickSec: number,
    private readonly resonanceBpm: number,
    private readonly rsaBpm: number,
    readonly keepSec = Number.POSITIVE_INFINITY,
  ) {
    if (!(keepSec > 0)) throw new RangeError(`SimTruthRecorder: keepSec must be > 0 (got ${keepSec}).`);
  }

  get fromSec(): number {
    return this.from;
  }

  /** Model ticks held in memory (the tick series' length; beats and breaths are bounded with them). */
  get keptTicks(): number {
    return this.hr.length;
  }

  pushTick(hrBpm: number, breathingBpm: number): void {
    this.hr.push(hrBpm);
    this.br.push(breathingBpm);
    const nowSec = (this.hr.first + this.hr.length - 1) * this.tickSec;
    if (nowSec - this.from >= 1.5 * this.keepSec) this.forgetBefore(nowSec - this.keepSec);
  }

  /** Drop what lies wholly before `cutSec` (the tick at or before it stays, for interpolation). */
  private forgetBefore(cutSec: number): void {
    const tick = Math.floor(cutSec / this.tickSec);
    this.hr.dropBefore(tick);
    this.br.dropBefore(tick);
    const n = dropLeading(this.beats.tSec, (t) => t < cutSec);
    this.beats.peakTSec.splice(0, n);
    this.beats.kind.splice(0, n);
    dropLeading(this.breaths.tSec, (t) => t < cutSec);
    const ongoing = this.artifacts.filter((a) => a.endSec >= cutSec);
    this.artifacts.length = 0;
    this.artifacts.push(...ongoing);
    this.from = cutSec;
  }

  hrBpmAt(tSec: number): number {
    return this.hr.at(tSec / this.tickSec);
  }

  breathingBpmAt(tSec: number): number {
    return this.br.at(tSec / this.tickSec);
  }

  rsaPeakToTroughBpmAt(breathingBpm: number): number {
    return rsaPeakToTroughBpm(breathingBpm, this.resonanceBpm, this.rsaBpm);
  }

  rsaPhaseRadAt(breathingBpm: number): number {
    return rsaPhaseRad(breathingBpm, this.resonanceBpm);
  }

  /** Forget everything (used by `PpgSimulator.reset`, so references to this object stay valid). */
  clear(): void {
    this.beats.tSec.length = 0;
    this.beats.peakTSec.length = 0;
    this.beats.kind.length = 0;
    this.breaths.tSec.length = 0;
    this.artifacts.length = 0;
    this.hr.clear();
    this.br.clear();
    this.from = 0;
  }
}

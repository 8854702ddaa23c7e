/**
 * `SimTruth`: what the simulator knows about the signal it generated — beat times, breath
 * onsets, the heart-rate and breathing-rate model values over time, artifacts — for scoring
 * detectors and analyses. It grows while the simulator runs (about 9000 beats and 150 k model
 * ticks for a 2-hour session; the tick series are kept as growable Float32Arrays).
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
}

class GrowableSeries {
  data = new Float32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }

  /** Linear interpolation at fractional index `x`, clamped to the ends; NaN when empty. */
  at(x: number): number {
    if (this.length === 0 || Number.isNaN(x)) return Number.NaN;
    if (x <= 0) return this.data[0];
    if (x >= this.length - 1) return this.data[this.length - 1];
    const i = Math.floor(x);
    const f = x - i;
    return this.data[i] + (this.data[i + 1] - this.data[i]) * f;
  }

  clear(): void {
    this.data = new Float32Array(1024);
    this.length = 0;
  }
}

/** The simulator's implementation of `SimTruth`; `pushTick` is called once per model tick (tick i at i·tickSec). */
export class SimTruthRecorder implements SimTruth {
  readonly beats: { tSec: number[]; peakTSec: number[]; kind: BeatKind[] } = { tSec: [], peakTSec: [], kind: [] };
  readonly breaths: { tSec: number[] } = { tSec: [] };
  readonly artifacts: SimArtifact[] = [];
  private readonly hr = new GrowableSeries();
  private readonly br = new GrowableSeries();

  constructor(
    private readonly tickSec: number,
    private readonly resonanceBpm: number,
    private readonly rsaBpm: number,
  ) {}

  pushTick(hrBpm: number, breathingBpm: number): void {
    this.hr.push(hrBpm);
    this.br.push(breathingBpm);
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
  }
}

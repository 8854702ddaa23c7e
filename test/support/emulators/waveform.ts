/**
 * Waveforms for the device emulators, normalised to about 0–1 (trough ≈ 0.2, peak ≈ 1):
 * - SyntheticPulse: a pulse wave (steep systolic rise, exponential decay, a small
 *   dicrotic bump) with known beat times from an IBI list, cycled;
 * - RecordingWaveform: a real PPG recording (a CSV with `time` and `ppg` columns, read
 *   with the app's own parser shared/io/ppgCsv.ts), linearly interpolated at any time,
 *   looped, scaled by its 2nd–98th percentiles. Its beat times are not known here; the
 *   emulated firmware finds beats itself (firmwareBeats.ts).
 * Channel 1 (a second sensor, TwoPulseSensors) is a different person: its own IBI list,
 * or the recording 37 s later.
 */
import { readFileSync } from 'node:fs';
import { parsePpgCsv } from '../../../shared/io/ppgCsv.js';
import { lowerBound } from '../../../shared/dsp/nnGaps.js';

export interface Waveform {
  /** Normalised value (≈ 0.2 trough … 1 peak) of `channel` at time tSec ≥ 0. */
  valueAt(tSec: number, channel: number): number;
  /** Known beat times of `channel` up to `untilSec` (empty when unknown, e.g. a recording). */
  beatTimesSec(channel: number, untilSec: number): number[];
}

/** Default IBI sequence, ms (the same as the older integration-test emulators). */
export const DEFAULT_IBI_MS: readonly number[] = [800, 820, 790, 850, 810, 780, 830, 800, 860, 790];
/** IBI sequence of the second sensor's person, ms. */
export const SECOND_IBI_MS: readonly number[] = [690, 710, 700, 730, 705, 685, 720, 700];

const FIRST_BEAT_SEC = 0.3;

/** Pulse shape at dt seconds after a beat onset (0.2 baseline, peak 1 at 0.1 s). */
function pulseShape(dt: number, ibiSec: number): number {
  if (dt < 0) return 0.2;
  const rise = 0.1;
  if (dt < rise) return 0.2 + 0.8 * Math.sin((Math.PI / 2) * (dt / rise));
  const tau = 0.18 * Math.min(1.2, ibiSec / 0.8);
  const decay = Math.exp(-(dt - rise) / tau);
  const notch = 0.08 * Math.exp(-(((dt - 0.32) / 0.05) ** 2));
  return 0.2 + 0.8 * decay + notch;
}

export class SyntheticPulse implements Waveform {
  private readonly beats: number[][] = [[], []];
  private readonly ibis: (readonly number[])[];

  constructor(ibiMs: readonly number[] = DEFAULT_IBI_MS, secondIbiMs: readonly number[] = SECOND_IBI_MS) {
    if (ibiMs.length === 0 || ibiMs.some((v) => !(v >= 250 && v <= 3000))) throw new Error('IBIs must be 250–3000 ms');
    this.ibis = [ibiMs, secondIbiMs];
  }

  private extend(channel: number, untilSec: number): number[] {
    const b = this.beats[channel];
    const ibi = this.ibis[channel];
    if (b.length === 0) b.push(FIRST_BEAT_SEC + (channel ? 0.17 : 0));
    while (b[b.length - 1] <= untilSec + 3) b.push(b[b.length - 1] + ibi[(b.length - 1) % ibi.length] / 1000);
    return b;
  }

  valueAt(tSec: number, channel: number): number {
    const b = this.extend(channel, tSec);
    const k = lowerBound(b, tSec + 1e-12) - 1;
    if (k < 0) return 0.2; // before the first beat: baseline
    const ibiSec = b[k + 1] - b[k];
    return (channel ? 0.85 : 1) * pulseShape(tSec - b[k], ibiSec) + (channel ? 0.03 : 0);
  }

  beatTimesSec(channel: number, untilSec: number): number[] {
    return this.extend(channel, untilSec).filter((t) => t <= untilSec);
  }
}

export class RecordingWaveform implements Waveform {
  private readonly lo: number;
  private readonly span: number;
  private readonly durationSec: number;

  constructor(
    private readonly values: Float64Array,
    private readonly fsHz: number,
  ) {
    const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
    if (finite.length < fsHz * 5) throw new Error('recording too short (< 5 s of finite samples)');
    this.lo = finite[Math.floor(finite.length * 0.02)];
    const hi = finite[Math.floor(finite.length * 0.98)];
    this.span = hi - this.lo || 1;
    this.durationSec = values.length / fsHz;
  }

  /** Load `path` (CSV with a time column and a `ppg` column). */
  static load(path: string): RecordingWaveform {
    const rec = parsePpgCsv(readFileSync(path, 'utf8'), { column: 'ppg' });
    if ('error' in rec) throw new Error(`${path}: ${rec.error}`);
    return new RecordingWaveform(rec.values, rec.fsHz);
  }

  valueAt(tSec: number, channel: number): number {
    const t = (((tSec + channel * 37) % this.durationSec) + this.durationSec) % this.durationSec;
    const x = t * this.fsHz;
    const i = Math.floor(x);
    const a = this.values[i];
    const b = this.values[(i + 1) % this.values.length];
    let v = Number.isFinite(a) && Number.isFinite(b) ? a + (b - a) * (x - i) : Number.isFinite(a) ? a : Number.isFinite(b) ? b : this.lo;
    v = (v - this.lo) / this.span;
    return 0.2 + 0.8 * v;
  }

  beatTimesSec(): number[] {
    return [];
  }
}

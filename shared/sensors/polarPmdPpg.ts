/**
 * Polar PMD PPG as `PpgFrame`s (frames.ts): which settings to START with, and the device's sample
 * count. Pure: the BLE plumbing is native-adapters/sensors/polarPpgStream.ts.
 *
 * Counting, not timing (frames.ts): `index` counts the samples received since START (0 at START,
 * a new `stream` per START, i.e. per connection); `deviceSec` is the frame's own timestamp — the
 * time of its **last** sample in ns since 2000-01-01 (polar-ble-sdk documentation/
 * TimeSystemExplained.md; sensor-protocols §2) — in seconds; `fsHz` is the rate the device declared
 * and was asked for. A lost notification shows as a jump of `deviceSec`; a declared rate that is
 * not the streamed one (Verity Sense firmware 1.1.5–2.0.x declares 135 Hz and streams 55 Hz; OH1
 * declares 130 Hz and streams 135 Hz: polar-ble-sdk documentation/KnownIssues.md) shows as frame
 * timestamps spaced at another rate. The channel clock (channelClock.ts) measures both from
 * `deviceSec`; this file never corrects them.
 */
import type { PpgFrame } from './frames.js';
import type { PmdSettings } from './polarPmd.js';
import type { PmdDataFrame, PmdPpgSample } from './polarPmdData.js';

/** Which PPG value goes into a frame: the mean of PPG0–2 minus ambient, or one raw channel. */
export type PolarPpgChannel = 'mean' | 0 | 1 | 2;

/** A decoded PMD PPG data frame (parsePmdDataFrame, kind 'ppg'). */
export type PmdPpgDataFrame = Extract<PmdDataFrame, { kind: 'ppg' }>;

/** ppgValue: one PpgFrame value from a PMD PPG sample: mean of PPG0–2 minus ambient, or one channel. */
export function ppgValue(s: PmdPpgSample, channel: PolarPpgChannel): number {
  if (channel === 'mean') return (s.ppg[0] + s.ppg[1] + s.ppg[2]) / 3 - s.ambient;
  return s.ppg[channel];
}

/** pmdTimestampSec: a PMD timestamp (ns since 2000-01-01T00:00Z) in seconds on the same origin. */
export function pmdTimestampSec(ns: bigint): number {
  return Number(ns) / 1e9;
}

export interface PpgStartSettings {
  readonly sampleRateHz: number;
  readonly resolutionBits: number;
  readonly channels: number;
}

/** Verity Sense defaults (documentation/products/PolarVeritySense.md: 55 Hz, 22 bit; 4 channels: sensor-protocols §2). */
export const PPG_DEFAULTS: PpgStartSettings = { sampleRateHz: 55, resolutionBits: 22, channels: 4 };

/**
 * choosePpgSettings: the START settings from a GET_SETTINGS answer (null = none readable). The rate
 * is `wantHz` when offered, else the offered rate nearest to it (the one a Verity 1.1.5–2.0.x
 * offers is its wrong 135 Hz: START with it works and streams 55 Hz, KnownIssues.md); resolution
 * and channels are the first offered.
 */
export function choosePpgSettings(offered: PmdSettings | null, wantHz: number = PPG_DEFAULTS.sampleRateHz): PpgStartSettings {
  const rates = offered?.sampleRatesHz ?? [];
  let rate = wantHz;
  if (rates.length > 0 && !rates.includes(wantHz)) {
    rate = rates.reduce((best, r) => (Math.abs(r - wantHz) < Math.abs(best - wantHz) ? r : best), rates[0]);
  }
  return {
    sampleRateHz: rate,
    resolutionBits: offered?.resolutionsBits[0] ?? PPG_DEFAULTS.resolutionBits,
    channels: offered?.channels[0] ?? PPG_DEFAULTS.channels,
  };
}

/**
 * PmdPpgCounter: one PPG stream (one START) as PpgFrames. `frame()` gives each decoded data frame
 * its count since START; frames without samples give null.
 */
export class PmdPpgCounter {
  private count = 0;

  constructor(
    /** The declared (requested) rate, Hz. */
    readonly fsHz: number,
    /** The counting epoch (frames.ts `stream`): a new one per START. */
    readonly stream: number,
    private readonly channel: PolarPpgChannel = 'mean',
  ) {}

  /** Samples counted so far. */
  get samples(): number {
    return this.count;
  }

  frame(f: PmdPpgDataFrame, arrivalSec: number): PpgFrame | null {
    const n = f.samples.length;
    if (n === 0) return null;
    const values = Float32Array.from(f.samples, (s) => ppgValue(s, this.channel));
    const frame: PpgFrame = {
      kind: 'ppg',
      fsHz: this.fsHz,
      index: this.count,
      values,
      arrivalSec,
      stream: this.stream,
      ...(f.timestampNs > 0n ? { deviceSec: pmdTimestampSec(f.timestampNs) } : {}),
    };
    this.count += n;
    return frame;
  }
}

/**
 * SerialFrameAssembler: turns the byte stream of a serial pulse sensor into
 * SensorFrames (PpgFrame batches, BeatFrames, StatusFrames). Pure: the adapter
 * passes bytes with their arrival time on the session clock and does all I/O.
 *
 * Timing: protocols without timestamps are stamped by ArrivalSampleClock at the
 * stated rate; CSV lines with a time column use device time (mapped to the session
 * clock at the first sample). Beats: PulseSensor IBI lines (`Q…`, `M…`) and changes
 * of the `BPM,IBI` pair in Serial-Plotter lines; CMS50 beat markers (rising edge)
 * with the interval to the previous marker computed from sample times.
 */
import type { BeatFrame, SensorFrame, StatusFrame } from './frames.js';
import type { DecoderStats } from './garbageDetector.js';
import { PulseSensorDecoder, type PulseSensorRecord } from './pulseSensorLines.js';
import { Cms50Decoder5, Cms50Decoder9, type Cms50Record } from './cms50.js';
import { CsvLineDecoder, type CsvRecord } from './csvLines.js';
import { ArrivalSampleClock } from './sampleClock.js';
import { PpgFrameBuilder } from './ppgFrameBuilder.js';

export type SerialProtocol = 'pulsesensor' | 'cms50-5' | 'cms50-9' | 'csv';

export const SERIAL_PROTOCOLS: readonly SerialProtocol[] = ['pulsesensor', 'cms50-5', 'cms50-9', 'csv'];

/** Default sample rates, Hz (sensor-protocols §3, §4). */
export const DEFAULT_FS_HZ: Record<SerialProtocol, number | undefined> = {
  pulsesensor: 50,
  'cms50-5': 60,
  'cms50-9': 60,
  csv: undefined,
};

export interface SerialFrameAssemblerOptions {
  protocol: SerialProtocol;
  /** Sample rate; required for csv without a time column. */
  fsHz?: number;
  /** PulseSensor: sensors configured in the sketch (default 1). */
  sensorCount?: number;
  /** PulseSensor: which sensor to use (default 0). */
  sensorIndex?: number;
  /** Largest PpgFrame, samples (default 32). */
  maxBatch?: number;
}

type Decoder = { push(b: Uint8Array): unknown[]; reset(): void; readonly stats: DecoderStats; readonly bufferedBytes: number };

const MIN_IBI_MS = 250;
const MAX_IBI_MS = 2500;

export class SerialFrameAssembler {
  readonly protocol: SerialProtocol;
  private readonly decoder: Decoder;
  private fsHz: number | undefined;
  private clock: ArrivalSampleClock | undefined;
  private builder: PpgFrameBuilder | undefined;
  private readonly maxBatch: number;
  private readonly sensorIndex: number;
  private statsOffset = { bytes: 0, records: 0, bad: 0, lines: 0 };
  // beats / status
  private lastBpm: number | undefined;
  private lastPair: string | undefined;
  private beatHigh = false;
  private lastBeatSec: number | undefined;
  private lastContact: StatusFrame['contact'] | undefined;
  private lastStatusKey = '';
  private lastStatusSec = Number.NEGATIVE_INFINITY;
  private lastErrorMsg = '';
  private lastErrorSec = Number.NEGATIVE_INFINITY;
  // csv with device time
  private csvPending: CsvRecord[] = [];
  private csvOffsetSec: number | undefined;
  private csvLastDevSec: number | undefined;
  private csvNoFsReported = false;

  constructor(opts: SerialFrameAssemblerOptions) {
    this.protocol = opts.protocol;
    this.maxBatch = opts.maxBatch ?? 32;
    this.sensorIndex = opts.sensorIndex ?? 0;
    this.fsHz = opts.fsHz ?? DEFAULT_FS_HZ[opts.protocol];
    if (opts.protocol === 'pulsesensor') this.decoder = new PulseSensorDecoder({ sensorCount: opts.sensorCount });
    else if (opts.protocol === 'cms50-5') this.decoder = new Cms50Decoder5();
    else if (opts.protocol === 'cms50-9') this.decoder = new Cms50Decoder9();
    else this.decoder = new CsvLineDecoder();
    if (this.fsHz) this.setFs(this.fsHz);
  }

  /** Sample rate in use (undefined for csv until known). */
  get sampleRateHz(): number | undefined {
    return this.fsHz;
  }

  /** Cumulative decoder stats (survive `resync`). */
  get stats(): DecoderStats {
    const s = this.decoder.stats;
    const o = this.statsOffset;
    const line = s.lines !== undefined;
    return {
      bytes: s.bytes + o.bytes,
      records: s.records + o.records,
      ...(line ? { lines: (s.lines ?? 0) + o.lines, badLines: (s.badLines ?? 0) + o.bad } : { badBytes: (s.badBytes ?? 0) + o.bad }),
    };
  }

  /** Bytes held in the decoder for an incomplete line/packet. */
  get bufferedBytes(): number {
    return this.decoder.bufferedBytes;
  }

  /** push: bytes that arrived at `arrivalSec` (session clock); returns frames ready now. */
  push(bytes: Uint8Array, arrivalSec: number): SensorFrame[] {
    const out: SensorFrame[] = [];
    const records = this.decoder.push(bytes);
    if (records.length === 0) return out;
    if (this.protocol === 'pulsesensor') this.onPulse(records as PulseSensorRecord[], arrivalSec, out);
    else if (this.protocol === 'csv') this.onCsv(records as CsvRecord[], arrivalSec, out);
    else this.onCms50(records as Cms50Record[], arrivalSec, out);
    return out;
  }

  /** flush: close the open PPG batch (call on a timer and before closing). */
  flush(): SensorFrame[] {
    const f = this.builder?.flush();
    return f ? [f] : [];
  }

  /**
   * resync: after a reconnect — drops partial lines/packets, forces a new time
   * anchor (the gap shows in the next frame's t0Sec) and forgets beat history.
   * Returns the samples still batched (never lost).
   */
  resync(): SensorFrame[] {
    const out = this.flush();
    const s = this.stats;
    this.decoder.reset();
    this.statsOffset = { bytes: s.bytes, records: s.records, bad: s.badLines ?? s.badBytes ?? 0, lines: s.lines ?? 0 };
    this.clock?.reanchor();
    this.lastPair = undefined;
    this.beatHigh = false;
    this.lastBeatSec = undefined;
    this.csvOffsetSec = undefined;
    this.csvLastDevSec = undefined;
    return out;
  }

  private setFs(fsHz: number): void {
    this.fsHz = fsHz;
    this.clock = new ArrivalSampleClock(fsHz, this.protocol === 'csv' ? { maxDriftSec: Math.max(3 / fsHz, 0.05) } : {});
    this.builder = new PpgFrameBuilder(fsHz, this.maxBatch);
  }

  /** Stamp `values` (last one arrived at arrivalSec) and add them; returns the time of each sample. */
  private addSamples(values: number[], arrivalSec: number, out: SensorFrame[]): number[] {
    if (values.length === 0 || !this.clock || !this.builder || !this.fsHz) return [];
    const { t0Sec, gap } = this.clock.stamp(values.length, arrivalSec);
    if (gap) {
      this.lastBeatSec = undefined;
      this.beatHigh = false;
    }
    out.push(...this.builder.add(t0Sec, values));
    const dt = 1 / this.fsHz;
    return values.map((_, i) => t0Sec + i * dt);
  }

  private onPulse(records: PulseSensorRecord[], arrivalSec: number, out: SensorFrame[]): void {
    const values: number[] = [];
    const beats: BeatFrame[] = [];
    for (const r of records) {
      if (r.kind === 'signal') {
        if (r.sensor === this.sensorIndex) values.push(r.value);
      } else if (r.kind === 'signals') {
        if (this.sensorIndex < r.values.length) values.push(r.values[this.sensorIndex]);
      } else if (r.kind === 'plotter') {
        values.push(r.signal);
        const pair = `${r.bpm},${r.ibiMs}`;
        if (this.lastPair !== undefined && pair !== this.lastPair && r.ibiMs > 0 && r.bpm > 0) {
          beats.push({ kind: 'beats', tSec: arrivalSec, ibiMs: [r.ibiMs], hrBpm: r.bpm });
        }
        this.lastPair = pair;
      } else if (r.kind === 'bpm') {
        if (r.sensor === this.sensorIndex) this.lastBpm = r.bpm;
      } else if (r.kind === 'ibi') {
        if (r.sensor === this.sensorIndex && r.ibiMs > 0) {
          beats.push({ kind: 'beats', tSec: arrivalSec, ibiMs: [r.ibiMs], ...(this.lastBpm ? { hrBpm: this.lastBpm } : {}) });
        }
      } else if (r.kind === 'error') {
        if (r.message !== this.lastErrorMsg || arrivalSec - this.lastErrorSec > 10) {
          out.push({ kind: 'status', tSec: arrivalSec, message: `sensor reports an error: ${r.message}` });
          this.lastErrorMsg = r.message;
          this.lastErrorSec = arrivalSec;
        }
      }
    }
    this.addSamples(values, arrivalSec, out);
    out.push(...beats);
  }

  private onCms50(records: Cms50Record[], arrivalSec: number, out: SensorFrame[]): void {
    const times = this.addSamples(records.map((r) => r.pleth), arrivalSec, out);
    records.forEach((r, i) => {
      const t = times[i] ?? arrivalSec;
      const contact: StatusFrame['contact'] = r.fingerOut ? 'off' : 'ok';
      if (r.fingerOut) {
        this.lastBeatSec = undefined;
        this.beatHigh = false;
      } else if (r.beat && !this.beatHigh) {
        const ibi = this.lastBeatSec !== undefined ? (t - this.lastBeatSec) * 1000 : undefined;
        const ibiMs = ibi !== undefined && ibi >= MIN_IBI_MS && ibi <= MAX_IBI_MS ? [Math.round(ibi * 10) / 10] : [];
        out.push({ kind: 'beats', tSec: t, ibiMs, ...(r.pulseRateBpm !== null ? { hrBpm: r.pulseRateBpm } : {}) });
        this.lastBeatSec = t;
      }
      this.beatHigh = r.beat && !r.fingerOut;
      const key = `${contact}|${r.spo2Pct}|${r.pulseRateBpm}`;
      const changedContact = contact !== this.lastContact;
      if (changedContact || (key !== this.lastStatusKey && t - this.lastStatusSec >= 1) || t - this.lastStatusSec >= 5) {
        const status: StatusFrame = {
          kind: 'status',
          tSec: t,
          contact,
          ...(r.spo2Pct !== null ? { spo2Pct: r.spo2Pct } : {}),
          ...(r.pulseRateBpm !== null ? { pulseRateBpm: r.pulseRateBpm } : {}),
          ...(changedContact && r.fingerOut ? { message: 'finger out of the sensor' } : {}),
          ...(r.probeError ? { message: 'probe error' } : {}),
        };
        out.push(status);
        this.lastContact = contact;
        this.lastStatusKey = key;
        this.lastStatusSec = t;
      }
    });
  }

  private onCsv(records: CsvRecord[], arrivalSec: number, out: SensorFrame[]): void {
    const timed = records.filter((r) => r.tSec !== undefined);
    const plain = records.filter((r) => r.tSec === undefined);
    if (plain.length > 0) {
      if (this.fsHz) this.addSamples(plain.map((r) => r.value), arrivalSec, out);
      else if (!this.csvNoFsReported) {
        this.csvNoFsReported = true;
        out.push({ kind: 'status', tSec: arrivalSec, message: 'csv lines carry no time column: set the sample rate (fsHz) for this source' });
      }
    }
    if (timed.length === 0) return;
    if (!this.fsHz) {
      this.csvPending.push(...timed);
      if (this.csvPending.length < 11) return;
      const diffs = this.csvPending.slice(1).map((r, i) => (r.tSec as number) - (this.csvPending[i].tSec as number)).filter((d) => d > 0);
      diffs.sort((a, b) => a - b);
      const med = diffs[Math.floor(diffs.length / 2)];
      if (!med || !Number.isFinite(1 / med) || 1 / med > 10_000) {
        this.csvPending = this.csvPending.slice(-10);
        return;
      }
      this.setFs(Math.round((1 / med) * 1000) / 1000);
      timed.splice(0, timed.length, ...this.csvPending);
      this.csvPending = [];
    }
    // The last line of the batch arrived at arrivalSec: map device time to the session clock by it.
    const newestDev = timed[timed.length - 1].tSec as number;
    for (const r of timed) {
      const dev = r.tSec as number;
      // Device clock restarted (time went backwards) or jumped by > 2 s: re-map to arrival time.
      const last = this.csvLastDevSec;
      if (this.csvOffsetSec === undefined || (last !== undefined && (dev < last || dev - last > 2))) {
        this.csvOffsetSec = arrivalSec - Math.max(dev, newestDev);
      }
      this.csvLastDevSec = dev;
      this.addSamples([r.value], dev + this.csvOffsetSec, out);
    }
  }
}

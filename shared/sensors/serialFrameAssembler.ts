/**
 * SerialFrameAssembler: turns the byte stream of a serial pulse sensor into SensorFrames
 * (PpgFrame batches, BeatFrames, StatusFrames). Pure: the adapter passes bytes with their
 * arrival time (host monotonic clock, s) and does all I/O.
 *
 * Timing: nothing here assigns times. Every sample record is counted (`index`, the device's own
 * sample count since the stream started); a record the decoder could not read is counted too and
 * carried as NaN, so a lost line is a placeholder of the right length, not a shift of everything
 * after it. CSV lines with a time column carry the device's own clock (`deviceSec`). The channel
 * clock (channelClock.ts) turns counts into times at the estimated true rate.
 *
 * Beats: PulseSensor IBI lines (`Q…`, `M…`) and changes of the `BPM,IBI` pair in Serial-Plotter
 * lines; CMS50 beat markers (rising edge) with the interval counted in samples at the declared rate.
 */
import type { BeatFrame, PpgFrame, SensorFrame, SensorNotice, StatusFrame } from './frames.js';
import type { DecoderStats } from './garbageDetector.js';
import { PulseSensorDecoder, type PulseSensorRecord } from './pulseSensorLines.js';
import { Cms50Decoder5, Cms50Decoder9, type Cms50Record } from './cms50.js';
import { CsvLineDecoder, type CsvRecord } from './csvLines.js';
import type { LostRecord } from './lostRecords.js';

export type SerialProtocol = 'pulsesensor' | 'cms50-5' | 'cms50-9' | 'csv';

export const SERIAL_PROTOCOLS: readonly SerialProtocol[] = ['pulsesensor', 'cms50-5', 'cms50-9', 'csv'];

/** Declared (nominal) sample rates, Hz (sensor-protocols §3, §4). */
export const DEFAULT_FS_HZ: Record<SerialProtocol, number | undefined> = {
  pulsesensor: 50,
  'cms50-5': 60,
  'cms50-9': 60,
  csv: undefined,
};

export interface SerialFrameAssemblerOptions {
  protocol: SerialProtocol;
  /** Declared sample rate; required for csv without a time column. */
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
  private readonly maxBatch: number;
  private readonly sensorIndex: number;
  private statsOffset = { bytes: 0, records: 0, bad: 0, lines: 0 };
  // counting
  private stream = 0;
  private count = 0;
  private batch: number[] = [];
  private batchIndex = 0;
  private batchArrivalSec = 0;
  private batchDeviceSec: number | undefined;
  private lastBad = 0;
  // beats / status
  private lastBpm: number | undefined;
  private lastPair: string | undefined;
  private beatHigh = false;
  private lastBeatIndex: number | undefined;
  private lastContact: StatusFrame['contact'] | undefined;
  private lastStatusKey = '';
  private lastStatusSec = Number.NEGATIVE_INFINITY;
  private lastErrorMsg = '';
  private lastErrorSec = Number.NEGATIVE_INFINITY;
  private lastProbeError = false;
  // csv
  private csvPending: CsvRecord[] = [];
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
  }

  /** Declared sample rate (undefined for csv until known). */
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

  /**
   * push: bytes that arrived at `arrivalSec` (host monotonic clock); returns frames ready now.
   * Samples the decoder could not read come as `lost` markers in stream order and are counted
   * there as NaN placeholders (CSV lines, which have no markers: at the end of the push).
   */
  push(bytes: Uint8Array, arrivalSec: number): SensorFrame[] {
    const out: SensorFrame[] = [];
    const records = this.decoder.push(bytes);
    if (this.protocol === 'pulsesensor') this.onPulse(records as PulseSensorRecord[], arrivalSec, out);
    else if (this.protocol === 'csv') {
      this.onCsv(records as CsvRecord[], arrivalSec, out);
      const lost = this.lostCsvLines();
      if (lost > 0 && this.fsHz) this.addSamples(new Array<number>(lost).fill(Number.NaN), arrivalSec, out);
    } else this.onCms50(records as (Cms50Record | LostRecord)[], arrivalSec, out);
    return out;
  }

  /** flush: close the open PPG batch (call on a timer and before closing). */
  flush(): SensorFrame[] {
    const f = this.closeBatch();
    return f ? [f] : [];
  }

  /**
   * resync: after a reconnect — drops partial lines/packets, starts a new counting epoch and
   * forgets beat history. Returns the samples still batched (never lost).
   */
  resync(): SensorFrame[] {
    const out = this.flush();
    const s = this.stats;
    this.decoder.reset();
    this.statsOffset = { bytes: s.bytes, records: s.records, bad: s.badLines ?? s.badBytes ?? 0, lines: s.lines ?? 0 };
    this.lastBad = 0;
    this.stream++;
    this.count = 0;
    this.lastPair = undefined;
    this.beatHigh = false;
    this.lastBeatIndex = undefined;
    return out;
  }

  /** CSV lines the decoder could not read since the last call. */
  private lostCsvLines(): number {
    const bad = this.decoder.stats.badLines ?? 0;
    const lost = Math.max(0, bad - this.lastBad);
    this.lastBad = bad;
    return lost;
  }

  /** Count `values` (NaN = lost) into the open batch; returns the index of the first one. */
  private addSamples(values: readonly number[], arrivalSec: number, out: SensorFrame[], deviceSec?: number): number {
    const first = this.count;
    if (values.length === 0 || !this.fsHz) return first;
    for (const v of values) {
      if (this.batch.length === 0) this.batchIndex = this.count;
      this.batch.push(v);
      this.count++;
      this.batchArrivalSec = arrivalSec;
      if (deviceSec !== undefined) this.batchDeviceSec = deviceSec;
      if (this.batch.length >= this.maxBatch) {
        const f = this.closeBatch();
        if (f) out.push(f);
      }
    }
    return first;
  }

  private closeBatch(): PpgFrame | null {
    if (this.batch.length === 0 || !this.fsHz) return null;
    const frame: PpgFrame = {
      kind: 'ppg',
      fsHz: this.fsHz,
      index: this.batchIndex,
      values: Float32Array.from(this.batch),
      arrivalSec: this.batchArrivalSec,
      stream: this.stream,
      ...(this.batchDeviceSec !== undefined ? { deviceSec: this.batchDeviceSec } : {}),
    };
    this.batch = [];
    this.batchDeviceSec = undefined;
    return frame;
  }

  private status(arrivalSec: number, notice: SensorNotice, extra: Partial<StatusFrame> = {}): StatusFrame {
    return { kind: 'status', arrivalSec, notice, ...extra };
  }

  private onPulse(records: PulseSensorRecord[], arrivalSec: number, out: SensorFrame[]): void {
    const values: number[] = [];
    const beats: BeatFrame[] = [];
    for (const r of records) {
      if (r.kind === 'lost') {
        for (let k = 0; k < r.count; k++) values.push(Number.NaN);
      } else if (r.kind === 'signal') {
        if (r.sensor === this.sensorIndex) values.push(r.value);
      } else if (r.kind === 'signals') {
        if (this.sensorIndex < r.values.length) values.push(r.values[this.sensorIndex]!);
      } else if (r.kind === 'plotter') {
        values.push(r.signal);
        const pair = `${r.bpm},${r.ibiMs}`;
        if (this.lastPair !== undefined && pair !== this.lastPair && r.ibiMs > 0 && r.bpm > 0) {
          beats.push({ kind: 'beats', arrivalSec, ibiMs: [r.ibiMs], hrBpm: r.bpm, origin: 'device' });
        }
        this.lastPair = pair;
      } else if (r.kind === 'bpm') {
        if (r.sensor === this.sensorIndex) this.lastBpm = r.bpm;
      } else if (r.kind === 'ibi') {
        if (r.sensor === this.sensorIndex && r.ibiMs > 0) {
          beats.push({ kind: 'beats', arrivalSec, ibiMs: [r.ibiMs], origin: 'device', ...(this.lastBpm ? { hrBpm: this.lastBpm } : {}) });
        }
      } else if (r.kind === 'info') {
        // A sketch's banner or menu text (the ESP32 example): not a sample.
      } else if (r.kind === 'error') {
        if (r.message !== this.lastErrorMsg || arrivalSec - this.lastErrorSec > 10) {
          out.push(this.status(arrivalSec, { code: 'begin-failed', params: { message: r.message } }));
          this.lastErrorMsg = r.message;
          this.lastErrorSec = arrivalSec;
        }
      }
    }
    this.addSamples(values, arrivalSec, out);
    out.push(...beats);
  }

  private onCms50(all: (Cms50Record | LostRecord)[], arrivalSec: number, out: SensorFrame[]): void {
    // Lost packets are placeholders at their place; the status and beat logic sees the packets read.
    const values: number[] = [];
    const records: Cms50Record[] = [];
    const at: number[] = [];
    for (const r of all) {
      if (r.kind === 'lost') {
        for (let k = 0; k < r.count; k++) values.push(Number.NaN);
      } else {
        at.push(values.length);
        values.push(r.pleth);
        records.push(r);
      }
    }
    const first = this.addSamples(values, arrivalSec, out);
    const fs = this.fsHz ?? 60;
    records.forEach((r, i) => {
      const idx = first + at[i]!;
      const contact: StatusFrame['contact'] = r.fingerOut ? 'off' : 'ok';
      if (r.fingerOut) {
        this.lastBeatIndex = undefined;
        this.beatHigh = false;
      } else if (r.beat && !this.beatHigh) {
        const ibi = this.lastBeatIndex !== undefined ? ((idx - this.lastBeatIndex) / fs) * 1000 : undefined;
        const ibiMs = ibi !== undefined && ibi >= MIN_IBI_MS && ibi <= MAX_IBI_MS ? [Math.round(ibi * 10) / 10] : [];
        out.push({ kind: 'beats', arrivalSec, ibiMs, origin: 'device', ...(r.pulseRateBpm !== null ? { hrBpm: r.pulseRateBpm } : {}) });
        this.lastBeatIndex = idx;
      }
      this.beatHigh = r.beat && !r.fingerOut;
      const key = `${contact}|${r.spo2Pct}|${r.pulseRateBpm}`;
      const changedContact = contact !== this.lastContact;
      const t = idx / fs;
      if (changedContact || (key !== this.lastStatusKey && t - this.lastStatusSec >= 1) || t - this.lastStatusSec >= 5 || r.probeError !== this.lastProbeError) {
        // V7.0: the same bit says probe error and finger out; finger out is what the therapist can act on.
        const notice: SensorNotice | undefined = changedContact && r.fingerOut ? { code: 'finger-out' } : r.probeError && !r.fingerOut ? { code: 'probe-error' } : undefined;
        out.push({
          kind: 'status',
          arrivalSec,
          contact,
          ...(r.spo2Pct !== null ? { spo2Pct: r.spo2Pct } : {}),
          ...(r.pulseRateBpm !== null ? { pulseRateBpm: r.pulseRateBpm } : {}),
          ...(notice ? { notice } : {}),
        });
        this.lastContact = contact;
        this.lastStatusKey = key;
        this.lastStatusSec = t;
        this.lastProbeError = r.probeError;
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
        out.push(this.status(arrivalSec, { code: 'csv-needs-rate' }));
      }
    }
    if (timed.length === 0) return;
    if (!this.fsHz) {
      // The declared rate of a timed CSV: the median spacing of its first lines.
      this.csvPending.push(...timed);
      if (this.csvPending.length < 11) return;
      const diffs = this.csvPending.slice(1).map((r, i) => (r.tSec as number) - (this.csvPending[i]!.tSec as number)).filter((d) => d > 0);
      diffs.sort((a, b) => a - b);
      const med = diffs[Math.floor(diffs.length / 2)];
      if (!med || !Number.isFinite(1 / med) || 1 / med > 10_000) {
        this.csvPending = this.csvPending.slice(-10);
        return;
      }
      this.fsHz = Math.round((1 / med) * 1000) / 1000;
      timed.splice(0, timed.length, ...this.csvPending);
      this.csvPending = [];
    }
    // The device's own time travels with each sample (its clock, for the rate estimate and gaps).
    for (const r of timed) this.addSamples([r.value], arrivalSec, out, r.tSec);
  }
}

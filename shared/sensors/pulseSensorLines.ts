/**
 * PulseSensorDecoder: streaming decoder for the ASCII lines of the PulseSensor
 * Playground / Amped Arduino sketches (sensor-protocols.md §3): Processing-visualizer
 * lines (`S512`, `B72`, `Q833`; multi-sensor `a…`/`A…`/`M…`), Serial-Plotter lines
 * (`BPM,IBI,Signal` for one sensor, `s0,s1,…` for several), bare values (`530`),
 * `Signal 530`, and `!` error lines. Unknown lines are counted, never thrown.
 */
import type { LineDecoderStats } from './garbageDetector.js';
import { LineSplitter } from './lineSplitter.js';

export type PulseSensorRecord =
  | { readonly kind: 'signal'; readonly sensor: number; readonly value: number }
  | { readonly kind: 'bpm'; readonly sensor: number; readonly bpm: number }
  | { readonly kind: 'ibi'; readonly sensor: number; readonly ibiMs: number }
  /** One Serial-Plotter line of a single sensor: `BPM,IBI,Signal`. */
  | { readonly kind: 'plotter'; readonly bpm: number; readonly ibiMs: number; readonly signal: number }
  /** One Serial-Plotter line of several sensors: `s0,s1,…`. */
  | { readonly kind: 'signals'; readonly values: readonly number[] }
  | { readonly kind: 'error'; readonly message: string };

export interface PulseSensorDecoderOptions {
  /** Sensors configured in the sketch (default 1). With > 1, `B` means sensor 1's BPM. */
  sensorCount?: number;
  /** Longest line kept, bytes (default 128). */
  maxLineBytes?: number;
}

const INT = /^-?\d{1,7}$/;

export class PulseSensorDecoder {
  private readonly splitter: LineSplitter;
  private readonly sensorCount: number;
  private bytes = 0;
  private records = 0;
  private lines = 0;
  private badLines = 0;

  constructor(opts: PulseSensorDecoderOptions = {}) {
    this.sensorCount = Math.max(1, Math.min(16, Math.floor(opts.sensorCount ?? 1)));
    this.splitter = new LineSplitter(opts.maxLineBytes ?? 128);
  }

  /** push: feed raw serial bytes; returns the records of every completed line. */
  push(bytes: Uint8Array): PulseSensorRecord[] {
    this.bytes += bytes.length;
    const overflowsBefore = this.splitter.overflows;
    const out: PulseSensorRecord[] = [];
    for (const raw of this.splitter.push(bytes)) {
      const line = raw.trim();
      if (line === '') continue;
      this.lines++;
      const rec = this.parseLine(line);
      if (rec) {
        out.push(rec);
        this.records++;
      } else this.badLines++;
    }
    const overflows = this.splitter.overflows - overflowsBefore;
    this.badLines += overflows;
    this.lines += overflows;
    return out;
  }

  /** Running counters for garbage detection. */
  get stats(): LineDecoderStats {
    return { bytes: this.bytes, records: this.records, lines: this.lines, badLines: this.badLines };
  }

  /** Bytes held for an incomplete line. */
  get bufferedBytes(): number {
    return this.splitter.bufferedBytes;
  }

  reset(): void {
    this.splitter.reset();
    this.bytes = this.records = this.lines = this.badLines = 0;
  }

  private parseLine(line: string): PulseSensorRecord | null {
    if (line.startsWith('!')) return { kind: 'error', message: line.slice(1).trim() || 'sensor error' };
    const c = line.charCodeAt(0);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
      const rest = line.slice(1);
      if (INT.test(rest)) {
        const v = Number(rest);
        const ch = line[0];
        if (this.sensorCount === 1) {
          if (ch === 'S') return { kind: 'signal', sensor: 0, value: v };
          if (ch === 'B') return v >= 0 ? { kind: 'bpm', sensor: 0, bpm: v } : null;
          if (ch === 'Q') return v >= 0 ? { kind: 'ibi', sensor: 0, ibiMs: v } : null;
          return null;
        }
        const a = c - 0x61;
        if (a >= 0 && a < this.sensorCount) return { kind: 'signal', sensor: a, value: v };
        const bpmI = c - 0x41;
        if (bpmI >= 0 && bpmI < this.sensorCount) return v >= 0 ? { kind: 'bpm', sensor: bpmI, bpm: v } : null;
        const ibiI = c - 0x4d;
        if (ibiI >= 0 && ibiI < this.sensorCount) return v >= 0 ? { kind: 'ibi', sensor: ibiI, ibiMs: v } : null;
        return null;
      }
      const m = /^Signal\s*[:=]?\s*(-?\d{1,7})$/i.exec(line);
      if (m) return { kind: 'signal', sensor: 0, value: Number(m[1]) };
      return null;
    }
    if (INT.test(line)) return { kind: 'signal', sensor: 0, value: Number(line) };
    if (line.includes(',')) {
      const parts = line.split(',').map((p) => p.trim());
      if (!parts.every((p) => INT.test(p))) return null;
      const nums = parts.map(Number);
      if (this.sensorCount === 1 && nums.length === 3) {
        if (nums[0] < 0 || nums[1] < 0) return null;
        return { kind: 'plotter', bpm: nums[0], ibiMs: nums[1], signal: nums[2] };
      }
      if (this.sensorCount > 1 && nums.length === this.sensorCount) return { kind: 'signals', values: nums };
      return null;
    }
    return null;
  }
}

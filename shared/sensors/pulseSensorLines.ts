/**
 * PulseSensorDecoder: streaming decoder for the ASCII lines of the PulseSensor
 * Playground / Amped Arduino sketches (sensor-protocols.md §3 and "What real devices
 * do beyond the nominal spec"), every line ending in `\r\n` (println):
 * - PulseSensor_BPM, SERIAL_PLOTTER (default): `BPM,IBI,Signal` per sample, nothing per beat;
 * - PROCESSING_VISUALIZER: `S<signal>` per sample, `B<bpm>` then `Q<ibi>` at a beat;
 *   with N sensors `a…`/`b…` signals, `A…`/`B…` BPM and `M…`/`N…` IBI (`'a'+i`, `'A'+i`, `'M'+i`);
 * - TwoPulseSensors_On_OneArduino (SERIAL_PLOTTER, 250000 baud): `s0,s1` per sample;
 * - GettingStartedProject: `Signal 530`;
 * - SignalCoachWebSerial and the ESP32 example after the host sent `b`: a bare integer;
 *   the ESP32 example's `72 bpm` beat lines and its banner/menu lines (`info` records);
 * - `!` lines (PulseSensor_BPM prints `!` while begin() has failed): `error` records.
 * Unknown lines are counted, never thrown. Bad lines and overlong runs also yield
 * `{ kind: 'lost', count }` markers in stream order (lostRecords.ts): count =
 * max(ceil(bytes / longest recent good sample-line bytes), merged-line structure, 1), or 0
 * for a recognisable per-beat or text line; none before the first good sample line.
 *
 * Sensor count: fixed (default 1; with > 1, `B` is sensor 1's BPM) or 'auto', where it is
 * taken from the lines: visualizer letters `a`…, or the field count of comma lines
 * (established after 3 lines with the same count; 3 fields are `BPM,IBI,Signal` when the
 * IBI field stays constant over those lines, otherwise three sensors).
 */
import type { LineDecoderStats } from './garbageDetector.js';
import { LineSplitter } from './lineSplitter.js';
import { lostRecord, RunningMedian, type LostRecord } from './lostRecords.js';

export type PulseSensorRecord =
  | { readonly kind: 'signal'; readonly sensor: number; readonly value: number }
  | { readonly kind: 'bpm'; readonly sensor: number; readonly bpm: number }
  | { readonly kind: 'ibi'; readonly sensor: number; readonly ibiMs: number }
  /** One Serial-Plotter line of a single sensor: `BPM,IBI,Signal`. */
  | { readonly kind: 'plotter'; readonly bpm: number; readonly ibiMs: number; readonly signal: number }
  /** One Serial-Plotter line of several sensors: `s0,s1,…`. */
  | { readonly kind: 'signals'; readonly values: readonly number[] }
  /** A `!` line: the library's begin() failed (bare `!`) or another sketch error. */
  | { readonly kind: 'error'; readonly message: string }
  /** A recognised non-sample text line (ESP32 example banner and menu). */
  | { readonly kind: 'info'; readonly message: string }
  | LostRecord;

/** Which sketch output a sample line had. */
export type PulseSensorLineFormat = 'plotter' | 'visualizer' | 'multi-plotter' | 'multi-visualizer' | 'signal-text' | 'bare';

export interface PulseSensorDecoderOptions {
  /** Sensors configured in the sketch (default 1), or 'auto' to detect it from the lines. */
  sensorCount?: number | 'auto';
  /** Longest line kept, bytes (default 128). */
  maxLineBytes?: number;
  /** Largest valid signal value (default 4095: 12-bit ADCs; AVR boards print 0–1023). */
  maxSignal?: number;
}

const INT = /^-?\d{1,7}$/;
const MAX_BPM = 300;
const MAX_IBI_MS = 5000;
const INFO_LINES = [
  /^Attempting to connect to /,
  /^Connected$/,
  /^PulseSensor ESP32 Example$/,
  /^PulseSensor Server url: /,
  /^Send '.' to /,
  /^(New )?Client (Re)?[Cc]onnected$/,
];

interface Parsed {
  rec: PulseSensorRecord;
  fmt?: PulseSensorLineFormat;
}

export class PulseSensorDecoder {
  private readonly splitter: LineSplitter;
  private readonly fixedCount: number | undefined;
  private readonly maxSignal: number;
  private bytes = 0;
  private records = 0;
  private lines = 0;
  private badLines = 0;
  private badBytes = 0;
  private synced = false;
  private signalsSeen = 0;
  private lastSignal = Number.NaN;
  private readonly steps = new Float64Array(25);
  private stepAt = 0;
  private maxSignalSeen = 0;
  /** What the previous line was (a bad line by its first letter). */
  private prevLine: 'beat' | 'sample' | 'other' = 'other';
  private readonly sampleLineBytes = new RunningMedian(31);
  private readonly formatCounts = new Map<PulseSensorLineFormat, number>();
  // auto sensor count
  private autoCount: number | undefined;
  private multiLetters = 0;
  private streakFields = 0;
  private streak: number[][] = [];

  constructor(opts: PulseSensorDecoderOptions = {}) {
    const sc = opts.sensorCount ?? 1;
    this.fixedCount = sc === 'auto' ? undefined : Math.max(1, Math.min(16, Math.floor(sc)));
    this.maxSignal = opts.maxSignal ?? 4095;
    this.splitter = new LineSplitter(opts.maxLineBytes ?? 128);
  }

  /** push: feed raw serial bytes; returns the records of every completed line, with lost markers. */
  push(bytes: Uint8Array): PulseSensorRecord[] {
    this.bytes += bytes.length;
    const out: PulseSensorRecord[] = [];
    for (const part of this.splitter.pushParts(bytes)) {
      if ('overflowBytes' in part) {
        this.lines++;
        this.badLines++;
        this.badBytes += part.overflowBytes;
        if (this.synced) out.push(lostRecord(Math.max(1, part.overflowBytes / (this.sampleLineBytes.value ?? part.overflowBytes))));
        continue;
      }
      const line = part.line.trim();
      if (line === '') {
        // The sketches never print an empty `\r\n` line: after sync it is a line whose
        // characters were lost (a bare `\n` is part of the ESP32 example's banner).
        if (this.synced && part.bytes === 2) {
          this.lines++;
          this.badLines++;
          this.badBytes += part.bytes;
          out.push(lostRecord(1));
        }
        continue;
      }
      this.lines++;
      const p = this.parseLine(line);
      const prev = this.prevLine;
      this.prevLine = p ? (p.rec.kind === 'bpm' ? 'beat' : p.rec.kind === 'signal' ? 'sample' : 'other') : /[A-L]/.test(line) ? 'beat' : /^[Sa-l]/.test(line) ? 'sample' : 'other';
      if (p && p.rec.kind === 'ibi' && this.synced && prev === 'sample' && this.continuesSignal(p.rec.ibiMs)) {
        // The visualizer sketch prints an IBI line only right after its BPM line: a `Q628` right after
        // a sample line (even a garbled one), whose value continues the signal, is a sample line
        // `S628` with its letter corrupted (S and Q differ in one bit). (A real IBI line whose BPM
        // line was dropped whole is told apart by its value, which does not continue the signal.)
        this.badLines++;
        this.badBytes += part.bytes;
        out.push(lostRecord(1));
        continue;
      }
      // A `\r` inside the line is another line's end whose `\n` was lost: each one is a line that
      // ran into this one (`653\r` + `\r\n` whose digits were dropped), i.e. a lost sample.
      const innerCr = p?.fmt ? countCr(part.line) : 0;
      const lostFirst = innerCr > 0 && part.line.trimStart().startsWith('\r');
      if (innerCr > 0 && lostFirst) out.push(lostRecord(innerCr));
      if (p?.rec.kind === 'signal' && p.rec.sensor === 0) this.trackSignal(p.rec.value);
      if (p) {
        out.push(p.rec);
        if (innerCr > 0 && !lostFirst) out.push(lostRecord(innerCr));
        this.records++;
        if (p.fmt) {
          this.synced = true;
          this.sampleLineBytes.add(part.bytes);
          this.formatCounts.set(p.fmt, (this.formatCounts.get(p.fmt) ?? 0) + 1);
        }
      } else {
        this.badLines++;
        this.badBytes += part.bytes;
        // Right after a BPM line the visualizer sketch prints its IBI line: a bad line there without a
        // sample letter is that IBI line, garbled (no sample lost).
        const ibiLine = prev === 'beat' && this.format === 'visualizer' && !line.includes('S');
        if (this.synced) out.push(lostRecord(ibiLine ? 0 : this.estimateLost(line, part.bytes)));
      }
    }
    return out;
  }

  /** Running counters for garbage detection. */
  get stats(): LineDecoderStats {
    return { bytes: this.bytes, records: this.records, lines: this.lines, badLines: this.badLines };
  }

  /** Bytes of bad lines and discarded overlong runs so far. */
  get badByteCount(): number {
    return this.badBytes;
  }

  /** Bytes held for an incomplete line. */
  get bufferedBytes(): number {
    return this.splitter.bufferedBytes;
  }

  /** The sensor count in use: the fixed one, or what 'auto' has detected so far (undefined before any sample line). */
  get sensorCount(): number | undefined {
    if (this.fixedCount !== undefined) return this.fixedCount;
    if (this.autoCount !== undefined) return this.autoCount;
    if (this.multiLetters > 0) return this.multiLetters;
    const f = this.format;
    if (f === 'multi-plotter') return this.streakFields;
    return f === undefined ? undefined : 1;
  }

  /** The most frequent sample-line format so far (undefined before the first sample line). */
  get format(): PulseSensorLineFormat | undefined {
    let best: PulseSensorLineFormat | undefined;
    let n = 0;
    for (const [f, c] of this.formatCounts) if (c > n) [best, n] = [f, c];
    return best;
  }

  /** Median raw length of the good sample lines, bytes (undefined before the first). */
  get typicalSampleLineBytes(): number | undefined {
    return this.sampleLineBytes.value;
  }

  reset(): void {
    this.prevLine = 'other';
    this.signalsSeen = this.maxSignalSeen = 0;
    this.lastSignal = Number.NaN;
    this.steps.fill(0);
    this.splitter.reset();
    this.bytes = this.records = this.lines = this.badLines = this.badBytes = 0;
    this.synced = false;
    this.sampleLineBytes.reset();
    this.formatCounts.clear();
    this.autoCount = undefined;
    this.multiLetters = 0;
    this.streakFields = 0;
    this.streak = [];
  }

  /** Follow sensor 0's signal: its last value and the largest step between samples lately. */
  private trackSignal(v: number): void {
    if (this.lastSignal === this.lastSignal) {
      this.steps[this.stepAt] = Math.abs(v - this.lastSignal);
      this.stepAt = (this.stepAt + 1) % this.steps.length;
    }
    this.lastSignal = v;
  }

  /** Whether `v` could be the next sample of the signal (within 1.5 × the largest recent step, at least 8). */
  private continuesSignal(v: number): boolean {
    if (!(this.lastSignal === this.lastSignal)) return false;
    let big = 0;
    for (const d of this.steps) if (d > big) big = d;
    return Math.abs(v - this.lastSignal) <= Math.max(8, 1.5 * big);
  }

  /**
   * A signal value in range. Once 200 values have all fit in 10 bits (an AVR board: 0–1023), a
   * larger one is two lines run together (`5` + `623` → `5623`), not a sample.
   */
  private validSignal(v: number): boolean {
    const tenBit = this.signalsSeen >= 200 && this.maxSignalSeen <= 1023;
    if (!(v >= 0 && v <= (tenBit ? 1023 : this.maxSignal))) return false;
    this.signalsSeen++;
    if (v > this.maxSignalSeen) this.maxSignalSeen = v;
    return true;
  }

  private parseLine(line: string): Parsed | null {
    if (line.startsWith('!')) return { rec: { kind: 'error', message: line.slice(1).trim() || 'PulseSensor begin() failed' } };
    const c = line.charCodeAt(0);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
      const rest = line.slice(1);
      if (INT.test(rest)) return this.parseLetter(line[0], c, Number(rest));
      const m = /^Signal\s*[:=]?\s*(-?\d{1,7})$/i.exec(line);
      if (m) return this.signal(Number(m[1]), 'signal-text');
      if (INFO_LINES.some((re) => re.test(line))) return { rec: { kind: 'info', message: line } };
      return null;
    }
    if (INT.test(line)) return this.signal(Number(line), 'bare');
    const bpm = /^(\d{1,3}) bpm$/.exec(line);
    if (bpm) return Number(bpm[1]) <= MAX_BPM ? { rec: { kind: 'bpm', sensor: 0, bpm: Number(bpm[1]) } } : null;
    if (line.includes(',')) return this.parseComma(line);
    return null;
  }

  private signal(v: number, fmt: PulseSensorLineFormat, sensor = 0): Parsed | null {
    return this.validSignal(v) ? { rec: { kind: 'signal', sensor, value: v }, fmt } : null;
  }

  private parseLetter(ch: string, c: number, v: number): Parsed | null {
    const count = this.fixedCount ?? (this.multiLetters > 0 ? Math.max(2, this.multiLetters) : 1);
    const bpmOk = v >= 0 && v <= MAX_BPM;
    const ibiOk = v >= 0 && v <= MAX_IBI_MS;
    if (this.fixedCount === undefined && c >= 0x61 && c < 0x61 + 16) {
      // 'auto': lower-case letters are the multi-sensor visualizer's signals.
      this.multiLetters = Math.max(this.multiLetters, c - 0x61 + 1);
      return this.signal(v, 'multi-visualizer', c - 0x61);
    }
    if (count === 1) {
      if (ch === 'S') return this.signal(v, 'visualizer');
      if (ch === 'B') return bpmOk ? { rec: { kind: 'bpm', sensor: 0, bpm: v } } : null;
      if (ch === 'Q') return ibiOk ? { rec: { kind: 'ibi', sensor: 0, ibiMs: v } } : null;
      return null;
    }
    const a = c - 0x61;
    if (a >= 0 && a < count) return this.signal(v, 'multi-visualizer', a);
    const bpmI = c - 0x41;
    if (bpmI >= 0 && bpmI < count) return bpmOk ? { rec: { kind: 'bpm', sensor: bpmI, bpm: v } } : null;
    const ibiI = c - 0x4d;
    if (ibiI >= 0 && ibiI < count) return ibiOk ? { rec: { kind: 'ibi', sensor: ibiI, ibiMs: v } } : null;
    return null;
  }

  private parseComma(line: string): Parsed | null {
    const parts = line.split(',').map((p) => p.trim());
    if (!parts.every((p) => INT.test(p))) return null;
    const nums = parts.map(Number);
    const n = nums.length;
    let count = this.fixedCount ?? this.autoCount;
    if (count === undefined) {
      count = this.provisionalCount(nums);
      if (count === undefined) return null;
    }
    if (count === 1) {
      if (n !== 3) return null;
      const [bpm, ibiMs, signal] = nums;
      if (bpm < 0 || bpm > MAX_BPM || ibiMs < 0 || ibiMs > MAX_IBI_MS || !this.validSignal(signal)) return null;
      return { rec: { kind: 'plotter', bpm, ibiMs, signal }, fmt: 'plotter' };
    }
    if (n !== count || !nums.every((v) => this.validSignal(v))) return null;
    return { rec: { kind: 'signals', values: nums }, fmt: 'multi-plotter' };
  }

  /** 'auto': the count for this comma line, establishing it after 3 lines with one field count. */
  private provisionalCount(nums: number[]): number | undefined {
    const n = nums.length;
    if (n < 2 || n > 16) return undefined;
    if (n === this.streakFields) this.streak.push(nums);
    else {
      this.streakFields = n;
      this.streak = [nums];
    }
    let guess = n;
    if (n === 3) {
      // BPM,IBI,Signal: BPM and IBI change only at beats (at most once over three lines, when a
      // beat falls between them); three ADC values change nearly every line.
      const changes = (f: number): number => this.streak.reduce((c, s, i) => c + (i > 0 && s[f] !== this.streak[i - 1]![f] ? 1 : 0), 0);
      guess = this.streak.length < 2 || (changes(0) <= 1 && changes(1) <= 1) ? 1 : 3;
    }
    if (this.streak.length >= 3) {
      this.autoCount = guess;
      this.streak = [];
    }
    return guess;
  }

  /** Samples lost in a bad line of `bytes` raw bytes (see the module comment). */
  private estimateLost(line: string, bytes: number): number {
    const fmt = this.format;
    const count = this.sensorCount ?? 1;
    // Sample lines of the visualizer formats start with a sample letter: count those letters.
    let sampleTokens = 0;
    let beatLetter = false;
    if (fmt === 'visualizer') {
      sampleTokens = line.split('S').length - 1;
      beatLetter = line[0] === 'B' || line[0] === 'Q';
    } else if (fmt === 'multi-visualizer') {
      for (const ch of line) if (ch >= 'a' && ch.charCodeAt(0) < 0x61 + count) sampleTokens++;
      const c = line.charCodeAt(0);
      beatLetter = (c >= 0x41 && c < 0x41 + count) || (c >= 0x4d && c < 0x4d + count);
    }
    if (sampleTokens === 0) {
      if (beatLetter) return 0; // B…/Q… (A…/M… with several sensors)
      if (/bpm|^\d{0,3} ?[bpm]{1,3}$/.test(line) && !line.includes(',')) return 0; // the ESP32 example's `72 bpm`
      // Banner or menu text (sample lines never hold three letters in a row, except `Signal`).
      if (fmt !== 'signal-text' && /[A-Za-z]{3,}/.test(line)) return 0;
    }
    // A garbled line is never longer than the line it came from: anything longer than the
    // longest recent good sample line is merged lines.
    const longest = this.sampleLineBytes.max ?? bytes;
    // Per-beat tokens inside a merged line carry no samples: leave their bytes out.
    const beatBytes = fmt === 'visualizer' ? (line.match(/[BQ]\d+/g) ?? []).reduce((s, t) => s + t.length + 2, 0) : 0;
    const byLength = Math.ceil(Math.max(0, bytes - beatBytes) / longest - 1e-9);
    let byStructure = sampleTokens;
    if (fmt === 'plotter' || fmt === 'multi-plotter') {
      byStructure = Math.ceil(line.split(',').length / (fmt === 'plotter' ? 3 : count));
    } else if (fmt === 'bare') {
      // Bare values: lines cut short lose their line end and run together (`57` + `56` + `554`):
      // count digits against a typical line's (its bytes less `\r\n`).
      const digits = line.replace(/[^0-9]/g, '').length;
      const typical = Math.max(1, (this.sampleLineBytes.value ?? 5) - 2);
      byStructure = Math.ceil(digits / typical - 1e-9);
    } else if (fmt === 'signal-text') {
      // `Signal 530`: count the pieces of the word (3 per line) and its capital S (one per line)
      // so merged lines show (`S` cut off + `Signal 6` → `SSignal 6`: two lines).
      byStructure = Math.max(Math.ceil((line.match(/Si|na|al/g)?.length ?? 0) / 3), line.split('S').length - 1);
    }
    return Math.max(1, byLength, byStructure);
  }
}

function countCr(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 13) n++;
  return n;
}

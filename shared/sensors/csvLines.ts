/**
 * CsvLineDecoder: generic number-per-line decoder for serial sketches that print
 * one sample per line (`530`) or `time,value` with time in seconds (`12.34,530`).
 * Separators: comma, semicolon, tab or spaces. A non-numeric first line is taken
 * as a header; `#` lines are comments; everything else that does not parse is
 * counted in `badLines`.
 */
import type { LineDecoderStats } from './garbageDetector.js';
import { LineSplitter } from './lineSplitter.js';

export interface CsvRecord {
  /** Sample value. */
  readonly value: number;
  /** Device time of the sample, s, when the line had a time column. */
  readonly tSec?: number;
}

const NUM = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export class CsvLineDecoder {
  private readonly splitter: LineSplitter;
  private bytes = 0;
  private records = 0;
  private lines = 0;
  private badLines = 0;
  private headerSeen = false;
  /** The header line, if the first line was one. */
  header: string | null = null;

  constructor(opts: { maxLineBytes?: number } = {}) {
    this.splitter = new LineSplitter(opts.maxLineBytes ?? 128);
  }

  /** push: feed raw bytes; returns one record per numeric line. */
  push(bytes: Uint8Array): CsvRecord[] {
    this.bytes += bytes.length;
    const before = this.splitter.overflows;
    const out: CsvRecord[] = [];
    for (const raw of this.splitter.push(bytes)) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const rec = parseCsvLine(line);
      if (rec) {
        this.lines++;
        this.records++;
        this.headerSeen = true;
        out.push(rec);
      } else if (!this.headerSeen && /[A-Za-z]/.test(line) && line.length < 80) {
        this.headerSeen = true;
        this.header = line;
      } else {
        this.lines++;
        this.badLines++;
      }
    }
    const overflows = this.splitter.overflows - before;
    this.lines += overflows;
    this.badLines += overflows;
    return out;
  }

  get stats(): LineDecoderStats {
    return { bytes: this.bytes, records: this.records, lines: this.lines, badLines: this.badLines };
  }

  get bufferedBytes(): number {
    return this.splitter.bufferedBytes;
  }

  reset(): void {
    this.splitter.reset();
    this.bytes = this.records = this.lines = this.badLines = 0;
    this.headerSeen = false;
    this.header = null;
  }
}

/** parseCsvLine: `value` or `time,value`; null when the line is not one of those. */
export function parseCsvLine(line: string): CsvRecord | null {
  const parts = line.split(/\s*[,;\t]\s*|\s+/).filter((p) => p !== '');
  if (parts.length < 1 || parts.length > 2 || !parts.every((p) => NUM.test(p))) return null;
  const nums = parts.map(Number);
  if (!nums.every(Number.isFinite)) return null;
  return nums.length === 1 ? { value: nums[0] } : { tSec: nums[0], value: nums[1] };
}

/**
 * GarbageDetector: tells from a decoder's running stats whether the incoming bytes
 * look like the configured protocol at the configured baud rate. Over a sliding
 * window (default 3 s) it reports 'garbage' when at least `minBytes` arrived but
 * no records were decoded or more than `maxBadFraction` of the input was rejected,
 * and 'no-data' when nothing arrived for the whole window.
 */

/** Running counters every streaming decoder exposes via `stats`. */
export interface DecoderStats {
  /** Bytes pushed in total. */
  readonly bytes: number;
  /** Records decoded in total. */
  readonly records: number;
  /** Byte protocols: bytes that did not belong to a valid packet. */
  readonly badBytes?: number;
  /** Line protocols: lines that were not understood (incl. overlong runs). */
  readonly badLines?: number;
  /** Line protocols: lines seen in total (good + bad, excluding empty lines). */
  readonly lines?: number;
}

/** Stats of a line decoder (PulseSensor, CSV). */
export interface LineDecoderStats extends DecoderStats {
  readonly lines: number;
  readonly badLines: number;
}

export type GarbageVerdict = 'pending' | 'ok' | 'garbage' | 'no-data';

export interface GarbageReport {
  readonly verdict: GarbageVerdict;
  /** Over the window: bytes in, records out, fraction of input rejected. */
  readonly windowBytes: number;
  readonly windowRecords: number;
  readonly badFraction: number;
}

export interface GarbageDetectorOptions {
  /** Window length, s (default 3). */
  windowSec?: number;
  /** Minimum bytes in the window before a 'garbage' verdict (default 48). */
  minBytes?: number;
  /** Rejected fraction above which the input is garbage (default 0.5). */
  maxBadFraction?: number;
}

interface Snap {
  tSec: number;
  bytes: number;
  records: number;
  bad: number;
  units: number;
}

export class GarbageDetector {
  private readonly windowSec: number;
  private readonly minBytes: number;
  private readonly maxBad: number;
  private snaps: Snap[] = [];

  constructor(opts: GarbageDetectorOptions = {}) {
    this.windowSec = opts.windowSec ?? 3;
    this.minBytes = opts.minBytes ?? 48;
    this.maxBad = opts.maxBadFraction ?? 0.5;
  }

  /** update: record the decoder stats at time `tSec` (s, any monotonic clock) and judge the last window. */
  update(tSec: number, s: DecoderStats): GarbageReport {
    const line = s.lines !== undefined;
    const snap: Snap = {
      tSec,
      bytes: s.bytes,
      records: s.records,
      bad: line ? (s.badLines ?? 0) : (s.badBytes ?? 0),
      units: line ? (s.lines ?? 0) : s.bytes,
    };
    this.snaps.push(snap);
    // Keep the newest snapshot that is at least windowSec old as the window start.
    while (this.snaps.length > 2 && tSec - this.snaps[1].tSec >= this.windowSec) this.snaps.shift();
    const first = this.snaps[0];
    const spanSec = tSec - first.tSec;
    const windowBytes = snap.bytes - first.bytes;
    const windowRecords = snap.records - first.records;
    const units = snap.units - first.units;
    const badFraction = units > 0 ? (snap.bad - first.bad) / units : 0;
    let verdict: GarbageVerdict = 'pending';
    if (spanSec >= this.windowSec) {
      if (windowBytes === 0) verdict = 'no-data';
      else if (windowBytes >= this.minBytes && (windowRecords === 0 || badFraction > this.maxBad)) verdict = 'garbage';
      else verdict = 'ok';
    } else if (windowBytes >= this.minBytes * 4 && (windowRecords === 0 || badFraction > this.maxBad) && spanSec >= this.windowSec / 2) {
      verdict = 'garbage';
    }
    return { verdict, windowBytes, windowRecords, badFraction };
  }

  reset(): void {
    this.snaps = [];
  }
}

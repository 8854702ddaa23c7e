/**
 * Contec CMS50D+/E/F pulse-oximeter decoders (sensor-protocols.md §4):
 * Cms50Decoder5 — old 5-byte live packets (sync = bit 7 of byte 0);
 * Cms50Decoder9 — new 9-byte protocol (type byte with bit 7 = 0, a high-bit byte,
 * then bytes with bit 7 set on the wire); plus the command builder `cms50Command`.
 */
import type { DecoderStats } from './garbageDetector.js';

/** New-protocol command bytes for `cms50Command`. */
export const CMS50_CMD = {
  START_LIVE: 0xa1,
  STOP_LIVE: 0xa2,
  SESSION_DATA: 0xa6,
  STOP_STORED: 0xa7,
  MODEL: 0xa8,
  VENDOR: 0xa9,
  DEVICE_ID: 0xaa,
  KEEP_ALIVE: 0xaf,
} as const;

/** Old-protocol byte sequences: recorded-data download and back to live mode. */
export const CMS50_OLD = {
  DOWNLOAD: Uint8Array.of(0xf5, 0xf5),
  DOWNLOAD_PREAMBLE: Uint8Array.of(0xf2, 0x80, 0x00),
  BACK_TO_LIVE: Uint8Array.of(0xf6, 0xf6, 0xf6),
} as const;

/** cms50Command: `7D 81 <cmd> 80 80 80 80 80 80` (new protocol, OSCAR sendCommand). */
export function cms50Command(cmd: number): Uint8Array {
  return Uint8Array.of(0x7d, 0x81, cmd & 0xff, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);
}

export interface Cms50Record {
  readonly kind: 'live';
  readonly protocol: 5 | 9;
  /** Plethysmogram sample 0–127. */
  readonly pleth: number;
  /** Signal strength 0–15. */
  readonly signal: number;
  /** Beat / beep marker. */
  readonly beat: boolean;
  readonly fingerOut: boolean;
  readonly searching: boolean;
  readonly probeError: boolean;
  /** Bar graph (old protocol) or second waveform (new protocol, meaning uncertain). */
  readonly bar: number;
  /** Pulse rate, bpm; null when there is no valid reading. */
  readonly pulseRateBpm: number | null;
  /** SpO2, %; null when there is no valid reading. */
  readonly spo2Pct: number | null;
}

function validOrNull(v: number, ok: boolean, max: number): number | null {
  return ok && v > 0 && v <= max ? v : null;
}

export interface Cms50Stats extends DecoderStats {
  readonly badBytes: number;
}

/**
 * Cms50Decoder5: old protocol, 19200 8O1, ~60 packets/s. Byte 0 has bit 7 set
 * (sync); bytes 1–4 have it clear. A sync byte inside a packet drops the partial
 * packet (counted as bad bytes) and starts a new one.
 */
export class Cms50Decoder5 {
  private buf = new Uint8Array(5);
  private n = 0;
  private bytes = 0;
  private records = 0;
  private badBytes = 0;

  push(bytes: Uint8Array): Cms50Record[] {
    this.bytes += bytes.length;
    const out: Cms50Record[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b & 0x80) {
        this.badBytes += this.n;
        this.buf[0] = b;
        this.n = 1;
        continue;
      }
      if (this.n === 0) {
        this.badBytes++;
        continue;
      }
      this.buf[this.n++] = b;
      if (this.n === 5) {
        out.push(decode5(this.buf));
        this.records++;
        this.n = 0;
      }
    }
    return out;
  }

  get stats(): Cms50Stats {
    return { bytes: this.bytes, records: this.records, badBytes: this.badBytes };
  }

  get bufferedBytes(): number {
    return this.n;
  }

  reset(): void {
    this.n = 0;
    this.bytes = this.records = this.badBytes = 0;
  }
}

function decode5(p: Uint8Array): Cms50Record {
  const fingerOut = (p[0] & 0x10) !== 0;
  const searching = (p[2] & 0x20) !== 0;
  const probeError = (p[2] & 0x10) !== 0;
  const pr = ((p[2] & 0x40) << 1) | (p[3] & 0x7f);
  const valid = !fingerOut && !probeError;
  return {
    kind: 'live',
    protocol: 5,
    signal: p[0] & 0x0f,
    beat: (p[0] & 0x40) !== 0,
    fingerOut,
    searching,
    probeError,
    pleth: p[1] & 0x7f,
    bar: p[2] & 0x0f,
    pulseRateBpm: validOrNull(pr, valid, 254),
    spo2Pct: validOrNull(p[4] & 0x7f, valid, 100),
  };
}

export interface Cms50Stats9 extends Cms50Stats {
  /** Live packets whose bytes 7–8 were not `FF FF` (D+ validity check); still decoded. */
  readonly tailMismatch: number;
}

/**
 * Cms50Decoder9: new protocol, 115200 8N1. A packet starts with a type byte (bit 7
 * = 0); every following byte has bit 7 set on the wire and byte 1's bit i restores
 * bit 7 of byte i+2. Only live packets (type 0x01, 9 bytes) are decoded; any other
 * byte is counted as bad while hunting for the next valid packet.
 */
export class Cms50Decoder9 {
  private buf = new Uint8Array(9);
  private n = 0;
  private bytes = 0;
  private records = 0;
  private badBytes = 0;
  private tailMismatch = 0;

  push(bytes: Uint8Array): Cms50Record[] {
    this.bytes += bytes.length;
    const out: Cms50Record[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if ((b & 0x80) === 0) {
        // A type byte: any partial packet is dropped.
        this.badBytes += this.n;
        this.n = 0;
        if (b === 0x01) this.buf[this.n++] = b;
        else this.badBytes++;
        continue;
      }
      if (this.n === 0) {
        this.badBytes++;
        continue;
      }
      this.buf[this.n++] = b;
      if (this.n === 9) {
        if (this.buf[7] !== 0xff || this.buf[8] !== 0xff) this.tailMismatch++;
        out.push(decode9(this.buf));
        this.records++;
        this.n = 0;
      }
    }
    return out;
  }

  get stats(): Cms50Stats9 {
    return { bytes: this.bytes, records: this.records, badBytes: this.badBytes, tailMismatch: this.tailMismatch };
  }

  get bufferedBytes(): number {
    return this.n;
  }

  reset(): void {
    this.n = 0;
    this.bytes = this.records = this.badBytes = this.tailMismatch = 0;
  }
}

function decode9(p: Uint8Array): Cms50Record {
  const hb = p[1];
  const fingerOut = (hb & 0x01) !== 0;
  const searching = (hb & 0x02) !== 0;
  const b2 = p[2] & 0x7f;
  // Pulse rate: low 7 bits from byte 5, bit 7 restored from the high-bit byte (bit 3).
  const pr = (p[5] & 0x7f) | ((hb & 0x08) << 4);
  // `E2` (searching) = no valid data (headrotor); finger out = bit 0 (MarkMLl).
  const valid = !fingerOut && !searching;
  return {
    kind: 'live',
    protocol: 9,
    signal: b2 & 0x0f,
    beat: (b2 & 0x40) !== 0,
    fingerOut,
    searching,
    probeError: false,
    pleth: p[3] & 0x7f,
    bar: p[4] & 0x7f,
    pulseRateBpm: validOrNull(pr, valid, 254),
    spo2Pct: validOrNull(p[6] & 0x7f, valid, 100),
  };
}

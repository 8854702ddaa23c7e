/**
 * Contec CMS50D+/E/F pulse-oximeter decoders (sensor-protocols.md §4 and "What real
 * devices do beyond the nominal spec"):
 * - Cms50Decoder5 — old 5-byte live packets (firmware ≤ 4.5; 19200 8O1, or 4800 8N1 on
 *   older units; sync = bit 7 of byte 0; atbrask/CMS50Dplus);
 * - Cms50Decoder9 — new 9-byte protocol (115200 8N1): a type byte with bit 7 = 0, a
 *   high-bit byte (bit i = true bit 7 of byte i+2, as OSCAR cms50f37_loader.cpp restores
 *   it), then bytes with bit 7 set on the wire. Live packets (type 01) carry the Contec
 *   "Communication Protocol of Pulse Oximeter V7.0" fields: restored byte 2 = signal
 *   strength (bits 0–3), beat (bit 6), probe error (bit 7 = high-bit byte bit 0, the
 *   "finger out" of MarkMLl's D+); byte 3 = pleth (bits 0–6), searching for pulse
 *   (bit 7 = high-bit byte bit 1); byte 4 = bar graph (bits 0–3), PI invalid (bit 4);
 *   byte 5 = pulse rate (8 bits); byte 6 = SpO2; bytes 7–8 = perfusion index, little-
 *   endian (`FF FF` on the D+, which has no PI). Replies to host commands (other types,
 *   lengths per OSCAR's `processBytes` table) are skipped and counted, not decoded.
 * Both return `{ kind: 'lost', count }` markers (lostRecords.ts) before the next good
 * packet wherever bytes were skipped after the first good packet: count = round(skipped
 * bytes / packet size), at least 1 when a started packet was broken.
 * Plus the command builder `cms50Command`.
 */
import type { DecoderStats } from './garbageDetector.js';
import { PacketLossCounter, type LostRecord } from './lostRecords.js';

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

interface Cms50LiveFields {
  readonly kind: 'live';
  /** Plethysmogram sample 0–127. */
  readonly pleth: number;
  /** Signal strength 0–15. */
  readonly signal: number;
  /** Beat / beep marker. */
  readonly beat: boolean;
  /** Finger out: old protocol byte 0 bit 4; new protocol = probe error (D+ behaviour). */
  readonly fingerOut: boolean;
  readonly searching: boolean;
  readonly probeError: boolean;
  /** Bar graph 0–15. */
  readonly bar: number;
  /** Pulse rate, bpm; null when there is no valid reading. */
  readonly pulseRateBpm: number | null;
  /** SpO2, %; null when there is no valid reading. */
  readonly spo2Pct: number | null;
}

/** A live packet of the old 5-byte protocol. */
export interface Cms50Record5 extends Cms50LiveFields {
  readonly protocol: 5;
}

/** A live packet of the new 9-byte protocol. */
export interface Cms50Record9 extends Cms50LiveFields {
  readonly protocol: 9;
  /** Byte 4 bit 4: the perfusion index is not valid. */
  readonly piInvalid: boolean;
  /** Bytes 7–8 as sent (scale not verified); null when invalid or `FF FF`. */
  readonly perfusionIndexRaw: number | null;
}

export type Cms50Record = Cms50Record5 | Cms50Record9;

function validOrNull(v: number, ok: boolean, max: number): number | null {
  return ok && v > 0 && v <= max ? v : null;
}

export interface Cms50Stats extends DecoderStats {
  readonly badBytes: number;
}

/**
 * Cms50Decoder5: old protocol, ~60 packets/s. Byte 0 has bit 7 set (sync); bytes 1–4
 * have it clear. A sync byte inside a packet drops the partial packet (counted as bad
 * bytes) and starts a new one.
 */
export class Cms50Decoder5 {
  private buf = new Uint8Array(5);
  private n = 0;
  private bytes = 0;
  private records = 0;
  private badBytes = 0;
  private synced = false;
  private readonly loss = new PacketLossCounter(5);

  push(bytes: Uint8Array): (Cms50Record5 | LostRecord)[] {
    this.bytes += bytes.length;
    const out: (Cms50Record5 | LostRecord)[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b & 0x80) {
        this.badBytes += this.n;
        this.loss.discard(this.n, true);
        this.buf[0] = b;
        this.n = 1;
        continue;
      }
      if (this.n === 0) {
        this.badBytes++;
        this.loss.discard(1, false);
        continue;
      }
      this.buf[this.n++] = b;
      if (this.n === 5) {
        const lost = this.loss.take();
        if (lost && this.synced) out.push(lost);
        out.push(decode5(this.buf));
        this.synced = true;
        this.records++;
        this.n = 0;
      }
    }
    const big = this.synced ? this.loss.takeLarge() : null;
    if (big) out.push(big);
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
    this.synced = false;
    this.loss.reset();
  }
}

/** decodeCms50Packet5: one 5-byte live packet (bit 7 of byte 0 set, of bytes 1–4 clear). */
export function decodeCms50Packet5(p: Uint8Array): Cms50Record5 {
  return decode5(p);
}

function decode5(p: Uint8Array): Cms50Record5 {
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
  /** Live packets whose bytes 7–8 were not `FF FF` (a model that sends a perfusion index); still decoded. */
  readonly tailMismatch: number;
  /** Complete reply packets of other types (command answers), skipped. */
  readonly responses: number;
}

/** Packet length per type byte (OSCAR cms50f37_loader.cpp `processBytes`), plus 01 = live (9). */
const PACKET_LENGTH: Readonly<Record<number, number>> = {
  0x01: 9, 0x02: 9, 0x03: 9, 0x04: 9, 0x05: 9, 0x06: 4, 0x07: 8, 0x08: 8, 0x09: 6, 0x0a: 4,
  0x0b: 4, 0x0c: 2, 0x0e: 3, 0x0f: 8, 0x10: 3, 0x11: 9, 0x12: 8, 0x13: 9, 0x14: 9,
};

/**
 * Cms50Decoder9: new protocol. Decodes live packets (type 01); complete packets of the
 * other known types are skipped as command replies; any other byte is counted as bad
 * while hunting for the next packet start.
 */
export class Cms50Decoder9 {
  private buf = new Uint8Array(9);
  private n = 0;
  private len = 0;
  private bytes = 0;
  private records = 0;
  private badBytes = 0;
  private tailMismatch = 0;
  private responses = 0;
  private synced = false;
  private readonly loss = new PacketLossCounter(9);

  push(bytes: Uint8Array): (Cms50Record9 | LostRecord)[] {
    this.bytes += bytes.length;
    const out: (Cms50Record9 | LostRecord)[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if ((b & 0x80) === 0) {
        // A type byte: any partial packet is dropped (a live one is surely a lost sample).
        this.badBytes += this.n;
        this.loss.discard(this.n, true, this.buf[0] === 0x01);
        this.n = 0;
        this.len = PACKET_LENGTH[b] ?? 0;
        if (this.len > 0) this.buf[this.n++] = b;
        else {
          this.badBytes++;
          this.loss.discard(1, false);
        }
        continue;
      }
      if (this.n === 0) {
        this.badBytes++;
        this.loss.discard(1, false);
        continue;
      }
      this.buf[this.n++] = b;
      if (this.n < this.len) continue;
      this.n = 0;
      if (this.buf[0] !== 0x01) {
        this.responses++;
        // Where live packets flow, a packet of another type the size of a live one is a live
        // packet whose type byte was corrupted (no command that has such a reply is sent then).
        if (this.synced && this.len === 9) this.loss.wrongType();
        continue;
      }
      if (this.buf[7] !== 0xff || this.buf[8] !== 0xff) this.tailMismatch++;
      const lost = this.loss.take();
      if (lost && this.synced) out.push(lost);
      out.push(decode9(this.buf));
      this.synced = true;
      this.records++;
    }
    const big = this.synced ? this.loss.takeLarge() : null;
    if (big) out.push(big);
    return out;
  }

  get stats(): Cms50Stats9 {
    return { bytes: this.bytes, records: this.records, badBytes: this.badBytes, tailMismatch: this.tailMismatch, responses: this.responses };
  }

  get bufferedBytes(): number {
    return this.n;
  }

  reset(): void {
    this.n = this.len = 0;
    this.bytes = this.records = this.badBytes = this.tailMismatch = this.responses = 0;
    this.synced = false;
    this.loss.reset();
  }
}

/** decodeCms50Packet9: one 9-byte live packet as on the wire (type 01, high-bit byte, 7 data bytes). */
export function decodeCms50Packet9(p: Uint8Array): Cms50Record9 {
  return decode9(p);
}

function decode9(p: Uint8Array): Cms50Record9 {
  const hb = p[1];
  // Restore bit 7 of bytes 2–8 from the high-bit byte.
  const r = (i: number) => (p[i] & 0x7f) | (((hb >> (i - 2)) & 1) << 7);
  const b2 = r(2);
  const b3 = r(3);
  const b4 = r(4);
  const probeError = (b2 & 0x80) !== 0;
  const searching = (b3 & 0x80) !== 0;
  const piInvalid = (b4 & 0x10) !== 0;
  const pi = r(7) | (r(8) << 8);
  const valid = !probeError && !searching;
  return {
    kind: 'live',
    protocol: 9,
    signal: b2 & 0x0f,
    beat: (b2 & 0x40) !== 0,
    fingerOut: probeError,
    searching,
    probeError,
    pleth: b3 & 0x7f,
    bar: b4 & 0x0f,
    pulseRateBpm: validOrNull(r(5), valid, 254),
    spo2Pct: validOrNull(r(6), valid, 100),
    piInvalid,
    perfusionIndexRaw: piInvalid || pi === 0xffff ? null : pi,
  };
}

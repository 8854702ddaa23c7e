/**
 * Polar PMD data frames (sensor-protocols.md §2; polar-ble-sdk PmdDataFrame, PpgData,
 * EcgData, PpiData, parseDeltaFramesAll): header, raw PPG type 0, raw ECG type 0,
 * PPI type 0, and compressed (delta) frames for PPG type 0 and ECG type 0.
 */
import { hexBytes, parseError, type ParseError } from './parseResult.js';

/** Unix ms of the PMD epoch 2000-01-01T00:00Z. */
export const PMD_EPOCH_UNIX_MS = 946_684_800_000;

/** pmdTimestampToUnixMs: PMD ns-since-2000 → Unix ms (float). */
export function pmdTimestampToUnixMs(ns: bigint): number {
  return PMD_EPOCH_UNIX_MS + Number(ns) / 1e6;
}

const HEADER_BYTES = 10;

export interface PmdFrameHeader {
  /** Measurement type (byte 0 & 0x3F). */
  readonly measurementType: number;
  /** ns since 2000-01-01 of the LAST sample in the frame (0 for PPI). */
  readonly timestampNs: bigint;
  /** Byte 9 bit 7. */
  readonly compressed: boolean;
  /** Byte 9 bits 0–6. */
  readonly frameType: number;
}

export interface PmdPpgSample {
  /** PPG0, PPG1, PPG2. */
  readonly ppg: readonly [number, number, number];
  readonly ambient: number;
}

export interface PmdPpiSample {
  readonly hrBpm: number;
  readonly ppMs: number;
  readonly errorMs: number;
  /** Flags bit 0: movement blocker — the interval is unreliable. */
  readonly blocker: boolean;
  /** Flags bit 1. */
  readonly skinContact: boolean;
  /** Flags bit 2. */
  readonly contactSupported: boolean;
}

export type PmdDataFrame =
  | (PmdFrameHeader & { readonly ok: true; readonly kind: 'ppg'; readonly samples: readonly PmdPpgSample[] })
  | (PmdFrameHeader & { readonly ok: true; readonly kind: 'ecg'; readonly samplesUv: readonly number[] })
  | (PmdFrameHeader & {
      readonly ok: true;
      readonly kind: 'ppi';
      /** Samples to use: blocker samples discarded (PPIData.md). */
      readonly samples: readonly PmdPpiSample[];
      /** Every sample, including blocker ones. */
      readonly all: readonly PmdPpiSample[];
    })
  | (PmdFrameHeader & { readonly ok: true; readonly kind: 'unsupported'; readonly reason: string });

export interface PmdParseOptions {
  /** FACTOR from the START response; samples are multiplied by it (default 1). */
  readonly factor?: number;
}

/** parsePmdHeader: the 10-byte data-frame header. */
export function parsePmdHeader(bytes: Uint8Array): PmdFrameHeader | ParseError {
  if (bytes.length < HEADER_BYTES) return parseError(`PMD data frame too short (${bytes.length} bytes): ${hexBytes(bytes)}`, 'too-short');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    measurementType: bytes[0] & 0x3f,
    timestampNs: dv.getBigUint64(1, true),
    compressed: (bytes[9] & 0x80) !== 0,
    frameType: bytes[9] & 0x7f,
  };
}

function int24(b: Uint8Array, o: number): number {
  const v = b[o] | (b[o + 1] << 8) | (b[o + 2] << 16);
  return (v << 8) >> 8;
}

/** Little-endian signed integer of `nBytes` (1–4), sign-extended from `bits`. */
function readSigned(b: Uint8Array, o: number, nBytes: number, bits: number): number {
  let v = 0;
  for (let i = 0; i < nBytes; i++) v += b[o + i] * 2 ** (8 * i);
  const top = 2 ** (bits - 1);
  v = v % 2 ** bits;
  return v >= top ? v - 2 ** bits : v;
}

/** Read `n` (1–32) bits LSB-first starting at bit `pos`; unsigned. */
function readBits(b: Uint8Array, pos: number, n: number): number {
  let v = 0;
  let shift = 0;
  while (n > 0) {
    const bitOff = pos & 7;
    const take = Math.min(8 - bitOff, n);
    v += ((b[pos >> 3] >> bitOff) & ((1 << take) - 1)) * 2 ** shift;
    shift += take;
    pos += take;
    n -= take;
  }
  return v;
}

/**
 * decodeDeltaFrames (polar-ble-sdk parseDeltaFramesAll): a reference sample of
 * `channels × ceil(res/8)` bytes sign-extended from `resolutionBits`, then blocks
 * `[deltaBits][count][ceil(deltaBits·count·channels/8) bytes]`; deltas LSB-first,
 * channel-interleaved, sign-extended; sample = previous + delta.
 */
export function decodeDeltaFrames(payload: Uint8Array, channels: number, resolutionBits: number): { ok: true; samples: number[][] } | ParseError {
  const refBytesPerCh = Math.ceil(resolutionBits / 8);
  if (channels < 1 || refBytesPerCh < 1 || refBytesPerCh > 4) return parseError(`bad delta layout: ${channels} channels × ${resolutionBits} bits`, 'layout');
  if (payload.length < channels * refBytesPerCh) return parseError(`compressed frame shorter than its reference sample (${payload.length} bytes)`, 'too-short');
  let o = 0;
  let prev: number[] = [];
  for (let c = 0; c < channels; c++, o += refBytesPerCh) prev.push(readSigned(payload, o, refBytesPerCh, resolutionBits));
  const samples: number[][] = [prev];
  while (o < payload.length) {
    if (o + 2 > payload.length) return parseError(`compressed frame: truncated delta block header at byte ${o}`, 'truncated');
    const deltaBits = payload[o];
    const count = payload[o + 1];
    o += 2;
    if (deltaBits > 32) return parseError(`compressed frame: delta size ${deltaBits} bits is invalid`, 'layout');
    const byteLen = Math.ceil((deltaBits * count * channels) / 8);
    if (o + byteLen > payload.length) {
      return parseError(`compressed frame: delta block of ${count} × ${deltaBits} bits needs ${byteLen} bytes, ${payload.length - o} left`, 'truncated');
    }
    const block = payload.subarray(o, o + byteLen);
    let pos = 0;
    const full = 2 ** deltaBits;
    const top = full / 2;
    for (let i = 0; i < count; i++) {
      const next: number[] = new Array(channels);
      for (let c = 0; c < channels; c++) {
        let d = deltaBits === 0 ? 0 : readBits(block, pos, deltaBits);
        pos += deltaBits;
        if (deltaBits > 0 && d >= top) d -= full;
        next[c] = prev[c] + d;
      }
      samples.push(next);
      prev = next;
    }
    o += byteLen;
  }
  return { ok: true, samples };
}

const scale = (v: number, f: number): number => (f === 1 ? v : v * f);

/**
 * parsePmdDataFrame: one notification of the PMD Data characteristic.
 * Supports PPG frame type 0 (raw 4 × int24; compressed 4 ch × 24 bit), ECG type 0
 * (raw int24 µV; compressed 1 ch × 14 bit) and PPI type 0. Other types return
 * kind 'unsupported'; malformed frames a ParseError. Never throws.
 */
export function parsePmdDataFrame(bytes: Uint8Array, opts: PmdParseOptions = {}): PmdDataFrame | ParseError {
  const h = parsePmdHeader(bytes);
  if (!('measurementType' in h)) return h;
  const f = opts.factor ?? 1;
  const body = bytes.subarray(HEADER_BYTES);
  const unsupported = (reason: string): PmdDataFrame => ({ ok: true, kind: 'unsupported', ...h, reason });
  if (h.frameType !== 0) return unsupported(`frame type ${h.frameType} of measurement type ${h.measurementType} is not decoded`);
  if (h.measurementType === 1) {
    if (h.compressed) {
      const d = decodeDeltaFrames(body, 4, 24);
      if (!d.ok) return d;
      const samples = d.samples.map((s): PmdPpgSample => ({ ppg: [scale(s[0], f), scale(s[1], f), scale(s[2], f)], ambient: scale(s[3], f) }));
      return { ok: true, kind: 'ppg', ...h, samples };
    }
    if (body.length % 12 !== 0) return parseError(`raw PPG frame: ${body.length} bytes is not a multiple of 12`, 'size');
    const samples: PmdPpgSample[] = [];
    for (let o = 0; o < body.length; o += 12) {
      samples.push({ ppg: [scale(int24(body, o), f), scale(int24(body, o + 3), f), scale(int24(body, o + 6), f)], ambient: scale(int24(body, o + 9), f) });
    }
    return { ok: true, kind: 'ppg', ...h, samples };
  }
  if (h.measurementType === 0) {
    if (h.compressed) {
      const d = decodeDeltaFrames(body, 1, 14);
      if (!d.ok) return d;
      return { ok: true, kind: 'ecg', ...h, samplesUv: d.samples.map((s) => scale(s[0], f)) };
    }
    if (body.length % 3 !== 0) return parseError(`raw ECG frame: ${body.length} bytes is not a multiple of 3`, 'size');
    const samplesUv: number[] = [];
    for (let o = 0; o < body.length; o += 3) samplesUv.push(scale(int24(body, o), f));
    return { ok: true, kind: 'ecg', ...h, samplesUv };
  }
  if (h.measurementType === 3) {
    if (h.compressed) return unsupported('compressed PPI is not defined');
    if (body.length % 6 !== 0) return parseError(`PPI frame: ${body.length} bytes is not a multiple of 6`, 'size');
    const all: PmdPpiSample[] = [];
    for (let o = 0; o < body.length; o += 6) {
      const flags = body[o + 5];
      all.push({
        hrBpm: body[o],
        ppMs: body[o + 1] | (body[o + 2] << 8),
        errorMs: body[o + 3] | (body[o + 4] << 8),
        blocker: (flags & 1) !== 0,
        skinContact: (flags & 2) !== 0,
        contactSupported: (flags & 4) !== 0,
      });
    }
    return { ok: true, kind: 'ppi', ...h, samples: all.filter((s) => !s.blocker), all };
  }
  return unsupported(`measurement type ${h.measurementType} is not decoded`);
}

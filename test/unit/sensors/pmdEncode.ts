/**
 * Test-side encoders for Polar PMD data frames: the inverse of the decoder, used to
 * round-trip compressed frames and to feed the fake BLE peripheral.
 */

/** Header: type, uint64 LE timestamp (ns since 2000), frame-type byte. */
export function pmdHeader(type: number, timestampNs: bigint, frameTypeByte: number): number[] {
  const out = [type];
  let t = timestampNs;
  for (let i = 0; i < 8; i++) {
    out.push(Number(t & 0xffn));
    t >>= 8n;
  }
  out.push(frameTypeByte);
  return out;
}

function int24le(v: number): number[] {
  const u = v < 0 ? v + 0x1000000 : v;
  return [u & 0xff, (u >> 8) & 0xff, (u >> 16) & 0xff];
}

/** Raw PPG type 0 frame: samples [ppg0, ppg1, ppg2, ambient]. */
export function encodeRawPpg(samples: number[][], timestampNs: bigint): Uint8Array {
  const out = pmdHeader(1, timestampNs, 0x00);
  for (const s of samples) for (const v of s) out.push(...int24le(v));
  return Uint8Array.from(out);
}

/**
 * Compressed PPG type 0 frame (parseDeltaFramesAll layout): 24-bit reference sample,
 * then delta blocks of at most `blockSize` samples, each with the smallest delta width.
 */
export function encodeCompressedPpg(samples: number[][], timestampNs: bigint, blockSize = 41): Uint8Array {
  const channels = samples[0].length;
  const out = pmdHeader(1, timestampNs, 0x80);
  for (const v of samples[0]) out.push(...int24le(v));
  for (let start = 1; start < samples.length; start += blockSize) {
    const block = samples.slice(start, start + blockSize);
    const deltas: number[] = [];
    for (let i = 0; i < block.length; i++) {
      const prev = samples[start + i - 1];
      for (let c = 0; c < channels; c++) deltas.push(block[i][c] - prev[c]);
    }
    let bits = 1;
    while (deltas.some((d) => d < -(2 ** (bits - 1)) || d > 2 ** (bits - 1) - 1)) bits++;
    out.push(bits, block.length);
    const bytes = new Array<number>(Math.ceil((bits * deltas.length) / 8)).fill(0);
    let pos = 0;
    for (const d of deltas) {
      const u = d < 0 ? d + 2 ** bits : d;
      for (let k = 0; k < bits; k++, pos++) if (Math.floor(u / 2 ** k) % 2 === 1) bytes[pos >> 3] |= 1 << (pos & 7);
    }
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}

/** PPI type 0 frame. */
export function encodePpi(samples: { hr: number; ppMs: number; errMs: number; flags: number }[]): Uint8Array {
  const out = pmdHeader(3, 0n, 0x00);
  for (const s of samples) out.push(s.hr, s.ppMs & 0xff, s.ppMs >> 8, s.errMs & 0xff, s.errMs >> 8, s.flags);
  return Uint8Array.from(out);
}

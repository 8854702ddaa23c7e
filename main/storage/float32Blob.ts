/**
 * Raw samples are stored as Float32 little-endian BLOBs (4 bytes per sample, bit-exact:
 * NaN = lost sample survives the round trip). These helpers convert without assuming the
 * host byte order and without requiring aligned buffers.
 */
const HOST_LE = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Encode samples as a Float32 little-endian blob (a copy). */
export function encodeFloat32LE(values: Float32Array): Buffer {
  if (HOST_LE) return Buffer.from(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  const out = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) out.writeFloatLE(values[i], i * 4);
  return out;
}

/**
 * Copy samples `i0..i1` (exclusive) of a Float32 LE blob into `target` starting at `offset`.
 */
export function copyFloat32LE(blob: Uint8Array, i0: number, i1: number, target: Float32Array, offset: number): void {
  const count = i1 - i0;
  if (count <= 0) return;
  if (HOST_LE) {
    new Uint8Array(target.buffer, target.byteOffset + offset * 4, count * 4).set(blob.subarray(i0 * 4, i1 * 4));
    return;
  }
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  for (let i = 0; i < count; i++) target[offset + i] = view.getFloat32((i0 + i) * 4, true);
}

/** Decode a whole Float32 LE blob. */
export function decodeFloat32LE(blob: Uint8Array): Float32Array {
  const n = Math.floor(blob.byteLength / 4);
  const out = new Float32Array(n);
  copyFloat32LE(blob, 0, n, out, 0);
  return out;
}

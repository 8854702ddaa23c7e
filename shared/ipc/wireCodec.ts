/**
 * `encodeWire` / `decodeWire`: JSON that keeps typed arrays, for the WebSocket transport of the
 * web host (Electron IPC uses structured clone and needs none of this). A `Float32Array`,
 * `Float64Array`, `Int32Array` or `Uint8Array` becomes `{ "$ta": "f32", "b64": "…" }` with its
 * little-endian bytes in base64, so PPG batches cost 5.3 characters per sample instead of ~18 and
 * arrive as typed arrays the charts can read directly. Plain non-finite numbers become null (JSON).
 * Pure TypeScript (no Buffer, no btoa), so both ends share it.
 */

type TaName = 'f32' | 'f64' | 'i32' | 'u8';
type AnyTa = Float32Array | Float64Array | Int32Array | Uint8Array;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

// Typed arrays use the platform's byte order; every supported platform is little-endian.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Base64 of bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chunk += B64[v >> 18]! + B64[(v >> 12) & 63]! + B64[(v >> 6) & 63]! + B64[v & 63]!;
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | ((i + 1 < n ? bytes[i + 1]! : 0) << 8);
    chunk += B64[v >> 18]! + B64[(v >> 12) & 63]! + (i + 1 < n ? B64[(v >> 6) & 63]! : '=') + '=';
  }
  parts.push(chunk);
  return parts.join('');
}

/** Bytes of a base64 string; throws a RangeError on characters outside the alphabet. */
export function base64ToBytes(text: string): Uint8Array {
  let len = text.length;
  while (len > 0 && text[len - 1] === '=') len--;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c]! : -1;
    if (v < 0) throw new RangeError(`invalid base64 character at ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

function taName(v: unknown): TaName | null {
  if (v instanceof Float32Array) return 'f32';
  if (v instanceof Float64Array) return 'f64';
  if (v instanceof Int32Array) return 'i32';
  if (v instanceof Uint8Array) return 'u8';
  return null;
}

function toTyped(name: TaName, bytes: Uint8Array): AnyTa {
  // Copy into a fresh, aligned buffer.
  const buf = new ArrayBuffer(bytes.length);
  new Uint8Array(buf).set(bytes);
  switch (name) {
    case 'f32':
      return new Float32Array(buf, 0, bytes.length >> 2);
    case 'f64':
      return new Float64Array(buf, 0, bytes.length >> 3);
    case 'i32':
      return new Int32Array(buf, 0, bytes.length >> 2);
    case 'u8':
      return new Uint8Array(buf);
  }
}

/** JSON text of `value`, typed arrays included. */
export function encodeWire(value: unknown): string {
  if (!LITTLE_ENDIAN) throw new Error('encodeWire: big-endian platforms are not supported');
  return JSON.stringify(value, function (this: unknown, _key: string, v: unknown) {
    const name = taName(v);
    if (name === null) return v;
    const ta = v as AnyTa;
    return { $ta: name, b64: bytesToBase64(new Uint8Array(ta.buffer, ta.byteOffset, ta.byteLength)) };
  });
}

/** Parse JSON text from `encodeWire`; typed-array markers become typed arrays again. Throws on bad JSON. */
export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && '$ta' in v && 'b64' in v) {
      const o = v as { $ta: unknown; b64: unknown };
      if ((o.$ta === 'f32' || o.$ta === 'f64' || o.$ta === 'i32' || o.$ta === 'u8') && typeof o.b64 === 'string') {
        return toTyped(o.$ta, base64ToBytes(o.b64));
      }
    }
    return v;
  });
}

/**
 * The 44-byte canonical RIFF/WAVE header of 16-bit PCM mono audio, and 16-bit samples as
 * little-endian bytes. Written by hand (no library): the canonical header is one fixed layout of
 * 11 fields (RIFF, fmt and data chunks only), which every player reads, and there is nothing else to
 * write (no metadata chunks).
 */

export const WAV_HEADER_BYTES = 44;

/** `wavHeader` — header of `numSamples` 16-bit mono samples at `sampleRate` Hz. */
export function wavHeader(sampleRate: number, numSamples: number): Uint8Array {
  const dataBytes = numSamples * 2;
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) throw new RangeError(`wavHeader: sampleRate must be a whole number > 0 (got ${sampleRate})`);
  if (!Number.isInteger(numSamples) || numSamples < 0 || dataBytes + 36 > 0xffffffff) throw new RangeError(`wavHeader: ${numSamples} samples do not fit in a WAV file`);
  const b = new Uint8Array(WAV_HEADER_BYTES);
  const v = new DataView(b.buffer);
  const ascii = (off: number, s: string): void => {
    for (let i = 0; i < s.length; i++) b[off + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true); // fmt chunk size
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true); // byte rate
  v.setUint16(32, 2, true); // block align
  v.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  v.setUint32(40, dataBytes, true);
  return b;
}

/** `int16Bytes` — samples as little-endian bytes (whatever the platform's byte order). */
export function int16Bytes(samples: Int16Array): Uint8Array {
  const b = new Uint8Array(samples.length * 2);
  const v = new DataView(b.buffer);
  for (let i = 0; i < samples.length; i++) v.setInt16(i * 2, samples[i]!, true);
  return b;
}

/** hex: 'AA BB CC' → Uint8Array (test helper). */
export function hex(s: string): Uint8Array {
  const parts = s.trim().split(/\s+/).filter((p) => p !== '');
  return Uint8Array.from(parts.map((p) => {
    const v = parseInt(p, 16);
    if (!/^[0-9a-fA-F]{2}$/.test(p) || Number.isNaN(v)) throw new Error('bad hex byte ' + p);
    return v;
  }));
}

/** ascii: string → bytes (latin-1). */
export function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
}

/**
 * Which text encoding a recording file uses, from its first bytes — so that the files
 * spreadsheets and sensor apps write are read as written:
 * - a byte-order mark decides: UTF-8 (`EF BB BF`, Excel's "CSV UTF-8"), UTF-16 LE (`FF FE`, Excel's
 *   "Unicode text") or UTF-16 BE (`FE FF`);
 * - without one, text whose every other byte is zero is UTF-16 (LE or BE by the position of the zeros);
 * - any other zero byte means binary data (an image, a database, `/dev/zero`): not a recording;
 * - everything else is 8-bit text: UTF-8 when it is valid UTF-8, else Latin-1 (the decision on the
 *   whole file is the reader's, see native-adapters/files/readTextInput.ts).
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1';

export interface EncodingGuess {
  /** `8-bit`: UTF-8 or Latin-1, to be decided on the whole file. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | '8-bit' | 'binary';
  /** Length of the byte-order mark to skip. */
  bomBytes: number;
}

/** How many leading bytes `sniffTextEncoding` looks at (more are ignored). */
export const SNIFF_BYTES = 4096;

/** `sniffTextEncoding` — the encoding of a file from its first bytes (see the file comment). */
export function sniffTextEncoding(head: Uint8Array): EncodingGuess {
  const b0 = head[0];
  const b1 = head[1];
  if (b0 === 0xef && b1 === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bomBytes: 2 };
  const n = Math.min(head.length, SNIFF_BYTES) & ~1;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) zeroEven++;
    if (head[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (pairs >= 2) {
    // ASCII-range text in UTF-16: one byte of each pair is zero, the other almost never.
    if (zeroOdd >= 0.4 * pairs && zeroEven <= 0.02 * pairs) return { encoding: 'utf-16le', bomBytes: 0 };
    if (zeroEven >= 0.4 * pairs && zeroOdd <= 0.02 * pairs) return { encoding: 'utf-16be', bomBytes: 0 };
  }
  const last = Math.min(head.length, SNIFF_BYTES);
  for (let i = 0; i < last; i++) if (head[i] === 0) return { encoding: 'binary', bomBytes: 0 };
  return { encoding: '8-bit', bomBytes: 0 };
}

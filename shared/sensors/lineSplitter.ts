/**
 * LineSplitter: streaming ASCII line splitter for serial text protocols. Splits on
 * `\n` and strips a trailing `\r` (so `\r\n` and `\n` both work), keeps a partial
 * line across chunks, and never buffers more than `maxLineBytes`: a longer run
 * without a newline is discarded (counted in `overflows`) up to the next newline.
 * `pushParts` also reports each line's raw length and the size of discarded runs,
 * in stream order, for lost-record estimates (lostRecords.ts).
 */

/** One piece of the stream: a complete line, or a discarded overlong run. */
export type LinePart =
  /** `line` is latin-1 decoded with `\r` stripped; `bytes` counts the raw bytes incl. `\r\n`. */
  | { readonly line: string; readonly bytes: number }
  /** Bytes of an overlong run that were thrown away (reported in pieces of ≤ maxLineBytes + 1). */
  | { readonly overflowBytes: number };

export class LineSplitter {
  private partial: number[] = [];
  private discarding = false;
  private discarded = 0;
  /** Runs of more than maxLineBytes without a newline that were dropped. */
  overflows = 0;

  constructor(readonly maxLineBytes = 256) {}

  /** Feed bytes; returns the complete lines (latin-1 decoded, `\r` stripped). */
  push(bytes: Uint8Array): string[] {
    const lines: string[] = [];
    for (const p of this.pushParts(bytes)) if ('line' in p) lines.push(p.line);
    return lines;
  }

  /** Feed bytes; returns complete lines and discarded runs in stream order. */
  pushParts(bytes: Uint8Array): LinePart[] {
    const parts: LinePart[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 0x0a) {
        if (this.discarding) {
          parts.push({ overflowBytes: this.discarded + 1 });
        } else {
          let n = this.partial.length;
          const raw = n + 1;
          if (n > 0 && this.partial[n - 1] === 0x0d) n--;
          parts.push({ line: String.fromCharCode(...this.partial.slice(0, n)), bytes: raw });
        }
        this.partial.length = 0;
        this.discarding = false;
        this.discarded = 0;
      } else if (this.discarding) {
        this.discarded++;
        if (this.discarded > this.maxLineBytes) {
          parts.push({ overflowBytes: this.discarded });
          this.discarded = 0;
        }
      } else {
        this.partial.push(b);
        if (this.partial.length > this.maxLineBytes) {
          this.discarded = this.partial.length;
          this.partial.length = 0;
          this.discarding = true;
          this.overflows++;
        }
      }
    }
    return parts;
  }

  /** Bytes currently held for an incomplete line (bounded by maxLineBytes). */
  get bufferedBytes(): number {
    return this.partial.length;
  }

  reset(): void {
    this.partial.length = 0;
    this.discarding = false;
    this.discarded = 0;
    this.overflows = 0;
  }
}

/**
 * LineSplitter: streaming ASCII line splitter for serial text protocols. Splits on
 * `\n` and strips a trailing `\r` (so `\r\n` and `\n` both work), keeps a partial
 * line across chunks, and never buffers more than `maxLineBytes`: a longer run
 * without a newline is discarded (counted in `overflows`) up to the next newline.
 */
export class LineSplitter {
  private partial: number[] = [];
  private discarding = false;
  /** Runs of more than maxLineBytes without a newline that were dropped. */
  overflows = 0;

  constructor(readonly maxLineBytes = 256) {}

  /** Feed bytes; returns the complete lines (latin-1 decoded, `\r` stripped). */
  push(bytes: Uint8Array): string[] {
    const lines: string[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 0x0a) {
        if (!this.discarding) {
          let n = this.partial.length;
          if (n > 0 && this.partial[n - 1] === 0x0d) n--;
          lines.push(String.fromCharCode(...this.partial.slice(0, n)));
        }
        this.partial.length = 0;
        this.discarding = false;
      } else if (!this.discarding) {
        this.partial.push(b);
        if (this.partial.length > this.maxLineBytes) {
          this.partial.length = 0;
          this.discarding = true;
          this.overflows++;
        }
      }
    }
    return lines;
  }

  /** Bytes currently held for an incomplete line (bounded by maxLineBytes). */
  get bufferedBytes(): number {
    return this.partial.length;
  }

  reset(): void {
    this.partial.length = 0;
    this.discarding = false;
    this.overflows = 0;
  }
}

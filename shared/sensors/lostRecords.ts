/**
 * Lost-record markers shared by the streaming serial decoders (PulseSensor lines,
 * CMS50 packets, CSV lines).
 *
 * A decoder's `push(bytes)` returns `{ kind: 'lost', count }` in stream order, between
 * the good records, wherever bytes that should have carried samples could not be
 * decoded: a garbled line, an overlong run without a newline, a broken binary packet.
 * `count` is the decoder's best estimate of the number of *sample* records lost there:
 * - line protocols: bad line length / typical good sample-line length, at least 1, and 0
 *   when the bad line is recognisably a per-beat line (`B72`, `Q833`, `72 bpm`). Because
 *   a garbled line is never longer than the line it came from, the decoders divide by
 *   the longest of the recent good sample lines and round up (anything longer is merged
 *   lines), and raise the estimate where the line's structure shows merged lines (two
 *   `S` prefixes, too many commas) — measured against the emulators' truth this halves
 *   the error of round(length / median length);
 * - binary protocols: skipped bytes / packet size, rounded, at least 1 (in a clean stream
 *   no byte is skipped; PacketLossCounter).
 * Typical line lengths are learned from the stream (RunningMedian).
 * Markers are only emitted once the decoder has decoded at least one good record, so
 * bytes of another protocol or baud rate (which never sync) produce none; a line or
 * packet dropped whole by the link leaves no trace and is not counted here (the sample
 * clock sees it as a timing gap).
 */

/** Marker for samples that were sent but could not be decoded. */
export interface LostRecord {
  readonly kind: 'lost';
  /** Estimated number of sample records lost at this point of the stream (≥ 0). */
  readonly count: number;
}

/** lostRecord: build a marker (count rounded, never negative). */
export function lostRecord(count: number): LostRecord {
  return { kind: 'lost', count: Math.max(0, Math.round(count)) };
}

/**
 * RunningMedian: median (and maximum) of the last `size` values (default 31), exact,
 * O(size) per insert. Used for the sample-line lengths of a line protocol.
 */
export class RunningMedian {
  private readonly ring: number[] = [];
  private readonly sorted: number[] = [];
  private next = 0;

  constructor(private readonly size = 31) {}

  get count(): number {
    return this.ring.length;
  }

  add(v: number): void {
    if (this.ring.length === this.size) {
      const old = this.ring[this.next];
      this.sorted.splice(this.indexOf(old), 1);
      this.ring[this.next] = v;
      this.next = (this.next + 1) % this.size;
    } else {
      this.ring.push(v);
    }
    this.sorted.splice(this.insertionPoint(v), 0, v);
  }

  /** The median, or undefined before the first value. */
  get value(): number | undefined {
    const n = this.sorted.length;
    if (n === 0) return undefined;
    return n % 2 ? this.sorted[(n - 1) / 2] : (this.sorted[n / 2 - 1] + this.sorted[n / 2]) / 2;
  }

  /** The largest of the last `size` values, or undefined before the first value. */
  get max(): number | undefined {
    return this.sorted.length ? this.sorted[this.sorted.length - 1] : undefined;
  }

  reset(): void {
    this.ring.length = 0;
    this.sorted.length = 0;
    this.next = 0;
  }

  private insertionPoint(v: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOf(v: number): number {
    return this.insertionPoint(v);
  }
}

/**
 * PacketLossCounter: bookkeeping of skipped bytes for a binary packet decoder.
 * `skip(n, broken)` records n bytes that were not part of a good packet (broken =
 * they were a started packet that was cut off); `take()` returns the marker to emit
 * before the next good record (or null), and `takeLarge()` releases whole packets early
 * during a long bad run so markers are not held back indefinitely.
 * Estimate: max(round(skipped bytes / packet size), broken packets of at least half a
 * packet, 1) — so two cut packets in a row count 2, one packet split in two by a false
 * sync byte counts 1, and a few orphan bytes (a packet whose start was lost) count 1.
 */
export class PacketLossCounter {
  private skipped = 0;
  private broken = 0;
  private longBroken = 0;

  constructor(private readonly packetBytes: number) {}

  skip(n: number, broken: boolean): void {
    if (n <= 0) return;
    this.skipped += n;
    if (broken) {
      this.broken++;
      if (2 * n >= this.packetBytes) this.longBroken++;
    }
  }

  /** Marker for everything skipped so far, or null when nothing was. */
  take(): LostRecord | null {
    if (this.skipped === 0) return null;
    // In a clean stream no byte is skipped: even a few orphan bytes are a packet whose start was lost.
    const count = Math.max(1, Math.round(this.skipped / this.packetBytes), this.longBroken);
    this.reset();
    return lostRecord(count);
  }

  /** During a long bad run: release whole packets' worth (≥ 4 packets), keep the rest. */
  takeLarge(): LostRecord | null {
    const whole = Math.floor(this.skipped / this.packetBytes);
    if (whole < 4) return null;
    this.skipped -= whole * this.packetBytes;
    this.broken = this.longBroken = 0;
    return lostRecord(whole);
  }

  reset(): void {
    this.skipped = 0;
    this.broken = 0;
    this.longBroken = 0;
  }
}

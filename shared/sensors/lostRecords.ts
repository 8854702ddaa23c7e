/**
 * Lost-record markers shared by the streaming serial decoders (PulseSensor lines,
 * CMS50 packets, CSV lines).
 *
 * A decoder's `push(bytes)` returns `{ kind: 'lost', count }` in stream order, between
 * the good records, wherever bytes that should have carried samples could not be
 * decoded: a garbled line, an overlong run without a newline, a broken binary packet.
 * `count` is the decoder's best estimate of the number of *sample* records lost there:
 * - line protocols: round(bad line length / typical good sample-line length), at least 1,
 *   and 0 when the bad line is recognisably a per-beat line (`B72`, `Q833`, `72 bpm`);
 *   a decoder may raise the estimate where the line's structure shows merged lines
 *   (two `S` prefixes, too many commas);
 * - binary protocols: skipped bytes / packet size, rounded, at least 1 when a packet
 *   was broken.
 * Typical line lengths are learned from the stream with a running median (RunningMedian).
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
 * RunningMedian: median of the last `size` values (default 31), exact, O(size) per
 * insert. Used for the typical sample-line length of a line protocol.
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
 * they were a started packet); `take()` returns the marker to emit before the next
 * good record (or null), and `takeLarge()` releases whole packets early during a
 * long bad run so markers are not held back indefinitely.
 */
export class PacketLossCounter {
  private skipped = 0;
  private broken = false;

  constructor(private readonly packetBytes: number) {}

  skip(n: number, broken: boolean): void {
    if (n <= 0) return;
    this.skipped += n;
    if (broken) this.broken = true;
  }

  /** Marker for everything skipped so far (≥ 1 if a packet was broken), or null. */
  take(): LostRecord | null {
    if (this.skipped === 0) return null;
    let count = Math.round(this.skipped / this.packetBytes);
    if (this.broken) count = Math.max(1, count);
    this.skipped = 0;
    this.broken = false;
    return count > 0 ? lostRecord(count) : null;
  }

  /** During a long bad run: release whole packets' worth (≥ 4 packets), keep the rest. */
  takeLarge(): LostRecord | null {
    const whole = Math.floor(this.skipped / this.packetBytes);
    if (whole < 4) return null;
    this.skipped -= whole * this.packetBytes;
    this.broken = this.skipped > 0 && this.broken;
    return lostRecord(whole);
  }

  reset(): void {
    this.skipped = 0;
    this.broken = false;
  }
}

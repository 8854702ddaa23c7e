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
 * PacketLossCounter: how many packets a run of skipped bytes held, for binary protocols.
 * - A packet that started and broke off (a sync or type byte came too early) is one lost packet;
 *   the bytes it still lacked ("credit": packet size − bytes it had) may follow as orphans or as
 *   a false start (a data byte corrupted into a sync/type byte) and belong to it, not to another
 *   packet. A start the protocol marks unmistakably (`realStart`, the 9-byte protocol's live type
 *   byte) is always a new packet.
 * - Orphan bytes beyond that credit (a packet whose start byte was lost) count ⌈bytes / size⌉:
 *   a corrupted packet keeps at least its size − 3 bytes, so two of them never fit in one.
 * Measured on the emulators' garbles (drop / flip / truncate, single and back to back), this
 * counts exactly where round(skipped bytes / size) missed one packet in six of two broken ones.
 */
export class PacketLossCounter {
  private counted = 0;
  private orphans = 0;
  private credit = 0;
  private skippedBytes = 0;

  constructor(private readonly packetBytes: number) {}

  /** `n` bytes discarded: a started packet that broke (`broken`), else orphan bytes. */
  discard(n: number, broken: boolean, realStart = false): void {
    if (n <= 0) return;
    this.skippedBytes += n;
    if (!broken) {
      const absorbed = Math.min(this.credit, n);
      this.credit -= absorbed;
      this.orphans += n - absorbed;
      return;
    }
    if (!realStart && n <= this.credit) {
      // A false start inside the packet that just broke: its bytes are that packet's.
      this.credit -= n;
      return;
    }
    this.counted++;
    this.credit = Math.max(0, this.packetBytes - n);
  }

  /** A complete packet that is not a sample packet where sample packets flow (a corrupted type byte): one lost. */
  wrongType(): void {
    this.counted++;
    this.skippedBytes += this.packetBytes;
    this.credit = 0;
  }

  /** Marker for everything skipped so far, or null when nothing was; a good packet follows. */
  take(): LostRecord | null {
    if (this.skippedBytes === 0) return null;
    const count = Math.max(1, this.counted + Math.ceil(this.orphans / this.packetBytes));
    this.reset();
    return lostRecord(count);
  }

  /** During a long bad run: release whole packets' worth (≥ 4 packets), keep the rest. */
  takeLarge(): LostRecord | null {
    const whole = this.counted + Math.floor(this.orphans / this.packetBytes);
    if (whole < 4) return null;
    this.orphans -= Math.floor(this.orphans / this.packetBytes) * this.packetBytes;
    this.counted = 0;
    this.skippedBytes = this.orphans;
    return lostRecord(whole);
  }

  reset(): void {
    this.counted = 0;
    this.orphans = 0;
    this.credit = 0;
    this.skippedBytes = 0;
  }
}

/**
 * `LiveBeatTrack` — the beats on the live screen, written into the ring buffers the charts draw
 * (`beats`: t → quality, `hr`: t → bpm). Three layers, oldest first:
 *
 *  1. final beats (`LiveBatch.beats`, what is stored): appended once, never redrawn;
 *  2. the NN path's newest beats, decided by the beat-sequence stage but not final yet (the batch's
 *     `provisional` tail, provisionally corrected): replaced by every new tail;
 *  3. provisional beats of the fast path (`LiveBatch.beatEvents`, ≈ 0.2 s after their peak): drawn
 *     after the newest beat of layer 2, moved when revised, removed when withdrawn or decided (the
 *     decided beat comes in layer 2 in the same batch).
 *
 * Whenever layer 2 or 3 changes, both are redrawn: the buffers are cut after the last final beat
 * and the layers pushed again (a few dozen points). A provisional beat's heart rate is that of its
 * interval to the beat before it, shown only for plausible intervals (0.25–2.5 s); its quality is
 * NaN (not judged yet: the PPG chart draws it hollow). Everything is plain data: unit-testable in Node.
 */
import { BeatFlag } from '../domain/beatFlags.js';
import type { BeatView, LiveBatch } from '../ipc/liveTypes.js';
import type { SlidingSeries } from './SlidingSeries.js';

/** Intervals outside this range (s) give a provisional beat no heart rate (a missed beat, a gap). */
const MIN_IBI_SEC = 0.25;
const MAX_IBI_SEC = 2.5;
/** A provisional beat this far behind the newest decided one is dropped (its withdrawal was lost), s. */
const STALE_SEC = 10;

export class LiveBeatTrack {
  /** Layer 2: decided, not final. */
  private tail: BeatView[] = [];
  /** Layer 3: provisional beats by id → time. */
  private readonly pending = new Map<number, number>();
  private lastFinalSec = Number.NEGATIVE_INFINITY;
  /** The newest final beat an interval can start at (not an extra detection). */
  private lastFinalRefSec = Number.NEGATIVE_INFINITY;
  private readonly order: number[] = [];

  constructor(
    private readonly beats: SlidingSeries,
    private readonly hr: SlidingSeries,
  ) {}

  /** Provisional beats shown now (fast path, not decided yet), ascending. */
  get provisionalSec(): number[] {
    return [...this.pending.values()].sort((a, b) => a - b);
  }

  /** Take in one batch's beats; true when the buffers changed. */
  apply(b: Pick<LiveBatch, 'beats' | 'provisional' | 'beatEvents'>): boolean {
    let changed = b.beats.length > 0 || b.provisional !== null;
    for (const e of b.beatEvents) {
      if (e.type === 'provisional') this.pending.set(e.id, e.tSec);
      else if (e.type === 'revise') {
        if (!this.pending.has(e.id)) continue;
        if (e.newTSec === null) this.pending.delete(e.id);
        else this.pending.set(e.id, e.newTSec);
      } else if (e.provisionalId === null || !this.pending.delete(e.provisionalId)) continue;
      changed = true;
    }
    if (!changed) return false;
    this.beats.truncateAfter(this.lastFinalSec);
    this.hr.truncateAfter(this.lastFinalSec);
    for (const beat of b.beats) {
      this.addBeat(beat);
      this.lastFinalSec = beat.tSec;
      if (!(beat.flags & BeatFlag.extra)) this.lastFinalRefSec = beat.tSec;
    }
    if (b.provisional) this.tail = b.provisional;
    let lastSec = this.lastFinalSec;
    let refSec = this.lastFinalRefSec;
    for (const beat of this.tail) {
      if (!(beat.tSec > this.lastFinalSec)) continue;
      this.addBeat(beat);
      lastSec = beat.tSec;
      if (!(beat.flags & BeatFlag.extra)) refSec = beat.tSec;
    }
    const order = this.order;
    order.length = 0;
    for (const t of this.pending.values()) order.push(t);
    order.sort((x, y) => x - y);
    for (const [id, t] of this.pending) if (t < lastSec - STALE_SEC) this.pending.delete(id);
    for (const t of order) {
      // A provisional beat at or before the newest decided one is about to be withdrawn.
      if (!(t > lastSec + 1e-3)) continue;
      this.beats.push(t, Number.NaN);
      const ibi = t - refSec;
      if (ibi >= MIN_IBI_SEC && ibi <= MAX_IBI_SEC) this.hr.push(t, 60 / ibi);
      lastSec = refSec = t;
    }
    return true;
  }

  clear(): void {
    this.tail = [];
    this.pending.clear();
    this.lastFinalSec = Number.NEGATIVE_INFINITY;
    this.lastFinalRefSec = Number.NEGATIVE_INFINITY;
  }

  private addBeat(beat: BeatView): void {
    if (!(beat.flags & BeatFlag.interpolated)) this.beats.push(beat.tSec, beat.quality);
    if (beat.ibiMs !== null && beat.ibiMs > 0) this.hr.push(beat.tSec, 60_000 / beat.ibiMs);
  }
}

/**
 * `GroupLiveData` — the live buffers of every client of a group session: one `LiveData` per member
 * channel (typed-array ring buffers, never React state), filled from the same batched live stream
 * as the single-session screen. The group display's tiles and the therapist console's rows read
 * them on animation frames; React sees only the low-rate metrics (`LiveData.subscribeMetrics`).
 * The shared pacer runs on the first member's channel clock; every other member gets it shifted
 * onto its own channel clock ("now" on both clocks is the same moment), so its inhale shading and
 * HR–pacer phase are its own.
 */
import type { PacerTimeline } from '../../shared/ipc/apiTypes.js';
import type { LiveBatch } from '../../shared/ipc/liveTypes.js';
import { shiftPacer } from '../../shared/group/shiftPacer.js';
import { LiveData } from './LiveData.js';

/** Re-shift a member's pacer when its clock offset to the pacer's clock moved by more than this, s. */
const SHIFT_TOLERANCE_SEC = 0.1;

export class GroupLiveData {
  private readonly byChannel = new Map<string, LiveData>();
  private pacer: PacerTimeline | null = null;
  /** The offset each member's pacer was shifted by (NaN: not shifted yet). */
  private readonly shifted = new Map<string, number>();

  /** Follow exactly `channels` (the group's members): buffers of others are dropped, new ones start empty. */
  setChannels(channels: readonly string[]): void {
    const keep = new Set(channels);
    for (const ch of [...this.byChannel.keys()]) if (!keep.has(ch)) this.byChannel.delete(ch);
    const order = new Map<string, LiveData>();
    for (const ch of channels) {
      let d = this.byChannel.get(ch);
      if (!d) {
        d = new LiveData();
        d.setChannel(ch);
      }
      order.set(ch, d);
    }
    this.byChannel.clear();
    for (const [ch, d] of order) this.byChannel.set(ch, d);
    this.shifted.clear();
    this.applyPacer();
  }

  /** The buffers of `channel` (undefined when it is no member). */
  get(channel: string): LiveData | undefined {
    return this.byChannel.get(channel);
  }

  get channels(): string[] {
    return [...this.byChannel.keys()];
  }

  /** A batch goes to its channel's buffers (ignored for channels not followed). */
  ingest(b: LiveBatch, perfMs: number = performance.now()): void {
    const d = this.byChannel.get(b.channel);
    if (!d) return;
    d.ingest(b, perfMs);
    if (this.pacer && b.channel !== this.pacerChannel) this.shiftFor(b.channel, d, perfMs);
  }

  setPacer(t: PacerTimeline | null): void {
    this.pacer = t;
    this.shifted.clear();
    this.applyPacer();
  }

  /** The channel whose clock the pacer runs on: the first member's. */
  private get pacerChannel(): string | undefined {
    return this.byChannel.keys().next().value;
  }

  private applyPacer(perfMs: number = performance.now()): void {
    const first = this.pacerChannel;
    for (const [ch, d] of this.byChannel) {
      if (ch === first || !this.pacer) d.setPacer(this.pacer, perfMs);
      else this.shiftFor(ch, d, perfMs);
    }
  }

  /** Give member `ch` the pacer on its own clock, once both clocks run (again when the offset moved). */
  private shiftFor(ch: string, d: LiveData, perfMs: number): void {
    const p = this.pacerChannel === undefined ? undefined : this.byChannel.get(this.pacerChannel);
    if (!this.pacer || !p || !p.clock.isSynced || !d.clock.isSynced) return;
    const offset = d.clock.now(perfMs) - p.clock.now(perfMs);
    const before = this.shifted.get(ch);
    if (before !== undefined && Math.abs(offset - before) < SHIFT_TOLERANCE_SEC) return;
    this.shifted.set(ch, offset);
    d.setPacer(shiftPacer(this.pacer, offset), perfMs);
  }
}

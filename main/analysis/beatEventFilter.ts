import type { LiveBeatEvent } from '../../shared/dsp/LivePipeline.js';

/**
 * `BeatEventFilter` — the beat events a channel passes to its view (one filter per pipeline
 * generation), so that a worker restart does not show a beat twice or leave one hanging.
 *
 * After a restart the channel replays its last two minutes into a fresh pipeline, which numbers its
 * provisional beats from 1 again and re-derives events already delivered. The filter keeps ids
 * unique (ids after `restarted()` are moved past every id delivered), drops what was delivered
 * already (provisional beats not newer than the newest one delivered, decided beats not newer than
 * the newest decided one, revisions of beats it never passed on) and withdraws the provisional
 * beats that were pending when the worker went away (nobody will settle them now). Without a
 * restart it passes everything on unchanged.
 */
export class BeatEventFilter {
  private idBase = 0;
  private maxId = 0;
  private provSec = Number.NEGATIVE_INFINITY;
  private finalSec = Number.NEGATIVE_INFINITY;
  /** Provisional beats passed on and not settled yet (by a `final` or a withdrawal). */
  private readonly pending = new Set<number>();
  private withdraw: number[] = [];

  /** The worker was restarted: later events come from a new pipeline replaying recent signal. */
  restarted(): void {
    this.idBase = this.maxId;
    this.withdraw.push(...this.pending);
    this.pending.clear();
  }

  /** The events of one result, as the view should get them. */
  pass(events: readonly LiveBeatEvent[]): LiveBeatEvent[] {
    const out: LiveBeatEvent[] = this.withdraw.map((id) => ({ type: 'revise', id, newTSec: null }));
    this.withdraw = [];
    for (const e of events) {
      if (e.type === 'provisional') {
        if (!(e.tSec > this.provSec)) continue;
        const id = this.idBase + e.id;
        this.provSec = e.tSec;
        if (id > this.maxId) this.maxId = id;
        this.pending.add(id);
        out.push({ type: 'provisional', id, tSec: e.tSec });
      } else if (e.type === 'revise') {
        const id = this.idBase + e.id;
        if (!this.pending.has(id)) continue;
        if (e.newTSec === null) this.pending.delete(id);
        out.push({ type: 'revise', id, newTSec: e.newTSec });
      } else {
        if (!(e.tSec > this.finalSec)) continue;
        this.finalSec = e.tSec;
        const id = e.provisionalId === null ? null : this.idBase + e.provisionalId;
        const shown = id !== null && this.pending.delete(id);
        out.push({ type: 'final', tSec: e.tSec, provisionalId: shown ? id : null });
      }
    }
    return out;
  }
}

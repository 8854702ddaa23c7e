// Checks a stream of live beat events (shared/dsp/BeatEngine.ts `LiveBeatEvent`) the way a
// consumer relies on it, and returns what it describes.
import assert from 'node:assert/strict';
import type { LiveBeatEvent } from '../../shared/dsp/LivePipeline.js';

export interface BeatEventSummary {
  /** Decided beats, in order (strictly ascending). */
  finalSec: number[];
  /** Provisional beats shown, by id → first time. */
  provisional: Map<number, number>;
  withdrawn: number;
  moved: number;
  /** Provisional beats neither confirmed nor withdrawn yet. */
  pending: Set<number>;
}

/**
 * Asserts: provisional ids are unique; a revision or confirmation names a provisional beat that is
 * still pending; decided beats come strictly in time order (none twice).
 */
export function checkBeatEvents(events: readonly LiveBeatEvent[], what = 'beat events'): BeatEventSummary {
  const s: BeatEventSummary = { finalSec: [], provisional: new Map(), withdrawn: 0, moved: 0, pending: new Set() };
  for (const e of events) {
    if (e.type === 'provisional') {
      assert.ok(!s.provisional.has(e.id), `${what}: provisional id ${e.id} used twice`);
      s.provisional.set(e.id, e.tSec);
      s.pending.add(e.id);
    } else if (e.type === 'revise') {
      assert.ok(s.pending.has(e.id), `${what}: revision of ${e.id}, which is not pending`);
      if (e.newTSec === null) {
        s.withdrawn++;
        s.pending.delete(e.id);
      } else s.moved++;
    } else {
      const last = s.finalSec[s.finalSec.length - 1];
      assert.ok(last === undefined || e.tSec > last, `${what}: decided beat at ${e.tSec} after ${last}`);
      s.finalSec.push(e.tSec);
      if (e.provisionalId !== null) {
        assert.ok(s.pending.has(e.provisionalId), `${what}: beat at ${e.tSec} confirms ${e.provisionalId}, which is not pending`);
        s.pending.delete(e.provisionalId);
      }
    }
  }
  return s;
}

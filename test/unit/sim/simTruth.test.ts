import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PpgSimulator, SIM_TICK_SEC, SimTruthRecorder, type SimOptions } from '../../../shared/sim/index.js';

/** Ectopic beats, motion and a clip-off late in the run: every kind of truth gets trimmed. */
const busy: Partial<SimOptions> = { fsHz: 50, hrBpm: 75, seed: 21, ectopicPerMin: 3, motionPerMin: 2, clipOff: [[3000, 3010]] };
const MINUTES = 60;
const KEEP_SEC = 120;

describe('SimTruthRecorder with a window (keepSec): issue 14, a live simulator stays flat in memory', () => {
  const full = new PpgSimulator(busy);
  const kept = new PpgSimulator(busy, { truthKeepSec: KEEP_SEC });
  const n = MINUTES * 60 * busy.fsHz!;
  const samples = { full: full.generate(n), kept: kept.generate(n) };
  const nowSec = kept.tSec;

  test('keeps at least the last keepSec and at most 1.5 × keepSec, however long it runs', () => {
    const t = kept.truth;
    assert.ok(t.fromSec >= nowSec - 1.5 * KEEP_SEC - 1 && t.fromSec <= nowSec - KEEP_SEC + 1, `fromSec ${t.fromSec} at ${nowSec} s`);
    const ticks = (kept.truth as SimTruthRecorder).keptTicks;
    assert.ok(ticks <= (1.5 * KEEP_SEC) / SIM_TICK_SEC + 2, `${ticks} ticks kept`);
    // An hour at 75 bpm is ~4500 beats; the window holds at most 1.5 × 120 s of them.
    const maxBeats = ((1.5 * KEEP_SEC + 2) * 2 * busy.hrBpm!) / 60;
    assert.ok(full.truth.beats.tSec.length > 4000, `${full.truth.beats.tSec.length} beats in the full truth`);
    assert.ok(t.beats.tSec.length > 0 && t.beats.tSec.length <= maxBeats, `${t.beats.tSec.length} beats kept`);
    assert.equal(t.beats.peakTSec.length, t.beats.tSec.length);
    assert.equal(t.beats.kind.length, t.beats.tSec.length);
    assert.ok(t.breaths.tSec.length <= ((1.5 * KEEP_SEC) / 60) * 40, `${t.breaths.tSec.length} breaths kept`);
    assert.equal(full.truth.fromSec, 0, 'by default everything is kept');
  });

  test('what it keeps equals the full truth over the same stretch; the signal is the same', () => {
    assert.deepEqual(samples.kept, samples.full);
    const t = kept.truth;
    const f = full.truth;
    const first = f.beats.tSec.findIndex((x) => x >= t.fromSec);
    assert.ok(first > 0);
    assert.deepEqual(t.beats.tSec, f.beats.tSec.slice(first));
    assert.deepEqual(t.beats.peakTSec, f.beats.peakTSec.slice(first));
    assert.deepEqual(t.beats.kind, f.beats.kind.slice(first));
    assert.deepEqual(t.breaths.tSec, f.breaths.tSec.filter((x) => x >= t.fromSec));
    assert.deepEqual(t.artifacts, f.artifacts.filter((a) => a.endSec >= t.fromSec));
    for (let s = t.fromSec; s <= nowSec; s += 7.3) {
      assert.equal(t.hrBpmAt(s), f.hrBpmAt(s), `HR at ${s} s`);
      assert.equal(t.breathingBpmAt(s), f.breathingBpmAt(s), `breathing at ${s} s`);
    }
  });

  test('what was forgotten reads as NaN, not as the oldest value kept', () => {
    assert.ok(Number.isNaN(kept.truth.hrBpmAt(kept.truth.fromSec - 1)));
    assert.ok(Number.isNaN(kept.truth.breathingBpmAt(10)));
    assert.ok(Number.isFinite(full.truth.hrBpmAt(10)));
  });

  test('reset empties the window too; keepSec must be positive', () => {
    const sim = new PpgSimulator({ fsHz: 50, seed: 3 }, { truthKeepSec: 30 });
    sim.generate(50 * 100);
    assert.ok(sim.truth.fromSec > 0);
    sim.reset();
    assert.equal(sim.truth.fromSec, 0);
    assert.equal(sim.truth.beats.tSec.length, 0);
    assert.deepEqual(sim.generate(50 * 100), new PpgSimulator({ fsHz: 50, seed: 3 }).generate(50 * 100));
    assert.throws(() => new PpgSimulator({}, { truthKeepSec: 0 }), /keepSec must be > 0/);
  });
});

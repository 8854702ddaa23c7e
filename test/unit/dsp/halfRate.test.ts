import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { halfRateMask, halfRateStretches } from '../../../shared/dsp/halfRate.js';
import { intervalsCorrect } from '../../../shared/dsp/intervalsCorrect.js';
import { applyEdits, halfRateEdits, simulateBeats, type Edit } from '../../support/rrSimulate.js';

function maskOf(beats: ArrayLike<number>): Uint8Array {
  const rr = new Float64Array(beats.length);
  const ok = new Uint8Array(beats.length);
  for (let i = 1; i < beats.length; i++) {
    rr[i] = ((beats[i] as number) - (beats[i - 1] as number)) * 1000;
    ok[i] = 1;
  }
  return halfRateMask(rr, ok);
}

describe('half-rate stretches', () => {
  const truth = simulateBeats({ durationSec: 900, seed: 3, meanMs: 700, rsaMs: 25 });

  test('clean series, slow paced breathing with large RSA, and premature beats with their compensatory pauses: nothing flagged', () => {
    for (const b of [truth, simulateBeats({ durationSec: 600, seed: 4, meanMs: 950, rsaMs: 120, breathHz: 0.09 })]) {
      assert.equal(maskOf(b).reduce((a, x) => a + x, 0), 0);
    }
    const edits: Edit[] = [];
    for (let i = 20; i < truth.length - 20; i += 25) edits.push({ kind: 'ectopic', at: i, frac: 0.4 });
    assert.equal(maskOf(applyEdits(truth, edits).raw).reduce((a, x) => a + x, 0), 0);
  });

  test('an isolated missed beat and runs of every other beat missed are flagged, exactly those', () => {
    const edits: Edit[] = [{ kind: 'missed', at: 100 }, ...halfRateEdits(300, 320), ...halfRateEdits(600, 680)];
    const d = applyEdits(truth, edits);
    const m = maskOf(d.raw);
    for (let i = 1; i < d.raw.length; i++) {
      const twice = d.truthOf[i]! - d.truthOf[i - 1]! === 2;
      assert.equal(m[i] === 1, twice, `interval ${i} (truth ${d.truthOf[i - 1]}→${d.truthOf[i]})`);
    }
  });

  test('the whole correction window at half rate: halfRateStretches finds the run from the rhythm before and after it', () => {
    // 300 truth beats at half rate = 150 intervals, far longer than the correction's bounded window.
    const d = applyEdits(truth, halfRateEdits(400, 700));
    const first = d.truthOf.indexOf(400);
    const last = d.truthOf.indexOf(700);
    const st = halfRateStretches(d.raw);
    assert.equal(st.length, 1, JSON.stringify(st));
    assert.equal(st[0]!.firstBeat, first);
    assert.equal(st[0]!.lastBeat, last);
    assert.equal(st[0]!.startSec, d.raw[first]);
    // A live window that holds only half-rate beats cannot tell on its own…
    const w0 = first + 40;
    const w1 = first + 140;
    const alone = intervalsCorrect(d.raw.slice(w0, w1));
    assert.ok(alone.nnMs.length > 80);
    // …but with the stretch from the whole history nothing of it reaches the NN series.
    const local = st.map((s) => ({ firstBeat: s.firstBeat - w0, lastBeat: s.lastBeat - w0 }));
    const withSt = intervalsCorrect(d.raw.slice(w0, w1), [], {}, { halfRate: local });
    assert.equal(withSt.nnMs.length, 0);
    assert.equal(withSt.counts.halfrate, w1 - w0 - 1);
  });

  test('low-quality beats and unusable stretches are left out; runs are followed across them', () => {
    const d = applyEdits(truth, [...halfRateEdits(200, 260), ...halfRateEdits(264, 330)]);
    const q = d.raw.map(() => 1);
    const a = d.truthOf.indexOf(260);
    const b = d.truthOf.indexOf(264);
    for (let i = a; i <= b; i++) q[i] = 0.1;
    const st = halfRateStretches(d.raw, q);
    assert.equal(st.length, 1, JSON.stringify(st));
    assert.equal(st[0]!.firstBeat, d.truthOf.indexOf(200));
    assert.equal(st[0]!.lastBeat, d.truthOf.indexOf(330));
    // An unusable stretch longer than maxBridgeSec ends the run.
    const u = [{ startSec: d.raw[a]!, endSec: d.raw[a]! + 40 }];
    const cut = halfRateStretches(d.raw, undefined, { unusable: u });
    assert.ok(cut.every((s) => s.endSec <= u[0]!.startSec + 1e-9 || s.startSec >= u[0]!.endSec - 1e-9), JSON.stringify(cut));
  });
});

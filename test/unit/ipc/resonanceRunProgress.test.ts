// resonanceRunProgress: the renderer's step indicator agrees with the protocol's own
// resonanceProgressAt (stepped, with rests) and counts breaths in the sliding sweep.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildResonanceProtocol, buildSlidingProtocol, resonanceProgressAt, type ResonanceProtocol, type SlidingProtocol } from '../../../shared/dsp/resonance/index.js';
import { resonanceRunProgress } from '../../../shared/ipc/resonanceRunProgress.js';

describe('resonanceRunProgress', () => {
  test('stepped: the same as resonanceProgressAt at every moment, rests included', () => {
    const p = buildResonanceProtocol({ ratesBpm: [6.5, 5.5, 4.5], stepSec: 40, settleSec: 10, restSec: 15 }, 100) as ResonanceProtocol;
    const view = { variant: 'stepped' as const, settings: p.settings, phases: p.phases, breaths: [], startSec: p.startSec, endSec: p.endSec };
    const kinds = new Set<string>();
    for (let t = 90; t <= p.endSec + 5; t += 0.7) {
      const got = resonanceRunProgress(view, t);
      assert.deepEqual(got, resonanceProgressAt(p, t), `at ${t}`);
      kinds.add(got.kind);
    }
    assert.deepEqual([...kinds].sort(), ['before', 'done', 'rest', 'step']);
  });

  test('sliding: breath k of N with its rate, settling for the first seconds', () => {
    const p = buildSlidingProtocol({ settleSec: 30 }, 0) as SlidingProtocol;
    const view = { variant: 'sliding' as const, settings: p.settings, phases: [], breaths: p.breaths, startSec: p.startSec, endSec: p.endSec };
    const b = p.breaths[40]!;
    const mid = resonanceRunProgress(view, (b.startSec + b.endSec) / 2);
    assert.equal(mid.kind, 'step');
    assert.equal(mid.stepIndex, 40);
    assert.equal(mid.stepCount, 78);
    assert.equal(mid.rateBpm, b.rateBpm);
    assert.equal(mid.settling, false);
    assert.ok(Math.abs(mid.remainingSec - (b.endSec - b.startSec) / 2) < 1e-9);
    assert.equal(resonanceRunProgress(view, 5).settling, true);
    assert.equal(resonanceRunProgress(view, p.endSec + 1).kind, 'done');
  });
});

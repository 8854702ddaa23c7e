// Beat accuracy of the engine against ECG R-peaks on the team's real recordings (../shared/data),
// the same scoring as `npm run bench:accuracy`. Thresholds are the goals where they are met and
// the reached level (with its reason) where they are not, so that no change can silently degrade them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GOALS, scoreRecord } from '../../bench/accuracy.js';

describe('beat accuracy on the real recordings (PPG vs ECG)', () => {
  test('neurokit resting 5 min: goals met', () => {
    const s = scoreRecord('neurokit_resting_5min_100hz.csv');
    assert.ok(s.match.f1 >= GOALS.f1, `F1 ${s.match.f1}`);
    assert.ok(s.matchAll.f1 >= 0.995, `F1 all ${s.matchAll.f1}`);
    assert.ok(s.ibiMatch.ibiMaeMs <= GOALS.ibiMaeMs, `IBI MAE ${s.ibiMatch.ibiMaeMs}`);
    // Breathing rate from PPG alone vs the belt.
    assert.ok(s.resp !== null && s.resp.medianAeBpm <= 1.5, `resp median error ${s.resp?.medianAeBpm}`);
  });

  test('a103l (weak pulses, 127 bpm; 0–255 s): goals met outside the flagged stretches', () => {
    const s = scoreRecord('cinc2015_a103l_250hz.csv');
    assert.ok(s.match.f1 >= GOALS.f1, `F1 ${s.match.f1}`);
    assert.ok(s.matchAll.f1 >= 0.978, `F1 all ${s.matchAll.f1}`);
    assert.ok(s.ibiMatch.ibiMaeMs <= GOALS.ibiMaeMs, `IBI MAE ${s.ibiMatch.ibiMaeMs}`);
    assert.ok(s.ppgUnusableSec < 0.1 * s.scoredSec, `flagged ${s.ppgUnusableSec} s`);
  });

  test('bidmc01 (ICU patient): F1 goal met; IBI error bounded by its pulse-transit variability', () => {
    const s = scoreRecord('bidmc01_125hz.csv');
    assert.ok(s.match.f1 >= GOALS.f1, `F1 ${s.match.f1}`);
    assert.ok(s.matchAll.f1 >= 0.985, `F1 all ${s.matchAll.f1}`);
    // The pulse transit time of this patient changes by a median 5.8 ms from beat to beat, which is
    // the PPG-vs-ECG interval error itself; 6.64 ms reached (NeuroKit2: 6.8–8.5 ms on these records).
    assert.ok(s.ibiMatch.ibiMaeMs <= 7, `IBI MAE ${s.ibiMatch.ibiMaeMs}`);
    assert.ok(s.resp !== null && s.resp.medianAeBpm <= 0.5, `resp median error ${s.resp?.medianAeBpm}`);
  });
});

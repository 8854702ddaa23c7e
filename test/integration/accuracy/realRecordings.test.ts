// Beat accuracy of the engine against the R-peak truth files on the team's real recordings
// (../shared/data/<record>.rpeaks.csv), the same scoring as `npm run bench:accuracy`. Thresholds
// are the goals where they are met and the reached level (with its reason) where they are not, so
// that no change can silently degrade them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GOALS, scoreRecord } from '../../bench/accuracy.js';

describe('beat accuracy on the real recordings (PPG vs ECG R-peak truth)', () => {
  test('neurokit resting 5 min', () => {
    const name = 'neurokit_resting_5min_100hz.csv';
    const s = scoreRecord(name);
    assert.ok(s.matchAll.f1 >= GOALS[name]!.f1, `F1 all ${s.matchAll.f1}`);
    assert.ok(s.nn.maeMs <= NN_LIMIT_MS[name]!, `NN MAE ${s.nn.maeMs}`);
    // RMSSD reported within 15 % of the ECG's NN RMSSD (it is far above the timing floor here).
    assert.ok(s.rmssd.expected === 'reported' && s.rmssd.pass, `RMSSD ${s.rmssd.ppgMs} vs ECG ${s.rmssd.ecgMs}`);
    // Breathing rate from PPG alone vs the belt.
    assert.ok(s.resp !== null && s.resp.medianAeBpm <= 1.5, `resp median error ${s.resp?.medianAeBpm}`);
  });

  test('a103l (weak pulses, 127 bpm; 0–255 s)', () => {
    const name = 'cinc2015_a103l_250hz.csv';
    const s = scoreRecord(name);
    assert.ok(s.matchAll.f1 >= GOALS[name]!.f1, `F1 all ${s.matchAll.f1}`);
    assert.ok(s.matchUsable.f1 >= 0.995, `F1 usable ${s.matchUsable.f1}`);
    assert.ok(s.nn.maeMs <= NN_LIMIT_MS[name]!, `NN MAE ${s.nn.maeMs}`);
    assert.ok(s.ppgUnusableSec < 0.1 * (s.windowSec[1] - s.windowSec[0]), `flagged ${s.ppgUnusableSec} s`);
    // ECG RMSSD ≈ 4 ms, under what this pleth can time: withheld.
    assert.ok(s.rmssd.expected === 'withheld' && s.rmssd.pass, `RMSSD ${s.rmssd.ppgMs} (${s.rmssd.withheld}) vs ECG ${s.rmssd.ecgMs}, floor ${s.rmssd.floorMs}`);
  });

  test('bidmc01 (ICU patient)', () => {
    const name = 'bidmc01_125hz.csv';
    const s = scoreRecord(name);
    assert.ok(s.matchAll.f1 >= GOALS[name]!.f1, `F1 all ${s.matchAll.f1}`);
    assert.ok(s.matchUsable.f1 >= 0.995, `F1 usable ${s.matchUsable.f1}`);
    assert.ok(s.nn.maeMs <= NN_LIMIT_MS[name]!, `NN MAE ${s.nn.maeMs}`);
    assert.ok(s.resp !== null && s.resp.medianAeBpm <= 0.5, `resp median error ${s.resp?.medianAeBpm}`);
  });
});

/**
 * NN MAE limits: the goal, or the level reached where the goal is not (see the bench report).
 * neurokit (goal 5, reached 5.27): four ECG-side events (R peaks on artifacts of a 0.1 mV ECG at
 * 126.8, 226.7, 257.8 and 261.1 s, where the pulse stays regular) add 2.0 ms on their own.
 * bidmc01 (goal 6, reached 7.3): the pulse arrival time of this ventilated patient swings ±10 ms with
 * each breath, alike in every fiducial (interval error before correction: 6.9 ms at the peak, 6.8
 * with the template, 9.6 at the upstroke), and its premature beats (RR 10–15 % short, seen in the
 * pulse too) are corrected as ectopic in the NN series but stay in the ECG's RR (1.2 ms).
 */
const NN_LIMIT_MS: Record<string, number> = {
  'neurokit_resting_5min_100hz.csv': 5.5,
  'cinc2015_a103l_250hz.csv': 4.5,
  'bidmc01_125hz.csv': 7.6,
};

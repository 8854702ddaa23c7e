// Perceived (Borg) against measured (% HRR) exertion: the ACSM classes of Borg, and the case of
// issue 15 — "moderate" (Borg 12) while the heart rate is vigorous — as 'under'.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { heartRateZones } from '../../../shared/running/heartRateZones.js';
import { borgZone, compareExertion } from '../../../shared/running/perceivedExertion.js';

describe('perceived versus measured exertion', () => {
  test('Borg classes (ACSM): < 9, 9–11, 12–13, 14–17, ≥ 18', () => {
    assert.deepEqual([6, 8, 9, 11, 12, 13, 14, 17, 18, 20].map(borgZone), ['veryLight', 'veryLight', 'light', 'light', 'moderate', 'moderate', 'vigorous', 'vigorous', 'nearMaximal', 'nearMaximal']);
    assert.equal(borgZone(5), undefined);
    assert.equal(borgZone(21), undefined);
  });

  test('rest 60, HRmax 180: Borg 12 at 150 bpm (75 % HRR) is under by one class; at 120 bpm it matches; Borg 15 at 110 is over', () => {
    const z = heartRateZones({ hrRestBpm: 60, hrMaxBpm: 180 })!;
    assert.deepEqual(compareExertion(z, 12, 150), { borg: 12, hrBpm: 150, pctHrr: 75, perceived: 'moderate', measured: 'vigorous', steps: -1, verdict: 'under' });
    assert.equal(compareExertion(z, 12, 120)!.verdict, 'match');
    const over = compareExertion(z, 15, 110)!;
    assert.deepEqual([over.measured, over.steps, over.verdict], ['moderate', 1, 'over']);
    assert.equal(compareExertion(z, 9, 175)!.steps, -3);
    assert.equal(compareExertion(z, null, 150), null);
    assert.equal(compareExertion(z, 12, null), null);
    assert.equal(compareExertion(z, 25, 150), null);
  });
});

// HRR60/HRR120: peak in the last run block minus the HR 60/120 s after its end, on series with a
// known exponential recovery; a spike is no peak; null where the file does not show the recovery.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { heartRateRecovery } from '../../../shared/running/heartRateRecovery.js';
import type { RunBlock } from '../../../shared/running/runWalkSegments.js';

/** 300 s: walk 0–60 at 100, run 60–180 rising to 160, then recovery toward 100 with tau 50 s. */
function series(lengthSec: number): { hr: number[]; blocks: RunBlock[] } {
  const hr: number[] = [];
  for (let t = 0; t < lengthSec; t++) {
    if (t < 60) hr.push(100);
    else if (t < 180) hr.push(100 + 60 * Math.min(1, (t - 60) / 60));
    else hr.push(100 + 60 * Math.exp(-(t - 180) / 50));
  }
  return {
    hr,
    blocks: [
      { kind: 'walk', startSec: 0, endSec: 60 },
      { kind: 'run', startSec: 60, endSec: 180 },
      { kind: 'walk', startSec: 180, endSec: lengthSec - 1 },
    ],
  };
}

describe('heart-rate recovery', () => {
  test('HRR60 and HRR120 follow the recovery curve (60·(1 − e^(−60/50)), 60·(1 − e^(−120/50)))', () => {
    const { hr, blocks } = series(400);
    const r = heartRateRecovery(hr, blocks);
    assert.equal(r.stopSec, 180);
    assert.ok(Math.abs(r.peakHrBpm! - 160) < 0.5, String(r.peakHrBpm));
    assert.ok(Math.abs(r.hrr60Bpm! - 60 * (1 - Math.exp(-60 / 50))) < 0.5, String(r.hrr60Bpm));
    assert.ok(Math.abs(r.hrr120Bpm! - 60 * (1 - Math.exp(-120 / 50))) < 0.5, String(r.hrr120Bpm));
    assert.match(r.method, /Cole/);
  });

  test('a one-sample spike in the run block is not the peak (5-s mean)', () => {
    const { hr, blocks } = series(400);
    hr[120] = 220;
    const r = heartRateRecovery(hr, blocks);
    assert.ok(r.peakHrBpm! < 175, String(r.peakHrBpm));
  });

  test('the LAST run block counts', () => {
    const { hr } = series(400);
    const blocks: RunBlock[] = [
      { kind: 'run', startSec: 0, endSec: 30 },
      { kind: 'walk', startSec: 30, endSec: 60 },
      { kind: 'run', startSec: 60, endSec: 180 },
      { kind: 'walk', startSec: 180, endSec: 399 },
    ];
    assert.equal(heartRateRecovery(hr, blocks).stopSec, 180);
  });

  test('null where the file does not show it: no run block, too short after the stop, no heart rate there', () => {
    const walkOnly = heartRateRecovery([100, 100, 100], [{ kind: 'walk', startSec: 0, endSec: 2 }]);
    assert.deepEqual([walkOnly.peakHrBpm, walkOnly.hrr60Bpm, walkOnly.hrr120Bpm, walkOnly.stopSec], [null, null, null, null]);
    const short = series(280); // 100 s after the stop
    const r = heartRateRecovery(short.hr, short.blocks);
    assert.notEqual(r.hrr60Bpm, null);
    assert.equal(r.hrr120Bpm, null);
    const gap = series(400);
    for (let t = 230; t < 250; t++) gap.hr[t] = Number.NaN; // strap lost around 60 s after the stop
    const g = heartRateRecovery(gap.hr, gap.blocks);
    assert.equal(g.hrr60Bpm, null);
    assert.notEqual(g.hrr120Bpm, null);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { liveRunSummary, type StoredRunCue } from '../../../shared/running/liveRunSummary.js';
import { heartRateZones } from '../../../shared/running/heartRateZones.js';
import type { ProgrammeBlock } from '../../../shared/running/programme.js';
import { RunTimer } from '../../../shared/running/runTimer.js';

const blocks: ProgrammeBlock[] = [
  { kind: 'warmup', sec: 60 },
  { kind: 'run', sec: 120 },
  { kind: 'walk', sec: 60 },
  { kind: 'run', sec: 120 },
  { kind: 'cooldown', sec: 180 },
];

/** The cues of a timer run through at 1-s ticks from clock 0, on the recording clock. */
function cuesOf(b: ProgrammeBlock[], untilSec: number): StoredRunCue[] {
  const timer = new RunTimer(b);
  const out: StoredRunCue[] = timer.start(0).map((c) => ({ kind: c.kind, blockIndex: c.blockIndex, tSec: 0 }));
  for (let t = 1; t <= untilSec; t++) for (const c of timer.tick(t)) out.push({ kind: c.kind, blockIndex: c.blockIndex, tSec: t });
  return out;
}

/** HR 70 at rest, 150 in run blocks; after the last run block a known fall: 150 → 120 at +60 s → 100 at +120 s. */
function hrSeries(total: number): Float32Array {
  const hr = new Float32Array(total + 1);
  for (let t = 0; t <= total; t++) {
    if ((t >= 60 && t < 180) || (t >= 240 && t < 360)) hr[t] = 150;
    else if (t >= 360) hr[t] = t <= 420 ? 150 - (30 * (t - 360)) / 60 : Math.max(100, 120 - (20 * (t - 420)) / 60);
    else hr[t] = 70;
  }
  return hr;
}

describe('liveRunSummary', () => {
  const zones = heartRateZones({ hrRestBpm: 60, hrMaxBpm: 185 });

  test('blocks from the cues, Borg and talk test with their run block, HRR60/120 after the last run block', () => {
    const s = liveRunSummary({
      blocks,
      cues: cuesOf(blocks, 540),
      borg: [
        { blockIndex: 1, borg: 12, talkTest: true },
        { blockIndex: 3, borg: 11, talkTest: null },
        { blockIndex: 3, borg: 14, talkTest: false }, // corrected: the latest entry wins
      ],
      hrBpm: hrSeries(540),
      durationSec: 540,
      zones,
      device: 'sim',
    });
    assert.equal(s.format, 'live');
    assert.deepEqual(s.blocks.map((b) => [b.kind, b.startSec, b.endSec, b.planned?.kind]), [
      ['walk', 0, 60, 'warmup'],
      ['run', 60, 180, 'run'],
      ['walk', 180, 240, 'walk'],
      ['run', 240, 360, 'run'],
      ['walk', 360, 540, 'cooldown'],
    ]);
    assert.deepEqual(s.blocks.map((b) => [b.borg, b.talkTest]), [[null, null], [12, true], [null, null], [14, false], [null, null]]);
    assert.equal(s.runSec, 240);
    assert.equal(s.walkSec, 300);
    assert.equal(s.longestRunSec, 120);
    assert.equal(s.blocks[1]!.meanHrBpm, 150);
    assert.equal(s.hrr.stopSec, 360);
    assert.equal(s.hrr.peakHrBpm, 150);
    assert.ok(Math.abs(s.hrr.hrr60Bpm! - 30) < 1, `HRR60 ${s.hrr.hrr60Bpm}`);
    assert.ok(Math.abs(s.hrr.hrr120Bpm! - 50) < 1, `HRR120 ${s.hrr.hrr120Bpm}`);
    assert.ok(s.timeInZonesSec!.vigorous >= 240, 'HR 150 is 72 % HRR: vigorous');
  });

  test('stopped 90 s after the last run block: HRR60 measured, HRR120 not', () => {
    const s = liveRunSummary({ blocks, cues: cuesOf(blocks, 450), borg: [], hrBpm: hrSeries(450), durationSec: 450, zones, device: 'sim' });
    assert.equal(s.blocks.at(-1)!.endSec, 450, 'the cool-down reached ends with the recording');
    assert.notEqual(s.hrr.hrr60Bpm, null);
    assert.equal(s.hrr.hrr120Bpm, null);
  });

  test('a pause lengthens the block it falls in; blocks never reached are left out', () => {
    const timer = new RunTimer(blocks);
    const cues: StoredRunCue[] = timer.start(0).map((c) => ({ ...c, tSec: 0 }));
    for (let t = 1; t <= 100; t++) for (const c of timer.tick(t)) cues.push({ ...c, tSec: t });
    timer.pause(100);
    timer.resume(130);
    for (let t = 131; t <= 220; t++) for (const c of timer.tick(t)) cues.push({ ...c, tSec: t });
    const s = liveRunSummary({ blocks, cues, borg: [], hrBpm: new Float32Array(221).fill(NaN), durationSec: 220, zones: null, device: 'sim' });
    assert.deepEqual(s.blocks.map((b) => [b.planned?.kind, b.startSec, b.endSec]), [
      ['warmup', 0, 60],
      ['run', 60, 210],
      ['walk', 210, 220],
    ]);
    assert.equal(s.meanHrBpm, null);
    assert.equal(s.timeInZonesSec, null);
    assert.equal(s.hrr.hrr60Bpm, null);
  });
});

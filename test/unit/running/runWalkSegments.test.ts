// Run/walk blocks from cadence (or speed without cadence), with hysteresis, minimum block length
// and lap snapping; the longest continuous run.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RunSeries } from '../../../shared/running/runSeries.js';
import { longestRunSec, runWalkBlocks, type RunBlock } from '../../../shared/running/runWalkSegments.js';

/** A series from [kind, seconds] pieces with the given cadence/speed per kind. */
function series(pieces: [string, number][], values: Record<string, { cad?: number; speed?: number }>): RunSeries {
  const cad: number[] = [];
  const speed: number[] = [];
  for (const [kind, sec] of pieces) {
    for (let i = 0; i < sec; i++) {
      cad.push(values[kind]!.cad ?? Number.NaN);
      speed.push(values[kind]!.speed ?? Number.NaN);
    }
  }
  return { durationSec: cad.length - 1, hrBpm: new Float64Array(cad.length).fill(Number.NaN), cadenceSpm: Float64Array.from(cad), speedMps: Float64Array.from(speed) };
}

const compact = (b: RunBlock[]): string => b.map((x) => `${x.kind}:${x.startSec}-${x.endSec}`).join(' ');

/** The blocks equal `expected` ('run:0-60 walk:60-180'), each boundary within ±2 s (the 5-s smoothing). */
function assertBlocks(b: RunBlock[], expected: string): void {
  const want = expected.split(' ').map((e) => /^(\w+):(\d+)-(\d+)$/.exec(e)!);
  assert.equal(b.length, want.length, compact(b));
  b.forEach((x, i) => {
    const [, kind, start, end] = want[i]!;
    assert.equal(x.kind, kind, compact(b));
    assert.ok(Math.abs(x.startSec - Number(start)) <= 2 && Math.abs(x.endSec - Number(end)) <= 2, `${compact(b)} vs ${expected}`);
  });
}

describe('run/walk segmentation', () => {
  test('cadence: 3 × [90 s run, 120 s walk] gives those blocks (±2 s from the 5-s smoothing)', () => {
    const s = series([['r', 90], ['w', 120], ['r', 90], ['w', 120], ['r', 90], ['w', 120]], { r: { cad: 160, speed: 2.0 }, w: { cad: 110, speed: 1.5 } });
    const b = runWalkBlocks(s);
    assert.deepEqual(b.map((x) => x.kind), ['run', 'walk', 'run', 'walk', 'run', 'walk']);
    const expected = [0, 90, 210, 300, 420, 510];
    b.forEach((x, i) => assert.ok(Math.abs(x.startSec - expected[i]!) <= 2, compact(b)));
    assert.equal(b[b.length - 1]!.endSec, 629);
    assert.ok(Math.abs(longestRunSec(b) - 90) <= 3);
  });

  test('cadence decides over speed: a slow jogger (7 km/h at 160 steps/min) runs, a fast walker (7 km/h at 125) walks', () => {
    const s = series([['jog', 120], ['walk', 120]], { jog: { cad: 160, speed: 1.95 }, walk: { cad: 125, speed: 1.95 } });
    assertBlocks(runWalkBlocks(s), 'run:0-120 walk:120-239');
  });

  test('without cadence, speed decides (run ≥ 2.1 m/s, walk < 1.9 m/s)', () => {
    const s = series([['w', 60], ['r', 300], ['w', 100]], { r: { speed: 2.6 }, w: { speed: 1.3 } });
    assertBlocks(runWalkBlocks(s), 'walk:0-60 run:60-360 walk:360-459');
  });

  test('hysteresis: cadence dipping to 132–138 steps/min while running stays one run', () => {
    const s = series([['w', 60], ['r', 60], ['dip', 40], ['r', 60], ['w', 60]], { w: { cad: 105 }, r: { cad: 158 }, dip: { cad: 135 } });
    assertBlocks(runWalkBlocks(s), 'walk:0-60 run:60-220 walk:220-279');
    // From walking, the same cadence does not start a run.
    const s2 = series([['w', 60], ['dip', 40], ['w', 60]], { w: { cad: 105 }, dip: { cad: 135 } });
    assertBlocks(runWalkBlocks(s2), 'walk:0-159');
  });

  test('blocks shorter than 20 s merge into their neighbours (a stop at a traffic light is no walk block)', () => {
    const s = series([['r', 200], ['stop', 12], ['r', 200]], { r: { cad: 165 }, stop: { cad: 0, speed: 0 } });
    const b = runWalkBlocks(s);
    assert.equal(compact(b), 'run:0-411');
    assert.equal(longestRunSec(b), 411);
    // With a lower minimum the stop is its own block.
    assert.equal(runWalkBlocks(s, [], { minBlockSec: 5 }).length, 3);
  });

  test('block boundaries move onto lap boundaries within 10 s, not further', () => {
    const s = series([['r', 60], ['w', 120], ['r', 60]], { r: { cad: 160 }, w: { cad: 110 } });
    const near = runWalkBlocks(s, [{ startSec: 0, endSec: 65 }, { startSec: 65, endSec: 176 }, { startSec: 176, endSec: 239 }]);
    assert.equal(compact(near), 'run:0-65 walk:65-176 run:176-239');
    const far = runWalkBlocks(s, [{ startSec: 0, endSec: 90 }, { startSec: 90, endSec: 239 }]);
    assert.deepEqual(far.map((x) => x.startSec), runWalkBlocks(s).map((x) => x.startSec));
  });

  test('empty series: no blocks; longest run 0', () => {
    const s: RunSeries = { durationSec: 0, hrBpm: new Float64Array(0), cadenceSpm: new Float64Array(0), speedMps: new Float64Array(0) };
    assert.deepEqual(runWalkBlocks(s), []);
    assert.equal(longestRunSec([]), 0);
  });
});

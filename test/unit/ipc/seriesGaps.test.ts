// The review screen's series at signal gaps: never a line across a gap, nothing drawn inside one.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { breakAtGaps, crossesGap, insideGap } from '../../../shared/ipc/seriesGaps.js';

/** The runs a chart with spanGaps off draws: consecutive non-null points. */
function drawnRuns(s: { x: number[]; y: (number | null)[] }): number[][] {
  const runs: number[][] = [];
  let cur: number[] | null = null;
  s.x.forEach((x, i) => {
    if (s.y[i] === null) cur = null;
    else {
      if (!cur) runs.push((cur = []));
      cur.push(x);
    }
  });
  return runs;
}

describe('breakAtGaps', () => {
  test('a line is broken across a gap: no run has points on both sides', () => {
    const xs = [0, 1, 2, 3, 34, 35, 36];
    const s = breakAtGaps(xs, xs.map((x) => 60 + x), [{ startSec: 3.5, endSec: 33.5 }]);
    assert.deepEqual(drawnRuns(s), [
      [0, 1, 2, 3],
      [34, 35, 36],
    ]);
    for (let i = 1; i < s.x.length; i++) assert.ok(s.x[i]! > s.x[i - 1]!, 'x stays ascending');
  });

  test('values stored inside a gap (frozen) are not drawn; non-finite values are nulls', () => {
    const xs = [0, 1, 2, 3, 4, 5, 6];
    const ys = [1, NaN, 2, 2, 2, 3, 4];
    const s = breakAtGaps(xs, ys, [{ startSec: 2.5, endSec: 4.5 }]);
    assert.deepEqual(s.y.filter((v) => v !== null), [1, 2, 3, 4]);
    assert.deepEqual(drawnRuns(s), [[0], [2], [5, 6]]);
  });

  test('a point on the edge of a gap is drawn; gaps given out of order or empty are handled', () => {
    assert.equal(insideGap(10, [{ startSec: 10, endSec: 20 }]), false);
    assert.equal(insideGap(10.5, [{ startSec: 10, endSec: 20 }]), true);
    assert.equal(crossesGap(9, 10, [{ startSec: 10, endSec: 20 }]), false);
    assert.equal(crossesGap(9, 21, [{ startSec: 10, endSec: 20 }]), true);
    const s = breakAtGaps([0, 1, 9, 10], [1, 1, 1, 1], [{ startSec: 5, endSec: 6 }, { startSec: 2, endSec: 2 }, { startSec: 1.5, endSec: 3 }]);
    assert.deepEqual(drawnRuns(s), [
      [0, 1],
      [9, 10],
    ]);
  });

  test('no gaps: the series as it is', () => {
    assert.deepEqual(breakAtGaps([0, 1, 2], [5, 6, 7], []), { x: [0, 1, 2], y: [5, 6, 7] });
  });
});

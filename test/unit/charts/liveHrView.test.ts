import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HR_BREAK_SEC, liveHrView } from '../../../shared/charts/liveHrView.js';

/** Beats every `ibi` s from t0 to t1 with HR 60/ibi, plus `spikes` (t → bpm). */
function beats(t0: number, t1: number, ibi: number): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (let t = t0; t <= t1; t += ibi) {
    x.push(t);
    y.push(60 / ibi + 3 * Math.sin((2 * Math.PI * t) / 10)); // a breathing wave of ±3 bpm
  }
  return { x, y };
}

describe('liveHrView', () => {
  test('a 30 s clip-off between two stretches of beats is a break in the line, never bridged', () => {
    const a = beats(0, 60, 0.8);
    const b = beats(90, 150, 0.8);
    const v = liveHrView([...a.x, ...b.x], [...a.y, ...b.y], [], 10);
    const breaks = v.y.flatMap((y, i) => (y === null ? [v.x[i]!] : []));
    assert.equal(breaks.length, 1, 'one break');
    assert.ok(breaks[0]! > 60 && breaks[0]! < 90, `the break lies in the gap (${breaks[0]})`);
    // No two consecutive drawn points are further apart than a heart beat can be.
    for (let i = 1; i < v.x.length; i++) if (v.y[i] !== null && v.y[i - 1] !== null) assert.ok(v.x[i]! - v.x[i - 1]! <= HR_BREAK_SEC);
  });

  test('a reported gap shorter than the break distance still breaks the line', () => {
    const a = beats(0, 20, 0.8);
    const v = liveHrView(a.x, a.y, [{ startSec: 9.9, endSec: 10.3 }], 10);
    assert.equal(v.y.filter((y) => y === null).length, 1);
  });

  test('motion spikes do not set the y range: the breathing wave keeps its height, the spikes are counted as clipped', () => {
    const a = beats(0, 120, 0.8); // 75 ± 3 bpm
    const y = [...a.y];
    for (const i of [20, 21, 80, 81, 82]) y[i] = 185;
    const v = liveHrView(a.x, y, [], 10);
    assert.ok(v.yMax < 100, `y max ${v.yMax} stays near the wave, not 185`);
    assert.ok(v.yMin > 60, `y min ${v.yMin}`);
    assert.equal(v.clipped, 5);
    // Without spikes the whole wave is inside the range.
    const clean = liveHrView(a.x, a.y, [], 10);
    assert.equal(clean.clipped, 0);
    assert.ok(clean.yMax - clean.yMin >= 10, 'at least the minimum span');
  });

  test('no beats: a neutral range', () => {
    const v = liveHrView([], [], [], 10);
    assert.deepEqual([v.x.length, v.yMax - v.yMin, v.clipped], [0, 10, 0]);
  });
});

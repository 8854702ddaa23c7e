import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BeatTimeline, PpgTimeline } from '../../../main/devices/channelTimeline.js';
import type { PpgFrame } from '../../../shared/sensors/frames.js';

const frame = (t0Sec: number, values: number[], fsHz = 50): PpgFrame => ({ kind: 'ppg', fsHz, t0Sec, values: Float32Array.from(values) });

describe('PpgTimeline: the pipeline clock follows the frame times', () => {
  test('contiguous frames pass through unchanged (a fresh copy); origin = first t0', () => {
    const tl = new PpgTimeline();
    const f = frame(0.3, [1, 2, 3, 4, 5]);
    const a = tl.align(f);
    assert.deepEqual(Array.from(a.values), [1, 2, 3, 4, 5]);
    assert.notEqual(a.values.buffer, f.values.buffer, 'the frame keeps its own buffer (ours is transferred)');
    assert.equal(a.gap, null);
    assert.equal(tl.originSec, 0.3);
    const b = tl.align(frame(0.4, [6, 7]));
    assert.deepEqual(Array.from(b.values), [6, 7]);
    assert.ok(Math.abs(tl.endSec - 0.44) < 1e-9);
    assert.ok(Math.abs(tl.toChannel(1) - 1.3) < 1e-12);
    assert.ok(Math.abs(tl.toPipeline(1.3) - 1) < 1e-12);
  });

  test('a jump > 0.25 s: NaN fill and a gap from the end of the data to the new start', () => {
    const tl = new PpgTimeline();
    tl.align(frame(0, [1, 2, 3, 4, 5])); // ends at 0.1
    const a = tl.align(frame(2.1, [9, 9]));
    assert.deepEqual(a.gap, { startSec: 0.1, endSec: 2.1 });
    assert.equal(a.values.length, 100 + 2);
    assert.ok(a.values.subarray(0, 100).every(Number.isNaN));
    assert.deepEqual(Array.from(a.values.subarray(100)), [9, 9]);
    assert.ok(Math.abs(tl.endSec - 2.14) < 1e-9, 'the pipeline is on the channel clock again');
  });

  test('small jitter: a lead is held with the last value, a lag drops the overlap', () => {
    const tl = new PpgTimeline();
    tl.align(frame(0, [1, 2, 3, 4, 5])); // ends at 0.1
    const lead = tl.align(frame(0.14, [6, 7]));
    assert.equal(lead.gap, null);
    assert.deepEqual(Array.from(lead.values), [5, 5, 6, 7]);
    const lag = tl.align(frame(0.16, [8, 9, 10]));
    assert.deepEqual(Array.from(lag.values), [9, 10], 'one sample overlapped');
    assert.ok(Math.abs(tl.endSec - 0.22) < 1e-9);
    const tiny = tl.align(frame(0.225, [11]));
    assert.deepEqual(Array.from(tiny.values), [11], 'a quarter sample is not corrected');
  });

  test('a rate change or a very long gap restarts the pipeline', () => {
    const tl = new PpgTimeline({ maxFillSec: 60 });
    tl.align(frame(0, [1, 2]));
    const r = tl.align(frame(0.04, [1, 2, 3], 100));
    assert.equal(r.restart, true);
    assert.equal(tl.originSec, 0.04);
    const far = tl.align(frame(500, [1], 100));
    assert.equal(far.restart, true);
    assert.deepEqual(far.gap, { startSec: 0.07, endSec: 500 });
    assert.equal(far.values.length, 1);
    assert.equal(tl.originSec, 500);
    const other = tl.align(frame(510, [1, 2], 25));
    assert.equal(other.restart, true);
    assert.deepEqual(other.gap, { startSec: 500.01, endSec: 510 }, 'a rate change after a pause still reports the gap');
  });
});

describe('BeatTimeline: bridges lost intervals', () => {
  test('first frame starts the clock; a late frame gets a bridging interval and a gap', () => {
    const tl = new BeatTimeline();
    const a = tl.align({ kind: 'beats', tSec: 2, ibiMs: [1000, 1000] });
    assert.equal(a.bridgeMs, null);
    assert.equal(a.startSec, 0);
    assert.equal(tl.clockSec, 2);
    const b = tl.align({ kind: 'beats', tSec: 3.01, ibiMs: [1000] });
    assert.equal(b.bridgeMs, null, 'arrival jitter is not a gap');
    const c = tl.align({ kind: 'beats', tSec: 10, ibiMs: [900] });
    assert.deepEqual(c.gap, { startSec: 3, endSec: 9.1 });
    assert.ok(Math.abs(c.bridgeMs! - 6100) < 1e-6);
    assert.ok(Math.abs(tl.clockSec! - 10) < 1e-9);
    const empty = tl.align({ kind: 'beats', tSec: 30, ibiMs: [] });
    assert.equal(empty.gap, null, 'a notification without intervals bridges nothing');
  });
});

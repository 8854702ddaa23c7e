import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveBatcher } from '../../../main/app/LiveBatcher.js';
import type { WorkerResult } from '../../../main/analysis/analysisProtocol.js';
import type { LiveMetrics } from '../../../shared/dsp/LivePipeline.js';

const ppg = (t0Sec: number, n: number, fsHz = 100, v = 1) => ({ kind: 'ppg' as const, t0Sec, fsHz, values: new Float32Array(n).fill(v) });

function result(beats: [number, number, number][], metrics: Partial<LiveMetrics>[] = []): WorkerResult {
  return {
    type: 'result',
    channel: 'ch1',
    seq: 0,
    beatTSec: Float64Array.from(beats.map((b) => b[0])),
    beatIbiMs: Float64Array.from(beats.map((b) => b[1])),
    beatQuality: Float32Array.from(beats.map((b) => b[2])),
    metrics: metrics.map((m) => ({ tSec: 0, hrBpm: null, rmssdMs: null, sdnnMs: null, coherenceRatio: null, coherenceLevel: null, respirationBpm: null, qualityPct: 100, ...m })),
    workMs: 0,
    lookAheadSec: 0.3,
  };
}

describe('LiveBatcher', () => {
  test('nothing new → no batch; consecutive frames merge into one chunk, a jump starts another', () => {
    let now = 1000;
    const b = new LiveBatcher('ch1', { nowMs: () => now });
    assert.equal(b.take(), null);
    b.addPpg(ppg(0, 10, 100, 1));
    now = 1010;
    b.addPpg(ppg(0.1, 10, 100, 2));
    b.addPpg(ppg(5, 5, 100, 3));
    now = 1040;
    const batch = b.take()!;
    assert.equal(batch.seq, 0);
    assert.equal(batch.ppg.length, 2);
    assert.equal(batch.ppg[0]!.values.length, 20);
    assert.deepEqual([batch.ppg[0]!.values[9], batch.ppg[0]!.values[10]], [1, 2]);
    assert.equal(batch.ppg[1]!.t0Sec, 5);
    assert.equal(batch.firstArrivalMs, 1000);
    assert.equal(batch.lastArrivalMs, 1010);
    assert.equal(batch.sentAtMs, 1040);
    assert.ok(Math.abs(batch.clockSec - 5.05) < 1e-9);
    assert.equal(b.take(), null, 'everything was handed out');
    b.addPpg(ppg(5.05, 1));
    assert.equal(b.take()!.seq, 1);
  });

  test('copies the samples (the device manager transfers its buffer to the worker afterwards)', () => {
    const b = new LiveBatcher('ch1');
    const f = ppg(0, 4, 100, 7);
    b.addPpg(f);
    f.values.fill(0);
    assert.deepEqual(Array.from(b.take()!.ppg[0]!.values), [7, 7, 7, 7]);
  });

  test('beats with their intervals (NaN → null), metrics, look-ahead and the pacer at the clock', () => {
    const asked: number[] = [];
    const b = new LiveBatcher('ch1', {
      pacerAt: (t) => {
        asked.push(t);
        return { phase: 'in', lung: 0.5, breathIndex: 2, rateBpm: 6, finished: false };
      },
    });
    b.addAnalysis(result([[10.2, NaN, 0.9], [11.0, 800, 0.95]], [{ tSec: 11, hrBpm: 75 }]));
    const batch = b.take()!;
    assert.deepEqual(batch.beats, [
      { tSec: 10.2, ibiMs: null, quality: batch.beats[0]!.quality },
      { tSec: 11.0, ibiMs: 800, quality: batch.beats[1]!.quality },
    ]);
    assert.ok(Math.abs(batch.beats[1]!.quality - 0.95) < 1e-6);
    assert.equal(batch.metrics.length, 1);
    assert.equal(batch.metrics[0]!.hrBpm, 75);
    assert.equal(batch.lookAheadSec, 0.3);
    assert.equal(batch.clockSec, 11);
    assert.deepEqual(asked, [11]);
    assert.equal(batch.pacer?.breathIndex, 2);
    assert.equal(batch.ppg.length, 0);
    assert.equal(batch.firstArrivalMs, null);
  });

  test('a spectrum comes with new metrics once 64 s of beats are there', () => {
    const b = new LiveBatcher('ch1');
    const beats: [number, number, number][] = [];
    let t = 0;
    while (t < 70) {
      const ibi = 900 + 50 * Math.sin(2 * Math.PI * 0.1 * t);
      t += ibi / 1000;
      beats.push([t, ibi, 1]);
    }
    b.addAnalysis(result(beats));
    assert.equal(b.take()!.spectrum, null, 'no metrics, no spectrum');
    b.addAnalysis(result([], [{ tSec: 69 }]));
    const s = b.take()!.spectrum;
    assert.ok(s && s.peakHz !== null && Math.abs(s.peakHz - 0.1) < 0.01);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveBatcher } from '../../../main/app/LiveBatcher.js';
import type { WorkerResult } from '../../../main/analysis/analysisProtocol.js';
import { BeatFlag } from '../../../shared/domain/beatFlags.js';
import type { LiveMetrics } from '../../../shared/dsp/LivePipeline.js';
import type { NnBeat } from '../../../shared/dsp/NnStream.js';
import type { LiveBeatEvent, SpectrumView } from '../../../shared/ipc/liveTypes.js';

const chunk = (t0Sec: number, n: number, fsHz = 100, v = 1) => ({ t0Sec, fsHz, values: new Float32Array(n).fill(v) });
const beat = (tSec: number, ibiMs: number | null, quality = 0.9, flags = 0): NnBeat => ({ tSec, fidSec: tSec, ibiMs, quality, flags });

function result(
  o: { gen?: number; final?: NnBeat[]; provisional?: NnBeat[] | null; beatEvents?: LiveBeatEvent[]; metrics?: Partial<LiveMetrics>[]; spectrum?: SpectrumView | null } = {},
): WorkerResult {
  return {
    type: 'result',
    channel: 'ch1',
    seq: 0,
    gen: o.gen ?? 1,
    final: o.final ?? [],
    provisional: o.provisional ?? null,
    unusable: [],
    beatEvents: o.beatEvents ?? [],
    metrics: (o.metrics ?? []).map((m) => ({ tSec: 0, hrBpm: null, rmssdMs: null, sdnnMs: null, coherenceRatio: null, coherenceLevel: null, respirationBpm: null, qualityPct: 100, timingNoiseMs: null, withheld: {}, ...m })),
    spectrum: o.spectrum ?? null,
    workMs: 0,
    lookAheadSec: 0.3,
  };
}

describe('LiveBatcher (a channel\'s view)', () => {
  test('nothing new → no batch; consecutive chunks merge into one, a jump starts another', () => {
    let now = 1000;
    const b = new LiveBatcher('ch1', { nowMs: () => now });
    assert.equal(b.take(), null);
    b.addSamples(chunk(0, 10, 100, 1));
    now = 1010;
    b.addSamples(chunk(0.1, 10, 100, 2));
    b.addSamples(chunk(5, 5, 100, 3));
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
    b.addSamples(chunk(5.05, 1));
    assert.equal(b.take()!.seq, 1);
  });

  test('copies the samples (the channel transfers its buffer to the worker afterwards)', () => {
    const b = new LiveBatcher('ch1');
    const c = chunk(0, 4, 100, 7);
    b.addSamples(c);
    c.values.fill(0);
    assert.deepEqual(Array.from(b.take()!.ppg[0]!.values), [7, 7, 7, 7]);
  });

  test('final beats with their corrected intervals and flags, the provisional tail, metrics, spectrum, the pacer at the clock', () => {
    const asked: number[] = [];
    const b = new LiveBatcher('ch1', {
      pacerAt: (t) => {
        asked.push(t);
        return { phase: 'in', lung: 0.5, breathIndex: 2, rateBpm: 6, finished: false };
      },
    });
    const spectrum: SpectrumView = { tSec: 11, dfHz: 0.004, psd: new Float32Array(4), peakHz: 0.1, peakWidthHz: 0.03 };
    b.addAnalysis(
      result({
        final: [beat(10.2, null), beat(11.0, 800, 0.95, BeatFlag.corrected)],
        provisional: [beat(11.8, 790), beat(12.6, 805)],
        metrics: [{ tSec: 11, hrBpm: 75 }],
        spectrum,
      }),
    );
    const batch = b.take()!;
    assert.deepEqual(
      batch.beats.map((x) => [x.tSec, x.ibiMs, x.flags]),
      [
        [10.2, null, 0],
        [11.0, 800, BeatFlag.corrected],
      ],
    );
    assert.ok(Math.abs(batch.beats[1]!.quality - 0.95) < 1e-6);
    assert.deepEqual(batch.provisional!.map((x) => x.tSec), [11.8, 12.6]);
    assert.equal(batch.metrics[0]!.hrBpm, 75);
    assert.equal(batch.spectrum, spectrum, 'the worker\'s spectrum is passed on');
    assert.equal(batch.lookAheadSec, 0.3);
    assert.equal(batch.clockSec, 12.6);
    assert.deepEqual(asked, [12.6]);
    assert.equal(batch.pacer?.breathIndex, 2);
    assert.equal(batch.ppg.length, 0);
    assert.equal(batch.firstArrivalMs, null);
    // An unchanged provisional tail is not sent again.
    b.addAnalysis(result({ final: [beat(11.8, 800)] }));
    assert.equal(b.take()!.provisional, null);
  });

  test('gaps go out with the next batch; a new pipeline generation says so and drops what was pending', () => {
    const b = new LiveBatcher('ch1');
    b.addAnalysis(result({ gen: 1, final: [beat(1, 800)] }));
    b.addGap({ startSec: 3, endSec: 8, reason: 'no-contact' });
    const first = b.take()!;
    assert.deepEqual(first.gaps, [{ startSec: 3, endSec: 8, reason: 'no-contact' }]);
    assert.equal(first.analysisRestarted, false);
    b.addAnalysis(result({ gen: 1, final: [beat(2, 800)] }));
    b.addAnalysis(result({ gen: 2, final: [beat(20, 810)] }));
    const next = b.take()!;
    assert.equal(next.analysisRestarted, true);
    assert.deepEqual(next.beats.map((x) => x.tSec), [20], 'only the new pipeline\'s beats');
  });

  test('beat events (the fast path) go out in order with the next batch, once; a batch carries them alone; a new generation drops them', () => {
    const b = new LiveBatcher('ch1');
    b.addAnalysis(result({ gen: 1, beatEvents: [{ type: 'provisional', id: 1, tSec: 10.4 }] }));
    b.addAnalysis(result({ gen: 1, beatEvents: [{ type: 'revise', id: 1, newTSec: 10.45 }, { type: 'provisional', id: 2, tSec: 11.2 }] }));
    const first = b.take()!;
    assert.ok(first, 'beat events alone make a batch');
    assert.deepEqual(first.beatEvents, [
      { type: 'provisional', id: 1, tSec: 10.4 },
      { type: 'revise', id: 1, newTSec: 10.45 },
      { type: 'provisional', id: 2, tSec: 11.2 },
    ]);
    assert.equal(b.take(), null, 'handed out once');
    b.addAnalysis(result({ gen: 1, beatEvents: [{ type: 'final', tSec: 10.45, provisionalId: 1 }] }));
    b.addAnalysis(result({ gen: 2, beatEvents: [{ type: 'provisional', id: 1, tSec: 30.1 }] }));
    const next = b.take()!;
    assert.equal(next.analysisRestarted, true);
    assert.deepEqual(next.beatEvents, [{ type: 'provisional', id: 1, tSec: 30.1 }], "only the new pipeline's events");
  });

  test('quality seconds and status news are passed on at once', () => {
    const seen: string[] = [];
    const b = new LiveBatcher('ch1', {
      onQuality: (q) => seen.push(`q${q.tSec}`),
      onStatus: (s, n) => seen.push(`${s}:${n?.code ?? '-'}`),
    });
    b.addQuality({ tSec: 4, qualityPct: 90, contact: 'ok', flags: [] });
    b.addStatus(4.2, 'connected', { code: 'no-data', params: { port: '/dev/x', seconds: 3 } });
    assert.deepEqual(seen, ['q4', 'connected:no-data']);
    assert.equal(b.take(), null, 'nothing for the batch');
  });
});

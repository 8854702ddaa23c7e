// LiveBeatTrack (the beats and heart rate the live screen draws) and livePhase (the HR–pacer phase),
// fed by the real path: LivePipeline → worker result → LiveBatcher batches.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LiveBatcher } from '../../../main/app/LiveBatcher.js';
import type { WorkerResult } from '../../../main/analysis/analysisProtocol.js';
import { BeatFlag } from '../../../shared/domain/beatFlags.js';
import { hrPacerPhase } from '../../../shared/dsp/hrPacerPhase.js';
import { LivePipeline, type LiveUpdate } from '../../../shared/dsp/LivePipeline.js';
import type { NnBeat } from '../../../shared/dsp/NnStream.js';
import type { PacerTimeline } from '../../../shared/ipc/apiTypes.js';
import type { BeatView, LiveBatch, LiveBeatEvent } from '../../../shared/ipc/liveTypes.js';
import { LiveBeatTrack } from '../../../shared/live/LiveBeatTrack.js';
import { livePhase } from '../../../shared/live/livePhase.js';
import { SlidingSeries } from '../../../shared/live/SlidingSeries.js';
import type { PacerSettings } from '../../../shared/pacer/index.js';
import { PpgSimulator } from '../../../shared/sim/index.js';

const FS = 100;
const PACER: PacerSettings = { rateBpm: 6, inhaleFraction: 0.4 };
const timeline = (running = true): PacerTimeline => ({
  version: 1,
  segments: [{ settings: PACER, startSec: 0, firstBreathIndex: 0 }],
  endSec: null,
  running,
  clockSec: 0,
});

const result = (u: LiveUpdate): WorkerResult => ({
  type: 'result',
  channel: 'ear',
  seq: 0,
  gen: 1,
  final: u.final,
  provisional: u.provisional,
  unusable: u.unusable,
  beatEvents: u.beatEvents,
  metrics: u.metrics,
  spectrum: u.spectrum,
  workMs: 0,
  lookAheadSec: 2.8,
});

/** A simulated client breathing with a 6/min pacer, as the batches the renderer gets (one per 40 ms of signal). */
function liveBatches(seconds: number): { batches: LiveBatch[]; final: NnBeat[] } {
  const sim = new PpgSimulator({ fsHz: FS, seed: 5, compliance: 1, ectopicPerMin: 1 });
  sim.setPacer(PACER);
  const p = new LivePipeline();
  const batcher = new LiveBatcher('ear');
  const batches: LiveBatch[] = [];
  const final: NnBeat[] = [];
  const take = (u: LiveUpdate): void => {
    final.push(...u.final);
    batcher.addAnalysis(result(u));
    const b = batcher.take();
    if (b) batches.push(b);
  };
  for (let t = 0; t < seconds; t += 0.04) take(p.pushChunk({ t0Sec: t, fsHz: FS, values: sim.generate(4) }));
  take(p.flush());
  return { batches, final };
}

const { batches, final } = liveBatches(150);

describe('LiveBeatTrack', () => {
  test('a provisional beat is drawn in the batch that brings it, with the heart rate of its interval; at the end the screen holds the final beats exactly', () => {
    const beats = new SlidingSeries(2000);
    const hr = new SlidingSeries(2000);
    const track = new LiveBeatTrack(beats, hr);
    let shownProvisional = 0;
    for (const b of batches) {
      track.apply(b);
      const xs = Array.from(beats.x());
      xs.forEach((x, i) => i > 0 && assert.ok(x > xs[i - 1]!, 'beats in time order'));
      const hx = Array.from(hr.x());
      hx.forEach((x, i) => i > 0 && assert.ok(x > hx[i - 1]!, 'heart rate in time order'));
      // The newest provisional beat of the batch, unless it was settled within the batch.
      const settled = new Set(b.beatEvents.flatMap((e) => (e.type === 'revise' && e.newTSec === null ? [e.id] : e.type === 'final' && e.provisionalId !== null ? [e.provisionalId] : [])));
      const fresh = b.beatEvents.filter((e): e is Extract<LiveBeatEvent, { type: 'provisional' }> => e.type === 'provisional' && !settled.has(e.id));
      const last = fresh[fresh.length - 1];
      if (!last) continue;
      assert.equal(beats.lastX, last.tSec, 'the provisional beat is the newest beat on screen');
      assert.ok(Number.isNaN(beats.lastY), 'drawn as not judged yet');
      if (hr.lastX === last.tSec) {
        shownProvisional++;
        const before = xs[xs.length - 2]!;
        assert.ok(Math.abs(hr.lastY - 60 / (last.tSec - before)) < 1e-9, 'HR of the interval from the beat before');
      }
    }
    assert.ok(shownProvisional > 100, `${shownProvisional} provisional beats with a heart rate`);
    const detections = final.filter((b) => !(b.flags & BeatFlag.interpolated));
    assert.deepEqual(Array.from(beats.x()), detections.map((b) => b.tSec), 'the final beats, provisional drawings all replaced');
    assert.deepEqual(Array.from(beats.y()), detections.map((b) => b.quality ?? Number.NaN));
    const nn = final.filter((b) => b.ibiMs !== null && b.ibiMs > 0);
    assert.deepEqual(Array.from(hr.y()), nn.map((b) => 60_000 / b.ibiMs!), 'heart rate from the stored (corrected) intervals');
  });

  test('moved and withdrawn provisional beats are redrawn; final beats replace the tail', () => {
    const beats = new SlidingSeries(100);
    const hr = new SlidingSeries(100);
    const track = new LiveBeatTrack(beats, hr);
    const bv = (tSec: number, ibiMs: number | null): BeatView => ({ tSec, ibiMs, quality: 0.9, flags: 0 });
    const batch = (o: Partial<Pick<LiveBatch, 'beats' | 'provisional' | 'beatEvents'>>): Pick<LiveBatch, 'beats' | 'provisional' | 'beatEvents'> => ({ beats: [], provisional: null, beatEvents: [], ...o });
    const xs = (): number[] => Array.from(beats.x());
    track.apply(batch({ beats: [bv(1, null), bv(2, 1000)], provisional: [bv(3, 1000)], beatEvents: [{ type: 'provisional', id: 7, tSec: 3.8 }] }));
    assert.deepEqual(xs(), [1, 2, 3, 3.8]);
    assert.ok(Math.abs(hr.lastY - 75) < 1e-9);
    assert.equal(track.apply(batch({ beatEvents: [{ type: 'revise', id: 7, newTSec: 3.85 }] })), true);
    assert.deepEqual(xs(), [1, 2, 3, 3.85]);
    track.apply(batch({ beatEvents: [{ type: 'provisional', id: 8, tSec: 4.7 }] }));
    track.apply(batch({ beatEvents: [{ type: 'revise', id: 8, newTSec: null }] }));
    assert.deepEqual(xs(), [1, 2, 3, 3.85], 'a withdrawn beat disappears');
    assert.equal(hr.lastX, 3.85);
    // Decided: the beat comes in the tail, the provisional one goes.
    track.apply(batch({ provisional: [bv(3, 1000), bv(3.85, 850)], beatEvents: [{ type: 'final', tSec: 3.85, provisionalId: 7 }] }));
    assert.deepEqual(xs(), [1, 2, 3, 3.85]);
    assert.equal(beats.lastY, 0.9);
    // Final beats replace the tail.
    track.apply(batch({ beats: [bv(3, 1000), bv(3.85, 850)], provisional: [] }));
    assert.deepEqual(xs(), [1, 2, 3, 3.85]);
    assert.equal(track.apply(batch({})), false, 'nothing new: nothing redrawn');
  });
});

describe('livePhase (the HR–pacer phase on the therapist console)', () => {
  test('follows every beat, provisional ones included; HR rises on the in-breath; the same routine as on the final intervals', () => {
    const beats = new SlidingSeries(2000);
    const hr = new SlidingSeries(2000);
    const track = new LiveBeatTrack(beats, hr);
    const pacer = timeline();
    let onProvisional = 0;
    let last = null as ReturnType<typeof livePhase>;
    for (const b of batches.slice(0, -1)) {
      if (!track.apply(b)) continue;
      last = livePhase(hr, pacer);
      if (last && b.beatEvents.some((e) => e.type === 'provisional' && e.tSec === last!.tSec)) onProvisional++;
    }
    assert.ok(onProvisional > 50, `the phase was recomputed on ${onProvisional} provisional beats`);
    assert.ok(last !== null);
    assert.ok(last.breaths >= 4, `${last.breaths} breaths`);
    // The simulated client follows the pacer at resonance: HR peaks near the end of the in-breath.
    assert.ok(Math.abs(last.hrLagDeg) < 60, `HR lag ${last.hrLagDeg.toFixed(0)}°`);
    assert.ok(last.synchrony > 0.8, `synchrony ${last.synchrony}`);
    // The same as the phase of the final (stored) intervals over the same breaths.
    const nn = final.filter((b) => b.ibiMs !== null && b.tSec <= last!.tSec);
    const starts: number[] = [];
    for (let s = 0; s <= last.tSec; s += 10) if (s >= last.tSec - 60) starts.push(s);
    const ref = hrPacerPhase(nn.map((b) => b.tSec), nn.map((b) => b.ibiMs!), starts, { inhaleFraction: 0.4 });
    assert.ok(ref.phaseLagDeg !== null);
    assert.ok(Math.abs(-ref.phaseLagDeg - last.hrLagDeg) < 15, `live ${last.hrLagDeg.toFixed(1)}° vs final ${(-ref.phaseLagDeg).toFixed(1)}°`);
  });

  test('null without a pacer, while it is paused, or with fewer than two breaths', () => {
    const hr = new SlidingSeries(100);
    for (let t = 0.5; t < 15; t += 0.8) hr.push(t, 75);
    assert.equal(livePhase(hr, null), null);
    assert.equal(livePhase(hr, timeline(false)), null);
    assert.equal(livePhase(hr, timeline()), null, 'one complete 10 s breath only');
  });
});

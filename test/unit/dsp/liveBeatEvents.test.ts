// The live screen's beat events from LivePipeline (BeatEngine): provisional beats, their revisions
// and one `final` event per decided beat, on the channel clock — and the stored (final) beats untouched.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BeatEngine, type EngineUpdate } from '../../../shared/dsp/BeatEngine.js';
import { LivePipeline, type LiveBeatEvent } from '../../../shared/dsp/LivePipeline.js';
import type { NnBeat } from '../../../shared/dsp/NnStream.js';
import type { TimedChunk } from '../../../shared/dsp/sampleTimeline.js';
import { simulateBeatTimes, simulatePpg } from '../../../shared/sim/index.js';

/** Two simulated stretches on the channel clock: `gapSec` of nothing between them. */
function signal(fsHz: number, gapSec: number): { chunks: TimedChunk[]; secondStartSec: number } {
  const a = simulatePpg({ fsHz, seed: 11, noise: 0.03, ectopicPerMin: 2, motionPerMin: 1 }, 90);
  const b = simulatePpg({ fsHz, seed: 12, noise: 0.02, hrBpm: 64 }, 60);
  const secondStartSec = 90 + gapSec;
  return {
    chunks: [
      { t0Sec: 0, fsHz, values: a.values },
      { t0Sec: secondStartSec, fsHz, values: b.values },
    ],
    secondStartSec,
  };
}

/** Cut the chunks into pieces of 1..maxN samples (deterministic). */
function recut(chunks: TimedChunk[], maxN: number, seed: number): TimedChunk[] {
  let s = seed;
  const rnd = (): number => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const out: TimedChunk[] = [];
  for (const c of chunks) {
    for (let i = 0; i < c.values.length; ) {
      const n = 1 + Math.floor(rnd() * maxN);
      out.push({ t0Sec: c.t0Sec + i / c.fsHz, fsHz: c.fsHz, values: (c.values as Float32Array).subarray(i, i + n) });
      i += n;
    }
  }
  return out;
}

function run(chunks: TimedChunk[]): { events: LiveBeatEvent[]; final: NnBeat[] } {
  const p = new LivePipeline();
  const events: LiveBeatEvent[] = [];
  const final: NnBeat[] = [];
  for (const c of chunks) {
    const u = p.pushChunk(c);
    events.push(...u.beatEvents);
    final.push(...u.final);
  }
  const u = p.flush();
  events.push(...u.beatEvents);
  final.push(...u.final);
  return { events, final };
}

describe('LivePipeline beat events', () => {
  const fs = 125;
  // A gap longer than the timeline fills (an hour): the detector starts over after it.
  const { chunks, secondStartSec } = signal(fs, 4000);
  const ref = run(recut(chunks, 1, 1));

  test('the same events and final beats for any chunking', () => {
    for (const maxN of [9, 100, 2000]) {
      const r = run(recut(chunks, maxN, maxN));
      assert.deepEqual(r.events, ref.events, `chunks of up to ${maxN}`);
      assert.deepEqual(r.final, ref.final);
    }
  });

  test('one final event per detection of the offline engine, in order; the stored beats are those without events', () => {
    const engine = new BeatEngine();
    const u: EngineUpdate = { final: [], unusable: [], detections: [] };
    for (const c of chunks) engine.pushChunk(c, u);
    engine.flush(u);
    const finals = ref.events.flatMap((e) => (e.type === 'final' ? [e.tSec] : []));
    assert.equal(finals.length, u.detections.length);
    finals.forEach((t, k) => assert.ok(Math.abs(t - u.detections[k]!.tSec) < 1e-9, `beat ${k}: ${t} vs ${u.detections[k]!.tSec}`));
    assert.deepEqual(ref.final, u.final, 'collecting events does not change the final NN beats');
    // The beats the first stretch's detector still held when the gap came keep their own times.
    for (const b of ref.final) assert.ok(b.tSec < 90 || b.tSec >= secondStartSec, `stored beat at ${b.tSec}`);
    assert.ok(ref.final.filter((b) => b.tSec > 87 && b.tSec < 90).length >= 2);
  });

  test('provisional beats: unique ids across the restart, each settled exactly once, before its final event', () => {
    const provisional = new Map<number, number>();
    const settled = new Map<number, string>();
    ref.events.forEach((e, k) => {
      if (e.type === 'provisional') {
        assert.ok(!provisional.has(e.id), `id ${e.id} used twice`);
        provisional.set(e.id, k);
      } else if (e.type === 'revise') {
        assert.ok(provisional.has(e.id) && provisional.get(e.id)! < k, `revise of ${e.id} after it was shown`);
        assert.ok(!settled.has(e.id), `${e.id} revised after it was settled`);
        if (e.newTSec === null) settled.set(e.id, 'withdrawn');
      } else if (e.provisionalId !== null) {
        assert.ok(provisional.get(e.provisionalId)! < k, 'a final event confirms a provisional beat shown before');
        assert.ok(!settled.has(e.provisionalId), `${e.provisionalId} settled twice`);
        settled.set(e.provisionalId, 'final');
      }
    });
    assert.ok(provisional.size > 100, `${provisional.size} provisional beats`);
    for (const id of provisional.keys()) assert.ok(settled.has(id), `provisional ${id} settled (by the end of the stream at the latest)`);
    // Both stretches had provisional beats; the second one's continue the numbering.
    const times = ref.events.flatMap((e) => (e.type === 'provisional' ? [[e.id, e.tSec] as const] : []));
    const second = times.filter(([, t]) => t >= secondStartSec);
    assert.ok(second.length > 30 && times.length - second.length > 50);
    assert.ok(second[0]![0] > Math.max(...times.filter(([, t]) => t < secondStartSec).map(([id]) => id)));
    // Provisional times on the channel clock: each within 0.1 s of the final beat confirming it.
    const finalOf = new Map(ref.events.flatMap((e) => (e.type === 'final' && e.provisionalId !== null ? [[e.provisionalId, e.tSec] as const] : [])));
    for (const [id, t] of times) if (finalOf.has(id)) assert.ok(Math.abs(finalOf.get(id)! - t) <= 0.1, `${id}: ${t} vs ${finalOf.get(id)}`);
    // Few revisions on a clean-ish simulated signal with ectopic beats and motion.
    const revisions = ref.events.filter((e) => e.type === 'revise').length;
    assert.ok(revisions <= 0.03 * finalOf.size, `${revisions} revisions`);
  });

  test("an interval sensor's beats are final at once: one final event each, no provisional beats", () => {
    const sim = simulateBeatTimes({ hrBpm: 70, seed: 2 }, 30);
    const p = new LivePipeline({ fromSensor: true });
    const ibi = Array.from(sim.ibiMs);
    const events = [...p.pushIntervals(ibi.slice(0, 10), 0).beatEvents, ...p.pushIntervals(ibi.slice(10), Number.NaN).beatEvents, ...p.flush().beatEvents];
    assert.equal(events.length, ibi.length + 1);
    assert.ok(events.every((e) => e.type === 'final' && e.provisionalId === null));
  });
});

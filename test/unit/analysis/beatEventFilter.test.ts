// BeatEventFilter: the beat events a channel passes to its view across a worker restart (a fresh
// pipeline replaying the last 120 s): no beat twice, ids unique, nothing left hanging.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BeatEventFilter } from '../../../main/analysis/beatEventFilter.js';
import { LivePipeline, type LiveBeatEvent } from '../../../shared/dsp/LivePipeline.js';
import type { TimedChunk } from '../../../shared/dsp/sampleTimeline.js';
import { simulatePpg } from '../../../shared/sim/index.js';
import { checkBeatEvents } from '../../support/beatEventStream.js';

const FS = 100;
const sim = simulatePpg({ fsHz: FS, seed: 31, noise: 0.03, ectopicPerMin: 1 }, 240);
/** 50 ms chunks, as a sensor would send them. */
const chunks: TimedChunk[] = [];
for (let i = 0; i < sim.values.length; i += 5) chunks.push({ t0Sec: i / FS, fsHz: FS, values: sim.values.subarray(i, i + 5) });

/** The events the view gets when the worker restarts before chunk index `at` (each in `restarts`). */
function viewEvents(restarts: number[]): LiveBeatEvent[] {
  const filter = new BeatEventFilter();
  let p = new LivePipeline();
  const out: LiveBeatEvent[] = [];
  chunks.forEach((c, k) => {
    if (restarts.includes(k)) {
      // As LiveChannel.analysisRestarted: a fresh pipeline, the last 120 s replayed into it.
      filter.restarted();
      p = new LivePipeline();
      for (const r of chunks.slice(0, k)) if (r.t0Sec >= c.t0Sec - 120) out.push(...filter.pass(p.pushChunk(r).beatEvents));
    }
    out.push(...filter.pass(p.pushChunk(c).beatEvents));
  });
  out.push(...filter.pass(p.flush().beatEvents));
  return out;
}

describe('BeatEventFilter', () => {
  test('without a restart it passes every event unchanged', () => {
    const p = new LivePipeline();
    const all = [...chunks.map((c) => p.pushChunk(c).beatEvents), p.flush().beatEvents];
    const f = new BeatEventFilter();
    for (const ev of all) assert.deepEqual(f.pass(ev), ev);
  });

  test('worker restarts (one early, one after 150 s of replay-able signal): a consistent stream, every beat decided once', () => {
    const plain = checkBeatEvents(viewEvents([]), 'no restart');
    const events = viewEvents([1200, 3000]);
    const s = checkBeatEvents(events, 'with restarts');
    assert.equal(s.pending.size, 0, 'every provisional beat confirmed or withdrawn by the end');
    // The restarted pipelines find the same beats (the replay covers their look-ahead); none is lost or doubled.
    assert.ok(Math.abs(s.finalSec.length - plain.finalSec.length) <= 2, `${s.finalSec.length} vs ${plain.finalSec.length} beats`);
    for (const t of plain.finalSec) assert.ok(s.finalSec.some((x) => Math.abs(x - t) < 0.02), `beat at ${t.toFixed(2)} decided`);
    // Ids after a restart continue past every id delivered before it.
    const ids = events.flatMap((e) => (e.type === 'provisional' ? [e.id] : []));
    assert.ok(ids.every((id, i) => i === 0 || id > ids[i - 1]!), 'provisional ids ascending');
    // The provisional beats pending at a restart are withdrawn (nobody settles them now), and few others.
    assert.ok(s.withdrawn >= plain.withdrawn && s.withdrawn <= plain.withdrawn + 8, `${s.withdrawn} withdrawn vs ${plain.withdrawn}`);
  });
});

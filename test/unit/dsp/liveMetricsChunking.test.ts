// LivePipeline's once-a-second metrics do not depend on how the signal was cut into chunks (USB
// batching, a busy machine delivering several frames at once): each second's metrics are computed
// when the analysed signal reaches that second, from exactly the signal up to there.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LivePipeline, type LiveMetrics } from '../../../shared/dsp/LivePipeline.js';
import type { TimedChunk } from '../../../shared/dsp/sampleTimeline.js';
import { simulatePpg } from '../../../shared/sim/index.js';

/** Cut `values` (from `t0Sec`) into pieces of 1..maxN samples (deterministic). */
function recut(t0Sec: number, fsHz: number, values: Float32Array, maxN: number, seed: number): TimedChunk[] {
  let s = seed;
  const rnd = (): number => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const out: TimedChunk[] = [];
  for (let i = 0; i < values.length; ) {
    const n = 1 + Math.floor(rnd() * maxN);
    out.push({ t0Sec: t0Sec + i / fsHz, fsHz, values: values.subarray(i, i + n) });
    i += n;
  }
  return out;
}

function metricsOf(chunks: TimedChunk[]): LiveMetrics[] {
  const p = new LivePipeline();
  const out: LiveMetrics[] = [];
  for (const c of chunks) out.push(...p.pushChunk(c).metrics);
  return out;
}

describe('LivePipeline metrics', () => {
  // A client at an ear clip's rate, a little off nominal, with ectopics and motion; the stream
  // starts at a channel time that is not a whole second.
  const fsHz = 49.8;
  const t0Sec = 3.417;
  const sig = simulatePpg({ fsHz, seed: 21, noise: 0.03, ectopicPerMin: 2, motionPerMin: 1, hrBpm: 72 }, 150);

  test('the same metrics, second by second, however the signal is chunked', () => {
    const ref = metricsOf(recut(t0Sec, fsHz, sig.values, 1, 1));
    const seconds = ref.map((m) => m.tSec);
    // Every second once, in order, from the start of the signal to its end minus the look-ahead.
    assert.ok(seconds.every((t, i) => i === 0 || t === seconds[i - 1]! + 1), `seconds ${seconds.slice(0, 5).join(', ')} …`);
    assert.ok(ref.length >= 140, `${ref.length} seconds of metrics`);
    assert.ok(ref.filter((m) => m.hrBpm !== null).length >= 130, 'heart rate known on most seconds');
    assert.ok(ref.filter((m) => m.rmssdMs !== null).length >= 60, 'RMSSD known once the window holds enough beats');
    for (const [maxN, seed] of [[7, 2], [40, 3], [150, 4], [600, 5]] as const) {
      const other = metricsOf(recut(t0Sec, fsHz, sig.values, maxN, seed));
      // A chunk that ends after a second is due gives that second's metrics; the last ones differ
      // only in where the signal ends.
      const n = Math.min(ref.length, other.length);
      assert.ok(n >= ref.length - 12, `chunks of up to ${maxN} samples: ${other.length} vs ${ref.length} seconds`);
      for (let i = 0; i < n; i++) assert.deepEqual(other[i], ref[i], `chunks of up to ${maxN} samples, second ${ref[i]!.tSec}`);
    }
  });
});

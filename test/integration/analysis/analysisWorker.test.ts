import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { ppgFindPeaks } from '../../../shared/dsp/ppgFindPeaks.js';
import { AnalysisHost } from '../../../main/analysis/AnalysisHost.js';
import { loadRecording } from '../../support/loadRecording.js';

describe('analysis worker (worker_threads)', () => {
  const host = new AnalysisHost();
  after(() => host.terminate());

  test('chunked live stream gives the offline beats (within one sample) and rolling metrics', async () => {
    await host.whenReady();
    const { ppg: values, fsHz } = loadRecording('neurokit_resting_5min_100hz.csv');
    const f32 = Float32Array.from(values);
    const offline = ppgFindPeaks(f32, fsHz).beats;
    const live: number[] = [];
    const quality: number[] = [];
    let metrics = 0;
    let lastCoherence: number | null = null;
    const latencies: number[] = [];
    host.onResult((r, latencyMs) => {
      if (r.channel !== 'ear') return;
      live.push(...r.beatTSec);
      quality.push(...r.beatQuality);
      metrics += r.metrics.length;
      for (const m of r.metrics) if (m.coherenceRatio !== null) lastCoherence = m.coherenceRatio;
      latencies.push(latencyMs);
      assert.ok(r.lookAheadSec > 0 && r.lookAheadSec < 4, `look-ahead ${r.lookAheadSec}`);
    });
    // Chunks of 1..17 samples, like a serial sensor's batches.
    let i = 0;
    let k = 0;
    while (i < f32.length) {
      const n = 1 + ((k++ * 7) % 17);
      host.pushPpg('ear', fsHz, f32.slice(i, i + n));
      i += n;
    }
    await host.drain();
    // The live path never flushes; every offline beat that is older than the look-ahead must be there.
    const cutoff = f32.length / fsHz - 4;
    const off = offline.filter((b) => b.tSec < cutoff).map((b) => b.tSec);
    const liv = live.filter((t) => t < cutoff);
    assert.equal(liv.length, off.length);
    for (let j = 0; j < off.length; j++) assert.ok(Math.abs(liv[j]! - off[j]!) <= 1 / fsHz, `beat ${j}: ${liv[j]} vs ${off[j]}`);
    assert.ok(metrics >= 290, `metrics once a second (${metrics})`);
    assert.ok(lastCoherence !== null, 'coherence computed once 64 s are available');
    assert.ok(quality.every((q) => q >= 0 && q <= 1));
    assert.ok(latencies.length > 1000);
  });

  test('channels are independent (groups: one sensor per client)', async () => {
    const { ppg: values, fsHz } = loadRecording('heartpy_data_100hz.csv');
    const counts = new Map<string, number>();
    const off = host.onResult((r) => counts.set(r.channel, (counts.get(r.channel) ?? 0) + r.beatTSec.length));
    for (const ch of ['a', 'b']) host.resetChannel(ch);
    for (let i = 0; i < values.length; i += 25) {
      host.pushPpg('a', fsHz, Float32Array.from(values.subarray(i, i + 25)));
      host.pushPpg('b', fsHz, Float32Array.from(values.subarray(i, i + 25)));
    }
    await host.drain();
    off();
    assert.ok((counts.get('a') ?? 0) > 15);
    assert.equal(counts.get('a'), counts.get('b'));
  });

  test('intervals from a BLE strap pass through with correction', async () => {
    const got: number[] = [];
    const off = host.onResult((r) => {
      if (r.channel === 'strap') got.push(...Array.from(r.beatIbiMs).filter((v) => Number.isFinite(v)));
    });
    for (let s = 0; s < 30; s++) host.pushIntervals('strap', [800, 820], s * 1.62 + 1.62);
    await host.drain();
    off();
    assert.ok(got.length >= 55);
    assert.ok(got.every((v) => v === 800 || v === 820 || Math.abs(v - 810) < 15));
  });
});

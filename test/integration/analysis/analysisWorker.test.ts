import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { analyzeChunks } from '../../../shared/dsp/analyzePpg.js';
import type { NnBeat } from '../../../shared/dsp/NnStream.js';
import { AnalysisHost, AnalysisUnavailableError, type AnalysisSink } from '../../../main/analysis/AnalysisHost.js';
import type { WorkerResult } from '../../../main/analysis/analysisProtocol.js';
import { simulateBeatTimes } from '../../../shared/sim/index.js';
import { loadRecording } from '../../support/loadRecording.js';

/** A sink that keeps every result of one channel. */
function collect(): AnalysisSink & { results: WorkerResult[]; restarts: string[]; final(): NnBeat[] } {
  const results: WorkerResult[] = [];
  const restarts: string[] = [];
  return {
    results,
    restarts,
    final: () => results.flatMap((r) => r.final),
    analysisResult: (r) => void results.push(r),
    analysisError: (m) => assert.fail(`worker error: ${m}`),
    analysisRestarted: (reason) => void restarts.push(reason),
  };
}

/** A recording as timed chunks of 1..17 samples at a rate slightly off its nominal one (a real device). */
function chunksOf(values: Float64Array, fsHz: number): { t0Sec: number; fsHz: number; values: Float32Array }[] {
  const out: { t0Sec: number; fsHz: number; values: Float32Array }[] = [];
  let t = 0;
  let i = 0;
  let k = 0;
  while (i < values.length) {
    const n = 1 + ((k * 7) % 17);
    // The channel clock's estimate moves a few ppm now and then.
    const fs = fsHz * (1 + 1e-5 * Math.sin(k / 50));
    k++;
    const c = Float32Array.from(values.subarray(i, i + n));
    out.push({ t0Sec: t, fsHz: fs, values: c });
    t += c.length / fs;
    i += n;
  }
  return out;
}

describe('analysis worker (worker_threads)', () => {
  const host = new AnalysisHost();
  after(() => host.terminate());

  test('the live stream gives exactly the offline analysis\'s NN series, with rolling metrics and the spectrum', async () => {
    await host.whenReady();
    const { ppg, fsHz } = loadRecording('neurokit_resting_5min_100hz.csv');
    const chunks = chunksOf(ppg, fsHz);
    const sink = collect();
    host.attach('ear', sink, 'ppg', 1);
    for (const c of chunks) host.pushChunk('ear', { ...c, values: c.values.slice() });
    host.flush('ear');
    await host.drain();
    const offline = analyzeChunks(chunks);
    const live = sink.final().filter((b) => b.ibiMs !== null);
    assert.equal(live.length, offline.nn.ibiMs.length, 'as many NN intervals');
    for (let j = 0; j < live.length; j++) {
      assert.ok(Math.abs(live[j]!.ibiMs! - offline.nn.ibiMs[j]!) < 0.01, `NN ${j}: ${live[j]!.ibiMs} vs ${offline.nn.ibiMs[j]}`);
      assert.ok(Math.abs(live[j]!.fidSec - offline.nn.tSec[j]!) < 1e-3);
    }
    const metrics = sink.results.flatMap((r) => r.metrics);
    assert.ok(metrics.length >= 290, `metrics once a second (${metrics.length})`);
    assert.ok(metrics.some((m) => m.coherenceRatio !== null), 'coherence once 64 s are available');
    assert.ok(sink.results.some((r) => r.spectrum !== null && r.spectrum.psd.length > 10), 'the live spectrum comes from the worker');
    assert.ok(sink.results.every((r) => r.gen === 1));
    // Provisional beats run ahead of the final ones.
    const withTail = sink.results.filter((r) => r.provisional && r.provisional.length > 0);
    assert.ok(withTail.length > 50);
    host.detach('ear');
  });

  test('channels are independent (groups: one sensor per client)', async () => {
    const { ppg, fsHz } = loadRecording('heartpy_data_100hz.csv');
    const a = collect();
    const b = collect();
    host.attach('a', a, 'ppg', 1);
    host.attach('b', b, 'ppg', 1);
    for (let i = 0; i < ppg.length; i += 25) {
      const c = { t0Sec: i / fsHz, fsHz, values: Float32Array.from(ppg.subarray(i, i + 25)) };
      host.pushChunk('a', { ...c, values: c.values.slice() });
      host.pushChunk('b', c);
    }
    host.flush('a');
    host.flush('b');
    await host.drain();
    assert.ok(a.final().length > 15);
    assert.deepEqual(a.final(), b.final());
    host.detach('a');
    host.detach('b');
  });

  test('intervals from a BLE strap pass through the same correction', async () => {
    const s = collect();
    host.attach('strap', s, 'intervals', 1);
    const ibi = Array.from(simulateBeatTimes({ hrBpm: 70, seed: 4 }, 120).ibiMs, (v) => Math.round(v));
    ibi[60] = Math.round(ibi[60]! * 0.6); // one premature (ectopic) beat
    ibi[61] = Math.round(ibi[61]! * 1.4);
    for (let k = 0; k < ibi.length; k += 2) host.pushIntervals('strap', ibi.slice(k, k + 2), k === 0 ? 0 : Number.NaN);
    host.flush('strap');
    await host.drain();
    const beats = s.final();
    const nn = beats.filter((b) => b.ibiMs !== null);
    assert.equal(beats.filter((b) => !(b.flags & 16)).length, ibi.length + 1, 'every sensor beat comes back');
    assert.ok(beats.every((b) => b.flags & 32), 'flagged as the sensor\'s own intervals');
    assert.ok(nn.length >= ibi.length - 4, `${nn.length} of ${ibi.length} intervals kept`);
    assert.ok(!nn.some((b) => b.ibiMs! < 0.75 * 857), 'the premature beat is not kept as it was');
    host.detach('strap');
  });

  test('a worker that dies is replaced and every attached channel is told', async () => {
    const s = collect();
    host.attach('x', s, 'ppg', 1);
    const before = host.restarts;
    await host.kill();
    const t0 = Date.now();
    while (s.restarts.length === 0 && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(s.restarts, ['crashed']);
    assert.equal(host.restarts, before + 1);
    // The channel re-opens on the new worker and is served again.
    host.open('x', 'ppg', 2);
    const { ppg, fsHz } = loadRecording('heartpy_data_100hz.csv');
    host.pushChunk('x', { t0Sec: 0, fsHz, values: Float32Array.from(ppg) });
    host.flush('x');
    await host.drain();
    assert.ok(s.results.some((r) => r.gen === 2 && r.final.length > 10));
    host.detach('x');
  });

  test('a worker that hangs is replaced within the hang limit', async () => {
    const s = collect();
    host.attach('y', s, 'ppg', 1);
    host.hang(60_000);
    const t0 = Date.now();
    while (s.restarts.length === 0 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(s.restarts, ['hung']);
    host.detach('y');
  });

  test('a worker that cannot start: whenReady fails clearly, channels hear it, and analysis comes back once it starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadans-worker-'));
    const flag = join(dir, 'fixed');
    const real = new URL('../../../main/analysis/analysisWorker.js', import.meta.url);
    assert.ok(existsSync(real), 'the built worker');
    const script = join(dir, 'flaky.mjs');
    writeFileSync(script, `import { existsSync } from 'node:fs';\nif (!existsSync(${JSON.stringify(flag)})) throw new Error('broken install');\nawait import(${JSON.stringify(real.href)});\n`);
    const restarts: string[] = [];
    const flaky = new AnalysisHost({ workerUrl: pathToFileURL(script), retryMs: 400, onRestart: (r, d) => void restarts.push(`${r}: ${d}`) });
    try {
      await assert.rejects(flaky.whenReady(), (e: unknown) => e instanceof AnalysisUnavailableError && /broken install/.test(e.message));
      assert.equal(flaky.down, true);
      assert.equal(restarts.length, 3, 'three starts, then it waits');
      const s = collect();
      flaky.attach('z', s, 'ppg', 1);
      assert.deepEqual(s.restarts, ['crashed'], 'a channel attached while analysis is down hears it at once');
      await flaky.drain(); // nothing waits for messages sent into nowhere
      writeFileSync(flag, '');
      const t0 = Date.now();
      while (s.restarts.length < 2 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 20));
      await flaky.whenReady();
      assert.equal(flaky.down, false);
      // The channel re-opens (as LiveChannel.analysisRestarted does) and is served.
      const { ppg, fsHz } = loadRecording('heartpy_data_100hz.csv');
      flaky.open('z', 'ppg', 2);
      flaky.pushChunk('z', { t0Sec: 0, fsHz, values: Float32Array.from(ppg) });
      flaky.flush('z');
      await flaky.drain();
      assert.ok(s.results.some((r) => r.gen === 2 && r.final.length > 10));
    } finally {
      await flaky.terminate();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

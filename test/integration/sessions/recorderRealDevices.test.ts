// SessionRecorder on a real live channel (analysis worker included) with a fast simulator:
// every sample stored exactly as the simulator made it, the worker's final beats and NN intervals
// stored = the offline analysis of the stored signal, summary = that analysis, commits during the
// recording.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DeviceManager } from '../../../main/devices/DeviceManager.js';
import { SessionRecorder } from '../../../main/sessions/SessionRecorder.js';
import { readStoredSignal } from '../../../main/sessions/sessionSignal.js';
import { summaryFromAnalysis } from '../../../main/sessions/sessionSummary.js';
import { openStorage } from '../../../main/storage/storage.js';
import { analyzeChunks } from '../../../shared/dsp/analyzePpg.js';
import { parseSimSpec, simulatePpg } from '../../../shared/sim/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-recorder-dm-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('records sim:speed=100 through the DeviceManager: complete data, worker beats, summary = analyzePpg', async () => {
  const storage = openStorage(join(dir, 'dm.sqlite'));
  const dm = new DeviceManager();
  try {
    const spec = 'sim:seed=5,speed=100';
    const ch = await dm.connect(spec);
    const channel = ch.id;
    assert.equal(ch.info.fsHz, 250);
    const clientId = storage.clients.create({ name: 'DM' }).id;
    let onLimit!: () => void;
    const limited = new Promise<void>((r) => (onLimit = r));
    const progress: number[] = [];
    const rec = new SessionRecorder(storage, ch, {
      clientId,
      type: 'biofeedback',
      channel,
      maxSec: 80,
      flushEveryMs: 100,
      onLimit,
      onFlush: (p) => progress.push(p.recordedSec),
    });
    rec.start();
    await limited;
    const summary = await rec.stop(); // the channel flushes the recording's pipeline first
    await dm.disconnect(channel);

    // Committed while recording, not only at the end: ≥ 1 s of signal per commit at 100× speed.
    assert.ok(progress.length >= 4, `${progress.length} commits`);
    assert.ok(progress[0] < 40, `first commit at ${progress[0]} s of signal`);

    const segments = readStoredSignal(storage, rec.sessionId);
    const stored = Float32Array.from(segments.flatMap((g) => Array.from(g.values)));
    assert.equal(stored.length, 80 * 250);
    assert.ok(segments.every((g) => Math.abs(g.fsHz - 250) < 1e-6), `the simulator's own clock: 250 Hz (${segments.map((g) => g.fsHz).join(', ')})`);
    const offset = rec.clockOffsetSec!;
    const opts = parseSimSpec(spec);
    if ('error' in opts) throw new Error(opts.error);
    const made = simulatePpg(opts, offset + 80).values.subarray(Math.round(offset * 250));
    assert.ok(stored.every((v, i) => v === made[i]), 'stored samples = the simulator output');

    const offline = analyzeChunks(segments);
    assert.deepEqual(summary, summaryFromAnalysis('analyzePpg', offline));
    // The worker's pipeline started with the recording: its final beats are the offline ones.
    const nn = storage.beats.list(rec.sessionId).filter((b) => b.ibiMs !== null);
    assert.equal(nn.length, offline.nn.ibiMs.length);
    nn.forEach((b, i) => assert.ok(Math.abs(b.ibiMs! - offline.nn.ibiMs[i]!) < 0.01, `NN ${i}`));
    // The worker computes metrics at most once per pushed frame (≈ 2 s of signal per frame at 100×).
    const hr = storage.metrics.series(rec.sessionId, 'hr');
    assert.ok(hr.tSec.length >= 30, `${hr.tSec.length} hr points`);
    assert.ok(hr.tSec.every((t, i) => t >= 0 && t <= 80 && (i === 0 || t > hr.tSec[i - 1])));
    assert.ok(storage.metrics.series(rec.sessionId, 'signal_quality').tSec.length >= 70);
    assert.equal(storage.sessions.require(rec.sessionId).status, 'complete');
  } finally {
    await dm.close();
    storage.close();
  }
});

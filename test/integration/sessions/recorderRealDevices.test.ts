// SessionRecorder on the real DeviceManager (analysis worker included) with a fast simulator:
// every sample stored exactly as the simulator made it, live beats and metrics from the worker,
// summary = analyzePpg on the stored signal, commits during the recording.
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
import { analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import { parseSimSpec, simulatePpg } from '../../../shared/sim/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-recorder-dm-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('records sim:speed=100 through the DeviceManager: complete data, worker beats, summary = analyzePpg', async () => {
  const storage = openStorage(join(dir, 'dm.sqlite'));
  const dm = new DeviceManager();
  try {
    const spec = 'sim:seed=5,speed=100';
    const { channel, info } = await dm.connect(spec);
    assert.equal(info.fsHz, 250);
    const clientId = storage.clients.create({ name: 'DM' }).id;
    let onLimit!: () => void;
    const limited = new Promise<void>((r) => (onLimit = r));
    const progress: number[] = [];
    const rec = new SessionRecorder(storage, dm, {
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
    await dm.disconnect(channel);
    const summary = await rec.stop();

    // Committed while recording, not only at the end: ≥ 1 s of signal per commit at 100× speed.
    assert.ok(progress.length >= 4, `${progress.length} commits`);
    assert.ok(progress[0] < 40, `first commit at ${progress[0]} s of signal`);

    const stored = readStoredSignal(storage, rec.sessionId)!;
    assert.equal(stored.values.length, 80 * 250);
    const offset = rec.clockOffsetSec!;
    const opts = parseSimSpec(spec);
    if ('error' in opts) throw new Error(opts.error);
    const made = simulatePpg(opts, offset + 80).values.subarray(Math.round(offset * 250));
    assert.ok(stored.values.every((v, i) => v === made[i]), 'stored samples = the simulator output');

    const offline = analyzePpg(stored.values, stored.fsHz);
    assert.deepEqual(summary, summaryFromAnalysis('analyzePpg', offline));
    const beats = storage.beats.list(rec.sessionId);
    assert.ok(beats.length >= offline.beats.tSec.length - 6 && beats.length <= offline.beats.tSec.length + 1, `${beats.length} live beats`);
    for (const t of offline.beats.tSec.filter((x) => x > 2 && x < 75)) {
      assert.ok(beats.some((b) => Math.abs(b.tSec - t) < 0.03), `offline beat ${t} s has no live beat`);
    }
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

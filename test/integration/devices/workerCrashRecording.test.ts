/**
 * The analysis worker dies, or hangs, in the middle of a recording: the recording goes on
 * without a gap, the channel says live analysis stopped and then resumed, a new worker picks up
 * from the recent signal (the channel's replay), no beat is delivered twice, and the recording's
 * NN series is the offline analysis of exactly what was stored.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AnalysisHost } from '../../../main/analysis/AnalysisHost.js';
import { DeviceManager } from '../../../main/devices/DeviceManager.js';
import { analyzeChunks } from '../../../shared/dsp/analyzePpg.js';
import { checkBeatEvents } from '../../support/beatEventStream.js';
import { ChannelLog } from '../../support/channelLog.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('the analysis worker fails during a recording', () => {
  for (const how of ['crashed', 'hung'] as const) {
    test(`worker ${how}: the recording continues whole, the user is told, beats resume, none twice`, async () => {
      const host = new AnalysisHost({ hangMs: 1500 });
      const restarts: string[] = [];
      const mgr = new DeviceManager({ analysis: host });
      try {
        const ch = await mgr.connect('sim:hr=70,speed=10,seed=9', 'ear');
        const view = new ChannelLog();
        ch.view = view;
        const rec = new ChannelLog();
        await until(() => ch.dataEndSec > 3, 10_000, 'signal');
        ch.startRecording(rec);
        await until(() => rec.endSec > 25 && rec.final.length > 10, 15_000, 'beats before the failure');
        const beforeSec = rec.final[rec.final.length - 1]!.tSec;
        if (how === 'crashed') await host.kill();
        else host.hang(60_000);
        await until(() => host.restarts > 0, 10_000, 'the restart');
        restarts.push(how);
        await until(() => rec.endSec > 60, 30_000, 'more signal');
        await ch.stopRecording();
        // The user is told, in order.
        const codes = view.notices.map((n) => n.code).filter((c) => c.startsWith('analysis-'));
        assert.deepEqual(codes, ['analysis-stopped', 'analysis-resumed']);
        // The recording: every sample, no gap.
        assert.deepEqual(rec.gaps, [], 'no gap in the recording');
        for (let i = 1; i < rec.chunks.length; i++) {
          const p = rec.chunks[i - 1]!;
          assert.ok(Math.abs(p.t0Sec + p.values.length / p.fsHz - rec.chunks[i]!.t0Sec) < 1e-6, 'contiguous chunks');
        }
        // Beats after the failure, none twice, and the same as the offline analysis of what was stored.
        const t = rec.final.map((b) => b.tSec);
        const bad = t.findIndex((x, i) => i > 0 && !(x > t[i - 1]!));
        assert.ok(bad < 0, `beats strictly in time order (none delivered twice): ${JSON.stringify(rec.final.slice(Math.max(0, bad - 3), bad + 3))}`);
        assert.ok(t[t.length - 1]! > beforeSec + 20, 'beats resumed after the failure');
        const offline = analyzeChunks(rec.chunks);
        const live = rec.final.filter((b) => b.ibiMs !== null);
        assert.equal(live.length, offline.nn.ibiMs.length, 'as many NN intervals as offline');
        live.forEach((b, i) => assert.ok(Math.abs(b.ibiMs! - offline.nn.ibiMs[i]!) < 0.01, `NN ${i}: ${b.ibiMs} vs ${offline.nn.ibiMs[i]}`));
        // The detected beats too (not only the NN series): the recording's beats are the offline beats.
        const detected = rec.final.filter((b) => (b.flags & 16) === 0).map((b) => b.tSec);
        const offBeats = Array.from(offline.beats.tSec);
        const firstDiff = detected.findIndex((x, i) => !(Math.abs(x - (offBeats[i] ?? Infinity)) < 1e-3));
        assert.ok(firstDiff < 0 && detected.length === offBeats.length, `${detected.length} live vs ${offBeats.length} offline beats, first difference at ${firstDiff}: ${JSON.stringify(detected.slice(Math.max(0, firstDiff - 2), firstDiff + 3))} vs ${JSON.stringify(offBeats.slice(Math.max(0, firstDiff - 2), firstDiff + 3))}`);
        // The screen's beat events: one consistent stream per pipeline generation, across the
        // restart (no beat decided twice, ids unique); storage gets none.
        assert.ok(rec.results.every((r) => r.beatEvents.length === 0), 'the recorder gets no beat events');
        const recGen = rec.results[0]!.gen;
        const shown = checkBeatEvents(
          view.results.filter((r) => r.gen === recGen).flatMap((r) => r.beatEvents),
          'the view during the recording',
        );
        const after = [...shown.provisional.values()].filter((x) => x > beforeSec + 10);
        assert.ok(after.length > 10, `provisional beats after the restart (${after.length})`);
        assert.ok(shown.finalSec[shown.finalSec.length - 1]! > beforeSec + 20);
      } finally {
        await mgr.close();
        await host.terminate();
      }
      assert.deepEqual(restarts, [how]);
    });
  }
});

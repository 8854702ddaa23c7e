/**
 * DeviceManager with simulator sources through the real analysis worker: beats and HR, the
 * per-second quality stream, several sensors at once, the shared pacer (the simulated client
 * breathes with it, and the analysis' respiration estimate sees it), and a clip-off gap.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceManager } from '../../../main/devices/DeviceManager.js';
import type { LiveChannel } from '../../../main/devices/LiveChannel.js';
import { AnalysisHost } from '../../../main/analysis/AnalysisHost.js';
import { PacerSchedule } from '../../../shared/pacer/index.js';
import type { SimSource } from '../../../native-adapters/sensors/simSource.js';
import { ChannelLog } from '../../support/channelLog.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Connect `spec` on `id` with a log as the channel's view (set before the first sample). */
async function connect(mgr: DeviceManager, spec: string, id: string): Promise<{ ch: LiveChannel; log: ChannelLog }> {
  const log = new ChannelLog();
  const ch = await mgr.connect(spec, id);
  ch.view = log;
  return { ch, log };
}

async function runUntil(chs: LiveChannel[], signalSec: number, timeoutMs = 15000): Promise<void> {
  const t0 = Date.now();
  while (chs.some((c) => c.dataEndSec < signalSec)) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`only ${chs.map((c) => c.dataEndSec)} s of signal after ${timeoutMs} ms`);
    await sleep(20);
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const host = new AnalysisHost();
after(() => host.terminate());

describe('DeviceManager with the simulator', { concurrency: true }, () => {
  test('two sensors at once: beats arrive, HR ≈ the simulated HR, one quality result per second, no gaps', async () => {
    const mgr = new DeviceManager({ analysis: host });
    const a = await connect(mgr, 'sim:hr=72,speed=20,seed=3', 'client-a');
    const b = await connect(mgr, 'sim:hr=58,fs=125,speed=20,seed=4', 'client-b');
    assert.equal(a.ch.info.kind, 'sim');
    assert.equal(b.ch.info.fsHz, 125);
    await assert.rejects(mgr.connect('sim', 'client-a'), /channel client-a is already connected/);
    assert.deepEqual(mgr.channels().map((c) => [c.id, c.state]), [['client-a', 'connected'], ['client-b', 'connected']]);
    await runUntil([a.ch, b.ch], 40);
    const truthA = (a.ch.source as SimSource).truth;
    await mgr.disconnectAll();
    assert.deepEqual(mgr.channels(), []);
    for (const [{ log }, hr] of [[a, 72], [b, 58]] as const) {
      const beats = log.detections;
      const ibis = log.final.map((x) => x.ibiMs).filter((v): v is number => v !== null);
      assert.ok(beats.length >= (hr * 36) / 60, `${beats.length} beats`);
      const hrMeasured = 60000 / mean(ibis);
      assert.ok(Math.abs(hrMeasured - hr) < 3, `HR ${hrMeasured} vs ${hr}`);
      const hrMetrics = log.metrics.map((m) => m.hrBpm).filter((x): x is number => x !== null);
      assert.ok(hrMetrics.length >= 25 && Math.abs(mean(hrMetrics) - hr) < 3, `live HR ${mean(hrMetrics)}`);
      const q = log.quality;
      assert.ok(q.length >= 39, `${q.length} quality results`);
      assert.deepEqual(q.map((x) => x.tSec), q.map((_, i) => i), 'one per second of signal');
      assert.ok(q.slice(15).every((x) => x.flags.length === 0 && x.contact === 'ok' && x.qualityPct >= 60), JSON.stringify(q.slice(15).filter((x) => x.flags.length || x.qualityPct < 60)));
      assert.deepEqual(log.gaps, []);
      assert.ok(log.chunks.length > 10);
    }
    // Beat times are on the channel clock: they match the simulator's pulse peaks.
    const peaks = truthA.beats.peakTSec;
    const beatsA = a.log.detections.filter((x) => x.tSec > 5 && x.tSec < 35);
    const errs = beatsA.map((x) => Math.min(...peaks.map((p) => Math.abs(p - x.tSec))));
    assert.ok(mean(errs) < 0.05, `mean beat-time error ${mean(errs)} s`);
  });

  test('the shared pacer: the simulated client breathes at 6/min and the respiration estimate sees it', async () => {
    const mgr = new DeviceManager({ analysis: host });
    mgr.setPacer(new PacerSchedule({ rateBpm: 6, inhaleFraction: 0.4 }, 0));
    const { ch, log } = await connect(mgr, 'sim:breathing=15,speed=40,seed=5', 'paced');
    await runUntil([ch], 100);
    const truth = (ch.source as SimSource).truth;
    await mgr.disconnect('paced');
    assert.ok(Math.abs(truth.breathingBpmAt(90) - 6) < 1, `simulated breathing ${truth.breathingBpmAt(90)}`);
    const resp = log.metrics.filter((m) => m.tSec >= 80).map((m) => m.respirationBpm);
    assert.ok(resp.length >= 10 && resp.every((r) => r !== null && Math.abs(r - 6) < 1), `respiration estimates ${JSON.stringify(resp)}`);
    // Without the pacer the same client breathes spontaneously (15/min).
    const free = new DeviceManager({ analysis: host });
    const f = await connect(free, 'sim:breathing=15,speed=40,seed=5', 'free');
    await runUntil([f.ch], 30);
    const freeTruth = (f.ch.source as SimSource).truth;
    await free.disconnect('free');
    assert.ok(Math.abs(freeTruth.breathingBpmAt(25) - 15) < 4, `spontaneous ${freeTruth.breathingBpmAt(25)}`);
  });

  test('ear clip off for 8 s: quality says clip-off and a no-contact gap with start and end is reported', async () => {
    const mgr = new DeviceManager({ analysis: host });
    const { ch, log } = await connect(mgr, 'sim:speed=20,seed=6,clipoff=15-23', 'ch1');
    await runUntil([ch], 32);
    await mgr.disconnect('ch1');
    const gaps = log.gaps;
    assert.equal(gaps.length, 1, JSON.stringify(gaps));
    assert.equal(gaps[0]!.reason, 'no-contact');
    assert.ok(Math.abs(gaps[0]!.startSec - 15) <= 1 && Math.abs(gaps[0]!.endSec - 23) <= 1, JSON.stringify(gaps[0]));
    const q = log.quality;
    assert.ok(q.filter((x) => x.tSec >= 15 && x.tSec < 23).every((x) => x.hint === 'clip-off' && x.contact === 'off' && x.qualityPct === 0));
    const beats = log.detections;
    assert.ok(!beats.some((b) => b.tSec > 17 && b.tSec < 23 && (b.quality ?? 0) >= 0.35), 'no trusted beats while the clip is off (after the band-pass settles)');
    assert.ok(beats.some((b) => b.tSec > 24), 'beats again after the clip is back');
    // The stored NN series never bridges the clip-off.
    assert.ok(!log.final.some((b) => b.ibiMs !== null && b.fidSec > 15 && b.fidSec - b.ibiMs / 1000 < 23), 'no interval across the gap');
  });
});

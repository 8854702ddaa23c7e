/**
 * DeviceManager with simulator sources through the real analysis worker: beats and HR, the
 * per-second quality stream, several sensors at once, the shared pacer (the simulated client
 * breathes with it, and the analysis' respiration estimate sees it), and a clip-off gap.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceManager, type GapEvent, type SignalQualitySecond } from '../../../main/devices/DeviceManager.js';
import { AnalysisHost } from '../../../main/analysis/AnalysisHost.js';
import type { WorkerResult } from '../../../main/analysis/analysisProtocol.js';
import type { LiveMetrics } from '../../../shared/dsp/LivePipeline.js';
import { PacerSchedule } from '../../../shared/pacer/index.js';
import type { SensorFrame } from '../../../shared/sensors/frames.js';
import type { SimSource } from '../../../native-adapters/sensors/simSource.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Log {
  beats: Map<string, { t: number; q: number; ibi: number }[]>;
  metrics: Map<string, LiveMetrics[]>;
  quality: Map<string, SignalQualitySecond[]>;
  gaps: Map<string, GapEvent[]>;
  frames: Map<string, SensorFrame[]>;
  states: Map<string, string[]>;
}

function record(mgr: DeviceManager): Log {
  const log: Log = { beats: new Map(), metrics: new Map(), quality: new Map(), gaps: new Map(), frames: new Map(), states: new Map() };
  const push = <T>(m: Map<string, T[]>, k: string, ...v: T[]) => (m.get(k) ?? m.set(k, []).get(k)!).push(...v);
  mgr.on('analysis', (c, r: WorkerResult) => {
    for (let i = 0; i < r.beatTSec.length; i++) push(log.beats, c, { t: r.beatTSec[i]!, q: r.beatQuality[i]!, ibi: r.beatIbiMs[i]! });
    push(log.metrics, c, ...r.metrics);
  });
  mgr.on('quality', (c, q) => push(log.quality, c, q));
  mgr.on('gap', (c, g) => push(log.gaps, c, g));
  mgr.on('frame', (c, f) => push(log.frames, c, f));
  mgr.on('state', (c, s) => push(log.states, c, s));
  return log;
}

async function runUntil(mgr: DeviceManager, channels: string[], signalSec: number, timeoutMs = 15000): Promise<void> {
  const t0 = Date.now();
  while (channels.some((c) => mgr.dataTimeSec(c) < signalSec)) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`only ${channels.map((c) => mgr.dataTimeSec(c))} s of signal after ${timeoutMs} ms`);
    await sleep(20);
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const host = new AnalysisHost();
after(() => host.terminate());

describe('DeviceManager with the simulator', { concurrency: true }, () => {
  test('two sensors at once: beats arrive, HR ≈ the simulated HR, one quality result per second, no gaps', async () => {
    const mgr = new DeviceManager({ analysis: host });
    const log = record(mgr);
    const a = await mgr.connect('sim:hr=72,speed=20,seed=3', 'client-a');
    const b = await mgr.connect('sim:hr=58,fs=125,speed=20,seed=4', 'client-b');
    assert.equal(a.info.kind, 'sim');
    assert.equal(b.info.fsHz, 125);
    await assert.rejects(mgr.connect('sim', 'client-a'), /channel client-a is already connected/);
    assert.deepEqual(mgr.channels().map((c) => [c.channel, c.state]), [['client-a', 'connected'], ['client-b', 'connected']]);
    await runUntil(mgr, ['client-a', 'client-b'], 40);
    const truthA = (mgr.source('client-a') as SimSource).truth;
    await mgr.disconnectAll();
    assert.deepEqual(mgr.channels(), []);
    for (const [ch, hr] of [['client-a', 72], ['client-b', 58]] as const) {
      const beats = log.beats.get(ch) ?? [];
      const ibis = beats.map((x) => x.ibi).filter(Number.isFinite);
      assert.ok(beats.length >= (hr * 36) / 60, `${ch}: ${beats.length} beats`);
      const hrMeasured = 60000 / mean(ibis);
      assert.ok(Math.abs(hrMeasured - hr) < 3, `${ch}: HR ${hrMeasured} vs ${hr}`);
      const hrMetrics = (log.metrics.get(ch) ?? []).map((m) => m.hrBpm).filter((x): x is number => x !== null);
      assert.ok(hrMetrics.length >= 25 && Math.abs(mean(hrMetrics) - hr) < 3, `${ch}: live HR ${mean(hrMetrics)}`);
      const q = log.quality.get(ch) ?? [];
      assert.ok(q.length >= 39, `${ch}: ${q.length} quality results`);
      assert.deepEqual(q.map((x) => x.tSec), q.map((_, i) => i), 'one per second of signal');
      assert.ok(q.slice(15).every((x) => x.flags.length === 0 && x.contact === 'ok' && x.qualityPct >= 60), JSON.stringify(q.slice(15).filter((x) => x.flags.length || x.qualityPct < 60)));
      assert.deepEqual(log.gaps.get(ch) ?? [], []);
      assert.deepEqual(log.states.get(ch), ['connecting', 'connected', 'disconnected']);
      const ppg = (log.frames.get(ch) ?? []).filter((f) => f.kind === 'ppg');
      assert.ok(ppg.length > 10);
    }
    // Beat times are on the channel clock: they match the simulator's pulse peaks.
    const peaks = truthA.beats.peakTSec;
    const beatsA = log.beats.get('client-a')!.filter((x) => x.t > 5 && x.t < 35);
    const errs = beatsA.map((x) => Math.min(...peaks.map((p) => Math.abs(p - x.t))));
    assert.ok(mean(errs) < 0.05, `mean beat-time error ${mean(errs)} s`);
  });

  test('the shared pacer: the simulated client breathes at 6/min and the respiration estimate sees it', async () => {
    const mgr = new DeviceManager({ analysis: host });
    const log = record(mgr);
    mgr.setPacer(new PacerSchedule({ rateBpm: 6, inhaleFraction: 0.4 }, 0));
    await mgr.connect('sim:breathing=15,speed=40,seed=5', 'paced');
    await runUntil(mgr, ['paced'], 100);
    const truth = (mgr.source('paced') as SimSource).truth;
    await mgr.disconnect('paced');
    assert.ok(Math.abs(truth.breathingBpmAt(90) - 6) < 1, `simulated breathing ${truth.breathingBpmAt(90)}`);
    const resp = (log.metrics.get('paced') ?? []).filter((m) => m.tSec >= 80).map((m) => m.respirationBpm);
    assert.ok(resp.length >= 10 && resp.every((r) => r !== null && Math.abs(r - 6) < 1), `respiration estimates ${JSON.stringify(resp)}`);
    // Without the pacer the same client breathes spontaneously (15/min).
    const free = new DeviceManager({ analysis: host });
    await free.connect('sim:breathing=15,speed=40,seed=5', 'free');
    await runUntil(free, ['free'], 30);
    const freeTruth = (free.source('free') as SimSource).truth;
    await free.disconnect('free');
    assert.ok(Math.abs(freeTruth.breathingBpmAt(25) - 15) < 4, `spontaneous ${freeTruth.breathingBpmAt(25)}`);
  });

  test('ear clip off for 8 s: quality says clip-off and a no-contact gap with start and end is reported', async () => {
    const mgr = new DeviceManager({ analysis: host });
    const log = record(mgr);
    await mgr.connect('sim:speed=20,seed=6,clipoff=15-23', 'ch1');
    await runUntil(mgr, ['ch1'], 32);
    await mgr.disconnect('ch1');
    const gaps = log.gaps.get('ch1') ?? [];
    assert.equal(gaps.length, 1, JSON.stringify(gaps));
    assert.equal(gaps[0]!.reason, 'no-contact');
    assert.ok(Math.abs(gaps[0]!.startSec - 15) <= 1 && Math.abs(gaps[0]!.endSec - 23) <= 1, JSON.stringify(gaps[0]));
    const q = log.quality.get('ch1')!;
    assert.ok(q.filter((x) => x.tSec >= 15 && x.tSec < 23).every((x) => x.hint === 'clip-off' && x.contact === 'off' && x.qualityPct === 0));
    const beats = log.beats.get('ch1')!;
    assert.ok(!beats.some((b) => b.t > 17 && b.t < 23 && b.q >= 0.35), 'no trusted beats while the clip is off (after the band-pass settles)');
    assert.ok(beats.some((b) => b.t > 24), 'beats again after the clip is back');
  });
});

/**
 * DeviceManager with file replay: a real PPG recording played at 20× through the analysis worker
 * finds the same beats as the offline analysis (`cadans analyze`) of the part played, and an RR
 * text file is analysed from its intervals and ends with 'disconnected'.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceManager, type GapEvent } from '../../../main/devices/DeviceManager.js';
import { AnalysisHost } from '../../../main/analysis/AnalysisHost.js';
import { analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import { parsePpgCsv } from '../../../shared/io/ppgCsv.js';
import { simulateBeatTimes } from '../../../shared/sim/index.js';
import { dataFile } from '../../support/paths.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const host = new AnalysisHost();
const dir = mkdtempSync(join(tmpdir(), 'cadans-devfile-'));
after(async () => {
  await host.terminate();
  rmSync(dir, { recursive: true, force: true });
});

describe('DeviceManager with file replay', { concurrency: true }, () => {
  test('neurokit PPG at speed 20: the live beats match the offline analysis of the part played', async () => {
    const path = dataFile('neurokit_resting_5min_100hz.csv');
    const mgr = new DeviceManager({ analysis: host });
    const beats: { t: number; q: number }[] = [];
    const gaps: GapEvent[] = [];
    mgr.on('analysis', (_c, r) => r.beatTSec.forEach((t, i) => beats.push({ t, q: r.beatQuality[i]! })));
    mgr.on('gap', (_c, g) => gaps.push(g));
    const t0 = Date.now();
    const { info } = await mgr.connect(`file:${path}?speed=20`, 'replay');
    assert.equal(info.kind, 'file');
    assert.equal(info.fsHz, 100);
    while (mgr.dataTimeSec('replay') < 60) await sleep(20);
    const wallSec = (Date.now() - t0) / 1000;
    const played = mgr.dataTimeSec('replay');
    await mgr.disconnect('replay');
    assert.ok(wallSec > 2.5 && wallSec < 8, `60 s of signal at 20× took ${wallSec} s`);
    assert.deepEqual(gaps, []);

    const rec = parsePpgCsv(readFileSync(path, 'latin1'));
    if ('error' in rec) assert.fail(rec.error);
    const offline = analyzePpg(rec.values.subarray(0, Math.round(played * rec.fsHz)), rec.fsHz).beats.tSec;
    const upTo = played - 4; // the live detector's look-ahead (~2.8 s) holds back the last beats
    const live = beats.filter((b) => b.t <= upTo).map((b) => b.t);
    const off = offline.filter((t) => t <= upTo);
    assert.ok(off.length > 50);
    assert.ok(Math.abs(live.length - off.length) <= 2, `live ${live.length} vs offline ${off.length} beats`);
    const matched = live.filter((t) => off.some((o) => Math.abs(o - t) < 0.05)).length;
    assert.ok(matched >= off.length - 2, `${matched} of ${off.length} beats at the same time (±50 ms)`);
  });

  test('RR text at speed 40: intervals analysed as beats, HR right, ends with disconnected', async () => {
    const sim = simulateBeatTimes({ hrBpm: 66, seed: 8 }, 75);
    const ibis = Array.from(sim.ibiMs, (x) => Math.round(x));
    const path = join(dir, 'session_rr.txt');
    writeFileSync(path, ibis.join('\n') + '\n');
    const mgr = new DeviceManager({ analysis: host });
    const beats: number[] = [];
    const states: { s: string; msg?: string }[] = [];
    const metricsHr: number[] = [];
    mgr.on('analysis', (_c, r) => {
      beats.push(...r.beatTSec);
      for (const m of r.metrics) if (m.hrBpm !== null) metricsHr.push(m.hrBpm);
    });
    mgr.on('state', (_c, s, msg) => states.push({ s, msg }));
    const ended = new Promise<void>((resolve) => mgr.on('state', (_c, s) => s === 'disconnected' && resolve()));
    const { info } = await mgr.connect(`file:${path}?speed=40`, 'rr');
    assert.equal(info.protocol, 'rr');
    await ended;
    await mgr.disconnect('rr');
    assert.equal(beats.length, ibis.length + 1);
    const total = ibis.reduce((a, b) => a + b, 0) / 1000;
    assert.ok(Math.abs(beats.at(-1)! - total) < 1e-6, 'beat times on the file clock');
    const meanHr = metricsHr.reduce((a, b) => a + b, 0) / metricsHr.length;
    assert.ok(Math.abs(meanHr - 66) < 3, `HR ${meanHr}`);
    assert.match(states.find((x) => x.s === 'disconnected')?.msg ?? '', /end of recording/);
  });

  test('a missing file: connect rejects with a clear message and leaves no channel', async () => {
    const mgr = new DeviceManager({ analysis: host });
    await assert.rejects(mgr.connect(`file:${join(dir, 'nope.csv')}`), /cannot replay .*nope\.csv: no such file/);
    await assert.rejects(mgr.connect('file:x.csv?speed=-1'), /bad speed/);
    assert.deepEqual(mgr.channels(), []);
  });
});

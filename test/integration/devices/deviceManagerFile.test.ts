/**
 * DeviceManager with file replay: a real PPG recording played at 20× through the analysis worker
 * gives exactly the NN series of the offline analysis of what the channel received (the one
 * engine), and the beats of `cadans analyze` on the part of the file played; an RR text file is
 * analysed from its intervals and ends with 'disconnected'.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceManager } from '../../../main/devices/DeviceManager.js';
import { AnalysisHost } from '../../../main/analysis/AnalysisHost.js';
import { analyzeChunks, analyzePpg } from '../../../shared/dsp/analyzePpg.js';
import { parsePpgCsv } from '../../../shared/io/ppgCsv.js';
import { simulateBeatTimes } from '../../../shared/sim/index.js';
import { ChannelLog } from '../../support/channelLog.js';
import { dataFile } from '../../support/paths.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const host = new AnalysisHost();
const dir = mkdtempSync(join(tmpdir(), 'cadans-devfile-'));
after(async () => {
  await host.terminate();
  rmSync(dir, { recursive: true, force: true });
});

describe('DeviceManager with file replay', { concurrency: true }, () => {
  test('neurokit PPG at speed 20: the live NN series is the offline analysis of what was received', async () => {
    const path = dataFile('neurokit_resting_5min_100hz.csv');
    const mgr = new DeviceManager({ analysis: host });
    const log = new ChannelLog();
    const t0 = Date.now();
    const ch = await mgr.connect(`file:${path}?speed=20`, 'replay');
    ch.view = log;
    assert.equal(ch.info.kind, 'file');
    assert.equal(ch.info.fsHz, 100);
    while (ch.dataEndSec < 60) await sleep(20);
    const wallSec = (Date.now() - t0) / 1000;
    await mgr.disconnect('replay'); // flushes the worker: every beat becomes final
    assert.ok(wallSec > 2.5 && wallSec < 8, `60 s of signal at 20× took ${wallSec} s`);
    assert.deepEqual(log.gaps, []);
    // The replay's device clock: the chunks are exactly at 100 Hz, contiguous.
    assert.ok(log.chunks.every((c) => Math.abs(c.fsHz - 100) < 1e-6));

    const offline = analyzeChunks(log.chunks);
    const live = log.final.filter((b) => b.ibiMs !== null);
    assert.equal(live.length, offline.nn.ibiMs.length);
    live.forEach((b, i) => assert.ok(Math.abs(b.ibiMs! - offline.nn.ibiMs[i]!) < 0.01, `NN ${i}`));
    // …and the beats of the offline analysis of the file itself (the channel starts at the file's first sample).
    const rec = parsePpgCsv(readFileSync(path, 'latin1'));
    if ('error' in rec) assert.fail(rec.error);
    const played = log.endSec;
    const fromFile = analyzePpg(rec.values.subarray(0, Math.round(played * rec.fsHz)), rec.fsHz).beats.tSec;
    const liveBeats = log.detections.map((b) => b.tSec);
    assert.ok(fromFile.length > 50);
    assert.equal(liveBeats.length, fromFile.length);
    liveBeats.forEach((t, i) => assert.ok(Math.abs(t - fromFile[i]!) < 1e-4, `beat ${i}: ${t} vs ${fromFile[i]}`)); // the analysis rounds to 0.1 ms
  });

  test('RR text at speed 40: intervals analysed as beats, HR right, ends with disconnected', async () => {
    const sim = simulateBeatTimes({ hrBpm: 66, seed: 8 }, 75);
    const ibis = Array.from(sim.ibiMs, (x) => Math.round(x));
    const path = join(dir, 'session_rr.txt');
    writeFileSync(path, ibis.join('\n') + '\n');
    const mgr = new DeviceManager({ analysis: host });
    const log = new ChannelLog();
    const ch = await mgr.connect(`file:${path}?speed=40`, 'rr');
    ch.view = log;
    assert.equal(ch.info.protocol, 'rr');
    while (ch.state !== 'disconnected') await sleep(20);
    await mgr.disconnect('rr');
    const beats = log.detections.map((b) => b.tSec);
    assert.equal(beats.length, ibis.length + 1);
    const total = ibis.reduce((a, b) => a + b, 0) / 1000;
    assert.ok(Math.abs(beats.at(-1)! - beats[0]! - total) < 0.01, 'beat times are the sums of the intervals');
    assert.ok(log.final.every((b) => b.flags & 32), 'flagged as the sensor\'s own intervals');
    const hr = log.metrics.map((m) => m.hrBpm).filter((x): x is number => x !== null);
    const meanHr = hr.reduce((a, b) => a + b, 0) / hr.length;
    assert.ok(Math.abs(meanHr - 66) < 3, `HR ${meanHr}`);
    assert.equal(ch.lastNotice?.code, 'end-of-recording');
  });

  test('a missing file: connect rejects with a clear message and leaves no channel', async () => {
    const mgr = new DeviceManager({ analysis: host });
    await assert.rejects(mgr.connect(`file:${join(dir, 'nope.csv')}`), /cannot replay .*nope\.csv: no such file/);
    await assert.rejects(mgr.connect('file:x.csv?speed=-1'), /bad speed/);
    assert.deepEqual(mgr.channels(), []);
  });
});

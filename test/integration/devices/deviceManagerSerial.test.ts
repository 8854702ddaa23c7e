/**
 * DeviceManager with a serial sensor through a real PTY pair (socat): a PulseSensor ear clip
 * emulated byte-exactly at its real pace. The device is pulled mid-stream (the PTY closes) and
 * plugged back in: the manager reports 'reconnecting', the adapter reopens the port within 3 s
 * of it reappearing, and the gap is reported once with its start and end; the analysis finds
 * beats before and after, on the channel clock.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceManager, type SignalQualitySecond } from '../../../main/devices/DeviceManager.js';
import { ChannelLog } from '../../support/channelLog.js';
import { DeviceEnd, Paced, PtyPair, hasSocat, sleep } from '../sensors/ptyPair.js';
import { IBI_MS, beatSampleIndices, beatTimesSec, pulseVisualizerLine, pulseWave } from '../sensors/emulators.js';

const SKIP = hasSocat() ? false : 'socat is not installed (Debian: apt-get install socat) — PTY serial tests skipped';
const FS = 50;

describe('DeviceManager with a serial PulseSensor over a PTY', { skip: SKIP }, () => {
  test('pull and replug: reconnect within 3 s of the port reappearing, one gap with start and end, beats on both sides', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadans-devpty-'));
    const appPath = join(dir, 'ttyAPP');
    const devPath = join(dir, 'ttyDEV');
    let pair = await PtyPair.start(appPath, devPath);
    let dev = new DeviceEnd(devPath);
    const states: { s: string; atMs: number }[] = [];
    const mgr = new DeviceManager({
      onChange: (ch) => {
        if (states.at(-1)?.s !== ch.state) states.push({ s: ch.state, atMs: Date.now() });
      },
    });
    const log = new ChannelLog();
    // The emulated ear clip: a pulse wave with known beat times, `S`/`B`/`Q` lines at 50 Hz.
    const beatT = beatTimesSec(60);
    const beatIdx = beatSampleIndices(beatT, FS);
    const line = (i: number) => {
      const k = beatIdx.indexOf(i);
      const ibiMs = k > 0 ? IBI_MS[(k - 1) % IBI_MS.length]! : 0;
      return pulseVisualizerLine(Math.round(300 + 400 * pulseWave(i / FS, beatT)), k > 0 ? { bpm: Math.round(60000 / ibiMs), ibiMs } : undefined);
    };
    try {
      const ch = await mgr.connect(`serial:${appPath}?protocol=pulsesensor`, 'ear');
      ch.view = log;
      assert.equal(ch.info.kind, 'serial');
      assert.equal(ch.info.fsHz, FS);
      const p1 = new Paced(FS, (i) => dev.write(line(i)), 6 * FS);
      await p1.done();
      await sleep(200);
      const pulledAtSec = ch.dataEndSec;
      await pair.kill(); // the cable is pulled
      dev.close();
      const t0 = Date.now();
      while (mgr.channels()[0]!.state !== 'reconnecting' && Date.now() - t0 < 2000) await sleep(10);
      assert.equal(mgr.channels()[0]!.state, 'reconnecting');
      await sleep(1200);
      pair = await PtyPair.start(appPath, devPath); // plugged back in
      const backMs = Date.now();
      dev = new DeviceEnd(devPath);
      while (mgr.channels()[0]!.state !== 'connected' && Date.now() - backMs < 5000) await sleep(10);
      const reconnectMs = states.at(-1)!.atMs - backMs;
      assert.equal(states.at(-1)!.s, 'connected');
      assert.ok(reconnectMs < 3000, `reconnected ${reconnectMs} ms after the port came back`);
      const p2 = new Paced(FS, (i) => dev.write(line(i)), 5 * FS, 8 * FS);
      await p2.done();
      await sleep(300);
      const endSec = ch.dataEndSec;
      await mgr.disconnect('ear');

      const gaps = log.gaps;
      const quality = log.quality;
      const beats = log.detections.map((b) => ({ t: b.tSec, q: b.quality ?? 0 }));
      const hr = log.metrics.map((m) => m.hrBpm).filter((x): x is number => x !== null);
      assert.deepEqual(states.map((x) => x.s), ['connecting', 'connected', 'reconnecting', 'connected', 'disconnected']);
      assert.ok(log.notices.some((n) => n.code === 'reconnecting') && log.notices.some((n) => n.code === 'reconnected'), 'reconnecting and reconnected are said');
      assert.equal(gaps.length, 1, JSON.stringify(gaps));
      const g = gaps[0]!;
      assert.equal(g.reason, 'disconnected');
      assert.ok(Math.abs(g.startSec - pulledAtSec) < 0.3, `gap starts at ${g.startSec}, data ended at ${pulledAtSec}`);
      const lengthSec = g.endSec - g.startSec;
      assert.ok(lengthSec > 1.2 && lengthSec < 1.2 + 3 + 1, `gap of ${lengthSec} s`);
      assert.ok(endSec > g.endSec + 4.5, 'the data after the replug follows the gap on the channel clock');
      const trusted = beats.filter((b) => b.q >= 0.35);
      assert.ok(trusted.some((b) => b.t < g.startSec), 'beats before the pull');
      assert.ok(trusted.some((b) => b.t > g.endSec), 'beats after the replug');
      const expectedHr = 60000 / (IBI_MS.reduce((a, b) => a + b, 0) / IBI_MS.length);
      const meanHr = hr.reduce((a, b) => a + b, 0) / hr.length;
      assert.ok(hr.length > 0 && Math.abs(meanHr - expectedHr) < 3, `HR ${meanHr} vs ${expectedHr}`);
      // Quality: one result per second; the seconds (mostly) inside the gap say no-signal.
      assert.deepEqual(quality.map((q) => q.tSec), quality.map((_, i) => i));
      const overlap = (q: SignalQualitySecond) => Math.min(q.tSec + 1, g.endSec) - Math.max(q.tSec, g.startSec);
      const missing = quality.filter((q) => overlap(q) > 0.6);
      assert.ok(
        missing.length >= 1 && missing.every((q) => q.flags.includes('no-signal') && q.hint === 'check-connection'),
        JSON.stringify({ g, missing, around: quality.filter((q) => q.tSec > g.startSec - 3 && q.tSec < g.endSec + 2) }),
      );
    } finally {
      await mgr.close();
      dev.close();
      await pair.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

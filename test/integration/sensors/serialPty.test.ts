/**
 * SerialSource through real PTY pairs (socat) and the real `serialport` binding.
 * Each test plays a device byte-exactly at its real pace on the DEV end and checks
 * what SerialSource decodes on the APP end: samples, beats/IBIs, status, CMS50
 * start/keep-alive commands, reconnect after the device is pulled, and the
 * "wrong protocol or baud rate?" message.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialSource, type SerialSourceOptions } from '../../../native-adapters/sensors/serialSource.js';
import type { ConnectionState } from '../../../shared/sensors/sensorSource.js';
import type { BeatFrame, PpgFrame, SensorFrame, StatusFrame } from '../../../shared/sensors/frames.js';
import { ChannelClock } from '../../../shared/sensors/channelClock.js';
import { DeviceEnd, Paced, PtyPair, hasSocat, sleep } from './ptyPair.js';
import {
  IBI_MS,
  beatSampleIndices,
  beatTimesSec,
  cms50Packet5,
  cms50Packet9,
  csvLine,
  pulsePlotterLine,
  pulseVisualizerLine,
  pulseWave,
} from './emulators.js';

const SKIP = hasSocat() ? false : 'socat is not installed (Debian: apt-get install socat) — PTY serial tests skipped';

interface Rig {
  pair: PtyPair;
  dev: DeviceEnd;
  src: SerialSource;
  frames: SensorFrame[];
  states: { s: ConnectionState; msg?: string; atMs: number }[];
  appPath: string;
  devPath: string;
}

async function withRig(opts: Omit<SerialSourceOptions, 'path'>, body: (r: Rig) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cadans-pty-'));
  const appPath = join(dir, 'ttyAPP');
  const devPath = join(dir, 'ttyDEV');
  const pair = await PtyPair.start(appPath, devPath);
  const dev = new DeviceEnd(devPath);
  const src = new SerialSource({ ...opts, path: appPath });
  const rig: Rig = { pair, dev, src, frames: [], states: [], appPath, devPath };
  src.on('frame', (f) => rig.frames.push(f));
  src.on('state', (s, msg) => rig.states.push({ s, msg, atMs: Date.now() }));
  try {
    await body(rig);
  } finally {
    await src.stop();
    rig.dev.close();
    await rig.pair.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ppg = (fs: SensorFrame[]) => fs.filter((f): f is PpgFrame => f.kind === 'ppg');
const beatsOf = (fs: SensorFrame[]) => fs.filter((f): f is BeatFrame => f.kind === 'beats');
const statusOf = (fs: SensorFrame[]) => fs.filter((f): f is StatusFrame => f.kind === 'status');
const values = (fs: SensorFrame[]) => ppg(fs).flatMap((f) => Array.from(f.values));
const noGarbageMessage = (fs: SensorFrame[]) =>
  assert.deepEqual(statusOf(fs).filter((s) => s.notice?.code === 'not-understood' || s.notice?.code === 'no-data').map((s) => s.notice), []);
const noticeOf = (fs: SensorFrame[], code: string) => statusOf(fs).find((s) => s.notice?.code === code);

/**
 * The frames count every sample once, contiguously; timed by the channel clock (count at the
 * estimated true rate), every sample spacing is 1/rate and the rate is the device's (± 2 %: a
 * few seconds of PTY timing under load).
 */
function assertCountedAndTimed(fs: SensorFrame[], fsHz: number, n: number): void {
  const frames = ppg(fs);
  let next = 0;
  for (const f of frames) {
    assert.equal(f.index, next, 'contiguous count');
    next += f.values.length;
  }
  assert.equal(next, n);
  const clock = new ChannelClock();
  const chunks = [...frames.flatMap((f) => clock.push(f).chunks), ...clock.flush().chunks];
  const times = chunks.flatMap((c) => Array.from(c.values, (_, i) => c.t0Sec + i / c.fsHz));
  assert.equal(times.length, n, 'every sample timed once');
  for (let i = 1; i < times.length; i++) {
    const d = times[i]! - times[i - 1]!;
    assert.ok(Math.abs(d * fsHz - 1) < 0.02, `sample spacing ${d} at ${i}`);
  }
}

describe('SerialSource over socat PTY pairs', { skip: SKIP, concurrency: true }, () => {
  test('pulsesensor, Processing-visualizer lines: samples, B/Q beats', async () => {
    await withRig({ protocol: 'pulsesensor' }, async ({ src, dev, frames }) => {
      const fsHz = 50;
      const n = 200;
      const beats = beatTimesSec(n / fsHz);
      const beatIdx = beatSampleIndices(beats, fsHz);
      const sent: number[] = [];
      const sentIbi: number[] = [];
      await src.start();
      assert.equal(src.info.fsHz, 50);
      const paced = new Paced(fsHz, (i) => {
        const sig = Math.round(300 + 400 * pulseWave(i / fsHz, beats));
        sent.push(sig);
        const k = beatIdx.indexOf(i);
        let beat: { bpm: number; ibiMs: number } | undefined;
        if (k > 0) {
          const ibiMs = IBI_MS[(k - 1) % IBI_MS.length];
          beat = { bpm: Math.round(60000 / ibiMs), ibiMs };
          sentIbi.push(ibiMs);
        }
        dev.write(pulseVisualizerLine(sig, beat));
      }, n);
      await paced.done();
      await sleep(300);
      assert.deepEqual(values(frames), sent);
      assertCountedAndTimed(frames, fsHz, n);
      const b = beatsOf(frames);
      assert.ok(sentIbi.length >= 3);
      assert.deepEqual(b.map((x) => x.ibiMs), sentIbi.map((x) => [x]));
      assert.deepEqual(b.map((x) => x.hrBpm), sentIbi.map((x) => Math.round(60000 / x)));
      noGarbageMessage(frames);
    });
  });

  test('pulsesensor, Serial-Plotter lines BPM,IBI,Signal: samples and beats from IBI changes', async () => {
    await withRig({ protocol: 'pulsesensor' }, async ({ src, dev, frames }) => {
      const fsHz = 50;
      const n = 150;
      const beats = beatTimesSec(n / fsHz);
      const beatIdx = beatSampleIndices(beats, fsHz);
      const sent: number[] = [];
      const sentIbi: number[] = [];
      let bpm = 0;
      let ibi = 750;
      await src.start();
      const paced = new Paced(fsHz, (i) => {
        const k = beatIdx.indexOf(i);
        if (k > 0) {
          ibi = IBI_MS[(k - 1) % IBI_MS.length];
          bpm = Math.round(60000 / ibi);
          sentIbi.push(ibi);
        }
        const sig = Math.round(500 + 300 * pulseWave(i / fsHz, beats));
        sent.push(sig);
        dev.write(pulsePlotterLine(bpm, ibi, sig));
      }, n);
      await paced.done();
      await sleep(300);
      assert.deepEqual(values(frames), sent);
      assertCountedAndTimed(frames, fsHz, n);
      assert.deepEqual(beatsOf(frames).map((x) => x.ibiMs[0]), sentIbi);
      noGarbageMessage(frames);
    });
  });

  test('cms50-5 (19200 8O1, 5-byte packets at 60/s): pleth, beat markers → IBIs, PR/SpO2', async () => {
    await withRig({ protocol: 'cms50-5' }, async ({ src, dev, frames }) => {
      const fsHz = 60;
      const n = 180;
      const beats = beatTimesSec(n / fsHz);
      const beatIdx = beatSampleIndices(beats, fsHz);
      const sent: number[] = [];
      await src.start();
      assert.match(src.spec, /baud=19200/);
      const paced = new Paced(fsHz, (i) => {
        const pleth = Math.round(10 + 100 * pulseWave(i / fsHz, beats));
        sent.push(pleth);
        dev.write(cms50Packet5({ pleth, beat: beatIdx.includes(i), pr: 74, spo2: 97 }));
      }, n);
      await paced.done();
      await sleep(300);
      assert.deepEqual(values(frames), sent);
      assertCountedAndTimed(frames, fsHz, n);
      const b = beatsOf(frames);
      assert.equal(b.length, beats.length);
      b.slice(1).forEach((x, k) => {
        assert.equal(x.ibiMs.length, 1);
        assert.ok(Math.abs(x.ibiMs[0] - IBI_MS[k]) <= 20, `IBI ${x.ibiMs[0]} vs ${IBI_MS[k]}`);
        assert.equal(x.hrBpm, 74);
      });
      const st = statusOf(frames).filter((s) => s.contact);
      assert.ok(st.length >= 1 && st.every((s) => s.contact === 'ok' && s.spo2Pct === 97 && s.pulseRateBpm === 74));
      noGarbageMessage(frames);
    });
  });

  test('cms50-9 (9-byte packets): A1 start on open, keep-alive within 5 s, pleth, beats, finger out, A2 on stop', async () => {
    await withRig({ protocol: 'cms50-9' }, async ({ src, dev, frames }) => {
      const fsHz = 60;
      const n = 390; // 6.5 s
      const beats = beatTimesSec(6);
      const beatIdx = beatSampleIndices(beats, fsHz);
      const sent: number[] = [];
      const startMs = Date.now();
      const startSec = performance.now() / 1000;
      await src.start();
      // Measured from the port being open (opening a PTY can take a second on a loaded machine).
      const openedMs = Date.now();
      // The emulated oximeter streams only after it has received the start-live command.
      const a1 = [0x7d, 0x81, 0xa1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80];
      while (!dev.received.length && Date.now() - startMs < 5000) await sleep(5);
      assert.deepEqual(Array.from(dev.receivedBytes().subarray(0, 9)), a1, 'start-live A1 written on open');
      const firstA1Ms = dev.received[0].atMs;
      assert.ok(firstA1Ms - openedMs < 1000, `A1 ${firstA1Ms - openedMs} ms after the port opened`);
      const paced = new Paced(fsHz, (i) => {
        const fingerOut = i >= 360;
        const pleth = fingerOut ? 0 : Math.round(10 + 100 * pulseWave(i / fsHz, beats));
        sent.push(pleth);
        const beat = !fingerOut && beatIdx.some((b) => i === b || i === b + 1); // marker on 2 consecutive frames
        dev.write(cms50Packet9({ pleth, beat, pr: 72, spo2: 98, fingerOut }));
      }, n);
      await paced.done();
      await sleep(300);
      // Keep-alive: A1 again ~5 s after the first.
      const all = dev.received;
      const writes: number[] = [];
      let buf: number[] = [];
      for (const c of all) {
        buf.push(...c.bytes);
        while (buf.length >= 9) {
          assert.deepEqual(buf.slice(0, 9), a1);
          writes.push(c.atMs);
          buf = buf.slice(9);
        }
      }
      assert.ok(writes.length >= 2, `app wrote ${writes.length} commands`);
      const gap = writes[1] - writes[0];
      assert.ok(gap > 4500 && gap < 5600, `keep-alive after ${gap} ms`);
      assert.deepEqual(values(frames), sent);
      assertCountedAndTimed(frames, fsHz, n);
      const b = beatsOf(frames);
      const expectedBeats = beatIdx.filter((i) => i < 360).length;
      assert.equal(b.length, expectedBeats);
      b.slice(1).forEach((x, k) => assert.ok(Math.abs(x.ibiMs[0] - IBI_MS[k]) <= 20, `IBI ${x.ibiMs[0]} vs ${IBI_MS[k]}`));
      const st = statusOf(frames).filter((s) => s.contact);
      assert.equal(st[0].contact, 'ok');
      assert.equal(st[0].spo2Pct, 98);
      assert.equal(st[0].pulseRateBpm, 72);
      const off = st.find((s) => s.contact === 'off');
      assert.ok(off, 'finger-out status');
      assert.ok(off.arrivalSec - startSec > 5.5, `finger out after ${off.arrivalSec - startSec} s (sample 360 = 6 s)`);
      assert.equal(off.notice?.code, 'finger-out');
      noGarbageMessage(frames);
      await src.stop();
      await sleep(100);
      const tail = Array.from(dev.receivedBytes().slice(-9));
      assert.deepEqual(tail, [0x7d, 0x81, 0xa2, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80], 'stop-live A2 written on stop');
    });
  });

  test('csv with a time column (100 lines/s): values and device-time sample rate', async () => {
    await withRig({ protocol: 'csv' }, async ({ src, dev, frames }) => {
      const n = 250;
      const sent: number[] = [];
      await src.start();
      const paced = new Paced(100, (i) => {
        const v = Math.round(2000 + 1000 * Math.sin(i / 15));
        sent.push(v);
        dev.write(csvLine(v, 100 + i / 100));
      }, n);
      await paced.done();
      await sleep(300);
      assert.deepEqual(values(frames), sent);
      assert.ok(ppg(frames).every((f) => f.fsHz === 100));
      assertCountedAndTimed(frames, 100, n);
      noGarbageMessage(frames);
    });
  });

  test('csv, one value per line with fsHz 50', async () => {
    await withRig({ protocol: 'csv', fsHz: 50 }, async ({ src, dev, frames }) => {
      const n = 100;
      const sent: number[] = [];
      await src.start();
      const paced = new Paced(50, (i) => {
        sent.push(i * 3 - 7);
        dev.write(csvLine(i * 3 - 7));
      }, n);
      await paced.done();
      await sleep(300);
      assert.deepEqual(values(frames), sent);
      assertCountedAndTimed(frames, 50, n);
    });
  });

  test('device pulled mid-stream: reconnecting, reopened within 3 s, gap visible, nothing lost', async () => {
    // batchMs is huge so samples still batched at the pull are emitted only by the close path.
    await withRig({ protocol: 'pulsesensor', batchMs: 60_000 }, async (rig) => {
      const { src, frames, states } = rig;
      await src.start();
      const p1 = new Paced(50, (i) => rig.dev.write(pulseVisualizerLine(i)), 90);
      await p1.done();
      await sleep(300); // everything written has been read by the app
      const framesBefore = frames.length;
      await rig.pair.kill(); // the device is pulled
      rig.dev.close();
      const t0 = Date.now();
      while (src.state !== 'reconnecting' && Date.now() - t0 < 2000) await sleep(10);
      assert.equal(src.state, 'reconnecting');
      assert.ok(!existsSync(rig.appPath));
      const before = values(frames);
      assert.deepEqual(before, Array.from({ length: 90 }, (_, i) => i), 'every sample received before the pull is kept');
      assert.ok(frames.length > framesBefore, 'pending samples were flushed by the close');
      assert.ok(noticeOf(frames, 'reconnecting'), 'reconnecting is said');
      await sleep(1000);
      rig.pair = await PtyPair.start(rig.appPath, rig.devPath);
      const backMs = Date.now();
      rig.dev = new DeviceEnd(rig.devPath);
      while ((src.state as ConnectionState) !== 'connected' && Date.now() - backMs < 5000) await sleep(10);
      assert.equal(src.state as ConnectionState, 'connected');
      const reopenMs = states[states.length - 1].atMs - backMs;
      assert.ok(reopenMs < 3000, `reopened after ${reopenMs} ms`);
      assert.deepEqual(states.map((s) => s.s), ['connecting', 'connected', 'reconnecting', 'connected']);
      const p2 = new Paced(50, (i) => rig.dev.write(pulseVisualizerLine(i)), 50, 1000);
      await p2.done();
      await sleep(200);
      await src.stop();
      const all = values(frames);
      assert.deepEqual(all, [...before, ...Array.from({ length: 50 }, (_, i) => 1000 + i)]);
      const f = ppg(frames);
      const firstAfter = f.findIndex((x) => x.values[0] === 1000);
      assert.equal(f[firstAfter].stream, f[firstAfter - 1].stream + 1, 'a new counting epoch after the reconnect');
      assert.equal(f[firstAfter].index, 0);
      // Through the channel clock the reconnect is a gap measured by arrival time (the device was away > 1 s).
      const clock = new ChannelClock();
      const gaps = [...f.flatMap((x) => clock.push(x).gaps), ...clock.flush().gaps];
      assert.equal(gaps.length, 1);
      assert.ok(gaps[0]!.endSec - gaps[0]!.startSec > 1.0, `gap ${gaps[0]!.endSec - gaps[0]!.startSec} s`);
      assert.ok(noticeOf(frames, 'reconnected'), 'reconnected is said');
    });
  });

  test('wrong protocol or baud rate: random bytes and PulseSensor text into CMS50-9 → message within 3.5 s', async () => {
    const run = (opts: Omit<SerialSourceOptions, 'path'>, gen: (i: number) => Uint8Array) =>
      withRig(opts, async ({ src, dev, frames }) => {
        await src.start();
        // From the port being open: the garbage starts then (opening can take a second under load).
        const t0Sec = performance.now() / 1000;
        const t0 = Date.now();
        const paced = new Paced(50, (i) => dev.write(gen(i)));
        let msg: StatusFrame | undefined;
        while (!msg && Date.now() - t0 < 5000) {
          msg = noticeOf(frames, 'not-understood');
          await sleep(20);
        }
        paced.stop();
        assert.ok(msg, 'garbage message');
        assert.ok(msg.arrivalSec - t0Sec < 3.5, `after ${msg.arrivalSec - t0Sec} s`);
        assert.deepEqual(values(frames).filter((v) => !Number.isNaN(v)), [], 'nothing decoded from garbage');
      });
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    await Promise.all([
      run({ protocol: 'pulsesensor' }, () => Uint8Array.from({ length: 20 }, () => (rnd() === 10 ? 11 : rnd()))),
      run({ protocol: 'cms50-9' }, (i) => pulseVisualizerLine(500 + (i % 100))),
      run({ protocol: 'cms50-5' }, () => cms50Packet9({ pleth: 50, beat: false, pr: 70, spo2: 97 })),
    ]);
  });

  test('silent device → "no data" message within ~3.5 s; data afterwards clears it', async () => {
    await withRig({ protocol: 'cms50-5' }, async ({ src, dev, frames }) => {
      const t0Sec = performance.now() / 1000;
      await src.start();
      const t0 = Date.now();
      let msg: StatusFrame | undefined;
      while (!msg && Date.now() - t0 < 5000) {
        msg = noticeOf(frames, 'no-data');
        await sleep(20);
      }
      assert.ok(msg, 'no-data message');
      const after = msg.arrivalSec - t0Sec;
      assert.ok(after >= 2.9 && after < 5, `after ${after} s`); // a few seconds; timers run late on a loaded CI machine
      assert.equal(msg.notice?.params?.protocol, 'cms50-5');
      const paced = new Paced(60, (i) => dev.write(cms50Packet5({ pleth: i % 100, beat: false, pr: 70, spo2: 97 })), 240);
      await paced.done();
      await sleep(700);
      assert.ok(noticeOf(frames, 'understood-again'));
      assert.equal(values(frames).length, 240);
    });
  });

  test('start() on a missing port rejects with a clear message', async () => {
    const src = new SerialSource({ path: '/dev/cadans-no-such-port', protocol: 'cms50-9' });
    const states: string[] = [];
    src.on('state', (s) => states.push(s));
    await assert.rejects(src.start(), /cannot open \/dev\/cadans-no-such-port: the port does not exist/);
    assert.deepEqual(states, ['connecting', 'error']);
    await src.stop();
  });
});

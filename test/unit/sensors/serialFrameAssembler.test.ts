import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SerialFrameAssembler } from '../../../shared/sensors/serialFrameAssembler.js';
import type { BeatFrame, PpgFrame, SensorFrame, StatusFrame } from '../../../shared/sensors/frames.js';
import { ascii, hex } from './hex.js';

const ppg = (fs: SensorFrame[]) => fs.filter((f): f is PpgFrame => f.kind === 'ppg');
const beats = (fs: SensorFrame[]) => fs.filter((f): f is BeatFrame => f.kind === 'beats');
const status = (fs: SensorFrame[]) => fs.filter((f): f is StatusFrame => f.kind === 'status');
const samples = (fs: SensorFrame[]) => ppg(fs).flatMap((f) => Array.from(f.values));

describe('SerialFrameAssembler', () => {
  test('pulsesensor visualizer: samples in order at 50 Hz, B/Q → BeatFrame with IBI and BPM', () => {
    const a = new SerialFrameAssembler({ protocol: 'pulsesensor' });
    const out: SensorFrame[] = [];
    for (let i = 0; i < 100; i++) {
      let line = `S${500 + i}\r\n`;
      if (i === 40) line += 'B75\r\nQ800\r\n';
      out.push(...a.push(ascii(line), (i + 1) / 50));
    }
    out.push(...a.flush());
    assert.deepEqual(samples(out), Array.from({ length: 100 }, (_, i) => 500 + i));
    const f = ppg(out);
    assert.ok(f.every((x) => x.fsHz === 50 && x.stream === 0));
    // Counted, not timed: consecutive frames continue the device's count; arrival time is the newest sample's.
    for (let k = 1; k < f.length; k++) assert.equal(f[k].index, f[k - 1].index + f[k - 1].values.length);
    assert.equal(f[0].index, 0);
    assert.equal(f[f.length - 1].arrivalSec, 100 / 50);
    assert.deepEqual(beats(out).map((b) => [b.ibiMs, b.hrBpm]), [[[800], 75]]);
  });
  test('pulsesensor plotter: a change of the BPM,IBI pair is a beat (first pair skipped)', () => {
    const a = new SerialFrameAssembler({ protocol: 'pulsesensor' });
    const lines = ['0,600,500', '0,600,510', '72,833,520', '72,833,530', '75,800,540', '75,800,550', '75,800,560'];
    const out = lines.flatMap((l, i) => a.push(ascii(l + '\r\n'), i / 50));
    assert.deepEqual(beats(out).map((b) => b.ibiMs[0]), [833, 800]);
    assert.deepEqual(samples([...out, ...a.flush()]), [500, 510, 520, 530, 540, 550, 560]);
  });
  test('cms50-9: beat-marker rising edges give IBIs from sample times; finger out → contact off', () => {
    const a = new SerialFrameAssembler({ protocol: 'cms50-9' });
    const out: SensorFrame[] = [];
    const beatEvery = 48; // 60 Hz → 800 ms
    for (let i = 0; i < 200; i++) {
      const beat = i % beatEvery === 5 || i % beatEvery === 6; // shows on 2 consecutive frames
      const b2 = 0x80 | (beat ? 0x40 : 0) | 6;
      const pkt = Uint8Array.of(0x01, i >= 180 ? 0xe1 : 0xe0, b2, 0x80 | (i % 100), 0x80, 0x80 | 75, 0x80 | 97, 0xff, 0xff);
      out.push(...a.push(pkt, (i + 1) / 60));
    }
    out.push(...a.flush());
    assert.equal(samples(out).length, 200);
    const b = beats(out);
    assert.equal(b.length, 4);
    assert.deepEqual(b[0].ibiMs, []);
    for (const x of b.slice(1)) {
      assert.equal(x.ibiMs.length, 1);
      assert.ok(Math.abs(x.ibiMs[0] - 800) < 20, `ibi ${x.ibiMs[0]}`);
      assert.equal(x.hrBpm, 75);
    }
    const st = status(out);
    assert.equal(st[0].contact, 'ok');
    assert.equal(st[0].spo2Pct, 97);
    assert.equal(st[0].pulseRateBpm, 75);
    const off = st.find((s) => s.contact === 'off');
    assert.ok(off && off.spo2Pct === undefined && off.notice?.code === 'finger-out');
  });
  test('cms50-5 samples and PR > 127', () => {
    const a = new SerialFrameAssembler({ protocol: 'cms50-5' });
    const out = [...a.push(hex('C5 3C 06 48 61 85 20 44 02 62'), 0.1), ...a.flush()];
    assert.deepEqual(samples(out), [60, 32]);
    assert.equal(ppg(out)[0].fsHz, 60);
    assert.ok(status(out).some((s) => s.pulseRateBpm === 72));
  });
  test('csv with a time column: fs estimated from time stamps, device time kept as the device clock', () => {
    const a = new SerialFrameAssembler({ protocol: 'csv' });
    const out: SensorFrame[] = [];
    for (let i = 0; i < 50; i++) out.push(...a.push(ascii(`${(10 + i * 0.01).toFixed(2)},${i}\n`), 1 + i * 0.01 + 0.003));
    out.push(...a.flush());
    assert.equal(a.sampleRateHz, 100);
    assert.deepEqual(samples(out), Array.from({ length: 50 }, (_, i) => i));
    const last = ppg(out)[ppg(out).length - 1]!;
    assert.ok(Math.abs(last.deviceSec! - 10.49) < 1e-9, 'the newest sample\'s device time');
  });
  test('unreadable lines are counted as lost samples (NaN placeholders), so the count stays right', () => {
    const a = new SerialFrameAssembler({ protocol: 'pulsesensor' });
    const out = [...a.push(ascii('S1\r\nS2\r\nS#\r\nS4\r\n'), 0.1), ...a.flush()]; // a garbled line is never longer than the line it was
    const v = samples(out);
    assert.equal(v.length, 4);
    assert.deepEqual([v[0], v[1], v[3]], [1, 2, 4]);
    assert.ok(Number.isNaN(v[2]));
  });
  test('csv without time column and without fsHz → status message, no crash', () => {
    const a = new SerialFrameAssembler({ protocol: 'csv' });
    const out = a.push(ascii('1\n2\n'), 0.5);
    assert.equal(status(out)[0].notice?.code, 'csv-needs-rate');
    const b = new SerialFrameAssembler({ protocol: 'csv', fsHz: 25 });
    assert.deepEqual(samples([...b.push(ascii('1\n2\n'), 0.5), ...b.flush()]), [1, 2]);
  });
  test('resync keeps batched samples, drops partial lines, and starts a new counting epoch', () => {
    const a = new SerialFrameAssembler({ protocol: 'pulsesensor' });
    const before = [...a.push(ascii('S1\r\nS2\r\nS3\r\nB7'), 0.06)];
    const kept = a.resync();
    assert.deepEqual(samples([...before, ...kept]), [1, 2, 3]);
    const after = [...a.push(ascii('2\r\nS5\r\n'), 0.1), ...a.flush()];
    assert.deepEqual(samples(after), [2, 5], 'the partial "B7" from before the reconnect is dropped');
    assert.equal(a.stats.bytes, 14 + 7, 'stats are cumulative across resync');
    const c = new SerialFrameAssembler({ protocol: 'pulsesensor' });
    const f1 = [...c.push(ascii('S1\r\nS2\r\n'), 0.04), ...c.resync()];
    const f2 = [...c.push(ascii('S3\r\n'), 2.5), ...c.flush()];
    assert.equal(ppg(f1)[0].stream, 0);
    assert.equal(ppg(f2)[0].stream, 1, 'a new counting epoch after the reconnect');
    assert.equal(ppg(f2)[0].index, 0);
  });
});

/**
 * The device emulators' pure core (test/support/emulators): byte-exact output of each
 * profile, the sample clock (rate, drift, burst, pause), link faults, wake-up commands,
 * the emulated firmware's beat reports, and the UART baud-mismatch model. No clocks:
 * everything is rendered at once with DeviceEmulator.render / advance.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { DeviceEmulator, type EmulatorTruth } from '../../support/emulators/deviceEmulator.js';
import { encodeCms50Packet5, encodeCms50Packet9 } from '../../support/emulators/deviceProfiles.js';
import { uartResample } from '../../support/emulators/uartMismatch.js';
import { RecordingWaveform, DEFAULT_IBI_MS } from '../../support/emulators/waveform.js';
import { decodeCms50Packet9 } from '../../../shared/sensors/cms50.js';
import { PulseSensorDecoder } from '../../../shared/sensors/pulseSensorLines.js';
import { dataFile } from '../../support/paths.js';
import { hex } from '../sensors/hex.js';

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const lines = (b: Uint8Array) => text(b).split(/(?<=\n)/);
const cmd = (c: number) => Uint8Array.of(0x7d, 0x81, c, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);

describe('device profiles: byte-exact output', () => {
  test('CMS50 packets: the captured D+ vector and the old-protocol vector', () => {
    const dplus = encodeCms50Packet9({ pleth: 51, signal: 5, beat: false, bar: 6, pulseRateBpm: 65, spo2Pct: 97 });
    assert.deepEqual(dplus, hex('01 E0 85 B3 96 C1 E1 FF FF'));
    assert.deepEqual(encodeCms50Packet5({ pleth: 60, signal: 5, beat: true, bar: 6, pulseRateBpm: 72, spo2Pct: 97 }), hex('C5 3C 06 48 61'));
    const r = decodeCms50Packet9(encodeCms50Packet9({ pleth: 100, signal: 7, beat: true, bar: 9, pulseRateBpm: 190, spo2Pct: 95, searching: true, probeError: true, perfusionIndexRaw: 0x1234 }));
    assert.deepEqual(
      [r.pleth, r.signal, r.beat, r.bar, r.searching, r.probeError, r.piInvalid, r.perfusionIndexRaw, r.pulseRateBpm],
      [100, 7, true, 9, true, true, false, 0x1234, null],
    );
  });

  test('pulsesensor-bpm: BPM,IBI,Signal per sample; IBI field follows the firmware beats', () => {
    const { bytes, truth } = DeviceEmulator.render({ device: 'pulsesensor-bpm', durationSec: 10 });
    const ls = lines(bytes);
    assert.ok(ls.every((l) => /^\d{1,3},\d{3,4},\d{1,4}\r\n$/.test(l)), ls.find((l) => !/^\d+,\d+,\d+\r\n$/.test(l)));
    assert.match(ls[0], /^0,750,\d+\r\n$/, 'BPM 0 and IBI 750 before the second beat');
    assert.equal(ls.length, truth.samples.length);
    const runs = (xs: number[]) => xs.filter((x, i) => i === 0 || x !== xs[i - 1]);
    const ibiField = runs(ls.map((l) => Number(l.split(',')[1])));
    // 750 at start, then the first (unreported) beat's IBI, then every reported one
    assert.equal(ibiField[0], 750);
    assert.deepEqual(ibiField.slice(2), runs(truth.reported.map((b) => b.ibiMs)), 'each reported IBI shows in the lines');
  });

  test('pulsesensor-processing: S per sample, B then Q right after the S line of a beat', () => {
    const { bytes, truth } = DeviceEmulator.render({ device: 'pulsesensor-processing', durationSec: 10 });
    const ls = lines(bytes);
    assert.ok(ls.every((l) => /^[SBQ]\d+\r\n$/.test(l)));
    const b = ls.map((l, i) => [l, i] as const).filter(([l]) => l[0] === 'B');
    assert.equal(b.length, truth.reported.length);
    for (const [, i] of b) {
      assert.equal(ls[i - 1][0], 'S');
      assert.equal(ls[i + 1][0], 'Q');
    }
    assert.deepEqual(ls.filter((l) => l[0] === 'Q').map((l) => Number(l.slice(1))), truth.reported.map((r) => r.ibiMs));
  });

  test('getting-started, two sensors, begin-failed: line formats and rates', () => {
    const gs = DeviceEmulator.render({ device: 'pulsesensor-getting-started', durationSec: 4 });
    assert.ok(lines(gs.bytes).every((l) => /^Signal \d+\r\n$/.test(l)));
    const two = DeviceEmulator.render({ device: 'pulsesensor-two', durationSec: 4 });
    assert.equal(two.truth.baudRate, 250000);
    assert.ok(lines(two.bytes).every((l) => /^\d+,\d+\r\n$/.test(l)));
    assert.ok(two.truth.samples.every((s) => s.values?.length === 2));
    assert.notDeepEqual(two.truth.samples.map((s) => s.values![0]), two.truth.samples.map((s) => s.values![1]));
    const bf = DeviceEmulator.render({ device: 'pulsesensor-begin-failed', durationSec: 10 });
    assert.equal(text(bf.bytes), '!\r\n'.repeat(99), 'about 10 `!` lines a second');
    assert.equal(bf.truth.samples.length, 0);
  });

  test('signalcoach: the samples due during the 1 s set-up delay come in one burst, then 50/s', () => {
    const { bytes, truth } = DeviceEmulator.render({ device: 'pulsesensor-signalcoach', durationSec: 3 });
    assert.ok(lines(bytes).every((l) => /^\d+\r\n$/.test(l)));
    const atBoot = truth.samples.filter((s) => s.tSec === 1).length;
    assert.ok(atBoot >= 49 && atBoot <= 51, `${atBoot} at boot`);
    const later = truth.samples.slice(atBoot).map((s) => s.tSec);
    assert.ok(later[0] > 1 && later[0] <= 1.02 + 1e-9);
    later.slice(1).forEach((t, i) => assert.ok(Math.abs(t - later[i] - 0.02) < 1e-9, `sample ${atBoot + i + 1} at ${t}`));
  });

  test('esp32: banner and `72 bpm` lines only, samples after `b`, none after `x`', () => {
    const e = new DeviceEmulator({ device: 'pulsesensor-esp32' });
    e.advance(5);
    const before = text(e.takeDue(5)!);
    const banner =
      'Attempting to connect to SSID ~ ~\nConnected\r\nPulseSensor ESP32 Example\r\n\nPulseSensor Server url: 192.168.1.172\r\n' +
      "Send 'b' to begin sending PulseSensor signal data\r\nSend 'x' to stop sending PulseSensor signal data\r\nSend '?' to print this message\r\n";
    assert.ok(before.startsWith(banner), JSON.stringify(before.slice(0, 200)));
    const rest = before.slice(banner.length);
    assert.match(rest, /^(\d{1,3} bpm\r\n)+$/, 'only beat lines before `b`');
    e.hostInput(Uint8Array.of(0x62), 5);
    e.advance(8);
    const streaming = lines(e.takeDue(8)!);
    assert.ok(streaming.every((l) => /^\d+\r\n$/.test(l)), 'bare samples, no beat lines while streaming');
    assert.ok(Math.abs(streaming.length - 3 * 49.6) <= 2, `${streaming.length} samples in 3 s`);
    e.hostInput(Uint8Array.of(0x78), 8);
    e.advance(12);
    assert.match(text(e.takeDue(12)!), /^(\d{1,3} bpm\r\n)+$/);
    assert.deepEqual(e.truth().streams, [{ startSec: 5, endSec: 8 }]);
  });

  test('cms50-9: silent until A1; stops 30 s after the last A1/AF; A2 stops and is answered 0C 80', () => {
    const e = new DeviceEmulator({ device: 'cms50-9' });
    e.advance(2);
    assert.equal(e.takeDue(2), null, 'nothing before the start command');
    e.hostInput(cmd(0xa1), 2);
    e.advance(50);
    let t = e.truth();
    assert.deepEqual(t.streams, [{ startSec: 2, endSec: 32 }]);
    assert.ok(Math.abs(t.samples.length - 30 * 60) <= 1);
    e.hostInput(cmd(0xa1), 50);
    e.advance(70);
    e.hostInput(cmd(0xaf), 70);
    e.advance(95);
    e.hostInput(cmd(0xa2), 95);
    e.advance(100);
    t = e.truth();
    assert.deepEqual(t.streams[1], { startSec: 50, endSec: 95 });
    const all = e.takeDue(100)!;
    assert.deepEqual(Array.from(all.subarray(all.length - 2)), [0x0c, 0x80]);
    assert.equal(all.length, t.samples.length * 9 + 2);
  });
});

describe('sample clock and link', () => {
  const meanRate = (t: EmulatorTruth) => (t.samples.length - 1) / (t.samples[t.samples.length - 1].tSec - t.samples[0].tSec);

  test('rate 49.3 Hz with drift 0.002/min over 20 s: the requested mean rate within 0.05 %', () => {
    const { truth } = DeviceEmulator.render({ device: 'pulsesensor-bpm', rateHz: 49.3, driftPerMin: 0.002, durationSec: 20 });
    const s = truth.samples;
    const mid = (s[0].tSec + s[s.length - 1].tSec) / 2;
    const want = 49.3 * (1 + (0.002 * mid) / 60);
    assert.ok(Math.abs(meanRate(truth) / want - 1) < 0.0005, `${meanRate(truth)} vs ${want}`);
    const first = (s[100].tSec - s[0].tSec) / 100;
    const last = (s[s.length - 1].tSec - s[s.length - 101].tSec) / 100;
    assert.ok(last < first, 'the rate rises: intervals shrink');
    for (const rate of [49.8, 50.25, 59.7, 60.3]) {
      const r = DeviceEmulator.render({ device: rate > 55 ? 'cms50-5' : 'pulsesensor-processing', rateHz: rate, durationSec: 10 });
      assert.ok(Math.abs(meanRate(r.truth) / rate - 1) < 1e-6, `${rate}`);
    }
  });

  test('burst: held back from 5 s for 2 s, then replayed at 10×, order unchanged; pause: not sent', () => {
    const { bytes, truth } = DeviceEmulator.render({ device: 'pulsesensor-processing', durationSec: 12, burstAtSec: 5, burstSec: 2, pauseAtSec: 9, pauseSec: 1 });
    const held = truth.samples.filter((s) => s.tSec >= 5 && s.tSec < 7);
    assert.ok(held.every((s) => s.sendSec >= 7));
    assert.ok(Math.abs(held[1].sendSec - held[0].sendSec - 1 / (49.3 * 10)) < 1e-6);
    const caughtUp = truth.samples.find((s) => s.tSec > 7.3)!;
    assert.equal(caughtUp.sendSec, caughtUp.tSec);
    const paused = truth.samples.filter((s) => s.fate === 'paused');
    assert.ok(paused.length >= 48 && paused.every((s) => s.tSec >= 9 && s.tSec < 10));
    const d = new PulseSensorDecoder();
    const got = d.push(bytes).filter((r) => r.kind === 'signal').map((r) => (r.kind === 'signal' ? r.value : -1));
    assert.deepEqual(got, truth.samples.filter((s) => s.fate === 'ok').map((s) => s.value));
  });

  test('faults are deterministic per seed and realistic in kind', () => {
    const a = DeviceEmulator.render({ device: 'pulsesensor-bpm', durationSec: 30, seed: 5, lost: 0.02, garbled: 0.05 });
    const b = DeviceEmulator.render({ device: 'pulsesensor-bpm', durationSec: 30, seed: 5, lost: 0.02, garbled: 0.05 });
    const c = DeviceEmulator.render({ device: 'pulsesensor-bpm', durationSec: 30, seed: 6, lost: 0.02, garbled: 0.05 });
    assert.deepEqual(a.bytes, b.bytes);
    assert.notDeepEqual(a.bytes, c.bytes);
    const u = a.truth.units;
    const n = u.ok + u.lost + u.garbled;
    assert.ok(Math.abs(u.lost / n - 0.02) < 0.01 && Math.abs(u.garbled / n - 0.05 * 0.98) < 0.015, JSON.stringify(u));
    const k = a.truth.garbleKinds;
    assert.ok(k.drop > 0 && k.flip > 0 && k.truncate > 0, JSON.stringify(k));
  });

  test('firmware beats: reported IBIs match the synthetic pulse after the start-up beats', () => {
    const { truth } = DeviceEmulator.render({ device: 'pulsesensor-processing', durationSec: 30 });
    const beats = truth.beatsSec[0];
    const trueIbi = beats.slice(1).map((b, i) => (b - beats[i]) * 1000);
    const rep = truth.reported.slice(3); // the first reports carry the start-up IBI while the threshold settles
    assert.ok(rep.length >= 30);
    for (const r of rep) {
      const next = beats.findIndex((b) => b > r.tSec);
      const k = (next < 0 ? beats.length : next) - 1; // the beat whose upstroke was detected
      assert.ok(Math.abs(r.ibiMs - trueIbi[k - 1]) <= 6, `IBI ${r.ibiMs} vs ${trueIbi[k - 1]} at ${r.tSec}`);
      assert.ok(r.tSec - beats[k] > 0 && r.tSec - beats[k] < 0.1, 'detected on the upstroke');
    }
    const meanIbi = DEFAULT_IBI_MS.reduce((s, v) => s + v, 0) / DEFAULT_IBI_MS.length;
    assert.ok(Math.abs(rep[rep.length - 1].bpm - 60000 / meanIbi) <= 3, `BPM ${rep[rep.length - 1].bpm}`);
  });

  test('a real recording as the waveform: CMS50 beats at a plausible rate', { skip: !existsSync(dataFile('neurokit_resting_5min_100hz.csv')) }, () => {
    const waveform = RecordingWaveform.load(dataFile('neurokit_resting_5min_100hz.csv'));
    const { truth } = DeviceEmulator.render({ device: 'cms50-5', durationSec: 60, waveform });
    assert.ok(truth.samples.every((s) => s.value >= 0 && s.value <= 127));
    const bpm = truth.reported[truth.reported.length - 1].bpm;
    assert.ok(truth.reported.length >= 40 && bpm >= 45 && bpm <= 110, `${truth.reported.length} beats, ${bpm} bpm`);
  });
});

describe('uartResample (baud mismatch)', () => {
  const line = Uint8Array.from('S512\r\nS513\r\n', (c) => c.charCodeAt(0));
  test('same speed: unchanged; another speed: garbage', () => {
    assert.deepEqual(uartResample(line, { baudRate: 115200 }, { baudRate: 115200 }), line);
    assert.deepEqual(uartResample(line, { baudRate: 19200, parity: 'odd' }, { baudRate: 19200 }), line, 'parity bit read as a stop bit');
    for (const [tx, rx] of [[250000, 115200], [115200, 250000], [115200, 19200], [19200, 4800], [4800, 19200]]) {
      const got = uartResample(line, { baudRate: tx }, { baudRate: rx });
      assert.notDeepEqual(got, line, `${tx} read at ${rx}`);
      const d = new PulseSensorDecoder();
      assert.equal(d.push(got).filter((r) => r.kind === 'signal').length, 0, `${tx} read at ${rx}: nothing decodes`);
    }
    // A slower receiver sees fewer bytes, a faster one more.
    assert.ok(uartResample(line, { baudRate: 115200 }, { baudRate: 19200 }).length < line.length);
    assert.ok(uartResample(line, { baudRate: 19200 }, { baudRate: 115200 }).length > line.length);
  });
});

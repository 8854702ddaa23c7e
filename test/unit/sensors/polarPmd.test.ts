import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  pmdStartPpg,
  pmdStart,
  pmdStop,
  pmdGetSettings,
  pmdGetSdkModeStatus,
  pmdSdkModeEnabled,
  pmdStartPpi,
  parsePmdControlPoint,
  PmdResponseAssembler,
  parsePmdSettings,
  parsePmdFeatures,
  parsePmdDataFrame,
  decodeDeltaFrames,
  pmdTimestampToUnixMs,
  PmdType,
} from '../../../shared/sensors/polarPmd.js';
import { hex } from './hex.js';
import { COMPRESSED_PPG_FRAME_HEX } from './polarVectors.js';
import { encodeCompressedPpg, encodeRawPpg } from './pmdEncode.js';

const bytesOf = (u: Uint8Array) => Array.from(u);

describe('PMD command builders', () => {
  test('START PPG 55 Hz, 22 bit, 4 channels', () => {
    assert.deepEqual(bytesOf(pmdStartPpg({ sampleRateHz: 55, resolutionBits: 22, channels: 4 })), bytesOf(hex('02 01 00 01 37 00 01 01 16 00 04 01 04')));
  });
  test('START ECG 130 Hz, 14 bit', () => {
    assert.deepEqual(bytesOf(pmdStart(PmdType.ECG, { sampleRateHz: 130, resolutionBits: 14 })), bytesOf(hex('02 00 00 01 82 00 01 01 0E 00')));
  });
  test('STOP PPG / GET PPG settings', () => {
    assert.deepEqual(bytesOf(pmdStop(PmdType.PPG)), [0x03, 0x01]);
    assert.deepEqual(bytesOf(pmdGetSettings(PmdType.PPG)), [0x01, 0x01]);
  });
  test('START PPI takes no settings: 02 03; GET_SDK_MODE_STATUS has no type byte: 06', () => {
    assert.deepEqual(bytesOf(pmdStartPpi()), [0x02, 0x03]);
    assert.deepEqual(bytesOf(pmdGetSdkModeStatus()), [0x06]);
  });
  test('SDK mode status answer: first parameter ≠ 0 = on; an error status (old firmware) = off', () => {
    const on = (h: string) => {
      const r = parsePmdControlPoint(hex(h));
      assert.ok(r.ok && r.kind === 'response');
      return pmdSdkModeEnabled(r as Extract<typeof r, { kind: 'response' }>);
    };
    assert.equal(on('F0 06 00 00 00 01'), true);
    assert.equal(on('F0 06 00 00 00 00'), false);
    assert.equal(on('F0 06 00 01 00'), false);
    assert.equal(on('F0 06 00 00 00'), false);
  });
});

describe('PMD control point responses', () => {
  test('F0 01 02 00 00 FF FF FF → GET(ACC) OK, more 0, params FF FF FF', () => {
    const r = parsePmdControlPoint(hex('F0 01 02 00 00 FF FF FF'));
    assert.ok(r.ok && r.kind === 'response');
    if (r.ok && r.kind === 'response') {
      assert.equal(r.op, 1);
      assert.equal(r.measurementType, PmdType.ACC);
      assert.equal(r.status, 0);
      assert.equal(r.statusName, 'SUCCESS');
      assert.equal(r.more, false);
      assert.deepEqual(bytesOf(r.params), [0xff, 0xff, 0xff]);
    }
  });
  test('F0 01 06 07 00 → GET(MAG) INVALID_RESOLUTION', () => {
    const r = parsePmdControlPoint(hex('F0 01 06 07 00'));
    assert.ok(r.ok && r.kind === 'response');
    if (r.ok && r.kind === 'response') {
      assert.equal(r.measurementType, PmdType.MAG);
      assert.equal(r.status, 7);
      assert.equal(r.statusName, 'INVALID_RESOLUTION');
      assert.equal(r.params.length, 0);
    }
  });
  test('01 01 → device stopped PPG', () => {
    const r = parsePmdControlPoint(hex('01 01'));
    assert.deepEqual(r, { ok: true, kind: 'stopped', types: [1] });
  });
  test('garbage and short indications → errors', () => {
    assert.equal(parsePmdControlPoint(hex('77 01 02')).ok, false);
    assert.equal(parsePmdControlPoint(hex('F0 01')).ok, false);
    assert.equal(parsePmdControlPoint(new Uint8Array()).ok, false);
  });
  test('multi-part response: parameter bytes of following parts are appended from offset 5', () => {
    const a = new PmdResponseAssembler();
    assert.equal(a.push(hex('F0 01 01 00 01 00 01 37 00')), null);
    assert.equal(a.push(hex('F0 01 01 00 01 01 01 16 00')), null);
    const r = a.push(hex('F0 01 01 00 00 04 01 04'));
    assert.ok(r && r.ok && r.kind === 'response');
    if (r && r.ok && r.kind === 'response') {
      assert.equal(r.more, false);
      const s = parsePmdSettings(r.params);
      assert.ok(s.ok);
      if (s.ok) {
        assert.deepEqual(s.sampleRatesHz, [55]);
        assert.deepEqual(s.resolutionsBits, [22]);
        assert.deepEqual(s.channels, [4]);
      }
    }
    // single-part message passes straight through afterwards
    const single = a.push(hex('F0 02 01 00 00'));
    assert.ok(single && single.ok && single.kind === 'response' && single.op === 2);
  });
});

describe('PMD settings and features', () => {
  test('params 00 01 34 00 01 01 10 00 02 04 F5 00 F4 01 E8 03 D0 07 04 01 03', () => {
    const s = parsePmdSettings(hex('00 01 34 00 01 01 10 00 02 04 F5 00 F4 01 E8 03 D0 07 04 01 03'));
    assert.ok(s.ok);
    if (s.ok) {
      assert.deepEqual(s.sampleRatesHz, [52]);
      assert.deepEqual(s.resolutionsBits, [16]);
      assert.deepEqual(s.ranges, [245, 500, 1000, 2000]);
      assert.deepEqual(s.channels, [3]);
    }
  });
  test('FACTOR setting (float32)', () => {
    const f = new Uint8Array(4);
    new DataView(f.buffer).setFloat32(0, 0.5, true);
    const s = parsePmdSettings(Uint8Array.from([5, 1, ...f]));
    assert.ok(s.ok && s.factor === 0.5);
  });
  test('truncated or unknown settings → error', () => {
    assert.equal(parsePmdSettings(hex('00 02 34 00')).ok, false);
    assert.equal(parsePmdSettings(hex('09 01 00')).ok, false);
    assert.equal(parsePmdSettings(hex('00')).ok, false);
  });
  test('CP read 0F 6E 00 → PPG, ACC, PPI, GYRO, MAG', () => {
    const f = parsePmdFeatures(hex('0F 6E 00'));
    assert.ok(f.ok);
    if (f.ok) {
      assert.deepEqual(
        { ecg: f.ecg, ppg: f.ppg, acc: f.acc, ppi: f.ppi, gyro: f.gyro, mag: f.mag, skinTemp: f.skinTemp, sdkMode: f.sdkMode },
        { ecg: false, ppg: true, acc: true, ppi: true, gyro: true, mag: true, skinTemp: false, sdkMode: false },
      );
    }
  });
});

describe('PMD data frames', () => {
  test('raw ECG: ts 2 000 000 000 ns, −32766 µV, 32770 µV', () => {
    const r = parsePmdDataFrame(hex('00 00 94 35 77 00 00 00 00 00 02 80 FF 02 80 00'));
    assert.ok(r.ok && r.kind === 'ecg');
    if (r.ok && r.kind === 'ecg') {
      assert.equal(r.timestampNs, 2_000_000_000n);
      assert.deepEqual(r.samplesUv, [-32766, 32770]);
    }
  });
  test('raw PPG type 0', () => {
    const r = parsePmdDataFrame(hex('01 00 94 35 77 00 00 00 00 00 01 02 03 04 05 06 FF FF 7F 00 00 00 FF FF FF 0F EF EF 00 00 80 0F EF EF'));
    assert.ok(r.ok && r.kind === 'ppg');
    if (r.ok && r.kind === 'ppg') {
      assert.equal(r.timestampNs, 2_000_000_000n);
      assert.equal(r.compressed, false);
      assert.deepEqual(r.samples, [
        { ppg: [197121, 394500, 8388607], ambient: 0 },
        { ppg: [-1, -1052913, -8388608], ambient: -1052913 },
      ]);
    }
  });
  test('compressed PPG type 0: the full 229-byte SDK frame', () => {
    const bytes = hex(COMPRESSED_PPG_FRAME_HEX);
    assert.equal(bytes.length, 229);
    const r = parsePmdDataFrame(bytes);
    assert.ok(r.ok && r.kind === 'ppg');
    if (r.ok && r.kind === 'ppg') {
      assert.equal(r.compressed, true);
      assert.equal(r.timestampNs, 2_000_000_000n);
      assert.equal(r.samples.length, 42);
      const flat = (i: number) => [...r.samples[i].ppg, r.samples[i].ambient];
      assert.deepEqual(flat(0), [11564, 30658, -11565, -30659]);
      assert.deepEqual(flat(1), [11742, 30590, -11743, -30591]);
      assert.deepEqual(flat(2), [11920, 30521, -11921, -30522]);
      assert.deepEqual(flat(41), [18480, 27058, -18481, -27059]);
    }
  });
  test('compressed frame: truncated copies give errors, never throw', () => {
    const bytes = hex(COMPRESSED_PPG_FRAME_HEX);
    for (const n of [5, 10, 15, 21, 23, 100, 228]) {
      const r = parsePmdDataFrame(bytes.subarray(0, n));
      assert.equal(r.ok, false, `length ${n}`);
    }
    // header + reference sample alone is a valid one-sample frame
    const ref = parsePmdDataFrame(bytes.subarray(0, 22));
    assert.ok(ref.ok && ref.kind === 'ppg' && ref.samples.length === 1);
  });
  test('own encoder round-trip: multi-block compressed PPG with mixed delta widths', () => {
    const samples: number[][] = [];
    let s = [100000, -200000, 8388000, -5];
    for (let i = 0; i < 120; i++) {
      samples.push(s);
      const big = i % 37 === 0 ? 300000 : 0;
      s = s.map((v, c) => Math.max(-8388608, Math.min(8388607, v + Math.round(Math.sin(i * 0.3 + c) * 500) + big * (c % 2 ? -1 : 1))));
    }
    const frame = encodeCompressedPpg(samples, 123456789n, 25);
    const r = parsePmdDataFrame(frame);
    assert.ok(r.ok && r.kind === 'ppg');
    if (r.ok && r.kind === 'ppg') {
      assert.equal(r.samples.length, samples.length);
      assert.deepEqual(r.samples.map((x) => [...x.ppg, x.ambient]), samples);
      assert.equal(r.timestampNs, 123456789n);
    }
    const raw = parsePmdDataFrame(encodeRawPpg(samples.slice(0, 3), 5n));
    assert.ok(raw.ok && raw.kind === 'ppg' && raw.samples.length === 3 && raw.samples[2].ambient === samples[2][3]);
  });
  test('decodeDeltaFrames: zero-width deltas repeat the previous sample; >32-bit deltas are rejected', () => {
    const d = decodeDeltaFrames(Uint8Array.from([1, 0, 2, 0, 0, 3]), 2, 16);
    assert.ok(d.ok);
    if (d.ok) assert.deepEqual(d.samples, [[1, 2], [1, 2], [1, 2], [1, 2]]);
    assert.equal(decodeDeltaFrames(Uint8Array.from([1, 0, 40, 1, 0, 0, 0, 0, 0]), 1, 16).ok, false);
  });
  test('PPI: SDK vector {128, 32896, 32896, flags 1/1/1}, {0, 1, 1, flags 0}; blocker discarded', () => {
    const r = parsePmdDataFrame(hex('03 00 00 00 00 00 00 00 00 00 80 80 80 80 80 FF 00 01 00 01 00 00'));
    assert.ok(r.ok && r.kind === 'ppi');
    if (r.ok && r.kind === 'ppi') {
      assert.deepEqual(r.all, [
        { hrBpm: 128, ppMs: 32896, errorMs: 32896, blocker: true, skinContact: true, contactSupported: true },
        { hrBpm: 0, ppMs: 1, errorMs: 1, blocker: false, skinContact: false, contactSupported: false },
      ]);
      assert.deepEqual(r.samples, [r.all[1]]);
    }
  });
  test('PPI (S): 60 bpm 800±10 contact OK; 62 bpm 764±12 blocker → discarded', () => {
    const r = parsePmdDataFrame(hex('03 00 00 00 00 00 00 00 00 00 3C 20 03 0A 00 06 3E FC 02 0C 00 07'));
    assert.ok(r.ok && r.kind === 'ppi');
    if (r.ok && r.kind === 'ppi') {
      assert.equal(r.all.length, 2);
      assert.deepEqual(r.samples, [{ hrBpm: 60, ppMs: 800, errorMs: 10, blocker: false, skinContact: true, contactSupported: true }]);
      assert.deepEqual(r.all[1], { hrBpm: 62, ppMs: 764, errorMs: 12, blocker: true, skinContact: true, contactSupported: true });
    }
  });
  test('unsupported measurement types are reported, odd lengths are errors', () => {
    const acc = parsePmdDataFrame(hex('02 00 00 00 00 00 00 00 00 01 00 00 00'));
    assert.ok(acc.ok && acc.kind === 'unsupported');
    assert.equal(parsePmdDataFrame(hex('01 00 00 00 00 00 00 00 00 00 01 02 03')).ok, false);
    assert.equal(parsePmdDataFrame(hex('00 00 00 00 00 00 00 00 00 00 01')).ok, false);
    assert.equal(parsePmdDataFrame(hex('03 00 00 00 00 00 00 00 00 00 01')).ok, false);
  });
  test('factor multiplies samples; timestamps convert from the 2000 epoch', () => {
    const r = parsePmdDataFrame(hex('00 00 94 35 77 00 00 00 00 00 02 80 FF'), { factor: 0.5 });
    assert.ok(r.ok && r.kind === 'ecg' && r.samplesUv[0] === -16383);
    assert.equal(new Date(pmdTimestampToUnixMs(0n)).toISOString(), '2000-01-01T00:00:00.000Z');
    assert.equal(pmdTimestampToUnixMs(2_000_000_000n) - pmdTimestampToUnixMs(0n), 2000);
  });
});

/**
 * Polar PMD PPG → PpgFrames (shared/sensors/polarPmdPpg.ts): the START settings chosen from a GET
 * answer (the Verity 1.1.5–2.0.x answer of 135 Hz, SDK-mode rates, OH1's 130 Hz), and the count:
 * index = samples since START, deviceSec = the frame timestamp (last sample, ns since 2000) in s.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePmdDataFrame, parsePmdSettings, type PmdSettings } from '../../../shared/sensors/polarPmd.js';
import { PmdPpgCounter, choosePpgSettings, pmdTimestampSec, ppgValue, type PmdPpgDataFrame } from '../../../shared/sensors/polarPmdPpg.js';
import { hex } from './hex.js';
import { COMPRESSED_PPG_FRAME_HEX } from './polarVectors.js';
import { encodeCompressedPpg, encodeRawPpg } from './pmdEncode.js';

function settings(h: string): PmdSettings {
  const s = parsePmdSettings(hex(h));
  assert.ok(s.ok);
  return s as PmdSettings;
}

function ppgFrame(bytes: Uint8Array): PmdPpgDataFrame {
  const f = parsePmdDataFrame(bytes);
  assert.ok(f.ok && f.kind === 'ppg', f.ok ? f.kind : f.error);
  return f as PmdPpgDataFrame;
}

describe('choosePpgSettings', () => {
  test('nothing readable → Verity defaults 55 Hz, 22 bit, 4 channels', () => {
    assert.deepEqual(choosePpgSettings(null), { sampleRateHz: 55, resolutionBits: 22, channels: 4 });
  });
  test('Verity 1.1.5–2.0.x offers only 135 Hz: START with 135 (KnownIssues.md: works, streams 55 Hz)', () => {
    assert.deepEqual(choosePpgSettings(settings('00 01 87 00 01 01 16 00 04 01 04')), { sampleRateHz: 135, resolutionBits: 22, channels: 4 });
  });
  test('SDK mode rates 28/44/55/135/176: the wanted one, else the nearest', () => {
    const sdk = settings('00 05 1C 00 2C 00 37 00 87 00 B0 00 01 01 16 00 04 01 04');
    assert.equal(choosePpgSettings(sdk).sampleRateHz, 55);
    assert.equal(choosePpgSettings(sdk, 176).sampleRateHz, 176);
    assert.equal(choosePpgSettings(sdk, 100).sampleRateHz, 135);
    assert.equal(choosePpgSettings(sdk, 30).sampleRateHz, 28);
  });
  test('OH1 offers 130 Hz (it streams 135 Hz: KnownIssues.md); resolution and channels as offered', () => {
    assert.deepEqual(choosePpgSettings(settings('00 01 82 00 01 01 16 00 04 01 04')), { sampleRateHz: 130, resolutionBits: 22, channels: 4 });
    assert.deepEqual(choosePpgSettings(settings('00 01 37 00 01 01 12 00 04 01 03')), { sampleRateHz: 55, resolutionBits: 18, channels: 3 });
  });
});

describe('PmdPpgCounter', () => {
  test('SDK raw PPG vector: ts 2 000 000 000 ns → deviceSec 2; values = mean(PPG0–2) − ambient', () => {
    const c = new PmdPpgCounter(55, 3);
    const f = c.frame(ppgFrame(hex('01 00 94 35 77 00 00 00 00 00 01 02 03 04 05 06 FF FF 7F 00 00 00 FF FF FF 0F EF EF 00 00 80 0F EF EF')), 12.5);
    assert.ok(f);
    assert.equal(f.kind, 'ppg');
    assert.equal(f.index, 0);
    assert.equal(f.stream, 3);
    assert.equal(f.fsHz, 55);
    assert.equal(f.arrivalSec, 12.5);
    assert.equal(f.deviceSec, 2);
    assert.deepEqual(Array.from(f.values), [(197121 + 394500 + 8388607) / 3 - 0, (-1 - 1052913 - 8388608) / 3 + 1052913].map(Math.fround));
    assert.equal(c.samples, 2);
  });
  test('the 229-byte compressed SDK frame: 42 samples; the next frame is counted from 42', () => {
    const c = new PmdPpgCounter(55, 0, 0);
    const a = c.frame(ppgFrame(hex(COMPRESSED_PPG_FRAME_HEX)), 1)!;
    assert.equal(a.values.length, 42);
    assert.deepEqual([a.values[0], a.values[1], a.values[41]], [11564, 11742, 18480], 'channel 0 (PPG0)');
    const b = c.frame(ppgFrame(encodeCompressedPpg([[1, 2, 3, 4], [5, 6, 7, 8]], 3_000_000_000n)), 2)!;
    assert.equal(b.index, 42);
    assert.equal(b.deviceSec, 3);
    assert.equal(c.samples, 44);
  });
  test('timestamp 0 → no deviceSec; an empty frame → null and not counted', () => {
    const c = new PmdPpgCounter(55, 0);
    const f = c.frame(ppgFrame(encodeRawPpg([[3, 6, 9, 1]], 0n)), 1)!;
    assert.equal('deviceSec' in f, false);
    assert.deepEqual(Array.from(f.values), [5]);
    assert.equal(c.frame(ppgFrame(encodeRawPpg([], 5n)), 2), null);
    assert.equal(c.samples, 1);
  });
  test('ppgValue and pmdTimestampSec', () => {
    const s = { ppg: [30, 60, 90] as const, ambient: 10 };
    assert.equal(ppgValue(s, 'mean'), 50);
    assert.equal(ppgValue(s, 2), 90);
    assert.ok(Math.abs(pmdTimestampSec(800_000_000_123_456_789n) - 800_000_000.123456789) < 1e-6, 'to the resolution of a double (~0.1 µs)');
  });
});

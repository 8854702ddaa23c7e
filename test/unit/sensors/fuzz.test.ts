/**
 * Fuzz: 10^6 random and mutated frames in total through every parser and streaming
 * decoder (seeded PRNG, reproducible). Asserts that no exception escapes, that the
 * streaming decoders' buffers stay bounded under endless delimiter-free garbage,
 * and that heap usage does not grow without bound.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHeartRateMeasurement, parseBodySensorLocation, parseBatteryLevel } from '../../../shared/sensors/bleHeartRate.js';
import { parsePmdControlPoint, parsePmdSettings, parsePmdFeatures, parsePmdDataFrame, PmdResponseAssembler } from '../../../shared/sensors/polarPmd.js';
import { PulseSensorDecoder } from '../../../shared/sensors/pulseSensorLines.js';
import { Cms50Decoder5, Cms50Decoder9 } from '../../../shared/sensors/cms50.js';
import { CsvLineDecoder } from '../../../shared/sensors/csvLines.js';
import { hex, ascii } from './hex.js';
import { COMPRESSED_PPG_FRAME_HEX } from './polarVectors.js';

/** mulberry32 */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = prng(0xcad4a5);
const int = (n: number) => Math.floor(rnd() * n);
const randomBytes = (max: number) => {
  const b = new Uint8Array(int(max + 1));
  for (let i = 0; i < b.length; i++) b[i] = int(256);
  return b;
};

/** Mutate a valid seed: flip bits, change bytes, truncate, extend or splice. */
function mutate(seed: Uint8Array): Uint8Array {
  let b: Uint8Array = seed.slice();
  const ops = 1 + int(4);
  for (let k = 0; k < ops; k++) {
    const op = int(5);
    if (op === 0 && b.length) b[int(b.length)] ^= 1 << int(8);
    else if (op === 1 && b.length) b[int(b.length)] = int(256);
    else if (op === 2) b = b.subarray(0, int(b.length + 1));
    else if (op === 3) {
      const ext = new Uint8Array(b.length + 1 + int(8));
      ext.set(b);
      for (let i = b.length; i < ext.length; i++) ext[i] = int(256);
      b = ext;
    } else if (b.length > 2) {
      const i = int(b.length);
      b = Uint8Array.from([...b.subarray(i), ...b.subarray(0, i)]);
    }
  }
  return b;
}

const frame = (seeds: Uint8Array[], max: number) => (rnd() < 0.5 ? randomBytes(max) : mutate(seeds[int(seeds.length)]));

const HR_SEEDS = ['00 55', '04 FF', '1E 55 32 00 21 00', '1F 01 01 32 01 01 00 02 01 FF FF', '17 01 01', '16 48 10 03 F6 02'].map(hex);
const CP_SEEDS = ['F0 01 02 00 00 FF FF FF', 'F0 01 06 07 00', '01 01', 'F0 01 01 00 01 00 01 37 00', '0F 6E 00'].map(hex);
const SET_SEEDS = ['00 01 34 00 01 01 10 00 02 04 F5 00 F4 01 E8 03 D0 07 04 01 03', '05 01 00 00 00 3F'].map(hex);
const DATA_SEEDS = [
  hex(COMPRESSED_PPG_FRAME_HEX),
  hex('00 00 94 35 77 00 00 00 00 00 02 80 FF 02 80 00'),
  hex('01 00 94 35 77 00 00 00 00 00 01 02 03 04 05 06 FF FF 7F 00 00 00 FF FF FF 0F EF EF 00 00 80 0F EF EF'),
  hex('03 00 00 00 00 00 00 00 00 00 3C 20 03 0A 00 06 3E FC 02 0C 00 07'),
  hex('00 00 00 00 00 00 00 00 00 80 01 02 0E 05 AA BB CC DD EE FF 11 22'),
];
const PULSE_SEEDS = ['S512\r\n', 'B72\r\nQ833\r\n', '72,833,530\r\n', 'Signal 530\r\n', 'a5\r\nA7\r\nM800\r\n', '!err\r\n'].map(ascii);
const CMS5_SEEDS = ['C5 3C 06 48 61', '85 20 44 02 62', '90 00 30 00 00', '80 80 00 00 00'].map(hex);
const CMS9_SEEDS = ['01 E0 85 B3 96 C1 E1 FF FF', '01 E0 C6 F0 9C C8 E2 FF FF', '01 E1 80 80 80 80 80 FF FF'].map(hex);
const CSV_SEEDS = ['530\n', '0.02,531\r\n', 'time,value\n', '1e3\n'].map(ascii);

function noThrow(name: string, fn: () => unknown, input: Uint8Array): void {
  try {
    fn();
  } catch (err) {
    assert.fail(`${name} threw on ${Array.from(input.subarray(0, 40), (x) => x.toString(16).padStart(2, '0')).join(' ')}: ${String(err)}`);
  }
}

test('fuzz: 10^6 random and mutated frames through every parser; no exception, bounded memory', () => {
  const heapBefore = process.memoryUsage().heapUsed;
  let frames = 0;
  const run = (name: string, n: number, gen: () => Uint8Array, fn: (b: Uint8Array) => unknown) => {
    for (let i = 0; i < n; i++) {
      const b = gen();
      noThrow(name, () => fn(b), b);
    }
    frames += n;
  };

  run('parseHeartRateMeasurement', 200_000, () => frame(HR_SEEDS, 24), parseHeartRateMeasurement);
  run('parseBodySensorLocation', 20_000, () => randomBytes(3), parseBodySensorLocation);
  run('parseBatteryLevel', 20_000, () => randomBytes(3), parseBatteryLevel);
  const asm = new PmdResponseAssembler();
  run('PmdResponseAssembler', 80_000, () => frame(CP_SEEDS, 30), (b) => asm.push(b));
  run('parsePmdControlPoint', 40_000, () => frame(CP_SEEDS, 30), parsePmdControlPoint);
  run('parsePmdFeatures', 20_000, () => frame(CP_SEEDS, 5), parsePmdFeatures);
  run('parsePmdSettings', 80_000, () => frame(SET_SEEDS, 40), parsePmdSettings);
  run('parsePmdDataFrame', 160_000, () => frame(DATA_SEEDS, 240), parsePmdDataFrame);

  const pulse = new PulseSensorDecoder();
  const pulse2 = new PulseSensorDecoder({ sensorCount: 3 });
  run('PulseSensorDecoder', 90_000, () => frame(PULSE_SEEDS, 40), (b) => pulse.push(b));
  run('PulseSensorDecoder(3)', 30_000, () => frame(PULSE_SEEDS, 40), (b) => pulse2.push(b));
  const c5 = new Cms50Decoder5();
  run('Cms50Decoder5', 90_000, () => frame(CMS5_SEEDS, 40), (b) => c5.push(b));
  const c9 = new Cms50Decoder9();
  run('Cms50Decoder9', 90_000, () => frame(CMS9_SEEDS, 40), (b) => c9.push(b));
  const csv = new CsvLineDecoder();
  run('CsvLineDecoder', 80_000, () => frame(CSV_SEEDS, 40), (b) => csv.push(b));
  assert.equal(frames, 1_000_000);

  // Endless garbage without delimiters: buffers stay bounded.
  const noNewline = new Uint8Array(4096).fill(0x35);
  const noSync = new Uint8Array(4096).fill(0x7f);
  const allHigh = new Uint8Array(4096).fill(0xc1);
  for (let i = 0; i < 500; i++) {
    pulse.push(noNewline);
    csv.push(noNewline);
    c5.push(noSync);
    c9.push(allHigh);
  }
  assert.ok(pulse.bufferedBytes <= 128, `pulse buffered ${pulse.bufferedBytes}`);
  assert.ok(csv.bufferedBytes <= 128, `csv buffered ${csv.bufferedBytes}`);
  assert.ok(c5.bufferedBytes <= 5);
  assert.ok(c9.bufferedBytes <= 9);
  // stats stay consistent: garbage is counted
  assert.ok(pulse.stats.badLines > 0 && c5.stats.badBytes > 0 && c9.stats.badBytes > 0 && csv.stats.badLines > 0);

  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  const bound = gc ? 16 : 200;
  assert.ok(grownMb < bound, `heap grew by ${grownMb.toFixed(1)} MB (bound ${bound} MB)`);
});

/**
 * Lost-record markers ({ kind: 'lost', count }) of the serial decoders, against known
 * truth: hand-made vectors, and the device emulators' truth (test/support/emulators)
 * for every profile with 5 % of the lines/packets garbled and 2 % dropped whole.
 *
 * Accuracy measured while building this (120 s per profile, seeds 1–3): the total lost
 * count is within 1.5 % of the truly undecodable samples for the PulseSensor line
 * formats and within 2 % for the CMS50 packets (it errs low: two garbled units in a row
 * can look like one). The test allows 4 % of the garbled units + 3.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { PulseSensorDecoder } from '../../../shared/sensors/pulseSensorLines.js';
import { Cms50Decoder5, Cms50Decoder9 } from '../../../shared/sensors/cms50.js';
import { PacketLossCounter, RunningMedian } from '../../../shared/sensors/lostRecords.js';
import { DeviceEmulator, type EmulatorTruth } from '../../support/emulators/deviceEmulator.js';
import { DEVICE_PROFILE_IDS, type DeviceProfileId } from '../../support/emulators/deviceProfiles.js';
import { mulberry32 } from '../../support/emulators/linkFaults.js';
import { ascii, hex } from './hex.js';

type AnyRecord = { kind: string; count?: number };
const SAMPLE_KINDS = new Set(['signal', 'plotter', 'signals', 'live']);

function decoderFor(truth: EmulatorTruth) {
  if (truth.protocol === 'pulsesensor') return new PulseSensorDecoder({ sensorCount: truth.sensorCount });
  return truth.protocol === 'cms50-5' ? new Cms50Decoder5() : new Cms50Decoder9();
}

/** Decode `bytes` in random chunks (as a serial port delivers them). */
function decodeAll(truth: EmulatorTruth, bytes: Uint8Array, seed: number): AnyRecord[] {
  const d = decoderFor(truth);
  const rnd = mulberry32(seed);
  const out: AnyRecord[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + Math.floor(rnd() * 64);
    out.push(...(d.push(bytes.subarray(i, i + n)) as AnyRecord[]));
    i += n;
  }
  return out;
}

const lostSum = (rs: AnyRecord[]) => rs.reduce((s, r) => s + (r.kind === 'lost' ? (r.count ?? 0) : 0), 0);
const sampleCount = (rs: AnyRecord[]) => rs.filter((r) => SAMPLE_KINDS.has(r.kind)).length;

describe('lost-record markers against the device emulators', () => {
  const profiles = DEVICE_PROFILE_IDS.filter((id) => id !== 'pulsesensor-begin-failed');
  for (const device of profiles) {
    test(`${device}: 5 % garbled, 2 % dropped → lost count matches the undecodable samples`, () => {
      for (const seed of [1, 2]) {
        const { bytes, truth } = DeviceEmulator.render({ device, durationSec: 120, seed, garbled: 0.05, lost: 0.02 });
        const recs = decodeAll(truth, bytes, seed);
        const sent = truth.samples.filter((s) => s.fate === 'ok' || s.fate === 'garbled').length;
        const garbled = truth.samples.filter((s) => s.fate === 'garbled').length;
        assert.ok(garbled > 200, `${garbled} garbled samples`);
        const missing = sent - sampleCount(recs);
        const lost = lostSum(recs);
        // Undecodable samples come from garbling only (whole dropped lines leave no trace);
        // some garbled units still decode (a flipped low bit in a value).
        assert.ok(missing > 0.5 * garbled && missing <= 1.5 * garbled, `missing ${missing} vs garbled ${garbled}`);
        assert.ok(Math.abs(lost - missing) <= 0.04 * garbled + 3, `seed ${seed}: lost ${lost} vs missing ${missing} (garbled ${garbled})`);
      }
    });
  }

  test('lines/packets dropped whole leave no marker; a clean stream has none', () => {
    for (const device of ['pulsesensor-processing', 'cms50-5', 'cms50-9'] as DeviceProfileId[]) {
      const { bytes, truth } = DeviceEmulator.render({ device, durationSec: 60, seed: 4, lost: 0.05 });
      const recs = decodeAll(truth, bytes, 4);
      assert.equal(lostSum(recs), 0, device);
      assert.equal(recs.filter((r) => r.kind === 'lost').length, 0, device);
      assert.equal(sampleCount(recs), truth.samples.filter((s) => s.fate === 'ok').length, device);
    }
  });
});

describe('lost-record markers: vectors', () => {
  const sync = 'S500\r\nS501\r\nS502\r\n';
  const lostOf = (d: { push(b: Uint8Array): unknown[] }, s: string) => (d.push(ascii(s)) as AnyRecord[]).filter((r) => r.kind === 'lost');
  test('visualizer: merged sample lines count each S; per-beat lines count 0', () => {
    const d = new PulseSensorDecoder();
    assert.deepEqual(lostOf(d, 'S5S538\r\n'), [], 'nothing before the first good line');
    d.push(ascii(sync));
    assert.deepEqual(lostOf(d, 'S5S538\r\n'), [{ kind: 'lost', count: 2 }], 'a truncated line merged with the next');
    assert.deepEqual(lostOf(d, 'S5x8\r\n'), [{ kind: 'lost', count: 1 }], 'one corrupted line');
    assert.deepEqual(lostOf(d, 'B\r\nQ8x3\r\n'), [{ kind: 'lost', count: 0 }, { kind: 'lost', count: 0 }], 'corrupted B/Q lines');
    assert.deepEqual(lostOf(d, 'SB73\r\n'), [{ kind: 'lost', count: 1 }], 'a cut S line merged with a B line');
    assert.deepEqual(lostOf(d, '\r\n'), [{ kind: 'lost', count: 1 }], 'a line whose characters were all lost');
  });
  test('plotter and bare values: length over the longest recent good line, commas', () => {
    const p = new PulseSensorDecoder();
    p.push(ascii('72,833,530\r\n72,833,531\r\n'));
    assert.deepEqual(lostOf(p, '72,833,53072,833,532\r\n'), [{ kind: 'lost', count: 2 }]);
    assert.deepEqual(lostOf(p, '772,833,533\r\n'), [{ kind: 'lost', count: 2 }], 'BPM 772: a cut line "7" merged with a whole one');
    const b = new PulseSensorDecoder();
    b.push(ascii('512\r\n513\r\n'));
    assert.deepEqual(lostOf(b, '4514\r\n'), [{ kind: 'lost', count: 2 }], '4514 > 4095: merged lines');
    assert.deepEqual(lostOf(b, '51x\r\n'), [{ kind: 'lost', count: 1 }]);
    assert.deepEqual(lostOf(b, '72 bp\r\n'), [{ kind: 'lost', count: 0 }], 'an ESP32 beat line');
  });
  test('overlong run without a newline: length over the sample-line length', () => {
    const d = new PulseSensorDecoder({ maxLineBytes: 64 });
    d.push(ascii('S500\r\nS501\r\n'));
    const junk = new Uint8Array(600).fill(0x35); // 600 bytes of '5'
    const recs = [...d.push(junk), ...d.push(ascii('\nS502\r\n'))] as AnyRecord[];
    const lost = lostSum(recs);
    assert.ok(lost >= 95 && lost <= 125, `lost ${lost} for 601 bytes at 6 bytes per line`);
    assert.deepEqual(recs[recs.length - 1], { kind: 'signal', sensor: 0, value: 502 });
  });
  test('CMS50 5-byte: a cut packet, a lost sync byte, a false sync inside a packet', () => {
    const good = hex('C5 3C 06 48 61');
    const d = new Cms50Decoder5();
    d.push(good);
    const recs = d.push(hex('85 20 44   C5 3C 06 48 61   48 61   C5 3C 06 48 61   85 20 C4 02 62   C5 3C 06 48 61')) as AnyRecord[];
    assert.deepEqual(recs.map((r) => r.kind), ['lost', 'live', 'lost', 'live', 'lost', 'live']);
    assert.deepEqual(recs.filter((r) => r.kind === 'lost').map((r) => r.count), [1, 1, 1]);
  });
  test('CMS50 9-byte: two cut packets in a row count 2; a command reply counts 0', () => {
    const live = '01 E0 85 B3 96 C1 E1 FF FF';
    const d = new Cms50Decoder9();
    d.push(hex(live));
    const recs = d.push(hex(`01 E0 85 B3 96   01 E0 85 B3 96 C1   ${live}   0C 80   ${live}`)) as AnyRecord[];
    assert.deepEqual(recs.map((r) => [r.kind, r.count]), [['lost', 2], ['live', undefined], ['live', undefined]]);
    assert.equal(d.stats.responses, 1);
  });
  test('CMS50 9-byte: a packet whose type byte was lost then a cut one; a flipped data byte inside one; a live packet typed 03', () => {
    const live = '01 E0 85 B3 96 C1 E1 FF FF';
    const d = new Cms50Decoder9();
    d.push(hex(live));
    const lost = (s: string) => (d.push(hex(s)) as AnyRecord[]).filter((r) => r.kind === 'lost').map((r) => r.count);
    assert.deepEqual(lost(`E0 85 B3 96 C1 E1 FF   01 E0 85   ${live}`), [2], 'a packet whose type byte was lost (7 orphan bytes), then a cut one: two');
    assert.deepEqual(lost(`01 E0 85 33 96 C1 E1 FF FF   ${live}`), [1], 'a data byte lost its high bit (a false type byte): one packet');
    assert.deepEqual(lost(`01 E0 85 05 96 C1 E1 FF FF   ${live}`), [1], 'the false type byte is a known 9-byte type: still one');
    assert.deepEqual(lost(`03 E0 85 B3 96 C1 E1 FF FF   ${live}`), [1], 'a live packet whose type byte became 03: one');
  });
  test('PulseSensor lines: a sample line run into the next at a lone CR; 10-bit boards; S turned into Q', () => {
    const b = new PulseSensorDecoder();
    const vals = Array.from({ length: 220 }, (_, i) => 400 + (i % 50));
    b.push(ascii(vals.map((v) => `${v}\r\n`).join('')));
    const recs = b.push(ascii('653\r\r\n')) as AnyRecord[];
    assert.deepEqual(recs.map((r) => [r.kind, r.count]), [['signal', undefined], ['lost', 1]], '"653\\r" + "\\r\\n" (digits dropped): the sample, then one lost');
    assert.deepEqual(lostOf(b, '1623\r\n'), [{ kind: 'lost', count: 2 }], 'on a 10-bit board 1623 is not a sample: "1" cut short, run into "623"');
    assert.deepEqual(lostOf(b, '5756554\r\n'), [{ kind: 'lost', count: 3 }], 'three lines run together (digits against a typical line)');
    const v = new PulseSensorDecoder();
    v.push(ascii('S640\r\nS647\r\n'));
    const q = v.push(ascii('S651\r\nQ655\r\nS652\r\n')) as AnyRecord[];
    assert.deepEqual(q.map((r) => r.kind), ['signal', 'lost', 'signal'], 'Q655 right after a sample line, continuing the signal: a corrupted S');
    const real = v.push(ascii('S653\r\nQ833\r\nS655\r\n')) as AnyRecord[];
    assert.deepEqual(real.map((r) => r.kind), ['signal', 'ibi', 'signal'], 'Q833 (its B line dropped whole) is an IBI');
    const afterBadB = v.push(ascii('S656\r\nB\r\nY700\r\nS657\r\n')) as AnyRecord[];
    assert.equal(lostSum(afterBadB), 0, 'a garbled B line and the garbled Q line after it hold no sample');
  });
});

describe('RunningMedian and PacketLossCounter', () => {
  test('median and max over the last N values', () => {
    const m = new RunningMedian(5);
    assert.equal(m.value, undefined);
    for (const v of [6, 6, 7, 6, 12]) m.add(v);
    assert.equal(m.value, 6);
    assert.equal(m.max, 12);
    for (const v of [7, 7, 7]) m.add(v); // window now 6, 12, 7, 7, 7
    assert.equal(m.value, 7);
    assert.equal(m.max, 12);
    m.add(7);
    m.add(7); // 7, 7, 7, 7, 7: the 12 has left the window
    assert.equal(m.max, 7);
  });
  test('packet loss estimate', () => {
    const c = new PacketLossCounter(9);
    assert.equal(c.take(), null);
    c.discard(2, false);
    assert.deepEqual(c.take(), { kind: 'lost', count: 1 }, 'orphan bytes: a packet whose start was lost');
    c.discard(5, true);
    c.discard(6, true);
    assert.deepEqual(c.take(), { kind: 'lost', count: 2 }, 'two cut packets');
    c.discard(3, true);
    c.discard(6, true);
    assert.deepEqual(c.take(), { kind: 'lost', count: 1 }, 'one packet split by a false sync');
    c.discard(9 * 10 + 4, false);
    assert.deepEqual(c.takeLarge(), { kind: 'lost', count: 10 });
    assert.deepEqual(c.take(), { kind: 'lost', count: 1 });
  });
});

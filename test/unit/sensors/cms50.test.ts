import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Cms50Decoder5, Cms50Decoder9, cms50Command, CMS50_CMD, type Cms50Record } from '../../../shared/sensors/cms50.js';
import { hex } from './hex.js';

/** The live records of a push (lost markers left out). */
const live = <R extends { kind: string }>(rs: R[]) => rs.filter((r): r is Extract<R, Cms50Record> => r.kind === 'live');

describe('Cms50Decoder5 (old 5-byte protocol, §4a vectors)', () => {
  test('C5 3C 06 48 61 → signal 5, beat, pleth 60, bar 6, PR 72, SpO2 97', () => {
    const r = live(new Cms50Decoder5().push(hex('C5 3C 06 48 61')));
    assert.equal(r.length, 1);
    assert.deepEqual(r[0], {
      kind: 'live', protocol: 5, signal: 5, beat: true, fingerOut: false, searching: false, probeError: false,
      pleth: 60, bar: 6, pulseRateBpm: 72, spo2Pct: 97,
    });
  });
  test('85 20 44 02 62 → PR 130 (bit 7 from byte 2), SpO2 98, pleth 32, no beat', () => {
    const [r] = live(new Cms50Decoder5().push(hex('85 20 44 02 62')));
    assert.equal(r.pulseRateBpm, 130);
    assert.equal(r.spo2Pct, 98);
    assert.equal(r.pleth, 32);
    assert.equal(r.beat, false);
  });
  test('90 00 30 00 00 → finger out, searching, probe error, no reading', () => {
    const [r] = live(new Cms50Decoder5().push(hex('90 00 30 00 00')));
    assert.equal(r.fingerOut, true);
    assert.equal(r.searching, true);
    assert.equal(r.probeError, true);
    assert.equal(r.pulseRateBpm, null);
    assert.equal(r.spo2Pct, null);
  });
  test('80 80 00 00 00 → rejected (bad sync bit)', () => {
    const d = new Cms50Decoder5();
    assert.deepEqual(live(d.push(hex('80 80 00 00 00'))), []);
    assert.equal(d.stats.badBytes, 1);
  });
  test('resynchronises after garbage and across chunk boundaries', () => {
    const d = new Cms50Decoder5();
    const stream = hex('12 34 C5 3C 06 48 61 85 20 44 85 20 44 02 62 C5 3C');
    const out = [...live(d.push(stream.subarray(0, 4))), ...live(d.push(stream.subarray(4, 12))), ...live(d.push(stream.subarray(12)))];
    assert.deepEqual(out.map((r) => r.pulseRateBpm), [72, 130]);
    assert.equal(d.stats.badBytes, 2 + 3);
    assert.equal(d.bufferedBytes, 2);
    assert.deepEqual(live(d.push(hex('06 48 61'))).map((r) => r.pleth), [60]);
  });
});

describe('Cms50Decoder9 (new 9-byte protocol, §4b vectors)', () => {
  // Byte 4 ("wave2" 22 = 0x16 in the table) is read with the V7.0 meaning: bar graph 6 (bits 0–3),
  // PI invalid (bit 4); bytes 7–8 (`FF FF` on the D+) are the perfusion index, here none.
  test('01 E0 85 B3 96 C1 E1 FF FF → finger in, signal 5, pleth 51, byte 4 = 22 (bar 6, PI invalid), PR 65, SpO2 97', () => {
    const [r] = live(new Cms50Decoder9().push(hex('01 E0 85 B3 96 C1 E1 FF FF')));
    assert.deepEqual(r, {
      kind: 'live', protocol: 9, signal: 5, beat: false, fingerOut: false, searching: false, probeError: false,
      pleth: 51, bar: 6, pulseRateBpm: 65, spo2Pct: 97, piInvalid: true, perfusionIndexRaw: null,
    });
  });
  test('01 E0 85 D5 9A BD E3 FF FF → pleth 85, byte 4 = 26 (bar 10, PI invalid), PR 61, SpO2 99', () => {
    const [r] = live(new Cms50Decoder9().push(hex('01 E0 85 D5 9A BD E3 FF FF')));
    assert.ok(r.kind === 'live');
    assert.equal(r.pleth, 85);
    assert.equal(r.bar, 10);
    assert.equal(r.piInvalid, true);
    assert.equal(r.pulseRateBpm, 61);
    assert.equal(r.spo2Pct, 99);
  });
  test('01 E0 C6 F0 9C C8 E2 FF FF → beat, signal 6, pleth 112, PR 72, SpO2 98', () => {
    const [r] = live(new Cms50Decoder9().push(hex('01 E0 C6 F0 9C C8 E2 FF FF')));
    assert.equal(r.beat, true);
    assert.equal(r.signal, 6);
    assert.equal(r.pleth, 112);
    assert.equal(r.pulseRateBpm, 72);
    assert.equal(r.spo2Pct, 98);
  });
  test('01 E1 80 80 80 80 80 FF FF → finger out, PR and SpO2 ignored', () => {
    const [r] = live(new Cms50Decoder9().push(hex('01 E1 80 80 80 80 80 FF FF')));
    assert.equal(r.fingerOut, true);
    assert.equal(r.pulseRateBpm, null);
    assert.equal(r.spo2Pct, null);
  });
  test('pulse rate above 127: bit 7 restored from high-bit byte bit 3', () => {
    const [r] = live(new Cms50Decoder9().push(hex('01 E8 85 B3 96 82 E1 FF FF')));
    assert.equal(r.pulseRateBpm, 130);
  });
  test('resync: hunts for a valid packet after garbage, truncated packets and other types', () => {
    const d = new Cms50Decoder9();
    const out = live(d.push(hex('FF 80 01 E0 85 02 01 E0 85 B3 96 C1 E1 FF FF 01 E0 C6 F0 9C C8 E2 FF FF')));
    assert.deepEqual(out.map((r) => r.pulseRateBpm), [65, 72]);
    // FF 80 (orphans) + 01 E0 85 (cut by 02) + 02 (unknown type)
    assert.equal(d.stats.badBytes, 2 + 3 + 1);
  });
  test('split across chunks; FF FF tail mismatch is counted but decoded', () => {
    const d = new Cms50Decoder9();
    const p = hex('01 E0 85 B3 96 C1 E1 FF FF');
    assert.deepEqual(live(d.push(p.subarray(0, 4))), []);
    assert.equal(live(d.push(p.subarray(4))).length, 1);
    assert.equal(live(d.push(hex('01 E0 85 B3 96 C1 E1 80 80'))).length, 1);
    assert.equal(d.stats.tailMismatch, 1);
    assert.equal(d.stats.records, 2);
  });
});

describe('Cms50Decoder9: Contec V7.0 field meanings (sensor-protocols §4 notes)', () => {
  test('high-bit byte bit 0 = probe error (the D+ sets it with the finger out), bit 1 = searching', () => {
    const [pe] = live(new Cms50Decoder9().push(hex('01 E1 85 B3 96 C1 E1 FF FF')));
    assert.deepEqual([pe.probeError, pe.fingerOut, pe.searching, pe.pulseRateBpm, pe.spo2Pct], [true, true, false, null, null]);
    const [se] = live(new Cms50Decoder9().push(hex('01 E2 85 B3 96 C1 E1 FF FF')));
    assert.deepEqual([se.probeError, se.searching, se.pleth, se.pulseRateBpm, se.spo2Pct], [false, true, 51, null, null]);
  });
  test('byte 4: bar graph in bits 0–3, "PI invalid" in bit 4; bytes 7–8: perfusion index (little-endian)', () => {
    // bar 9, PI valid; bytes 7–8 `90 81` with no high bits restored: PI 0x0110
    const [r] = live(new Cms50Decoder9().push(hex('01 80 85 B3 89 C1 E1 90 81')));
    assert.deepEqual([r.bar, r.piInvalid, r.perfusionIndexRaw, r.pulseRateBpm, r.spo2Pct], [9, false, 0x0110, 65, 97]);
    // the same with the high bit of byte 7 restored from bit 5 of the high-bit byte: 0x0190
    const [h] = live(new Cms50Decoder9().push(hex('01 A0 85 B3 89 C1 E1 90 81')));
    assert.equal(h.perfusionIndexRaw, 0x0190);
    // PI invalid bit set: no PI, whatever bytes 7–8 hold
    const [inv] = live(new Cms50Decoder9().push(hex('01 80 85 B3 99 C1 E1 90 81')));
    assert.deepEqual([inv.bar, inv.piInvalid, inv.perfusionIndexRaw], [9, true, null]);
  });
  test('command replies (A2/A7 → 0C 80, A9 vendor → 03 …) are skipped, not bad bytes', () => {
    const d = new Cms50Decoder9();
    const out = d.push(hex('0C 80  03 80 A0 A0 A0 A0 A0 A0 A0  01 E0 85 B3 96 C1 E1 FF FF'));
    assert.deepEqual(out.map((r) => r.kind), ['live']);
    assert.equal(d.stats.responses, 2);
    assert.equal(d.stats.badBytes, 0);
  });
});

describe('cms50Command', () => {
  test('A1 start live → 7D 81 A1 80 80 80 80 80 80', () => {
    assert.deepEqual(Array.from(cms50Command(CMS50_CMD.START_LIVE)), [0x7d, 0x81, 0xa1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80]);
    assert.equal(cms50Command(CMS50_CMD.KEEP_ALIVE)[2], 0xaf);
    assert.equal(CMS50_CMD.STOP_LIVE, 0xa2);
  });
});

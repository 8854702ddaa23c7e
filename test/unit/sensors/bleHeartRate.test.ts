import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseHeartRateMeasurement, parseBodySensorLocation, parseBatteryLevel } from '../../../shared/sensors/bleHeartRate.js';
import { hex } from './hex.js';

function ok(bytes: string) {
  const r = parseHeartRateMeasurement(hex(bytes));
  if (!r.ok) assert.fail('expected a valid measurement, got: ' + r.error);
  return r;
}

describe('parseHeartRateMeasurement (0x2A37, sensor-protocols §1 vectors)', () => {
  test('00 55 → HR 85, contact unsupported', () => {
    const r = ok('00 55');
    assert.equal(r.hrBpm, 85);
    assert.equal(r.hrFormat, 'uint8');
    assert.equal(r.contact, 'unsupported');
    assert.equal(r.energyKj, undefined);
    assert.deepEqual(r.rrMs, []);
  });
  test('04 FF → HR 255, contact supported but not detected', () => {
    const r = ok('04 FF');
    assert.equal(r.hrBpm, 255);
    assert.equal(r.contact, 'no-contact');
  });
  test('1E 55 32 00 21 00 → HR 85, contact, EE 50 kJ, RR [33] = 32.2 ms', () => {
    const r = ok('1E 55 32 00 21 00');
    assert.equal(r.hrBpm, 85);
    assert.equal(r.contact, 'contact');
    assert.equal(r.energyKj, 50);
    assert.deepEqual(r.rrRaw, [33]);
    assert.equal(r.rrMs.length, 1);
    assert.ok(Math.abs(r.rrMs[0] - 32.2265625) < 1e-9);
  });
  test('1F 01 01 32 01 01 00 02 01 FF FF → HR 257 (uint16), EE 306, RR [1, 258, 65535]', () => {
    const r = ok('1F 01 01 32 01 01 00 02 01 FF FF');
    assert.equal(r.hrBpm, 257);
    assert.equal(r.hrFormat, 'uint16');
    assert.equal(r.energyKj, 306);
    assert.deepEqual(r.rrRaw, [1, 258, 65535]);
    assert.deepEqual(r.rrMs, [1000 / 1024, (258 * 1000) / 1024, (65535 * 1000) / 1024]);
  });
  test('17 01 01 → invalid (RR flag set, no RR bytes), no throw', () => {
    const r = parseHeartRateMeasurement(hex('17 01 01'));
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error, /need at least 5 bytes, got 3/);
  });
  test('16 48 10 03 F6 02 → HR 72, contact, RR 765.6 and 740.2 ms', () => {
    const r = ok('16 48 10 03 F6 02');
    assert.equal(r.hrBpm, 72);
    assert.equal(r.contact, 'contact');
    assert.deepEqual(r.rrRaw, [0x0310, 0x02f6]);
    assert.equal(r.rrMs[0].toFixed(1), '765.6');
    assert.equal(r.rrMs[1].toFixed(1), '740.2');
  });
  test('nine RR values in one notification are all returned', () => {
    const rr = [800, 810, 820, 830, 840, 850, 860, 870, 880];
    const bytes = [0x10, 70];
    for (const v of rr) bytes.push(v & 0xff, v >> 8);
    const r = parseHeartRateMeasurement(Uint8Array.from(bytes));
    assert.ok(r.ok);
    if (r.ok) assert.deepEqual(r.rrRaw, rr);
  });
  test('truncated and empty payloads give errors, not exceptions', () => {
    for (const s of ['', '01', '01 48', '08 48 01', '1F 01']) {
      const r = parseHeartRateMeasurement(hex(s));
      assert.equal(r.ok, false, s);
    }
  });
  test('odd trailing byte after RR values is ignored with a warning', () => {
    const r = ok('10 48 00 03 05');
    assert.deepEqual(r.rrRaw, [0x300]);
    assert.match(r.warning ?? '', /odd trailing byte/);
  });
});

describe('parseBodySensorLocation / parseBatteryLevel', () => {
  test('2A38 05 → Ear Lobe', () => {
    const r = parseBodySensorLocation(hex('05'));
    assert.deepEqual(r, { ok: true, code: 5, name: 'Ear Lobe' });
  });
  test('2A38 reserved value and empty', () => {
    const r = parseBodySensorLocation(hex('09'));
    assert.ok(r.ok && r.name === 'Reserved (9)');
    assert.equal(parseBodySensorLocation(new Uint8Array()).ok, false);
  });
  test('2A19 5A → 90 %', () => {
    assert.deepEqual(parseBatteryLevel(hex('5A')), { ok: true, batteryPct: 90 });
  });
  test('2A19 out of range or empty → error', () => {
    assert.equal(parseBatteryLevel(hex('65')).ok, false);
    assert.equal(parseBatteryLevel(new Uint8Array()).ok, false);
  });
});

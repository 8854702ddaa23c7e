// Prescription input: the ratio as the pacer uses it, the pacer's own limits, messages in nl and en.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPrescription, parseRatio, prescribedBreaths, prescriptionPacer } from '../../../shared/domain/prescription.js';
import { int16Bytes, wavHeader } from '../../../shared/io/wavFile.js';

test('a valid prescription: text numbers, ratio 4:6 → inhale fraction 0.4, defaults for the rest', () => {
  const r = checkPrescription({ rateBpm: '6', ratio: '4:6', minutes: '10' });
  assert.ok(r.ok);
  assert.deepEqual(r.value, { rateBpm: 6, ratio: '4:6', inhaleFraction: 0.4, holdInSec: 0, holdOutSec: 0, minutes: 10, timesPerDay: 2, lang: 'nl' });
  assert.deepEqual(prescriptionPacer(r.value), { rateBpm: 6, inhaleFraction: 0.4, holdInSec: 0, holdOutSec: 0, durationSec: 600 });
  assert.equal(prescribedBreaths(r.value), 60);
  assert.equal(prescribedBreaths({ rateBpm: 5.5, minutes: 7 }), 39, 'the breath in progress at the end is completed');
});

test('ratios: decimals and commas; out of 10–90 % or malformed refused', () => {
  assert.deepEqual(parseRatio('1:2'), { text: '1:2', inhaleFraction: 1 / 3 });
  assert.deepEqual(parseRatio(' 4,5 : 5,5 '), { text: '4.5:5.5', inhaleFraction: 0.45 });
  for (const bad of ['1:10', '0:5', '4-6', '4:', 'a:b', '']) assert.equal(parseRatio(bad), null, bad);
});

test('every problem gets one sentence, in English or Dutch', () => {
  const r = checkPrescription({ rateBpm: '20', ratio: '19:1', holdInSec: '-1', minutes: '0', timesPerDay: '2.5', lang: 'de' }, 'en');
  assert.ok(!r.ok);
  assert.equal(r.errors.length, 6);
  assert.match(r.errors[0]!, /rate must be .* 3 to 12 \(got '20'\)/);
  assert.match(r.errors[1]!, /ratio must be in:out/);
  const nl = checkPrescription({ rateBpm: '20', minutes: '10' }, 'nl');
  assert.ok(!nl.ok);
  assert.match(nl.errors[0]!, /het tempo moet .* van 3 tot 12 zijn \(ingevuld: '20'\)/);
});

test('holds that leave less than 1 s to breathe in or out are refused (the pacer rule)', () => {
  const r = checkPrescription({ rateBpm: 12, ratio: '1:1', holdInSec: 2.5, holdOutSec: 1, minutes: 5 }, 'en');
  assert.ok(!r.ok);
  assert.match(r.errors[0]!, /breathing pattern does not work/);
});

test('WAV: the 44-byte canonical header and little-endian samples', () => {
  const h = wavHeader(22050, 1000);
  const v = new DataView(h.buffer);
  const s = (o: number, n: number): string => String.fromCharCode(...h.subarray(o, o + n));
  assert.equal(h.length, 44);
  assert.deepEqual([s(0, 4), s(8, 4), s(12, 4), s(36, 4)], ['RIFF', 'WAVE', 'fmt ', 'data']);
  assert.deepEqual([v.getUint32(4, true), v.getUint16(20, true), v.getUint16(22, true), v.getUint32(24, true), v.getUint32(28, true), v.getUint16(32, true), v.getUint16(34, true), v.getUint32(40, true)], [2036, 1, 1, 22050, 44100, 2, 16, 2000]);
  assert.deepEqual([...int16Bytes(Int16Array.from([1, -2, 32767]))], [1, 0, 0xfe, 0xff, 0xff, 0x7f]);
});

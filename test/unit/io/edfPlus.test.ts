// The EDF+ writer read back byte by byte against the EDF+ layout (Kemp & Olivan 2003): the fixed
// header fields, the signal headers, the scaling through the written physical range, the
// "no data" value and the TALs of the annotation signal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildEdfPlus, edfDate, edfNumber8, edfPatientField, talTime, type EdfPlusInput } from '../../../shared/io/edfPlus.js';

const ascii = (b: Uint8Array, from: number, len: number): string => String.fromCharCode(...b.subarray(from, from + len));

function file(input: EdfPlusInput): Uint8Array {
  const parts = [...buildEdfPlus(input).chunks()];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

const values = new Float32Array(250);
for (let i = 0; i < values.length; i++) values[i] = 0.5 + 0.1234567 * Math.sin(i / 7);
values[100] = NaN;

const INPUT: EdfPlusInput = {
  patient: edfPatientField({ code: 'cadans-client-7', birthDate: '1961-08-02', name: 'José de Vries' }),
  recording: 'Startdate 03-DEC-2026 cadans-session-12 X Cadans_sim',
  start: { year: 2026, month: 12, day: 3, hour: 9, minute: 5, second: 7 },
  recordDurationSec: 1,
  firstRecordOffsetSec: 0.25,
  signal: { label: 'Pleth PPG', transducer: 'PPG sensor', physicalDimension: 'a.u.', prefiltering: 'None', samplesPerRecord: 100, values },
  annotations: [
    { onsetSec: 0.25, text: 'Pacer 6/min' },
    { onsetSec: 1.75, durationSec: 0.5, text: 'Gap: packet loss' },
  ],
};

test('the fixed header: version, patient and recording fields, start, 768 header bytes, EDF+C, records, duration, 2 signals', () => {
  const b = file(INPUT);
  assert.equal(ascii(b, 0, 8), '0       ');
  assert.equal(ascii(b, 8, 80).trimEnd(), 'cadans-client-7 X 02-AUG-1961 Jose_de_Vries');
  assert.equal(ascii(b, 88, 80).trimEnd(), 'Startdate 03-DEC-2026 cadans-session-12 X Cadans_sim');
  assert.equal(ascii(b, 168, 8), '03.12.26');
  assert.equal(ascii(b, 176, 8), '09.05.07');
  assert.equal(ascii(b, 184, 8).trim(), '768');
  assert.equal(ascii(b, 192, 44).trimEnd(), 'EDF+C');
  assert.equal(ascii(b, 236, 8).trim(), '3', '250 samples in records of 100: 3 records');
  assert.equal(ascii(b, 244, 8).trim(), '1');
  assert.equal(ascii(b, 252, 4).trim(), '2');
  assert.equal(ascii(b, 256, 16).trimEnd(), 'Pleth PPG');
  assert.equal(ascii(b, 272, 16).trimEnd(), 'EDF Annotations');
  for (let i = 0; i < 768; i++) assert.ok(b[i]! >= 0x20 && b[i]! <= 0x7e, `header byte ${i} is printable ASCII`);
});

test('signal headers: digital −32768…32767, physical range around the data, samples per record; every real sample within half a step', () => {
  const edf = buildEdfPlus(INPUT);
  const b = file(INPUT);
  // offsets of the per-signal fields after the labels (2 × 16): transducer 80, dimension 8, pmin 8, pmax 8, dmin 8, dmax 8, prefilter 80, spr 8
  const base = 256 + 32;
  const f = (off: number, width: number, k: number): string => ascii(b, base + off + width * k, width).trim();
  assert.equal(f(0, 80, 0), 'PPG sensor');
  assert.equal(f(160, 8, 0), 'a.u.');
  const pmin = Number(f(176, 8, 0));
  const pmax = Number(f(192, 8, 0));
  assert.equal(pmin, edf.physicalMin);
  assert.equal(pmax, edf.physicalMax);
  assert.deepEqual([f(208, 8, 0), f(224, 8, 0), f(208, 8, 1), f(224, 8, 1)], ['-32768', '32767', '-32768', '32767']);
  assert.equal(f(400, 8, 0), '100');
  const annSpr = Number(f(400, 8, 1));
  assert.equal(annSpr, edf.annotationSamplesPerRecord);
  const step = (pmax - pmin) / 65535;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  assert.ok(pmin < lo && pmax >= hi, 'the physical range holds every value');
  const view = new DataView(b.buffer);
  const recBytes = 2 * (100 + annSpr);
  for (let i = 0; i < 300; i++) {
    const r = Math.floor(i / 100);
    const d = view.getInt16(768 + r * recBytes + 2 * (i % 100), true);
    if (i === 100 || i >= 250) {
      assert.equal(d, -32768, `sample ${i} has no data`);
      continue;
    }
    assert.ok(d > -32768, `real sample ${i} is above the no-data value`);
    const phys = pmin + (d + 32768) * step;
    assert.ok(Math.abs(phys - values[i]!) <= step / 2 + 1e-7, `sample ${i}: ${phys} vs ${values[i]}`);
  }
});

test('annotations: each record begins with its time-keeping TAL; annotations sit in the record of their onset', () => {
  const edf = buildEdfPlus(INPUT);
  const b = file(INPUT);
  const recBytes = 2 * (100 + edf.annotationSamplesPerRecord);
  const tals = [0, 1, 2].map((r) => ascii(b, 768 + r * recBytes + 200, 2 * edf.annotationSamplesPerRecord).replace(/\0+$/, ''));
  assert.equal(tals[0], '+0.25\x14\x14\x00+0.25\x14Pacer 6/min\x14');
  assert.equal(tals[1], '+1.25\x14\x14\x00+1.75\x150.5\x14Gap: packet loss\x14');
  assert.equal(tals[2], '+2.25\x14\x14');
});

test('helpers: dates, anonymous patient, 8-character numbers rounded outward, TAL times', () => {
  assert.equal(edfDate('1951-08-02'), '02-AUG-1951');
  assert.equal(edfDate(null), 'X');
  assert.equal(edfPatientField(null), 'X X X X');
  assert.equal(edfNumber8(0.123456789, true), '0.123456');
  assert.equal(edfNumber8(0.123456789, false), '0.123457');
  assert.equal(edfNumber8(-1234.56789, true), '-1234.57');
  assert.equal(edfNumber8(12, false), '12');
  assert.equal(edfNumber8(1e12, false), null);
  assert.equal(talTime(0), '+0');
  assert.equal(talTime(12.3456789), '+12.345679');
  assert.equal(talTime(-0.5), '-0.5');
});

test('refuses samples per record that are not a whole number', () => {
  assert.throws(() => buildEdfPlus({ ...INPUT, signal: { ...INPUT.signal, samplesPerRecord: 12.5 } }), /whole number/);
});

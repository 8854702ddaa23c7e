import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { detectRecordingFormat } from '../../../shared/io/detectFormat.js';
import { dataFile } from '../../support/paths.js';

const RR = Array.from({ length: 20 }, (_, i) => 820 + 40 * Math.sin(i));

test('PPG CSVs: header with ppg-like or several columns', () => {
  assert.equal(detectRecordingFormat('time,ppg\n0,512\n0.01,515\n', 'rec.csv'), 'ppg-csv');
  assert.equal(detectRecordingFormat('Pleth\n512\n515\n', 'rec.txt'), 'ppg-csv');
  assert.equal(detectRecordingFormat('time;red;ir\n0;1;2\n0,01;1;2\n', 'x.csv'), 'ppg-csv');
  assert.equal(detectRecordingFormat('ppg\n900\n950\n1000\n', 'rec.csv'), 'ppg-csv', 'a named ppg column wins over an RR-like range');
  for (const name of ['neurokit_resting_5min_100hz.csv', 'bidmc01_125hz.csv', 'cinc2015_a103l_250hz.csv', 'heartpy_data_100hz.csv']) {
    assert.equal(detectRecordingFormat(readFileSync(dataFile(name), 'utf8'), name), 'ppg-csv', name);
  }
});

test('RR files: one number per line, RR headers, time,rr', () => {
  assert.equal(detectRecordingFormat(RR.map((v) => v.toFixed(0)).join('\n'), 'elite.txt'), 'rr');
  assert.equal(detectRecordingFormat(RR.map((v) => (v / 1000).toFixed(3)).join('\r\n'), 'kubios.csv'), 'rr');
  assert.equal(detectRecordingFormat('RR-interval\n' + RR.join('\n'), 'polar.txt'), 'rr');
  assert.equal(detectRecordingFormat('Phone timestamp;RR-interval [ms]\n2024-01-01T10:00:00;812\n', 'polar.csv'), 'rr');
  assert.equal(detectRecordingFormat('time,rr\n0.8,800\n1.6,800\n', 'k.csv'), 'rr');
  let t = 0;
  const timeRr = RR.map((v) => `${(t += v / 1000).toFixed(3)},${v.toFixed(0)}`).join('\n');
  assert.equal(detectRecordingFormat(timeRr, 'beats.csv'), 'rr');
});

test('a single column outside the RR range is a signal', () => {
  assert.equal(detectRecordingFormat(Array.from({ length: 50 }, (_, i) => 30000 + i).join('\n'), 'raw.csv'), 'ppg-csv');
});

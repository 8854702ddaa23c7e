import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { CsvLineDecoder, parseCsvLine } from '../../../shared/sensors/csvLines.js';
import { ascii } from './hex.js';

describe('CsvLineDecoder', () => {
  test('one value per line and time,value lines', () => {
    const d = new CsvLineDecoder();
    assert.deepEqual(d.push(ascii('530\r\n-1.5\n')), [{ value: 530 }, { value: -1.5 }]);
    assert.deepEqual(d.push(ascii('0.02,531\n0.04;532\n0.06\t533\n0.08 534\n')), [
      { tSec: 0.02, value: 531 },
      { tSec: 0.04, value: 532 },
      { tSec: 0.06, value: 533 },
      { tSec: 0.08, value: 534 },
    ]);
    assert.equal(d.stats.badLines, 0);
  });
  test('a header line is accepted once; comments skipped; bad lines counted', () => {
    const d = new CsvLineDecoder();
    assert.deepEqual(d.push(ascii('time,ppg\n# comment\n1,2\nfoo\n1,2,3\n1e3\nNaN\n')), [{ tSec: 1, value: 2 }, { value: 1000 }]);
    assert.equal(d.header, 'time,ppg');
    assert.equal(d.stats.badLines, 3);
    assert.equal(d.stats.records, 2);
  });
  test('partial lines across chunks; bounded buffer on newline-free garbage', () => {
    const d = new CsvLineDecoder();
    assert.deepEqual(d.push(ascii('12')), []);
    assert.deepEqual(d.push(ascii('.5,7\n')), [{ tSec: 12.5, value: 7 }]);
    d.push(new Uint8Array(5000).fill(0x31));
    assert.ok(d.bufferedBytes <= 128);
    assert.ok(d.stats.badLines >= 1);
  });
  test('parseCsvLine', () => {
    assert.deepEqual(parseCsvLine('3'), { value: 3 });
    assert.equal(parseCsvLine('1,2,3'), null);
    assert.equal(parseCsvLine('abc'), null);
    assert.equal(parseCsvLine('1e999'), null);
  });
});

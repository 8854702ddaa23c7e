import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { detectSeparator, parseNumberCell, scanColumns, splitCells } from '../../../shared/io/csvScanner.js';

describe('csvScanner: numbers', () => {
  test('the fast number path gives exactly what Number() gives', () => {
    let seed = 12345;
    const rand = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const cells: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const v = (rand() - 0.5) * 10 ** Math.floor(rand() * 12 - 6);
      cells.push(v.toFixed(Math.floor(rand() * 10)), v.toPrecision(1 + Math.floor(rand() * 17)), String(v), v.toExponential(6));
    }
    cells.push('0', '-0.0', '+5', '.5', '5.', '1e3', '1E-3', '12345678901234567890', '0.1234567890123456789', '1e25', '7e-30');
    const text = cells.join('\n');
    const scan = scanColumns(text, 0, null, [0]);
    assert.equal(scan.rows, cells.length);
    cells.forEach((cell, i) => {
      assert.equal(scan.columns[0]![i], Number(cell), `cell ${cell}`);
      assert.equal(parseNumberCell(cell), Number(cell), `cell ${cell}`);
    });
  });

  test('missing literals, text and decimal commas', () => {
    assert.ok(Number.isNaN(parseNumberCell('')));
    assert.ok(Number.isNaN(parseNumberCell('NaN')));
    assert.ok(Number.isNaN(parseNumberCell('abc')));
    assert.ok(Number.isNaN(parseNumberCell('0x1F')), 'hex is not a plain decimal');
    assert.ok(Number.isNaN(parseNumberCell('Infinity')));
    assert.ok(Number.isNaN(parseNumberCell('1.2.3')));
    assert.equal(parseNumberCell(' "4.5" '), 4.5);
    assert.equal(parseNumberCell('4,5', true), 4.5);
    assert.ok(Number.isNaN(parseNumberCell('4,5', false)));
  });
});

describe('csvScanner: table scan', () => {
  test('separator detection', () => {
    assert.equal(detectSeparator('time,ppg', '0,1'), ',');
    assert.equal(detectSeparator('time;ppg', '0,5;1,25'), ';');
    assert.equal(detectSeparator('time\tppg\tecg', '0\t1\t2'), '\t');
    assert.equal(detectSeparator('ppg', '1.5'), null);
    assert.equal(detectSeparator('a;b;c', '1;2'), ';');
  });

  test('only the wanted columns, in the order asked; short rows and counts', () => {
    const text = 'x,1,a,10\r\n\r\ny,2,b,\nz,3\n# note\nw,4,c,40';
    const scan = scanColumns(text, 0, ',', [3, 1, 1]);
    assert.equal(scan.rows, 4);
    assert.deepEqual([...scan.columns[1]!.subarray(0, 4)], [1, 2, 3, 4]);
    assert.equal(scan.columns[1], scan.columns[2]);
    const c3 = [...scan.columns[0]!.subarray(0, 4)].map((v) => (Number.isNaN(v) ? null : v));
    assert.deepEqual(c3, [10, null, null, 40]);
    assert.deepEqual(scan.missing, [2, 0, 0]);
    assert.deepEqual(scan.notNumeric, [0, 0, 0]);
    const text0 = scanColumns(text, 0, ',', [0]);
    assert.equal(text0.notNumeric[0], 4);
    assert.equal(scanColumns(text, 0, ',', [1], 2).rows, 2);
  });

  test('grows its arrays when the first lines are long and later ones short', () => {
    const text = Array.from({ length: 16 }, (_, i) => `${i},${'9'.repeat(12)}`).concat(Array.from({ length: 5000 }, () => '1,2')).join('\n');
    const scan = scanColumns(text, 0, ',', [1]);
    assert.equal(scan.rows, 5016);
    assert.equal(scan.columns[0]![5015], 2);
  });

  test('splitCells trims and unquotes', () => {
    assert.deepEqual(splitCells(' "a" , b ,"c d"', ','), ['a', 'b', 'c d']);
    assert.deepEqual(splitCells('single', null), ['single']);
  });
});

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { scanColumns, type Separator, type TableScan } from '../../../shared/io/csvScanner.js';
import { scanColumnsFast } from '../../../shared/io/csvFastScan.js';
import { parsePpgCsv } from '../../../shared/io/ppgCsv.js';

/** The fast scan must give exactly the general scanner's result: rows, counts and every value (−0 and NaN too). */
function assertSame(text: string, sep: Separator, cols: number[], start = 0, what = JSON.stringify(text.slice(0, 60))): TableScan {
  const general = scanColumns(text, start, sep, cols);
  const fast = scanColumnsFast(text, start, sep, cols);
  assert.equal(fast.rows, general.rows, `rows: ${what}`);
  assert.deepEqual(fast.missing, general.missing, `missing: ${what}`);
  assert.deepEqual(fast.notNumeric, general.notNumeric, `notNumeric: ${what}`);
  assert.equal(fast.columns.length, general.columns.length);
  fast.columns.forEach((col, k) => {
    assert.ok(col.length >= fast.rows);
    for (let i = 0; i < fast.rows; i++) {
      const f = col[i]!;
      const g = general.columns[k]![i]!;
      assert.ok(Object.is(f, g), `${what}: column ${cols[k]}, row ${i}: ${f} vs ${g}`);
    }
  });
  return fast;
}

describe('csvFastScan: same result as the general scanner', () => {
  test('plain files: comma, semicolon with decimal comma, tab, CRLF, no final line end', () => {
    assertSame('0.000,0.48220\n0.004,-0.54437\n0.008,0\n', ',', [1, 0]);
    assertSame('0,000;0,5\r\n0,004;-1,25\r\n0,008;-0\r\n', ';', [1, 0]);
    assertSame('1\t2.5\t3\n4\t5.5\t6', '\t', [1]);
    assertSame('1,2\n3,4', ',', [0, 1]);
    assertSame('.5,5.\n-.25,-0.0\n', ',', [0, 1]);
    const r = assertSame('1,2\n3,4\n', ',', [1, 0]);
    assert.equal(r.rows, 2);
    assert.deepEqual([...r.columns[0]!.subarray(0, 2)], [2, 4]);
  });

  test('blank lines, comments, extra and unwanted columns, a column asked twice', () => {
    assertSame('\n# a comment\n1,x,2,y\n\r\n3,,4,\n# another\n5,"q",6,7,8\n', ',', [0, 2]);
    assertSame('1,2,3\n4,5,6\n', ',', [2, 2]);
    assertSame('1,2,3\n4,5,6\n', ',', [2]);
  });

  test('unusual cells hand the rest to the general scanner: quotes, spaces, exponents, missing, text, short rows, long mantissas', () => {
    const unusual = ['"1.5"', ' 2', '3 ', '1e3', '+4', 'NaN', '', 'abc', 'NA', '12345678901234567890', '0.12345678901234567', '1,5', '-', '-x', '0x1F'];
    for (const cell of unusual) {
      for (const sep of [',', ';'] as const) {
        const text = `0${sep}1\n1${sep}2\n2${sep}${cell}\n3${sep}4\n${cell}${sep}5\n5\n6${sep}7\n`;
        assertSame(text, sep, [1, 0], 0, `${sep} ${JSON.stringify(cell)}`);
        assertSame(text, sep, [0], 0, `${sep} ${JSON.stringify(cell)} alone`);
      }
    }
  });

  test('no separator, three columns: the general scanner itself', () => {
    assertSame('1\n2\n3\n', null, [0]);
    assertSame('1,2,3\n4,5,6\n', ',', [0, 1, 2]);
  });

  test('start after a header, and arrays that must grow (short first lines, long later ones)', () => {
    const lines = ['time,ppg'];
    for (let i = 0; i < 20; i++) lines.push(`${i},${i}`);
    for (let i = 20; i < 3000; i++) lines.push(`${(i / 250).toFixed(3)},${(Math.sin(i) * 1000).toFixed(6)}`);
    const text = lines.join('\n');
    const r = assertSame(text, ',', [1, 0], 'time,ppg\n'.length);
    assert.equal(r.rows, 3000);
  });

  test('random files from plain and unusual cells (fixed seed)', () => {
    let seed = 4242;
    const rand = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const pool = ['', ' ', '"2.5"', 'NaN', 'x', '1e-3', '-0', '+1', '1,5', '12345678901234567', '#', '\r'];
    for (let file = 0; file < 200; file++) {
      const sep = ([',', ';', '\t'] as const)[file % 3]!;
      const nCols = 1 + Math.floor(rand() * 4);
      const rows: string[] = [];
      const nRows = 1 + Math.floor(rand() * 60);
      const oddness = rand() * 0.1;
      for (let r = 0; r < nRows; r++) {
        const cells: string[] = [];
        const n = rand() < 0.03 ? Math.floor(rand() * (nCols + 2)) : nCols;
        for (let c = 0; c < n; c++) {
          cells.push(rand() < oddness ? pool[Math.floor(rand() * pool.length)]! : ((rand() - 0.5) * 10 ** Math.floor(rand() * 8 - 3)).toFixed(Math.floor(rand() * 7)));
        }
        rows.push(cells.join(sep));
      }
      const text = rows.join(rand() < 0.5 ? '\n' : '\r\n') + (rand() < 0.5 ? '\n' : '');
      const a = Math.floor(rand() * nCols);
      const b = Math.floor(rand() * nCols);
      assertSame(text, sep, [a], 0, `file ${file}`);
      assertSame(text, sep, [a, b], 0, `file ${file}`);
    }
  });
});

describe('csvFastScan: parsePpgCsv reads through it', () => {
  test('a recording with one odd cell keeps its notes and counts', () => {
    const lines = ['time,ppg'];
    for (let i = 0; i < 1000; i++) lines.push(`${(i / 100).toFixed(2)},${i === 500 ? 'oops' : (Math.sin(i / 10) * 100).toFixed(3)}`);
    const rec = parsePpgCsv(lines.join('\n') + '\n');
    assert.ok(!('error' in rec));
    assert.equal(rec.fsHz, 100);
    assert.equal(rec.values.length, 1000);
    assert.equal(rec.nanCount, 1);
    assert.ok(Number.isNaN(rec.values[500]!));
    assert.equal(rec.values[501], Number((Math.sin(50.1) * 100).toFixed(3)));
    assert.deepEqual(rec.warnings, ['1 of 1000 cells in "ppg" are empty or not numbers (read as NaN), 1 of them text']);
  });
});

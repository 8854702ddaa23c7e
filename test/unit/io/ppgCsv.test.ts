import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parsePpgCsv, type PpgRecording } from '../../../shared/io/ppgCsv.js';
import { dataFile } from '../../support/paths.js';

function ok(r: PpgRecording | { error: string }): PpgRecording {
  if ('error' in r) assert.fail('unexpected error: ' + r.error);
  return r;
}
function err(r: PpgRecording | { error: string }): string {
  assert.ok('error' in r, 'expected an error, got a recording');
  assert.ok(!r.error.includes('\n'), 'error is one line');
  return r.error;
}

/** CSV text of `n` rows at `fsHz` with a sine signal: `time,ppg` (or custom header/separator). */
function csv(n: number, fsHz: number, opts: { sep?: string; header?: string; decimalComma?: boolean; eol?: string } = {}): string {
  const sep = opts.sep ?? ',';
  const eol = opts.eol ?? '\n';
  const lines = [opts.header ?? ['time', 'ppg'].join(sep)];
  for (let i = 0; i < n; i++) {
    let row = `${(i / fsHz).toFixed(4)}${sep}${(100 + 10 * Math.sin(i / 7)).toFixed(3)}`;
    if (opts.decimalComma) row = row.replace(/\./g, ',');
    lines.push(row);
  }
  return lines.join(eol) + eol;
}

describe('parsePpgCsv: columns and separators', () => {
  test('comma-separated time,ppg: rate, time and values', () => {
    const r = ok(parsePpgCsv(csv(500, 100)));
    assert.equal(r.fsHz, 100);
    assert.equal(r.values.length, 500);
    assert.equal(r.column, 'ppg');
    assert.equal(r.timeColumn, 'time');
    assert.equal(r.nanCount, 0);
    assert.deepEqual(r.warnings, []);
    assert.ok(r.tSec);
    assert.equal(r.tSec[499], 4.99);
    assert.equal(r.values[3], Number((100 + 10 * Math.sin(3 / 7)).toFixed(3)));
  });

  test('semicolon with decimal comma (Dutch spreadsheet export) and CRLF', () => {
    const r = ok(parsePpgCsv(csv(300, 50, { sep: ';', header: 'Time;PPG', decimalComma: true, eol: '\r\n' })));
    assert.equal(r.fsHz, 50);
    assert.equal(r.values.length, 300);
    assert.equal(r.values[10], Number((100 + 10 * Math.sin(10 / 7)).toFixed(3)));
    assert.equal(r.column, 'PPG');
  });

  test('tab-separated with t and pleth, BOM and quoted header', () => {
    const text = '\uFEFF"t"\t"Pleth"\n' + csv(200, 125, { sep: '\t', header: '' }).slice(1);
    const r = ok(parsePpgCsv(text));
    assert.equal(r.fsHz, 125);
    assert.equal(r.column, 'Pleth');
    assert.equal(r.timeColumn, 't');
    assert.equal(r.values.length, 200);
  });

  test('timestamp column and a signal column named signal; ppg preferred over other names', () => {
    const r = ok(parsePpgCsv('TIMESTAMP,ecg,signal\n0,1,5\n0.01,2,6\n0.02,3,7\n'));
    assert.equal(r.timeColumn, 'TIMESTAMP');
    assert.equal(r.column, 'signal');
    assert.deepEqual([...r.values], [5, 6, 7]);
    const p = ok(parsePpgCsv('time,signal,pleth,ppg\n0,1,2,3\n0.01,1,2,4\n'));
    assert.equal(p.column, 'ppg');
  });

  test('without a named column the first other numeric column is used, with a warning', () => {
    const r = ok(parsePpgCsv('label,time,red,ir\na,0,10,20\nb,0.02,11,21\nc,0.04,12,22\n'));
    assert.equal(r.column, 'red');
    assert.equal(r.fsHz, 50);
    assert.match(r.warnings.join(' '), /no column named ppg/);
  });

  test('an explicit column and extra columns', () => {
    const r = ok(parsePpgCsv('time,ppg,ecg,resp\n0,1,10,100\n0.5,2,20,200\n1,3,30,300\n', { column: 'ECG', columns: ['resp', 'ecg', 'absent'] }));
    assert.equal(r.column, 'ecg');
    assert.deepEqual([...r.values], [10, 20, 30]);
    assert.deepEqual([...r.extra.resp!], [100, 200, 300]);
    assert.deepEqual([...r.extra.ecg!], [10, 20, 30]);
    assert.equal(r.extra.absent, undefined);
    assert.match(err(parsePpgCsv('time,ppg\n0,1\n1,2\n', { column: 'ir' })), /no column "ir"/);
  });

  test('time in milliseconds when the header says so', () => {
    const r = ok(parsePpgCsv('time_ms,ppg\n0,1\n4,2\n8,3\n12,4\n'));
    assert.equal(r.fsHz, 250);
    assert.ok(r.tSec);
    assert.equal(r.tSec[3], 0.012);
  });
});

describe('parsePpgCsv: sampling rate', () => {
  test('no time column: the given rate is used and tSec is null', () => {
    const r = ok(parsePpgCsv('ppg\n1\n2\n3\n4\n', { fsHz: 64 }));
    assert.equal(r.fsHz, 64);
    assert.equal(r.tSec, null);
    assert.equal(r.timeColumn, null);
    assert.deepEqual([...r.values], [1, 2, 3, 4]);
  });

  test('no time column and no rate: an error that asks for --fs', () => {
    assert.match(err(parsePpgCsv('ppg\n1\n2\n3\n')), /--fs/);
  });

  test('a given rate that disagrees with the time column by more than 2 % is an error', () => {
    assert.equal(err(parsePpgCsv(csv(100, 250), { fsHz: 100 })), '--fs 100 disagrees with the time column (250.0 Hz)');
    assert.match(err(parsePpgCsv(csv(100, 250), { fsHz: 244 })), /disagrees/);
    const r = ok(parsePpgCsv(csv(100, 250), { fsHz: 252 }));
    assert.equal(r.fsHz, 252);
    assert.match(err(parsePpgCsv(csv(100, 250), { fsHz: -3 })), /invalid sampling rate/);
  });

  test('rate from a jittery time column (±2 ms at 100 Hz, rounded to ms) is robust', () => {
    let seed = 7;
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
    const lines = ['time,ppg'];
    for (let i = 0; i < 3000; i++) lines.push(`${(i / 100 + 0.004 * rand()).toFixed(3)},${i % 50}`);
    const r = ok(parsePpgCsv(lines.join('\n')));
    assert.ok(Math.abs(r.fsHz - 100) < 0.05, `fs ${r.fsHz}`);
    assert.equal(r.values.length, 3000);
    assert.deepEqual(r.gaps, []);
  });

  test('rate from timestamps printed with too few decimals (300 Hz to 1 ms)', () => {
    const lines = ['time,ppg'];
    for (let i = 0; i < 3000; i++) lines.push(`${(i / 300).toFixed(3)},${i}`);
    const r = ok(parsePpgCsv(lines.join('\n')));
    assert.ok(Math.abs(r.fsHz - 300) < 0.1, `fs ${r.fsHz}`);
    assert.deepEqual(r.gaps, []);
  });

  test('gaps in the time column are filled with NaN on a uniform grid, with a warning', () => {
    const lines = ['time,ppg,ecg'];
    for (let i = 0; i < 1000; i++) {
      if (i >= 300 && i < 350) continue; // 0.5 s lost at 100 Hz
      if (i === 700) continue; // one sample lost
      lines.push(`${(i / 100).toFixed(2)},${i},${-i}`);
    }
    const r = ok(parsePpgCsv(lines.join('\n'), { columns: ['ecg'] }));
    assert.equal(r.fsHz, 100);
    assert.equal(r.values.length, 1000);
    assert.ok(r.tSec);
    assert.equal(r.tSec.length, 1000);
    assert.ok(Math.abs(r.tSec[999]! - 9.99) < 1e-9);
    for (let i = 0; i < 1000; i++) {
      const lost = (i >= 300 && i < 350) || i === 700;
      if (lost) assert.ok(Number.isNaN(r.values[i]!), `sample ${i} should be NaN`);
      else assert.equal(r.values[i], i);
    }
    assert.equal(r.extra.ecg![650], -650);
    assert.ok(Number.isNaN(r.extra.ecg![320]!));
    assert.equal(r.nanCount, 0, 'gap fill is not counted as NaN cells');
    assert.equal(r.gaps.length, 2);
    assert.deepEqual(r.gaps[0], { startSec: 2.99, endSec: 3.5 });
    assert.match(r.warnings.join(' '), /2 gaps.*51 missing samples/);
  });
});

describe('parsePpgCsv: missing cells and errors', () => {
  test('empty, NaN and text cells become NaN and are counted; short rows too', () => {
    const r = ok(parsePpgCsv('time,ppg,ecg\n0,1,0\n0.01,,0\n0.02,NaN,0\n0.03,lost,0\n0.04,5,0\n0.05\n0.06,7,0\n'));
    assert.equal(r.values.length, 7);
    assert.equal(r.nanCount, 4);
    assert.deepEqual([...r.values].map((v) => (Number.isNaN(v) ? null : v)), [1, null, null, null, 5, null, 7]);
    assert.match(r.warnings.join(' '), /4 of 7 cells in "ppg".*1 of them text/);
  });

  test('rows without a valid time are skipped with a warning', () => {
    const r = ok(parsePpgCsv('time,ppg\n0,1\n0.1,2\n,3\n0.2,4\n'));
    assert.deepEqual([...r.values], [1, 2, 4]);
    assert.match(r.warnings.join(' '), /1 row without a valid time/);
  });

  test('clear one-line errors', () => {
    assert.equal(err(parsePpgCsv('')), 'empty file');
    assert.equal(err(parsePpgCsv('\n \r\n\n')), 'empty file');
    assert.match(err(parsePpgCsv('0,1\n0.01,2\n0.02,3\n')), /no header row/);
    assert.match(err(parsePpgCsv('time,ppg\n')), /fewer than 2 data rows/);
    assert.match(err(parsePpgCsv('time,ppg\n0,1\n')), /fewer than 2 data rows \(found 1\)/);
    assert.match(err(parsePpgCsv('time,ppg\n0,1\n0.01,2\n0.01,3\n')), /time is not increasing at data row 3/);
    assert.match(err(parsePpgCsv('time,ppg\n0,1\n0.02,2\n0.01,3\n')), /not increasing/);
    assert.match(err(parsePpgCsv('time,name\n0,a\n0.01,b\n0.02,c\n')), /no numeric column/);
    assert.match(err(parsePpgCsv('time,ppg\n0,x\n0.01,y\n')), /holds no numbers/);
    assert.match(err(parsePpgCsv('time,ppg\n0,1\n1,2\n2,3\n4000,5\n4001,6\n')), /jumps by/);
  });

  test('errors never quote a line of the file, and column names only when they look like names (no escape sequences)', () => {
    const passwd = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\n';
    const e1 = err(parsePpgCsv(passwd));
    assert.doesNotMatch(e1, /root|daemon|bash|x:0/, e1);
    const e2 = err(parsePpgCsv('user:hunter2,token=abc\n1,2\n3,4\n'));
    assert.doesNotMatch(e2, /hunter2|abc/, e2);
    const esc = '\u001b]0;pwned\u0007\u001b[2J\u009b31mtime,\u001b[31mred\u001b[0m\n0,a\n0.01,b\n';
    const e3 = err(parsePpgCsv(esc));
    assert.doesNotMatch(e3, /[\u0000-\u001f\u007f-\u009f]/, JSON.stringify(e3));
    assert.doesNotMatch(e3, /pwned/);
    assert.match(err(parsePpgCsv('time,API_KEY=abc123\n0,a\n0.01,b\n')), /column 2/);
  });

  test('classic Mac line ends (CR only)', () => {
    const r = ok(parsePpgCsv('time,ppg\r0,1\r0.5,2\r1,3\r'));
    assert.deepEqual([...r.values], [1, 2, 3]);
  });

  test('no trailing newline and comment lines', () => {
    const r = ok(parsePpgCsv('# exported by a sensor app\ntime,ppg\n0,1\n# marker\n0.5,2\n1,3'));
    assert.deepEqual([...r.values], [1, 2, 3]);
    assert.equal(r.fsHz, 2);
  });
});

describe('parsePpgCsv: real recordings', () => {
  const cases: [string, number, number][] = [
    ['neurokit_resting_5min_100hz.csv', 100, 300],
    ['bidmc01_125hz.csv', 125, 480],
    ['cinc2015_a103l_250hz.csv', 250, 330],
    ['heartpy_data_100hz.csv', 100, 24.8],
  ];
  for (const [name, fsHz, durationSec] of cases) {
    test(`${name}: ${fsHz} Hz, column ppg, no NaN`, () => {
      const text = readFileSync(dataFile(name), 'utf8');
      const rows = text.trim().split('\n').length - 1;
      const r = ok(parsePpgCsv(text, { columns: ['ecg'] }));
      assert.equal(r.fsHz, fsHz);
      assert.equal(r.column, 'ppg');
      assert.equal(r.timeColumn, 'time');
      assert.equal(r.values.length, rows);
      assert.equal(r.nanCount, 0);
      assert.deepEqual(r.warnings, []);
      assert.ok(Math.abs(r.values.length / fsHz - durationSec) < 0.5);
      // Spot check against a naive parse of a middle row.
      const mid = rows >> 1;
      const cells = text.split('\n')[mid + 1]!.split(',');
      assert.equal(r.tSec![mid], Number(cells[0]));
      assert.equal(r.values[mid], Number(cells[r.header.indexOf('ppg')]));
      if (r.header.includes('ecg')) assert.equal(r.extra.ecg![mid], Number(cells[r.header.indexOf('ecg')]));
    });
  }
});

test('one hour at 250 Hz (900,000 rows) parses correctly', (t) => {
  const fsHz = 250;
  const n = 3600 * fsHz;
  const parts: string[] = ['time,ppg,ecg'];
  for (let i = 0; i < n; i++) {
    const tSec = i / fsHz;
    parts.push(`${tSec.toFixed(3)},${(2048 + 512 * Math.sin(2 * Math.PI * 1.2 * tSec)).toFixed(4)},${(Math.sin(i) * 0.5).toFixed(5)}`);
  }
  const text = parts.join('\n') + '\n';
  const t0 = performance.now();
  const r = ok(parsePpgCsv(text));
  const ms = performance.now() - t0;
  t.diagnostic(`1 h @ 250 Hz: ${(text.length / 1e6).toFixed(1)} MB parsed in ${ms.toFixed(0)} ms`);
  assert.equal(r.fsHz, 250);
  assert.equal(r.values.length, n);
  assert.equal(r.nanCount, 0);
  for (const i of [0, 1, 12345, 450000, n - 1]) {
    assert.equal(r.values[i], Number((2048 + 512 * Math.sin(2 * Math.PI * 1.2 * (i / fsHz))).toFixed(4)));
    assert.equal(r.tSec![i], Number((i / fsHz).toFixed(3)));
  }
});

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseRrText, type RrRecording } from '../../../shared/io/rrText.js';

function ok(r: RrRecording | { error: string }): RrRecording {
  if ('error' in r) assert.fail('unexpected error: ' + r.error);
  return r;
}
function err(r: RrRecording | { error: string }): string {
  assert.ok('error' in r, 'expected an error');
  assert.ok(!r.error.includes('\n'));
  return r.error;
}

/** 30 plausible intervals (ms) with some variation. */
const RR = Array.from({ length: 30 }, (_, i) => 800 + Math.round(60 * Math.sin(i / 2)));

describe('parseRrText', () => {
  test('Elite HRV: one interval (ms) per line', () => {
    const r = ok(parseRrText(RR.join('\n') + '\n'));
    assert.deepEqual([...r.ibiMs], RR);
    assert.equal(r.unit, 'ms');
    assert.equal(r.format, 'one interval per line');
    assert.deepEqual(r.warnings, []);
  });

  test('Kubios plain RR text in seconds, CRLF and blank lines', () => {
    const text = RR.map((v) => (v / 1000).toFixed(3)).join('\r\n\r\n') + '\r\n';
    const r = ok(parseRrText(text));
    assert.equal(r.unit, 's');
    assert.equal(r.ibiMs.length, RR.length);
    r.ibiMs.forEach((v, i) => assert.ok(Math.abs(v - RR[i]!) < 1e-9));
  });

  test('Polar: RR-interval header line', () => {
    const r = ok(parseRrText('RR-interval\n' + RR.join('\n')));
    assert.deepEqual([...r.ibiMs], RR);
    assert.match(r.format, /header/);
  });

  test('Polar Sensor Logger: date-time column then RR-interval [ms], semicolons', () => {
    const lines = ['Phone timestamp;RR-interval [ms]', ...RR.map((v, i) => `2024-03-01T10:00:${String(i).padStart(2, '0')}.123;${v}`)];
    const r = ok(parseRrText(lines.join('\n')));
    assert.deepEqual([...r.ibiMs], RR);
    assert.match(r.format, /RR-interval \[ms\]/);
  });

  test('Kubios time,rr: the RR column named in the header', () => {
    let t = 0;
    const lines = ['time,rr', ...RR.map((v) => `${(t += v / 1000).toFixed(3)},${(v / 1000).toFixed(3)}`)];
    const r = ok(parseRrText(lines.join('\n')));
    assert.equal(r.unit, 's');
    r.ibiMs.forEach((v, i) => assert.ok(Math.abs(v - RR[i]!) < 1e-9));
    assert.match(r.format, /"rr" of 2/);
  });

  test('time and RR without a header: the increasing time column is skipped', () => {
    let t = 0;
    const r = ok(parseRrText(RR.map((v) => `${(t += v / 1000).toFixed(3)}\t${v}`).join('\n')));
    assert.deepEqual([...r.ibiMs], RR);
  });

  test('one per line in seconds with a decimal comma', () => {
    const r = ok(parseRrText(RR.map((v) => (v / 1000).toFixed(3).replace('.', ',')).join('\n')));
    assert.equal(r.unit, 's');
    r.ibiMs.forEach((v, i) => assert.ok(Math.abs(v - RR[i]!) < 1e-9));
  });

  test('extra columns: the first numeric one', () => {
    const r = ok(parseRrText(RR.map((v) => `${v};ok;${v + 5}`).join('\n')));
    assert.deepEqual([...r.ibiMs], RR);
  });

  test('intervals outside 200–3000 ms left out as artifacts with a warning; text lines and zeros skipped with warnings', () => {
    const values = [...RR.slice(0, 15), 150, 3500, ...RR.slice(15)];
    const r = ok(parseRrText(['RR', ...values.map(String), 'end', '0'].join('\n')));
    assert.deepEqual([...r.ibiMs], RR, 'never kept raw');
    assert.match(r.warnings.join(' '), /2 intervals outside 200–3000 ms left out \(artifacts\)/);
    assert.match(r.warnings.join(' '), /1 line without a number/);
    assert.match(r.warnings.join(' '), /1 zero or negative interval skipped/);
  });

  test('a huge value (1e308) is an artifact, not a recording of 1e305 s', () => {
    const r = ok(parseRrText([...RR.slice(0, 10), '1e308', ...RR.slice(10)].join('\n')));
    assert.deepEqual([...r.ibiMs], RR);
    const total = r.ibiMs.reduce((a, b) => a + b, 0);
    assert.ok(total < 60_000, `${total} ms`);
    assert.match(err(parseRrText(Array.from({ length: 20 }, () => '1e308').join('\n'))), /implausible intervals \(median 1\.0e\+308 ms/);
  });

  test('too few plausible intervals left after the artifacts: refused', () => {
    assert.match(err(parseRrText([...RR.slice(0, 9), 5000, 5000, 5000].join('\n'))), /only 9 plausible intervals/);
  });

  test('a PPG CSV is not beat intervals: refused (header naming the PPG column, or a sampled time axis)', () => {
    const ppg = Array.from({ length: 500 }, (_, i) => `${(i / 100).toFixed(2)},${Math.round(512 + 80 * Math.sin(i / 12))}`);
    const named = parseRrText(['time,ppg', ...ppg].join('\n'));
    assert.ok('error' in named && named.ppg === true);
    assert.match(named.error, /PPG signal \("ppg"\)/);
    const unnamed = parseRrText(['t,value', ...ppg].join('\n'));
    assert.ok('error' in unnamed && unnamed.ppg === true, JSON.stringify(unnamed).slice(0, 200));
    assert.match(unnamed.error, /time column steps by 10 ms/);
    const noHeader = parseRrText(ppg.join('\n'));
    assert.ok('error' in noHeader && noHeader.ppg === true);
    // Kubios time,rr (time in s, intervals in ms) still reads.
    let t = 0;
    ok(parseRrText(['t,value', ...RR.map((v) => `${(t += v / 1000).toFixed(3)},${v}`)].join('\n')));
  });

  test('errors quote no line of the file', () => {
    const passwd = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n';
    assert.doesNotMatch(err(parseRrText(passwd)), /root|daemon|bash/);
  });

  test('errors: empty, too few intervals, implausible values, no numbers', () => {
    assert.equal(err(parseRrText('')), 'empty file');
    assert.equal(err(parseRrText('\n\n  \n')), 'empty file');
    assert.match(err(parseRrText(RR.slice(0, 9).join('\n'))), /only 9 intervals.*at least 10/);
    assert.match(err(parseRrText(RR.map((v) => v * 10).join('\n'))), /implausible intervals/);
    assert.match(err(parseRrText(RR.map((v) => Math.round(v / 10)).join('\n'))), /implausible intervals/);
    assert.match(err(parseRrText('RR\nfoo\nbar\n')), /no numbers/);
  });
});

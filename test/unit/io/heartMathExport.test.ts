// HeartMath exports (emWave Pro / emWave2, Inner Balance) read from fixture files made by hand
// from the documented layout (test/fixtures/heartmath): the intervals, HeartMath's 5-s coherence
// scores, the preamble's product and start, and a corrupt file refused with one line.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHeartMathExport, parsePreambleDate, NO_IBI_COLUMN_ERROR, type HeartMathRecording } from '../../../shared/io/heartMathExport.js';
import { repoRoot } from '../../support/paths.js';

const fixture = (name: string): string => readFileSync(join(repoRoot, 'test', 'fixtures', 'heartmath', name), 'latin1');

function ok(r: HeartMathRecording | { error: string }): HeartMathRecording {
  if ('error' in r) assert.fail('unexpected error: ' + r.error);
  return r;
}

/** The IBI column of a fixture, read independently: the third tab cell (emWave) or the second comma cell (Inner Balance). */
function ibiCells(text: string, sep: string, col: number, headerLine: RegExp): number[] {
  const lines = text.split(/\r?\n/);
  const h = lines.findIndex((l) => headerLine.test(l));
  return lines.slice(h + 1).map((l) => l.split(sep)[col] ?? '').filter((c) => c.trim() !== '').map(Number);
}

describe('parseHeartMathExport', () => {
  test('emWave Pro: rawIBI ends halfway down the 2-Hz rows; one coherence score per 5 s', () => {
    const text = fixture('emwave-pro.txt');
    const r = ok(parseHeartMathExport(text));
    const expected = ibiCells(text, '\t', 2, /^Time Offset/);
    assert.equal(expected.length, 201);
    assert.deepEqual([...r.ibiMs], expected);
    assert.equal(r.unit, 'ms');
    assert.match(r.format, /column "rawIBI" of 5/);
    // 180 s of rows at 2 Hz: 36 five-second scores 1.0, 1.2, … 8.0 (each repeated on 10 rows).
    assert.equal(r.scores.coherence5s.length, 36);
    assert.equal(r.scores.coherence5s[0], 1);
    assert.equal(r.scores.coherence5s[35], 8);
    assert.equal(r.scores.meanCoherence, 4.5);
    assert.equal(r.scores.accumulated, 162);
    assert.equal(r.scores.product, 'emWave Pro');
    assert.deepEqual(r.startedAt, new Date(2026, 10, 20, 8, 15, 0));
    assert.deepEqual(r.warnings, []);
  });

  test('Inner Balance: one row per beat, the score on the row of each 5-s step, US date in the preamble', () => {
    const text = fixture('inner-balance.csv');
    const r = ok(parseHeartMathExport(text));
    assert.deepEqual([...r.ibiMs], ibiCells(text, ',', 1, /^Time \(s\)/));
    assert.equal(r.ibiMs.length, 130);
    const scores = text.split('\n').slice(5).map((l) => l.split(',')[2] ?? '').filter((c) => c !== '').map(Number);
    assert.deepEqual(r.scores.coherence5s, scores);
    assert.equal(r.scores.product, 'Inner Balance');
    assert.equal(r.scores.accumulated, Number(text.trim().split('\n').filter((l) => /,\d+$/.test(l) && l.split(',')[3]).pop()!.split(',')[3]));
    assert.deepEqual(r.startedAt, new Date(2026, 10, 21, 19, 30, 0));
  });

  test('a corrupt file is refused with one line; so are an empty file and a table without intervals', () => {
    const corrupt = parseHeartMathExport(fixture('corrupt-inner-balance.csv'));
    assert.ok('error' in corrupt);
    assert.equal(corrupt.error, NO_IBI_COLUMN_ERROR);
    const empty = parseHeartMathExport('\n\n');
    assert.ok('error' in empty && empty.error === 'empty file');
    const few = parseHeartMathExport('Time,IBI,Coherence\n1,800,1\n2,810,\n');
    assert.ok('error' in few && /^only 2 intervals in the file/.test(few.error), JSON.stringify(few));
  });

  test('semicolons with decimal commas, intervals in seconds, no coherence column: a warning, no scores', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i};0,${800 + i * 5}`);
    const r = ok(parseHeartMathExport('emWave2 export\nBeat;IBI (s)\n' + rows.join('\n')));
    assert.equal(r.unit, 's');
    assert.equal(r.ibiMs[1], 805);
    assert.equal(r.scores.meanCoherence, null);
    assert.equal(r.scores.product, 'emWave2');
    assert.match(r.warnings.join(' '), /no coherence score column/);
  });

  test('preamble dates: ISO, day-first, US with AM/PM; impossible dates refused', () => {
    assert.deepEqual(parsePreambleDate('Date: 2026-01-02 03:04:05'), new Date(2026, 0, 2, 3, 4, 5));
    assert.deepEqual(parsePreambleDate('Datum: 02-01-2026 13:04'), new Date(2026, 0, 2, 13, 4, 0));
    assert.deepEqual(parsePreambleDate('1/2/2026 12:04:00 AM'), new Date(2026, 0, 2, 0, 4, 0));
    assert.equal(parsePreambleDate('2026-02-30 10:00'), null);
    assert.equal(parsePreambleDate('no date here'), null);
  });
});

/**
 * `scanColumnsFast` — the full pass of the PPG CSV reader for the common file: one or two wanted
 * columns holding plain decimals (`[-]digits[.digits]`, at most 15 digits; with `;`/tab a decimal
 * comma too), as sensors and spreadsheets write them. A small loop that only knows that case: V8
 * optimises it within a few thousand rows, where the general scanner (csvScanner.ts, a large
 * function) runs much of an hour's file before its optimised code is ready.
 *
 * The result is exactly `scanColumns`'s: the numbers are computed as in its inline fast path, blank
 * and `#` lines are skipped and the rest of a row after the last wanted cell is passed over the same
 * way. From the first row with anything else in it (a quote, a space, an exponent, an empty or text
 * cell, a short row, a long mantissa) the general scanner reads the rest of the file.
 */
import { scanColumns, type Separator, type TableScan } from './csvScanner.js';

const CH_LF = 10;
const CH_CR = 13;
const CH_HASH = 35;
const CH_COMMA = 44;
const CH_MINUS = 45;
const CH_DOT = 46;
const CH_0 = 48;
const CH_9 = 57;

const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number('1e' + k));

// Results of the last `readPlain` call (module-level: no allocation per cell).
let plainEnd = 0;
let plainOk = false;

/**
 * A plain decimal at `i` ending at the separator, a line end or the end of the text: its value, with
 * `plainEnd` at the terminator and `plainOk` true; otherwise `plainOk` is false.
 */
function readPlain(text: string, i: number, len: number, sepCode: number, commaIsDecimal: boolean): number {
  // The sign without a branch: a branch never taken in the first rows (all values positive) would
  // make the optimised code bail out at the first negative value and be compiled again.
  const neg = text.charCodeAt(i) === CH_MINUS ? 1 : 0;
  i += neg;
  let c = text.charCodeAt(i);
  let mant = 0;
  let digits = 0;
  let frac = 0;
  while (c >= CH_0 && c <= CH_9) {
    mant = mant * 10 + (c - CH_0);
    digits++;
    c = text.charCodeAt(++i);
  }
  if (c === CH_DOT || (c === CH_COMMA && commaIsDecimal)) {
    c = text.charCodeAt(++i);
    while (c >= CH_0 && c <= CH_9) {
      mant = mant * 10 + (c - CH_0);
      digits++;
      frac++;
      c = text.charCodeAt(++i);
    }
  }
  plainEnd = i;
  plainOk = digits > 0 && digits <= 15 && (c === sepCode || c === CH_LF || c === CH_CR || i >= len);
  // (× −1 is exact: the same value, −0 included, as the general scanner's negation.)
  return (frac === 0 ? mant : mant / POW10[frac]!) * (1 - 2 * neg);
}

/** Position after the cell at `pos` (at its separator or line end), without parsing it. */
function skipCell(text: string, pos: number, len: number, sepCode: number): number {
  while (pos < len) {
    const c = text.charCodeAt(pos);
    if (c === sepCode || c === CH_LF || c === CH_CR) break;
    pos++;
  }
  return pos;
}

// Results of the last `fillRows` call besides the position (module-level, as above).
let rowsFilled = 0;
let full = false;

/**
 * Rows from `pos` into `a` (column `colA`) and `b` (column `colB`, −1 for none) from row `row` on,
 * until the end of the text, the arrays are full (`full`) or a row the general scanner must read;
 * returns where it stopped, `rowsFilled` the rows now in the arrays. Its own small function, so
 * that V8 optimises it soon (a whole-function compile, no on-stack replacement of a larger one).
 */
function fillRows(text: string, pos: number, len: number, sepCode: number, commaIsDecimal: boolean, colA: number, colB: number, a: Float64Array, b: Float64Array, row: number): number {
  const last = colB >= 0 ? colB : colA;
  const capacity = a.length;
  full = false;
  rows: while (pos < len) {
    const first = text.charCodeAt(pos);
    if (first === CH_LF || first === CH_CR) {
      pos++;
      continue;
    }
    if (first === CH_HASH) {
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 ? len : nl + 1;
      continue;
    }
    if (row === capacity) {
      full = true;
      break;
    }
    // One row: cells up to the last wanted one; anything unusual hands the row to the general scanner.
    let p = pos;
    for (let col = 0; ; col++) {
      if (col === colA || col === colB) {
        const v = readPlain(text, p, len, sepCode, commaIsDecimal);
        if (!plainOk) break rows;
        if (col === colA) a[row] = v;
        else b[row] = v;
        p = plainEnd;
      } else {
        p = skipCell(text, p, len, sepCode);
      }
      if (col === last) break;
      if (text.charCodeAt(p) !== sepCode) break rows; // a short row
      p++;
    }
    const nl = text.indexOf('\n', p);
    pos = nl < 0 ? len : nl + 1;
    row++;
  }
  rowsFilled = row;
  return pos;
}

/** `scanColumns(text, start, sep, columnIndices)` for a whole file, faster on plain numbers (see the file comment). */
export function scanColumnsFast(text: string, start: number, sep: Separator, columnIndices: readonly number[]): TableScan {
  const distinct = [...new Set(columnIndices)].sort((a, b) => a - b);
  if (distinct.length === 0 || distinct.length > 2 || sep === null) return scanColumns(text, start, sep, columnIndices);
  const len = text.length;
  const sepCode = sep.charCodeAt(0);
  const commaIsDecimal = sep !== ',';
  const colA = distinct[0]!;
  const colB = distinct.length === 2 ? distinct[1]! : -1;

  // Row capacity from the mean length of the first lines, as the general scanner guesses it.
  let probe = start;
  let probeLines = 0;
  while (probeLines < 16 && probe < len) {
    const nl = text.indexOf('\n', probe);
    probe = nl < 0 ? len : nl + 1;
    probeLines++;
  }
  const meanLen = Math.max(4, (probe - start) / Math.max(1, probeLines));
  let capacity = Math.ceil(((len - start) / meanLen) * 1.1) + 16;
  let a = new Float64Array(capacity);
  let b = new Float64Array(colB >= 0 ? capacity : 0);

  let pos = start;
  let row = 0;
  for (;;) {
    pos = fillRows(text, pos, len, sepCode, commaIsDecimal, colA, colB, a, b, row);
    row = rowsFilled;
    if (!full) break;
    capacity *= 2;
    const a2 = new Float64Array(capacity);
    a2.set(a);
    a = a2;
    if (colB >= 0) {
      const b2 = new Float64Array(capacity);
      b2.set(b);
      b = b2;
    }
  }

  const rest = pos < len ? scanColumns(text, pos, sep, distinct) : null;
  const total = row + (rest ? rest.rows : 0);
  if (rest && rest.rows > 0) {
    const grow = (mine: Float64Array, theirs: Float64Array): Float64Array<ArrayBuffer> => {
      const out = new Float64Array(total);
      out.set(mine.subarray(0, row));
      out.set(theirs.subarray(0, rest.rows), row);
      return out;
    };
    a = grow(a, rest.columns[0]!);
    if (colB >= 0) b = grow(b, rest.columns[1]!);
  } else if (capacity > row * 1.25 + 1024) {
    a = a.slice(0, row);
    if (colB >= 0) b = b.slice(0, row);
  }
  const missing = [rest ? rest.missing[0]! : 0, rest && colB >= 0 ? rest.missing[1]! : 0];
  const notNumeric = [rest ? rest.notNumeric[0]! : 0, rest && colB >= 0 ? rest.notNumeric[1]! : 0];
  // Back to the caller's order (a column asked twice shares one array).
  const slots = columnIndices.map((c) => (c === colA ? 0 : 1));
  return {
    rows: total,
    columns: slots.map((s) => (s === 0 ? a : b)),
    missing: slots.map((s) => missing[s]!),
    notNumeric: slots.map((s) => notNumeric[s]!),
  };
}

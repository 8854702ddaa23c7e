/**
 * Hand-rolled character-code scanner for numeric delimited text (CSV with `,`, `;` or tab).
 * Built for speed on long recordings (an hour at 250 Hz is ~900,000 rows): one pass over the
 * string with `charCodeAt`, no split per line and no regular expression per cell. Numbers are
 * parsed in a fast path (≤ 15 significant digits, |decimal exponent| ≤ 22: the mantissa and the
 * power of ten are exact doubles, so one IEEE multiply/divide gives the correctly rounded value,
 * the same result as `Number()`); anything else falls back to `Number()` on the cell's slice.
 * Only the requested columns are parsed; other cells are skipped without parsing.
 */

/** Column separator: comma, semicolon, tab, or null for a single-column file. */
export type Separator = ',' | ';' | '\t' | null;

const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_QUOTE = 34;
const CH_HASH = 35;
const CH_PLUS = 43;
const CH_COMMA = 44;
const CH_MINUS = 45;
const CH_DOT = 46;
const CH_0 = 48;
const CH_9 = 57;
const CH_E = 69;
const CH_e = 101;

const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number('1e' + k));

/** Cell literals read as "no value" (NaN) rather than as a non-numeric cell. */
const MISSING_LITERALS = new Set(['', 'nan', '-nan', 'na', 'n/a', 'null', 'none', '-', '?']);

/** How a cell was read: a number, missing (empty or a literal such as NaN, NA, null), or text. */
const KIND_NUMBER = 0;
const KIND_MISSING = 1;
const KIND_NOT_NUMERIC = 2;

// Results of the last `readNumberCell` call (module-level to avoid allocating per cell).
let cellEnd = 0;
let cellKind = KIND_NUMBER;

/**
 * Parse the cell starting at `start`: surrounding spaces and double quotes are ignored; with
 * `commaIsDecimal` a `,` is accepted as the decimal mark (Dutch/European exports with `;`).
 * Returns the value (NaN when missing or not numeric); `cellEnd` is set to the index of the
 * terminator (the separator, CR, LF or the end of the text) and `cellKind` to the kind of cell.
 */
function readNumberCell(text: string, start: number, sepCode: number, commaIsDecimal: boolean): number {
  const len = text.length;
  let i = start;
  let c = text.charCodeAt(i);
  while (c === CH_SPACE || c === CH_QUOTE) c = text.charCodeAt(++i);
  let neg = false;
  if (c === CH_MINUS) {
    neg = true;
    c = text.charCodeAt(++i);
  } else if (c === CH_PLUS) {
    c = text.charCodeAt(++i);
  }
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
  let exp = 0;
  if (digits > 0 && (c === CH_e || c === CH_E)) {
    let j = i + 1;
    let d = text.charCodeAt(j);
    let expNeg = false;
    if (d === CH_MINUS) {
      expNeg = true;
      d = text.charCodeAt(++j);
    } else if (d === CH_PLUS) {
      d = text.charCodeAt(++j);
    }
    if (d >= CH_0 && d <= CH_9) {
      while (d >= CH_0 && d <= CH_9) {
        if (exp < 10000) exp = exp * 10 + (d - CH_0);
        d = text.charCodeAt(++j);
      }
      if (expNeg) exp = -exp;
      i = j;
      c = d;
    }
  }
  while (c === CH_SPACE || c === CH_QUOTE) c = text.charCodeAt(++i);
  if (digits > 0 && (i >= len || c === sepCode || c === CH_LF || c === CH_CR)) {
    cellEnd = i;
    cellKind = KIND_NUMBER;
    const e = exp - frac;
    if (digits <= 15 && e >= -22 && e <= 22) {
      const v = e === 0 ? mant : e < 0 ? mant / POW10[-e]! : mant * POW10[e]!;
      return neg ? -v : v;
    }
    return slowCell(text, start, sepCode, commaIsDecimal);
  }
  return slowCell(text, start, sepCode, commaIsDecimal);
}

/** Fallback for cells the fast path does not handle: long mantissas, text, NaN literals. */
function slowCell(text: string, start: number, sepCode: number, commaIsDecimal: boolean): number {
  const len = text.length;
  let j = start;
  while (j < len) {
    const c = text.charCodeAt(j);
    if (c === sepCode || c === CH_LF || c === CH_CR) break;
    j++;
  }
  cellEnd = j;
  let s = text.slice(start, j).trim();
  if (s.length >= 2 && s.charCodeAt(0) === CH_QUOTE && s.charCodeAt(s.length - 1) === CH_QUOTE) {
    s = s.slice(1, -1).trim();
  }
  if (MISSING_LITERALS.has(s.toLowerCase())) {
    cellKind = KIND_MISSING;
    return NaN;
  }
  if (commaIsDecimal) s = s.replace(',', '.');
  // Number() accepts hex, binary and "Infinity"; only plain decimal notation counts as a number.
  const v = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN;
  if (Number.isFinite(v)) {
    cellKind = KIND_NUMBER;
    return v;
  }
  cellKind = KIND_NOT_NUMERIC;
  return NaN;
}

/** Parse one cell given as a string (header and preview rows); NaN when not a plain number. */
export function parseNumberCell(cell: string, commaIsDecimal = false): number {
  const v = readNumberCell(cell, 0, -1, commaIsDecimal);
  return cellKind === KIND_NUMBER ? v : NaN;
}

/** Split one line (no line terminator) into trimmed cells without surrounding quotes. */
export function splitCells(line: string, sep: Separator): string[] {
  const raw = sep === null ? [line] : line.split(sep);
  return raw.map((cell) => {
    let s = cell.trim();
    if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1).trim();
    return s;
  });
}

const count = (line: string, ch: string): number => {
  let n = 0;
  for (let i = line.indexOf(ch); i >= 0; i = line.indexOf(ch, i + 1)) n++;
  return n;
};

/**
 * Detect the separator from the header line and the first data line: the candidate (tab,
 * semicolon, comma) that occurs in the header and the same number of times in the data line
 * wins (most occurrences first); without a consistent one, the most frequent one in the
 * header; none at all → a single-column file.
 */
export function detectSeparator(headerLine: string, dataLine: string | null): Separator {
  const candidates: Exclude<Separator, null>[] = ['\t', ';', ','];
  let best: Separator = null;
  let bestCount = 0;
  for (const sep of candidates) {
    const h = count(headerLine, sep);
    if (h > bestCount && (dataLine === null || count(dataLine, sep) === h)) {
      best = sep;
      bestCount = h;
    }
  }
  if (best !== null) return best;
  for (const sep of candidates) {
    const h = count(headerLine, sep);
    if (h > bestCount) {
      best = sep;
      bestCount = h;
    }
  }
  return best;
}

/** One text line: its content (without CR/LF) and where the next line starts. */
export interface TextLine {
  text: string;
  start: number;
  next: number;
}

/** The next line at or after `pos` that is neither blank nor a `#` comment; null at the end. */
export function nextContentLine(text: string, pos: number): TextLine | null {
  const len = text.length;
  while (pos < len) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? len : nl;
    const next = nl < 0 ? len : nl + 1;
    const line = text.slice(pos, end).replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed.length > 0 && trimmed.charCodeAt(0) !== CH_HASH) return { text: line, start: pos, next };
    pos = next;
  }
  return null;
}

/** Result of a full scan of the wanted columns. */
export interface TableScan {
  /** Number of data rows read (blank and `#` lines are skipped). */
  rows: number;
  /** One array per wanted column (in the order asked), length ≥ `rows`; use `subarray(0, rows)`. */
  columns: Float64Array[];
  /** Per wanted column: cells that were empty, a missing literal or absent (short row). */
  missing: number[];
  /** Per wanted column: cells holding text that is not a number. */
  notNumeric: number[];
}

/**
 * Scan all data rows from `start` and parse the columns with the given indices (0-based).
 * Cells of other columns are skipped without parsing; short rows give NaN for absent cells.
 * A column asked for twice is parsed once and its array returned twice. Stops after `maxRows` rows.
 */
export function scanColumns(
  text: string,
  start: number,
  sep: Separator,
  columnIndices: readonly number[],
  maxRows = Infinity,
): TableScan {
  const len = text.length;
  const sepCode = sep === null ? -1 : sep.charCodeAt(0);
  const commaIsDecimal = sep !== ',';

  // Distinct wanted columns in ascending order; slot k holds the k-th of them.
  const distinct = [...new Set(columnIndices)].sort((a, b) => a - b);
  const order = distinct.map((col) => ({ col }));
  const nWanted = order.length;
  const maxCol = nWanted > 0 ? order[nWanted - 1]!.col : -1;
  const slotOf = new Int32Array(maxCol + 1).fill(-1);
  order.forEach((o, slot) => (slotOf[o.col] = slot));

  // Row capacity guessed from the mean length of the first lines (at least 4 characters,
  // as in `1,2\n`); the arrays grow when the guess is short and are trimmed at the end.
  let probe = start;
  let probeLines = 0;
  while (probeLines < 16 && probe < len) {
    const nl = text.indexOf('\n', probe);
    probe = nl < 0 ? len : nl + 1;
    probeLines++;
  }
  const meanLen = Math.max(4, (probe - start) / Math.max(1, probeLines));
  let capacity = Math.min(maxRows, Math.ceil(((len - start) / meanLen) * 1.1) + 16);
  let out = order.map(() => new Float64Array(capacity));
  const missing = new Array<number>(nWanted).fill(0);
  const notNumeric = new Array<number>(nWanted).fill(0);

  let pos = start;
  let row = 0;
  while (pos < len && row < maxRows) {
    if (row === capacity) {
      capacity = Math.min(maxRows, capacity * 2);
      out = out.map((a) => {
        const b = new Float64Array(capacity);
        b.set(a);
        return b;
      });
    }
    let c = text.charCodeAt(pos);
    if (c === CH_LF || c === CH_CR) {
      pos++;
      continue;
    }
    if (c === CH_HASH) {
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 ? len : nl + 1;
      continue;
    }
    let col = 0;
    let filled = 0;
    for (;;) {
      const slot = col <= maxCol ? slotOf[col]! : -1;
      if (slot >= 0) {
        // Inline fast path for plain decimals ([-]digits[.digits]); anything else → readNumberCell.
        let i = pos;
        c = text.charCodeAt(i);
        const neg = c === CH_MINUS;
        if (neg) c = text.charCodeAt(++i);
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
        if (digits > 0 && digits <= 15 && (c === sepCode || c === CH_LF || c === CH_CR || i >= len)) {
          const v = frac === 0 ? mant : mant / POW10[frac]!;
          out[slot]![row] = neg ? -v : v;
          pos = i;
        } else {
          out[slot]![row] = readNumberCell(text, pos, sepCode, commaIsDecimal);
          if (cellKind !== KIND_NUMBER) {
            if (cellKind === KIND_MISSING) missing[slot]!++;
            else notNumeric[slot]!++;
          }
          pos = cellEnd;
        }
        filled++;
        if (filled === nWanted) {
          const nl = text.indexOf('\n', pos);
          pos = nl < 0 ? len : nl + 1;
          break;
        }
      } else {
        while (pos < len) {
          c = text.charCodeAt(pos);
          if (c === sepCode || c === CH_LF || c === CH_CR) break;
          pos++;
        }
      }
      c = text.charCodeAt(pos);
      if (c === sepCode) {
        pos++;
        col++;
        continue;
      }
      // End of a short row: the remaining wanted cells are absent.
      for (let s = filled; s < nWanted; s++) {
        out[s]![row] = NaN;
        missing[s]!++;
      }
      if (c === CH_CR) pos++;
      if (text.charCodeAt(pos) === CH_LF) pos++;
      break;
    }
    row++;
  }

  if (capacity > row * 1.25 + 1024) out = out.map((a) => a.slice(0, row));

  // Back to the caller's order (a column asked twice shares one array).
  const slots = columnIndices.map((col) => distinct.indexOf(col));
  return {
    rows: row,
    columns: slots.map((s) => out[s]!),
    missing: slots.map((s) => missing[s]!),
    notNumeric: slots.map((s) => notNumeric[s]!),
  };
}

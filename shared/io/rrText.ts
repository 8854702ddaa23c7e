/**
 * Beat-interval (RR / NN / PPI) text files as Kubios, Polar and Elite HRV export them:
 * - Elite HRV, Polar Flow, Kubios plain RR text: one interval per line;
 * - Polar Sensor Logger: `Phone timestamp;RR-interval [ms]` with a date-time first column;
 * - Kubios / spreadsheet exports: `time,rr` (the column named rr/rri/ibi/nn/… wins; without a
 *   header the first numeric column that is not a strictly increasing time axis is taken).
 * Separators `,` `;` tab or spaces; CRLF, blank lines, `#` comments and a header/preamble are
 * tolerated. The unit is detected from magnitude: median < 10 → seconds, else milliseconds.
 */
import { detectSeparator, parseNumberCell, splitCells, type Separator } from './csvScanner.js';
import { RR_COLUMN_NAMES, findColumn } from './columnNames.js';

export interface RrRecording {
  /** Intervals in milliseconds, in file order. */
  ibiMs: Float64Array;
  /** Unit found in the file (values in seconds are converted to ms). */
  unit: 'ms' | 's';
  /** How the file was read, e.g. `one interval per line` or `column "rr" of 2 (header)`. */
  format: string;
  warnings: string[];
}

/** Plausible RR range after unit detection, ms. */
export const RR_PLAUSIBLE_MS = { min: 200, max: 3000 } as const;
const MIN_INTERVALS = 10;

type Splitter = (line: string) => string[];

function splitterFor(sep: Separator | 'space'): Splitter {
  if (sep === 'space') return (line) => line.trim().split(/\s+/);
  return (line) => splitCells(line, sep);
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
}

const isStrictlyIncreasing = (v: readonly number[]): boolean => v.every((x, i) => i === 0 || x > v[i - 1]!);

/** Parse RR-interval text; returns the intervals in ms or `{ error }` with a one-line message. */
export function parseRrText(text: string): RrRecording | { error: string } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text
    .split(/\r\n|\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
  if (lines.length === 0) return { error: 'empty file' };

  // Separator from the first two lines; spaces between numbers as a last resort.
  let sep: Separator | 'space' = detectSeparator(lines[0]!, lines.length > 1 ? lines[1]! : null);
  if (sep === null && lines.slice(0, 5).some((l) => /\S\s+\S/.test(l))) sep = 'space';
  const commaIsDecimal = sep !== ',';
  let split = splitterFor(sep);
  const num = (cell: string): number => parseNumberCell(cell, commaIsDecimal);

  // Preamble/header: leading lines without a single number; the last of them names the columns.
  let first = 0;
  while (first < lines.length && !split(lines[first]!).some((c) => Number.isFinite(num(c)))) first++;
  const header = first > 0 ? split(lines[first - 1]!) : null;
  const dataLines = lines.slice(first);
  if (dataLines.length === 0) return { error: 'no numbers in the file' };

  // "0,812" one per line with a decimal comma looks like two comma-separated columns.
  let rows = dataLines.map(split);
  if (
    sep === ',' && header === null &&
    rows.every((r) => r.length === 2 && /^[0-3]$/.test(r[0]!) && /^\d+$/.test(r[1]!))
  ) {
    sep = null;
    split = splitterFor(null);
    rows = dataLines.map((l) => [l.replace(',', '.')]);
  }

  const nCols = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const columns = Array.from({ length: nCols }, (_, c) => rows.map((r) => num(r[c] ?? '')));
  const isNumeric = columns.map((col) => col.filter(Number.isFinite).length * 2 > col.length);

  let col = header ? findColumn(header, RR_COLUMN_NAMES) : -1;
  if (col >= 0 && !isNumeric[col]) col = -1;
  if (col < 0) {
    const numericCols = isNumeric.flatMap((ok, c) => (ok ? [c] : []));
    if (numericCols.length === 0) return { error: 'no column of numbers in the file' };
    const notTime = numericCols.filter((c) => !isStrictlyIncreasing(columns[c]!.filter(Number.isFinite)));
    col = (numericCols.length > 1 && notTime.length > 0 ? notTime : numericCols)[0]!;
  }

  const warnings: string[] = [];
  const raw = columns[col]!;
  const finite = raw.filter(Number.isFinite);
  const plural = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : 's'}`;
  if (finite.length < raw.length) warnings.push(`${plural(raw.length - finite.length, 'line')} without a number skipped`);
  if (finite.length < MIN_INTERVALS) {
    return { error: `only ${finite.length} intervals in the file (need at least ${MIN_INTERVALS})` };
  }

  const unit: 'ms' | 's' = median(finite) < 10 ? 's' : 'ms';
  const scale = unit === 's' ? 1000 : 1;
  const positive = finite.filter((v) => v > 0).map((v) => v * scale);
  if (positive.length < finite.length) warnings.push(`${plural(finite.length - positive.length, 'zero or negative interval')} skipped`);
  if (positive.length < MIN_INTERVALS) {
    return { error: `only ${positive.length} positive intervals in the file (need at least ${MIN_INTERVALS})` };
  }

  const inRange = positive.filter((v) => v >= RR_PLAUSIBLE_MS.min && v <= RR_PLAUSIBLE_MS.max).length;
  if (inRange * 2 <= positive.length) {
    return {
      error:
        `implausible intervals (median ${median(positive).toFixed(0)} ms after reading them as ${unit}): ` +
        `RR intervals lie between ${RR_PLAUSIBLE_MS.min} and ${RR_PLAUSIBLE_MS.max} ms`,
    };
  }
  if (inRange < positive.length) {
    warnings.push(
      `${plural(positive.length - inRange, 'interval')} outside ${RR_PLAUSIBLE_MS.min}–${RR_PLAUSIBLE_MS.max} ms kept (artifacts?)`,
    );
  }

  const name = header?.[col];
  const format =
    nCols === 1
      ? `one interval per line${header ? ' (header)' : ''}`
      : `column ${name ? `"${name}"` : col + 1} of ${nCols}${header ? ' (header)' : ''}`;
  return { ibiMs: Float64Array.from(positive), unit, format, warnings };
}

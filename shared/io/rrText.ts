/**
 * Beat-interval (RR / NN / PPI) text files as Kubios, Polar and Elite HRV export them:
 * - Elite HRV, Polar Flow, Kubios plain RR text: one interval per line;
 * - Polar Sensor Logger: `Phone timestamp;RR-interval [ms]` with a date-time first column;
 * - Kubios / spreadsheet exports: `time,rr` (the column named rr/rri/ibi/nn/… wins; without a
 *   header the first numeric column that is not a strictly increasing time axis is taken).
 * Separators `,` `;` tab or spaces; CRLF, blank lines, `#` comments and a header/preamble are
 * tolerated. The unit is detected from magnitude: median < 10 → seconds, else milliseconds.
 * Intervals outside 200–3000 ms (after the unit) are artifacts: they are left out and counted in
 * a warning, never kept (a stray `1e308` must not become a recording of 1e305 s); when they are
 * the majority the file is refused. A PPG signal is refused too: a header naming a PPG column
 * (ppg, pleth, signal) and no interval column, or a time column stepping far faster than the
 * "intervals" beside it (a sampled signal, not one row per beat).
 */
import { detectSeparator, parseNumberCell, splitCells, type Separator } from './csvScanner.js';
import { PPG_COLUMN_NAMES, RR_COLUMN_NAMES, TIME_COLUMN_NAMES, findColumn } from './columnNames.js';
import { errorText, type ErrorCode, type ErrorParams } from '../i18n/CadansError.js';
import { columnLabel } from '../text/safeText.js';

/** Why `parseRrText` refused a file: the message, and `ppg` when the file holds a PPG signal instead. */
export interface RrTextError {
  error: string;
  /** The file is a sampled PPG signal (read it as a PPG CSV instead). */
  ppg?: true;
  /** The problem as a coded error (`rr.*`) for the user's language; `error` is its English line. */
  code?: ErrorCode;
  params?: ErrorParams;
}

function fail(code: ErrorCode, params: ErrorParams = {}, ppg = false): RrTextError {
  return { error: errorText('en', { code, params, message: '' }), code, params, ...(ppg ? { ppg: true as const } : {}) };
}

export interface RrRecording {
  /** Intervals in milliseconds, in file order. */
  ibiMs: Float64Array;
  /** Unit found in the file (values in seconds are converted to ms). */
  unit: 'ms' | 's';
  /** How the file was read, e.g. `one interval per line` or `column "rr" of 2 (header)`. */
  format: string;
  /** What was left out, as English lines (the `--json` contract's `settings.file.warnings`, stored with an import). */
  warnings: string[];
  /** The same notes coded (`rrNote.*`), one per warning in the same order: shown in the user's language. */
  notes: RrTextNote[];
}

/** A note on what was left out of an RR file (an `rrNote.*` code and its params), for the user's language. */
export interface RrTextNote {
  code: ErrorCode;
  params: ErrorParams;
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
  return s.length % 2 ? s[m]! : 0.5 * s[m - 1]! + 0.5 * s[m]!; // no overflow at 1e308
}

const isStrictlyIncreasing = (v: readonly number[]): boolean => v.every((x, i) => i === 0 || x > v[i - 1]!);

/** Parse RR-interval text; returns the intervals in ms or `{ error }` with a one-line message. */
export function parseRrText(text: string): RrRecording | RrTextError {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text
    .split(/\r\n|\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
  if (lines.length === 0) return fail('csv.empty');

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
  if (dataLines.length === 0) return fail('rr.noNumbers');

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
  const numericCols = isNumeric.flatMap((ok, c) => (ok ? [c] : []));
  if (col < 0) {
    if (header) {
      const ppgCol = findColumn(header, PPG_COLUMN_NAMES);
      if (ppgCol >= 0) {
        return fail('rr.ppgColumn', { column: columnLabel(header[ppgCol], ppgCol), columnNl: columnLabel(header[ppgCol], ppgCol, 'nl') }, true);
      }
    }
    if (numericCols.length === 0) return fail('rr.noNumericColumn');
    const notTime = numericCols.filter((c) => !isStrictlyIncreasing(columns[c]!.filter(Number.isFinite)));
    col = (numericCols.length > 1 && notTime.length > 0 ? notTime : numericCols)[0]!;
  }
  const sampled = sampledSignal(columns, numericCols, col, header);
  if (sampled !== null) return fail('rr.sampled', { stepMs: sampled }, true);

  const warnings: string[] = [];
  const notes: RrTextNote[] = [];
  /** A note: the English line (`warnings`, unchanged contract) and the same coded (`notes`). */
  const warn = (english: string, code: ErrorCode, params: ErrorParams): void => {
    warnings.push(english);
    notes.push({ code, params });
  };
  const counted = (k: number): ErrorParams => ({ count: String(k), n: k });
  const raw = columns[col]!;
  const finite = raw.filter(Number.isFinite);
  const plural = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : 's'}`;
  if (finite.length < raw.length) {
    const k = raw.length - finite.length;
    warn(`${plural(k, 'line')} without a number skipped`, 'rrNote.noNumber', counted(k));
  }
  if (finite.length < MIN_INTERVALS) {
    return fail('rr.tooFew', { found: String(finite.length), kind: 'any', min: String(MIN_INTERVALS) });
  }

  const unit: 'ms' | 's' = median(finite) < 10 ? 's' : 'ms';
  const scale = unit === 's' ? 1000 : 1;
  const positive = finite.filter((v) => v > 0).map((v) => v * scale);
  if (positive.length < finite.length) {
    const k = finite.length - positive.length;
    warn(`${plural(k, 'zero or negative interval')} skipped`, 'rrNote.notPositive', counted(k));
  }
  if (positive.length < MIN_INTERVALS) {
    return fail('rr.tooFew', { found: String(positive.length), kind: 'positive', min: String(MIN_INTERVALS) });
  }

  const plausible = positive.filter((v) => v >= RR_PLAUSIBLE_MS.min && v <= RR_PLAUSIBLE_MS.max);
  if (plausible.length * 2 <= positive.length) {
    const m = median(positive);
    const med = Number.isFinite(m) && m < 1e7 ? m.toFixed(0) : m.toExponential(1);
    return fail('rr.implausible', { median: med, unit, min: String(RR_PLAUSIBLE_MS.min), max: String(RR_PLAUSIBLE_MS.max) });
  }
  if (plausible.length < positive.length) {
    const k = positive.length - plausible.length;
    warn(
      `${plural(k, 'interval')} outside ${RR_PLAUSIBLE_MS.min}–${RR_PLAUSIBLE_MS.max} ms left out (artifacts)`,
      'rrNote.implausible',
      { ...counted(k), min: String(RR_PLAUSIBLE_MS.min), max: String(RR_PLAUSIBLE_MS.max) },
    );
  }
  if (plausible.length < MIN_INTERVALS) {
    return fail('rr.tooFew', { found: String(plausible.length), kind: 'plausible', min: String(MIN_INTERVALS) });
  }

  const format =
    nCols === 1
      ? `one interval per line${header ? ' (header)' : ''}`
      : `${columnLabel(header?.[col], col)} of ${nCols}${header ? ' (header)' : ''}`;
  return { ibiMs: Float64Array.from(plausible), unit, format, warnings, notes };
}

/**
 * Whether the chosen column is a sampled signal rather than intervals: beside it a time column
 * (named time/t/timestamp, or the strictly increasing numeric column) whose median step is under a
 * fifth of the column's median value — one row per sample, not one per beat (Kubios `time,rr`
 * steps by the interval itself). Returns why, or null.
 */
function sampledSignal(columns: number[][], numericCols: number[], col: number, header: string[] | null): number | null {
  const named = header ? findColumn(header, TIME_COLUMN_NAMES) : -1;
  const candidates = named >= 0 && named !== col ? [named] : numericCols.filter((c) => c !== col);
  const values = columns[col]!.filter((v) => Number.isFinite(v) && v > 0);
  if (values.length < MIN_INTERVALS) return null;
  const valueMs = median(values) < 10 ? median(values) * 1000 : median(values);
  for (const c of candidates) {
    const t = columns[c]!.filter(Number.isFinite);
    if (t.length < MIN_INTERVALS || !isStrictlyIncreasing(t)) continue;
    const steps = t.slice(1).map((x, i) => x - t[i]!);
    const step = median(steps);
    // The time axis in s or ms, whichever makes its steps nearer the values.
    const stepMs = Math.abs(step * 1000 - valueMs) < Math.abs(step - valueMs) ? step * 1000 : step;
    if (stepMs > 0 && stepMs * 5 < valueMs) {
      return +stepMs.toPrecision(3);
    }
  }
  return null;
}

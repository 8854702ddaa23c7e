/**
 * PPG recordings from CSV text (the CLI's input contract):
 * - a header row; separator `,`, `;` or tab (detected; with `;`/tab a decimal comma is accepted);
 * - a time column in seconds named `time`, `t` or `timestamp` (case-insensitive; `time_ms` /
 *   `time (ms)` are read as milliseconds), optional when the sampling rate is given;
 * - a signal column named `ppg`, `pleth` or `signal`, else the first other numeric column;
 * - empty, `NaN` or non-numeric cells become NaN (counted: sensors drop out);
 * - the sampling rate comes from the time column (robust median interval, see sampleTiming.ts)
 *   unless given; a given rate that disagrees with the time column by > 2 % is an error;
 * - gaps in the time column are filled: values on a uniform grid with NaN in the gaps.
 * Parsing is a single char-code pass (csvScanner.ts; the full pass through csvFastScan.ts, a lean loop
 * for plain numbers with the same result): an hour at 250 Hz in well under 150 ms.
 */
import { detectSeparator, nextContentLine, parseNumberCell, scanColumns, splitCells, type Separator } from './csvScanner.js';
import { scanColumnsFast } from './csvFastScan.js';
import { PPG_COLUMN_NAMES, TIME_COLUMN_NAMES, findColumn, normalizeColumnName, timeUnitScale } from './columnNames.js';
import { analyzeTimeAxis, gridPositions, spreadOnGrid, tidyRateHz } from './sampleTiming.js';
import { errorText, type ErrorCode, type ErrorParams } from '../i18n/CadansError.js';
import { columnLabel, columnList as showColumns, showText, stripControls } from '../text/safeText.js';

export interface PpgCsvOptions {
  /** Sampling rate, Hz (`--fs`); required when there is no time column. */
  fsHz?: number;
  /** Signal column to use instead of the automatic choice (header name, case-insensitive). */
  column?: string;
  /** Further columns to return in `extra` (e.g. `['ecg', 'resp']`); absent names are left out. */
  columns?: readonly string[];
}

export interface PpgRecording {
  /** Sampling rate of `values`, Hz. */
  fsHz: number;
  /** Time of each value, s: the time column, or the uniform grid when gaps were filled; null without a time column. */
  tSec: Float64Array | null;
  /** The signal on a uniform grid at `fsHz`; NaN = missing cell or gap. */
  values: Float64Array;
  /** Header name of the signal column. */
  column: string;
  /** Header name of the time column, or null. */
  timeColumn: string | null;
  /** Cells of the signal column that were empty, NaN or not numeric (gap fill not included). */
  nanCount: number;
  /** What was assumed or repaired, as English lines (the `--json` contract's `settings.file.warnings`). */
  warnings: string[];
  /** The same notes coded (`csvNote.*`), one per warning in the same order: shown in the user's language. */
  notes: PpgCsvNote[];
  /** All header names, in file order. */
  header: string[];
  /** The columns asked for with `columns`, keyed by the name asked, on the same grid as `values`. */
  extra: Record<string, Float64Array>;
  /** Gaps of the time column that were filled with NaN. */
  gaps: { startSec: number; endSec: number }[];
}

/** The first three gaps as numbers (`shown`, `from1`, `to1` … `to3`): the catalogue writes them in the user's language. */
function gapParams(gaps: readonly { startSec: number; endSec: number }[]): ErrorParams {
  const out: ErrorParams = { shown: Math.min(3, gaps.length) };
  gaps.slice(0, 3).forEach((g, i) => {
    out[`from${i + 1}`] = g.startSec;
    out[`to${i + 1}`] = g.endSec;
  });
  return out;
}
const MAX_GAP_SEC = 3600;
const MIN_FS_HZ = 1;
const MAX_FS_HZ = 100_000;

function isHeaderLike(cells: readonly string[], commaIsDecimal: boolean): boolean {
  return cells.some((c) => c !== '' && Number.isNaN(parseNumberCell(c, commaIsDecimal)));
}

/**
 * Numeric columns judged on the first rows (more than half of the cells parse as numbers).
 * Uses the same scanner as the full pass, which also gives it type feedback before the long run.
 */
function numericColumns(text: string, start: number, sep: Separator, nCols: number, maxRows = 200): boolean[] {
  const all = Array.from({ length: nCols }, (_, c) => c);
  const preview = scanColumns(text, start, sep, all, maxRows);
  return all.map((c) => {
    const col = preview.columns[c]!;
    let finite = 0;
    for (let i = 0; i < preview.rows; i++) if (Number.isFinite(col[i]!)) finite++;
    return preview.rows > 0 && finite * 2 > preview.rows;
  });
}

/** A note on what was assumed or repaired (a `csvNote.*` error code and its params), for the user's language. */
export interface PpgCsvNote {
  code: ErrorCode;
  params: ErrorParams;
}

/** A refused CSV: the English line, and the problem as a coded error (`csv.*`) for the user's language. */
export interface PpgCsvError {
  error: string;
  code: ErrorCode;
  params: ErrorParams;
}

function fail(code: ErrorCode, params: ErrorParams = {}): PpgCsvError {
  return { error: errorText('en', { code, params, message: '' }), code, params };
}

/** A column as a parameter: `column` (English label) and `columnNl` (Dutch label). */
const col = (name: string | undefined, i: number): ErrorParams => ({ column: columnLabel(name, i), columnNl: columnLabel(name, i, 'nl') });
/** The header as a parameter: `columns` and `columnsNl`. */
const cols = (header: readonly string[]): ErrorParams => ({ columns: showColumns(header), columnsNl: showColumns(header, 8, 'nl') });

/** Parse a PPG CSV; returns the recording or `{ error, code, params }` with a one-line message. */
export function parsePpgCsv(text: string, opts: PpgCsvOptions = {}): PpgRecording | PpgCsvError {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.indexOf('\n') < 0 && text.indexOf('\r') >= 0) text = text.replace(/\r/g, '\n'); // classic Mac line ends
  const headerLine = nextContentLine(text, 0);
  if (!headerLine) return fail('csv.empty');
  const firstData = nextContentLine(text, headerLine.next);
  const sep = detectSeparator(headerLine.text, firstData ? firstData.text : null);
  const commaIsDecimal = sep !== ',';
  const header = splitCells(headerLine.text, sep).map((h, i) => (h === '' ? `column ${i + 1}` : stripControls(h)));
  if (!isHeaderLike(header, commaIsDecimal)) {
    return fail('csv.noHeader');
  }
  if (!firstData) return fail('csv.headerOnly');
  if (opts.fsHz !== undefined && !(Number.isFinite(opts.fsHz) && opts.fsHz > 0)) {
    return fail('csv.badFs', { fs: String(opts.fsHz) });
  }

  const numeric = numericColumns(text, headerLine.next, sep, header.length);
  // Errors name the columns only as far as they look like column names (never a line of the file).

  // Time column.
  const timeCol = findColumn(header, TIME_COLUMN_NAMES);
  if (timeCol < 0 && opts.fsHz === undefined) {
    return fail('csv.noTimeColumn', cols(header));
  }

  // Signal column.
  const warnings: string[] = [];
  const notes: PpgCsvNote[] = [];
  /** A note: the English line (`warnings`, unchanged contract) and the same coded (`notes`). */
  const warn = (english: string, code: ErrorCode, params: ErrorParams): void => {
    warnings.push(english);
    notes.push({ code, params });
  };
  let sigCol: number;
  if (opts.column !== undefined) {
    const want = opts.column.trim().toLowerCase();
    sigCol = header.findIndex((h) => h.toLowerCase() === want);
    if (sigCol < 0) sigCol = findColumn(header, [normalizeColumnName(opts.column).base]);
    if (sigCol < 0) return fail('csv.noColumn', { asked: showText(opts.column, 40), ...cols(header) });
  } else {
    sigCol = findColumn(header, PPG_COLUMN_NAMES);
    if (sigCol < 0) {
      sigCol = numeric.findIndex((isNum, i) => isNum && i !== timeCol);
      if (sigCol < 0) return fail('csv.noNumericColumn', cols(header));
      warn(`no column named ppg, pleth or signal: using ${columnLabel(header[sigCol], sigCol)}`, 'csvNote.guessedColumn', col(header[sigCol], sigCol));
    }
  }

  if (sigCol === timeCol) return fail('csv.timeIsSignal', col(header[sigCol], sigCol));

  const extraNames = (opts.columns ?? []).map((name) => ({ name, col: findColumn(header, [normalizeColumnName(name).base]) }))
    .filter((e) => e.col >= 0);
  const wanted = [sigCol, ...(timeCol >= 0 ? [timeCol] : []), ...extraNames.map((e) => e.col)];
  const scan = scanColumnsFast(text, headerLine.next, sep, wanted);
  let n = scan.rows;
  const values = scan.columns[0]!;
  const extraCols = scan.columns.slice(timeCol >= 0 ? 2 : 1);
  const nanCells = scan.missing[0]! + scan.notNumeric[0]!;
  if (n < 2) return fail('csv.tooFewRows', { found: String(n) });
  if (nanCells === n) return fail('csv.noNumbers', col(header[sigCol], sigCol));

  let fsHz = opts.fsHz ?? NaN;
  let tSec: Float64Array | null = null;
  let nanCount = nanCells;
  let outValues = values.subarray(0, n);
  let outExtra = extraCols.map((c) => c.subarray(0, n));
  const gapsOut: { startSec: number; endSec: number }[] = [];

  if (timeCol >= 0) {
    const t = scan.columns[1]!;
    // Rows without a usable time cannot be placed: drop them.
    if (scan.missing[1]! + scan.notNumeric[1]! > 0) {
      let k = 0;
      let nanDropped = 0;
      for (let i = 0; i < n; i++) {
        if (Number.isNaN(t[i]!)) {
          if (Number.isNaN(values[i]!)) nanDropped++;
          continue;
        }
        t[k] = t[i]!;
        values[k] = values[i]!;
        for (const c of extraCols) c[k] = c[i]!;
        k++;
      }
      warn(`${n - k} row${n - k === 1 ? '' : 's'} without a valid time skipped`, 'csvNote.rowsWithoutTime', { count: String(n - k), n: n - k });
      nanCount -= nanDropped;
      n = k;
      outValues = values.subarray(0, n);
      outExtra = extraCols.map((c) => c.subarray(0, n));
      if (n < 2) return fail('csv.tooFewTimedRows', { found: String(n) });
    }
    const scale = timeUnitScale(normalizeColumnName(header[timeCol]!).unit);
    if (scale !== 1) for (let i = 0; i < n; i++) t[i] = t[i]! * scale;
    const axis = analyzeTimeAxis(t, n);
    const bad = axis.nonIncreasingRow;
    if (bad >= 0) {
      return fail('csv.timeNotIncreasing', { row: String(bad + 1), t: t[bad]!, prev: t[bad - 1]! });
    }
    const fsTime = tidyRateHz(1 / axis.dtSec);
    if (!(fsTime >= MIN_FS_HZ && fsTime <= MAX_FS_HZ)) {
      return fail('csv.timeUnit', { hz: fsTime, ...col(header[timeCol], timeCol) });
    }
    if (opts.fsHz !== undefined) {
      if (Math.abs(opts.fsHz - fsTime) > 0.02 * fsTime) {
        return fail('csv.fsDisagrees', { fs: String(opts.fsHz), hz: fsTime });
      }
      if (Math.abs(opts.fsHz - fsTime) > 0.001 * fsTime) {
        warn(`using --fs ${opts.fsHz} Hz (the time column gives ${fsTime.toFixed(2)} Hz)`, 'csvNote.fsUsed', { fs: String(opts.fsHz), hz: fsTime });
      }
    } else {
      fsHz = fsTime;
    }
    const gaps = axis.gaps;
    const longest = gaps.reduce((m, g) => Math.max(m, g.endSec - g.startSec), 0);
    if (longest > MAX_GAP_SEC) {
      const g = gaps.find((x) => x.endSec - x.startSec === longest)!;
      return fail('csv.timeJump', { sec: longest, after: g.startSec });
    }
    if (gaps.length > 0) {
      const grid = gridPositions(t, n, 1 / fsHz);
      outValues = spreadOnGrid(values, n, grid);
      outExtra = extraCols.map((c) => spreadOnGrid(c, n, grid));
      const t0 = t[0]!;
      tSec = new Float64Array(grid.length);
      for (let k = 0; k < grid.length; k++) tSec[k] = t0 + k / fsHz;
      const lost = gaps.reduce((s, g) => s + g.missingSamples, 0);
      const where = gaps.slice(0, 3).map((g) => `${g.startSec.toFixed(2)}–${g.endSec.toFixed(2)} s`).join(', ');
      warn(
        `${gaps.length} gap${gaps.length > 1 ? 's' : ''} in the time column (${where}${gaps.length > 3 ? ', …' : ''}): ` +
          `${lost} missing samples filled with NaN`,
        'csvNote.gaps',
        { count: String(gaps.length), n: gaps.length, ...gapParams(gaps), more: gaps.length > 3 ? 'yes' : 'no', lost: String(lost) },
      );
      for (const g of gaps) gapsOut.push({ startSec: g.startSec, endSec: g.endSec });
    } else {
      tSec = t.subarray(0, n);
    }
  }

  if (nanCount > 0) {
    const bad = scan.notNumeric[0]!;
    warn(
      `${nanCount} of ${n} cells in ${columnLabel(header[sigCol], sigCol)} are empty or not numbers (read as NaN)` +
        (bad > 0 ? `, ${bad} of them text` : ''),
      'csvNote.nanCells',
      { count: String(nanCount), n: nanCount, total: String(n), ...col(header[sigCol], sigCol), text: bad > 0 ? String(bad) : 'none' },
    );
  }
  const extra: Record<string, Float64Array> = {};
  extraNames.forEach((e, k) => (extra[e.name] = outExtra[k]!));

  return {
    fsHz,
    tSec,
    values: outValues,
    column: header[sigCol]!,
    timeColumn: timeCol >= 0 ? header[timeCol]! : null,
    nanCount,
    warnings,
    notes,
    header,
    extra,
    gaps: gapsOut,
  };
}

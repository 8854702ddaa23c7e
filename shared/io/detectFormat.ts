/**
 * Tell a PPG CSV from an RR-interval text file by looking at the first lines:
 * - a header with a PPG-like column (ppg, pleth, signal) → `ppg-csv`; with an RR-like column
 *   (rr, rri, ibi, nn, RR-interval …) and no PPG column → `rr`;
 * - a single column of numbers in the RR range (200–3000 ms or 0.2–3 s) → `rr`;
 * - two or more columns where the first is a time axis whose steps equal the second column
 *   (Kubios `time,rr` without a header) → `rr`;
 * - anything else with a header and ≥ 2 columns → `ppg-csv`.
 * The file name only breaks ties (`.csv` leans to PPG, `.txt`/`.rr`/`.hrv` to RR).
 */
import { detectSeparator, nextContentLine, parseNumberCell, splitCells, type Separator } from './csvScanner.js';
import { PPG_COLUMN_NAMES, RR_COLUMN_NAMES, findColumn } from './columnNames.js';

export type RecordingFormat = 'ppg-csv' | 'rr';

const MAX_LINES = 60;

function leadingLines(text: string, max: number): string[] {
  const out: string[] = [];
  for (let line = nextContentLine(text, text.charCodeAt(0) === 0xfeff ? 1 : 0); line && out.length < max; line = nextContentLine(text, line.next)) {
    out.push(line.text.trim());
  }
  return out;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
}

const inRrRange = (medianValue: number): boolean =>
  (medianValue >= 200 && medianValue <= 3000) || (medianValue >= 0.2 && medianValue <= 3);

/** Which parser a file needs: `parsePpgCsv` (`ppg-csv`) or `parseRrText` (`rr`). */
export function detectRecordingFormat(text: string, fileName: string): RecordingFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const leanRr = ['txt', 'rr', 'hrv', 'ibi'].includes(ext);
  const lines = leadingLines(text, MAX_LINES);
  if (lines.length === 0) return leanRr ? 'rr' : 'ppg-csv';

  let sep: Separator | 'space' = detectSeparator(lines[0]!, lines[1] ?? null);
  if (sep === null && lines.slice(0, 5).some((l) => /\S\s+\S/.test(l))) sep = 'space';
  const split = (l: string): string[] => (sep === 'space' ? l.split(/\s+/) : splitCells(l, sep));
  const num = (c: string): number => parseNumberCell(c, sep !== ',');

  const firstCells = split(lines[0]!);
  const hasHeader = firstCells.some((c) => c !== '' && Number.isNaN(num(c)));
  const header = hasHeader ? firstCells : null;
  if (header) {
    const ppg = findColumn(header, PPG_COLUMN_NAMES);
    const rr = findColumn(header, RR_COLUMN_NAMES);
    if (ppg >= 0) return 'ppg-csv';
    if (rr >= 0) return 'rr';
  }

  const rows = lines.slice(hasHeader ? 1 : 0).map((l) => split(l).map(num));
  const nCols = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const column = (c: number): number[] => rows.map((r) => r[c] ?? NaN).filter(Number.isFinite);

  if (nCols <= 1) {
    const values = column(0);
    if (values.length > 0 && inRrRange(median(values))) return 'rr';
    return leanRr && values.length > 0 ? 'rr' : 'ppg-csv';
  }

  // Kubios-style time,rr without a named RR column: the time steps equal the intervals.
  const t = column(0);
  const v = column(1);
  if (t.length >= 3 && t.length === v.length && inRrRange(median(v))) {
    const close = (d: number, rr: number): boolean =>
      Math.abs(d - rr) <= 0.02 * rr || Math.abs(d * 1000 - rr) <= 0.02 * rr;
    const diffs = t.slice(1).map((x, i) => x - t[i]!);
    const agree = diffs.filter((d, i) => close(d, v[i + 1]!) || close(d, v[i]!));
    if (agree.length * 2 > diffs.length) return 'rr';
  }
  return 'ppg-csv';
}

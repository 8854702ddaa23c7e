/**
 * HeartMath session exports: emWave Pro / emWave2 (desktop "Export" to CSV/text) and Inner Balance
 * (the app's or HeartCloud's session data export). Both are a table with a header row, preceded
 * by an optional preamble of `key: value` (or `key,value`) lines, separated by tab, `,` or `;`.
 *
 * As HeartMath's knowledge base documents the emWave Pro export ("Understanding emWave Pro Data
 * Exports"): the `Time Offset` and `HeartRate` columns are resampled at 2 Hz, the `rawIBI` column
 * holds the real beat intervals (ms) and is independent of the rows beside it — it simply ends
 * about halfway down. The coherence score is updated every 5 s (over the last 64 s of HRV).
 *
 * What is read:
 * - the IBI column (`rawIBI`, `IBI`, `RR`, `IBI (ms)` …): every numeric cell, in order, empty
 *   cells skipped. The intervals then go through `parseRrText` (unit, artifacts, minimum count),
 *   so the checks and messages are those of any RR import;
 * - HeartMath's coherence score column (`Coherence`, `Coherence Score`, `CoherenceRatio`,
 *   `ZoneScore`): one score per 5 s — with a time column, the first value at or after each 5-s
 *   step (the 2-Hz rows repeat it); without one, each non-empty cell is one 5-s score;
 * - an accumulated score column (`Accumulated Coherence`, `AccumCoherence`, `Achievement`): its last value;
 * - from the preamble: the product named (emWave Pro, emWave2, Inner Balance) and the session's
 *   start (`2026-11-20 08:15:00`, `20-11-2026 08:15`, or US `11/20/2026 8:15:00 AM`, local time).
 * A file without an IBI column is refused with `error` (English; the renderer translates it).
 */
import { detectSeparator, parseNumberCell, splitCells, type Separator } from './csvScanner.js';
import { normalizeColumnName } from './columnNames.js';
import { parseRrText, type RrTextError, type RrTextNote } from './rrText.js';

/** Which HeartMath product the file comes from (chosen by the user; the preamble may confirm it). */
export type HeartMathSource = 'emwave' | 'inner-balance';
export const HEARTMATH_SOURCES: readonly HeartMathSource[] = ['emwave', 'inner-balance'];

/** HeartMath's own scores, kept beside Cadans' analysis. */
export interface HeartMathScores {
  /** One coherence score per 5 s, in file order (HeartMath's scale). */
  coherence5s: number[];
  /** Mean of `coherence5s`; null when the file has no coherence column. */
  meanCoherence: number | null;
  /** The accumulated coherence / achievement score at the end; null when absent. */
  accumulated: number | null;
  /** Product named in the file's preamble (e.g. `emWave Pro`), or null. */
  product: string | null;
}

export interface HeartMathRecording {
  ibiMs: Float64Array;
  unit: 'ms' | 's';
  /** How the file was read, e.g. `column "rawIBI" of 5 (HeartMath export)`. */
  format: string;
  /** English lines, as `parseRrText` gives them (stored with the import). */
  warnings: string[];
  /** The same coded, one per warning in the same order (`RrTextNote`): shown in the user's language. */
  notes: RrTextNote[];
  scores: HeartMathScores;
  /** The session's start from the preamble as a local date-time, or null. */
  startedAt: Date | null;
}

/** The error of a file without an interval column (the renderer translates it). */
export const NO_IBI_COLUMN_ERROR = 'no IBI column in the HeartMath export';

const IBI_NAMES = ['rawibi', 'ibi', 'ibis', 'rr', 'rri', 'rrinterval', 'interbeatinterval', 'nn'];
const COHERENCE_NAMES = ['coherence', 'coherencescore', 'coherenceratio', 'zonescore', 'coherencelevel'];
const ACCUMULATED_NAMES = ['accumulatedcoherence', 'accumulatedcoherencescore', 'accumcoherence', 'accumulatedscore', 'accumscore', 'achievement', 'achievementscore'];
const TIME_NAMES = ['timeoffset', 'time', 't', 'timestamp', 'elapsed', 'elapsedtime'];
const PRODUCTS: readonly [RegExp, string][] = [
  [/em\s*wave\s*pro(\s*plus)?/i, 'emWave Pro'],
  [/em\s*wave\s*2/i, 'emWave2'],
  [/inner\s*balance/i, 'Inner Balance'],
  [/em\s*wave/i, 'emWave'],
];
const COHERENCE_STEP_SEC = 5;

const columnOf = (bases: readonly string[], names: readonly string[]): number => {
  for (const n of names) {
    const i = bases.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
};

/** A preamble date-time as local time: ISO-like, day-first with `-`, or US month-first with `/` and AM/PM. */
export function parsePreambleDate(s: string): Date | null {
  let m = /(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(s);
  let y: number, mo: number, d: number, h: number, mi: number, sec: number;
  if (m) [y, mo, d, h, mi, sec] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0)];
  else if ((m = /(\d{1,2})-(\d{1,2})-(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(s))) {
    [d, mo, y, h, mi, sec] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0)];
  } else if ((m = /(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?/.exec(s))) {
    [mo, d, y, h, mi, sec] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0)];
    const ampm = m[7]?.toLowerCase();
    if (ampm === 'pm' && h < 12) h += 12;
    if (ampm === 'am' && h === 12) h = 0;
  } else return null;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return null;
  const date = new Date(y, mo - 1, d, h, mi, sec);
  return date.getMonth() === mo - 1 && date.getDate() === d ? date : null;
}

/** One score per 5 s from the coherence column (see the file comment). */
function fiveSecondScores(rows: string[][], col: number, timeCol: number, num: (c: string) => number): number[] {
  const out: number[] = [];
  if (timeCol < 0) {
    for (const r of rows) {
      const v = num(r[col] ?? '');
      if (Number.isFinite(v)) out.push(v);
    }
    return out;
  }
  let nextStep = 0;
  for (const r of rows) {
    const t = num(r[timeCol] ?? '');
    const v = num(r[col] ?? '');
    if (!Number.isFinite(t) || !Number.isFinite(v) || t + 1e-6 < nextStep) continue;
    out.push(v);
    nextStep = (Math.floor(t / COHERENCE_STEP_SEC + 1e-6) + 1) * COHERENCE_STEP_SEC;
  }
  return out;
}

/** Parse a HeartMath export; the intervals and HeartMath's scores, or `{ error }` (one English line). */
export function parseHeartMathExport(text: string): HeartMathRecording | RrTextError {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Lines are not trimmed: a leading tab is an empty first cell.
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim().length > 0);
  if (lines.length === 0) return { error: 'empty file' };

  // The header: the first line with an IBI column name whose next line has as many cells.
  let headerAt = -1;
  let sep: Separator = null;
  let bases: string[] = [];
  for (let i = 0; i < lines.length && i < 60; i++) {
    const s = detectSeparator(lines[i]!, lines[i + 1] ?? null);
    const b = splitCells(lines[i]!, s).map((c) => normalizeColumnName(c).base);
    if (columnOf(b, IBI_NAMES) >= 0) {
      headerAt = i;
      sep = s;
      bases = b;
      break;
    }
  }
  if (headerAt < 0) return { error: NO_IBI_COLUMN_ERROR };

  const preamble = lines.slice(0, headerAt).join('\n');
  const product = PRODUCTS.find(([re]) => re.test(preamble))?.[1] ?? null;
  let startedAt: Date | null = null;
  for (const l of lines.slice(0, headerAt)) {
    if (/date|time|start/i.test(l) && (startedAt = parsePreambleDate(l))) break;
  }

  const commaIsDecimal = sep !== ',';
  const num = (c: string): number => parseNumberCell(c, commaIsDecimal);
  const rows = lines.slice(headerAt + 1).map((l) => splitCells(l, sep));
  const ibiCol = columnOf(bases, IBI_NAMES);
  const ibis = rows.map((r) => (r[ibiCol] ?? '').trim()).filter((c) => c.length > 0);
  const rr = parseRrText(ibis.map((c) => (commaIsDecimal ? c.replace(',', '.') : c)).join('\n'));
  if ('error' in rr) return rr;

  const cohCol = columnOf(bases, COHERENCE_NAMES);
  const accCol = columnOf(bases, ACCUMULATED_NAMES);
  const timeCol = columnOf(bases, TIME_NAMES);
  const coherence5s = cohCol >= 0 ? fiveSecondScores(rows, cohCol, timeCol, num) : [];
  let accumulated: number | null = null;
  if (accCol >= 0) {
    for (const r of rows) {
      const v = num(r[accCol] ?? '');
      if (Number.isFinite(v)) accumulated = v;
    }
  }
  const meanCoherence = coherence5s.length > 0 ? coherence5s.reduce((a, b) => a + b, 0) / coherence5s.length : null;
  const warnings = [...rr.warnings];
  const notes = [...rr.notes];
  if (cohCol < 0) {
    warnings.push('no coherence score column: HeartMath scores not kept');
    notes.push({ code: 'rrNote.noCoherence', params: {} });
  }
  const header = splitCells(lines[headerAt]!, sep);
  return {
    ibiMs: rr.ibiMs,
    unit: rr.unit,
    format: `column "${header[ibiCol]}" of ${header.length} (HeartMath export)`,
    warnings,
    notes,
    scores: { coherence5s, meanCoherence: meanCoherence === null ? null : Math.round(meanCoherence * 1000) / 1000, accumulated, product },
    startedAt,
  };
}

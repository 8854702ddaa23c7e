/**
 * Column-name recognition shared by the recording parsers: a header cell such as
 * `Time (s)`, `time_ms`, `RR-interval [ms]` or `"PPG"` is reduced to a base name and a unit.
 */

const UNIT_SUFFIXES = new Set(['s', 'sec', 'secs', 'seconds', 'ms', 'msec', 'hz', 'mv', 'au', 'a.u.', 'ns']);

/** A header cell reduced to a comparable base name (lower case, no separators) and a unit. */
export interface ColumnName {
  /** Lower case with spaces, `_` and `-` removed: `rr-interval [ms]` → `rrinterval`. */
  base: string;
  /** Unit in brackets or after a final `_`/space (`ms`, `s`, …), lower case; '' when none. */
  unit: string;
}

export function normalizeColumnName(cell: string): ColumnName {
  let s = cell.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase();
  let unit = '';
  const bracket = /^(.*?)\s*[([]\s*([^)\]]*)\s*[)\]]$/.exec(s);
  if (bracket) {
    s = bracket[1]!;
    unit = bracket[2]!.trim();
  } else {
    const suffix = /^(.+?)[_\s]+([a-z.]+)$/.exec(s);
    if (suffix && UNIT_SUFFIXES.has(suffix[2]!)) {
      s = suffix[1]!;
      unit = suffix[2]!;
    }
  }
  return { base: s.replace(/[\s_-]+/g, ''), unit };
}

/** Names of a time column in seconds (or milliseconds when its unit says `ms`). */
export const TIME_COLUMN_NAMES: readonly string[] = ['time', 't', 'timestamp'];
/** Names of a PPG column, in order of preference. */
export const PPG_COLUMN_NAMES: readonly string[] = ['ppg', 'pleth', 'signal'];
/** Names of a beat-interval column (RR, NN, IBI, Polar PPI). */
export const RR_COLUMN_NAMES: readonly string[] = [
  'rr', 'rri', 'rrinterval', 'rrintervals', 'ibi', 'nn', 'nni', 'nninterval', 'ppi', 'ppinterval', 'interval', 'intervals',
];

/** Index of the first header cell whose base name is in `names` (in the order of `names`); −1 if none. */
export function findColumn(header: readonly string[], names: readonly string[]): number {
  const bases = header.map((h) => normalizeColumnName(h).base);
  for (const name of names) {
    const i = bases.indexOf(name);
    if (i >= 0) return i;
  }
  return -1;
}

/** Seconds per unit of a time column: 1e-3 for `ms`, 1e-9 for `ns`, else 1. */
export function timeUnitScale(unit: string): number {
  if (unit === 'ms' || unit === 'msec') return 1e-3;
  if (unit === 'ns') return 1e-9;
  return 1;
}

// Loads the R-peak truth files of ../shared/data (`<record>.rpeaks.csv`, see its README):
// ECG R-peak times found by NeuroKit2 0.1.5 and refined between samples, in the CSV's own time
// base. These are truth from outside Cadans' code; the repo's own ECG detector (ecgRPeaks.ts) is
// not used for scoring.
import { existsSync, readFileSync } from 'node:fs';
import { dataFile } from './paths.js';

export interface RPeakTruth {
  /** R-peak times, seconds in the CSV's time column, ascending. */
  tSec: number[];
  /** Where the file says its ECG is usable as truth ([start, end] s, CSV time); null = everywhere. */
  usableSec: [number, number] | null;
  /** The file's comment lines (provenance), without the leading '#'. */
  comments: string[];
}

/** Path of the truth file that belongs to recording `name` (e.g. `bidmc01_125hz.csv`). */
export function rpeakTruthFile(name: string): string {
  const base = name.replace(/\.csv$/i, '');
  return base.startsWith('/') ? `${base}.rpeaks.csv` : dataFile(`${base}.rpeaks.csv`);
}

/** Whether recording `name` has an R-peak truth file. */
export function hasRPeakTruth(name: string): boolean {
  return existsSync(rpeakTruthFile(name));
}

/**
 * Parse `<record>.rpeaks.csv`: `#` comment lines, a `t_sec` header, one time per line. A comment
 * "usable as truth on [a, b] s" sets `usableSec`.
 */
export function parseRPeakTruth(text: string): RPeakTruth {
  const tSec: number[] = [];
  const comments: string[] = [];
  let usableSec: [number, number] | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const c = line.slice(1).trim();
      comments.push(c);
      const m = /usable as truth on \[\s*([\d.]+)\s*,\s*([\d.]+)\s*\]\s*s/i.exec(c);
      if (m) usableSec = [Number(m[1]), Number(m[2])];
      continue;
    }
    const v = Number(line.split(/[,;\t]/)[0]);
    if (Number.isFinite(v)) tSec.push(v);
  }
  tSec.sort((a, b) => a - b);
  return { tSec, usableSec, comments };
}

export function loadRPeakTruth(name: string): RPeakTruth {
  return parseRPeakTruth(readFileSync(rpeakTruthFile(name), 'utf8'));
}

/** R-peak times (s) of recording `name` up to maxSec, or null when it has no truth file. */
export function rPeakTimes(name: string, maxSec = Infinity): number[] | null {
  return hasRPeakTruth(name) ? loadRPeakTruth(name).tSec.filter((t) => t <= maxSec) : null;
}

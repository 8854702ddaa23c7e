// Loads the R-peak truth files of ../shared/data (`<record>.rpeaks.csv`, see its README):
// ECG R-peak times found by NeuroKit2 0.1.5 and refined between samples, in the CSV's own time
// base. These are truth from outside Cadans' code; the repo's own ECG detector (ecgRPeaks.ts) is
// not used for scoring.
import { existsSync, readFileSync } from 'node:fs';
import { dataFile } from './paths.js';
import { intervalsCorrect } from '../../shared/dsp/intervalsCorrect.js';

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

/**
 * RMSSD of the ECG's NN intervals, ms, edited by Lipponen & Tarvainen 2019 (the Kubios method that
 * NeuroKit2's `signal_fixpeaks(method="kubios")` implements; Cadans' classifier matches NeuroKit's
 * flags on these R-peak series, see bench:correction): the R peaks (s, ascending) put through
 * `intervalsCorrect`, whose intervals at ectopic, missed, extra and long/short beats are left out;
 * successive differences only between intervals that share an R peak. NaN when there are none.
 */
export function ecgNnRmssdLtMs(rSec: readonly number[]): number {
  const c = intervalsCorrect(rSec);
  let sum = 0;
  let n = 0;
  for (let i = 1; i < c.nnMs.length; i++) {
    if (Math.abs(c.nnTSec[i]! - c.nnMs[i]! / 1000 - c.nnTSec[i - 1]!) > 1e-6) continue;
    sum += (c.nnMs[i]! - c.nnMs[i - 1]!) ** 2;
    n++;
  }
  return n > 0 ? Math.sqrt(sum / n) : Number.NaN;
}

/**
 * RMSSD of the ECG's NN intervals, ms: RR intervals from these R peaks (s, ascending), each left
 * out when it lies more than `maxDeviation` (default 20 %) from the median of the 11 intervals
 * centred on it (ectopic beats and the R-peak detector's own misses); successive differences only
 * between two kept intervals that share an R peak. NaN when there are none.
 */
export function ecgNnRmssdMs(rSec: readonly number[], maxDeviation = 0.2): number {
  const rr: number[] = [];
  for (let i = 1; i < rSec.length; i++) rr.push((rSec[i]! - rSec[i - 1]!) * 1000);
  const median = (a: number[]): number => [...a].sort((x, y) => x - y)[a.length >> 1]!;
  const ok = rr.map((v, i) => {
    const m = median(rr.slice(Math.max(0, i - 5), i + 6));
    return Math.abs(v - m) / m <= maxDeviation;
  });
  let sum = 0;
  let n = 0;
  for (let i = 1; i < rr.length; i++) {
    if (!ok[i] || !ok[i - 1]) continue;
    sum += (rr[i]! - rr[i - 1]!) ** 2;
    n++;
  }
  return n > 0 ? Math.sqrt(sum / n) : Number.NaN;
}

// Reads a recording from ../shared/data with the app's own CSV parser.
import { readFileSync } from 'node:fs';
import { parsePpgCsv } from '../../shared/io/ppgCsv.js';
import { dataFile } from './paths.js';

export function loadPpg(name: string): { values: Float64Array; fsHz: number } {
  const rec = parsePpgCsv(readFileSync(dataFile(name), 'utf8'), {});
  if ('error' in rec) throw new Error(rec.error);
  return { values: rec.values, fsHz: rec.fsHz };
}

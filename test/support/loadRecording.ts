// Loads a recording of ../shared/data with the app's own CSV parser (shared/io/ppgCsv.ts),
// asking for the ECG and respiration columns that serve as truth in the benchmarks.
import { readFileSync } from 'node:fs';
import { parsePpgCsv, type PpgRecording } from '../../shared/io/ppgCsv.js';
import { dataFile } from './paths.js';

export interface LoadedRecording {
  name: string;
  fsHz: number;
  /** Time of the first sample in the file's time column, s (sample i is at t0Sec + i / fsHz). */
  t0Sec: number;
  durationSec: number;
  ppg: Float64Array;
  ecg: Float64Array | null;
  resp: Float64Array | null;
  recording: PpgRecording;
}

/** Parse `name` (a file in the data folder, or an absolute path); throws with the parser's message. */
export function loadRecording(name: string): LoadedRecording {
  const path = name.startsWith('/') ? name : dataFile(name);
  const rec = parsePpgCsv(readFileSync(path, 'utf8'), { columns: ['ecg', 'resp'] });
  if ('error' in rec) throw new Error(`${name}: ${rec.error}`);
  return {
    name,
    fsHz: rec.fsHz,
    t0Sec: rec.tSec ? rec.tSec[0]! : 0,
    durationSec: rec.values.length / rec.fsHz,
    ppg: rec.values,
    ecg: rec.extra.ecg ?? null,
    resp: rec.extra.resp ?? null,
    recording: rec,
  };
}

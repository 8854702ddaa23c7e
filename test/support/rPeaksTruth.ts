/** The team's ECG R-peak truth files (`../shared/data/<record>.rpeaks.csv`): beat times in seconds. */
import { existsSync, readFileSync } from 'node:fs';
import { dataFile } from './paths.js';

/** Beat times (s) up to maxSec, or null when the file is not there. */
export function loadRPeaks(name: string, maxSec = Infinity): number[] | null {
  const f = dataFile(name);
  if (!existsSync(f)) return null;
  return readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => /^\s*[0-9.]+\s*$/.test(l))
    .map(Number)
    .filter((t) => t <= maxSec);
}

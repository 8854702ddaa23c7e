// Paths used by tests and benchmarks: the repo root and the team's recordings in ../shared/data.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'cadans') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the Cadans repo root above ' + start);
    dir = up;
  }
}

export const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
/** The team's real recordings (read-only, never copied into the repo). */
export const dataDir = process.env.CADANS_DATA_DIR ?? resolve(repoRoot, '..', 'shared', 'data');
export const cliPath = join(repoRoot, 'bin', 'cadans.js');
export const dataFile = (name: string): string => join(dataDir, name);

// The Electron binary of the dev install, or null — without `require('electron')`, which tries to
// download a missing binary (and so needs the network and writes into node_modules).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function electronDistDir(root = '.') {
  return process.env.ELECTRON_OVERRIDE_DIST_PATH || join(root, 'node_modules', 'electron', 'dist');
}

export function electronBinary(root = '.') {
  try {
    const rel = readFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'utf8').trim();
    const path = join(electronDistDir(root), rel);
    return rel && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

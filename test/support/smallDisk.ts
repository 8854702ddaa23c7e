// A real, small file system for full-disk tests: a 2-MiB tmpfs mounted on a temp folder. Filling
// it with a filler file gives every writer a real ENOSPC / SQLITE_FULL from the kernel (no test
// hooks in the write path). Mounting needs root (or CAP_SYS_ADMIN); where that is not possible
// the caller skips with `skipReason`.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  dir: string;
  /** Write a filler file until the disk is full; returns its path. */
  fill(name?: string): string;
  /** Remove the filler file(s): room again. */
  free(): void;
  unmount(): void;
}

export function mountSmallDisk(sizeMiB = 2): SmallDisk | { skipReason: string } {
  if (process.platform !== 'linux') return { skipReason: 'needs Linux tmpfs' };
  const dir = mkdtempSync(join(tmpdir(), 'cadans-small-disk-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m,mode=0755`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { skipReason: `cannot mount a ${sizeMiB}-MiB tmpfs here (${(r.stderr || r.error?.message || 'not root?').trim()})` };
  }
  const fillers: string[] = [];
  return {
    dir,
    fill(name = 'filler') {
      const file = join(dir, name);
      fillers.push(file);
      const fd = openSync(file, 'a');
      const block = Buffer.alloc(16 * 1024, 0x5a);
      try {
        for (;;) writeSync(fd, block);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      }
      // The last partial block.
      try {
        for (;;) writeSync(fd, block, 0, 512);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      } finally {
        closeSync(fd);
      }
      return file;
    },
    free() {
      for (const f of fillers.splice(0)) rmSync(f, { force: true });
    },
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

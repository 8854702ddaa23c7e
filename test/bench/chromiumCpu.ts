// CPU time of the Chromium this benchmark launched — the browser process (a child of this Node
// process) and all its descendants (renderers, the GPU process that composites in software with
// --disable-gpu, utilities) — read from /proc. Unlike frame rate it hardly depends on how busy the
// machine is: the CPU a frame costs, not how long it waited for a core. Linux only (null elsewhere).
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SEC = 100; // USER_HZ on Linux

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  cpuTicks: number;
}

function readProcs(): Proc[] | null {
  let dirs: string[];
  try {
    dirs = readdirSync('/proc');
  } catch {
    return null;
  }
  const out: Proc[] = [];
  for (const d of dirs) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' '); // f[0] = state (field 3)
      out.push({ pid: Number(d), ppid: Number(f[1]), comm, cpuTicks: Number(f[11]) + Number(f[12]) }); // utime, stime (fields 14, 15)
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** CPU seconds used so far by the Chromium processes started by this process (null: no /proc). */
export function chromiumCpuSec(): number | null {
  const procs = readProcs();
  if (!procs) return null;
  const children = new Map<number, Proc[]>();
  for (const p of procs) {
    let list = children.get(p.ppid);
    if (!list) children.set(p.ppid, (list = []));
    list.push(p);
  }
  const roots = (children.get(process.pid) ?? []).filter((p) => /chrom/i.test(p.comm));
  let ticks = 0;
  const stack = [...roots];
  while (stack.length > 0) {
    const p = stack.pop()!;
    ticks += p.cpuTicks;
    stack.push(...(children.get(p.pid) ?? []));
  }
  return roots.length > 0 ? ticks / TICKS_PER_SEC : null;
}

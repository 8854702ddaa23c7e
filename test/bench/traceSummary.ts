// A Chrome trace of a page (CDP `Tracing`) summarised for the UI benchmark: per thread of the
// page's renderer process its busy share of the wall time, and the events that cost the most time
// themselves (self time: an event's duration minus that of the events nested in it). Tells where a
// frame's time goes: script (FunctionCall, FireAnimationFrame…), style and layout (UpdateLayoutTree,
// Layout), paint (Paint, PrePaint), compositing and rasterisation (on the compositor and raster
// threads; with --disable-gpu all in software).
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs, when the trace has it. */
  tdur?: number;
  args?: { name?: string };
}

export interface ThreadSummary {
  thread: string;
  /** Share of the wall time the thread ran a task (top-level events), %. */
  busyPct: number;
  /** CPU time of those tasks as a share of the wall time, % (lower than busyPct when the thread waited for a core). */
  cpuPct: number;
  /** The events with the most self time on this thread: name → ms per second of wall time. */
  top: { name: string; msPerSec: number; count: number }[];
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc', 'gpu', 'toplevel', 'disabled-by-default-devtools.timeline.frame'];

/** Record a trace of `seconds` through `cdp` (a session of the page). */
export async function recordTrace(cdp: CDPSession, seconds: number): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => {
    for (const e of d.value) events.push(e as unknown as TraceEvent);
  });
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordContinuously' }, transferMode: 'ReportEvents' });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  await cdp.send('Tracing.end');
  await done;
  return events;
}

/**
 * Summarise the threads of every process in the trace that were busy: the page's renderer (the
 * process whose `CrRendererMain` has the most events), the GPU process (with --disable-gpu it
 * composites and rasterises in software) and the browser.
 */
export function summariseTrace(events: readonly TraceEvent[], topN = 8): { wallSec: number; threads: ThreadSummary[] } {
  const names = new Map<string, string>(); // pid:tid → thread name
  const procs = new Map<number, string>(); // pid → process name
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) names.set(`${e.pid}:${e.tid}`, e.args.name);
    if (e.ph === 'M' && e.name === 'process_name' && e.args?.name) procs.set(e.pid, e.args.name);
  }
  const complete = events.filter((e) => e.ph === 'X' && typeof e.dur === 'number');
  const perMain = new Map<number, number>();
  for (const e of complete) if (names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain') perMain.set(e.pid, (perMain.get(e.pid) ?? 0) + 1);
  const page = [...perMain].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (page === undefined || complete.length === 0) return { wallSec: 0, threads: [] };
  const mine = complete.filter((e) => e.pid === page);
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const e of mine) {
    t0 = Math.min(t0, e.ts);
    t1 = Math.max(t1, e.ts + e.dur!);
  }
  const wallSec = (t1 - t0) / 1e6;
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of complete) {
    if (e.ts < t0 || e.ts > t1) continue;
    if (e.pid !== page && perMain.has(e.pid)) continue; // other pages' renderers
    const key = `${e.pid}:${e.tid}`;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
  }
  const threads: ThreadSummary[] = [];
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const self = new Map<string, { us: number; count: number }>();
    const stack: { e: TraceEvent; end: number; child: number }[] = [];
    let busy = 0;
    let cpu = 0;
    const close = (upTo: number): void => {
      while (stack.length > 0 && stack[stack.length - 1]!.end <= upTo) {
        const s = stack.pop()!;
        const agg = self.get(s.e.name) ?? { us: 0, count: 0 };
        agg.us += Math.max(0, s.e.dur! - s.child);
        agg.count++;
        self.set(s.e.name, agg);
        if (stack.length > 0) stack[stack.length - 1]!.child += s.e.dur!;
      }
    };
    for (const e of list) {
      close(e.ts);
      if (stack.length === 0) {
        busy += e.dur!;
        cpu += e.tdur ?? e.dur!;
      }
      stack.push({ e, end: e.ts + e.dur!, child: 0 });
    }
    close(Infinity);
    const top = [...self]
      .map(([name, a]) => ({ name, msPerSec: a.us / 1000 / wallSec, count: a.count }))
      .sort((a, b) => b.msPerSec - a.msPerSec)
      .slice(0, topN);
    const pid = Number(key.split(':')[0]);
    const proc = pid === page ? 'page' : (procs.get(pid) ?? `pid ${pid}`);
    threads.push({ thread: `${proc} / ${names.get(key) ?? key}`, busyPct: (busy / 1e6 / wallSec) * 100, cpuPct: (cpu / 1e6 / wallSec) * 100, top });
  }
  threads.sort((a, b) => b.busyPct - a.busyPct);
  return { wallSec, threads };
}

/** The summary as lines of text. */
export function formatTrace(s: { wallSec: number; threads: ThreadSummary[] }, minBusyPct = 2): string[] {
  const out = [`trace of ${s.wallSec.toFixed(1)} s — per busy thread (page = the display's renderer): busy and CPU % of wall time; self time in ms per second`];
  for (const t of s.threads) {
    if (t.busyPct < minBusyPct) continue;
    out.push(`  ${t.thread}: ${t.busyPct.toFixed(1)} % busy, ${t.cpuPct.toFixed(1)} % CPU`);
    for (const e of t.top) if (e.msPerSec >= 0.5) out.push(`    ${e.name.padEnd(34)} ${e.msPerSec.toFixed(1).padStart(6)} ms/s  (${e.count}×)`);
  }
  return out;
}

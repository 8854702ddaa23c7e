// The group part of `npm run bench:ui` (issue 14): N simulated ear clips at 250 Hz (default 6) in
// one group session with a shared pacer, the group display (a tile per client with its own HR wave,
// the pacer, the group coherence ring) open at 1920×1080 in Chromium; prints its frame rate, frame
// work and longest main-thread task against the goals (60 fps, no task > 50 ms).
import type { BrowserContext } from 'playwright-core';
import { chromiumCpuSec } from './chromiumCpu.js';
import { formatTrace, recordTrace, summariseTrace } from './traceSummary.js';

export interface GroupBenchOptions {
  url: string;
  context: BrowserContext;
  tiles: number;
  seconds: number;
  speed: number;
  /** Also record a Chrome trace of this many seconds of the display (0: none) and print its summary. */
  traceSeconds?: number;
}

interface Perf {
  frames: number;
  fps: number;
  frameWorkMs: { mean: number; p95: number | null; max: number };
  longestTaskMs: number;
  longTasks: number;
  batches: number;
}

const FS_HZ = 250;

export async function groupBench(o: GroupBenchOptions): Promise<[string, string, string, string][]> {
  const page = await o.context.newPage();
  const display = await o.context.newPage();
  try {
    await page.goto(o.url);
    await page.getByTestId('nav-live').click();
    // The single-session benchmark's sensor goes: the group's own sensors are the only ones streaming.
    while ((await page.getByTestId('channel').count()) > 0) {
      const n = await page.getByTestId('channel').count();
      await page.getByTestId('channel').first().getByRole('button').click();
      await page.waitForFunction((k) => document.querySelectorAll('[data-testid="channel"]').length < k, n);
    }
    for (let i = 0; i < o.tiles; i++) {
      await page.getByTestId('sensor-spec').fill(`sim:fs=${FS_HZ},speed=${o.speed},seed=${20 + i}`);
      await page.getByTestId('add-sensor').click();
    }
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="channel"][data-state="connected"]').length >= n, o.tiles, { timeout: 20_000 + 5_000 * o.tiles });
    await page.getByTestId('nav-group').click();
    await page.getByTestId('group-setup').waitFor();
    for (let i = 0; i < o.tiles; i++) {
      const name = `Bench Client ${String.fromCharCode(65 + i)}`;
      await page.getByTestId('group-new-client-name').fill(name);
      await page.getByTestId('group-new-client').click();
      await page.waitForFunction(
        (n) => [...document.querySelectorAll<HTMLSelectElement>('[data-testid^="group-client-"]')].some((s) => s.selectedOptions[0]?.textContent === n),
        name,
      );
    }
    for (let i = 0; i < o.tiles; i++) await page.getByTestId('group-newcomer-add').first().click();
    await page.getByTestId('pacer-rate').fill('6');
    await page.getByTestId('pacer-duration').fill('0');
    await page.waitForFunction(() => !document.querySelector('[data-testid="group-problem"]'), undefined, { timeout: 30_000 });
    await page.getByTestId('group-start').click();
    await page.getByTestId('group-console').waitFor();
    await page.close(); // only the display draws while measured (the console is another window)

    await display.setViewportSize({ width: 1920, height: 1080 });
    await display.goto(o.url.replace('#token=', '#/display?token='));
    await display.getByTestId('group-display').waitFor();
    await display.waitForFunction((n) => document.querySelectorAll('[data-testid="gd-tile"] canvas').length >= n, o.tiles, { timeout: 20_000 });
    await display.waitForTimeout(2000); // waves settle
    await display.evaluate(() => window.__cadansPerf!.reset());
    const cpu0 = chromiumCpuSec();
    process.stderr.write(`bench:ui: group display with ${o.tiles} tiles (${FS_HZ} Hz each, ${o.speed}× speed) for ${o.seconds} s…\n`);
    const startMs = Date.now();
    await display.waitForTimeout(o.seconds * 1000);
    const elapsedSec = (Date.now() - startMs) / 1000;
    const p = (await display.evaluate(() => window.__cadansPerf!.snapshot())) as Perf;
    const cpu1 = chromiumCpuSec();
    const cpuSec = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null;
    if (o.traceSeconds) {
      // Traced after the measurement: tracing itself costs the page time.
      const cdp = await o.context.newCDPSession(display);
      const summary = summariseTrace(await recordTrace(cdp, o.traceSeconds));
      await cdp.detach();
      process.stderr.write(`${formatTrace(summary).join('\n')}\n`);
    }
    const ok = (b: boolean): string => (b ? 'ok' : 'MISSED');
    return [
      [`group display, ${o.tiles} tiles: frames per second`, p.fps.toFixed(1), '≥ 58 (60 fps display)', ok(p.fps >= 58)],
      ['group display: frame work, mean / p95 / max', `${p.frameWorkMs.mean.toFixed(2)} / ${p.frameWorkMs.p95?.toFixed(2)} / ${p.frameWorkMs.max.toFixed(1)} ms`, '≪ 16.7 ms', ok((p.frameWorkMs.p95 ?? Infinity) < 8)],
      [
        'group display: Chromium CPU (all processes), % of one core / per frame',
        cpuSec === null ? 'n/a (no /proc)' : `${((cpuSec / elapsedSec) * 100).toFixed(0)} % / ${((cpuSec * 1000) / Math.max(1, p.frames)).toFixed(1)} ms`,
        '',
        '',
      ],
      ['group display: longest main-thread task', `${p.longestTaskMs.toFixed(0)} ms (${p.longTasks} tasks > 50 ms)`, '≤ 50 ms', ok(p.longestTaskMs <= 50)],
      ['group display: live batches per second (all clients)', (p.batches / elapsedSec).toFixed(1), `≈ ${o.tiles} × 25`, ''],
    ];
  } finally {
    if (!page.isClosed()) await page.close();
    await display.close();
  }
}

/**
 * Live raw PPG trace (the last few seconds) with the detected beats marked on it. Redrawn on
 * animation frames from `liveData.ppg` / `liveData.beats`; reports each draw of new samples to
 * `perfStats` (sample-to-screen latency).
 */
import { useRef } from 'react';
import type uPlot from 'uplot';
import { liveData } from '../app/store.js';
import { axis, COLORS, sessionTimeAxis, setTimeAxisTitle } from './chartTheme.js';
import { liveOrigin } from './liveOrigin.js';
import { useFrame } from './frameLoop.js';
import { perfStats } from './perfStats.js';
import { paddedRange } from './plugins.js';
import { useUplot } from './useUplot.js';

const WINDOW_SEC = 6;

/** Hook: a dot on the trace at every beat in view (hollow for low-quality beats and for provisional ones: quality NaN, not judged yet). */
function drawBeats(u: uPlot): void {
  const x0 = u.scales.x.min;
  const x1 = u.scales.x.max;
  if (x0 === undefined || x1 === undefined) return;
  const beats = liveData.beats;
  const ppg = liveData.ppg;
  const from = beats.lowerBound(x0);
  const bx = beats.x(from);
  const bq = beats.y(from);
  const px = ppg.x();
  const py = ppg.y();
  const ctx = u.ctx;
  const r = 4 * devicePixelRatio;
  ctx.save();
  ctx.lineWidth = 1.5 * devicePixelRatio;
  ctx.strokeStyle = COLORS.beat;
  ctx.fillStyle = COLORS.beat;
  for (let i = 0; i < bx.length; i++) {
    const t = bx[i]!;
    if (t > x1) break;
    const k = ppg.lowerBound(t);
    if (k >= px.length) continue;
    const x = u.valToPos(t, 'x', true);
    const y = u.valToPos(py[k]!, 'y', true);
    if (!Number.isFinite(y)) continue;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2);
    if (bq[i]! >= 0.5) ctx.fill();
    else ctx.stroke();
  }
  ctx.restore();
}

export function PpgChart({ label, timeTitles = { session: '', relative: '' } }: { label: string; timeTitles?: { session: string; relative: string } }) {
  const box = useRef<HTMLDivElement>(null);
  const view = useRef({ x0: 0, x1: WINDOW_SEC });
  const drawn = useRef({ version: -1, beats: -1, x1: NaN });
  const yr = useRef<[number, number]>([0, 1]);
  const chart = useUplot(
    box,
    (width, height) => ({
      width,
      height,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: () => [view.current.x0, view.current.x1] }, y: { range: () => yr.current } },
      axes: [
        sessionTimeAxis(liveOrigin, timeTitles.relative, 50),
        axis({ label, labelSize: 14, size: 44, values: (_u, s) => s.map((v) => String(Math.round(v))) }),
      ],
      series: [{}, { stroke: COLORS.ppg, width: 1.5, points: { show: false } }],
      hooks: { draw: [drawBeats] },
    }),
    () => [new Float64Array(0), new Float64Array(0)],
  );

  useFrame((perfMs) => {
    const u = chart.current;
    if (!u) return;
    const ppg = liveData.ppg;
    // The right edge is the newest sample: the trace is redrawn when samples arrive (20–30×/s), not every frame.
    const x1 = ppg.lastX;
    if (!Number.isFinite(x1)) return;
    if (setTimeAxisTitle(u, liveOrigin() !== null ? timeTitles.session : timeTitles.relative)) drawn.current.version = -1;
    const d = drawn.current;
    if (ppg.version === d.version && liveData.beats.version === d.beats) return;
    const fresh = ppg.version !== d.version;
    drawn.current = { version: ppg.version, beats: liveData.beats.version, x1 };
    view.current = { x0: x1 - WINDOW_SEC, x1 };
    const from = Math.max(0, ppg.lowerBound(x1 - WINDOW_SEC) - 1);
    const ys = ppg.y(from);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < ys.length; i++) {
      const v = ys[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    yr.current = paddedRange(Number.isFinite(lo) ? lo : null, Number.isFinite(hi) ? hi : null, 1e-3) as [number, number];
    u.setData([ppg.x(from), ys], true);
    if (fresh) perfStats.drawn(perfMs);
  });

  return <div className="chart" ref={box} data-testid="ppg-chart" />;
}

/**
 * Live heart-rate tachogram: beat-to-beat heart rate over the last 1–5 minutes, the pacer's
 * inhale phases shaded behind it (so the rise of HR on the in-breath is visible) and the
 * session's markers. Redrawn on animation frames from `liveData.hr`; the right edge follows the
 * live clock. The time axis is in session time (0:00 at the session start; before one, counting
 * back from now). `calm` draws the client-display variant: no axes, a thick smooth line.
 * Gaps (clip-off, lost sensor) are shaded and never bridged, and the y range is robust to a few
 * motion spikes (`liveHrView`; a spike outside it is marked by a small triangle at the edge). For tests the element carries `data-breaks` (line breaks drawn),
 * `data-gaps-px` (shaded spans, CSS px from the plot's left edge) and `data-clipped`.
 */
import { useRef } from 'react';
import uPlot from 'uplot';
import { liveData } from '../app/store.js';
import type { LiveData } from './LiveData.js';
import { axis, COLORS, sessionTimeAxis, setTimeAxisTitle } from './chartTheme.js';
import { liveOrigin } from './liveOrigin.js';
import { useFrame } from './frameLoop.js';
import { markerLines, shadeInhales, shadeSpans } from './plugins.js';
import { liveHrView } from '../../shared/charts/liveHrView.js';
import { useUplot } from './useUplot.js';

export interface TachogramProps {
  windowSec: number;
  calm?: boolean;
  /** Markers on the channel clock. */
  markers?: readonly { clockSec: number; note: string; kind: string }[];
  bpmLabel: string;
  /** Titles of the time axis: during a session (session time) and without one (time before now). */
  timeTitles?: { session: string; relative: string };
  /** The live buffers to draw (default: the channel on screen; a group display tile passes its client's). */
  data?: LiveData;
}

export function TachogramChart({ windowSec, calm = false, markers = [], bpmLabel, timeTitles = { session: '', relative: '' }, data }: TachogramProps) {
  const src = data ?? liveData;
  const box = useRef<HTMLDivElement>(null);
  const view = useRef({ x0: 0, x1: windowSec });
  const props = useRef({ windowSec, markers });
  props.current = { windowSec, markers };
  const drawn = useRef({ version: -1, gaps: -1, x1: NaN });
  const yRange = useRef<[number, number]>([50, 60]);

  const chart = useUplot(
    box,
    (width, height) => ({
      width,
      height,
      legend: { show: false },
      cursor: { show: !calm, drag: { x: false, y: false }, points: { show: false } },
      scales: {
        x: { time: false, range: () => [view.current.x0, view.current.x1] },
        y: { range: () => yRange.current },
      },
      axes: calm
        ? [{ show: false }, { show: false }]
        : [
            sessionTimeAxis(liveOrigin, timeTitles.relative),
            axis({ label: bpmLabel, labelSize: 14, size: 44, values: (_u, s) => s.map((v) => v.toFixed(0)) }),
          ],
      series: [
        {},
        {
          stroke: calm ? '#7fd1c1' : COLORS.hr,
          width: calm ? 5 : 2,
          paths: uPlot.paths.spline!(),
          points: { show: !calm, size: 4, fill: COLORS.hr, stroke: COLORS.hr },
        },
      ],
      hooks: {
        drawClear: [
          shadeInhales(() => src.pacer, calm ? 'rgba(127,209,193,0.07)' : undefined),
          shadeSpans(() => visibleGaps(src, view.current.x0, view.current.x1).map((g) => ({ x0: g.startSec, x1: g.endSec })), calm ? 'rgba(255,255,255,0.06)' : COLORS.gap),
          (u: uPlot) => exposeGaps(src, u, box.current, view.current),
        ],
        draw: calm
          ? []
          : [markerLines(() => props.current.markers.map((m) => ({ x: m.clockSec, label: m.note || m.kind }))), clippedMarks],
      },
    }),
    () => [new Float64Array(0), new Float64Array(0)],
  );

  useFrame(() => {
    const u = chart.current;
    if (!u) return;
    const hr = src.hr;
    const x1 = src.clock.now();
    const win = props.current.windowSec;
    if (!calm && setTimeAxisTitle(u, liveOrigin() !== null ? timeTitles.session : timeTitles.relative)) drawn.current.version = -1;
    // Redraw when new beats came or the view moved by at least a pixel.
    const pxSec = win / Math.max(1, u.bbox.width / devicePixelRatio);
    if (hr.version === drawn.current.version && src.gapsVersion === drawn.current.gaps && Math.abs(x1 - drawn.current.x1) < pxSec) return;
    drawn.current = { version: hr.version, gaps: src.gapsVersion, x1 };
    view.current = { x0: x1 - win, x1 };
    const from = Math.max(0, hr.lowerBound(x1 - win) - 1);
    const v = liveHrView(hr.x(from), hr.y(from), visibleGaps(src, x1 - win, x1), calm ? 16 : 10);
    const pad = (v.yMax - v.yMin) * 0.08;
    yRange.current = [v.yMin - pad, v.yMax + pad];
    if (box.current) {
      setData(box.current, 'breaks', String(v.y.filter((y, i) => y === null && i > 0).length));
      setData(box.current, 'clipped', String(v.clipped));
    }
    u.setData([v.x, v.y] as uPlot.AlignedData, true);
  });

  return <div className={calm ? 'chart chart-calm' : 'chart'} ref={box} data-testid="tachogram" />;
}

/** The reported gaps that overlap [x0, x1]. */
function visibleGaps(src: LiveData, x0: number, x1: number): { startSec: number; endSec: number }[] {
  return src.gaps.filter((g) => g.endSec > x0 && g.startSec < x1);
}

/** Tests: the shaded gaps' positions in CSS px from the plot area's left edge (`data-gaps-px`). */
function exposeGaps(src: LiveData, u: uPlot, el: HTMLDivElement | null, view: { x0: number; x1: number }): void {
  if (!el) return;
  const spans = visibleGaps(src, view.x0, view.x1).map((g) => [Math.round(u.valToPos(Math.max(g.startSec, view.x0), 'x')), Math.round(u.valToPos(Math.min(g.endSec, view.x1), 'x'))]);
  setData(el, 'gapsPx', JSON.stringify(spans));
}

/** Set a data attribute only when its value changes (a DOM write on every redraw of every chart is work for nothing). */
function setData(el: HTMLElement, key: string, value: string): void {
  if (el.dataset[key] !== value) el.dataset[key] = value;
}

/** A small triangle at the top (or bottom) edge for every beat outside the y range (a motion spike, clipped). */
function clippedMarks(u: uPlot): void {
  const xs = u.data[0];
  const ys = u.data[1] as (number | null | undefined)[];
  const [lo, hi] = [u.scales.y!.min!, u.scales.y!.max!];
  const { top, height } = u.bbox;
  const r = 4 * devicePixelRatio;
  const ctx = u.ctx;
  ctx.save();
  ctx.fillStyle = COLORS.hr;
  for (let i = 0; i < ys.length; i++) {
    const v = ys[i];
    if (v === null || v === undefined || (v >= lo && v <= hi)) continue;
    const x = u.valToPos(xs[i]!, 'x', true);
    const up = v > hi;
    const y = up ? top + r : top + height - r;
    ctx.beginPath();
    ctx.moveTo(x, up ? y - r : y + r);
    ctx.lineTo(x - r, up ? y + r : y - r);
    ctx.lineTo(x + r, up ? y + r : y - r);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}

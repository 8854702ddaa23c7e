/**
 * Live heart-rate tachogram: beat-to-beat heart rate over the last 1–5 minutes, the pacer's
 * inhale phases shaded behind it (so the rise of HR on the in-breath is visible) and the
 * session's markers. Redrawn on animation frames from `liveData.hr`; the right edge follows the
 * live clock. The time axis is in session time (0:00 at the session start; before one, counting
 * back from now). `calm` draws the client-display variant: no axes, a thick smooth line.
 */
import { useRef } from 'react';
import uPlot from 'uplot';
import { liveData } from '../app/store.js';
import { axis, COLORS, sessionTimeAxis, setTimeAxisTitle } from './chartTheme.js';
import { liveOrigin } from './liveOrigin.js';
import { useFrame } from './frameLoop.js';
import { markerLines, paddedRange, shadeInhales } from './plugins.js';
import { useUplot } from './useUplot.js';

export interface TachogramProps {
  windowSec: number;
  calm?: boolean;
  /** Markers on the channel clock. */
  markers?: readonly { clockSec: number; note: string; kind: string }[];
  bpmLabel: string;
  /** Titles of the time axis: during a session (session time) and without one (time before now). */
  timeTitles?: { session: string; relative: string };
}

export function TachogramChart({ windowSec, calm = false, markers = [], bpmLabel, timeTitles = { session: '', relative: '' } }: TachogramProps) {
  const box = useRef<HTMLDivElement>(null);
  const view = useRef({ x0: 0, x1: windowSec });
  const props = useRef({ windowSec, markers });
  props.current = { windowSec, markers };
  const drawn = useRef({ version: -1, x1: NaN });

  const chart = useUplot(
    box,
    (width, height) => ({
      width,
      height,
      legend: { show: false },
      cursor: { show: !calm, drag: { x: false, y: false }, points: { show: false } },
      scales: {
        x: { time: false, range: () => [view.current.x0, view.current.x1] },
        y: { range: (_u, min, max) => paddedRange(min, max, calm ? 16 : 10) },
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
        drawClear: [shadeInhales(() => liveData.pacer, calm ? 'rgba(127,209,193,0.07)' : undefined)],
        draw: calm
          ? []
          : [markerLines(() => props.current.markers.map((m) => ({ x: m.clockSec, label: m.note || m.kind })))],
      },
    }),
    () => [new Float64Array(0), new Float64Array(0)],
  );

  useFrame(() => {
    const u = chart.current;
    if (!u) return;
    const hr = liveData.hr;
    const x1 = liveData.clock.now();
    const win = props.current.windowSec;
    if (!calm && setTimeAxisTitle(u, liveOrigin() !== null ? timeTitles.session : timeTitles.relative)) drawn.current.version = -1;
    // Redraw when new beats came or the view moved by at least a pixel.
    const pxSec = win / Math.max(1, u.bbox.width / devicePixelRatio);
    if (hr.version === drawn.current.version && Math.abs(x1 - drawn.current.x1) < pxSec) return;
    drawn.current = { version: hr.version, x1 };
    view.current = { x0: x1 - win, x1 };
    const from = Math.max(0, hr.lowerBound(x1 - win) - 1);
    u.setData([hr.x(from), hr.y(from)], true);
  });

  return <div className={calm ? 'chart chart-calm' : 'chart'} ref={box} data-testid="tachogram" />;
}

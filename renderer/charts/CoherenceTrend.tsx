/**
 * Coherence trend: the coherence ratio once per second over the last minutes, on the level
 * bands (low < 1.0 ≤ medium < 3.0 ≤ high, shared/dsp/coherence.ts). Drawn on animation frames
 * from `liveData.coherence`. Both axes titled (session time; the ratio), the bands named laag /
 * gemiddeld / hoog.
 */
import { useRef } from 'react';
import { COHERENCE_LEVEL_THRESHOLDS } from '../../shared/dsp/coherence.js';
import { liveData } from '../app/store.js';
import { axis, COLORS, sessionTimeAxis, setTimeAxisTitle } from './chartTheme.js';
import { useFrame } from './frameLoop.js';
import { liveOrigin } from './liveOrigin.js';
import { yBandLabels, yBands } from './plugins.js';
import { useUplot } from './useUplot.js';

const WINDOW_SEC = 300;
const { mediumFrom, highFrom } = COHERENCE_LEVEL_THRESHOLDS;

export interface CoherenceTrendLabels {
  /** y axis title (the card says "Coherentie"): its unit, "ratio". */
  axis: string;
  levels: { low: string; medium: string; high: string };
  timeTitles: { session: string; relative: string };
}

export function CoherenceTrend({ frozen, labels }: { frozen: boolean; labels: CoherenceTrendLabels }) {
  const box = useRef<HTMLDivElement>(null);
  const view = useRef({ x0: 0, x1: WINDOW_SEC });
  const drawn = useRef({ version: -1, frozen });
  const chart = useUplot(
    box,
    (width, height) => ({
      width,
      height,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, range: () => [view.current.x0, view.current.x1] },
        y: { range: (_u, _min, max) => [0, Math.max(highFrom * 1.6, Number.isFinite(max) ? max! * 1.1 : 0)] },
      },
      axes: [
        sessionTimeAxis(liveOrigin, labels.timeTitles.relative),
        axis({ label: labels.axis, labelSize: 14, size: 40, values: (_u, s) => s.map((v) => v.toFixed(0)), space: 20 }),
      ],
      series: [{}, { stroke: COLORS.coherence, width: 2, points: { show: false }, spanGaps: false }],
      hooks: {
        drawClear: [
          yBands([
            { y0: 0, y1: mediumFrom, color: 'rgba(111,134,166,0.10)' },
            { y0: mediumFrom, y1: highFrom, color: 'rgba(63,156,154,0.10)' },
            { y0: highFrom, y1: 1e9, color: 'rgba(47,155,99,0.12)' },
          ]),
        ],
        draw: [
          yBandLabels(() => [
            { y0: 0, y1: mediumFrom, label: labels.levels.low, color: COLORS.levels.low },
            { y0: mediumFrom, y1: highFrom, label: labels.levels.medium, color: COLORS.levels.medium },
            { y0: highFrom, y1: 1e9, label: labels.levels.high, color: COLORS.levels.high },
          ]),
        ],
      },
    }),
    () => [new Float64Array(0), new Float64Array(0)],
  );

  useFrame(() => {
    const u = chart.current;
    const c = liveData.coherence;
    if (u && setTimeAxisTitle(u, liveOrigin() !== null ? labels.timeTitles.session : labels.timeTitles.relative)) drawn.current.version = -1;
    if (!u || (c.version === drawn.current.version && frozen === drawn.current.frozen)) return;
    drawn.current = { version: c.version, frozen };
    const x1 = Number.isFinite(c.lastX) ? c.lastX : WINDOW_SEC;
    view.current = { x0: x1 - WINDOW_SEC, x1 };
    const from = Math.max(0, c.lowerBound(x1 - WINDOW_SEC));
    u.series[1]!.stroke = () => (frozen ? '#a9b1bb' : COLORS.coherence);
    // NaN (no ratio) must become null so uPlot leaves a gap.
    const ys = Array.from(c.y(from), (v) => (Number.isFinite(v) ? v : null));
    u.setData([c.x(from), ys], true);
  });

  return <div className="chart chart-small" ref={box} data-testid="coherence-trend" />;
}

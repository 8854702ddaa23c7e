/**
 * Perceived versus measured exertion as uPlot charts (the progress report's points,
 * `getRunExertion`): per logged run, Borg (6–20) against its mean heart rate as % of the
 * heart-rate reserve, on grey boxes where Borg and HR fall in the same ACSM class and the green
 * target zone (Borg 11–13 at 40–59 % HRR), each point coloured by whether the client rated it
 * lighter, the same or harder; and over the course, % HRR and Borg by date.
 */
import { useEffect, useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import type { ExertionPoint } from '../../../shared/running/perceivedExertion.js';
import { axis, COLORS } from '../../charts/chartTheme.js';
import { yBands } from '../../charts/plugins.js';
import { useUplot } from '../../charts/useUplot.js';
import type { Fmt } from '../../app/i18n.js';

export const VERDICT_COLORS = { under: '#c2553d', match: '#2d8a5f', over: '#1e6f8f' } as const;
const VERDICTS = ['under', 'match', 'over'] as const;
export const COURSE_COLORS = { hrr: COLORS.hr, borg: '#b0763a' } as const;

/** [%HRR from, to] × [Borg from, to] (half-integer edges: whole Borg ratings fall inside; clipped to the axes). */
const MATCH_BOXES: readonly [number, number, number, number][] = [
  [0, 30, 6, 8.5],
  [30, 40, 8.5, 11.5],
  [40, 60, 11.5, 13.5],
  [60, 90, 13.5, 17.5],
  [90, 100, 17.5, 20],
];
const TARGET: [number, number, number, number] = [40, 60, 10.5, 13.5];

function box(u: uPlot, [x0, x1, y0, y1]: readonly number[], fill: string, stroke?: string): void {
  const l = u.valToPos(x0!, 'x', true);
  const r = u.valToPos(x1!, 'x', true);
  const t = u.valToPos(y1!, 'y', true);
  const b = u.valToPos(y0!, 'y', true);
  u.ctx.fillStyle = fill;
  u.ctx.fillRect(l, t, r - l, b - t);
  if (stroke) {
    u.ctx.strokeStyle = stroke;
    u.ctx.lineWidth = 1.5;
    u.ctx.strokeRect(l, t, r - l, b - t);
  }
}

/** Points sorted by % HRR, one y series per verdict (null where the point has another). */
export function scatterData(points: readonly ExertionPoint[]): uPlot.AlignedData {
  const sorted = [...points].sort((a, b) => a.pctHrr - b.pctHrr);
  return [sorted.map((p) => p.pctHrr), ...VERDICTS.map((v) => sorted.map((p) => (p.verdict === v ? p.borg : null)))];
}

function useStaticChart(make: (w: number, h: number) => uPlot.Options, data: uPlot.AlignedData) {
  const boxRef = useRef<HTMLDivElement>(null);
  const chart = useUplot(boxRef, make, () => data);
  useEffect(() => {
    chart.current?.setData(data, true);
  }, [data, chart]);
  return boxRef;
}

export function ExertionScatter({ points, labels }: { points: readonly ExertionPoint[]; labels: { hrr: string; borg: string; verdicts: Record<(typeof VERDICTS)[number], string> } }) {
  const data = useMemo(() => scatterData(points), [points]);
  const ref = useStaticChart(
    (width, height) => ({
      width,
      height,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [0, 100] }, y: { range: [6, 20] } },
      axes: [axis({ label: labels.hrr, labelSize: 16, size: 34 }), axis({ label: labels.borg, labelSize: 16, size: 36, values: (_u, s) => s.map((v) => v.toFixed(0)), splits: () => [6, 8, 10, 12, 14, 16, 18, 20] })],
      series: [
        {},
        ...VERDICTS.map((v) => ({ label: labels.verdicts[v], stroke: VERDICT_COLORS[v], fill: VERDICT_COLORS[v], paths: () => null, points: { show: true, size: 10, fill: VERDICT_COLORS[v] } })),
      ],
      hooks: {
        drawClear: [
          (u: uPlot) => {
            u.ctx.save();
            for (const b of MATCH_BOXES) box(u, b, 'rgba(107,119,133,0.12)');
            box(u, TARGET, 'rgba(45,138,95,0.16)', COLORS.coherence);
            u.ctx.restore();
          },
        ],
      },
    }),
    data,
  );
  return <div className="exertion-chart" ref={ref} data-testid="exertion-scatter" data-points={points.length} data-x-label={labels.hrr} data-y-label={labels.borg} />;
}

export function ExertionCourse({ points, labels, fmt }: { points: readonly ExertionPoint[]; labels: { hrr: string; borg: string }; fmt: Fmt }) {
  const data = useMemo((): uPlot.AlignedData => {
    const sorted = [...points].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return [sorted.map((p) => Date.parse(p.date + 'T00:00:00Z') / 86_400_000), sorted.map((p) => p.pctHrr), sorted.map((p) => p.borg)];
  }, [points]);
  // The days shown: a few either side of the runs, so one or two runs do not stretch the axis over years.
  const days = useRef<[number, number]>([0, 1]);
  const xs = data[0] as number[];
  days.current = xs.length ? [xs[0]! - 3, xs[xs.length - 1]! + 3] : [0, 1];
  const ref = useStaticChart(
    (width, height) => ({
      width,
      height,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: () => days.current }, y: { range: [0, 100] }, borg: { range: [6, 20] } },
      axes: [
        axis({ incrs: [1, 2, 7, 14, 28, 56, 112], values: (_u, s) => s.map((d) => fmt.date(new Date(d * 86_400_000).toISOString().slice(0, 10)).replace(/\s?\d{4}$/, '')), space: 70 }),
        axis({ label: labels.hrr, labelSize: 16, size: 36 }),
        axis({ scale: 'borg', side: 1, label: labels.borg, labelSize: 16, size: 36, grid: { show: false }, values: (_u, s) => s.map((v) => v.toFixed(0)) }),
      ],
      series: [{}, { stroke: COURSE_COLORS.hrr, width: 2, points: { show: true, size: 7 } }, { scale: 'borg', stroke: COURSE_COLORS.borg, width: 2, dash: [5, 4], points: { show: true, size: 7 } }],
      hooks: { drawClear: [yBands([{ y0: 40, y1: 60, color: 'rgba(45,138,95,0.14)' }])] },
    }),
    data,
  );
  return <div className="exertion-course" ref={ref} data-testid="exertion-course" data-points={points.length} />;
}

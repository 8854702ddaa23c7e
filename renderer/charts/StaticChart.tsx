/**
 * A uPlot chart over fixed data (the review of a saved session), scrolled by setting the x range
 * (`x0`, `x1`) — the data is handed to uPlot once, scrolling only changes the scale.
 */
import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { useUplot } from './useUplot.js';

export function StaticChart({
  data,
  options,
  x0,
  x1,
  className,
  testId,
  redrawKey,
  attrs,
}: {
  data: uPlot.AlignedData;
  options: (width: number, height: number) => uPlot.Options;
  x0: number;
  x1: number;
  className?: string;
  testId?: string;
  /** Redraw when this changes (hooks that read outside state). */
  redrawKey?: unknown;
  /** Extra data-* attributes of the chart's element (what it shows, for tests and tools). */
  attrs?: Record<`data-${string}`, string>;
}) {
  const box = useRef<HTMLDivElement>(null);
  const range = useRef({ x0, x1 });
  range.current = { x0, x1 };
  const chart = useUplot(
    box,
    (w, h) => {
      const o = options(w, h);
      return { ...o, scales: { ...o.scales, x: { time: false, range: () => [range.current.x0, range.current.x1] } } };
    },
    () => data,
  );
  useEffect(() => {
    chart.current?.setData(data, true);
  }, [data, chart]);
  useEffect(() => {
    chart.current?.setScale('x', { min: x0, max: x1 });
  }, [x0, x1, chart]);
  useEffect(() => {
    chart.current?.redraw(false);
  }, [redrawKey, chart]);
  return <div className={className ?? 'chart'} ref={box} data-testid={testId} {...attrs} />;
}

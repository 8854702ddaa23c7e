/**
 * `useUplot` — a uPlot chart in a React component: created once on mount in the container,
 * sized to it (ResizeObserver), destroyed on unmount. Data is pushed by the caller on animation
 * frames (`chart.current?.setData(...)`), never through React state.
 */
import { useEffect, useRef, type RefObject } from 'react';
import uPlot from 'uplot';

export function useUplot(
  container: RefObject<HTMLDivElement | null>,
  makeOptions: (width: number, height: number) => uPlot.Options,
  initialData: () => uPlot.AlignedData,
): RefObject<uPlot | null> {
  const chart = useRef<uPlot | null>(null);
  const make = useRef(makeOptions);
  const data = useRef(initialData);
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const w = Math.max(100, el.clientWidth);
    const h = Math.max(60, el.clientHeight);
    const u = new uPlot(make.current(w, h), data.current(), el);
    chart.current = u;
    const ro = new ResizeObserver(() => {
      const nw = Math.max(100, el.clientWidth);
      const nh = Math.max(60, el.clientHeight);
      if (nw !== u.width || nh !== u.height) u.setSize({ width: nw, height: nh });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      chart.current = null;
    };
  }, [container]);
  return chart;
}

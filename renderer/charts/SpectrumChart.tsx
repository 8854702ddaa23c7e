/**
 * Spectrum of the last 64 s of NN intervals (the coherence method's spectrum), with the LF band
 * (0.04–0.15 Hz) and the 0.030 Hz coherence-peak window shaded. Redrawn when a new spectrum
 * arrives (about once a second of signal).
 */
import { useRef } from 'react';
import { liveData } from '../app/store.js';
import { axis, COLORS, fixedTicks } from './chartTheme.js';
import { useFrame } from './frameLoop.js';
import { xBand } from './plugins.js';
import { useUplot } from './useUplot.js';

export function SpectrumChart({ xLabel, yLabel }: { xLabel: string; yLabel: string }) {
  const box = useRef<HTMLDivElement>(null);
  const drawn = useRef(-1);
  const chart = useUplot(
    box,
    (width, height) => ({
      width,
      height,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [0, 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, (max ?? 1) * 1.1)] } },
      axes: [axis({ label: xLabel, labelSize: 14, values: fixedTicks(2), space: 40 }), axis({ label: yLabel, labelSize: 14, size: 20, values: (_u, splits) => splits.map(() => '') })],
      series: [{}, { stroke: COLORS.spectrum, width: 1.5, fill: COLORS.spectrumFill, points: { show: false } }],
      hooks: {
        drawClear: [
          xBand(() => ({ x0: 0.04, x1: 0.15, color: COLORS.lf })),
          xBand(() => {
            const s = liveData.spectrum;
            return s && s.peakHz !== null ? { x0: s.peakHz - s.peakWidthHz / 2, x1: s.peakHz + s.peakWidthHz / 2, color: COLORS.peak } : null;
          }),
        ],
      },
    }),
    () => [new Float64Array(0), new Float64Array(0)],
  );

  useFrame(() => {
    const u = chart.current;
    if (!u || drawn.current === liveData.spectrumVersion) return;
    drawn.current = liveData.spectrumVersion;
    const s = liveData.spectrum;
    if (!s) {
      u.setData([new Float64Array(0), new Float64Array(0)], true);
      return;
    }
    const f = new Float64Array(s.psd.length);
    for (let k = 0; k < f.length; k++) f[k] = k * s.dfHz;
    u.setData([f, Float64Array.from(s.psd)], true);
  });

  return <div className="chart" ref={box} data-testid="spectrum-chart" />;
}

/**
 * `spectrumChart` — a power spectrum (ms²/Hz over Hz) as a filled line with the frequency bands
 * shaded and labelled (VLF/LF/HF) and the peak marked; built on `lineChart`.
 */
import { niceTicks } from './chartScale.js';
import { CHART_COLORS, type LegendItem, type XSpan } from './chartTypes.js';
import { lineChart } from './lineChart.js';

export interface SpectrumChartOptions {
  ariaLabel: string;
  freqHz: ArrayLike<number>;
  power: ArrayLike<number>;
  /** Shaded frequency bands, e.g. LF 0.04–0.15 Hz. */
  bands?: XSpan[];
  /** Frequency of the peak to mark (dashed line; its label goes into the legend). */
  peak?: { freqHz: number; label: string } | null;
  maxHz?: number;
  width?: number;
  height?: number;
  xLabel?: string;
  yLabel?: string;
  xTickFormat?: (v: number) => string;
  yTickFormat?: (v: number) => string;
  legend?: LegendItem[];
  emptyText?: string;
}

export function spectrumChart(o: SpectrumChartOptions): string {
  const maxHz = o.maxHz ?? 0.5;
  const x: number[] = [];
  const y: number[] = [];
  let top = 0;
  for (let i = 0; i < Math.min(o.freqHz.length, o.power.length); i++) {
    const f = o.freqHz[i] as number;
    const p = o.power[i] as number;
    if (f > maxHz + 1e-9 || !Number.isFinite(p)) continue;
    x.push(f);
    y.push(p);
    if (p > top) top = p;
  }
  return lineChart({
    ariaLabel: o.ariaLabel,
    width: o.width,
    height: o.height,
    xLabel: o.xLabel,
    yLabel: o.yLabel,
    xDomain: [0, maxHz],
    yDomain: top > 0 ? [0, top * 1.08] : undefined,
    xTicks: niceTicks(0, maxHz, 5),
    yTicks: top > 0 ? niceTicks(0, top * 1.08, 4) : undefined,
    xTickFormat: o.xTickFormat,
    yTickFormat: o.yTickFormat,
    series: x.length ? [{ x, y, color: CHART_COLORS.spectrum, area: true, areaColor: CHART_COLORS.spectrumFill, widthPx: 1.4 }] : [],
    xSpans: o.bands,
    markers: o.peak && Number.isFinite(o.peak.freqHz) ? [{ x: o.peak.freqHz, label: '', color: CHART_COLORS.text }] : [],
    legend: [
      ...(o.legend ?? []),
      ...(o.peak && Number.isFinite(o.peak.freqHz) ? [{ label: o.peak.label, color: CHART_COLORS.text, kind: 'dash' as const }] : []),
    ],
    emptyText: o.emptyText,
    maxPoints: 4000,
  });
}

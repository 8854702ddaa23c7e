/**
 * `barChart` — one value per category as vertical bars on a fixed y domain (the valid range of a
 * questionnaire scale, so bars of different moments and clients compare at a glance), with
 * optional reference bands, value labels and two-line category labels. `stackedBar` — shares of a
 * whole as one horizontal bar (time in each coherence level). Inline SVG strings, nothing external.
 */
import { LinearScale, niceTicks } from './chartScale.js';
import { CHART_COLORS, type YBand } from './chartTypes.js';
import { textWidth } from './lineChart.js';
import { attrs, svgLine, svgRect, svgText } from './svgText.js';

export interface BarChartOptions {
  ariaLabel: string;
  width?: number;
  height?: number;
  /** Title written above the plot (e.g. the scale and its range). */
  title?: string;
  categories: string[];
  /** Optional second line under each category (e.g. the date). */
  subLabels?: string[];
  values: (number | null)[];
  color?: string;
  yDomain: readonly [number, number];
  yTicks?: number[];
  yTickFormat?: (v: number) => string;
  valueFormat?: (v: number) => string;
  yBands?: YBand[];
  emptyText?: string;
}

export function barChart(o: BarChartOptions): string {
  const W = o.width ?? 240;
  const H = o.height ?? 170;
  const top = o.title ? 26 : 10;
  const bottom = o.subLabels ? 32 : 20;
  const left = 30;
  const right = 8;
  const plot = { x: left, y: top, w: W - left - right, h: H - top - bottom };
  const [d0, d1] = o.yDomain;
  const sy = new LinearScale([d0, d1], [plot.y + plot.h, plot.y]);
  const fy = o.yTickFormat ?? ((v: number) => String(v));
  const fv = o.valueFormat ?? ((v: number) => String(v));
  let svg = `<svg class="chart"${attrs({ viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': o.ariaLabel, preserveAspectRatio: 'xMidYMid meet' })}>`;
  if (o.title) svg += svgText(4, 13, o.title, { size: 11, fill: CHART_COLORS.text, weight: '600' });
  svg += svgRect(plot.x, plot.y, plot.w, plot.h, '#ffffff');
  for (const b of o.yBands ?? []) {
    const lo = Math.max(Math.min(b.from, b.to), d0);
    const hi = Math.min(Math.max(b.from, b.to), d1);
    if (!(hi > lo)) continue;
    svg += svgRect(plot.x, sy.map(hi), plot.w, sy.map(lo) - sy.map(hi), b.color);
    if (b.label && sy.map(lo) - sy.map(hi) >= 10) svg += svgText(plot.x + plot.w - 3, sy.map(hi) + 9, b.label, { anchor: 'end', size: 8.5, fill: CHART_COLORS.axis });
  }
  for (const v of o.yTicks ?? niceTicks(d0, d1, 4)) {
    if (v < d0 - 1e-9 || v > d1 + 1e-9) continue;
    svg += svgLine(plot.x, sy.map(v), plot.x + plot.w, sy.map(v), CHART_COLORS.grid, { 'stroke-width': 0.7 });
    svg += svgText(plot.x - 4, sy.map(v) + 3.5, fy(v), { anchor: 'end', size: 9.5, fill: CHART_COLORS.axis });
  }
  const n = o.categories.length;
  if (n === 0) {
    svg += svgText(plot.x + plot.w / 2, plot.y + plot.h / 2, o.emptyText ?? '—', { anchor: 'middle', size: 11, fill: CHART_COLORS.axis });
  }
  const slot = n > 0 ? plot.w / n : plot.w;
  const barW = Math.min(34, slot * 0.62);
  for (let i = 0; i < n; i++) {
    const cx = plot.x + slot * (i + 0.5);
    const v = o.values[i];
    if (v !== null && v !== undefined && Number.isFinite(v)) {
      const yTop = sy.clampMap(v);
      const yBase = sy.clampMap(d0 <= 0 && d1 >= 0 ? 0 : d0);
      svg += svgRect(cx - barW / 2, Math.min(yTop, yBase), barW, Math.max(1, Math.abs(yBase - yTop)), o.color ?? CHART_COLORS.bar);
      svg += svgText(cx, Math.min(yTop, yBase) - 3, fv(v), { anchor: 'middle', size: 9.5, fill: CHART_COLORS.text, weight: '600' });
    } else {
      svg += svgText(cx, plot.y + plot.h - 4, '—', { anchor: 'middle', size: 10, fill: CHART_COLORS.axis });
    }
    const label = o.categories[i]!;
    const size = textWidth(label, 9.5) > slot ? 8 : 9.5;
    svg += svgText(cx, plot.y + plot.h + 12, label, { anchor: 'middle', size, fill: CHART_COLORS.text });
    if (o.subLabels?.[i]) svg += svgText(cx, plot.y + plot.h + 24, o.subLabels[i]!, { anchor: 'middle', size: 8, fill: CHART_COLORS.axis });
  }
  svg += svgRect(plot.x, plot.y, plot.w, plot.h, 'none', { stroke: CHART_COLORS.frame, 'stroke-width': 0.8 });
  return svg + '</svg>';
}

export interface StackedPart {
  value: number;
  color: string;
  label: string;
  /** Colour of the label inside the bar (default white). */
  textColor?: string;
  /** Written as `data-part` (with `data-value`) on the part's rect (tests and tools). */
  id?: string;
}

/** `stackedBar` — parts of a whole as one horizontal bar with their labels (shares below 6 % are labelled underneath). */
export function stackedBar(o: { ariaLabel: string; parts: StackedPart[]; width?: number; height?: number; emptyText?: string }): string {
  const W = o.width ?? 720;
  const H = o.height ?? 46;
  const x0 = 4;
  const w = W - 8;
  const total = o.parts.reduce((a, p) => a + (p.value > 0 ? p.value : 0), 0);
  let svg = `<svg class="chart"${attrs({ viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': o.ariaLabel, preserveAspectRatio: 'xMidYMid meet' })}>`;
  if (!(total > 0)) {
    svg += svgRect(x0, 4, w, 22, '#ffffff', { stroke: CHART_COLORS.frame, 'stroke-width': 0.8 });
    svg += svgText(x0 + w / 2, 19, o.emptyText ?? '—', { anchor: 'middle', size: 11, fill: CHART_COLORS.axis });
    return svg + '</svg>';
  }
  let x = x0;
  let below = x0;
  for (const p of o.parts) {
    if (!(p.value > 0)) continue;
    const pw = (p.value / total) * w;
    svg += svgRect(x, 4, pw, 22, p.color, p.id ? { 'data-part': p.id, 'data-value': String(p.value) } : {});
    if (pw >= textWidth(p.label, 10) + 6) svg += svgText(x + pw / 2, 19, p.label, { anchor: 'middle', size: 10, fill: p.textColor ?? '#ffffff', weight: '600' });
    else {
      svg += svgText(Math.max(below, x), 40, p.label, { size: 9.5, fill: CHART_COLORS.text });
      below = Math.max(below, x) + textWidth(p.label, 9.5) + 8;
    }
    x += pw;
  }
  svg += svgRect(x0, 4, w, 22, 'none', { stroke: CHART_COLORS.frame, 'stroke-width': 0.8 });
  return svg + '</svg>';
}

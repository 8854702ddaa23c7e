/**
 * `lineChart` — a line/area chart as an inline SVG string for the printed reports: shaded y-bands
 * (levels, reference ranges), shaded x-spans (pacer phases, gaps), vertical markers, step lines,
 * dots, a legend and axes with nice ticks. Long series are reduced to min/max per pixel bucket
 * (the shape of a tachogram survives; 1 h at 1 s stays a small file). Lines break at nulls, at
 * x gaps larger than `maxGapX` and across every `breaks` span (signal gaps: never drawn through).
 * No script, no external reference: the SVG prints as it is.
 */
import { widenToMinSpan } from '../../charts/minSpan.js';
import { LinearScale, niceDomain, niceTicks } from './chartScale.js';
import { CHART_COLORS, type LegendItem, type XMarker, type XSpan, type YBand } from './chartTypes.js';
import { attrs, coord, svgLine, svgRect, svgText } from './svgText.js';

export interface LineSeries {
  x: ArrayLike<number>;
  y: ArrayLike<number | null>;
  color: string;
  /** Stroke width in SVG units (default 1.4). */
  widthPx?: number;
  /** Fill the area under the line down to the bottom of the plot. */
  area?: boolean;
  areaColor?: string;
  /** SVG dash pattern, e.g. '4 3'. */
  dash?: string;
  /** Draw a dot at every point (few points, e.g. one per session). */
  points?: boolean;
  /** Hold each value until the next x (settings that change in steps; give a last point where it ends). */
  step?: boolean;
  /** Break the line where consecutive x differ by more than this. */
  maxGapX?: number;
  /**
   * Spans the line never crosses (signal gaps): a segment that reaches more than
   * {@link BREAK_TOLERANCE_X} into one is not drawn.
   */
  breaks?: readonly { from: number; to: number }[];
  /** Written as `data-series` on the series' paths (tests and tools). */
  id?: string;
}

/** How far (x units) a segment may touch a break span and still be drawn: an interval ending on the edge of a gap. */
export const BREAK_TOLERANCE_X = 0.05;

export interface LineChartOptions {
  /** Accessible name of the chart (also its tooltip-free description in the PDF). */
  ariaLabel: string;
  width?: number;
  height?: number;
  xLabel?: string;
  yLabel?: string;
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  /** Without `yDomain`: the y axis spans at least this much (a tiny change must not look steep; shared/charts/minSpan.ts). */
  yMinSpan?: number;
  /** With `yMinSpan`: the widened axis does not go below this (e.g. 0). */
  yFloor?: number;
  xTicks?: number[];
  yTicks?: number[];
  xTickFormat?: (v: number) => string;
  yTickFormat?: (v: number) => string;
  series: LineSeries[];
  yBands?: YBand[];
  xSpans?: XSpan[];
  markers?: XMarker[];
  legend?: LegendItem[];
  /** Shown in the frame when no series has a finite point. */
  emptyText?: string;
  /** Points per series above which it is reduced to min/max buckets (default 1200). */
  maxPoints?: number;
}

const TICK_SIZE = 10.5;

/** Whether the segment (a, b) reaches more than the tolerance into one of the spans. */
export function crossesBreak(a: number, b: number, breaks: readonly { from: number; to: number }[] | undefined): boolean {
  if (!breaks) return false;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  for (const s of breaks) if (Math.min(hi, s.to) - Math.max(lo, s.from) > BREAK_TOLERANCE_X) return true;
  return false;
}

/** Runs of finite points, split at nulls, at x gaps > maxGapX and across `breaks` spans. */
export function seriesRuns(s: Pick<LineSeries, 'x' | 'y' | 'maxGapX' | 'breaks'>): { x: number[]; y: number[] }[] {
  const runs: { x: number[]; y: number[] }[] = [];
  let cur: { x: number[]; y: number[] } | null = null;
  const n = Math.min(s.x.length, s.y.length);
  for (let i = 0; i < n; i++) {
    const x = s.x[i] as number;
    const y = s.y[i];
    if (y === null || y === undefined || !Number.isFinite(y) || !Number.isFinite(x)) {
      cur = null;
      continue;
    }
    if (cur && s.maxGapX !== undefined && x - cur.x[cur.x.length - 1]! > s.maxGapX) cur = null;
    if (cur && crossesBreak(cur.x[cur.x.length - 1]!, x, s.breaks)) cur = null;
    if (!cur) {
      cur = { x: [], y: [] };
      runs.push(cur);
    }
    cur.x.push(x);
    cur.y.push(y);
  }
  return runs;
}

/** `decimateMinMax` — keep the min and max of each of `buckets` index buckets (in order). */
export function decimateMinMax(x: number[], y: number[], buckets: number): { x: number[]; y: number[] } {
  const n = x.length;
  if (n <= 2 * buckets) return { x, y };
  const ox: number[] = [];
  const oy: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const i0 = Math.floor((b * n) / buckets);
    const i1 = Math.floor(((b + 1) * n) / buckets);
    if (i1 <= i0) continue;
    let lo = i0;
    let hi = i0;
    for (let i = i0 + 1; i < i1; i++) {
      if (y[i]! < y[lo]!) lo = i;
      if (y[i]! > y[hi]!) hi = i;
    }
    const [a, c] = lo <= hi ? [lo, hi] : [hi, lo];
    ox.push(x[a]!);
    oy.push(y[a]!);
    if (c !== a) {
      ox.push(x[c]!);
      oy.push(y[c]!);
    }
  }
  return { x: ox, y: oy };
}

function extent(values: Iterable<number>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Estimated text width in SVG units (for legend layout). */
export const textWidth = (s: string, size = TICK_SIZE): number => s.length * size * 0.56;

/** The legend row at the top of a chart; returns the SVG. */
export function legendSvg(items: readonly LegendItem[], x0: number, y: number): string {
  let x = x0;
  let out = '';
  for (const it of items) {
    if (it.kind === 'box') out += svgRect(x, y - 8, 14, 9, it.color, { stroke: CHART_COLORS.frame, 'stroke-width': 0.5 });
    else if (it.kind === 'dot') out += `<circle${attrs({ cx: x + 7, cy: y - 3.5, r: 3, fill: it.color })}/>`;
    else out += svgLine(x, y - 3.5, x + 14, y - 3.5, it.color, { 'stroke-width': 2, 'stroke-dasharray': it.kind === 'dash' ? '4 2' : undefined });
    out += svgText(x + 18, y, it.label, { size: TICK_SIZE, fill: CHART_COLORS.text });
    x += 18 + textWidth(it.label) + 14;
  }
  return out;
}

/** `lineChart` — see the file comment. Returns an `<svg>` element string. */
export function lineChart(o: LineChartOptions): string {
  const W = o.width ?? 720;
  const H = o.height ?? 200;
  const maxPoints = o.maxPoints ?? 1200;
  const runsPerSeries = o.series.map((s) => seriesRuns(s));
  const allX = runsPerSeries.flatMap((runs) => runs.flatMap((r) => r.x));
  const allY = runsPerSeries.flatMap((runs) => runs.flatMap((r) => r.y));
  const xe = o.xDomain ?? extent(allX);
  const ye0 = o.yDomain ?? extent(allY);
  // A chart without a point still shows its data spans (e.g. a session never scored: all of it
  // shaded "not scored", with its gaps) when both axes are given.
  const spansOnly = allX.length === 0 && o.xDomain !== undefined && o.yDomain !== undefined && (o.xSpans ?? []).some((s) => s.kind !== undefined);
  const empty = !spansOnly && (allX.length === 0 || !xe || !ye0);
  const xDomain: [number, number] = !xe ? [0, 1] : xe[0] === xe[1] ? [xe[0] - 0.5, xe[1] + 0.5] : [xe[0], xe[1]];
  const ye = ye0 && !o.yDomain && o.yMinSpan ? widenToMinSpan(ye0[0], ye0[1], o.yMinSpan, o.yFloor) : ye0;
  const yDomain: [number, number] = !ye ? [0, 1] : o.yDomain ? [ye[0], ye[1]] : niceDomain(ye[0], ye[1], 4);
  const yTicks = (o.yTicks ?? niceTicks(yDomain[0], yDomain[1], 4)).filter((v) => v >= yDomain[0] - 1e-9 && v <= yDomain[1] + 1e-9);
  const fy = o.yTickFormat ?? ((v: number) => String(v));
  const yTickText = empty ? [] : yTicks.map(fy);

  // The left margin makes room for the widest y tick label (and the rotated y label).
  const widest = Math.max(0, ...yTickText.map((t) => textWidth(t)));
  const left = Math.max(o.yLabel ? 56 : 44, widest + (o.yLabel ? 30 : 12));
  const top = o.legend && o.legend.length ? 24 : 10;
  const right = 14;
  const bottom = o.xLabel ? 36 : 22;
  const plot = { x: left, y: top, w: W - left - right, h: H - top - bottom };

  let svg = `<svg class="chart"${attrs({ viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': o.ariaLabel, preserveAspectRatio: 'xMidYMid meet' })}>`;
  svg += svgRect(plot.x, plot.y, plot.w, plot.h, '#ffffff');
  if (o.legend && o.legend.length) svg += legendSvg(o.legend, plot.x, 14);

  if (empty) {
    svg += svgRect(plot.x, plot.y, plot.w, plot.h, 'none', { stroke: CHART_COLORS.frame, 'stroke-width': 0.8 });
    svg += svgText(plot.x + plot.w / 2, plot.y + plot.h / 2 + 4, o.emptyText ?? '—', { anchor: 'middle', size: 12, fill: CHART_COLORS.axis });
    return svg + '</svg>';
  }
  const sx = new LinearScale(xDomain, [plot.x, plot.x + plot.w]);
  const sy = new LinearScale(yDomain, [plot.y + plot.h, plot.y]);

  // Background: y-bands, then x-spans (phases), then the grid.
  for (const b of o.yBands ?? []) {
    const lo = Math.max(Math.min(b.from, b.to), yDomain[0]);
    const hi = Math.min(Math.max(b.from, b.to), yDomain[1]);
    if (!(hi > lo)) continue;
    const y1 = sy.map(hi);
    const y0 = sy.map(lo);
    svg += svgRect(plot.x, y1, plot.w, y0 - y1, b.color);
    // Labelled at the bottom right of the band: the top edge of the plot belongs to the marker labels.
    if (b.label && y0 - y1 >= 11) svg += svgText(plot.x + plot.w - 4, y0 - 3, b.label, { anchor: 'end', size: 9.5, fill: CHART_COLORS.axis });
  }
  let spanLabels = '';
  for (const s of o.xSpans ?? []) {
    const a = Math.max(s.from, xDomain[0]);
    const b = Math.min(s.to, xDomain[1]);
    if (!(b > a)) continue;
    const tag = s.kind ? { 'data-span': s.kind, 'data-from': String(s.from), 'data-to': String(s.to) } : {};
    svg += svgRect(sx.map(a), plot.y, Math.max(0.6, sx.map(b) - sx.map(a)), plot.h, s.color, tag);
    const mid = (sx.map(a) + sx.map(b)) / 2;
    // A span of the data (kind set): labelled in the middle, only where the label fits (the legend
    // names its colour everywhere else). Other spans (spectral bands): the label at the top.
    // Labels go above every span, so a later span never covers one.
    if (s.label && !s.kind) spanLabels += svgText(mid, plot.y + 11, s.label, { anchor: 'middle', size: 9.5, fill: CHART_COLORS.axis });
    else if (s.label && sx.map(b) - sx.map(a) >= textWidth(s.label, 9.5) + 4) {
      spanLabels += svgText(mid, plot.y + plot.h / 2 + 3, s.label, { anchor: 'middle', size: 9.5, fill: CHART_COLORS.axis, cls: `span-label span-${s.kind}`, halo: s.color });
    }
  }
  const xTicks = (o.xTicks ?? niceTicks(xDomain[0], xDomain[1], 7)).filter((v) => v >= xDomain[0] - 1e-9 && v <= xDomain[1] + 1e-9);
  const fx = o.xTickFormat ?? ((v: number) => String(v));
  yTicks.forEach((v, i) => {
    const y = sy.map(v);
    svg += svgLine(plot.x, y, plot.x + plot.w, y, CHART_COLORS.grid, { 'stroke-width': 0.7 });
    svg += svgText(plot.x - 5, y + 3.5, yTickText[i]!, { anchor: 'end', size: TICK_SIZE, fill: CHART_COLORS.axis });
  });
  for (const v of xTicks) {
    const x = sx.map(v);
    svg += svgLine(x, plot.y + plot.h, x, plot.y + plot.h + 4, CHART_COLORS.axis, { 'stroke-width': 0.7 });
    svg += svgText(x, plot.y + plot.h + 15, fx(v), { anchor: 'middle', size: TICK_SIZE, fill: CHART_COLORS.axis });
  }
  // Span labels above the spans and the grid (no later span or grid line covers one).
  svg += spanLabels;

  // Data.
  o.series.forEach((s, k) => {
    const buckets = Math.max(50, Math.floor(maxPoints / 2));
    for (const run0 of runsPerSeries[k]!) {
      const run = decimateMinMax(run0.x, run0.y, buckets);
      const pts: [number, number][] = [];
      for (let i = 0; i < run.x.length; i++) {
        const px = sx.map(run.x[i]!);
        const py = sy.clampMap(run.y[i]!);
        if (s.step && i > 0) pts.push([px, pts[pts.length - 1]![1]]);
        pts.push([px, py]);
      }
      if (pts.length === 0) continue;
      const d = pts.map((p, i) => `${i ? 'L' : 'M'}${coord(p[0])} ${coord(p[1])}`).join('');
      if (s.area && pts.length > 1) {
        const base = coord(plot.y + plot.h);
        svg += `<path${attrs({ d: `${d}L${coord(pts[pts.length - 1]![0])} ${base}L${coord(pts[0]![0])} ${base}Z`, fill: s.areaColor ?? s.color, 'fill-opacity': s.areaColor ? undefined : '0.25', stroke: 'none' })}/>`;
      }
      if (pts.length > 1) {
        svg += `<path${attrs({ d, fill: 'none', stroke: s.color, 'stroke-width': s.widthPx ?? 1.4, 'stroke-linejoin': 'round', 'stroke-linecap': 'round', 'stroke-dasharray': s.dash, 'data-series': s.id })}/>`;
      }
      if (s.points || pts.length === 1) {
        for (let i = 0; i < run.x.length; i++) {
          svg += `<circle${attrs({ cx: sx.map(run.x[i]!), cy: sy.clampMap(run.y[i]!), r: s.points ? 2.8 : 1.4, fill: s.color, 'data-series': s.id })}/>`;
        }
      }
    }
  });

  // Markers on top.
  for (const m of o.markers ?? []) {
    if (!(m.x >= xDomain[0] && m.x <= xDomain[1])) continue;
    const x = sx.map(m.x);
    const c = m.color ?? CHART_COLORS.marker;
    svg += svgLine(x, plot.y, x, plot.y + plot.h, c, { 'stroke-width': 1, 'stroke-dasharray': '3 2' });
    if (m.label) {
      const w = textWidth(m.label, 9.5) + 6;
      const lx = Math.min(Math.max(x - w / 2, plot.x), plot.x + plot.w - w);
      svg += svgRect(lx, plot.y + 1, w, 12, '#ffffff', { stroke: c, 'stroke-width': 0.8, rx: 2 });
      svg += svgText(lx + w / 2, plot.y + 10.5, m.label, { anchor: 'middle', size: 9.5, fill: c });
    }
  }

  svg += svgRect(plot.x, plot.y, plot.w, plot.h, 'none', { stroke: CHART_COLORS.frame, 'stroke-width': 0.8 });
  if (o.xLabel) svg += svgText(plot.x + plot.w / 2, H - 5, o.xLabel, { anchor: 'middle', size: TICK_SIZE, fill: CHART_COLORS.axis });
  if (o.yLabel) svg += svgText(13, plot.y + plot.h / 2, o.yLabel, { anchor: 'middle', size: TICK_SIZE, fill: CHART_COLORS.axis, rotate: -90 });
  return svg + '</svg>';
}


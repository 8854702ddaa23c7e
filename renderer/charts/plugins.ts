/**
 * Drawing helpers used as uPlot hooks: pacer inhale phases shaded behind a time chart, marker
 * lines, and horizontal bands. They read their inputs through getters at draw time, so charts
 * redraw with the current pacer/markers without React.
 */
import type uPlot from 'uplot';
import type { PacerTimeline } from '../../shared/ipc/apiTypes.js';
import { inhaleSpans } from '../../shared/ipc/pacerTimeline.js';
import { widenToMinSpan } from '../../shared/charts/minSpan.js';
import { COLORS } from './chartTheme.js';

const spans: number[] = [];

/** Fill the plot area between x0 and x1 (data units). */
function fillX(u: uPlot, x0: number, x1: number, color: string): void {
  const { left, top, width, height } = u.bbox;
  const a = Math.max(left, u.valToPos(x0, 'x', true));
  const b = Math.min(left + width, u.valToPos(x1, 'x', true));
  if (b <= a) return;
  u.ctx.fillStyle = color;
  u.ctx.fillRect(a, top, b - a, height);
}

/** Hook: shade the pacer's inhale phases (the out-breath stays white). */
export function shadeInhales(getTimeline: () => PacerTimeline | null, color: string = COLORS.inhale) {
  return (u: uPlot): void => {
    const tl = getTimeline();
    const x0 = u.scales.x.min;
    const x1 = u.scales.x.max;
    if (!tl || x0 === undefined || x1 === undefined) return;
    inhaleSpans(tl, x0, x1, spans);
    u.ctx.save();
    for (let i = 0; i < spans.length; i += 2) fillX(u, spans[i]!, spans[i + 1]!, color);
    u.ctx.restore();
  };
}

/** Hook: a dashed vertical line at each marker time (x units), with its label. */
export function markerLines(getMarkers: () => readonly { x: number; label: string }[]) {
  return (u: uPlot): void => {
    const x0 = u.scales.x.min ?? -Infinity;
    const x1 = u.scales.x.max ?? Infinity;
    const { top, height } = u.bbox;
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = COLORS.marker;
    ctx.fillStyle = COLORS.marker;
    ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
    ctx.lineWidth = devicePixelRatio;
    ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
    for (const m of getMarkers()) {
      if (m.x < x0 || m.x > x1) continue;
      const px = Math.round(u.valToPos(m.x, 'x', true)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(px, top);
      ctx.lineTo(px, top + height);
      ctx.stroke();
      if (m.label) ctx.fillText(m.label.slice(0, 24), px + 4 * devicePixelRatio, top + 12 * devicePixelRatio);
    }
    ctx.restore();
  };
}

/** Hook: horizontal bands [y0, y1) in the given colours (e.g. coherence levels). */
export function yBands(bands: readonly { y0: number; y1: number; color: string }[]) {
  return (u: uPlot): void => {
    const { left, width, top, height } = u.bbox;
    u.ctx.save();
    for (const b of bands) {
      const a = Math.max(top, u.valToPos(b.y1, 'y', true));
      const z = Math.min(top + height, u.valToPos(b.y0, 'y', true));
      if (z <= a) continue;
      u.ctx.fillStyle = b.color;
      u.ctx.fillRect(left, a, width, z - a);
    }
    u.ctx.restore();
  };
}

/** Hook: shade [x0, x1] (data units), e.g. a frequency band. */
export function xBand(get: () => { x0: number; x1: number; color: string } | null) {
  return (u: uPlot): void => {
    const b = get();
    if (!b) return;
    u.ctx.save();
    fillX(u, b.x0, b.x1, b.color);
    u.ctx.restore();
  };
}

/** Hook: shade every span [x0, x1] (data units), e.g. the signal gaps of a recording. */
export function shadeSpans(get: () => readonly { x0: number; x1: number }[], color: string) {
  return (u: uPlot): void => {
    u.ctx.save();
    for (const b of get()) fillX(u, b.x0, b.x1, color);
    u.ctx.restore();
  };
}

/** y range with at least `minSpan` (shared/charts/minSpan.ts) and 8 % padding. */
export function paddedRange(min: number | null, max: number | null, minSpan: number): uPlot.Range.MinMax {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, minSpan];
  const [lo, hi] = widenToMinSpan(min, max, minSpan);
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

/**
 * Hook: a label at the right end of each horizontal band (e.g. the coherence levels laag /
 * gemiddeld / hoog), in the band's middle where it is visible.
 */
export function yBandLabels(get: () => readonly { y0: number; y1: number; label: string; color: string }[]) {
  return (u: uPlot): void => {
    const { left, width, top, height } = u.bbox;
    const ctx = u.ctx;
    ctx.save();
    ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const b of get()) {
      const a = Math.max(top, u.valToPos(b.y1, 'y', true));
      const z = Math.min(top + height, u.valToPos(b.y0, 'y', true));
      if (z - a < 12 * devicePixelRatio) continue;
      ctx.fillStyle = b.color;
      ctx.fillText(b.label, left + width - 6 * devicePixelRatio, (a + z) / 2);
    }
    ctx.restore();
  };
}

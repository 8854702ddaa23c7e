/** Colours and axis styling shared by the charts (calm clinical palette; matches app.css). */
import type uPlot from 'uplot';
import { formatSessionTime, niceTimeStep, sessionTimeSplits } from '../../shared/charts/sessionTime.js';

export const COLORS = {
  ink: '#1f2a37',
  muted: '#6b7785',
  grid: 'rgba(31,42,55,0.07)',
  hr: '#1e6f8f',
  ppg: '#3a7d6b',
  beat: '#c2553d',
  inhale: 'rgba(94,158,199,0.16)',
  marker: '#8a5cb8',
  coherence: '#2d8a5f',
  spectrum: '#1e6f8f',
  spectrumFill: 'rgba(30,111,143,0.15)',
  peak: 'rgba(45,138,95,0.18)',
  lf: 'rgba(94,158,199,0.08)',
  gap: 'rgba(107,119,133,0.22)',
  levels: { low: '#6f86a6', medium: '#3f9c9a', high: '#2f9b63' },
} as const;

const FONT = '11px system-ui, "Segoe UI", Roboto, sans-serif';

/** An axis in the house style. */
export function axis(opts: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return {
    stroke: COLORS.muted,
    font: FONT,
    grid: { stroke: COLORS.grid, width: 1 },
    ticks: { stroke: COLORS.grid, width: 1, size: 4 },
    ...opts,
  };
}

/** Plain number ticks with a fixed number of decimals. */
export const fixedTicks =
  (digits: number) =>
  (_u: uPlot, splits: number[]): string[] =>
    splits.map((v) => v.toFixed(digits));

/** Seconds on the clock as m:ss ticks. */
export const clockTicks = (_u: uPlot, splits: number[]): string[] =>
  splits.map((v) => {
    if (v < 0) return '';
    const s = Math.round(v);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  });

/**
 * A time x axis in SESSION time: ticks at round times since `origin()` (the session start on the
 * chart's clock), written m:ss; while `origin()` is null (no session) the axis counts back from
 * its right edge (0:00 = now, −0:30 …). The axis title is set by the chart (`timeAxisTitle`).
 */
export function sessionTimeAxis(origin: () => number | null, title: string, space = 60): uPlot.Axis {
  return axis({
    space,
    label: title,
    labelSize: 16,
    labelFont: FONT,
    splits: (_u, _i, min, max, foundIncr) => sessionTimeSplits(min, max, origin() ?? max, niceTimeStep(foundIncr)),
    values: (u, splits) => {
      const o = origin() ?? u.scales.x!.max ?? 0;
      const labels = splits.map((v) => formatSessionTime(v - o));
      // What the axis shows, for tests and assistive tools (the canvas holds no text).
      const text = labels.join(' ');
      if (u.root.dataset.xTicks !== text) u.root.dataset.xTicks = text;
      const title = String(u.axes[0]?.label ?? '');
      if (u.root.dataset.xTitle !== title) u.root.dataset.xTitle = title;
      return labels;
    },
  });
}

/** Set the time axis' title (session time or time before now); true when it changed (redraw). */
export function setTimeAxisTitle(u: uPlot, title: string): boolean {
  const a = u.axes[0];
  if (!a || a.label === title) return false;
  a.label = title;
  return true;
}

/** Colours and axis styling shared by the charts (calm clinical palette; matches app.css). */
import type uPlot from 'uplot';

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

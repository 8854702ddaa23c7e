/** Shared option types of the report charts (inline SVG strings). */

/** A horizontal band of y values (coherence levels, questionnaire reference ranges). */
export interface YBand {
  from: number;
  to: number;
  color: string;
  /** Written at the right edge of the band. */
  label?: string;
}

/** A vertical span of x values (pacer inhale phases, signal gaps, spectral bands). */
export interface XSpan {
  from: number;
  to: number;
  color: string;
  /** Written at the top of the span; for a span with `kind`, in its middle and only where it fits (keep it short). */
  label?: string;
  /** What part of the data the span marks ('gap', 'not-scored', …): written as data-span/-from/-to on its rect. */
  kind?: string;
}

/** A vertical marker line (therapist markers, evaluation dates, a spectral peak). */
export interface XMarker {
  x: number;
  /** Short label at the top (e.g. the marker number). */
  label: string;
  color?: string;
}

export interface LegendItem {
  label: string;
  color: string;
  kind: 'line' | 'dash' | 'box' | 'dot';
}

/** Palette of the reports: calm, prints well in colour and in grey. */
export const CHART_COLORS = Object.freeze({
  axis: '#5f6b73',
  grid: '#e4e8eb',
  frame: '#b8c2c8',
  text: '#2b3338',
  hr: '#b23a48',
  coherence: '#24323d',
  breathing: '#00796b',
  pacer: '#1f5f8b',
  inhale: '#dcebf7',
  marker: '#7b3f98',
  gap: '#e0e0e0',
  notScored: '#f1f2f3',
  notScoredSolid: '#d5dadd',
  spectrum: '#1f5f8b',
  spectrumFill: '#c5d9ea',
  vlf: '#f2f2f2',
  lf: '#e5f2e7',
  hf: '#fbf0e1',
  low: '#f4e4e4',
  medium: '#fbf1d2',
  high: '#e1f0e2',
  lowSolid: '#c96f6f',
  mediumSolid: '#d9ab3c',
  highSolid: '#4f9a58',
  bar: '#3f7cac',
  bar2: '#8fb3cf',
  reference: '#f6e9e0',
  reference2: '#f0d7cb',
});

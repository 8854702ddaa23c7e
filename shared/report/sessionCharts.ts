/**
 * The charts of the session report, from the session's analysis (all times on the session clock):
 * HR tachogram with pacer inhale phases, signal gaps and markers; coherence over time on its level
 * bands; the NN spectrum of the best 64 s (the window with the highest coherence ratio, computed as
 * the coherence ratio is: `nnSpectrumAt`); breathing rate over time with the pacer rate; time per level.
 *
 * Gaps are gaps: every time chart shades and labels them (`data-span="gap"`), and no line is drawn
 * across one. The coherence chart draws only the scored points (`coherenceScoredMask`, the same
 * points as the time in level) and shades the time not scored; the level bar has "not scored" as
 * its own part, so chart, bar and key figures tell the same story.
 */
import { COHERENCE_LEVEL_THRESHOLDS } from '../dsp/coherence.js';
import { coherenceScoredMask, coherenceStepSec } from '../dsp/sessionMetrics.js';
import { DEFAULT_HRV_FREQUENCY_SETTINGS } from '../dsp/hrvFrequency.js';
import type { AnalysisResult } from '../dsp/types.js';
import { nnSpectrumAt } from '../ipc/NnSpectrum.js';
import { inhaleSpans, timelineOfSchedule } from '../ipc/pacerTimeline.js';
import { PacerSchedule } from '../pacer/pacerSchedule.js';
import type { PacerSettings } from '../pacer/pacerSettings.js';
import { stackedBar } from './charts/barChart.js';
import { timeTicksSec } from './charts/chartScale.js';
import { CHART_COLORS, type XMarker, type XSpan } from './charts/chartTypes.js';
import { lineChart } from './charts/lineChart.js';
import { spectrumChart } from './charts/spectrumChart.js';
import type { ReportFormat } from './reportFormat.js';
import type { ReportMessages } from './reportMessages.js';
import type { SessionReportInput } from './reportTypes.js';
import type { SessionMetrics } from '../dsp/sessionMetrics.js';

/** `pacerScheduleOf` — the pacer over the session: start settings at t = 0, then each change (null: no pacer). */
export function pacerScheduleOf(pacer: PacerSettings | null, changes: readonly { tSec: number; settings: PacerSettings }[]): PacerSchedule | null {
  let schedule: PacerSchedule | null = null;
  if (pacer) {
    const s = PacerSchedule.create(pacer, 0);
    if (!('error' in s)) schedule = s;
  }
  for (const c of [...changes].sort((a, b) => a.tSec - b.tSec)) {
    if (!schedule) {
      const s = PacerSchedule.create(c.settings, c.tSec);
      if (!('error' in s)) schedule = s;
    } else schedule.change(c.settings, c.tSec);
  }
  return schedule;
}

export interface SessionChartContext {
  input: SessionReportInput;
  result: AnalysisResult;
  metrics: SessionMetrics;
  /** Session-clock time of the analysis' t = 0. */
  offsetSec: number;
  /** Session-clock end of the charts' time axis. */
  endSec: number;
  schedule: PacerSchedule | null;
  fmt: ReportFormat;
  m: ReportMessages;
}

/** The time axis shared by the session's time charts. */
function timeAxis(c: SessionChartContext): { xDomain: [number, number]; xTicks: number[]; xTickFormat: (v: number) => string; xLabel: string } {
  return {
    xDomain: [0, c.endSec],
    xTicks: timeTicksSec(0, c.endSec, 9),
    xTickFormat: (v) => c.fmt.clock(v),
    xLabel: c.m.timeAxis,
  };
}

/** Markers numbered 1… in time order (the numbers match the markers table). */
export function markerLines(markers: SessionReportInput['markers']): XMarker[] {
  return [...markers].sort((a, b) => a.tSec - b.tSec).map((mk, i) => ({ x: mk.tSec, label: String(i + 1) }));
}

function inhaleShading(c: SessionChartContext): XSpan[] {
  if (!c.schedule) return [];
  const flat = inhaleSpans(timelineOfSchedule(c.schedule, 0, 0), 0, c.endSec);
  const spans: XSpan[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) spans.push({ from: flat[i]!, to: flat[i + 1]!, color: CHART_COLORS.inhale });
  return spans;
}

/** The stretches without usable signal on the session clock: the analysis' unusable stretches and the gaps recorded live. */
export function gapSpans(c: Pick<SessionChartContext, 'result' | 'input' | 'offsetSec'>): { from: number; to: number }[] {
  const spans = (c.result.signal?.gaps ?? []).map((g) => ({ from: g.startSec + c.offsetSec, to: g.endSec + c.offsetSec }));
  for (const g of c.input.gaps) spans.push({ from: g.startSec, to: g.endSec });
  return spans.filter((g) => g.to > g.from).sort((a, b) => a.from - b.from);
}

function gapShading(c: SessionChartContext, label = true): XSpan[] {
  return gapSpans(c).map((g) => ({ ...g, color: CHART_COLORS.gap, kind: 'gap', label: label ? c.m.gapSpanLabel : undefined }));
}

/**
 * The session-clock spans without a coherence score: [0, endSec] minus the seconds of the scored
 * points (each covers the `stepSec` before its window end).
 */
export function notScoredSpans(c: Pick<SessionChartContext, 'result' | 'offsetSec' | 'endSec'>): { from: number; to: number }[] {
  const series = c.result.coherence.series;
  const step = coherenceStepSec(series);
  const mask = coherenceScoredMask(c.result);
  const out: { from: number; to: number }[] = [];
  let from = 0;
  series.forEach((p, i) => {
    if (!mask[i]) return;
    const a = p.tSec + c.offsetSec - step;
    if (a - from > 1e-6) out.push({ from, to: a });
    from = Math.max(from, p.tSec + c.offsetSec);
  });
  if (c.endSec - from > 1e-6) out.push({ from, to: c.endSec });
  return out;
}

/** HR tachogram: 60000 / NN per beat, broken at holes > 3 s. */
export function hrChart(c: SessionChartContext): string {
  const { nn } = c.result;
  const x = nn.tSec.map((t) => t + c.offsetSec);
  const y = nn.ibiMs.map((v) => (v > 0 ? 60000 / v : null));
  const inhale = inhaleShading(c);
  const gaps = gapShading(c);
  const markers = markerLines(c.input.markers);
  return lineChart({
    ariaLabel: c.m.hrChartTitle,
    height: 190,
    ...timeAxis(c),
    yLabel: c.m.hrAxis,
    yTickFormat: (v) => c.fmt.numShort(v, 0),
    series: [{ x, y, color: CHART_COLORS.hr, widthPx: 1.3, maxGapX: 3, breaks: gaps, id: 'hr' }],
    xSpans: [...inhale, ...gaps],
    markers,
    legend: [
      { label: c.m.hrAxis, color: CHART_COLORS.hr, kind: 'line' },
      ...(inhale.length ? [{ label: c.m.inhaleLegend, color: CHART_COLORS.inhale, kind: 'box' as const }] : []),
      ...(gaps.length ? [{ label: c.m.gapLegend, color: CHART_COLORS.gap, kind: 'box' as const }] : []),
      ...(markers.length ? [{ label: c.m.markerLegend, color: CHART_COLORS.marker, kind: 'dash' as const }] : []),
    ],
    emptyText: c.m.notEnoughData,
  });
}

/**
 * Coherence ratio over time on the low/medium/high bands: only the scored points (a point without
 * usable signal is not drawn, as it is not counted in the time in level); the time not scored and
 * the gaps shaded.
 */
export function coherenceChart(c: SessionChartContext): string {
  const s = c.result.coherence.series;
  const mask = coherenceScoredMask(c.result);
  const y = s.map((p, i) => (mask[i] ? p.ratio : null));
  const levels = (c.result.settings.coherence as { levels?: { mediumFrom?: number; highFrom?: number } } | undefined)?.levels;
  const medium = levels?.mediumFrom ?? COHERENCE_LEVEL_THRESHOLDS.mediumFrom;
  const high = levels?.highFrom ?? COHERENCE_LEVEL_THRESHOLDS.highFrom;
  const top = Math.max(high + 1, ...y.map((r) => (r !== null && Number.isFinite(r) ? r * 1.08 : 0)));
  const gaps = gapShading(c, false);
  const notScored: XSpan[] = notScoredSpans(c).map((g) => ({ ...g, color: CHART_COLORS.notScored, kind: 'not-scored', label: c.m.notScoredName }));
  return lineChart({
    ariaLabel: c.m.coherenceChartTitle,
    height: 150,
    ...timeAxis(c),
    yLabel: c.m.coherenceAxis,
    yDomain: [0, Math.ceil(top)],
    yTickFormat: (v) => c.fmt.numShort(v, 1),
    series: [{ x: s.map((p) => p.tSec + c.offsetSec), y, color: CHART_COLORS.coherence, widthPx: 1.4, maxGapX: 5, breaks: gaps, id: 'coherence' }],
    yBands: [
      { from: 0, to: medium, color: CHART_COLORS.low, label: c.m.levelNames.low },
      { from: medium, to: high, color: CHART_COLORS.medium, label: c.m.levelNames.medium },
      { from: high, to: Math.ceil(top), color: CHART_COLORS.high, label: c.m.levelNames.high },
    ],
    xSpans: [...notScored, ...gaps],
    markers: markerLines(c.input.markers),
    legend: [
      ...(notScored.length ? [{ label: c.m.notScoredName, color: CHART_COLORS.notScored, kind: 'box' as const }] : []),
      ...(gaps.length ? [{ label: c.m.gapLegend, color: CHART_COLORS.gap, kind: 'box' as const }] : []),
    ],
    emptyText: c.m.notEnoughData,
  });
}

/** The best 64 s window (highest coherence ratio) on the session clock, or null. */
export function bestWindow(c: Pick<SessionChartContext, 'metrics' | 'offsetSec'>): { fromSec: number; toSec: number; endAnalysisSec: number } | null {
  const t = c.metrics.coherencePeakTSec;
  if (t === null) return null;
  return { fromSec: t - 64 + c.offsetSec, toSec: t + c.offsetSec, endAnalysisSec: t };
}

/** Spectrum of the best 64 s with the frequency bands shaded and the coherence peak marked. */
export function spectrumOfBest(c: SessionChartContext): { title: string; svg: string } {
  const best = bestWindow(c);
  const spec = best ? nnSpectrumAt(c.result.nn.tSec, c.result.nn.ibiMs, best.endAnalysisSec) : null;
  const f = (c.result.settings.hrvFrequency as Partial<typeof DEFAULT_HRV_FREQUENCY_SETTINGS> | undefined) ?? {};
  const vlf = f.vlfHz ?? DEFAULT_HRV_FREQUENCY_SETTINGS.vlfHz;
  const lf = f.lfHz ?? DEFAULT_HRV_FREQUENCY_SETTINGS.lfHz;
  const hf = f.hfHz ?? DEFAULT_HRV_FREQUENCY_SETTINGS.hfHz;
  const freq: number[] = [];
  const power: number[] = [];
  if (spec) for (let i = 0; i < spec.psd.length; i++) {
    freq.push(i * spec.dfHz);
    power.push(spec.psd[i]!);
  }
  const title = best ? c.m.spectrumChartTitle(c.fmt.clock(best.fromSec), c.fmt.clock(best.toSec)) : c.m.spectrumChartNoWindow;
  const svg = spectrumChart({
    ariaLabel: title,
    width: 360,
    height: 190,
    freqHz: freq,
    power,
    maxHz: 0.5,
    bands: [
      { from: vlf[0], to: vlf[1], color: CHART_COLORS.vlf, label: 'VLF' },
      { from: lf[0], to: lf[1], color: CHART_COLORS.lf, label: 'LF' },
      { from: hf[0], to: hf[1], color: CHART_COLORS.hf, label: 'HF' },
    ],
    peak: spec && spec.peakHz !== null ? { freqHz: spec.peakHz, label: c.m.spectrumPeak(c.fmt.num(spec.peakHz, 3), c.fmt.num(spec.peakHz * 60, 1)) } : null,
    xLabel: c.m.frequencyAxis,
    yLabel: c.m.powerAxis,
    xTickFormat: (v) => c.fmt.numShort(v, 2),
    yTickFormat: (v) => c.fmt.numShort(v, 0),
    emptyText: c.m.notEnoughData,
  });
  return { title, svg };
}

/** Breathing rate estimated from heart rate, with the pacer rate as a dashed step line. */
export function breathingChart(c: SessionChartContext): string {
  const s = c.result.respiration.series;
  const px: number[] = [];
  const py: number[] = [];
  if (c.schedule) {
    const segs = c.schedule.segments;
    const end = Math.min(c.schedule.endSec ?? c.endSec, c.endSec);
    for (const seg of segs) {
      if (seg.startSec >= end) break;
      px.push(seg.startSec);
      py.push(seg.settings.rateBpm);
    }
    if (px.length) {
      px.push(end);
      py.push(py[py.length - 1]!);
    }
  }
  const values = [...s.map((p) => p.rateBpm ?? 0), ...py];
  const top = Math.max(15, Math.ceil(Math.max(0, ...values) * 1.15));
  const gaps = gapShading(c);
  return lineChart({
    ariaLabel: c.m.breathingChartTitle,
    width: 360,
    height: 190,
    ...timeAxis(c),
    xTicks: timeTicksSec(0, c.endSec, 5),
    yLabel: c.m.breathingAxis,
    yDomain: [0, top],
    yTickFormat: (v) => c.fmt.numShort(v, 1),
    series: [
      ...(px.length ? [{ x: px, y: py, color: CHART_COLORS.pacer, dash: '5 3', step: true, widthPx: 1.3 }] : []),
      { x: s.map((p) => p.tSec + c.offsetSec), y: s.map((p) => p.rateBpm), color: CHART_COLORS.breathing, widthPx: 1.6, maxGapX: 15, breaks: gaps, id: 'breathing' },
    ],
    xSpans: gaps,
    legend: [
      { label: c.m.breathingLegend, color: CHART_COLORS.breathing, kind: 'line' },
      ...(px.length ? [{ label: c.m.pacerLegend, color: CHART_COLORS.pacer, kind: 'dash' as const }] : []),
      // (no room for a gap entry in this narrow chart: the tachogram's legend names the same colour)
    ],
    emptyText: c.m.notEnoughData,
  });
}

/** Time in the low/medium/high coherence levels and not scored, as shares of the whole session, in one bar. */
export function levelsBar(c: SessionChartContext): string {
  const { coherenceSec: sec, coherencePct: pct } = c.metrics;
  const part = (k: 'low' | 'medium' | 'high', color: string) => ({
    id: k,
    value: sec[k],
    color,
    textColor: k === 'medium' ? CHART_COLORS.text : '#ffffff',
    label: `${c.m.levelNames[k]} ${c.fmt.pct(pct[k], 0)}`,
  });
  return stackedBar({
    ariaLabel: c.m.levelsChartTitle,
    height: 46,
    parts: [
      part('low', CHART_COLORS.lowSolid),
      part('medium', CHART_COLORS.mediumSolid),
      part('high', CHART_COLORS.highSolid),
      { id: 'notScored', value: sec.notScored, color: CHART_COLORS.notScoredSolid, textColor: CHART_COLORS.text, label: `${c.m.notScoredName} ${c.fmt.pct(pct.notScored, 0)}` },
    ],
    emptyText: c.m.notEnoughData,
  });
}

/**
 * The running log of the progress report: continuous running minutes, Borg RPE (6–20) and heart
 * rate per training over the weeks (charts on a date axis), and the entries as a table with the
 * run/walk schedule. Week 1 starts at the entry's course start (or at the first entry without one).
 */
import { CHART_COLORS } from './charts/chartTypes.js';
import { lineChart } from './charts/lineChart.js';
import type { Course, IsoDate, RunningLogEntry } from '../domain/types.js';
import { dateAxis } from './progressTrends.js';
import { esc, figure, table, type Cell } from './reportHtml.js';
import { dayNumber, type ReportFormat } from './reportFormat.js';
import type { ReportMessages } from './reportMessages.js';

/** Borg RPE scale (Borg 1982). */
export const BORG_RANGE: readonly [number, number] = [6, 20];

/** Week number (1-based) of `date` counted from `startDate`. */
export function weekOf(date: IsoDate, startDate: IsoDate): number {
  return Math.floor((dayNumber(date) - dayNumber(startDate)) / 7) + 1;
}

export function runningIntervalsText(e: RunningLogEntry, fmt: ReportFormat, m: ReportMessages): string {
  return e.intervals.map((b) => m.intervalBlock(fmt.numShort(b.reps, 0), fmt.numShort(b.runMin, 1), fmt.numShort(b.walkMin, 1))).join(' + ');
}

/** Week 1 of an entry starts at the start of its treatment course, else at the first entry. */
export function runningLogSection(entries: readonly RunningLogEntry[], courses: readonly Course[], fmt: ReportFormat, m: ReportMessages): string {
  let html = `<section class="running"><h2>${esc(m.runningTitle)}</h2>`;
  if (entries.length === 0) return html + `<p class="muted">${esc(m.noRunning)}</p></section>`;
  const list = [...entries].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  const startOf = (e: RunningLogEntry): IsoDate => courses.find((c) => c.id === e.courseId)?.startDate ?? list[0]!.date;
  const days = list.map((e) => dayNumber(e.date));
  const axis = dateAxis(days, fmt);
  const y = (f: (e: RunningLogEntry) => number | null) => list.map(f);
  const minutes = lineChart({
    ariaLabel: m.runningChartTitle,
    width: 360,
    height: 150,
    ...axis,
    yDomain: [0, Math.max(20, ...list.map((e) => Math.ceil((e.continuousRunMin ?? 0) * 1.1)))],
    yTickFormat: (v) => fmt.numShort(v, 1),
    series: [{ x: days, y: y((e) => e.continuousRunMin), color: CHART_COLORS.breathing, points: true }],
    emptyText: m.notEnoughData,
  });
  const borg = lineChart({
    ariaLabel: m.borgChartTitle,
    width: 360,
    height: 150,
    ...axis,
    yDomain: [BORG_RANGE[0], BORG_RANGE[1]],
    yTicks: [6, 9, 12, 15, 18, 20],
    yTickFormat: (v) => fmt.numShort(v, 0),
    series: [{ x: days, y: y((e) => e.borg), color: CHART_COLORS.marker, points: true }],
    emptyText: m.notEnoughData,
  });
  const hr = lineChart({
    ariaLabel: m.runningHrChartTitle,
    width: 360,
    height: 150,
    ...axis,
    yTickFormat: (v) => fmt.numShort(v, 0),
    series: [
      { x: days, y: y((e) => e.hrAvgBpm), color: CHART_COLORS.hr, points: true },
      { x: days, y: y((e) => e.hrMaxBpm), color: CHART_COLORS.hr, points: true, dash: '4 3', widthPx: 1 },
    ],
    legend: [
      { label: m.hrAvg, color: CHART_COLORS.hr, kind: 'line' },
      { label: m.hrMax, color: CHART_COLORS.hr, kind: 'dash' },
    ],
    emptyText: m.notEnoughData,
  });
  html += `<div class="cols2">${figure(m.runningChartTitle, minutes, undefined, ' data-chart="running-minutes"')}${figure(m.borgChartTitle, borg, undefined, ' data-chart="running-borg"')}${figure(m.runningHrChartTitle, hr, undefined, ' data-chart="running-hr"')}</div>`;
  const rows: Cell[][] = list.map((e) => [
    { text: fmt.shortDate(e.date), cls: 'date' },
    { text: String(weekOf(e.date, startOf(e))), num: true },
    runningIntervalsText(e, fmt, m) || '—',
    { text: e.continuousRunMin === null ? '—' : `${fmt.numShort(e.continuousRunMin, 1)} ${m.units.min}`, num: true, data: { key: 'continuousRunMin', value: e.continuousRunMin === null ? '' : String(e.continuousRunMin) } },
    { text: fmt.numShort(e.borg, 0), num: true, data: { key: 'borg', value: e.borg === null ? '' : String(e.borg) } },
    { text: fmt.numShort(e.hrAvgBpm, 0), num: true },
    { text: fmt.numShort(e.hrMaxBpm, 0), num: true },
    e.notes,
  ]);
  html += table(
    [m.date, { text: m.week, num: true }, m.intervals, { text: m.continuousRun, num: true }, { text: m.borg, num: true }, { text: m.hrAvg, num: true }, { text: m.hrMax, num: true }, m.note],
    rows,
    { cls: 'running-table' },
  );
  return html + '</section>';
}

/**
 * The running part of the progress report (issue 15): the run/walk programme's weeks with the
 * sessions planned and done and the longest run planned and done; the longest continuous run and
 * the heart-rate recovery (HRR60/HRR120) per run over the dates; and the runs as a table. Shown
 * only for clients with a stored run or a programme (the running log has its own section).
 */
import { CHART_COLORS } from './charts/chartTypes.js';
import { lineChart } from './charts/lineChart.js';
import { createTranslator, type MessageParams } from '../i18n/messageFormat.js';
import type { ProgrammeStatus } from '../running/programmeProgress.js';
import type { ExertionComparison } from '../running/perceivedExertion.js';
import { dateAxis } from './progressTrends.js';
import { esc, figure, table, type Cell } from './reportHtml.js';
import { dayNumber, type ReportFormat } from './reportFormat.js';
import type { ReportLang } from './reportMessages.js';
import { runsTextsEn } from './runsTexts.en.js';
import { runsTextsNl, type RunsTextKey } from './runsTexts.nl.js';

/** One stored 'run' session, as the report needs it. */
export interface ProgressRun {
  sessionId: number;
  startedAt: string;
  durationSec: number;
  /** 'fit' | 'tcx' | 'gpx' for imports, 'live' otherwise. */
  source: string;
  runBlocks: number;
  longestRunSec: number | null;
  meanHrBpm: number | null;
  hrr60Bpm: number | null;
  hrr120Bpm: number | null;
  /** Seconds in the Borg 11–13 target zone (null without the client's zones). */
  inTargetSec: number | null;
}

export interface RunsReportInput {
  runs: ProgressRun[];
  /** Running-log entries with Borg and mean HR, against the client's zones on that date. */
  exertion?: (ExertionComparison & { date: string })[];
  programme: (ProgrammeStatus & { name: string; startDate: string }) | null;
}

const translate = createTranslator<RunsTextKey>({ nl: runsTextsNl, en: runsTextsEn });

export function runsSection(input: RunsReportInput, lang: ReportLang, fmt: ReportFormat): string {
  const t = (k: RunsTextKey, p?: MessageParams): string => translate(lang, k, p);
  const { runs, programme } = input;
  const exertion = input.exertion ?? [];
  if (runs.length === 0 && !programme && exertion.length === 0) return '';
  const min = (sec: number | null): string => (sec === null ? '—' : `${fmt.numShort(sec / 60, 1)} min`);
  const bpm = (x: number | null): string => fmt.numShort(x, 0);
  let html = `<section class="runs"><h2>${esc(t('title'))}</h2><p class="small">${esc(t('intro'))}</p>`;
  if (programme) {
    html += `<h3>${esc(t('programmeTitle'))}</h3><p class="small">${esc(t('programmeStarted', { name: programme.name, date: fmt.date(programme.startDate) }))}</p>`;
    const rows: Cell[][] = programme.weeks.map((w) => [
      { text: String(w.week), num: true },
      `${fmt.shortDate(w.fromDate)} – ${fmt.shortDate(w.toDate)}`,
      { text: String(w.planned), num: true },
      { text: String(w.done), num: true, data: { key: 'done', value: String(w.done) } },
      { text: min(w.plannedLongestRunSec), num: true },
      { text: min(w.longestRunSec), num: true, data: { key: 'longestRunSec', value: w.longestRunSec === null ? '' : String(w.longestRunSec) } },
    ]);
    html += table(
      [{ text: t('week'), num: true }, t('dates'), { text: t('planned'), num: true }, { text: t('done'), num: true }, { text: t('plannedLongest'), num: true }, { text: t('longestDone'), num: true }],
      rows,
      { cls: 'programme-table' },
    );
  }
  if (exertion.length > 0) html += exertionTable(exertion, t, fmt);
  if (runs.length === 0) return html + `<p class="muted">${esc(t('noRuns'))}</p></section>`;
  const list = [...runs].sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.sessionId - b.sessionId));
  const days = list.map((r) => dayNumber(r.startedAt.slice(0, 10)));
  const axis = dateAxis(days, fmt);
  const longest = lineChart({
    ariaLabel: t('longestChart'),
    width: 360,
    height: 150,
    ...axis,
    yDomain: [0, Math.max(10, ...list.map((r) => Math.ceil(((r.longestRunSec ?? 0) / 60) * 1.1)))],
    yTickFormat: (v) => fmt.numShort(v, 0),
    series: [{ x: days, y: list.map((r) => (r.longestRunSec === null ? null : r.longestRunSec / 60)), color: CHART_COLORS.breathing, points: true }],
    emptyText: t('notEnoughData'),
  });
  const hrr = lineChart({
    ariaLabel: t('hrrChart'),
    width: 360,
    height: 150,
    ...axis,
    yMinSpan: 20,
    yFloor: 0,
    yTickFormat: (v) => fmt.numShort(v, 0),
    series: [
      { x: days, y: list.map((r) => r.hrr60Bpm), color: CHART_COLORS.hr, points: true },
      { x: days, y: list.map((r) => r.hrr120Bpm), color: CHART_COLORS.hr, points: true, dash: '4 3', widthPx: 1 },
    ],
    legend: [
      { label: t('hrr60'), color: CHART_COLORS.hr, kind: 'line' },
      { label: t('hrr120'), color: CHART_COLORS.hr, kind: 'dash' },
    ],
    emptyText: t('notEnoughData'),
  });
  html += `<div class="cols2">${figure(t('longestChart'), longest, undefined, ' data-chart="runs-longest"')}${figure(t('hrrChart'), hrr, t('hrrMethod'), ' data-chart="runs-hrr"')}</div>`;
  const rows: Cell[][] = list.map((r) => [
    { text: fmt.shortDate(r.startedAt.slice(0, 10)), cls: 'date' },
    r.source.toUpperCase(),
    { text: fmt.duration(r.durationSec), num: true },
    { text: String(r.runBlocks), num: true },
    { text: min(r.longestRunSec), num: true, data: { key: 'longestRunSec', value: r.longestRunSec === null ? '' : String(r.longestRunSec) } },
    { text: bpm(r.meanHrBpm), num: true },
    { text: bpm(r.hrr60Bpm), num: true, data: { key: 'hrr60Bpm', value: r.hrr60Bpm === null ? '' : String(r.hrr60Bpm) } },
    { text: bpm(r.hrr120Bpm), num: true },
    { text: min(r.inTargetSec), num: true },
  ]);
  html += table(
    [t('date'), t('source'), { text: t('duration'), num: true }, { text: t('runBlocks'), num: true }, { text: t('longest'), num: true }, { text: t('meanHr'), num: true }, { text: t('hrr60'), num: true }, { text: t('hrr120'), num: true }, { text: t('inTarget'), num: true }],
    rows,
    { cls: 'runs-table' },
  );
  return html + '</section>';
}

function exertionTable(rows: (ExertionComparison & { date: string })[], t: (k: RunsTextKey, p?: MessageParams) => string, fmt: ReportFormat): string {
  const cells: Cell[][] = rows.map((r) => [
    { text: fmt.shortDate(r.date), cls: 'date' },
    { text: String(r.borg), num: true },
    t(`classes.${r.perceived}` as RunsTextKey),
    { text: fmt.numShort(r.hrBpm, 0), num: true },
    { text: fmt.numShort(r.pctHrr, 0), num: true },
    t(`classes.${r.measured}` as RunsTextKey),
    { text: t(`verdicts.${r.verdict}` as RunsTextKey), cls: `verdict-${r.verdict}`, data: { verdict: r.verdict } },
  ]);
  return (
    `<h3>${esc(t('exertionTitle'))}</h3><p class="small">${esc(t('exertionIntro'))}</p>` +
    table(
      [t('date'), { text: 'Borg', num: true }, t('perceivedClass'), { text: t('meanHr'), num: true }, { text: t('pctHrr'), num: true }, t('measuredClass'), t('verdict')],
      cells,
      { cls: 'exertion-table' },
    )
  );
}

/**
 * Questionnaire scores of the progress report: per instrument (4DKL, MVI, Nijmegen) a table of the
 * scales (with their valid ranges, from `QUESTIONNAIRE_SCALES`) × the moments they were taken, and
 * one bar chart per scale whose axis spans exactly that range, with published cut-offs shaded
 * where they exist (4DKL: Terluin et al. 2008; Nijmegen: ≥ 23, van Dixhoorn & Duivenvoorden 1985).
 */
import { barChart } from './charts/barChart.js';
import { CHART_COLORS, type YBand } from './charts/chartTypes.js';
import { QUESTIONNAIRE_SCALES } from '../domain/validateQuestionnaire.js';
import { SCALE_CUTOFFS, cutoffLevel, cutoffText } from '../domain/questionnaireCutoffs.js';
import { INSTRUMENTS, type Instrument, type QuestionnaireEntry } from '../domain/types.js';
import { esc, table, type Cell } from './reportHtml.js';
import type { ReportFormat } from './reportFormat.js';
import type { ReportMessages } from './reportMessages.js';

/** Published cut-offs (shared with the client page). */
export { SCALE_CUTOFFS };

/** Reference bands of a scale (scores are whole numbers: a band starts half a point below its cut-off). */
export function scaleBands(instrument: Instrument, key: string, max: number, m: ReportMessages): YBand[] {
  const cut = SCALE_CUTOFFS[`${instrument}.${key}`];
  if (!cut) return [];
  if (cut.length === 1) return [{ from: cut[0]! - 0.5, to: max, color: CHART_COLORS.reference, label: m.elevated }];
  return [
    { from: cut[0]! - 0.5, to: cut[1]! - 0.5, color: CHART_COLORS.reference, label: m.elevated },
    { from: cut[1]! - 0.5, to: max, color: CHART_COLORS.reference2, label: m.stronglyElevated },
  ];
}

/** Entries of one instrument in date order (then entry order). */
export function entriesOf(entries: readonly QuestionnaireEntry[], instrument: Instrument): QuestionnaireEntry[] {
  return entries.filter((e) => e.instrument === instrument).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
}

export function questionnaireSection(entries: readonly QuestionnaireEntry[], fmt: ReportFormat, m: ReportMessages): string {
  let html = `<section class="questionnaires"><h2>${esc(m.questionnairesTitle)}</h2>`;
  if (entries.length === 0) return html + `<p class="muted">${esc(m.noQuestionnaires)}</p></section>`;
  html += `<p class="small">${esc(m.questionnairesIntro)}</p>`;
  for (const instrument of INSTRUMENTS) {
    const list = entriesOf(entries, instrument);
    if (list.length === 0) continue;
    const scales = QUESTIONNAIRE_SCALES[instrument];
    html += `<div class="instrument" data-instrument="${instrument}"><h3>${esc(m.instruments[instrument])}</h3>`;
    const hasCutoffs = scales.some((sc) => cutoffText(instrument, String(sc.key)) !== '');
    const headers: Cell[] = [m.scale, { text: m.rangeHeader, num: true }, ...(hasCutoffs ? [{ text: m.cutoffHeader, num: true }] : []), ...list.map((e) => ({ text: `${m.moment(e.moment)} (${fmt.shortDate(e.date)})`, num: true }))];
    const rows: Cell[][] = scales.map((sc) => [
      m.scales[sc.key as string] ?? String(sc.key),
      { text: `${sc.min}–${sc.max}`, num: true },
      ...(hasCutoffs ? [{ text: cutoffText(instrument, String(sc.key)) || '–', num: true }] : []),
      ...list.map((e): Cell => {
        const v = (e.scores as unknown as Record<string, number>)[sc.key as string];
        const level = typeof v === 'number' ? cutoffLevel(instrument, String(sc.key), v) : null;
        return {
          text: fmt.numShort(v, 0) + (level === 2 ? ` (${m.stronglyElevated})` : level === 1 ? ` (${m.elevated})` : ''),
          num: true,
          cls: level ? 'elevated' : undefined,
          data: { scale: `${instrument}.${String(sc.key)}`, moment: e.moment, date: e.date, value: typeof v === 'number' ? String(v) : '', level: level === null ? '' : String(level) },
        };
      }),
    ]);
    html += table(headers, rows, { cls: 'questionnaire-table', rowHeaders: true });
    const charts = scales.map((sc) => {
      const key = sc.key as string;
      return barChart({
        ariaLabel: `${m.scales[key] ?? key} (${m.range(String(sc.min), String(sc.max))})`,
        title: `${m.scales[key] ?? key} (${sc.min}–${sc.max})`,
        width: 240,
        height: 165,
        categories: list.map((e) => m.moment(e.moment)),
        subLabels: list.map((e) => fmt.shortDate(e.date)),
        values: list.map((e) => {
          const v = (e.scores as unknown as Record<string, number>)[key];
          return typeof v === 'number' ? v : null;
        }),
        yDomain: [sc.min, sc.max],
        yTicks: [sc.min, Math.round((sc.min + sc.max) / 2), sc.max],
        yBands: scaleBands(instrument, key, sc.max, m),
        color: CHART_COLORS.bar,
        valueFormat: (v) => fmt.numShort(v, 0),
      });
    });
    html += `<div class="cols3 block">${charts.map((c, i) => `<figure data-chart="q-${instrument}-${String(scales[i]!.key)}">${c}</figure>`).join('')}</div>`;
    if (instrument === '4dkl') html += `<p class="small">${esc(m.reference4dkl)}</p>`;
    if (instrument === 'nq') html += `<p class="small">${esc(m.referenceNq)}</p>`;
    html += '</div>';
  }
  return html + '</section>';
}

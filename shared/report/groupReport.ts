/**
 * `renderGroupReport` — the group summary of a group session (issue 14) as one self-contained A4
 * HTML page, like the session and progress reports: the group's date, start, duration and shared
 * pacer, and per participant the time in medium/high coherence, mean heart rate and signal quality
 * (figures: groupSummary.ts). Anonymised by default ("Deelnemer 1…", no names, no client numbers,
 * no notes); the therapist's version names the participants. Cells carry the unrounded numbers in
 * `data-key` / `data-value` for tools and tests.
 */
import type { MessageParams } from '../i18n/messageFormat.js';
import { groupText, type GroupReportTextKey } from './groupReportTexts.js';
import { groupFigures, type GroupMemberFigures, type GroupReportInput } from './groupSummary.js';
import { stackedBar, type StackedPart } from './charts/barChart.js';
import { CHART_COLORS } from './charts/chartTypes.js';
import { esc, figure, metaList, multiline, reportDocument, table, type Cell } from './reportHtml.js';
import { ReportFormat } from './reportFormat.js';
import { reportMessages, type ReportLang, type ReportMessages } from './reportMessages.js';
import type { ReportOptions } from './reportTypes.js';
import { pacerText } from './sessionReport.js';

const dataValue = (x: number | null): string => (x === null || !Number.isFinite(x) ? '' : String(x));

/** A participant's label: "Deelnemer n", or in the therapist's version "Name (cliëntnr. id)". */
export function participantLabel(lang: ReportLang, m: GroupMemberFigures): string {
  return m.name !== null ? groupText(lang, 'nameWithNumber', { name: m.name, clientId: m.clientId }) : groupText(lang, 'participantN', { n: m.n });
}

function memberRow(m: GroupMemberFigures, fmt: ReportFormat, lang: ReportLang): Cell[] {
  const t = (k: GroupReportTextKey): string => groupText(lang, k);
  const early = m.status === 'interrupted' ? ` (${t('stoppedEarly')})` : '';
  const head: Cell[] = [participantLabel(lang, m), { text: fmt.duration(m.durationSec) + early, num: true, data: { key: 'durationSec', value: dataValue(m.durationSec) } }];
  if (!m.analysed) return [...head, { text: t('noAnalysis'), cls: 'muted', data: { error: m.error ?? '' } }, '', '', '', ''];
  const time = (key: string, sec: number | null, pct: number | null): Cell => ({
    text: `${fmt.duration(sec)} (${fmt.pct(pct, 0)})`,
    num: true,
    data: { key, value: dataValue(sec), pct: dataValue(pct) },
  });
  return [
    ...head,
    time('mediumSec', m.mediumSec, m.mediumPct),
    time('highSec', m.highSec, m.highPct),
    { text: fmt.pct(m.coherentPct, 0), num: true, data: { key: 'coherentPct', value: dataValue(m.coherentPct) } },
    { text: fmt.unit(m.meanHrBpm, 1, reportMessages(lang).units.bpm), num: true, data: { key: 'meanHrBpm', value: dataValue(m.meanHrBpm) } },
    { text: fmt.pct(m.signalQualityPct, 0), num: true, data: { key: 'signalQualityPct', value: dataValue(m.signalQualityPct) } },
  ];
}

/** A participant's time in each coherence level as one stacked bar (as in the session report). */
function levelsBar(x: GroupMemberFigures, fmt: ReportFormat, m: ReportMessages): string {
  const lv = x.levels!;
  const part = (k: 'low' | 'medium' | 'high', color: string): StackedPart => ({
    id: k,
    value: lv.sec[k],
    color,
    textColor: k === 'medium' ? CHART_COLORS.text : '#ffffff',
    label: `${m.levelNames[k]} ${fmt.pct(lv.pct[k], 0)}`,
  });
  return stackedBar({
    ariaLabel: m.levelsChartTitle,
    height: 40,
    parts: [
      part('low', CHART_COLORS.lowSolid),
      part('medium', CHART_COLORS.mediumSolid),
      part('high', CHART_COLORS.highSolid),
      { id: 'notScored', value: lv.sec.notScored, color: CHART_COLORS.notScoredSolid, textColor: CHART_COLORS.text, label: `${m.notScoredName} ${fmt.pct(lv.pct.notScored, 0)}` },
    ],
    emptyText: m.notEnoughData,
  });
}

/** `renderGroupReport` — see the file comment. Never throws on data (missing values print as —). */
export function renderGroupReport(input: GroupReportInput, opts: ReportOptions): string {
  const lang = opts.lang;
  const t = (k: GroupReportTextKey, p?: MessageParams): string => groupText(lang, k, p);
  const m = reportMessages(lang);
  const fmt = new ReportFormat(lang, opts.timeZone);
  const g = input.group;
  const figures = groupFigures(input);

  let body = '<section class="details block">';
  body += metaList([
    [t('group'), String(g.id)],
    [t('date'), fmt.instantDateText(g.startedAt)],
    [t('startTime'), fmt.instantTimeText(g.startedAt)],
    [t('duration'), fmt.duration(figures.durationSec)],
    [t('pacer'), g.pacer ? pacerText(g.pacer, fmt, m) : t('noPacer')],
    [t('participants'), String(figures.members.length)],
  ]);
  if (g.pacerChanges.length > 0) {
    const lines = [...g.pacerChanges].sort((a, b) => a.tSec - b.tSec).map((c) => `${m.pacerChangeAt(fmt.clock(c.tSec))}: ${pacerText(c.settings, fmt, m)}`);
    body += `<ul class="plain pacer">${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`;
  }
  body += `<p class="small privacy" data-names="${input.names ? 'yes' : 'no'}">${esc(t(input.names ? 'namesNote' : 'anonymousNote'))}</p>`;
  if (input.names && g.notes.trim()) body += `<h3>${esc(t('notes'))}</h3><p class="notes">${multiline(g.notes.trim())}</p>`;
  body += '</section>';

  body += `<section class="participants"><h2>${esc(t('participantsTitle'))}</h2>`;
  body += table(
    [
      t('participant'),
      { text: t('recorded'), num: true },
      { text: t('medium'), num: true },
      { text: t('high'), num: true },
      { text: t('coherentShare'), num: true },
      { text: t('meanHr'), num: true },
      { text: t('signalQuality'), num: true },
    ],
    figures.members.map((x) => memberRow(x, fmt, lang)),
    { cls: 'group-table', rowHeaders: true, rowData: figures.members.map((x) => ({ participant: String(x.n) })) },
  );
  body += `<p class="small">${esc(t('tableNote'))}</p>`;
  const summary =
    figures.groupCoherentPct === null ? t('groupCoherenceNone') : t('groupCoherence', { count: figures.analysedCount, pct: fmt.pct(figures.groupCoherentPct, 0) });
  body += `<p class="group-coherence" data-key="groupCoherentPct" data-value="${esc(dataValue(figures.groupCoherentPct))}">${esc(summary)}</p>`;
  body += '</section>';

  const charted = figures.members.filter((x) => x.levels !== null);
  if (charted.length > 0) {
    body += `<section class="charts"><h2>${esc(m.levelsChartTitle)}</h2>`;
    for (const x of charted) body += figure(participantLabel(lang, x), levelsBar(x, fmt, m), undefined, ` data-chart="levels" data-participant="${x.n}"`);
    body += '</section>';
  }

  const title = t(input.names ? 'titleNames' : 'title');
  const date = fmt.instantDateText(g.startedAt);
  return reportDocument({
    lang,
    kind: 'group',
    title,
    brand: m.appName,
    headerRight: [t('groupNumber', { groupId: g.id }), date, input.names ? m.confidential : t('anonymous')],
    footer: { left: `${m.appName} · ${title} · ${t('groupNumber', { groupId: g.id })} · ${date} · ${m.generatedOn(fmt.instantDateTimeText(input.generatedAt))}`, page: m.page },
    body,
  });
}

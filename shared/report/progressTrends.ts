/**
 * The session trends of the progress report: one small chart per key figure (one dot per session,
 * on a date axis, with the course's intake / mid / final evaluation dates marked) and the table of
 * sessions with the same figures. Values are the sessions' `SessionMetrics` (offline analysis).
 */
import { dayTicks } from './charts/chartScale.js';
import { CHART_COLORS, type XMarker } from './charts/chartTypes.js';
import { lineChart } from './charts/lineChart.js';
import type { Course } from '../domain/types.js';
import { esc, figure, table, type Cell } from './reportHtml.js';
import { dayNumber, type ReportFormat } from './reportFormat.js';
import type { ReportMessages } from './reportMessages.js';
import type { ProgressSession } from './reportTypes.js';
import type { SessionMetrics } from '../dsp/sessionMetrics.js';
import { TREND_MIN_SPANS } from '../charts/minSpan.js';
import { withheldReasonText } from '../dsp/hrvWithheld.js';
import { withheldReasonOf } from './withheld.js';

/** Day number (days since 1970-01-01, fractional) of an instant. */
export function dayOfInstant(t: string): number {
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? ms / 86_400_000 : NaN;
}

/**
 * The share of the whole session in medium or high coherence, % (the time not scored counts
 * against it, so a session scored for a few seconds does not read as "100 % coherent"); null when
 * nothing was scored.
 */
export function coherentSharePct(mt: SessionMetrics): number | null {
  return mt.coherenceScoredSec > 0 ? Math.round((mt.coherencePct.medium + mt.coherencePct.high) * 100) / 100 : null;
}

interface TrendSpec {
  key: string;
  title: string;
  value: (mt: SessionMetrics) => number | null;
  decimals: number;
  color: string;
  yDomain?: [number, number];
  /** Smallest y span (a 0.3 bpm change must not look like a dip). */
  yMinSpan?: number;
}

function trendSpecs(m: ReportMessages): TrendSpec[] {
  const u = m.units;
  return [
    { key: 'meanHrBpm', title: `${m.meanHr} (${u.bpm})`, value: (x) => x.meanHrBpm, decimals: 0, color: CHART_COLORS.hr, yMinSpan: TREND_MIN_SPANS.meanHrBpm },
    { key: 'rmssdMs', title: `${m.rmssd} (${u.ms})`, value: (x) => x.rmssdMs, decimals: 0, color: CHART_COLORS.pacer, yMinSpan: TREND_MIN_SPANS.rmssdMs },
    { key: 'sdnnMs', title: `${m.sdnn} (${u.ms})`, value: (x) => x.sdnnMs, decimals: 0, color: CHART_COLORS.pacer, yMinSpan: TREND_MIN_SPANS.sdnnMs },
    { key: 'coherenceMean', title: m.coherenceMean, value: (x) => x.coherenceMean, decimals: 1, color: CHART_COLORS.coherence, yMinSpan: TREND_MIN_SPANS.coherenceMean },
    { key: 'coherentSharePct', title: m.coherentShare, value: coherentSharePct, decimals: 0, color: CHART_COLORS.highSolid, yDomain: [0, 100] },
    { key: 'breathingRateBpm', title: `${m.breathingRate} (${u.breathsPerMin})`, value: (x) => x.breathingRateBpm, decimals: 1, color: CHART_COLORS.breathing, yMinSpan: TREND_MIN_SPANS.breathingRateBpm },
  ];
}

/** Evaluation dates of the course(s) as markers: I (intake), M (mid), E/F (final). */
export function courseMarkers(courses: readonly Course[], m: ReportMessages): XMarker[] {
  const out: XMarker[] = [];
  for (const c of courses) {
    if (c.intakeDate) out.push({ x: dayNumber(c.intakeDate), label: m.intakeDate.slice(0, 1), color: CHART_COLORS.axis });
    if (c.midEvaluationDate) out.push({ x: dayNumber(c.midEvaluationDate), label: m.midDate.slice(0, 1), color: CHART_COLORS.axis });
    if (c.finalEvaluationDate) out.push({ x: dayNumber(c.finalEvaluationDate), label: m.finalDate.slice(0, 1), color: CHART_COLORS.axis });
  }
  return out;
}

/** Below this span of session dates (days) the trend charts number the sessions instead of using a date axis. */
export const MIN_DATE_AXIS_DAYS = 3;

/** A date x axis covering the days (and markers), padded by half a day. */
export function dateAxis(days: number[], fmt: ReportFormat): { xDomain: [number, number]; xTicks: number[]; xTickFormat: (v: number) => string } {
  const finite = days.filter(Number.isFinite);
  const lo = Math.floor(Math.min(...finite)) - 0.5;
  const hi = Math.ceil(Math.max(...finite)) + 0.5;
  const start = Math.ceil(lo);
  return { xDomain: [lo, hi], xTicks: dayTicks(start, Math.floor(hi), 5), xTickFormat: (v) => fmt.dayMonthOfDay(v) };
}

export function trendSection(sessions: readonly ProgressSession[], courses: readonly Course[], fmt: ReportFormat, m: ReportMessages): string {
  let html = `<section class="trends"><h2>${esc(m.trendTitle)}</h2>`;
  const analysed = sessions.filter((s) => s.metrics !== null);
  if (sessions.length === 0) return html + `<p class="muted">${esc(m.noSessions)}</p></section>`;
  html += `<p class="small">${esc(m.trendIntro)}</p>`;
  const days = analysed.map((s) => dayOfInstant(s.startedAt));
  const span = days.length ? Math.max(...days) - Math.min(...days) : 0;
  const byDate = span >= MIN_DATE_AXIS_DAYS;
  const markers = byDate ? courseMarkers(courses, m) : [];
  const xs = byDate ? days : analysed.map((_, i) => i + 1);
  const axis = byDate
    ? dateAxis([...days, ...markers.map((mk) => mk.x)], fmt)
    : {
        xDomain: [0.5, Math.max(1, analysed.length) + 0.5] as [number, number],
        xTicks: analysed.map((_, i) => i + 1).filter((i) => analysed.length <= 12 || i % Math.ceil(analysed.length / 12) === 1),
        xTickFormat: (v: number) => String(v),
        xLabel: m.sessionNumberAxis,
      };
  html += '<div class="cols2">';
  for (const spec of trendSpecs(m)) {
    const svg = lineChart({
      ariaLabel: spec.title,
      width: 360,
      height: 150,
      ...axis,
      yDomain: spec.yDomain,
      yMinSpan: spec.yMinSpan,
      yFloor: 0,
      yTickFormat: (v) => fmt.numShort(v, 2),
      series: [{ x: xs, y: analysed.map((s) => spec.value(s.metrics!)), color: spec.color, points: true, widthPx: 1.2 }],
      markers,
      emptyText: m.notEnoughData,
    });
    html += figure(spec.title, svg, undefined, ` data-chart="trend-${spec.key}"`);
  }
  html += '</div></section>';
  return html;
}

export function sessionsTable(sessions: readonly ProgressSession[], fmt: ReportFormat, m: ReportMessages): string {
  let html = `<section class="sessions"><h2>${esc(m.sessionsTableTitle)}</h2>`;
  if (sessions.length === 0) return html + `<p class="muted">${esc(m.noSessions)}</p></section>`;
  const notes: string[] = [];
  const n = (key: string, raw: number | null, text: string): Cell => ({ text, num: true, data: { key, value: raw === null ? '' : String(raw) } });
  // A withheld figure: no number, greyed, with a numbered note giving the reason.
  const hrv = (s: ProgressSession, mt: SessionMetrics, key: 'meanHrBpm' | 'rmssdMs' | 'sdnnMs' | 'lfHf', d: number): Cell => {
    const reason = withheldReasonOf(mt.hrvWithheld, key);
    if (!reason) return n(key, mt[key], fmt.num(mt[key], d));
    notes.push(m.withheldFootnote(fmt.shortDate(fmt.localDateOf(s.startedAt)), m.hrvNames[key], withheldReasonText(reason, m.lang)));
    return { html: `<span class="withheld">—<sup>${notes.length}</sup></span>`, num: true, cls: 'withheld', data: { key, value: '', withheld: reason } };
  };
  const rows: Cell[][] = sessions.map((s) => {
    const mt = s.metrics;
    const head: Cell[] = [
      { text: fmt.shortDate(fmt.localDateOf(s.startedAt)), cls: 'date' },
      m.sessionTypes[s.type] ?? s.type,
      { text: fmt.duration(s.durationSec), num: true },
    ];
    if (!mt) return [...head, { text: m.sessionAnalysisFailed, cls: 'muted', data: { error: s.error ?? '' } }, '', '', '', '', '', '', '', ''];
    const share = coherentSharePct(mt);
    return [
      ...head,
      hrv(s, mt, 'meanHrBpm', 1),
      hrv(s, mt, 'rmssdMs', 1),
      hrv(s, mt, 'sdnnMs', 1),
      hrv(s, mt, 'lfHf', 2),
      n('coherenceMean', mt.coherenceMean, fmt.num(mt.coherenceMean, 2)),
      n('coherentSharePct', share, fmt.pct(share, 0)),
      n('coherenceNotScoredPct', mt.coherencePct.notScored, fmt.pct(mt.coherencePct.notScored, 0)),
      n('breathingRateBpm', mt.breathingRateBpm, fmt.num(mt.breathingRateBpm, 1)),
      n('signalQualityPct', mt.signalQualityPct, fmt.pct(mt.signalQualityPct, 0)),
    ];
  });
  const u = m.units;
  const headers: Cell[] = [
    m.date,
    m.sessionType,
    { text: m.duration, num: true },
    { text: `${m.hrShort} (${u.bpm})`, num: true },
    { text: `RMSSD (${u.ms})`, num: true },
    { text: `SDNN (${u.ms})`, num: true },
    { text: 'LF/HF', num: true },
    { text: m.coherenceMean, num: true },
    { text: m.coherentShare, num: true },
    { text: m.notScoredShare, num: true },
    { text: `${m.breathingRate} (${u.perMin})`, num: true },
    { text: m.signalQuality, num: true },
  ];
  html += table(headers, rows, { cls: 'sessions-table', rowData: sessions.map((s) => ({ 'session-id': String(s.id) })) });
  if (notes.length) html += `<ol class="small withheld-notes">${notes.map((t) => `<li>${esc(t)}</li>`).join('')}</ol>`;
  return html + '</section>';
}

/**
 * `renderSessionReport` — the session report as one self-contained HTML page (inline CSS and SVG,
 * no script, no external reference; A4 print layout): client and session details, pacer settings
 * and changes, a plain-language summary for the client, the key figures, the charts, markers,
 * notes, signal gaps and the analysis settings. Every number comes from `input.analysis.result`
 * (the offline analysis of the stored signal); the key-figure cells carry it unrounded in
 * `data-key` / `data-value` so tools and tests can compare it with `cadans analyze`.
 */
import { runSessionSection } from './runSessionSection.js';
import { withheldReasonText } from '../dsp/hrvWithheld.js';
import type { AnalysisResult } from '../dsp/types.js';
import type { PacerSettings } from '../pacer/pacerSettings.js';
import { clientSummaryFacts } from './clientSummary.js';
import { esc, figure, metaList, multiline, paragraphs, reportDocument, table, type Cell } from './reportHtml.js';
import { ReportFormat } from './reportFormat.js';
import { resonanceSection } from './resonanceSection.js';
import { reportMessages, type ReportMessages } from './reportMessages.js';
import type { ReportOptions, SessionReportInput } from './reportTypes.js';
import { sessionMetrics, type SessionMetrics } from '../dsp/sessionMetrics.js';
import { sessionSettingsRows } from './sessionSettings.js';
import { withheldEntries, withheldReasonOf } from './withheld.js';
import {
  breathingChart,
  coherenceChart,
  hrChart,
  levelsBar,
  pacerScheduleOf,
  spectrumOfBest,
  type SessionChartContext,
} from './sessionCharts.js';
import { gapReasonText, sensorLabelText } from '../i18n/sessionTexts.js';
import { analysisRefusalText } from '../i18n/analysisRefusalText.js';
import { groupText } from './groupReportTexts.js';

/** One pacer setting as text: "6 ademhalingen/min · in : uit 40 : 60 · …". */
export function pacerText(p: PacerSettings, fmt: ReportFormat, m: ReportMessages): string {
  const parts = [m.pacerRate(fmt.numShort(p.rateBpm, 2))];
  const inPct = Math.round(p.inhaleFraction * 100);
  parts.push(m.pacerRatio(String(inPct), String(100 - inPct)));
  if ((p.holdInSec ?? 0) > 0 || (p.holdOutSec ?? 0) > 0) parts.push(m.pacerHolds(fmt.numShort(p.holdInSec ?? 0, 1), fmt.numShort(p.holdOutSec ?? 0, 1)));
  if (p.durationSec !== undefined) parts.push(m.pacerDuration(fmt.duration(p.durationSec)));
  return parts.join(' · ');
}

const dataValue = (x: number | null | undefined): string => (typeof x === 'number' && Number.isFinite(x) ? String(x) : '');

/**
 * The key-figures table (value cells carry data-key / data-value). A figure listed in
 * `hrvWithheld` shows no number: its cell is greyed (class `withheld`, `data-withheld` = the reason
 * code) and the meaning column gives the reason in the report's language. Time in level is a share
 * of the whole session, with the time not scored as its own row.
 */
function keyFigures(mt: SessionMetrics, fmt: ReportFormat, m: ReportMessages): string {
  const u = m.units;
  const row = (key: string, label: string, value: string, raw: number | null, hint: string, extra: Record<string, string> = {}): Cell[] => {
    const reason = withheldReasonOf(mt.hrvWithheld, key);
    if (reason) {
      const why = withheldReasonText(reason, m.lang);
      return [label, { text: m.withheldValue, num: true, cls: 'withheld', data: { key, value: '', withheld: reason } }, { text: why, cls: 'hint withheld' }];
    }
    return [label, { text: value, num: true, data: { key, value: dataValue(raw), ...extra } }, { text: hint, cls: 'hint' }];
  };
  const timeRow = (k: 'low' | 'medium' | 'high' | 'notScored', label: string, hint: string): Cell[] =>
    row(`coherenceSec.${k}`, label, `${fmt.duration(mt.coherenceSec[k])} (${fmt.pct(mt.coherencePct[k], 0)})`, mt.coherenceSec[k], hint, {
      pct: dataValue(mt.coherencePct[k]),
    });
  const levelRow = (k: 'low' | 'medium' | 'high'): Cell[] => timeRow(k, m.timeInLevel(m.levels[k]), m.hints.timeInLevel);
  const lfPeak = mt.lfPeakHz === null ? fmt.num(null) : `${fmt.unit(mt.lfPeakHz, 3, u.hz)} ${m.lfPeakPerMin(fmt.num(mt.lfPeakHz * 60, 1))}`;
  const rows: Cell[][] = [
    row('meanHrBpm', m.meanHr, fmt.unit(mt.meanHrBpm, 1, u.bpm), mt.meanHrBpm, m.hints.meanHr),
    row('rmssdMs', m.rmssd, fmt.unit(mt.rmssdMs, 1, u.ms), mt.rmssdMs, m.hints.rmssd),
    row('sdnnMs', m.sdnn, fmt.unit(mt.sdnnMs, 1, u.ms), mt.sdnnMs, m.hints.sdnn),
    row('pnn50Pct', m.pnn50, fmt.pct(mt.pnn50Pct, 1), mt.pnn50Pct, m.hints.pnn50),
    row('lfHf', m.lfHf, fmt.num(mt.lfHf, 2), mt.lfHf, m.hints.lfHf),
    row('lfPeakHz', m.lfPeak, lfPeak, mt.lfPeakHz, m.hints.lfPeak),
    row('lfMs2', m.lfPower, fmt.unit(mt.lfMs2, 0, u.ms2), mt.lfMs2, ''),
    row('hfMs2', m.hfPower, fmt.unit(mt.hfMs2, 0, u.ms2), mt.hfMs2, ''),
    row('coherenceMean', m.coherenceMean, fmt.num(mt.coherenceMean, 2), mt.coherenceMean, m.hints.coherence),
    row('coherencePeak', m.coherencePeak, fmt.num(mt.coherencePeak, 2), mt.coherencePeak, ''),
    levelRow('high'),
    levelRow('medium'),
    levelRow('low'),
    timeRow('notScored', m.timeNotScored, m.hints.notScored),
    row('breathingRateBpm', m.breathingRate, fmt.unit(mt.breathingRateBpm, 1, u.breathsPerMin), mt.breathingRateBpm, m.hints.breathingRate),
    row('correctedPct', m.beatsCorrected, m.correctedOf(fmt.numShort(mt.correctedBeats, 0), fmt.pct(mt.correctedPct, 1)), mt.correctedPct, m.hints.beatsCorrected, {
      count: String(mt.correctedBeats),
    }),
    row('signalQualityPct', m.signalQuality, fmt.pct(mt.signalQualityPct, 1), mt.signalQualityPct, m.hints.signalQuality),
    row('beats', m.beatsDetected, fmt.numShort(mt.beats, 0), mt.beats, ''),
    row('analyzedSec', m.analysedDuration, fmt.duration(mt.analyzedSec), mt.analyzedSec, ''),
  ];
  return table([m.measure, { text: m.value, num: true }, m.meaning], rows, { cls: 'key-figures', rowHeaders: true }) + withheldList(mt, m);
}

/** Every withheld figure with its reason (also those the table has no row for, e.g. VLF power). */
function withheldList(mt: SessionMetrics, m: ReportMessages): string {
  const entries = withheldEntries(mt.hrvWithheld);
  if (entries.length === 0) return '';
  const items = entries.map(
    (e) => `<li data-withheld-key="${esc(e.key)}" data-withheld="${esc(e.reason)}"><span class="withheld">${esc(m.hrvNames[e.key])}: ${esc(withheldReasonText(e.reason, m.lang))}</span></li>`,
  );
  return `<div class="withheld-list block"><h3>${esc(m.withheldTitle)}</h3><p class="small">${esc(m.withheldIntro)}</p><ul class="plain">${items.join('')}</ul></div>`;
}

function markersSection(input: SessionReportInput, fmt: ReportFormat, m: ReportMessages): string {
  const sorted = [...input.markers].sort((a, b) => a.tSec - b.tSec);
  let html = `<h2>${esc(m.markersTitle)}</h2>`;
  if (sorted.length === 0) html += `<p class="muted">${esc(m.noneRecorded)}</p>`;
  else {
    html += table(
      ['#', { text: m.time, num: true }, m.kind, m.note],
      sorted.map((mk, i) => [String(i + 1), { text: fmt.clock(mk.tSec), num: true }, m.markerKinds[mk.kind] ?? mk.kind, mk.note]),
      { cls: 'markers' },
    );
  }
  if (input.session.notes.trim()) html += `<h3>${esc(m.notesTitle)}</h3><p class="notes">${multiline(input.session.notes.trim())}</p>`;
  return html;
}

function gapsSection(input: SessionReportInput, result: AnalysisResult | null, offsetSec: number, fmt: ReportFormat, m: ReportMessages): string {
  const rows: { from: number; to: number; reason: string }[] = input.gaps.map((g) => ({ from: g.startSec, to: g.endSec, reason: gapReasonText(m.lang, g.reason) }));
  for (const g of result?.signal?.gaps ?? []) rows.push({ from: g.startSec + offsetSec, to: g.endSec + offsetSec, reason: m.gapLegend });
  if (rows.length === 0) return '';
  rows.sort((a, b) => a.from - b.from);
  return (
    `<h3>${esc(m.gapsTitle)}</h3>` +
    table(
      [{ text: m.from, num: true }, { text: m.to, num: true }, { text: m.duration, num: true }, m.reason],
      rows.map((r) => [{ text: fmt.clock(r.from), num: true }, { text: fmt.clock(r.to), num: true }, { text: fmt.duration(r.to - r.from), num: true }, r.reason]),
      { cls: 'gaps' },
    )
  );
}

function pacerSection(input: SessionReportInput, fmt: ReportFormat, m: ReportMessages): string {
  const html = `<h3>${esc(m.pacerTitle)}</h3>`;
  if (!input.pacer && input.pacerChanges.length === 0) return html + `<p class="muted">${esc(m.noPacer)}</p>`;
  const lines: string[] = [];
  if (input.pacer) lines.push(`${m.pacerChangeAt(fmt.clock(0))}: ${pacerText(input.pacer, fmt, m)}`);
  for (const c of [...input.pacerChanges].sort((a, b) => a.tSec - b.tSec)) lines.push(`${m.pacerChangeAt(fmt.clock(c.tSec))}: ${pacerText(c.settings, fmt, m)}`);
  if (input.pacerChanges.length === 0) lines.push(m.pacerChangesNone);
  return html + `<ul class="plain pacer">${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`;
}

/** `renderSessionReport` — see the file comment. Never throws on data (missing values print as —). */
export function renderSessionReport(input: SessionReportInput, opts: ReportOptions): string {
  const m = reportMessages(opts.lang);
  const fmt = new ReportFormat(opts.lang, opts.timeZone);
  const s = input.session;
  const analysis = input.analysis.method === 'none' ? null : input.analysis;
  const result = analysis?.result ?? null;
  const offsetSec = analysis?.timeOffsetSec ?? 0;
  const metrics = result ? sessionMetrics(result) : null;

  let body = '<section class="details block">';
  body += metaList([
    [m.client, `${input.client.name} (${m.clientNumber} ${input.client.id})`],
    [m.dateOfBirth, input.client.dateOfBirth ? fmt.date(input.client.dateOfBirth) : null],
    [m.complaint, input.client.complaint ?? null],
    [m.sessionNumber, String(s.id)],
    [m.date, fmt.instantDateText(s.startedAt)],
    [m.startTime, fmt.instantTimeText(s.startedAt)],
    [m.sessionType, m.sessionTypes[s.type] ?? s.type],
    [m.duration, fmt.duration(s.durationSec)],
    [m.status, m.statuses[s.status] ?? s.status],
    [m.sensor, sensorLabelText(m.lang, s.sensorLabel, s.sensorSpec)],
    [m.sampleRate, s.fsHz ? `${fmt.numShort(s.fsHz, 1)} Hz` : m.intervalsOnly],
    [
      m.heartMathCoherence,
      s.heartMath && s.heartMath.meanCoherence !== null
        ? `${fmt.numShort(s.heartMath.meanCoherence, 1)} (${s.heartMath.scores} × 5 s)` +
          (s.heartMath.accumulated !== null ? ` · ${m.heartMathAccumulated} ${fmt.numShort(s.heartMath.accumulated, 1)}` : '')
        : null,
    ],
    [m.course, s.courseStartDate ? `${m.courseStart} ${fmt.date(s.courseStartDate)}` : null],
  ]);
  if (s.group) body += `<p class="group-session" data-group-id="${s.group.id}">${esc(groupText(opts.lang, 'sessionLine', { groupId: s.group.id, count: s.group.participants }))}</p>`;
  body += pacerSection(input, fmt, m);
  body += '</section>';

  if (metrics && result) {
    const schedule = pacerScheduleOf(input.pacer, input.pacerChanges);
    const endSec = Math.max(s.durationSec, result.durationSec + offsetSec, 1);
    const ctx: SessionChartContext = { input, result, metrics, offsetSec, endSec, schedule, fmt, m };
    const facts = clientSummaryFacts(metrics, input.pacer ?? input.pacerChanges[0]?.settings ?? null, fmt);
    body += `<section class="client-summary block"><h2>${esc(m.clientSummaryTitle)}</h2><div class="summary">${paragraphs(m.clientSummary(facts))}</div></section>`;
    body += `<section class="figures"><h2>${esc(m.keyFiguresTitle)}</h2>${keyFigures(metrics, fmt, m)}</section>`;
    body += `<section class="charts"><h2>${esc(m.chartsTitle)}</h2>`;
    body += figure(m.hrChartTitle, hrChart(ctx), undefined, ' data-chart="hr"');
    body += figure(m.coherenceChartTitle, coherenceChart(ctx), undefined, ' data-chart="coherence"');
    body += figure(m.levelsChartTitle, levelsBar(ctx), undefined, ' data-chart="levels"');
    const spec = spectrumOfBest(ctx);
    body += `<div class="cols2">${figure(spec.title, spec.svg, undefined, ' data-chart="spectrum"')}${figure(m.breathingChartTitle, breathingChart(ctx), undefined, ' data-chart="breathing"')}</div>`;
    body += '</section>';
  } else if (input.run) {
    body += runSessionSection(input.run, opts.lang, fmt);
  } else {
    const reason = input.analysis.method === 'none' ? analysisRefusalText(opts.lang, input.analysis) : '';
    body += `<section class="figures"><h2>${esc(m.keyFiguresTitle)}</h2><p class="warn analysis-error">${esc(m.analysisFailed(reason))}</p></section>`;
  }

  // The per-step HR charts of a resonance assessment take the analysed NN series, on the session clock.
  const stepBeats = result ? { tSec: result.nn.tSec.map((t) => t + offsetSec), ibiMs: result.nn.ibiMs } : null;
  body += resonanceSection(input.resonance, fmt, opts.lang, stepBeats);
  body += `<section class="markers block">${markersSection(input, fmt, m)}${gapsSection(input, result, offsetSec, fmt, m)}</section>`;
  if (analysis) {
    body += `<section class="settings page-break"><h2>${esc(m.appendixTitle)}: ${esc(m.settingsTitle)}</h2><p class="small">${esc(m.settingsIntro)}</p>`;
    body += table([m.settingStep, m.settingValue, m.technicalDescription], sessionSettingsRows(analysis.method, analysis.result, fmt, m), { cls: 'settings', rowHeaders: true });
    body += '</section>';
  }

  const title = m.sessionReportTitle;
  return reportDocument({
    lang: opts.lang,
    kind: 'session',
    title,
    brand: m.appName,
    headerRight: [`${input.client.name} · ${m.session} ${s.id}`, fmt.instantDateText(s.startedAt), m.confidential],
    footer: { left: `${m.appName} · ${title} · ${input.client.name} · ${fmt.instantDateText(s.startedAt)} · ${m.generatedOn(fmt.instantDateTimeText(input.generatedAt))}`, page: m.page },
    body,
  });
}

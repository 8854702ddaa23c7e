/**
 * The body of a run session's report (issue 15) in place of the HRV analysis a run does not have:
 * key figures (duration, running and walking time, longest continuous run, mean and highest heart
 * rate, heart-rate recovery with its method), the heart rate over the session with the run blocks
 * shaded and the Borg 11–13 target zone as a band, the client's Karvonen zones with the time spent
 * in each, and the blocks as a table.
 */
import { CHART_COLORS } from './charts/chartTypes.js';
import { lineChart } from './charts/lineChart.js';
import { createTranslator, type MessageParams } from '../i18n/messageFormat.js';
import type { RunSummary } from '../running/runAnalysis.js';
import { esc, figure, metaList, table, type Cell } from './reportHtml.js';
import type { ReportFormat } from './reportFormat.js';
import type { ReportLang } from './reportMessages.js';
import { runsTextsEn } from './runsTexts.en.js';
import { runsTextsNl, type RunsTextKey } from './runsTexts.nl.js';

const translate = createTranslator<RunsTextKey>({ nl: runsTextsNl, en: runsTextsEn });

export interface RunSessionReport {
  summary: RunSummary;
  /** The stored 1-Hz heart rate (sample i at i s; NaN = none). */
  hrBpm: ArrayLike<number>;
}

export function runSessionSection(run: RunSessionReport, lang: ReportLang, fmt: ReportFormat): string {
  const t = (k: RunsTextKey, p?: MessageParams): string => translate(lang, k, p);
  const s = run.summary;
  const bpm = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${fmt.numShort(x, 0)} /min`);
  const hrr = s.hrr.hrr60Bpm === null && s.hrr.hrr120Bpm === null
    ? t('hrrNone')
    : t('hrrValue', { hrr60: fmt.numShort(s.hrr.hrr60Bpm, 0), hrr120: fmt.numShort(s.hrr.hrr120Bpm, 0), peak: fmt.numShort(s.hrr.peakHrBpm, 0) });
  let html = `<section class="figures run-figures"><h2>${esc(t('sessionTitle'))}</h2>`;
  html += metaList([
    [t('duration'), fmt.duration(s.durationSec)],
    [t('runTime'), fmt.duration(s.runSec)],
    [t('runBlocks'), String(s.blocks.filter((b) => b.kind === 'run').length)],
    [t('walkTime'), fmt.duration(s.walkSec)],
    [t('longest'), fmt.duration(s.longestRunSec)],
    [t('meanHr'), bpm(s.meanHrBpm)],
    [t('maxHr'), bpm(s.maxHrBpm)],
    ['HRR', hrr],
  ]);
  html += `<p class="small">${esc(t('hrrMethod'))}</p></section>`;

  const n = run.hrBpm.length;
  const x = Array.from({ length: n }, (_, i) => i / 60);
  const y = Array.from(run.hrBpm, (v) => (Number.isFinite(v) ? v : null));
  const chart = lineChart({
    ariaLabel: t('hrChart'),
    width: 720,
    height: 200,
    xDomain: [0, Math.max(1, s.durationSec / 60)],
    xTickFormat: (v) => fmt.numShort(v, 0),
    yMinSpan: 40,
    yTickFormat: (v) => fmt.numShort(v, 0),
    series: [{ x, y, color: CHART_COLORS.hr, widthPx: 1.2 }],
    xSpans: s.blocks.filter((b) => b.kind === 'run').map((b) => ({ from: b.startSec / 60, to: b.endSec / 60, color: '#e8f3f1', kind: 'run' })),
    yBands: s.zones ? [{ from: s.zones.targetZone.fromBpm, to: s.zones.targetZone.toBpm, color: 'rgba(0,121,107,0.10)', label: 'Borg 11–13' }] : undefined,
    emptyText: t('notEnoughData'),
  });
  html += `<section class="charts">${figure(t('hrChart'), chart, undefined, ' data-chart="run-hr"')}</section>`;

  html += `<section class="zones block"><h2>${esc(t('zonesTitle'))}</h2>`;
  if (!s.zones || !s.timeInZonesSec) html += `<p class="muted">${esc(t('zonesNone'))}</p>`;
  else {
    const z = s.zones;
    html += `<p class="small">${esc(t('zonesBasis', { rest: fmt.numShort(z.hrRestBpm, 0), max: fmt.numShort(z.hrMaxBpm, 0), source: t(z.hrMaxSource === 'entered' ? 'hrMaxEntered' : 'hrMaxTanaka'), from: fmt.numShort(z.targetZone.fromBpm, 0), to: fmt.numShort(z.targetZone.toBpm, 0) }))}</p>`;
    const rows: Cell[][] = z.zones.map((zone) => [
      t(`zones.${zone.id}` as RunsTextKey),
      Number.isFinite(zone.toBpm) ? `${fmt.numShort(zone.fromBpm, 0)}–${fmt.numShort(zone.toBpm, 0)}` : `≥ ${fmt.numShort(zone.fromBpm, 0)}`,
      { text: fmt.duration(s.timeInZonesSec![zone.id]), num: true, data: { key: `zone-${zone.id}`, value: String(s.timeInZonesSec![zone.id]) } },
    ]);
    html += table([t('zone'), t('zoneRange'), { text: t('timeIn'), num: true }], rows, { cls: 'zones-table' });
  }
  html += '</section>';

  const live = s.format === 'live';
  html += `<section class="blocks block"><h2>${esc(t('blocksTitle'))}</h2><p class="small">${esc(t(live ? 'segmentationLive' : 'segmentation'))}</p>`;
  const talk = (v: boolean | null | undefined): string => (v === true ? t('talkYes') : v === false ? t('talkNo') : '—');
  const rows: Cell[][] = s.blocks.map((b) => [
    { text: t(`kinds.${b.planned?.kind ?? b.kind}` as RunsTextKey), data: { key: 'kind', value: b.planned?.kind ?? b.kind } },
    { text: fmt.duration(b.startSec), num: true },
    { text: fmt.duration(b.endSec), num: true },
    { text: fmt.duration(b.endSec - b.startSec), num: true },
    { text: bpm(b.meanHrBpm), num: true },
    ...(live
      ? [
          { text: b.borg === null || b.borg === undefined ? '—' : String(b.borg), num: true, data: { key: 'borg', value: String(b.borg ?? '') } },
          { text: talk(b.talkTest), data: { key: 'talk', value: String(b.talkTest ?? '') } },
        ]
      : [
          { text: b.meanSpeedMps === null ? '—' : `${fmt.numShort(b.meanSpeedMps * 3.6, 1)} km/h`, num: true },
          { text: b.meanCadenceSpm === null ? '—' : `${fmt.numShort(b.meanCadenceSpm, 0)} /min`, num: true },
        ]),
  ]);
  html += table(
    [
      t('kind'),
      { text: t('from'), num: true },
      { text: t('to'), num: true },
      { text: t('duration'), num: true },
      { text: t('meanHr'), num: true },
      ...(live ? [{ text: t('borg'), num: true }, t('talkTest')] : [{ text: t('speed'), num: true }, { text: t('cadence'), num: true }]),
    ],
    rows,
    { cls: 'blocks-table' },
  );
  return html + '</section>';
}

/**
 * `resonanceSection` — the resonance-frequency assessment in the session report of a session of
 * type 'resonance': the recommended rate (and the therapist's override, if any), the flags, the
 * reason in the report's language (re-rendered from the stored `reasonParts`), and the per-step
 * table on the six criteria of Shaffer & Meehan 2020 (stepped protocol) or the peak of the
 * sliding sweep (Fisher & Lehrer 2022). Input is the session summary's `resonance` entry as
 * stored (`storeResonance`); anything malformed is left out rather than failing the report.
 *
 * The session report gets the entry through `SessionReportInput.resonance` (filled by
 * main/reports/loadSessionReport.ts).
 */
import { resonanceReasonText } from '../dsp/resonance/resonanceMessages.js';
import type { ResonanceAssessment, ResonanceFlag, ResonanceOverride, SlidingAssessment } from '../dsp/resonance/types.js';
import { widenToMinSpan } from '../charts/minSpan.js';
import { stepHrTraces, type TraceBeats } from '../dsp/resonance/stepHrTraces.js';
import { CHART_COLORS } from './charts/chartTypes.js';
import { lineChart } from './charts/lineChart.js';
import type { ReportFormat } from './reportFormat.js';
import { esc, metaList, paragraphs, table, type Cell } from './reportHtml.js';
import type { ReportLang } from './reportMessages.js';

const MESSAGES = {
  nl: {
    title: 'Resonantiefrequentiemeting',
    protocolStepped: 'Stapsgewijs protocol',
    protocolSliding: 'Glijdend protocol',
    protocol: 'Protocol',
    recommended: 'Advies',
    override: 'Gekozen door therapeut',
    overrideNote: 'Toelichting',
    none: 'geen advies',
    perMin: 'ademhalingen/min',
    reason: 'Onderbouwing',
    flags: {
      'too-close-to-call': 'stappen liggen te dicht bij elkaar om te kiezen',
      'signal-too-poor': 'signaal te zwak in één of meer stappen',
      'off-pace': 'hartritme volgde de begeleider niet in één of meer stappen',
    } as Record<ResonanceFlag, string>,
    flagsLabel: 'Let op',
    headers: ['Tempo (/min)', 'Piek-dal (slagen/min)', 'Fase HR (°)', 'Sync. (0–1)', 'LF (ms²)', 'LF-piek (ms²)', 'Pieken', 'Glad (0–1)', 'Adem uit HR (/min)', 'Gecorr. (%)', 'Score (0–100)', 'Rang'],
    stepCharts: 'Hartslag over de ademgids per stap',
    stepChartsIntro: 'Per stap de hartslag van slag tot slag (slagen/min) over de tijd in de stap (s); blauw = inademen volgens de begeleider, grijs = inslingeren (niet meegeteld). Eén schaal voor alle stappen.',
    stepX: 'tijd in de stap (s)',
    stepY: 'slagen/min',
    noBeats: 'geen slagen',
    slidingPeak: 'Grootste hartslagschommeling bij',
    slidingPt: 'Piek-dal op dat tempo',
    slidingUsable: 'Bruikbare ademhalingen',
    unreliable: 'onbetrouwbaar',
    stepsIntro: 'Per stap alleen het deel na het inslingeren. Tempo en adem uit HR in ademhalingen/min; piek-dal = hartslagverschil per ademhaling in slagen/min (gemiddelde ± SD); fase HR > 0° = hartslag loopt achter op de ademhaling; sync. = synchronie 0–1; LF en LF-piek in ms²; glad = deel van het hartslagvermogen op het ademtempo; score 0–100 over de zes criteria.',
  },
  en: {
    title: 'Resonance-frequency assessment',
    protocolStepped: 'Stepped protocol',
    protocolSliding: 'Sliding protocol',
    protocol: 'Protocol',
    recommended: 'Recommendation',
    override: 'Chosen by the therapist',
    overrideNote: 'Note',
    none: 'no recommendation',
    perMin: 'breaths/min',
    reason: 'Reasoning',
    flags: {
      'too-close-to-call': 'steps too close to call',
      'signal-too-poor': 'signal too poor in one or more steps',
      'off-pace': 'heart rhythm did not follow the pacer in one or more steps',
    } as Record<ResonanceFlag, string>,
    flagsLabel: 'Note',
    headers: ['Rate (/min)', 'Peak–trough (bpm)', 'HR phase (°)', 'Sync. (0–1)', 'LF (ms²)', 'LF peak (ms²)', 'Peaks', 'Smooth (0–1)', 'Breathing from HR (/min)', 'Corr. (%)', 'Score (0–100)', 'Rank'],
    stepCharts: 'Heart rate over the breathing guide per step',
    stepChartsIntro: 'For each step the beat-to-beat heart rate (bpm) over the time in the step (s); blue = in-breath of the guide, grey = settling (not counted). One scale for all steps.',
    stepX: 'time in the step (s)',
    stepY: 'bpm',
    noBeats: 'no beats',
    slidingPeak: 'Largest heart-rate swing at',
    slidingPt: 'Peak-to-trough at that rate',
    slidingUsable: 'Usable breaths',
    unreliable: 'unreliable',
    stepsIntro: 'Each step without its settling part. Rate and breathing from HR in breaths/min; peak–trough = heart-rate difference per breath in bpm (mean ± SD); HR phase > 0° = heart rate behind breathing; sync. = synchrony 0–1; LF and LF peak in ms²; smooth = share of the heart-rate power at the breathing rate; score 0–100 over the six criteria.',
  },
} as const;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

type Stored = (ResonanceAssessment | SlidingAssessment) & { override?: ResonanceOverride };

function asStored(v: unknown): Stored | null {
  if (!isObj(v) || !isObj(v.recommendation)) return null;
  if (v.kind === 'stepped' && Array.isArray(v.steps)) return v as unknown as Stored;
  if (v.kind === 'sliding' && Array.isArray(v.breaths)) return v as unknown as Stored;
  return null;
}

/** `resonanceSection` — see the file comment; '' when `stored` is not an assessment. */
export function resonanceSection(stored: unknown, fmt: ReportFormat, lang: ReportLang, beats: TraceBeats | null = null): string {
  const a = asStored(stored);
  if (!a) return '';
  const m = MESSAGES[lang];
  const rec = a.recommendation;
  const rate = (x: number | null | undefined): string => (typeof x === 'number' && Number.isFinite(x) ? `${fmt.num(x, 1)} ${m.perMin}` : m.none);
  const flags = (Array.isArray(rec.flags) ? rec.flags : []).map((f) => m.flags[f] ?? String(f));
  const reason = Array.isArray(rec.reasonParts) ? resonanceReasonText(rec.reasonParts)[lang] : isObj(rec.reason) ? String(rec.reason[lang] ?? '') : '';
  const o = a.override;
  let html = `<section class="resonance block" data-resonance="${a.kind}"><h2>${esc(m.title)}</h2>`;
  html += metaList([
    [m.protocol, a.kind === 'stepped' ? m.protocolStepped : m.protocolSliding],
    [m.recommended, rate(rec.rateBpm)],
    [m.override, o && typeof o.rateBpm === 'number' ? rate(o.rateBpm) : null],
    [m.overrideNote, o && typeof o.note === 'string' && o.note.trim() ? o.note.trim() : null],
    [m.flagsLabel, flags.length > 0 ? flags.join('; ') : null],
  ]);
  if (reason) html += `<h3>${esc(m.reason)}</h3>${paragraphs([reason])}`;
  if (a.kind === 'stepped') {
    const rank = new Map((rec.ranking ?? []).map((r) => [r.stepIndex, r]));
    const rows: Cell[][] = a.steps.map((st) => {
      const r = rank.get(st.index);
      const n = (x: number | null | undefined, d: number): Cell => ({ text: fmt.num(x, d), num: true });
      const pt = st.peakToTroughBpm === null ? fmt.num(null) : `${fmt.num(st.peakToTroughBpm, 1)} ± ${fmt.num(st.peakToTroughSdBpm, 1)}`;
      return [
        `${fmt.num(st.rateBpm, 1)}${st.reliable ? '' : ` (${m.unreliable})`}`,
        { text: pt, num: true },
        n(st.hrLagDeg, 0),
        n(st.synchrony, 2),
        n(st.lfPowerMs2, 0),
        n(st.lfPeakPowerMs2, 0),
        n(st.lfPeakCount, 0),
        n(st.smoothness, 2),
        n(st.rsaRateBpm, 1),
        n(st.correctedPct, 1),
        n(r?.score, 1),
        n(r?.rank, 0),
      ];
    });
    html += `<p class="small">${esc(m.stepsIntro)}</p>`;
    html += table(m.headers.map((h, i) => (i === 0 ? h : { text: h, num: true })), rows, {
      cls: 'resonance-steps',
      rowHeaders: true,
      rowData: a.steps.map((st) => ({ rate: String(st.rateBpm), rank: String(rank.get(st.index)?.rank ?? '') })),
    });
    if (beats) html += stepChartsHtml(a, beats, fmt, m);
  } else {
    html += metaList([
      [m.slidingPeak, rate(a.peakRateBpm)],
      [m.slidingPt, a.peakToTroughBpm === null ? null : `${fmt.num(a.peakToTroughBpm, 1)} bpm`],
      [m.slidingUsable, `${a.usableBreaths} / ${a.breaths.length}`],
    ]);
  }
  return html + '</section>';
}

type Messages = (typeof MESSAGES)[ReportLang];

/** Small multiples: the heart rate over the pacer in each step, on one shared scale of ≥ 10 bpm. */
function stepChartsHtml(a: ResonanceAssessment, beats: TraceBeats, fmt: ReportFormat, m: Messages): string {
  const protocol = a.settings?.protocol as { inhaleFraction?: number } | undefined;
  const traces = stepHrTraces(a.steps, beats, protocol?.inhaleFraction ?? 0.4);
  if (traces.length === 0) return '';
  const all = traces.flatMap((t) => t.hrBpm);
  const [lo, hi] = all.length ? widenToMinSpan(Math.min(...all), Math.max(...all), 10, 0) : [60, 70];
  const yDomain: [number, number] = [Math.floor(lo), Math.ceil(hi)];
  let html = `<h3>${esc(m.stepCharts)}</h3><p class="small">${esc(m.stepChartsIntro)}</p><div class="cols3 resonance-step-charts">`;
  for (const tr of traces) {
    const svg = lineChart({
      ariaLabel: `${m.stepCharts}: ${fmt.num(tr.rateBpm, 1)} ${m.perMin}`,
      width: 240,
      height: 150,
      xDomain: [0, Math.max(1, tr.durationSec)],
      yDomain,
      xLabel: m.stepX,
      yLabel: m.stepY,
      yTickFormat: (v) => fmt.num(v, 0),
      xTickFormat: (v) => fmt.num(v, 0),
      series: [{ x: tr.tSec, y: tr.hrBpm, color: CHART_COLORS.hr, widthPx: 1.2, maxGapX: 3 }],
      xSpans: [
        ...tr.inhale.map(([from, to]) => ({ from, to, color: CHART_COLORS.inhale })),
        ...(tr.analysisFromSec > 0 ? [{ from: 0, to: tr.analysisFromSec, color: CHART_COLORS.gap }] : []),
      ],
      emptyText: m.noBeats,
    });
    html += `<figure data-chart="resonance-step" data-rate="${esc(String(tr.rateBpm))}" data-beats="${tr.tSec.length}"><figcaption>${esc(`${fmt.num(tr.rateBpm, 1)} ${m.perMin}`)}</figcaption>${svg}</figure>`;
  }
  return html + '</div>';
}

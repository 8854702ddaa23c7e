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
    headers: ['Tempo', 'Piek-dal', 'Fase HR', 'Sync.', 'LF', 'LF-piek', 'Pieken', 'Glad', 'Adem uit HR', 'Gecorr.', 'Score', 'Rang'],
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
    headers: ['Rate', 'Peak–trough', 'HR phase', 'Sync.', 'LF', 'LF peak', 'Peaks', 'Smooth', 'Breathing from HR', 'Corr.', 'Score', 'Rank'],
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
export function resonanceSection(stored: unknown, fmt: ReportFormat, lang: ReportLang): string {
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
        { text: st.hrLagDeg === null ? fmt.num(null) : `${fmt.num(st.hrLagDeg, 0)}°`, num: true },
        n(st.synchrony, 2),
        n(st.lfPowerMs2, 0),
        n(st.lfPeakPowerMs2, 0),
        n(st.lfPeakCount, 0),
        n(st.smoothness, 2),
        n(st.rsaRateBpm, 1),
        { text: fmt.pct(st.correctedPct, 1), num: true },
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
  } else {
    html += metaList([
      [m.slidingPeak, rate(a.peakRateBpm)],
      [m.slidingPt, a.peakToTroughBpm === null ? null : `${fmt.num(a.peakToTroughBpm, 1)} bpm`],
      [m.slidingUsable, `${a.usableBreaths} / ${a.breaths.length}`],
    ]);
  }
  return html + '</section>';
}

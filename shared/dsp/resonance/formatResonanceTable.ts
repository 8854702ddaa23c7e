/**
 * Plain-text report of a resonance assessment (the `cadans resonance` output without --json):
 * the per-step table, the ranking and the recommendation with its reason in one language.
 */
import type { ResonanceAssessment, ResonanceLanguage, SlidingAssessment } from './types.js';

/** A number with `d` decimals, with a decimal comma in Dutch; '—' when missing. */
const num = (x: number | null | undefined, d: number, lang: ResonanceLanguage): string => {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const s = x.toFixed(d);
  return lang === 'nl' ? s.replace('.', ',') : s;
};

function table(head: string[], rows: string[][]): string[] {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [line(head), ...rows.map(line)];
}

const FLAG_TEXT: Record<string, Record<ResonanceLanguage, string>> = {
  'too-close-to-call': { en: 'too close to call', nl: 'te dicht bij elkaar' },
  'signal-too-poor': { en: 'signal too poor', nl: 'signaal te zwak' },
  'off-pace': { en: 'pacer not followed', nl: 'pacer niet gevolgd' },
};

function recommendationLines(a: ResonanceAssessment | SlidingAssessment, lang: ResonanceLanguage): string[] {
  const rec = a.recommendation;
  const nl = lang === 'nl';
  const rate = rec.rateBpm === null ? (nl ? 'geen' : 'none') : `${num(rec.rateBpm, 1, lang)} ${nl ? 'ademhalingen/min' : 'breaths/min'}`;
  const lines = [`${nl ? 'Advies' : 'Recommended rate'}: ${rate}`, `${nl ? 'Reden' : 'Reason'}: ${rec.reason[lang]}`];
  if (rec.flags.length > 0) lines.push(`${nl ? 'Let op' : 'Flags'}: ${rec.flags.map((f) => FLAG_TEXT[f]?.[lang] ?? f).join(', ')}`);
  return lines;
}

/** `formatResonanceTable`: the stepped assessment as text. */
export function formatResonanceTable(a: ResonanceAssessment, lang: ResonanceLanguage = 'en'): string {
  const fmt = (x: number | null | undefined, d = 1): string => num(x, d, lang);
  const rankOf = new Map(a.recommendation.ranking.map((e) => [e.stepIndex, e]));
  const head = ['rate', 'P-T bpm', '±sd', 'HR lag°', 'sync', 'LF ms²', 'LF pk ms²', 'peaks', 'smooth', 'RSA/min', 'adh %', 'corr %', 'qual %', 'score', 'rank'];
  const rows = a.steps.map((s) => {
    const e = rankOf.get(s.index);
    return [
      fmt(s.rateBpm, 1),
      fmt(s.peakToTroughBpm, 1),
      fmt(s.peakToTroughSdBpm, 1),
      fmt(s.hrLagDeg, 0),
      fmt(s.synchrony, 2),
      fmt(s.lfPowerMs2, 0),
      fmt(s.lfPeakPowerMs2, 0),
      s.lfPeakCount === null ? '—' : String(s.lfPeakCount),
      fmt(s.smoothness, 2),
      fmt(s.rsaRateBpm, 2) + (s.onPace ? '' : '!'),
      fmt(s.adherencePct, 0),
      fmt(s.correctedPct, 1) + (s.reliable ? '' : '!'),
      fmt(s.signalQualityPct, 0),
      e ? fmt(e.score, 1) : '—',
      e ? String(e.rank) : '—',
    ];
  });
  const nl = lang === 'nl';
  return (
    [
      nl ? 'Resonantiefrequentie — stappenprotocol' : 'Resonance-frequency assessment — stepped protocol',
      ...table(head, rows).map((l) => '  ' + l),
      nl
        ? '  (P-T = hartslag piek-dal per ademhaling; HR lag > 0 = hartslag achter op de ademhaling; ! = niet gevolgd / onbetrouwbaar)'
        : '  (P-T = HR peak-to-trough per breath; HR lag > 0 = HR behind breathing; ! = off pace / unreliable)',
      ...recommendationLines(a, lang),
    ].join('\n') + '\n'
  );
}

/** `formatSlidingSummary`: the sliding assessment as text (swing per ~0.25 breaths/min band). */
export function formatSlidingSummary(a: SlidingAssessment, lang: ResonanceLanguage = 'en'): string {
  const fmt = (x: number | null | undefined, d = 1): string => num(x, d, lang);
  const nl = lang === 'nl';
  const rows = a.breaths.filter((b, i) => i % 4 === 0).map((b) => [fmt(b.rateBpm, 2), fmt(b.peakToTroughBpm, 1), fmt(b.smoothedBpm, 1)]);
  return (
    [
      nl ? 'Resonantiefrequentie — glijdend protocol' : 'Resonance-frequency assessment — sliding protocol',
      ...table(['rate', 'P-T bpm', 'smoothed'], rows).map((l) => '  ' + l),
      `  ${nl ? 'grootste schommeling bij' : 'largest swing at'} ${fmt(a.peakRateBpm, 2)} ${nl ? 'ademhalingen/min' : 'breaths/min'} ` +
        `(${fmt(a.peakToTroughBpm, 1)} bpm); ${a.usableBreaths} ${nl ? 'bruikbare ademhalingen' : 'usable breaths'}, ` +
        `${fmt(a.correctedPct, 1)} % ${nl ? 'gecorrigeerd' : 'corrected'}`,
      ...recommendationLines(a, lang),
    ].join('\n') + '\n'
  );
}

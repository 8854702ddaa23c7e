/**
 * The plain-language reason of a resonance recommendation, in English and Dutch. Templates use
 * `{name}` placeholders; `formatResonanceMessage` fills them, writing numbers with a decimal
 * point (en) or comma (nl) — also numeric strings such as "6.0" — and lists of rates (number[])
 * as "6.5 / 5.0". The UI can re-render the stored
 * `reasonParts` in its own language with the same function.
 */
import type { LocalizedText, ResonanceCriterion, ResonanceLanguage, ResonanceMessagePart } from './types.js';
import { createTranslator } from '../../i18n/messageFormat.js';

type Catalog = Record<string, string>;

export const RESONANCE_MESSAGES_EN = {
  best: '{rate} breaths/min meets the criteria best (score {score} of 100; best on {won} of 6 criteria).',
  strengths: 'At this rate: {list}.',
  'criterion.phase': 'heart rate closest in phase with breathing (HR lag {lag}°, synchrony {sync})',
  'criterion.peakToTrough': 'the largest heart-rate swing ({pt} bpm peak-to-trough)',
  'criterion.lfPower': 'the highest LF power ({lf} ms²)',
  'criterion.lfPeak': 'the highest LF peak ({pk} ms²)',
  'criterion.smoothness': 'the smoothest heart-rate curve ({sm} % of the power at the breathing rate)',
  'criterion.lfPeakCount': 'the fewest LF peaks ({n})',
  'criterion.and': 'and',
  runnerUp: 'Next best: {rate} breaths/min (score {score}).',
  tooClose:
    'Too close to call: {rate1} and {rate2} breaths/min differ by only {margin} points. Consider testing {mid} breaths/min or repeating the assessment.',
  poor: 'Signal too poor at {rates} breaths/min (too many corrected beats or too little usable signal); those steps are ranked last. Check the ear clip and repeat them.',
  offPace:
    'At {rates} breaths/min the heart rhythm did not follow the pacer well (the client may have lost the rhythm); consider repeating those steps.',
  none: 'No recommendation: fewer than two steps had a usable signal. Check the ear clip and repeat the assessment.',
  slidingBest:
    'In the sliding protocol ({from} → {to} breaths/min) the heart-rate swing was largest at {rate} breaths/min ({pt} bpm peak-to-trough, averaged over {n} breaths).',
  slidingEdge: 'The largest swing lies at the edge of the tested range; the resonance frequency may lie beyond {rate} breaths/min.',
  slidingPoor: 'Signal too poor: only {pct} % of the breaths were usable. Check the ear clip and repeat.',
  slidingNone: 'No recommendation: too few usable breaths to find the largest heart-rate swing.',
} as const;

export type ResonanceMessageKey = keyof typeof RESONANCE_MESSAGES_EN;

export const RESONANCE_MESSAGES_NL: Record<ResonanceMessageKey, string> = {
  best: '{rate} ademhalingen/min voldoet het best aan de criteria (score {score} van 100; beste op {won} van de 6 criteria).',
  strengths: 'Bij dit tempo: {list}.',
  'criterion.phase': 'hartslag het meest in fase met de ademhaling (vertraging hartslag {lag}°, synchronie {sync})',
  'criterion.peakToTrough': 'de grootste hartslagschommeling ({pt} slagen/min piek-dal)',
  'criterion.lfPower': 'het hoogste LF-vermogen ({lf} ms²)',
  'criterion.lfPeak': 'de hoogste LF-piek ({pk} ms²)',
  'criterion.smoothness': 'de gladste hartslagcurve ({sm} % van het vermogen bij het ademtempo)',
  'criterion.lfPeakCount': 'de minste LF-pieken ({n})',
  'criterion.and': 'en',
  runnerUp: 'Daarna: {rate} ademhalingen/min (score {score}).',
  tooClose:
    'Te dicht bij elkaar om te kiezen: {rate1} en {rate2} ademhalingen/min verschillen maar {margin} punten. Overweeg {mid} ademhalingen/min te testen of de meting te herhalen.',
  poor: 'Signaal te zwak bij {rates} ademhalingen/min (te veel gecorrigeerde slagen of te weinig bruikbaar signaal); die stappen staan achteraan. Controleer de oorclip en herhaal ze.',
  offPace:
    'Bij {rates} ademhalingen/min volgde het hartritme de pacer niet goed (de cliënt is mogelijk het ritme kwijtgeraakt); overweeg die stappen te herhalen.',
  none: 'Geen advies: minder dan twee stappen hadden een bruikbaar signaal. Controleer de oorclip en herhaal de meting.',
  slidingBest:
    'In het glijdende protocol ({from} → {to} ademhalingen/min) was de hartslagschommeling het grootst bij {rate} ademhalingen/min ({pt} slagen/min piek-dal, gemiddeld over {n} ademhalingen).',
  slidingEdge: 'De grootste schommeling ligt aan de rand van het geteste bereik; de resonantiefrequentie kan voorbij {rate} ademhalingen/min liggen.',
  slidingPoor: 'Signaal te zwak: maar {pct} % van de ademhalingen was bruikbaar. Controleer de oorclip en herhaal de meting.',
  slidingNone: 'Geen advies: te weinig bruikbare ademhalingen om de grootste hartslagschommeling te vinden.',
};

const CATALOGS: Record<ResonanceLanguage, Catalog> = { en: RESONANCE_MESSAGES_EN, nl: RESONANCE_MESSAGES_NL };

function localizeDecimal(s: string, lang: ResonanceLanguage): string {
  return lang === 'nl' ? s.replace('.', ',') : s;
}

function formatValue(v: string | number | number[], lang: ResonanceLanguage): string {
  if (Array.isArray(v)) return v.map((x) => localizeDecimal(rateParam(x), lang)).join(' / ');
  if (typeof v === 'number') return localizeDecimal(String(v), lang);
  return /^-?\d+(?:\.\d+)?$/.test(v) ? localizeDecimal(v, lang) : v;
}

const translate = createTranslator<ResonanceMessageKey>({ en: RESONANCE_MESSAGES_EN, nl: RESONANCE_MESSAGES_NL });

/**
 * One message in one language through the app's message layer (shared/i18n); values are written
 * with the language's decimal separator first (they arrive as numbers or numeric strings such as
 * "6.0", whose decimals are kept). Unknown keys give the key itself (never throws).
 */
export function formatResonanceMessage(part: ResonanceMessagePart, lang: ResonanceLanguage): string {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(part.params)) if (v !== undefined) params[k] = formatValue(v, lang);
  return translate(lang, part.key as ResonanceMessageKey, params);
}

/** The criterion phrase of `criterion` with its values, in one language. */
export function criterionPhrase(criterion: ResonanceCriterion, params: ResonanceMessagePart['params'], lang: ResonanceLanguage): string {
  return formatResonanceMessage({ key: `criterion.${criterion}`, params }, lang);
}

/** All parts joined into one text per language. Parts with key 'strengths' list their criteria (param `criteria`). */
export function resonanceReasonText(parts: readonly ResonanceMessagePart[]): LocalizedText {
  const render = (lang: ResonanceLanguage): string =>
    parts
      .map((p) => {
        if (p.key !== 'strengths') return formatResonanceMessage(p, lang);
        const names = String(p.params.criteria ?? '')
          .split(',')
          .filter((c) => c !== '') as ResonanceCriterion[];
        const phrases = names.map((c) => criterionPhrase(c, p.params, lang));
        const and = CATALOGS[lang]['criterion.and'];
        const list = phrases.length > 1 ? `${phrases.slice(0, -1).join(', ')} ${and} ${phrases[phrases.length - 1]}` : (phrases[0] ?? '');
        return formatResonanceMessage({ key: 'strengths', params: { list } }, lang);
      })
      .join(' ');
  return { en: render('en'), nl: render('nl') };
}

/** A rate as shown in messages: one decimal, two when needed ("6.0", "5.25", "6.75"); lists of rates (number[]) the same way. */
export function rateParam(rateBpm: number): string {
  const r2 = Math.round(rateBpm * 100) / 100;
  return Math.abs(r2 * 10 - Math.round(r2 * 10)) < 1e-9 ? r2.toFixed(1) : r2.toFixed(2);
}

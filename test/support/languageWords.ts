// Word lists for the language walk: words that occur only in the Dutch catalogues' texts, and words
// that occur only in the English ones (every catalogue: UI, errors, session texts, reports,
// resonance, access-log detail), minus words both use, numbers and names. A Dutch screen showing
// an "English only" word has an untranslated string, and vice versa.
import { accessLogTextsEn } from '../../shared/i18n/accessLogTexts.en.js';
import { accessLogTextsNl } from '../../shared/i18n/accessLogTexts.nl.js';
import { errorsEn } from '../../shared/i18n/errors.en.js';
import { errorsNl } from '../../shared/i18n/errors.nl.js';
import { sessionTextsEn } from '../../shared/i18n/sessionTexts.en.js';
import { sessionTextsNl } from '../../shared/i18n/sessionTexts.nl.js';
import { RESONANCE_MESSAGES_EN, RESONANCE_MESSAGES_NL } from '../../shared/dsp/resonance/resonanceMessages.js';
import { reportTextsEn } from '../../shared/report/reportTexts.en.js';
import { reportTextsNl } from '../../shared/report/reportTexts.nl.js';
import { groupReportTextsEn } from '../../shared/report/groupReportTexts.en.js';
import { groupReportTextsNl } from '../../shared/report/groupReportTexts.nl.js';
import { technicalTextsEn } from '../../shared/report/technicalTexts.en.js';
import { technicalTextsNl } from '../../shared/report/technicalTexts.nl.js';
import { loadUiCatalogues } from './uiCatalogues.js';
import { IntlMessageFormat } from 'intl-messageformat';

/** Names and terms that are the same word in both languages' texts (or not words of either). */
export const NOT_LANGUAGE = new Set([
  'cadans', 'pulsesensor', 'cms50', 'polar', 'kubios', 'elite', 'hrv', 'heartmath', 'mcCraty', 'lipponen', 'tarvainen', 'welch',
  'nijmegen', 'borg', 'rpe', 'smart', 'rmssd', 'sdnn', 'pnn50', 'ppg', 'ecg', 'csv', 'pdf', 'json', 'html', 'udevadm',
  'bluetooth', 'simulator', 'flow', 'logger', 'sensor', 'dialout', 'linux', 'chromium', 'esp32', 'usb', 'ble', 'arduino',
  // Spelled the same in both languages, used by only one catalogue so far.
  'extra',
]);

/** The literal text of an ICU message (select and plural case keys and argument names left out), or null when it is not ICU. */
type AstElement = ReturnType<IntlMessageFormat['getAst']>[number];

function icuLiterals(text: string): string | null {
  let ast: AstElement[];
  try {
    ast = new IntlMessageFormat(text, 'en', undefined, { ignoreTag: true }).getAst();
  } catch {
    return null;
  }
  const out: string[] = [];
  const walk = (els: readonly AstElement[]): void => {
    for (const el of els) {
      // Literal text; the cases of a select or plural (their keys are not words of the message); any argument is a gap.
      if ('value' in el && typeof el.value === 'string' && !('options' in el) && el.type === 0) out.push(el.value);
      else if ('options' in el) for (const o of Object.values(el.options) as { value: AstElement[] }[]) walk(o.value);
      else out.push(' ');
    }
  };
  walk(ast);
  return out.join('');
}

/** Lower-case words (letters only, 3 or more) of a text, with ICU syntax (`{n, plural, …}`, `{name}`, case keys) removed. */
export function wordsOf(text: string): string[] {
  const plain =
    icuLiterals(text) ??
    text
      .replace(/\{\s*\w+\s*,\s*(plural|select|selectordinal)\s*,/g, ' ')
      .replace(/\b(one|other|zero|two|few|many)\s*\{/g, ' ')
      .replace(/\{\s*\w+(\s*,\s*\w+)?\s*\}/g, ' ');
  return (plain.toLowerCase().match(/\p{L}[\p{L}'’-]*\p{L}/gu) ?? []).map((w) => w.replace(/['’]s$/, '')).filter((w) => w.length >= 3);
}

/** Every string reachable in a catalogue value: strings, nested objects, and functions called with sample arguments. */
function textsOf(v: unknown, out: string[]): void {
  if (typeof v === 'string') out.push(v);
  else if (typeof v === 'function') {
    for (const args of [['1', '2', '3', '4', '5', '6', '7', '8'], [1, 2, 3, 4, 5, 6, 7, 8]]) {
      try {
        textsOf((v as (...a: unknown[]) => unknown)(...args), out);
      } catch {
        /* a function that needs other arguments: its plain strings are covered elsewhere */
      }
    }
  } else if (Array.isArray(v)) for (const x of v) textsOf(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) textsOf(x, out);
}

export interface LanguageWords {
  /** Words only the Dutch texts use (a sign of Dutch on an English screen). */
  onlyNl: Set<string>;
  /** Words only the English texts use (a sign of English on a Dutch screen). */
  onlyEn: Set<string>;
}

/** The word lists of every catalogue, plus `extra` pairs of catalogues (nl, en) such as the CLI's. */
export async function languageWords(extra: readonly (readonly [unknown, unknown])[] = []): Promise<LanguageWords> {
  const ui = await loadUiCatalogues();
  const nlTexts: string[] = [];
  const enTexts: string[] = [];
  for (const [nl, en] of [
    ...extra,
    [ui.nl, ui.en],
    [errorsNl, errorsEn],
    [sessionTextsNl, sessionTextsEn],
    [RESONANCE_MESSAGES_NL, RESONANCE_MESSAGES_EN],
    [reportTextsNl, reportTextsEn],
    [technicalTextsNl, technicalTextsEn],
    [groupReportTextsNl, groupReportTextsEn],
    [accessLogTextsNl, accessLogTextsEn],
  ] as const) {
    textsOf(nl, nlTexts);
    textsOf(en, enTexts);
  }
  const nlWords = new Set(nlTexts.flatMap(wordsOf));
  const enWords = new Set(enTexts.flatMap(wordsOf));
  const only = (a: Set<string>, b: Set<string>): Set<string> => new Set([...a].filter((w) => !b.has(w) && !NOT_LANGUAGE.has(w)));
  return { onlyNl: only(nlWords, enWords), onlyEn: only(enWords, nlWords) };
}

/** The words of `text` that are in `foreign`, with a little context each (for the failure message). */
export function foreignWords(text: string, foreign: Set<string>): string[] {
  const found: string[] = [];
  for (const line of text.split('\n')) {
    // Settings written as key=value (a sensor spec such as "sim:speed=20,seed=7") are not language.
    const hits = wordsOf(line.replace(/[\w-]+=[^\s,;)]*/g, ' ')).filter((w) => foreign.has(w));
    if (hits.length > 0) found.push(`${hits.join(', ')}  ←  "${line.trim().slice(0, 120)}"`);
  }
  return found;
}

/**
 * The CLI's language and texts. `cliLocale`: `--lang nl|en` where a command has it, else
 * CADANS_LANG (nl|en), else Dutch when the system locale (LC_ALL, LC_MESSAGES, LANG, in that
 * order) starts with `nl`, else English — the CLI's default, which scripts and tests match.
 * `cliText`: a CLI text (cliTexts.{nl,en}.ts) through the i18n layer; `num`: a number in the
 * language's notation (no grouping: "72,3" / "72.3"). `--json` output is never translated.
 */
import { createTranslator, type MessageParams } from '../../shared/i18n/messageFormat.js';
import { isLocale, type Locale } from '../../shared/i18n/locales.js';
import { cliTextsEn } from './cliTexts.en.js';
import { cliTextsNl, type CliTextKey } from './cliTexts.nl.js';

export type { CliTextKey };
const translate = createTranslator<CliTextKey>({ nl: cliTextsNl, en: cliTextsEn });

export function cliLocale(langOption?: unknown, env: NodeJS.ProcessEnv = process.env): Locale {
  if (isLocale(langOption)) return langOption;
  const asked = env.CADANS_LANG?.trim().toLowerCase();
  if (isLocale(asked)) return asked;
  const system = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^nl([_.@-]|$)/i.test(system) ? 'nl' : 'en';
}

export function cliText(locale: Locale, key: CliTextKey, params?: MessageParams): string {
  return translate(locale, key, params);
}

const nlNumbers = new Map<number, Intl.NumberFormat>();

/** `x` with `d` decimals ('—' when missing): toFixed in English (as before), Dutch decimal comma in Dutch. */
export function cliNum(locale: Locale, x: number | null | undefined, d = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (locale === 'en') return x.toFixed(d);
  let f = nlNumbers.get(d);
  if (!f) nlNumbers.set(d, (f = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: false })));
  return f.format(x);
}

/** A summary line: two spaces, the label padded to 16 characters, the value. */
export function cliLine(label: string, value: string): string {
  return `  ${label.padEnd(16)}${value}`;
}

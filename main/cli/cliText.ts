/**
 * The CLI's language and texts. `cliLocale`: `--lang nl|en` where a command has it, else
 * CADANS_LANG (nl|en), else Dutch when the system locale (LC_ALL, LC_MESSAGES, LANG, in that
 * order) starts with `nl`, else English — the CLI's default, which scripts and tests match.
 * `cliText`: a CLI text (cliTexts.{nl,en}.ts) through the i18n layer; `num`: a number in the
 * language's notation (no grouping: "72,3" / "72.3"). `--json` output is never translated.
 */
import { createTranslator, type MessageParams } from '../../shared/i18n/messageFormat.js';
import { isLocale, type Locale } from '../../shared/i18n/locales.js';
import { cliHelpEn } from './cliHelp.en.js';
import { cliHelpNl, type CliHelpKey } from './cliHelp.nl.js';
import { cliTextsEn } from './cliTexts.en.js';
import { cliTextsNl, type CliMessageKey } from './cliTexts.nl.js';

/** A CLI text: a message (cliTexts.*.ts) or a --help text (cliHelp.*.ts). */
export type CliTextKey = CliMessageKey | CliHelpKey;
const translate = createTranslator<CliTextKey>({ nl: { ...cliTextsNl, ...cliHelpNl }, en: { ...cliTextsEn, ...cliHelpEn } });

/** A CLI text to be shown in the language of the line it goes into (a usage line inside an error). */
export interface CliTextRef {
  readonly cliText: CliTextKey;
  /** Its own parameters (plain values). */
  readonly params?: MessageParams;
}
/** Parameters of a CLI text: values, or other CLI texts translated in the same language. */
export type CliParams = Record<string, MessageParams[string] | CliTextRef>;

const isRef = (v: unknown): v is CliTextRef => typeof v === 'object' && v !== null && 'cliText' in v;

/** The usage line of `command` (`usage.<command>` in the catalogues) as a parameter. */
export function usageOf(command: string): CliTextRef {
  return { cliText: `usage.${command}` as CliHelpKey };
}

/** Does the CLI catalogue have `key` (help texts of commands added elsewhere may not be there yet)? */
export function hasCliText(key: string): key is CliTextKey {
  return Object.hasOwn(cliTextsNl, key) || Object.hasOwn(cliHelpNl, key);
}

export function cliLocale(langOption?: unknown, env: NodeJS.ProcessEnv = process.env): Locale {
  if (isLocale(langOption)) return langOption;
  const asked = env.CADANS_LANG?.trim().toLowerCase();
  if (isLocale(asked)) return asked;
  const system = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^nl([_.@-]|$)/i.test(system) ? 'nl' : 'en';
}

export function cliText(locale: Locale, key: CliTextKey, params?: CliParams): string {
  if (!params) return translate(locale, key);
  const plain: MessageParams = {};
  for (const [k, v] of Object.entries(params)) plain[k] = isRef(v) ? translate(locale, v.cliText, v.params) : v;
  return translate(locale, key, plain);
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

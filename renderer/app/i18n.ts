/**
 * Translations of the UI (Dutch default, English) through the one message layer of Cadans
 * (shared/i18n: ICU MessageFormat — `{name}`, plurals, selects). Every string of the UI is a key of
 * `nl` (strings.nl.ts); `en` must have exactly the same keys (type-checked). Errors that crossed
 * the API as `{code, params}` are translated by `errorText`.
 */
import type { Locale } from '../../shared/ipc/apiTypes.js';
import { createTranslator, type MessageParams } from '../../shared/i18n/messageFormat.js';
import { makeFmt, type Fmt } from '../../shared/i18n/formatters.js';
import { en } from './strings.en.js';
import { nl, type StringKey } from './strings.nl.js';
import { useApp } from './store.js';

export type { StringKey, Fmt };
export { makeFmt };
export type Params = MessageParams;

const uiTranslate = createTranslator<StringKey>({ nl, en });

/** The string `key` in `locale`, arguments filled in (plurals and numbers in the language's rules). */
export function translate(locale: Locale, key: StringKey, params?: Params): string {
  return uiTranslate(locale, key, params);
}

/** Does `key` exist (for keys built at run time, e.g. hint and flag names)? */
export function hasKey(key: string): key is StringKey {
  return Object.hasOwn(nl, key);
}

/** React: `t(key, params)`, the locale and the formatters of the current language. */
export function useT(): { t: (key: StringKey, params?: Params) => string; locale: Locale; fmt: Fmt } {
  const locale = useApp((s) => s.settings.locale);
  return { t: (key, params) => translate(locale, key, params), locale, fmt: makeFmt(locale) };
}

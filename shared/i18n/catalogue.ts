/**
 * A catalogue: ICU MessageFormat templates by key, one per language. The Dutch catalogue is the
 * source of truth; `SameKeys` makes the compiler refuse an English catalogue with a key missing or
 * extra, and `catalogueProblems` finds the same at run time (plus templates that do not parse).
 */
import { IntlMessageFormat } from 'intl-messageformat';

export type Catalogue = Readonly<Record<string, string>>;

/** `en` typed as `SameKeys<typeof nl, typeof en>` fails to compile unless it has exactly nl's keys. */
export type SameKeys<N, E> = [Exclude<keyof N, keyof E>, Exclude<keyof E, keyof N>] extends [never, never] ? E : never;

/** Keys of `reference` missing in `other`, and keys of `other` that `reference` does not have. */
export function keyDifference(reference: Catalogue, other: Catalogue): { missing: string[]; extra: string[] } {
  return {
    missing: Object.keys(reference).filter((k) => !Object.hasOwn(other, k)),
    extra: Object.keys(other).filter((k) => !Object.hasOwn(reference, k)),
  };
}

/** Every problem of a pair of catalogues, one line each (empty when they match and all parse). */
export function catalogueProblems(name: string, nl: Catalogue, en: Catalogue): string[] {
  const { missing, extra } = keyDifference(nl, en);
  const out = [...missing.map((k) => `${name}: en lacks '${k}'`), ...extra.map((k) => `${name}: en has extra '${k}'`)];
  for (const [lang, cat] of [['nl', nl], ['en', en]] as const) {
    for (const [k, v] of Object.entries(cat)) {
      try {
        new IntlMessageFormat(v, lang, undefined, { ignoreTag: true });
      } catch (e) {
        out.push(`${name}.${lang}: '${k}' is not valid ICU MessageFormat (${e instanceof Error ? e.message : String(e)})`);
      }
    }
  }
  return out;
}

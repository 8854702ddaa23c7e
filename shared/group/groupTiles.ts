/**
 * What the group display shows of each client (issue 14): names hidden by default — the nickname
 * the client chose, else initials (told apart when two are the same) — and the optional "group coherence": the share of
 * the clients still recording whose coherence is medium or high.
 */
import type { CoherenceLevel } from '../dsp/types.js';

/** Name particles that are no initial ("Anna de Vries" → "AV"). */
const PARTICLES = new Set(['de', 'den', 'der', 'van', 'von', 'het', "'t", 'te', 'ten', 'ter', 'la', 'le', 'du', 'da', 'di', 'el', 'al', 'in', 'op', 'aan', 'bij', 'uit', 'vd', 'v.d.']);

/** Initials of a name: first and last name part (particles skipped), upper case; one part: its first two letters. */
export function initialsOf(name: string): string {
  const parts = name.trim().split(/[\s]+/).filter((p) => p !== '' && !PARTICLES.has(p.toLowerCase()));
  const letter = (p: string): string => [...p.replace(/^[^\p{L}\p{N}]+/u, '')][0] ?? '';
  if (parts.length === 0) return '?';
  if (parts.length === 1) {
    const chars = [...parts[0]!.replace(/[^\p{L}\p{N}]/gu, '')];
    return (chars.slice(0, 2).join('') || '?').toLocaleUpperCase();
  }
  return (letter(parts[0]!) + letter(parts[parts.length - 1]!)).toLocaleUpperCase() || '?';
}

/**
 * The tile labels of a group in order: the client's nickname when they chose one, else their
 * initials; where two are the same, numbered ("AV 1", "AV 2").
 */
export function tileLabels(names: readonly string[], nicknames: readonly (string | null | undefined)[] = []): string[] {
  const initials = names.map((n, i) => nicknames[i]?.trim() || initialsOf(n));
  const count = new Map<string, number>();
  for (const i of initials) count.set(i, (count.get(i) ?? 0) + 1);
  const seen = new Map<string, number>();
  return initials.map((i) => {
    if (count.get(i)! < 2) return i;
    const n = (seen.get(i) ?? 0) + 1;
    seen.set(i, n);
    return `${i} ${n}`;
  });
}

/**
 * Group coherence: the share (0..1) of the clients still recording whose coherence is medium or
 * high (a client without a level yet counts as not in coherence); null when nobody records.
 */
export function groupCoherenceShare(levels: readonly (CoherenceLevel | null)[]): number | null {
  if (levels.length === 0) return null;
  return levels.filter((l) => l === 'medium' || l === 'high').length / levels.length;
}

/**
 * The reasons the practice database could not be used (issue 17), as catalogue entries: one
 * sentence per reason (`practiceDb.reason.<reason>`), and the same sentences as an ICU `select`
 * so a coded error can carry the reason as a parameter (`{reason, select, connectionRefused {…} …}`;
 * ICU select keys cannot hold a hyphen, hence `reasonKey`). Both come from one table per language.
 */
import { PRACTICE_REASONS, type PracticeReason } from '../ipc/practiceTypes.js';

export type ReasonTable = Readonly<Record<PracticeReason, string>>;

/** The select key of a reason: 'connection-refused' → 'connectionRefused'. */
export function reasonKey(reason: PracticeReason): string {
  return reason.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function reasonEntries(table: ReasonTable): Record<`practiceDb.reason.${PracticeReason}`, string> {
  return Object.fromEntries(PRACTICE_REASONS.map((r) => [`practiceDb.reason.${r}`, table[r]])) as Record<`practiceDb.reason.${PracticeReason}`, string>;
}

/** `{reason, select, …}` of every reason ('other' last, also for an unknown key). */
export function reasonSelect(table: ReasonTable): string {
  return `{reason, select, ${PRACTICE_REASONS.filter((r) => r !== 'other').map((r) => `${reasonKey(r)} {${table[r]}}`).join(' ')} other {${table.other}}}`;
}

/**
 * The group set-up's rules (issue 14), shared by the set-up screen and its tests: 2–6 participants,
 * each a client with a sensor of their own (no client and no sensor twice). The core checks the same
 * when the group starts (main/app/groupMembers.ts); this gives the screen its reason before that.
 */

/** Fewest and most participants the set-up offers (the core accepts more: see MAX_GROUP_CLIENTS). */
export const GROUP_MIN = 2;
export const GROUP_MAX = 6;

/** One participant row: a client and the spec of their sensor (null: not chosen yet). */
export interface ParticipantDraft {
  clientId: number | null;
  sensorKey: string | null;
}

export type GroupSetupProblem = 'tooFew' | 'tooMany' | 'incomplete' | 'sameClient' | 'sameSensor';

/** Why the group cannot start yet, or null. */
export function groupSetupProblem(rows: readonly ParticipantDraft[]): GroupSetupProblem | null {
  if (rows.length < GROUP_MIN) return 'tooFew';
  if (rows.length > GROUP_MAX) return 'tooMany';
  if (rows.some((r) => r.clientId === null || r.sensorKey === null)) return 'incomplete';
  if (new Set(rows.map((r) => r.clientId)).size < rows.length) return 'sameClient';
  if (new Set(rows.map((r) => r.sensorKey)).size < rows.length) return 'sameSensor';
  return null;
}

/**
 * Fill the rows' empty sensors from the clients' remembered ones (`remembered`: client id →
 * sensor key), unless another row already has that sensor. Rows with a sensor keep it.
 */
export function prefillSensors(rows: readonly ParticipantDraft[], remembered: ReadonlyMap<number, string>): ParticipantDraft[] {
  const taken = new Set(rows.map((r) => r.sensorKey).filter((k): k is string => k !== null));
  return rows.map((r) => {
    if (r.sensorKey !== null || r.clientId === null) return r;
    const key = remembered.get(r.clientId);
    if (key === undefined || taken.has(key)) return r;
    taken.add(key);
    return { ...r, sensorKey: key };
  });
}

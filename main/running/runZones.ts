/**
 * The client's heart-rate zones for a run on `date`: resting HR = the mean HR of the client's
 * latest breathing, biofeedback, resonance, group or home-practice session before the run (seated, the nearest the
 * record has to a resting HR), HRmax = Tanaka's prediction from the date of birth (see
 * shared/running/heartRateZones.ts). Null when either is missing.
 */
import { heartRateZones, type HeartRateZones } from '../../shared/running/heartRateZones.js';
import type { SessionListItem } from '../../shared/domain/types.js';
import type { Storage } from '../storage/storage.js';

const REST_TYPES = new Set(['breathing', 'biofeedback', 'resonance', 'group', 'home']);

export function ageYearsOn(dateOfBirth: string | null, at: string): number | null {
  if (!dateOfBirth) return null;
  const b = new Date(dateOfBirth + 'T00:00:00Z');
  const d = new Date(at);
  if (!Number.isFinite(b.getTime()) || !Number.isFinite(d.getTime())) return null;
  let age = d.getUTCFullYear() - b.getUTCFullYear();
  if (d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

/** A session's mean HR: by default its stored summary's; a report passes the figures it shows. */
export type MeanHrOf = (s: SessionListItem) => number | null;

/** The mean HR in a session's stored summary, or null. */
export const storedMeanHr: MeanHrOf = (s) => {
  const hr = s.summary?.meanHrBpm;
  return typeof hr === 'number' && Number.isFinite(hr) ? hr : null;
};

export function restingHrBefore(storage: Storage, clientId: number, at: string, meanHrOf: MeanHrOf = storedMeanHr): number | null {
  for (const s of storage.sessions.listByClient(clientId)) {
    if (!REST_TYPES.has(s.type) || s.startedAt > at) continue;
    const hr = meanHrOf(s);
    if (hr !== null && Number.isFinite(hr)) return hr;
  }
  return null;
}

export function clientZones(storage: Storage, clientId: number, at: string, meanHrOf?: MeanHrOf): HeartRateZones | null {
  const client = storage.clients.require(clientId);
  return heartRateZones({ hrRestBpm: restingHrBefore(storage, clientId, at, meanHrOf), ageYears: ageYearsOn(client.dateOfBirth, at) });
}

/**
 * The resonance assessment in the client's records: a finished session of type 'resonance'
 * keeps its assessment in its summary JSON under `resonance` (the `ResonanceAssessment` or
 * `SlidingAssessment` of shared/dsp/resonance, times on the recording clock), and a therapist's
 * override next to it under `resonance.override`. From these, `lastResonanceRate` gives the
 * rate to preset on the pacer of the client's next breathing session.
 */
import type { JsonObject, SessionRow } from '../../shared/domain/types.js';
import { PACER_MAX_RATE_BPM, PACER_MIN_RATE_BPM } from '../../shared/pacer/pacerSettings.js';
import type { ResonanceAssessment, ResonanceOverride, SlidingAssessment } from '../../shared/dsp/resonance/types.js';
import type { Storage } from '../storage/storage.js';

/** Key of the assessment in the session summary. */
export const RESONANCE_SUMMARY_KEY = 'resonance';

/** What the summary's `resonance` entry holds. */
export type StoredResonance = (ResonanceAssessment | SlidingAssessment) & { override?: ResonanceOverride };

export interface ClientResonanceRate {
  /** The rate to use, breaths/min: the therapist's override if there is one, else the recommendation. */
  rateBpm: number;
  source: 'override' | 'recommendation';
  /** The recommendation's flags (e.g. 'too-close-to-call'), for a warning next to the preset. */
  flags: string[];
  sessionId: number;
  startedAt: string;
}

const isRate = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= PACER_MIN_RATE_BPM && x <= PACER_MAX_RATE_BPM;

/** The stored assessment of a session, or null (not a resonance session, no summary, malformed). */
export function storedResonance(session: Pick<SessionRow, 'type' | 'summary'>): StoredResonance | null {
  if (session.type !== 'resonance' || session.summary === null) return null;
  const r = session.summary[RESONANCE_SUMMARY_KEY];
  if (r === null || typeof r !== 'object' || Array.isArray(r)) return null;
  const rec = (r as JsonObject).recommendation;
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) return null;
  return r as unknown as StoredResonance;
}

/** The rate a session's assessment yields (override first), or null. */
export function resonanceRateOf(session: SessionRow): ClientResonanceRate | null {
  const r = storedResonance(session);
  if (!r) return null;
  const flags = Array.isArray(r.recommendation.flags) ? r.recommendation.flags.map(String) : [];
  const base = { flags, sessionId: session.id, startedAt: session.startedAt };
  if (r.override && isRate(r.override.rateBpm)) return { rateBpm: r.override.rateBpm, source: 'override', ...base };
  if (isRate(r.recommendation.rateBpm)) return { rateBpm: r.recommendation.rateBpm, source: 'recommendation', ...base };
  return null;
}

/**
 * `lastResonanceRate` — the client's last resonance rate: from their newest COMPLETE resonance
 * session that has a rate (override or recommendation); null when there is none.
 */
export function lastResonanceRate(storage: Storage, clientId: number): ClientResonanceRate | null {
  for (const s of storage.sessions.listByClient(clientId, { order: 'newest' })) {
    if (s.type !== 'resonance' || s.status !== 'complete') continue;
    const rate = resonanceRateOf(s);
    if (rate) return rate;
  }
  return null;
}

/** `toJsonObject` — an assessment as plain JSON for the summary column (drops undefined, NaN → null). */
export function toJsonObject(value: object): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

/**
 * `storeResonance` — put an assessment into a session's summary (keeping the other summary
 * fields, and an existing override). Throws `NotFoundError` for an unknown session and a
 * TypeError for a session that is not of type 'resonance'.
 */
export function storeResonance(storage: Storage, sessionId: number, assessment: ResonanceAssessment | SlidingAssessment): void {
  const s = storage.sessions.require(sessionId);
  if (s.type !== 'resonance') throw new TypeError(`session ${sessionId} is a ${s.type} session, not a resonance assessment`);
  const summary: JsonObject = { ...(s.summary ?? {}) };
  const prev = storedResonance(s);
  const entry = toJsonObject(assessment);
  if (prev?.override) entry.override = toJsonObject(prev.override);
  summary[RESONANCE_SUMMARY_KEY] = entry;
  storage.sessions.setSummary(sessionId, summary);
}

/**
 * `setResonanceOverride` — the therapist chooses `rateBpm` instead of the recommendation (null
 * removes the override). Throws a RangeError for a rate outside the pacer's range, a TypeError
 * for a session without a stored assessment, `NotFoundError` for an unknown session.
 */
export function setResonanceOverride(storage: Storage, sessionId: number, rateBpm: number | null, note = '', now: Date = new Date()): void {
  const s = storage.sessions.require(sessionId);
  const r = storedResonance(s);
  if (!r) throw new TypeError(`session ${sessionId} has no resonance assessment to override`);
  if (rateBpm !== null && !isRate(rateBpm))
    throw new RangeError(`override rate must be ${PACER_MIN_RATE_BPM}–${PACER_MAX_RATE_BPM} breaths/min (got ${String(rateBpm)})`);
  const entry = { ...(s.summary![RESONANCE_SUMMARY_KEY] as JsonObject) };
  if (rateBpm === null) delete entry.override;
  else {
    const o: ResonanceOverride = { rateBpm, note: String(note), at: now.toISOString() };
    entry.override = toJsonObject(o);
  }
  storage.sessions.setSummary(sessionId, { ...s.summary!, [RESONANCE_SUMMARY_KEY]: entry });
}

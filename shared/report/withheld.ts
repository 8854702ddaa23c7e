/**
 * Withheld HRV figures as the reports and the review show them: never a number, greyed, with the
 * reason in the reader's language (`withheldReasonText`, shared/dsp/hrvWithheld.ts). Read
 * generically from `hrvWithheld` (the analysis, the session summary, or stored summary JSON), so
 * every metric the analysis withholds is shown as withheld, whichever it is.
 */
import { asWithheldReason, HRV_METRIC_KEYS, type HrvMetricKey, type HrvWithheld, type WithheldReason } from '../dsp/hrvWithheld.js';

export interface WithheldEntry {
  key: HrvMetricKey;
  reason: WithheldReason;
}

/**
 * The withheld figures of `hrvWithheld` (a typed object or stored JSON), in the order of
 * `HRV_METRIC_KEYS`; unknown keys and reason codes are left out. Never throws.
 */
export function withheldEntries(w: HrvWithheld | Record<string, unknown> | null | undefined): WithheldEntry[] {
  if (!w || typeof w !== 'object' || Array.isArray(w)) return [];
  const out: WithheldEntry[] = [];
  for (const key of HRV_METRIC_KEYS) {
    const reason = asWithheldReason((w as Record<string, unknown>)[key]);
    if (reason) out.push({ key, reason });
  }
  return out;
}

/** The reason `key` is withheld, or null when it is not (or is not an HRV figure). */
export function withheldReasonOf(w: HrvWithheld | Record<string, unknown> | null | undefined, key: string): WithheldReason | null {
  if (!w || typeof w !== 'object' || !(HRV_METRIC_KEYS as readonly string[]).includes(key)) return null;
  return asWithheldReason((w as Record<string, unknown>)[key]);
}

/** Stored summary JSON's `hrvWithheld` as a typed object (only valid keys and reasons). */
export function hrvWithheldOf(summary: Record<string, unknown> | null | undefined): HrvWithheld {
  const out: HrvWithheld = {};
  for (const e of withheldEntries(summary?.hrvWithheld as Record<string, unknown> | undefined)) out[e.key] = e.reason;
  return out;
}

/**
 * HRV withheld: a metric the signal cannot carry is `null`, with the reason in `hrvWithheld`
 * (`analyze --json`, the session summary, the live metrics). Renderers grey it with
 * `withheldReasonText` (Dutch and English). Never a confident number from noise.
 */

/** The HRV figures that may be withheld (the keys of `AnalysisResult.hrv` and the session summary). */
export type HrvMetricKey = 'meanHrBpm' | 'meanNnMs' | 'sdnnMs' | 'rmssdMs' | 'pnn50Pct' | 'vlfMs2' | 'lfMs2' | 'hfMs2' | 'lfHf' | 'lfPeakHz' | 'hfPeakHz';

export const HRV_METRIC_KEYS: readonly HrvMetricKey[] = ['meanHrBpm', 'meanNnMs', 'sdnnMs', 'rmssdMs', 'pnn50Pct', 'vlfMs2', 'lfMs2', 'hfMs2', 'lfHf', 'lfPeakHz', 'hfPeakHz'];

/**
 * Why a metric is withheld:
 * - `below-timing-floor`: not clearly above what the beat-timing noise of this signal alone
 *   would give (`signal.timingNoiseMs`);
 * - `too-much-unusable`: too much of the window had no usable signal;
 * - `too-much-corrected`: too many intervals had to be corrected;
 * - `too-short`: the window is shorter than the metric needs (VLF: 5 min; LF: 2 min; HF: 1 min);
 * - `too-few-beats`: too few NN intervals.
 */
export type WithheldReason = 'below-timing-floor' | 'too-much-unusable' | 'too-much-corrected' | 'too-short' | 'too-few-beats';

export const WITHHELD_REASONS: readonly WithheldReason[] = ['below-timing-floor', 'too-much-unusable', 'too-much-corrected', 'too-short', 'too-few-beats'];

export type HrvWithheld = Partial<Record<HrvMetricKey, WithheldReason>>;

const TEXT: Record<'nl' | 'en', Record<WithheldReason, string>> = {
  nl: {
    'below-timing-floor': 'niet te onderscheiden van de meetruis van de hartslagtiming bij dit signaal',
    'too-much-unusable': 'te veel onbruikbaar signaal',
    'too-much-corrected': 'te veel gecorrigeerde slagen',
    'too-short': 'meting te kort voor deze waarde',
    'too-few-beats': 'te weinig bruikbare slagen',
  },
  en: {
    'below-timing-floor': 'cannot be told apart from this signal’s beat-timing noise',
    'too-much-unusable': 'too much unusable signal',
    'too-much-corrected': 'too many corrected beats',
    'too-short': 'recording too short for this value',
    'too-few-beats': 'too few usable beats',
  },
};

/** The reason in the user's language (one short phrase, no full stop). */
export function withheldReasonText(reason: WithheldReason, locale: 'nl' | 'en'): string {
  return TEXT[locale][reason];
}

/** A reason code from stored or transported data, or null when it is not one. */
export function asWithheldReason(x: unknown): WithheldReason | null {
  return typeof x === 'string' && (WITHHELD_REASONS as readonly string[]).includes(x) ? (x as WithheldReason) : null;
}

/**
 * `clientSummaryFacts` — the numbers behind the plain-language summary for the client, picked and
 * formatted from the session's key figures. The wording itself lives in the message tables; it
 * describes what was measured, in everyday words, and never interprets it as a diagnosis.
 */
import type { PacerSettings } from '../pacer/pacerSettings.js';
import type { ReportFormat } from './reportFormat.js';
import type { ClientSummaryFacts } from './reportMessages.js';
import type { SessionMetrics } from '../dsp/sessionMetrics.js';

/** Below this share of usable signal the summary says the figures are less certain. */
export const LOW_SIGNAL_QUALITY_PCT = 80;
/** Estimated breathing within this many breaths/min of the pacer counts as "close to the pacer". */
export const PACER_MATCH_BPM = 1;

export function clientSummaryFacts(mt: SessionMetrics, pacer: PacerSettings | null, fmt: ReportFormat): ClientSummaryFacts {
  const scored = mt.coherenceSec.low + mt.coherenceSec.medium + mt.coherenceSec.high;
  const pacerRate = pacer ? pacer.rateBpm : null;
  return {
    duration: fmt.duration(mt.analyzedSec),
    meanHr: mt.meanHrBpm !== null ? fmt.num(mt.meanHrBpm, 0) : null,
    pacerRate: pacerRate !== null ? fmt.numShort(pacerRate, 1) : null,
    breathingRate: mt.breathingRateBpm !== null ? fmt.num(mt.breathingRateBpm, 1) : null,
    breathingMatchesPacer:
      pacerRate !== null && mt.breathingRateBpm !== null ? Math.abs(mt.breathingRateBpm - pacerRate) <= PACER_MATCH_BPM : null,
    highPct: scored > 0 ? fmt.pct(mt.coherencePct.high, 0) : null,
    mediumPct: scored > 0 ? fmt.pct(mt.coherencePct.medium, 0) : null,
    coherentShare: scored > 0 ? mt.coherencePct.high + mt.coherencePct.medium : null,
    signalQuality: mt.signalQualityPct !== null ? fmt.pct(mt.signalQualityPct, 0) : null,
    signalQualityLow: mt.signalQualityPct !== null && mt.signalQualityPct < LOW_SIGNAL_QUALITY_PCT,
  };
}

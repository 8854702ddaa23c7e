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

/** Below this share of the session scored, the summary names no percentages and draws no conclusion. */
export const MOSTLY_SCORED_PCT = 50;

/**
 * The coherence sentences speak of the SCORED time only and say how much of the session that was
 * ("Van de 2 min 7 s van deze sessie kon 9 s op coherentie worden beoordeeld"); the time per level
 * is given in minutes and seconds, with its share of the scored time only when at least half of
 * the session was scored: never "100 %" for 9 scored seconds of 127.
 */
export function clientSummaryFacts(mt: SessionMetrics, pacer: PacerSettings | null, fmt: ReportFormat): ClientSummaryFacts {
  const scored = mt.coherenceScoredSec;
  const pacerRate = pacer ? pacer.rateBpm : null;
  const sp = mt.coherenceScoredPct;
  const scoredSharePct = mt.analyzedSec > 0 ? (100 * scored) / mt.analyzedSec : 0;
  const showPct = scored > 0 && scoredSharePct >= MOSTLY_SCORED_PCT;
  return {
    duration: fmt.duration(mt.analyzedSec),
    sessionSpoken: fmt.spokenDuration(mt.analyzedSec),
    meanHr: mt.meanHrBpm !== null && !mt.hrvWithheld?.meanHrBpm ? fmt.num(mt.meanHrBpm, 0) : null,
    pacerRate: pacerRate !== null ? fmt.numShort(pacerRate, 1) : null,
    breathingRate: mt.breathingRateBpm !== null ? fmt.num(mt.breathingRateBpm, 1) : null,
    breathingMatchesPacer:
      pacerRate !== null && mt.breathingRateBpm !== null ? Math.abs(mt.breathingRateBpm - pacerRate) <= PACER_MATCH_BPM : null,
    scoredSpoken: scored > 0 ? fmt.spokenDuration(scored) : null,
    scoredSharePct,
    highSpoken: scored > 0 && mt.coherenceSec.high > 0 ? fmt.spokenDuration(mt.coherenceSec.high) : null,
    mediumSpoken: scored > 0 && mt.coherenceSec.medium > 0 ? fmt.spokenDuration(mt.coherenceSec.medium) : null,
    highPct: showPct ? fmt.pct(sp.high, 0) : null,
    mediumPct: showPct ? fmt.pct(sp.medium, 0) : null,
    coherentShare: scored > 0 ? sp.high + sp.medium : null,
    signalQuality: mt.signalQualityPct !== null ? fmt.pct(mt.signalQualityPct, 0) : null,
    signalQualityLow: mt.signalQualityPct !== null && mt.signalQualityPct < LOW_SIGNAL_QUALITY_PCT,
    anyWithheld: Object.keys(mt.hrvWithheld ?? {}).length > 0,
  };
}

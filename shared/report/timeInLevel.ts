/**
 * Time in each coherence level as displays show it, from a session summary (typed or stored
 * JSON): over the whole session with "not scored" as its own share, plus how much was scored.
 * Summaries written before `coherenceScoredSec` existed (levels as shares of the scored time only)
 * are converted: not scored = analysed duration − scored seconds.
 */
import { sharesPct, type CoherenceLevelTimes, type CoherenceSessionTimes } from '../dsp/sessionMetrics.js';

export interface TimeInLevelView {
  /** Length of the analysed session, s. */
  sessionSec: number;
  /** Seconds in each level and not scored (sum = sessionSec). */
  sec: CoherenceSessionTimes;
  /** Share of the session, % (sums to 100). */
  pct: CoherenceSessionTimes;
  /** Seconds with a coherence score. */
  scoredSec: number;
  /** Share of the scored time in each level, % (all 0 when nothing was scored). */
  scoredPct: CoherenceLevelTimes;
}

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** The time in level of a summary (`coherenceSec`, `analyzedSec`); null when it has none. Never throws. */
export function timeInLevelOf(summary: Record<string, unknown> | null | undefined): TimeInLevelView | null {
  if (!summary || typeof summary !== 'object') return null;
  const secIn = summary.coherenceSec as Record<string, unknown> | null | undefined;
  const analyzed = num(summary.analyzedSec);
  if (!secIn || typeof secIn !== 'object' || analyzed === null) return null;
  const low = num(secIn.low) ?? 0;
  const medium = num(secIn.medium) ?? 0;
  const high = num(secIn.high) ?? 0;
  const scoredSec = low + medium + high;
  const notScored = num(secIn.notScored) ?? Math.max(0, analyzed - scoredSec);
  const sessionSec = scoredSec + notScored;
  const sec: CoherenceSessionTimes = { low, medium, high, notScored };
  const pctIn = summary.coherencePct as Record<string, unknown> | null | undefined;
  // The stored shares when the summary has them (they are the analysis' own), else computed.
  const pct: CoherenceSessionTimes =
    pctIn && typeof pctIn === 'object' && num(pctIn.notScored) !== null
      ? { low: num(pctIn.low) ?? 0, medium: num(pctIn.medium) ?? 0, high: num(pctIn.high) ?? 0, notScored: num(pctIn.notScored)! }
      : sharesPct(sec, sessionSec);
  return { sessionSec, sec, pct, scoredSec, scoredPct: sharesPct({ low, medium, high }, scoredSec) };
}

/**
 * `recommendResonanceRate`: ranks the steps on the six criteria of Shaffer & Meehan 2020
 * (Front. Neurosci. 14:570400) and recommends a rate.
 *
 * Ranking rule (ours; the paper compares the criteria by eye and asks for the rate that meets
 * most of them):
 * 1. Per criterion, each step's value is divided by the best value among the comparable steps
 *    (0–1; 1 = best step on that criterion). Higher is better for the phase index (synchrony ×
 *    closeness to 0°), peak-to-trough HR, LF power, LF peak power and smoothness; for the number
 *    of LF peaks the score is fewest / this step's count (0 peaks = 0).
 * 2. Score = weighted mean × 100, with weight 2 for phase and peak-to-trough — the two that
 *    define resonance most directly (HR in phase with breathing, maximal HR oscillation; Vaschillo
 *    et al. 2002, Lehrer & Gevirtz 2014) — and 1 for the other four.
 * 3. Comparable steps (reliable signal, see `analyzeResonanceStep`) come first, by score; ties
 *    are broken by the number of criteria won, then by peak-to-trough. Steps with a poor signal
 *    follow; they neither set the best values nor get recommended.
 *
 * Flags: 'too-close-to-call' when the best two comparable steps are within
 * `TOO_CLOSE_MARGIN_POINTS` (5 of 100; on the simulator, 36 runs with the resonance at 4.5, 5.5
 * or 6.5, two noise levels, six seeds: the true rate came first in 35 and second-within-the-margin
 * in 1; 20 were clear, 16 flagged — the simulated baroreflex wave makes neighbours genuinely close
 * on some seeds); 'signal-too-poor' when any step is not reliable (no
 * rate at all when fewer than two are); 'off-pace' when the heart rhythm did not follow the pacer
 * in some step (the client may have lost the rhythm — repeat it). The therapist can always
 * override; the ranking and every criterion are in the result for that.
 */
import { rateParam, resonanceReasonText } from './resonanceMessages.js';
import {
  RESONANCE_CRITERIA,
  type ResonanceCriterion,
  type ResonanceFlag,
  type ResonanceMessagePart,
  type ResonanceRankEntry,
  type ResonanceRecommendation,
  type ResonanceStepResult,
} from './types.js';

export const CRITERION_WEIGHTS: Readonly<Record<ResonanceCriterion, number>> = Object.freeze({
  phase: 2,
  peakToTrough: 2,
  lfPower: 1,
  lfPeak: 1,
  smoothness: 1,
  lfPeakCount: 1,
});

/** Best two comparable steps closer than this (points of 100) are "too close to call". */
export const TOO_CLOSE_MARGIN_POINTS = 5;

const EPS = 1e-9;

/** The raw value of a criterion for a step (null = not measured). */
export function criterionValue(step: ResonanceStepResult, c: ResonanceCriterion): number | null {
  switch (c) {
    case 'phase':
      return step.inPhaseIndex;
    case 'peakToTrough':
      return step.peakToTroughBpm;
    case 'lfPower':
      return step.lfPowerMs2;
    case 'lfPeak':
      return step.lfPeakPowerMs2;
    case 'smoothness':
      return step.smoothness;
    case 'lfPeakCount':
      return step.lfPeakCount;
  }
}

/** Normalised criteria (0–1) of every step against the best of `pool`. */
export function normalisedCriteria(steps: readonly ResonanceStepResult[], pool: readonly ResonanceStepResult[]): Record<ResonanceCriterion, number>[] {
  const best = {} as Record<ResonanceCriterion, number>;
  for (const c of RESONANCE_CRITERIA) {
    const vals = pool.map((s) => criterionValue(s, c)).filter((v): v is number => v !== null && Number.isFinite(v) && (c !== 'lfPeakCount' || v >= 1));
    best[c] = vals.length === 0 ? NaN : c === 'lfPeakCount' ? Math.min(...vals) : Math.max(...vals);
  }
  return steps.map((s) => {
    const out = {} as Record<ResonanceCriterion, number>;
    for (const c of RESONANCE_CRITERIA) {
      const v = criterionValue(s, c);
      let x = 0;
      if (v !== null && Number.isFinite(v) && Number.isFinite(best[c])) {
        if (c === 'lfPeakCount') x = v >= 1 ? best[c] / v : 0;
        else x = best[c] > 0 ? Math.max(0, v) / best[c] : 0;
      }
      out[c] = Math.min(1, x);
    }
    return out;
  });
}

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

/** See the file comment. Never throws; an empty list gives no rate. */
export function recommendResonanceRate(steps: readonly ResonanceStepResult[]): ResonanceRecommendation {
  const reliable = steps.filter((s) => s.reliable);
  const pool = reliable.length >= 2 ? reliable : steps;
  const norm = normalisedCriteria(steps, pool);
  const wSum = RESONANCE_CRITERIA.reduce((a, c) => a + CRITERION_WEIGHTS[c], 0);
  const inPool = new Set(pool);
  const entries = steps.map((s, i): Omit<ResonanceRankEntry, 'rank'> => {
    const criteria = norm[i];
    const score = (100 * RESONANCE_CRITERIA.reduce((a, c) => a + CRITERION_WEIGHTS[c] * criteria[c], 0)) / wSum;
    const won = inPool.has(s) ? RESONANCE_CRITERIA.filter((c) => criteria[c] >= 1 - EPS && criterionValue(s, c) !== null) : [];
    return {
      stepIndex: s.index,
      rateBpm: s.rateBpm,
      score: round(score, 1),
      criteria: Object.fromEntries(RESONANCE_CRITERIA.map((c) => [c, round(criteria[c], 3)])) as Record<ResonanceCriterion, number>,
      criteriaWon: won,
      reliable: s.reliable,
      onPace: s.onPace,
    };
  });
  const order = entries
    .map((e, i) => ({ e, s: steps[i] }))
    .sort(
      (a, b) =>
        Number(b.s.reliable) - Number(a.s.reliable) ||
        b.e.score - a.e.score ||
        b.e.criteriaWon.length - a.e.criteriaWon.length ||
        (b.s.peakToTroughBpm ?? 0) - (a.s.peakToTroughBpm ?? 0) ||
        a.s.index - b.s.index,
    );
  const ranking: ResonanceRankEntry[] = order.map(({ e }, k) => ({ rank: k + 1, ...e }));

  const flags: ResonanceFlag[] = [];
  const parts: ResonanceMessagePart[] = [];
  const poorRates = steps.filter((s) => !s.reliable).map((s) => s.rateBpm);
  const offPaceRates = steps.filter((s) => s.reliable && !s.onPace).map((s) => s.rateBpm);
  const canRecommend = reliable.length >= 2;
  const top = canRecommend ? order[0] : null;
  const second = canRecommend ? order[1] : null;
  let margin: number | null = null;
  if (top && second) {
    margin = round(top.e.score - second.e.score, 1);
    const s = top.s;
    parts.push({ key: 'best', params: { rate: rateParam(s.rateBpm), score: round(top.e.score, 0), won: top.e.criteriaWon.length } });
    if (top.e.criteriaWon.length > 0) {
      parts.push({
        key: 'strengths',
        params: {
          criteria: top.e.criteriaWon.join(','),
          lag: round(s.hrLagDeg ?? 0, 0),
          sync: (s.synchrony ?? 0).toFixed(2),
          pt: round(s.peakToTroughBpm ?? 0, 1),
          lf: round(s.lfPowerMs2 ?? 0, 0),
          pk: round(s.lfPeakPowerMs2 ?? 0, 0),
          sm: round(100 * (s.smoothness ?? 0), 0),
          n: s.lfPeakCount ?? 0,
        },
      });
    }
    parts.push({ key: 'runnerUp', params: { rate: rateParam(second.s.rateBpm), score: round(second.e.score, 0) } });
    if (margin < TOO_CLOSE_MARGIN_POINTS) {
      flags.push('too-close-to-call');
      parts.push({
        key: 'tooClose',
        params: {
          rate1: rateParam(s.rateBpm),
          rate2: rateParam(second.s.rateBpm),
          margin: round(margin, 1),
          mid: rateParam((s.rateBpm + second.s.rateBpm) / 2),
        },
      });
    }
  } else {
    parts.push({ key: 'none', params: {} });
  }
  if (poorRates.length > 0 || !canRecommend) {
    flags.push('signal-too-poor');
    if (poorRates.length > 0) parts.push({ key: 'poor', params: { rates: poorRates } });
  }
  if (offPaceRates.length > 0) {
    flags.push('off-pace');
    parts.push({ key: 'offPace', params: { rates: offPaceRates } });
  }
  return {
    rateBpm: top ? top.s.rateBpm : null,
    ranking,
    reason: resonanceReasonText(parts),
    reasonParts: parts,
    flags,
    runnerUpRateBpm: second ? second.s.rateBpm : null,
    scoreMargin: margin,
  };
}

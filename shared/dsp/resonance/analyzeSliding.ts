/**
 * `analyzeSliding`: the sliding resonance-frequency assessment (Fisher & Lehrer 2022): the
 * breathing rate at which the heart-rate swing is largest while the pacer slides breath by
 * breath from 6.75 to 4.25 breaths/min.
 *
 * Method: HR max − min per pacer breath (`hrMaxMinPerBreath`, breaths with a missing beat and
 * breaths starting in the settling time left out) → centred moving average over ±5 usable
 * breaths (≈ 2 min; single-breath swings scatter with beat-to-beat noise and slow rhythms) →
 * its maximum → refined by a least-squares parabola of the LOG per-breath swings against the
 * breath rate within ±1.25 breaths/min of that maximum (a Gaussian peak fit, as in spectral peak
 * interpolation; its vertex, when the parabola opens downward and the vertex lies inside the
 * fitted range). On the simulator (60 runs, resonance 4.5–6.5, two noise levels) the fit finds
 * the resonance within 0.45 breaths/min (mean error 0.14); the moving-average maximum alone is
 * off by up to 0.6, as the simulated baroreflex wave makes the swing scatter by ±10 % while the
 * resonance curve is only ≈ 7 % lower 0.5 breaths/min away. The rate is the pacer rate of the breath, so the
 * build-up lag of RSA after each small rate change (a few seconds) shifts it by far less than the
 * 0.03 breaths/min rate step.
 *
 * Recommendation: the peak rate rounded to 0.1 breaths/min (the pacer's step). Flag
 * 'signal-too-poor' when fewer than `MIN_USABLE_BREATHS_PCT` of the analysed breaths are usable
 * or the beats needed too much correction (same thresholds as a step of the stepped protocol).
 */
import { hrMaxMinPerBreath } from '../hrvTime.js';
import { MAX_CORRECTED_PCT, MIN_SIGNAL_QUALITY_PCT } from './analyzeResonanceStep.js';
import { RESONANCE_METHODS } from './analyzeResonance.js';
import { resonanceNn, windowBeatStats, type ResonanceBeatsInput } from './resonanceBeats.js';
import { rateParam, resonanceReasonText } from './resonanceMessages.js';
import type { SlidingProtocol } from './slidingProtocol.js';
import type { ResonanceFlag, ResonanceMessagePart, SlidingAssessment, SlidingBreathResult } from './types.js';

/** Half-width of the moving average, breaths. */
export const SLIDING_SMOOTH_BREATHS = 5;
/** Half-width of the parabola fit around the smoothed maximum, breaths/min. */
export const SLIDING_FIT_HALF_WIDTH_BPM = 1.25;
/** Fewer usable analysed breaths than this (%) → signal too poor. */
export const MIN_USABLE_BREATHS_PCT = 60;

export const SLIDING_METHOD =
  `HR max − min per pacer breath → centred moving average over ±${SLIDING_SMOOTH_BREATHS} usable breaths → maximum → ` +
  `least-squares parabola of log(max − min) against the breath rate within ±${SLIDING_FIT_HALF_WIDTH_BPM} breaths/min (vertex) (Fisher & Lehrer 2022 protocol)`;

const r = (x: number | null, d: number): number | null => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);

/** Least-squares parabola y = a·x² + b·x + c through the points; null when degenerate. */
export function fitParabola(x: readonly number[], y: readonly number[]): { a: number; b: number; c: number } | null {
  const n = x.length;
  if (n < 3) return null;
  const mx = x.reduce((s, v) => s + v, 0) / n; // centre for conditioning
  let s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0; // prettier-ignore
  for (let i = 0; i < n; i++) {
    const u = x[i] - mx;
    const u2 = u * u;
    s1 += u;
    s2 += u2;
    s3 += u2 * u;
    s4 += u2 * u2;
    t0 += y[i];
    t1 += u * y[i];
    t2 += u2 * y[i];
  }
  // Normal equations for [a, b, c] in u = x − mx.
  const m = [
    [s4, s3, s2, t2],
    [s3, s2, s1, t1],
    [s2, s1, n, t0],
  ];
  for (let c = 0; c < 3; c++) {
    let p = c;
    for (let k = c + 1; k < 3; k++) if (Math.abs(m[k][c]) > Math.abs(m[p][c])) p = k;
    if (!(Math.abs(m[p][c]) > 1e-12)) return null;
    [m[c], m[p]] = [m[p], m[c]];
    for (let k = c + 1; k < 3; k++) {
      const f = m[k][c] / m[c][c];
      for (let j = c; j < 4; j++) m[k][j] -= f * m[c][j];
    }
  }
  const sol = [0, 0, 0];
  for (let k = 2; k >= 0; k--) {
    let v = m[k][3];
    for (let j = k + 1; j < 3; j++) v -= m[k][j] * sol[j];
    sol[k] = v / m[k][k];
  }
  const [a, bu, cu] = sol;
  // Back from u = x − mx to x.
  return { a, b: bu - 2 * a * mx, c: a * mx * mx - bu * mx + cu };
}

export interface AnalyzeSlidingOptions {
  pulseDelaySec?: number;
}

/** See the file comment. `input` times must be on the clock `protocol` was built on. */
export function analyzeSliding(input: ResonanceBeatsInput, protocol: SlidingProtocol, options: AnalyzeSlidingOptions = {}): SlidingAssessment {
  const pulseDelaySec = options.pulseDelaySec ?? input.pulseDelaySec ?? 0;
  const nn = resonanceNn({ ...input, pulseDelaySec });
  const s = protocol.settings;
  const starts = [...protocol.breaths.map((b) => b.startSec), protocol.endSec];
  const pt = hrMaxMinPerBreath(nn.nnTSec, nn.nnMs, starts);
  const analysisStart = protocol.startSec + s.settleSec;
  const per: (number | null)[] = protocol.breaths.map((b, k) =>
    b.startSec + 1e-9 >= analysisStart && Number.isFinite(pt.perBreathBpm[k]) ? pt.perBreathBpm[k] : null,
  );
  const analysed = protocol.breaths.filter((b) => b.startSec + 1e-9 >= analysisStart).length;
  const usable = per.filter((v) => v !== null).length;
  const smoothed = per.map((_, k) => {
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, k - SLIDING_SMOOTH_BREATHS); j <= Math.min(per.length - 1, k + SLIDING_SMOOTH_BREATHS); j++) {
      const v = per[j];
      if (v !== null) {
        sum += v;
        n++;
      }
    }
    return per[k] !== null && n >= SLIDING_SMOOTH_BREATHS + 1 ? sum / n : null;
  });
  let best = -1;
  for (let k = 0; k < smoothed.length; k++) {
    const v = smoothed[k];
    if (v !== null && (best < 0 || v > (smoothed[best] as number))) best = k;
  }
  let peakRate: number | null = null;
  let peakPt: number | null = null;
  if (best >= 0) {
    const coarse = protocol.breaths[best].rateBpm;
    peakRate = coarse;
    peakPt = smoothed[best];
    const xs: number[] = [];
    const ys: number[] = [];
    protocol.breaths.forEach((b, k) => {
      const v = per[k];
      if (v !== null && v > 0 && Math.abs(b.rateBpm - coarse) <= SLIDING_FIT_HALF_WIDTH_BPM + 1e-9) {
        xs.push(b.rateBpm);
        ys.push(Math.log(v));
      }
    });
    const fit = fitParabola(xs, ys);
    if (fit && fit.a < 0) {
      const vertex = -fit.b / (2 * fit.a);
      if (vertex >= Math.min(...xs) && vertex <= Math.max(...xs)) peakRate = vertex;
    }
  }

  const a1 = protocol.endSec;
  const stats = windowBeatStats(nn, Math.min(a1, analysisStart), a1);
  const usablePct = analysed > 0 ? (100 * usable) / analysed : 0;
  const poor = usablePct < MIN_USABLE_BREATHS_PCT || stats.correctedPct > MAX_CORRECTED_PCT || stats.coveragePct < MIN_SIGNAL_QUALITY_PCT;
  const flags: ResonanceFlag[] = [];
  const parts: ResonanceMessagePart[] = [];
  const canRecommend = peakRate !== null && usable >= 2 * SLIDING_SMOOTH_BREATHS + 1;
  if (canRecommend && peakRate !== null) {
    parts.push({
      key: 'slidingBest',
      params: {
        from: rateParam(s.startRateBpm),
        to: rateParam(s.endRateBpm),
        rate: rateParam(peakRate),
        pt: r(peakPt, 1) ?? 0,
        n: 2 * SLIDING_SMOOTH_BREATHS + 1,
      },
    });
    const rates = protocol.breaths.filter((b, k) => per[k] !== null).map((b) => b.rateBpm);
    const lo = Math.min(...rates);
    const hi = Math.max(...rates);
    if (peakRate - lo < 0.25 || hi - peakRate < 0.25) parts.push({ key: 'slidingEdge', params: { rate: rateParam(peakRate) } });
  } else {
    parts.push({ key: 'slidingNone', params: {} });
  }
  if (poor || !canRecommend) {
    flags.push('signal-too-poor');
    parts.push({ key: 'slidingPoor', params: { pct: r(usablePct, 0) ?? 0 } });
  }
  const breaths: SlidingBreathResult[] = protocol.breaths.map((b, k) => ({
    index: b.index,
    startSec: r(b.startSec, 3)!,
    endSec: r(b.endSec, 3)!,
    rateBpm: r(b.rateBpm, 4)!,
    peakToTroughBpm: r(per[k], 2),
    smoothedBpm: r(smoothed[k], 2),
  }));
  return {
    kind: 'sliding',
    breaths,
    peakRateBpm: canRecommend ? r(peakRate, 3) : null,
    peakToTroughBpm: canRecommend ? r(peakPt, 2) : null,
    usableBreaths: usable,
    correctedPct: r(stats.correctedPct, 2)!,
    signalQualityPct: r(stats.coveragePct, 1)!,
    recommendation: {
      rateBpm: canRecommend && peakRate !== null ? Math.round(peakRate * 10) / 10 : null,
      ranking: [],
      reason: resonanceReasonText(parts),
      reasonParts: parts,
      flags,
      runnerUpRateBpm: null,
      scoreMargin: null,
    },
    settings: {
      protocol: { ...s },
      pulseDelaySec,
      thresholds: {
        maxCorrectedPct: MAX_CORRECTED_PCT,
        minSignalQualityPct: MIN_SIGNAL_QUALITY_PCT,
        minUsableBreathsPct: MIN_USABLE_BREATHS_PCT,
        smoothBreaths: SLIDING_SMOOTH_BREATHS,
        fitHalfWidthBpm: SLIDING_FIT_HALF_WIDTH_BPM,
      },
      methods: { nn: RESONANCE_METHODS.nn, sliding: SLIDING_METHOD },
    },
  };
}

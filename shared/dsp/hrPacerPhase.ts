import { cubicSplineResample, resampleLength } from './interpolate.js';
import { DEFAULT_MAX_GAP_SEC, DEFAULT_MIN_COVERAGE, nnWindowQuality } from './nnGaps.js';

/**
 * Phase of heart rate relative to a breathing pacer, and HR–pacer synchrony.
 *
 * Method (sinusoid fit at the pacer rate, cycle by cycle): for every pacer cycle k between two
 * breath starts s_k and s_k+1 (inhalation onsets), the instantaneous HR 60000/NN — each value
 * placed at the MIDPOINT of its interval, which removes the half-interval delay of the usual
 * "closing beat" convention — is resampled at 4 Hz (cubic spline) and fitted by least squares with
 *   HR(t) ≈ a + b·(t − mid) + R·cos(φ(t) − θ_k),   φ(t) = 2π·(t − s_k)/(s_k+1 − s_k),
 * so θ_k is the pacer phase at which HR peaks. The reference is the pacer's lung-volume maximum,
 * the inhale→exhale turn at phase ρ = 2π·inhaleFraction. Per-cycle lag = ρ − θ_k; the result is the
 * circular mean of the unit phasors e^(i·lag_k) (phaseLagDeg, in (−180°, 180°]) and their mean
 * resultant length (synchrony, 0 … 1; Mardia & Jupp 2000). Positive = HR leads (HR peaks before
 * the end of inhalation); 0° = HR in phase with lung volume, the resonance-breathing signature
 * (Vaschillo, Lehrer et al. 2002, Appl. Psychophysiol. Biofeedback 27:1–27).
 *
 * Cycles shorter than 2 s or longer than 30 s, with < 80 % NN coverage or a hole > 3 s are skipped.
 */

export interface HrPacerPhaseOptions {
  /** Fraction of the cycle spent inhaling (default 0.5). */
  inhaleFraction?: number;
  fsHz?: number;
  maxGapSec?: number;
  minCoverage?: number;
  /** Cycles needed for a result (default 2). */
  minCycles?: number;
}

export interface HrPacerPhaseResult {
  /** Mean phase of HR relative to the pacer, degrees; positive = HR leads. Null when too few cycles. */
  phaseLagDeg: number | null;
  /** Mean resultant length of the per-cycle phase lags, 0 … 1 (1 = identical phase every cycle). */
  synchrony: number | null;
  /** Usable cycles. */
  cycles: number;
  /** Mean pacer frequency over the usable cycles, Hz. */
  pacerHz: number | null;
  /** Mean fitted HR oscillation, peak-to-trough (2R), bpm. */
  hrAmplitudeBpm: number | null;
}

/** Solves the 4×4 system A·x = y in place (Gaussian elimination, partial pivoting); false if singular. */
function solve4(A: Float64Array, y: Float64Array): boolean {
  for (let c = 0; c < 4; c++) {
    let p = c;
    for (let r = c + 1; r < 4; r++) if (Math.abs(A[r * 4 + c]) > Math.abs(A[p * 4 + c])) p = r;
    if (!(Math.abs(A[p * 4 + c]) > 1e-12)) return false;
    if (p !== c) {
      for (let k = 0; k < 4; k++) {
        const tmp = A[c * 4 + k];
        A[c * 4 + k] = A[p * 4 + k];
        A[p * 4 + k] = tmp;
      }
      const tmp = y[c];
      y[c] = y[p];
      y[p] = tmp;
    }
    for (let r = c + 1; r < 4; r++) {
      const f = A[r * 4 + c] / A[c * 4 + c];
      for (let k = c; k < 4; k++) A[r * 4 + k] -= f * A[c * 4 + k];
      y[r] -= f * y[c];
    }
  }
  for (let r = 3; r >= 0; r--) {
    let v = y[r];
    for (let k = r + 1; k < 4; k++) v -= A[r * 4 + k] * y[k];
    y[r] = v / A[r * 4 + r];
  }
  return true;
}

/** See the file comment. Never throws on data; too few usable cycles give nulls. */
export function hrPacerPhase(
  tSec: ArrayLike<number>,
  ibiMs: ArrayLike<number>,
  pacerBreathStartsSec: ArrayLike<number>,
  options: HrPacerPhaseOptions = {},
): HrPacerPhaseResult {
  const inhaleFraction = options.inhaleFraction ?? 0.5;
  const fsHz = options.fsHz ?? 4;
  const maxGapSec = options.maxGapSec ?? DEFAULT_MAX_GAP_SEC;
  const minCoverage = options.minCoverage ?? DEFAULT_MIN_COVERAGE;
  const minCycles = Math.max(1, options.minCycles ?? 2);
  const n = Math.min(tSec.length, ibiMs.length);
  const mid = new Float64Array(n);
  const hr = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ibi = ibiMs[i];
    mid[i] = ibi > 0 ? tSec[i] - ibi / 2000 : NaN;
    hr[i] = ibi > 0 ? 60000 / ibi : NaN;
  }
  const rho = 2 * Math.PI * inhaleFraction;
  const A = new Float64Array(16);
  const y = new Float64Array(4);
  const basis = new Float64Array(4);
  let buf = new Float64Array(0);
  let sumC = 0;
  let sumS = 0;
  let sumAmp = 0;
  let sumHz = 0;
  let cycles = 0;
  for (let k = 0; k + 1 < pacerBreathStartsSec.length; k++) {
    const s0 = pacerBreathStartsSec[k];
    const s1 = pacerBreathStartsSec[k + 1];
    const T = s1 - s0;
    if (!Number.isFinite(T) || T < 2 || T > 30) continue;
    const q = nnWindowQuality(tSec, ibiMs, s0, s1);
    if (q.beats < 2 || q.maxHoleSec > maxGapSec || q.coverage < minCoverage) continue;
    const len = resampleLength(fsHz, s0, s1);
    if (buf.length !== len) buf = new Float64Array(len);
    const x = cubicSplineResample(mid, hr, fsHz, s0, s1, { out: buf, marginSec: maxGapSec });
    A.fill(0);
    y.fill(0);
    let ok = true;
    for (let i = 0; i < len; i++) {
      const t = s0 + i / fsHz;
      const phi = (2 * Math.PI * (t - s0)) / T;
      const v = x[i];
      if (!Number.isFinite(v)) {
        ok = false;
        break;
      }
      basis[0] = 1;
      basis[1] = (t - s0) / T - 0.5;
      basis[2] = Math.cos(phi);
      basis[3] = Math.sin(phi);
      for (let r = 0; r < 4; r++) {
        y[r] += basis[r] * v;
        for (let c = 0; c < 4; c++) A[r * 4 + c] += basis[r] * basis[c];
      }
    }
    if (!ok || !solve4(A, y)) continue;
    const b = y[2];
    const c = y[3];
    const amp = Math.hypot(b, c);
    if (!(amp > 0)) continue;
    const theta = Math.atan2(c, b); // HR peak phase: b·cos φ + c·sin φ = R·cos(φ − θ)
    const lag = rho - theta;
    sumC += Math.cos(lag);
    sumS += Math.sin(lag);
    sumAmp += 2 * amp;
    sumHz += 1 / T;
    cycles++;
  }
  if (cycles < minCycles) return { phaseLagDeg: null, synchrony: null, cycles, pacerHz: null, hrAmplitudeBpm: null };
  let deg = (Math.atan2(sumS, sumC) * 180) / Math.PI;
  if (deg <= -180) deg += 360;
  return {
    phaseLagDeg: deg,
    synchrony: Math.hypot(sumC, sumS) / cycles,
    cycles,
    pacerHz: sumHz / cycles,
    hrAmplitudeBpm: sumAmp / cycles,
  };
}

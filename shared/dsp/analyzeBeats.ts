import { coherenceSeries, COHERENCE_SETTINGS } from './coherence.js';
import { hrvFrequency } from './hrvFrequency.js';
import { hrvTime } from './hrvTime.js';
import { intervalsCorrect, DEFAULT_CORRECTION } from './intervalsCorrect.js';
import { respirationFromHr } from './respiration.js';
import { breaksFromIntervals, totalSec, MIN_BEAT_QUALITY, type Interval } from './signalGaps.js';
import type { BeatSeries } from './respiration.js';
import type { AnalysisResult } from './types.js';

export interface BeatsInput {
  /** Raw detected beat times, ascending, seconds. */
  beatsSec: ArrayLike<number>;
  /** Per-beat quality 0..1 (1 when the source gives no quality, e.g. RR files). */
  quality: ArrayLike<number>;
  unusable: Interval[];
  durationSec: number;
  fsHz: number | null;
  /**
   * Per beat: the time NN intervals are measured at (PPG: the detector's causal per-beat fiducial,
   * `DetectedBeat.tFidSec`); default `beatsSec`. Must stay within a few ms of `beatsSec`.
   */
  fiducialSec?: ArrayLike<number>;
  /** How `fiducialSec` was chosen, reported as settings.nnFiducial. */
  fiducialSettings?: Record<string, unknown>;
  /** Optional PPG respiratory modulations per beat (for the respiration estimate): pulse amplitude (RIAV) and level (RIIV). */
  amplitude?: ArrayLike<number>;
  level?: ArrayLike<number>;
  settings?: Record<string, unknown>;
}

/** The beat times NN intervals are measured at: `fiducialSec` where it is finite and keeps the order, else the beat time. */
function nnTimes(beatsSec: ArrayLike<number>, fiducialSec: ArrayLike<number> | undefined): Float64Array {
  const t = Float64Array.from(beatsSec);
  if (!fiducialSec || fiducialSec.length !== t.length) return t;
  for (let i = 0; i < t.length; i++) {
    const f = fiducialSec[i] as number;
    if (Number.isFinite(f) && Math.abs(f - t[i]!) < 0.1 && (i === 0 || f > t[i - 1]!)) t[i] = f;
  }
  return t;
}

/** Offline breathing-rate series step: the estimate uses a 60 s window, so 5 s points lose nothing. */
export const RESPIRATION_STEP_SEC = 5;

const round = (x: number, d = 3): number => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);

/**
 * `analyzeBeats` — everything downstream of beat detection, shared by PPG and RR-file analysis
 * and by the live worker: artifact correction → NN series → time- and frequency-domain HRV,
 * coherence series and breathing rate.
 */
export function analyzeBeats(input: BeatsInput): AnalysisResult {
  const breaks = breaksFromIntervals(input.beatsSec, input.unusable);
  const fidSec = nnTimes(input.beatsSec, input.fiducialSec);
  const corr = intervalsCorrect(fidSec, breaks);
  const nnT = corr.nnTSec;
  const nnMs = corr.nnMs;
  // Successive differences only between intervals that are truly consecutive (no gap between them).
  const consecutive: boolean[] = new Array<boolean>(nnMs.length).fill(false);
  for (let i = 1; i < nnMs.length; i++) {
    consecutive[i] = Math.abs(nnT[i]! - nnMs[i]! / 1000 - nnT[i - 1]!) < 1e-6;
  }
  const time = hrvTime(nnMs, consecutive);
  const freq = hrvFrequency(nnT, nnMs);
  const coh = coherenceSeries(nnT, nnMs, { stepSec: 1 });
  const trusted = (i: number): boolean => (input.quality[i] as number) >= MIN_BEAT_QUALITY;
  const beatSeries = (v: ArrayLike<number> | undefined): BeatSeries | undefined => {
    if (!v) return undefined;
    const t: number[] = [];
    const x: number[] = [];
    for (let i = 0; i < v.length; i++) {
      if (trusted(i) && Number.isFinite(v[i] as number)) {
        t.push(input.beatsSec[i] as number);
        x.push(v[i] as number);
      }
    }
    return { tSec: t, value: x };
  };
  // Breathing rate: heart-rate spectrum fused with the PPG's respiratory modulations where the
  // source is PPG (on the team's recordings this took neurokit's median error from 3.7 to 0.5 breaths/min).
  const amplitude = beatSeries(input.amplitude);
  const baseline = beatSeries(input.level);
  const resp = respirationFromHr(nnT, nnMs, { windowSec: 60, stepSec: RESPIRATION_STEP_SEC, ...(amplitude ? { amplitude } : {}), ...(baseline ? { baseline } : {}) });
  const cohVals = coh.filter((p) => p.ratio !== null).map((p) => p.ratio as number);
  const unusableSec = totalSec(input.unusable);
  return {
    durationSec: round(input.durationSec),
    fsHz: input.fsHz,
    beats: {
      tSec: Array.from(input.beatsSec, (t) => round(t, 4)),
      quality: Array.from(input.quality, (q) => round(q, 3)),
      ibiTSec: Array.from(fidSec, (t) => round(t, 4)),
    },
    nn: { tSec: Array.from(nnT, (t) => round(t, 4)), ibiMs: Array.from(nnMs, (v) => round(v, 2)) },
    artifacts: { corrected: corr.counts.corrected, percent: round(corr.percent, 2) },
    hrv: {
      meanHrBpm: round(time.meanHrBpm, 2),
      meanNnMs: round(time.meanNnMs, 2),
      sdnnMs: round(time.sdnnMs, 2),
      rmssdMs: round(time.rmssdMs, 2),
      pnn50Pct: round(time.pnn50Pct, 2),
      vlfMs2: round(freq.vlfMs2, 2),
      lfMs2: round(freq.lfMs2, 2),
      hfMs2: round(freq.hfMs2, 2),
      lfHf: round(freq.lfHf, 3),
      lfPeakHz: round(freq.lfPeakHz, 4),
      hfPeakHz: round(freq.hfPeakHz, 4),
    },
    coherence: {
      ratioMean: cohVals.length ? round(cohVals.reduce((a, b) => a + b, 0) / cohVals.length) : null,
      series: coh.map((p) => ({ tSec: p.tSec, ratio: p.ratio === null ? null : round(p.ratio), level: p.level })),
    },
    respiration: {
      rateBpmMean: resp.rateBpmMean === null ? null : round(resp.rateBpmMean, 2),
      series: resp.series.map((p) => ({ tSec: p.tSec, rateBpm: p.rateBpm === null ? null : round(p.rateBpm, 2) })),
    },
    signal: {
      unusableSec: round(unusableSec, 2),
      unusablePct: round(input.durationSec > 0 ? (100 * unusableSec) / input.durationSec : 0, 2),
      gaps: input.unusable.map((g) => ({ startSec: round(g.startSec, 3), endSec: round(g.endSec, 3) })),
    },
    settings: {
      ...input.settings,
      artifactCorrection: {
        method: 'Lipponen & Tarvainen 2019 (Kubios automatic): ectopic, missed, extra, long/short',
        ...DEFAULT_CORRECTION,
        counts: corr.counts,
      },
      nnFiducial: input.fiducialSettings ?? { used: 'systolic-peak' },
      hrvTime: 'mean NN, mean HR (mean of 60000/NN), SDNN (n−1), RMSSD and pNN50 over consecutive NN only',
      hrvFrequency: freq.settings,
      coherence: COHERENCE_SETTINGS,
      respiration: { ...resp.settings, sources: ['heart rate (RSA)', ...(amplitude ? ['pulse amplitude (RIAV)'] : []), ...(baseline ? ['pulse level (RIIV)'] : [])] },
    },
  };
}

import type { BeatFeature } from './BeatEngine.js';
import { coherenceSeries, COHERENCE_SETTINGS } from './coherence.js';
import { hrvFrequency } from './hrvFrequency.js';
import { hrvTime } from './hrvTime.js';
import { DEFAULT_CORRECTION } from './intervalsCorrect.js';
import type { NnBeat, NnStream } from './NnStream.js';
import { SUPPORT } from './NnStream.js';
import { respirationFromHr, type BeatSeries } from './respiration.js';
import { extraSecOutside, mergeIntervals, totalSec, untimedSpans, MIN_BEAT_QUALITY, type Interval } from './signalGaps.js';
import { hrvWithhold, WITHHOLD_LIMITS } from './hrvWithhold.js';
import { HRV_METRIC_KEYS, type HrvWithheld } from './hrvWithheld.js';
import { timingNoiseMs } from './timingNoise.js';
import type { AnalysisResult, HrvMetrics } from './types.js';
import { BeatFlag } from '../domain/beatFlags.js';

export interface NnInput {
  /** The engine's final NN beats, time order (BeatEngine / NnStream). */
  beats: readonly NnBeat[];
  /** Raw detections with their PPG features (PPG only; for the respiration estimate). */
  detections?: readonly BeatFeature[];
  /** Unusable stretches (any order; merged here). */
  unusable: readonly Interval[];
  /** Channel time of the first sample / interval start, s. */
  startSec: number;
  durationSec: number;
  fsHz: number | null;
  counts: NnStream['counts'];
  /** How the NN fiducial was chosen (settings.nnFiducial). */
  fiducialSettings?: Record<string, unknown>;
  settings?: Record<string, unknown>;
}

/** Offline breathing-rate series step: the estimate uses a 60 s window, so 5 s points lose nothing. */
export const RESPIRATION_STEP_SEC = 5;

const round = (x: number, d = 3): number => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);

/**
 * `analyzeNn` — everything downstream of the beat engine (`BeatEngine`), shared by PPG and RR
 * analysis: the final NN series → time- and frequency-domain HRV, coherence series and breathing
 * rate, with the signal's unusable stretches and the correction counts.
 */
export function analyzeNn(input: NnInput): AnalysisResult {
  const nnTList: number[] = [];
  const nnList: number[] = [];
  const consecutive: boolean[] = [];
  for (const b of input.beats) {
    if (b.ibiMs === null) continue;
    // Successive differences only between intervals that are truly consecutive (no gap between them).
    const prev = nnTList[nnTList.length - 1];
    consecutive.push(prev !== undefined && Math.abs(b.fidSec - b.ibiMs / 1000 - prev) < 1e-6);
    nnTList.push(b.fidSec);
    nnList.push(b.ibiMs);
  }
  const nnT = Float64Array.from(nnTList);
  const nnMs = Float64Array.from(nnList);
  const time = hrvTime(nnMs, consecutive);
  const freq = hrvFrequency(nnT, nnMs);
  const coh = coherenceSeries(nnT, nnMs, { stepSec: 1 });
  const raw = input.beats.filter((b) => (b.flags & BeatFlag.interpolated) === 0);
  const det = input.detections ?? [];
  const beatSeries = (pick: (d: BeatFeature) => number): BeatSeries | undefined => {
    if (!input.detections) return undefined;
    const t: number[] = [];
    const x: number[] = [];
    for (const d of det) {
      const v = pick(d);
      if (d.quality >= MIN_BEAT_QUALITY && Number.isFinite(v)) {
        t.push(d.tSec);
        x.push(v);
      }
    }
    return { tSec: t, value: x };
  };
  // Breathing rate: heart-rate spectrum fused with the PPG's respiratory modulations where the
  // source is PPG (on the team's recordings this took neurokit's median error from 3.7 to 0.5 breaths/min).
  const amplitude = beatSeries((d) => d.amplitude);
  const baseline = beatSeries((d) => d.level);
  const resp = respirationFromHr(nnT, nnMs, { windowSec: 60, stepSec: RESPIRATION_STEP_SEC, ...(amplitude ? { amplitude } : {}), ...(baseline ? { baseline } : {}) });
  const unusable = mergeIntervals([...input.unusable]);
  const corr = input.counts;
  const percent = corr.beats > 0 ? (100 * corr.corrected) / corr.beats : 0;
  const cohVals = coh.filter((p) => p.ratio !== null).map((p) => p.ratio as number);
  const unusableSec = totalSec(unusable);
  const unusablePct = input.durationSec > 0 ? (100 * unusableSec) / input.durationSec : 0;
  const untimed = untimedSpans(
    raw.map((b) => b.tSec),
    raw.map((b) => (b.flags & BeatFlag.untimed) !== 0),
  );
  // What the signal can carry: the beat-timing noise floor from the detections themselves, then
  // the figures withheld (null in JSON) with their reasons.
  const noiseMs = input.detections ? timingNoiseMs(input.detections) : null;
  const hrv: HrvMetrics = {
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
  };
  const withheld: HrvWithheld = hrvWithhold({
    durationSec: input.durationSec,
    unusablePct,
    correctedPct: percent,
    untimedPct: input.durationSec > 0 ? (100 * extraSecOutside(unusable, untimed, -Infinity, Infinity)) / input.durationSec : 0,
    nnCount: nnMs.length,
    rmssdMs: time.rmssdMs,
    timingNoiseMs: noiseMs,
  });
  for (const k of HRV_METRIC_KEYS) if (withheld[k]) hrv[k] = Number.NaN;
  return {
    durationSec: round(input.durationSec),
    fsHz: input.fsHz,
    beats: {
      tSec: raw.map((b) => round(b.tSec, 4)),
      quality: raw.map((b) => round(b.quality ?? 1, 3)),
      ibiTSec: raw.map((b) => round(b.fidSec, 4)),
    },
    nn: { tSec: Array.from(nnT, (t) => round(t, 4)), ibiMs: Array.from(nnMs, (v) => round(v, 2)) },
    artifacts: { corrected: corr.corrected, percent: round(percent, 2) },
    hrv,
    hrvWithheld: withheld,
    coherence: {
      ratioMean: cohVals.length ? round(cohVals.reduce((a, b) => a + b, 0) / cohVals.length) : null,
      series: coh.map((p) => ({ tSec: p.tSec, ratio: p.ratio === null ? null : round(p.ratio), level: p.level })),
    },
    respiration: {
      rateBpmMean: resp.rateBpmMean === null ? null : round(resp.rateBpmMean, 2),
      series: resp.series.map((p) => ({ tSec: p.tSec, rateBpm: p.rateBpm === null ? null : round(p.rateBpm, 2), ...(p.reason ? { reason: p.reason } : {}) })),
    },
    signal: {
      unusableSec: round(unusableSec, 2),
      unusablePct: round(unusablePct, 2),
      gaps: unusable.map((g) => ({ startSec: round(g.startSec, 3), endSec: round(g.endSec, 3) })),
      timingNoiseMs: noiseMs === null ? null : round(noiseMs, 2),
    },
    settings: {
      ...input.settings,
      artifactCorrection: {
        method:
          'Lipponen & Tarvainen 2019 (Kubios automatic): ectopic, missed, extra, long/short; the two intervals at an ectopic beat, ' +
          'and at a beat whose pulse fiducials disagree (discordant), left out',
        ...DEFAULT_CORRECTION,
        supportBeats: SUPPORT,
        counts: { ectopic: corr.ectopic, missed: corr.missed, extra: corr.extra, longshort: corr.longshort, halfrate: corr.halfrate, outlier: corr.outlier, unclassified: corr.unclassified, discordant: corr.discordant, corrected: corr.corrected },
      },
      nnFiducial: input.fiducialSettings ?? { used: 'none: intervals from the sensor' },
      hrvTime: 'mean NN, mean HR (mean of 60000/NN), SDNN (n−1), RMSSD and pNN50 over consecutive NN only',
      hrvWithheld: {
        rules: 'null with a reason (hrvWithheld) when: too few NN; too much unusable or corrected; too short for the band; RMSSD below 2 × the RMSSD the timing noise alone gives (√6 × signal.timingNoiseMs)',
        limits: WITHHOLD_LIMITS,
        timingNoise: 'largest robust SD of the beat-to-beat change between two of the three pulse timings (systolic peak, steepest upstroke, template alignment) / √2',
      },
      hrvFrequency: freq.settings,
      coherence: COHERENCE_SETTINGS,
      respiration: { ...resp.settings, sources: ['heart rate (RSA)', ...(amplitude ? ['pulse amplitude (RIAV)'] : []), ...(baseline ? ['pulse level (RIIV)'] : [])] },
    },
  };
}

import { analyzeNn } from './analyzeNn.js';
import { BeatEngine, type BeatFeature, type EngineUpdate } from './BeatEngine.js';
import { DEFAULT_NN_FIDUCIAL } from './nnFiducial.js';
import { DEFAULT_DP } from './BeatSequenceDp.js';
import { DEFAULT_PPG_CLEAN } from './ppgClean.js';
import { PpgPeakDetector, type PeakDetectorSettings } from './ppgFindPeaks.js';
import { sequenceFromChunks, type TimedChunk } from './sampleTimeline.js';
import { mergeIntervals, totalSec, MIN_BEAT_QUALITY } from './signalGaps.js';
import type { AnalysisResult } from './types.js';
import type { ErrorCode } from '../i18n/CadansError.js';

/**
 * Input the analysis cannot work with (as opposed to poor signal quality, which is data). `message`
 * is the English line (logs, stored summaries, `--json`-less English CLI); a coded one also carries
 * `code` and `params` (an `analysis.*` error code), so `errorText` / the CLI show it in the user's
 * language (the i18n catalogues are not imported here: this module also runs in the analysis worker).
 */
export class AnalysisInputError extends Error {
  override readonly name = 'AnalysisInputError';
  readonly code?: ErrorCode;
  /** Numbers travel as numbers: the catalogue formats them in the user's language (nl "49,8", en "49.8"). */
  readonly params?: Record<string, string | number>;
  constructor(message: string, coded?: { code: ErrorCode; params: Record<string, string | number> }) {
    super(message);
    if (coded) {
      this.code = coded.code;
      this.params = coded.params;
    }
  }
}

/**
 * Where the sample rate came from, for the hints of the errors that doubt it: the CLI's `--fs` (or
 * the file's time column) for `analyzePpg`, the sensor for a stored session (`analyzeChunks`).
 */
type RateOption = 'fs' | 'sensor';

/** Minimum usable signal for an analysis, seconds. */
export const MIN_USABLE_SEC = 10;

/**
 * `analyzePpg` — offline analysis of a whole PPG recording sampled at `fsHz` (sample 0 at t = 0):
 * `analyzeChunks` on one chunk.
 */
export function analyzePpg(values: ArrayLike<number>, fsHz: number, opts: PeakDetectorSettings = {}): AnalysisResult {
  return analyzeTimed([{ t0Sec: 0, fsHz, values }], opts, 'fs');
}

/**
 * `analyzeChunks` — offline analysis of timed PPG chunks (a stored session: each chunk with its
 * start on the channel clock and the rate it was timed with): the same `BeatEngine` as the live
 * worker (beats, unusable stretches, artifact-corrected NN series), then HRV, coherence and
 * breathing rate (`analyzeNn`). Throws {@link AnalysisInputError} for input that cannot be analysed
 * (too short, flat line, no plausible pulse at this sample rate).
 */
export function analyzeChunks(chunks: readonly TimedChunk[], opts: PeakDetectorSettings = {}): AnalysisResult {
  return analyzeTimed(chunks, opts, 'sensor');
}

/** `analyzeChunks`, its refusals naming `rate` (the CLI's `--fs`, or the sensor's rate) where they doubt the sample rate. */
function analyzeTimed(chunks: readonly TimedChunk[], opts: PeakDetectorSettings, rate: RateOption): AnalysisResult {
  const seq = sequenceFromChunks(chunks);
  const values = seq.values;
  const fsHz = seq.timeline.firstFsHz;
  if (!(fsHz >= 20 && fsHz <= 2000)) throw new AnalysisInputError(`sample rate ${fsHz} Hz is not supported (20–2000 Hz)`, { code: 'analysis.rateUnsupported', params: { fs: fsHz } });
  const n = values.length;
  let valid = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v === v) {
      valid++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (valid / fsHz < MIN_USABLE_SEC) {
    const sec = (valid / fsHz).toFixed(1);
    throw new AnalysisInputError(`only ${sec} s of signal at ${fsHz} Hz; at least ${MIN_USABLE_SEC} s is needed`, {
      code: 'analysis.tooShort',
      params: { sec: Number(sec), fs: fsHz, min: String(MIN_USABLE_SEC) },
    });
  }
  if (!(max > min)) throw new AnalysisInputError('the signal is a flat line (every sample has the same value): no pulse to analyse', { code: 'analysis.flat', params: {} });
  const engine = new BeatEngine({ detector: opts });
  const u: EngineUpdate = { final: [], unusable: [], detections: [] };
  for (const c of chunks) if (c.values.length > 0) engine.pushChunk(c, u);
  engine.flush(u);
  const startSec = seq.timeline.startSec;
  const durationSec = seq.timeline.endSec - startSec;
  const beats = u.detections;
  const unusable = mergeIntervals(u.unusable);
  const usableSec = durationSec - totalSec(unusable);
  if (beats.length < 5 || usableSec < MIN_USABLE_SEC) {
    const median = beats.length >= 2 ? medianIbiSec(beats.map((b) => b.tSec)).toFixed(2) : 'none';
    const usable = usableSec.toFixed(1);
    const duration = durationSec.toFixed(1);
    const params = { usable: Number(usable), duration: Number(duration), fs: fsHz, median: median === 'none' ? median : Number(median), rate };
    throw new AnalysisInputError(
      `no usable pulse found: ${usable} s usable of ${duration} s at ${fsHz} Hz${median === 'none' ? '' : ` (median interval ${median} s)`}` +
        (rate === 'fs' ? '; check the signal column and --fs' : ''),
      { code: 'analysis.noUsablePulse', params },
    );
  }
  const med = medianIbiSec(beats.map((b) => b.tSec));
  const pulseShare = pulseShareOfRange(values, beats.filter((b) => b.quality >= MIN_BEAT_QUALITY).map((b) => b.amplitude));
  if (pulseShare < MIN_PULSE_SHARE) {
    const pct = (100 * pulseShare).toFixed(0);
    throw new AnalysisInputError(
      `no pulse in the heart-rate band at ${fsHz} Hz (the pulses found are ${pct} % of the signal's range): is the sample rate${rate === 'fs' ? ' (--fs)' : ''} right?`,
      { code: 'analysis.noPulseBand', params: { fs: fsHz, pct: Number(pct), rate } },
    );
  }
  if (med < 60 / 240 || med > 60 / 25) {
    const bpm = (60 / med).toFixed(0);
    throw new AnalysisInputError(`implausible heart rate (${bpm} bpm) at ${fsHz} Hz: is the sample rate${rate === 'fs' ? ' (--fs)' : ''} right?`, {
      code: 'analysis.implausibleRate',
      params: { bpm: Number(bpm), fs: fsHz, rate },
    });
  }
  const lookAheadSec = new PpgPeakDetector(fsHz, opts).lookAheadSec;
  return analyzeNn({
    beats: u.final,
    detections: beats,
    fiducialSettings: nnFiducialSettings(beats),
    unusable,
    startSec,
    durationSec,
    fsHz,
    counts: engine.counts,
    settings: {
      input: 'ppg',
      beatDetection: {
        method:
          `linear-phase band-pass, −3 dB at 0.8 and 4.5 Hz (3 cascaded boxcars low-pass, 2 × ${DEFAULT_PPG_CLEAN.baselineBoxSec} s boxcar baseline removal) → systolic-peak candidates ` +
          '(local maxima with upstroke) → dynamic-programming beat-sequence selection → parabolic sub-sample peak time',
        lowPassBoxSec: DEFAULT_PPG_CLEAN.lowPassBoxSec,
        baselineBoxSec: DEFAULT_PPG_CLEAN.baselineBoxSec,
        dp: { ...DEFAULT_DP, ...opts.dp },
        lookAheadSec: Math.round(lookAheadSec * 1000) / 1000,
        beatQuality: `template correlation × relative amplitude; beats < ${MIN_BEAT_QUALITY} are not trusted`,
      },
      timing: { clock: 'channel clock: sample count at the estimated true rate of each stored chunk', rateHz: fsHz, chunks: chunks.length },
    },
  });
}

/**
 * A PPG's pulse dominates its raw range (median trusted upstroke ≥ 0.44 × the 5–95 % range on
 * every recording and simulation tried); when the sample rate is wrong by a large factor the
 * real pulses fall outside the detector's band and only ripples remain (≤ 0.10 at 10 ×).
 */
export const MIN_PULSE_SHARE = 0.12;

function pulseShareOfRange(values: ArrayLike<number>, upstrokes: number[]): number {
  if (upstrokes.length === 0) return 0;
  upstrokes.sort((a, b) => a - b);
  const step = Math.max(1, Math.floor(values.length / 20000));
  const picked = new Float64Array(Math.ceil(values.length / step));
  let n = 0;
  for (let i = 0; i < values.length; i += step) {
    const v = values[i] as number;
    if (v === v) picked[n++] = v;
  }
  const sample = picked.subarray(0, n).sort(); // numeric typed-array sort: the same percentiles
  const range = sample[Math.floor(sample.length * 0.95)]! - sample[Math.floor(sample.length * 0.05)]!;
  return range > 0 ? upstrokes[upstrokes.length >> 1]! / range : 0;
}

/** settings.nnFiducial of a PPG analysis: the per-beat fiducials used and how they were chosen. */
function nnFiducialSettings(beats: readonly BeatFeature[]): Record<string, unknown> {
  const counts: Record<string, number> = {};
  for (const b of beats) counts[b.fiducial] = (counts[b.fiducial] ?? 0) + 1;
  const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return {
    used: top && top[1] >= 0.95 * beats.length ? top[0] : 'per-beat',
    counts,
    rule:
      `per beat, causal: of the systolic peak, the maximum upstroke slope and the whole-pulse template alignment, the one with the smallest ` +
      `median |successive interval difference| over the last ${DEFAULT_NN_FIDUCIAL.windowBeats} beats (switch below ${DEFAULT_NN_FIDUCIAL.switchRatio} × the current one's; ` +
      `the template alignment until one has ${DEFAULT_NN_FIDUCIAL.minDiffs} differences to judge by), ` +
      'expressed at the systolic peak (+ its running median lag)',
  };
}

export function medianIbiSec(tSec: readonly number[]): number {
  const d: number[] = [];
  for (let i = 1; i < tSec.length; i++) d.push(tSec[i]! - tSec[i - 1]!);
  d.sort((a, b) => a - b);
  return d.length ? d[d.length >> 1]! : NaN;
}

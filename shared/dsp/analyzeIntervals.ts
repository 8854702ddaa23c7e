import { analyzeNn } from './analyzeNn.js';
import { AnalysisInputError, MIN_USABLE_SEC } from './analyzePpg.js';
import { BeatEngine, type EngineUpdate } from './BeatEngine.js';
import type { AnalysisResult } from './types.js';

/**
 * `analyzeIntervals` — analysis of an RR/IBI series (Kubios, Polar, Elite HRV exports, or a BLE
 * strap): beat times are the cumulative sum of the intervals from t = 0, quality 1; then the same
 * engine (artifact correction, NN series) and metrics as for PPG.
 */
export function analyzeIntervals(ibiMs: ArrayLike<number>, opts: { fromSensor?: boolean } = {}): AnalysisResult {
  const n = ibiMs.length;
  let t = 0;
  for (let i = 0; i < n; i++) {
    const v = ibiMs[i] as number;
    if (!(v > 0)) {
      throw new AnalysisInputError(`interval ${i + 1} is not a positive number (${v})`, { code: 'analysis.badInterval', params: { index: String(i + 1), got: String(v) } });
    }
    t += v / 1000;
  }
  if (t < MIN_USABLE_SEC) throw tooShort('intervals', t);
  const engine = new BeatEngine({ fromSensor: opts.fromSensor });
  const u: EngineUpdate = { final: [], unusable: [], detections: [] };
  engine.pushIntervals(Array.from(ibiMs), 0, u);
  engine.flush(u);
  return analyzeNn({
    beats: u.final,
    unusable: u.unusable,
    startSec: 0,
    durationSec: t,
    fsHz: null,
    counts: engine.counts,
    settings: { input: 'rr', beatDetection: 'none: intervals read from the file' },
  });
}

/**
 * `analyzeBeatTimes` — analysis of beat times (a stored interval session: the sensor's beats on the
 * recording clock, with the gaps no interval may bridge), through the same engine as live.
 */
export function analyzeBeatTimes(
  beatsSec: readonly number[],
  gaps: readonly { startSec: number; endSec: number }[],
  opts: { fromSensor?: boolean } = {},
): AnalysisResult {
  const startSec = beatsSec[0] ?? 0;
  const endSec = beatsSec[beatsSec.length - 1] ?? 0;
  if (endSec - startSec < MIN_USABLE_SEC) throw tooShort('beats', endSec - startSec);
  const engine = new BeatEngine({ fromSensor: opts.fromSensor });
  const u: EngineUpdate = { final: [], unusable: [], detections: [] };
  for (const g of gaps) engine.markGap(g.startSec, g.endSec, u);
  engine.pushBeatTimes(beatsSec, u);
  engine.flush(u);
  return analyzeNn({
    beats: u.final,
    unusable: u.unusable,
    startSec,
    durationSec: endSec - startSec,
    fsHz: null,
    counts: engine.counts,
    settings: { input: 'rr', beatDetection: 'none: beats reported by the sensor' },
  });
}

/** The refusal of a series spanning only `sec` seconds (coded `analysis.intervalsTooShort` / `analysis.beatsTooShort`). */
function tooShort(what: 'intervals' | 'beats', sec: number): AnalysisInputError {
  const params = { sec: sec.toFixed(1), min: String(MIN_USABLE_SEC) };
  return new AnalysisInputError(`the ${what} span only ${params.sec} s; at least ${MIN_USABLE_SEC} s is needed`, {
    code: what === 'intervals' ? 'analysis.intervalsTooShort' : 'analysis.beatsTooShort',
    params,
  });
}

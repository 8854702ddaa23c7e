import type { RunBlock } from './runWalkSegments.js';

/**
 * Heart-rate recovery after the last run block: HRR60 and HRR120, bpm.
 *
 * Method: the peak HR is the highest 5-s centred moving mean of the heart rate within the last run
 * block (a 5-s mean so one spurious sample is no peak); the recovery HR is the mean heart rate over
 * the 5 s centred on 60 s (120 s) after the end of that block; HRR = peak − recovery HR. The
 * recovery is measured during the walk or stand that follows, like the cool-down walk of Cole et
 * al. (Cole CR, Blackstone EH, Pashkow FJ, Snader CE, Lauer MS. "Heart-rate recovery immediately
 * after exercise as a predictor of mortality." N Engl J Med 1999;341(18):1351–1357: HRR at 1 min,
 * abnormal ≤ 12 bpm); HRR at 2 min as Shetler et al. (Shetler K, Marcus R, Froelicher VF et al.
 * "Heart rate recovery: validation and methodologic issues." J Am Coll Cardiol 2001;38(7):1980–1987:
 * abnormal ≤ 22 bpm). Null when the file does not show it: no run block, less than 60 (120) s of
 * recording after its end, or fewer than 3 heart rates in
 * a window.
 */
export interface HeartRateRecovery {
  peakHrBpm: number | null;
  /** End of the last run block, s (null without a run block). */
  stopSec: number | null;
  hrr60Bpm: number | null;
  hrr120Bpm: number | null;
  method: string;
}

export const HRR_METHOD =
  'peak 5-s mean HR in the last run block minus the 5-s mean HR 60 s and 120 s after its end (Cole et al. 1999; Shetler et al. 2001)';

function windowMean(hr: ArrayLike<number>, centre: number, half = 2): number | null {
  let s = 0;
  let c = 0;
  for (let i = Math.round(centre) - half; i <= Math.round(centre) + half; i++) {
    if (i >= 0 && i < hr.length && Number.isFinite(hr[i])) {
      s += hr[i]!;
      c++;
    }
  }
  return c >= 3 ? s / c : null;
}

/** HRR of a 1-Hz heart-rate series (sample i at i s) with its run/walk blocks. */
export function heartRateRecovery(hrBpm: ArrayLike<number>, blocks: readonly RunBlock[]): HeartRateRecovery {
  const none: HeartRateRecovery = { peakHrBpm: null, stopSec: null, hrr60Bpm: null, hrr120Bpm: null, method: HRR_METHOD };
  let k = -1;
  for (let i = blocks.length - 1; i >= 0; i--) if (blocks[i]!.kind === 'run') {
    k = i;
    break;
  }
  if (k < 0) return none;
  const run = blocks[k]!;
  let peak: number | null = null;
  for (let t = Math.ceil(run.startSec); t <= Math.floor(run.endSec); t++) {
    const m = windowMean(hrBpm, t);
    if (m !== null && (peak === null || m > peak)) peak = m;
  }
  const stop = run.endSec;
  const recovered = (after: number): number | null => {
    if (peak === null || stop + after + 2 > hrBpm.length - 1) return null;
    const m = windowMean(hrBpm, stop + after);
    return m === null ? null : Math.round((peak - m) * 10) / 10;
  };
  return {
    peakHrBpm: peak === null ? null : Math.round(peak * 10) / 10,
    stopSec: stop,
    hrr60Bpm: recovered(60),
    hrr120Bpm: recovered(120),
    method: HRR_METHOD,
  };
}

import type { RunLap } from './runTrack.js';
import type { RunSeries } from './runSeries.js';

/**
 * Run and walk blocks of a run from its 1-Hz cadence and speed (and its laps).
 *
 * Method:
 * 1. Cadence and speed are smoothed by a centred 5-s moving mean of the finite values.
 * 2. Each second is 'run' or 'walk' with hysteresis. Cadence decides where the file has it, since
 *    the gait change shows in the step rate even for a slow jogger: run from ≥ 140 steps/min,
 *    back to walk below 130 (walking is about 100–130 steps/min, running above 140–150). Without
 *    cadence, speed decides around the walk–run transition speed of about 2.0 m/s (Hreljac A.
 *    "Preferred and energetically optimal gait transition speeds in human locomotion." Med Sci
 *    Sports Exerc 1993;25(10):1158–1162): run from ≥ 2.1 m/s, back to walk below 1.9 m/s. A
 *    second with neither keeps the state before it (standing still counts as walk: speed 0).
 * 3. Blocks shorter than `minBlockSec` (default 20 s) are merged into their neighbours, the
 *    shortest first, so a stumble or a traffic light does not split a run.
 * 4. A block boundary within `lapSnapSec` (default 10 s) of a lap boundary moves onto it (a
 *    therapist's lap button press is the better time stamp).
 */
export type BlockKind = 'run' | 'walk';

export interface RunBlock {
  kind: BlockKind;
  startSec: number;
  endSec: number;
}

export interface SegmentOptions {
  minBlockSec?: number;
  lapSnapSec?: number;
  cadenceRunSpm?: number;
  cadenceWalkSpm?: number;
  speedRunMps?: number;
  speedWalkMps?: number;
}

export const SEGMENT_DEFAULTS: Required<SegmentOptions> = {
  minBlockSec: 20,
  lapSnapSec: 10,
  cadenceRunSpm: 140,
  cadenceWalkSpm: 130,
  speedRunMps: 2.1,
  speedWalkMps: 1.9,
};

/** Centred moving mean over `width` samples of the finite values (NaN where none). */
export function movingMean(x: ArrayLike<number>, width: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  const h = Math.floor(width / 2);
  for (let i = 0; i < x.length; i++) {
    let s = 0;
    let c = 0;
    for (let j = Math.max(0, i - h); j <= Math.min(x.length - 1, i + h); j++) {
      if (Number.isFinite(x[j])) {
        s += x[j]!;
        c++;
      }
    }
    if (c > 0) out[i] = s / c;
  }
  return out;
}

/** Per-second states (true = run) with hysteresis (steps 1–2 above). */
export function runStates(series: Pick<RunSeries, 'cadenceSpm' | 'speedMps'>, o: Required<SegmentOptions> = SEGMENT_DEFAULTS): boolean[] {
  const cad = movingMean(series.cadenceSpm, 5);
  const spd = movingMean(series.speedMps, 5);
  const out: boolean[] = new Array<boolean>(cad.length);
  let running = false;
  for (let i = 0; i < cad.length; i++) {
    const c = cad[i]!;
    const v = spd[i]!;
    if (Number.isFinite(c)) running = running ? c >= o.cadenceWalkSpm : c >= o.cadenceRunSpm;
    else if (Number.isFinite(v)) running = running ? v >= o.speedWalkMps : v >= o.speedRunMps;
    out[i] = running;
  }
  return out;
}

/** Run and walk blocks covering [0, durationSec] (steps 1–4 above). Empty for an empty series. */
export function runWalkBlocks(series: RunSeries, laps: readonly RunLap[] = [], options: SegmentOptions = {}): RunBlock[] {
  const o = { ...SEGMENT_DEFAULTS, ...options };
  const states = runStates(series, o);
  if (states.length === 0) return [];
  const end = Math.max(series.durationSec, states.length - 1);
  let blocks: RunBlock[] = [];
  for (let i = 0; i < states.length; i++) {
    const kind: BlockKind = states[i] ? 'run' : 'walk';
    const last = blocks[blocks.length - 1];
    if (last && last.kind === kind) last.endSec = i + 1;
    else blocks.push({ kind, startSec: i, endSec: i + 1 });
  }
  blocks[blocks.length - 1]!.endSec = end;
  blocks = mergeShort(blocks, o.minBlockSec);
  return snapToLaps(blocks, laps, o.lapSnapSec);
}

function mergeShort(input: RunBlock[], minSec: number): RunBlock[] {
  const blocks = input.map((b) => ({ ...b }));
  for (;;) {
    if (blocks.length <= 1) return blocks;
    let k = -1;
    for (let i = 0; i < blocks.length; i++) {
      const d = blocks[i]!.endSec - blocks[i]!.startSec;
      if (d < minSec && (k < 0 || d < blocks[k]!.endSec - blocks[k]!.startSec)) k = i;
    }
    if (k < 0) return blocks;
    // Flip the short block into its neighbours' kind and join them.
    const b = blocks[k]!;
    const prev = blocks[k - 1];
    const next = blocks[k + 1];
    if (prev && next) {
      prev.endSec = next.endSec;
      blocks.splice(k, 2);
    } else if (prev) {
      prev.endSec = b.endSec;
      blocks.splice(k, 1);
    } else {
      next!.startSec = b.startSec;
      blocks.splice(k, 1);
    }
  }
}

function snapToLaps(blocks: RunBlock[], laps: readonly RunLap[], snapSec: number): RunBlock[] {
  const marks = laps.flatMap((l) => [l.startSec, l.endSec]).filter((t) => Number.isFinite(t));
  if (marks.length === 0) return blocks;
  for (let i = 1; i < blocks.length; i++) {
    const t = blocks[i]!.startSec;
    let best = t;
    let bestDist = Infinity;
    for (const m of marks) {
      const d = Math.abs(m - t);
      if (d <= snapSec && d < bestDist) {
        best = m;
        bestDist = d;
      }
    }
    if (best > blocks[i - 1]!.startSec && best < blocks[i]!.endSec) {
      blocks[i - 1]!.endSec = best;
      blocks[i]!.startSec = best;
    }
  }
  return blocks;
}

/** The longest run block, s (0 when there is none). */
export function longestRunSec(blocks: readonly RunBlock[]): number {
  return blocks.reduce((m, b) => (b.kind === 'run' ? Math.max(m, b.endSec - b.startSec) : m), 0);
}

/**
 * The summary of a LIVE run session (recorded with the run timer, shared/running/runTimer.ts), in
 * the same shape as an imported run's (`RunSummary`, runAnalysis.ts) so the run session report,
 * the progress report and the running-log draft read both alike.
 *
 * - Blocks: where the timer's cues put them on the recording clock (block i from its cue to the
 *   next block's cue or the end cue; the last one reached ends at the end of the recording), so a
 *   pause lengthens the block it fell in. Warm-up and cool-down count as walking; each block keeps
 *   its planned kind and length, its Borg (6–20) and talk test.
 * - Heart-rate recovery after the last run block reached: `heartRateRecovery` (peak 5-s mean HR in
 *   the block minus the 5-s mean 60 and 120 s after its end; method in heartRateRecovery.ts),
 *   measured during the block(s) after it, null when the recording stops too soon.
 * - Zones (Karvonen, heartRateZones.ts) and the time in each, when resting HR and HRmax give zones.
 */
import { heartRateRecovery } from './heartRateRecovery.js';
import { timeInZonesSec, type HeartRateZones } from './heartRateZones.js';
import type { ProgrammeBlock } from './programme.js';
import type { RunBlockSummary, RunSummary } from './runAnalysis.js';
import { finiteMean } from './runSeries.js';
import type { RunCueKind } from './runTimer.js';
import { longestRunSec, type RunBlock } from './runWalkSegments.js';

/** A cue as stored (recording clock). */
export interface StoredRunCue {
  kind: RunCueKind;
  blockIndex: number;
  tSec: number;
}

/** A Borg entry for a run block (the latest entry for a block wins). */
export interface StoredBorg {
  blockIndex: number;
  borg: number | null;
  talkTest: boolean | null;
}

export interface LiveRunInput {
  blocks: readonly ProgrammeBlock[];
  cues: readonly StoredRunCue[];
  borg: readonly StoredBorg[];
  /** 1-Hz heart rate on the recording clock (sample i at i s; NaN = none). */
  hrBpm: ArrayLike<number>;
  /** Length of the recording, s. */
  durationSec: number;
  zones: HeartRateZones | null;
  device: string;
}

export const LIVE_SEGMENTATION = 'blocks from the live run timer (each block from its cue to the next; warm-up and cool-down count as walking)';

const r1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

export function liveRunSummary(input: LiveRunInput): RunSummary {
  const starts = new Map<number, number>();
  let endAt: number | null = null;
  for (const c of input.cues) {
    if (c.kind === 'end') endAt = c.tSec;
    else if (c.kind !== 'borg' && !starts.has(c.blockIndex)) starts.set(c.blockIndex, c.tSec);
  }
  const borgOf = new Map<number, StoredBorg>();
  for (const b of input.borg) borgOf.set(b.blockIndex, b);
  const reached = [...starts.keys()].filter((i) => i >= 0 && i < input.blocks.length).sort((a, b) => a - b);
  const hr = input.hrBpm;
  const blocks: RunBlockSummary[] = reached.map((i, k) => {
    const plan = input.blocks[i]!;
    const startSec = starts.get(i)!;
    const nextStart = k + 1 < reached.length ? starts.get(reached[k + 1]!)! : (endAt ?? input.durationSec);
    const endSec = Math.max(startSec, Math.min(nextStart, input.durationSec));
    const entry = borgOf.get(i);
    return {
      kind: plan.kind === 'run' ? 'run' : 'walk',
      startSec: r1(startSec)!,
      endSec: r1(endSec)!,
      meanHrBpm: r1(finiteMean(hr, Math.ceil(startSec), Math.ceil(endSec))),
      meanSpeedMps: null,
      meanCadenceSpm: null,
      planned: { kind: plan.kind, sec: plan.sec },
      borg: plan.kind === 'run' ? (entry?.borg ?? null) : null,
      talkTest: plan.kind === 'run' ? (entry?.talkTest ?? null) : null,
    };
  });
  let maxHr: number | null = null;
  let hrSec = 0;
  for (let i = 0; i < hr.length; i++) {
    const v = hr[i]!;
    if (!Number.isFinite(v)) continue;
    hrSec++;
    if (maxHr === null || v > maxHr) maxHr = v;
  }
  const runBlocks: RunBlock[] = blocks.map((b) => ({ kind: b.kind, startSec: b.startSec, endSec: b.endSec }));
  const sumOf = (kind: RunBlock['kind']): number => r1(blocks.reduce((s, b) => s + (b.kind === kind ? b.endSec - b.startSec : 0), 0))!;
  return {
    kind: 'run',
    format: 'live',
    device: input.device,
    durationSec: r1(input.durationSec)!,
    blocks,
    longestRunSec: r1(longestRunSec(runBlocks))!,
    runSec: sumOf('run'),
    walkSec: sumOf('walk'),
    meanHrBpm: r1(finiteMean(hr)),
    maxHrBpm: r1(maxHr),
    hrSec,
    distanceM: null,
    laps: 0,
    hrr: heartRateRecovery(hr, runBlocks),
    zones: input.zones,
    timeInZonesSec: input.zones ? timeInZonesSec(input.zones, hr) : null,
    segmentation: LIVE_SEGMENTATION,
  };
}

import { heartRateRecovery, type HeartRateRecovery } from './heartRateRecovery.js';
import { timeInZonesSec, type HeartRateZones, type ZoneId } from './heartRateZones.js';
import { finiteMean, runSeries, type RunSeries } from './runSeries.js';
import type { RunTrack } from './runTrack.js';
import { longestRunSec, runWalkBlocks, type RunBlock, type SegmentOptions } from './runWalkSegments.js';

/**
 * The analysis of one run, stored as the summary of its 'run' session: run/walk blocks, the
 * longest continuous run, mean and peak HR, heart-rate recovery, time in the client's zones
 * (when the client's resting HR and HRmax give zones), and per block its mean HR and % HRR.
 */
export interface RunBlockSummary extends RunBlock {
  meanHrBpm: number | null;
  meanSpeedMps: number | null;
  meanCadenceSpm: number | null;
  /** Live sessions only (shared/running/liveRunSummary.ts): the block as planned, its Borg (6–20) and talk test. */
  planned?: { kind: 'warmup' | 'run' | 'walk' | 'cooldown'; sec: number };
  borg?: number | null;
  talkTest?: boolean | null;
}

export interface RunSummary {
  kind: 'run';
  /** The file a run was imported from, or 'live' (recorded with the run timer). */
  format: RunTrack['format'] | 'live';
  device: string;
  durationSec: number;
  blocks: RunBlockSummary[];
  longestRunSec: number;
  runSec: number;
  walkSec: number;
  meanHrBpm: number | null;
  maxHrBpm: number | null;
  /** Seconds with a heart rate (coverage of the HR sensor). */
  hrSec: number;
  distanceM: number | null;
  laps: number;
  hrr: HeartRateRecovery;
  zones: HeartRateZones | null;
  timeInZonesSec: Record<ZoneId, number> | null;
  segmentation: string;
}

const r1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

export function analyseRun(track: RunTrack, zones: HeartRateZones | null, options: SegmentOptions = {}): { summary: RunSummary; series: RunSeries } {
  const series = runSeries(track);
  const blocks = runWalkBlocks(series, track.laps, options);
  const hr = series.hrBpm;
  let maxHr: number | null = null;
  let hrSec = 0;
  for (const v of hr) {
    if (!Number.isFinite(v)) continue;
    hrSec++;
    if (maxHr === null || v > maxHr) maxHr = v;
  }
  const dist = track.points.reduce<number | null>((m, p) => (p.distanceM !== null && (m === null || p.distanceM > m) ? p.distanceM : m), null);
  const sumOf = (kind: RunBlock['kind']): number => blocks.reduce((s, b) => s + (b.kind === kind ? b.endSec - b.startSec : 0), 0);
  const summary: RunSummary = {
    kind: 'run',
    format: track.format,
    device: track.device,
    durationSec: r1(series.durationSec)!,
    blocks: blocks.map((b) => ({
      ...b,
      meanHrBpm: r1(finiteMean(hr, Math.ceil(b.startSec), Math.ceil(b.endSec))),
      meanSpeedMps: r1(finiteMean(series.speedMps, Math.ceil(b.startSec), Math.ceil(b.endSec))),
      meanCadenceSpm: r1(finiteMean(series.cadenceSpm, Math.ceil(b.startSec), Math.ceil(b.endSec))),
    })),
    longestRunSec: longestRunSec(blocks),
    runSec: sumOf('run'),
    walkSec: sumOf('walk'),
    meanHrBpm: r1(finiteMean(hr)),
    maxHrBpm: maxHr,
    hrSec,
    distanceM: dist === null ? null : Math.round(dist),
    laps: track.laps.length,
    hrr: heartRateRecovery(hr, blocks),
    zones,
    timeInZonesSec: zones ? timeInZonesSec(zones, hr) : null,
    segmentation:
      'run from cadence ≥ 140 steps/min (back to walk < 130), else speed ≥ 2.1 m/s (< 1.9); 5-s smoothing; blocks < 20 s merged; boundaries snapped to laps within 10 s',
  };
  return { summary, series };
}

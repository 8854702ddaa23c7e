import { RunFileError } from './runFileError.js';
import {
  MAX_RUN_POINTS,
  MAX_RUN_SEC,
  plausibleCadence,
  plausibleHr,
  plausibleSpeed,
  type RunFileFormat,
  type RunLap,
  type RunPoint,
  type RunTrack,
} from './runTrack.js';

/** A point as a reader finds it: wall-clock ms and raw values (cadence in strides/min of one foot). */
export interface TimedPoint {
  timeMs: number;
  hrBpm?: number | null;
  speedMps?: number | null;
  cadenceStridesPerMin?: number | null;
  distanceM?: number | null;
}

/**
 * `buildRunTrack` — the common end of the three readers: points with a valid time, sorted,
 * duplicates of one instant merged (last wins per value), times relative to the first point,
 * implausible values dropped (see runTrack.ts), cadence doubled to steps/min, laps clipped to the
 * track. Refuses (RunFileError) a file without usable points or longer than MAX_RUN_SEC /
 * MAX_RUN_POINTS — never a part of it.
 */
export function buildRunTrack(
  format: RunFileFormat,
  file: string,
  raw: readonly TimedPoint[],
  rawLaps: readonly { startMs: number; endMs: number }[],
  device: string,
): RunTrack {
  if (raw.length > MAX_RUN_POINTS) throw new RunFileError('tooLong', { file, hours: MAX_RUN_SEC / 3600, points: MAX_RUN_POINTS });
  const sorted = raw.filter((p) => Number.isFinite(p.timeMs)).sort((a, b) => a.timeMs - b.timeMs);
  const useful = sorted.filter((p) => plausibleHr(p.hrBpm) !== null || plausibleSpeed(p.speedMps) !== null || plausibleCadence(p.cadenceStridesPerMin) !== null || p.distanceM != null);
  if (useful.length < 2) throw new RunFileError('noPoints', { file });
  const t0 = useful[0]!.timeMs;
  if ((useful[useful.length - 1]!.timeMs - t0) / 1000 > MAX_RUN_SEC) throw new RunFileError('tooLong', { file, hours: MAX_RUN_SEC / 3600, points: MAX_RUN_POINTS });
  const points: RunPoint[] = [];
  for (const p of useful) {
    const tSec = Math.round(p.timeMs - t0) / 1000;
    const cad = plausibleCadence(p.cadenceStridesPerMin == null ? null : p.cadenceStridesPerMin * 2);
    const pt: RunPoint = {
      tSec,
      hrBpm: plausibleHr(p.hrBpm),
      speedMps: plausibleSpeed(p.speedMps),
      cadenceSpm: cad,
      distanceM: typeof p.distanceM === 'number' && Number.isFinite(p.distanceM) && p.distanceM >= 0 ? p.distanceM : null,
    };
    const last = points[points.length - 1];
    if (last && last.tSec === tSec) {
      last.hrBpm = pt.hrBpm ?? last.hrBpm;
      last.speedMps = pt.speedMps ?? last.speedMps;
      last.cadenceSpm = pt.cadenceSpm ?? last.cadenceSpm;
      last.distanceM = pt.distanceM ?? last.distanceM;
    } else points.push(pt);
  }
  const endSec = points[points.length - 1]!.tSec;
  const laps: RunLap[] = rawLaps
    .filter((l) => Number.isFinite(l.startMs) && Number.isFinite(l.endMs) && l.endMs > l.startMs)
    .map((l) => ({ startSec: Math.max(0, (l.startMs - t0) / 1000), endSec: Math.min(endSec, (l.endMs - t0) / 1000) }))
    .filter((l) => l.endSec > l.startSec)
    .sort((a, b) => a.startSec - b.startSec);
  return { format, startedAt: new Date(t0).toISOString(), points, laps, device };
}

/** Great-circle distance between two WGS-84 points, m (haversine on a sphere of radius 6 371 km). */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(a)));
}

import { buildRunTrack, haversineM, type TimedPoint } from './buildRunTrack.js';
import { RunFileError } from './runFileError.js';
import type { RunTrack } from './runTrack.js';
import { child, descendants, numberAt, textAt, type XmlElement } from './xmlReader.js';
import { parseOrThrow } from './tcxTrack.js';

/**
 * `gpxTrack` — a run from a GPX 1.1 (or 1.0) file: every trkpt's time, and in its extensions the
 * Garmin TrackPointExtension v1/v2 `hr`, `cad` (strides/min) and `speed` (m/s) — any namespace
 * prefix, also when a tool writes them directly under <extensions>. Distance is summed from the
 * positions (haversine) within a track segment. Each trkseg is a lap when there are several.
 */
export function gpxTrack(text: string, file: string): RunTrack {
  const root = parseOrThrow(text, file);
  if (root.name !== 'gpx') throw new RunFileError('unknownFormat', { file });
  const points: TimedPoint[] = [];
  const laps: { startMs: number; endMs: number }[] = [];
  let distance = 0;
  for (const seg of descendants(root, 'trkseg')) {
    let prev: { lat: number; lon: number } | null = null;
    let first = NaN;
    let last = NaN;
    for (const pt of seg.children.filter((c) => c.name === 'trkpt')) {
      const lat = Number(pt.attrs.lat);
      const lon = Number(pt.attrs.lon);
      const hasPos = Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
      if (hasPos && prev) distance += haversineM(prev.lat, prev.lon, lat, lon);
      if (hasPos) prev = { lat, lon };
      const timeMs = Date.parse(textAt(pt, 'time') ?? '');
      if (Number.isFinite(timeMs)) {
        if (!Number.isFinite(first)) first = timeMs;
        last = timeMs;
      }
      const ext = child(pt, 'extensions');
      points.push({
        timeMs,
        hrBpm: extNumber(ext, 'hr'),
        cadenceStridesPerMin: extNumber(ext, 'cad'),
        speedMps: extNumber(ext, 'speed'),
        distanceM: hasPos ? distance : null,
      });
    }
    if (Number.isFinite(first) && last > first) laps.push({ startMs: first, endMs: last });
  }
  const creator = root.attrs.creator ?? '';
  return buildRunTrack('gpx', file, points, laps.length > 1 ? laps : [], creator);
}

function extNumber(ext: XmlElement | undefined, name: string): number | null {
  if (!ext) return null;
  const found = descendants(ext, name)[0];
  return found ? (numberAt(found) ?? null) : null;
}

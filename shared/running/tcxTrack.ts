import { buildRunTrack, type TimedPoint } from './buildRunTrack.js';
import { RunFileError } from './runFileError.js';
import type { RunTrack } from './runTrack.js';
import { child, descendants, numberAt, readXml, textAt, XmlReadError, type XmlElement } from './xmlReader.js';

/**
 * `tcxTrack` — a run from a Garmin Training Center XML (TCX v2) file: Trackpoints with Time,
 * HeartRateBpm/Value, DistanceMeters, Cadence, and the ActivityExtension v2 TPX Speed (m/s) and
 * RunCadence (strides/min); Laps from StartTime + TotalTimeSeconds. Broken XML → RunFileError.
 */
export function tcxTrack(text: string, file: string): RunTrack {
  const root = parseOrThrow(text, file);
  if (root.name !== 'TrainingCenterDatabase') throw new RunFileError('unknownFormat', { file });
  const points: TimedPoint[] = descendants(root, 'Trackpoint').map((tp) => {
    const tpx = child(child(tp, 'Extensions'), 'TPX');
    return {
      timeMs: Date.parse(textAt(tp, 'Time') ?? ''),
      hrBpm: numberAt(tp, 'HeartRateBpm', 'Value') ?? null,
      distanceM: numberAt(tp, 'DistanceMeters') ?? null,
      speedMps: numberAt(tpx, 'Speed') ?? null,
      cadenceStridesPerMin: numberAt(tpx, 'RunCadence') ?? numberAt(tp, 'Cadence') ?? null,
    };
  });
  const laps = descendants(root, 'Lap').map((lap) => {
    const startMs = Date.parse(lap.attrs.StartTime ?? '');
    return { startMs, endMs: startMs + (numberAt(lap, 'TotalTimeSeconds') ?? NaN) * 1000 };
  });
  const creator = child(descendants(root, 'Activity')[0], 'Creator');
  return buildRunTrack('tcx', file, points, laps, creator ? (textAt(creator, 'Name') ?? '') : '');
}

/** `readXml`, with its refusals as RunFileErrors naming `file`. */
export function parseOrThrow(text: string, file: string): XmlElement {
  try {
    return readXml(text);
  } catch (e) {
    if (e instanceof XmlReadError) {
      throw e.kind === 'truncated' ? new RunFileError('truncated', { file }) : new RunFileError('corrupt', { file, detail: e.message });
    }
    throw e;
  }
}

/**
 * `importRun` — store a sport-watch run as a session of type 'run', in ONE transaction: either
 * the whole run is stored or nothing.
 *
 * What is stored (no new tables, so no migration):
 * - `sessions`: type 'run', status 'complete', started at the file's first point, ended at its
 *   last; sensor_spec `import:<fit|tcx|gpx>`; sensor_info `{file, format, device}`; fs_hz 1.
 * - `sessions.summary`: the `RunSummary` (shared/running/runAnalysis.ts) — blocks with their mean
 *   HR, speed and cadence, longest continuous run, HR recovery, zones and time in zones.
 * The same run (client, format, first point) is refused a second time (`alreadyImported`).
 * - `signal_chunks`: the 1-Hz series (sample i at i s, NaN = no value) in 60-s chunks, on the
 *   channels 'hr_bpm', 'speed_mps' and 'cadence_spm' (only those the file has).
 */
import { basename } from 'node:path';
import { analyseRun, type RunSummary } from '../../shared/running/runAnalysis.js';
import type { RunTrack } from '../../shared/running/runTrack.js';
import { RunFileError } from '../../shared/running/runFileError.js';
import type { JsonObject } from '../../shared/domain/types.js';
import type { Storage } from '../storage/storage.js';
import { clientZones } from './runZones.js';

export const RUN_CHANNELS = { hr: 'hr_bpm', speed: 'speed_mps', cadence: 'cadence_spm' } as const;
const CHUNK_SEC = 60;

export interface ImportedRun {
  sessionId: number;
  summary: RunSummary;
}

/** `via`: who imported it, for the access log ('import-run': the CLI; 'importRunFile': the client page). */
export function importRun(storage: Storage, clientId: number, track: RunTrack, filePath: string, via: 'import-run' | 'importRunFile' = 'import-run'): ImportedRun {
  const zones = clientZones(storage, clientId, track.startedAt);
  const { summary, series } = analyseRun(track, zones);
  const endedAt = new Date(Date.parse(track.startedAt) + summary.durationSec * 1000).toISOString();
  const store = storage.db.transaction((): number => {
    // The same run (same client, format and first point) imported again would count twice.
    const twin = storage.sessions
      .listByClient(clientId)
      .find((x) => x.type === 'run' && x.startedAt === new Date(track.startedAt).toISOString() && x.sensorSpec === `import:${track.format}`);
    if (twin) throw new RunFileError('alreadyImported', { file: basename(filePath).slice(0, 120), sessionId: twin.id });
    const s = storage.sessions.create({
      clientId,
      type: 'run',
      startedAt: track.startedAt,
      sensorSpec: `import:${track.format}`,
      sensorInfo: { file: basename(filePath), format: track.format, device: track.device },
      fsHz: 1,
    });
    for (const [channel, values] of [
      [RUN_CHANNELS.hr, series.hrBpm],
      [RUN_CHANNELS.speed, series.speedMps],
      [RUN_CHANNELS.cadence, series.cadenceSpm],
    ] as const) {
      if (!values.some((v) => Number.isFinite(v))) continue;
      for (let i = 0; i < values.length; i += CHUNK_SEC) {
        storage.signal.appendChunk(s.id, { channel, t0Sec: i, fsHz: 1, values: Float32Array.from(values.subarray(i, i + CHUNK_SEC)) });
      }
    }
    storage.sessions.setSummary(s.id, summary as unknown as JsonObject);
    storage.sessions.setStatus(s.id, 'complete', endedAt);
    storage.accessLog.append({ action: 'create', clientId, sessionId: s.id, detail: `${via} ${track.format}` });
    return s.id;
  });
  return { sessionId: store.immediate(), summary };
}

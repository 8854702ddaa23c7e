/**
 * `fitTrack` — a run from a FIT activity file, decoded by Garmin's official FIT SDK
 * (@garmin/fitsdk): record messages (timestamp, heartRate, enhancedSpeed/speed m/s,
 * cadence + fractionalCadence strides/min, distance m) and lap messages (startTime +
 * totalElapsedTime). The file's header and CRC are checked first (`checkIntegrity`): a file cut
 * short or damaged is refused as a whole, never imported in part.
 */
import { Decoder, Stream } from '@garmin/fitsdk';
import { buildRunTrack, type TimedPoint } from '../../shared/running/buildRunTrack.js';
import { RunFileError } from '../../shared/running/runFileError.js';
import type { RunTrack } from '../../shared/running/runTrack.js';

const FIT_HEADER_MIN = 12;

const ms = (d: unknown): number => (d instanceof Date ? d.getTime() : NaN);
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** Header size + data size + 2 (CRC) as the header declares it, or null when there is no header. */
function declaredSize(bytes: Uint8Array): number | null {
  if (bytes.length < FIT_HEADER_MIN) return null;
  const headerSize = bytes[0]!;
  const dataSize = bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24);
  return headerSize + (dataSize >>> 0) + 2;
}

export function fitTrack(bytes: Uint8Array, file: string): RunTrack {
  const isFit = bytes.length >= FIT_HEADER_MIN && String.fromCharCode(bytes[8]!, bytes[9]!, bytes[10]!, bytes[11]!) === '.FIT';
  if (!isFit) throw new RunFileError('notFit', { file });
  const declared = declaredSize(bytes);
  if (declared !== null && bytes.length < declared) throw new RunFileError('truncated', { file });
  const stream = Stream.fromByteArray(Array.from(bytes));
  if (!new Decoder(stream).checkIntegrity()) throw new RunFileError('corrupt', { file, detail: 'CRC' });
  const { messages, errors } = new Decoder(Stream.fromByteArray(Array.from(bytes))).read({ mergeHeartRates: true });
  if (errors.length > 0) throw new RunFileError('corrupt', { file, detail: errors[0]!.message.slice(0, 120) });
  const points: TimedPoint[] = (messages.recordMesgs ?? []).map((r) => {
    const cad = num(r.cadence);
    return {
      timeMs: ms(r.timestamp),
      hrBpm: num(r.heartRate),
      speedMps: num(r.enhancedSpeed) ?? num(r.speed),
      cadenceStridesPerMin: cad === null ? null : cad + (num(r.fractionalCadence) ?? 0),
      distanceM: num(r.distance),
    };
  });
  const laps = (messages.lapMesgs ?? []).map((l) => {
    const start = ms(l.startTime);
    const dur = num(l.totalElapsedTime);
    return { startMs: start, endMs: dur === null ? ms(l.timestamp) : start + dur * 1000 };
  });
  const id = messages.fileIdMesgs?.[0];
  const device = id ? [id.manufacturer, id.garminProduct ?? id.product].filter((x) => x !== undefined && x !== null).join(' ') : '';
  return buildRunTrack('fit', file, points, laps, String(device));
}

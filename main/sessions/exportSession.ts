/**
 * Session exports:
 * - `csv`: the raw signal, header `time,ppg`, one row per stored sample, time in seconds from
 *   the session start; lost samples as `NaN`; `cadans analyze` reads it back (gaps between
 *   stored chunks are filled with NaN there, exactly as the session analysis does).
 * - `rr`: the NN intervals (artifact-corrected) of the offline session analysis, in ms, one per
 *   line, rounded to 0.1 ms (integers without decimals): the plain RR text Kubios imports. That
 *   format cannot mark where intervals were left out (ectopic beats, beats whose timing could not
 *   be trusted, signal gaps): the intervals on either side of such a hole follow each other there.
 * - `json`: everything about the session: session row, client, pacer changes, markers, gaps,
 *   beats and metric series (as column arrays), summary and the raw signal (arrays; lost
 *   samples as null).
 * - `edf`: EDF+C with the PPG channel and an annotations signal (exportEdf.ts; binary).
 *
 * `prepareSessionExport` checks and reads everything first (throwing `NotFoundError` or
 * `ExportError`), so a failing export writes nothing; `chunks()` then yields the text in pieces.
 */
import { BeatFlag } from '../../shared/domain/beatFlags.js';
import type { SignalSegment } from '../../shared/domain/types.js';
import { DEFAULT_CHANNEL } from '../storage/signalRepo.js';
import type { Storage } from '../storage/storage.js';
import { formatFloat32, formatSec } from './formatNumbers.js';
import { analyzeStoredSession } from './sessionSignal.js';
import { prepareEdfExport } from './exportEdf.js';
import { ExportError } from './exportError.js';
import { causeOf, codedMessage } from '../../shared/i18n/CadansError.js';

export { ExportError };

export type ExportFormat = 'csv' | 'rr' | 'json' | 'edf';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'rr', 'json', 'edf'];

export interface ExportOptions {
  /** edf: patient field "X X X X", no administration code, no marker notes. */
  anonymise?: boolean;
}


export interface PreparedExport {
  sessionId: number;
  format: ExportFormat;
  /** A file name suggestion, e.g. `cadans-session-12.csv`. */
  fileName: string;
  /** The export, in pieces: text, or bytes (edf). */
  chunks(): Generator<string | Uint8Array>;
}

const ROWS_PER_CHUNK = 16384;
const EXTENSION: Record<ExportFormat, string> = { csv: 'csv', rr: 'txt', json: 'json', edf: 'edf' };

/** `prepareSessionExport` — see the file comment. */
export function prepareSessionExport(storage: Storage, sessionId: number, format: ExportFormat, opts: ExportOptions = {}): PreparedExport {
  if (!EXPORT_FORMATS.includes(format)) throw new ExportError('export.unknownFormat', { format: String(format) });
  const session = storage.sessions.require(sessionId);
  if (format === 'edf') return { sessionId, format, ...prepareEdfExport(storage, sessionId, opts) };
  const fileName = `cadans-session-${sessionId}${format === 'rr' ? '-rr' : ''}.${EXTENSION[format]}`;
  if (format === 'csv') {
    const segments = storage.signal.read(sessionId, { channel: DEFAULT_CHANNEL });
    if (segments.length === 0) {
      throw new ExportError('export.noSignal', { sessionId, target: 'csv', intervals: session.beats > 0 ? 'yes' : 'no' });
    }
    return { sessionId, format, fileName, chunks: () => csvChunks(segments) };
  }
  if (format === 'rr') {
    let nn: number[];
    try {
      nn = analyzeStoredSession(storage, sessionId).result.nn.ibiMs;
    } catch (e) {
      if (e instanceof Error && e.name === 'AnalysisInputError') {
        const why = codedMessage(e);
        // An uncoded refusal keeps its English sentence as the detail.
        throw new ExportError('export.noIntervals', { sessionId, ...(why.code === 'error.unknown' ? { why: 'detail', detail: why.message } : { why: 'cause', ...causeOf(why) }) });
      }
      throw e;
    }
    if (nn.length === 0) throw new ExportError('export.noIntervals', { sessionId, why: 'none' });
    return { sessionId, format, fileName, chunks: () => rrChunks(nn) };
  }
  const full = storage.sessions.getFull(sessionId);
  return { sessionId, format, fileName, chunks: () => jsonChunks(full) };
}

/** The whole export as one string (small sessions, tests). */
export function exportSessionText(storage: Storage, sessionId: number, format: Exclude<ExportFormat, 'edf'>): string {
  return [...prepareSessionExport(storage, sessionId, format).chunks()].join('');
}

function* csvChunks(segments: readonly SignalSegment[]): Generator<string> {
  yield 'time,ppg\n';
  for (const seg of segments) {
    const { t0Sec, fsHz, values } = seg;
    for (let i0 = 0; i0 < values.length; i0 += ROWS_PER_CHUNK) {
      const i1 = Math.min(values.length, i0 + ROWS_PER_CHUNK);
      let s = '';
      for (let i = i0; i < i1; i++) s += `${formatSec(t0Sec + i / fsHz)},${formatFloat32(values[i])}\n`;
      yield s;
    }
  }
}

/** One interval per line: integers as such, else one decimal. */
export function formatRrLine(ibiMs: number): string {
  return String(Math.round(ibiMs * 10) / 10);
}

function* rrChunks(nn: readonly number[]): Generator<string> {
  for (let i0 = 0; i0 < nn.length; i0 += ROWS_PER_CHUNK) {
    yield nn.slice(i0, i0 + ROWS_PER_CHUNK).map((v) => formatRrLine(v) + '\n').join('');
  }
}

function* jsonChunks(full: ReturnType<Storage['sessions']['getFull']>): Generator<string> {
  const s = full.session;
  const head = {
    format: 'cadans-session',
    formatVersion: 1,
    exportedAt: new Date().toISOString(),
    session: {
      id: s.id,
      clientId: s.clientId,
      courseId: s.courseId,
      type: s.type,
      status: s.status,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      sensorSpec: s.sensorSpec,
      sensorInfo: s.sensorInfo,
      pacer: s.pacer,
      fsHz: s.fsHz,
      notes: s.notes,
      samples: s.samples,
      beats: s.beats,
      durationSec: s.durationSec,
      signalStartSec: s.signalStartSec,
      signalEndSec: s.signalEndSec,
    },
    client: full.client,
    pacerChanges: full.pacerChanges.map((p) => ({ tSec: p.tSec, settings: p.settings })),
    markers: full.markers.map((m) => ({ tSec: m.tSec, kind: m.kind, note: m.note })),
    gaps: full.gaps.map((g) => ({ startSec: g.startSec, endSec: g.endSec, reason: g.reason })),
    beatFlags: BeatFlag,
    beats: {
      tSec: full.beats.map((b) => b.tSec),
      ibiMs: full.beats.map((b) => b.ibiMs),
      quality: full.beats.map((b) => b.quality),
      flags: full.beats.map((b) => b.flags),
    },
    metrics: full.metrics,
    summary: s.summary,
  };
  const text = JSON.stringify(head);
  // The signal goes last, streamed: `"signal":[{"channel":…,"values":[…]}, …]}`.
  yield text.slice(0, -1) + ',"signal":[';
  for (let k = 0; k < full.signal.length; k++) {
    const seg = full.signal[k];
    yield `${k > 0 ? ',' : ''}{"channel":${JSON.stringify(seg.channel)},"t0Sec":${seg.t0Sec},"fsHz":${seg.fsHz},"values":[`;
    const v = seg.values;
    for (let i0 = 0; i0 < v.length; i0 += ROWS_PER_CHUNK) {
      const i1 = Math.min(v.length, i0 + ROWS_PER_CHUNK);
      let out = i0 > 0 ? ',' : '';
      for (let i = i0; i < i1; i++) out += (i > i0 ? ',' : '') + (Number.isFinite(v[i]) ? formatFloat32(v[i]) : 'null');
      yield out;
    }
    yield ']}';
  }
  yield ']}\n';
}

/**
 * Raw signal of a session, stored as ~1 s chunks (Float32 LE blobs) per channel, each with the
 * CRC-32 of its bytes (checked by backup and restore: native-adapters/sqlite/checksums.ts).
 * Sample i of a chunk is at `t0Sec + i / fsHz` on the session clock. Reading merges
 * consecutive chunks (same rate, no gap) into contiguous `SignalSegment`s.
 */
import { chunkCrc32, type Db, type Statement } from '../../native-adapters/sqlite/openDatabase.js';
import type { SignalSegment } from '../../shared/domain/types.js';
import { copyFloat32LE, encodeFloat32LE } from './float32Blob.js';
import { isForeignKeyError, requireFinite } from './storageHelpers.js';
import { NotFoundError } from '../../shared/domain/validationResult.js';

/** Longest chunk accepted (keeps range reads exact and blobs small). */
export const MAX_CHUNK_SEC = 60;
export const DEFAULT_CHANNEL = 'ppg';

export interface SignalChunkInput {
  /** Default 'ppg'. */
  channel?: string;
  t0Sec: number;
  fsHz: number;
  values: Float32Array;
}

export interface SignalRange {
  channel?: string;
  /** Keep samples with t ≥ fromSec (default: from the start). */
  fromSec?: number;
  /** Keep samples with t < toSec (default: to the end). */
  toSec?: number;
}

interface ChunkDbRow {
  t0_sec: number;
  fs_hz: number;
  n: number;
  data: Buffer;
}

export class SignalRepo {
  /** Prepared on first use: a read-only connection may read a database from before the checksum column. */
  private insertStmt: Statement | null = null;
  private readonly rangeStmt;
  private readonly totalStmt;
  private readonly spanStmt;
  private readonly channelsStmt;

  constructor(private readonly db: Db) {
    this.rangeStmt = db.prepare<[number, string, number, number], ChunkDbRow>(
      `SELECT t0_sec, fs_hz, n, data FROM signal_chunks
       WHERE session_id = ? AND channel = ? AND t0_sec > ? AND t0_sec < ? ORDER BY t0_sec, id`,
    );
    this.totalStmt = db.prepare<[number, string], number>(
      'SELECT coalesce(sum(n), 0) FROM signal_chunks WHERE session_id = ? AND channel = ?',
    ).pluck();
    this.spanStmt = db.prepare<[number, string], { start: number | null; end: number | null }>(
      `SELECT min(t0_sec) AS start, max(t0_sec + n / fs_hz) AS "end" FROM signal_chunks
       WHERE session_id = ? AND channel = ?`,
    );
    this.channelsStmt = db.prepare<[number], string>(
      'SELECT DISTINCT channel FROM signal_chunks WHERE session_id = ? ORDER BY channel',
    ).pluck();
  }

  /** Store one chunk; returns its id. Throws `NotFoundError` for an unknown session. */
  appendChunk(sessionId: number, chunk: SignalChunkInput): number {
    const where = 'SignalRepo.appendChunk';
    const t0Sec = requireFinite(where, 't0Sec', chunk.t0Sec);
    const fsHz = requireFinite(where, 'fsHz', chunk.fsHz);
    if (fsHz <= 0) throw new RangeError(`${where}: fsHz must be > 0 (got ${fsHz}).`);
    const n = chunk.values.length;
    if (n === 0) throw new RangeError(`${where}: a chunk needs at least one sample.`);
    if (n / fsHz > MAX_CHUNK_SEC) {
      throw new RangeError(`${where}: a chunk may hold at most ${MAX_CHUNK_SEC} s of samples (got ${n} at ${fsHz} Hz).`);
    }
    this.insertStmt ??= this.db.prepare(
      'INSERT INTO signal_chunks (session_id, channel, t0_sec, fs_hz, n, data, crc32) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const data = encodeFloat32LE(chunk.values);
    try {
      const r = this.insertStmt.run(sessionId, chunk.channel ?? DEFAULT_CHANNEL, t0Sec, fsHz, n, data, chunkCrc32(data));
      return Number(r.lastInsertRowid);
    } catch (e) {
      if (isForeignKeyError(e)) throw new NotFoundError('session', sessionId);
      throw e;
    }
  }

  /**
   * Samples of a channel within `[fromSec, toSec)`, as contiguous segments in time order.
   * A new segment starts where chunks leave a gap of more than half a sample or change rate.
   */
  read(sessionId: number, range: SignalRange = {}): SignalSegment[] {
    const channel = range.channel ?? DEFAULT_CHANNEL;
    const from = range.fromSec ?? -Infinity;
    const to = range.toSec ?? Infinity;
    const rows = this.rangeStmt.all(sessionId, channel, from - MAX_CHUNK_SEC - 1, to);
    interface Piece { row: ChunkDbRow; i0: number; i1: number }
    const groups: { t0Sec: number; fsHz: number; n: number; pieces: Piece[] }[] = [];
    for (const row of rows) {
      const { t0_sec: t0, fs_hz: fs, n } = row;
      const i0 = Number.isFinite(from) ? Math.max(0, Math.ceil((from - t0) * fs - 1e-9)) : 0;
      const i1 = Number.isFinite(to) ? Math.min(n, Math.ceil((to - t0) * fs - 1e-9)) : n;
      if (i1 <= i0) continue;
      const start = t0 + i0 / fs;
      const last = groups[groups.length - 1];
      if (last && last.fsHz === fs && Math.abs(last.t0Sec + last.n / fs - start) <= 0.5 / fs) {
        last.pieces.push({ row, i0, i1 });
        last.n += i1 - i0;
      } else {
        groups.push({ t0Sec: start, fsHz: fs, n: i1 - i0, pieces: [{ row, i0, i1 }] });
      }
    }
    return groups.map((g) => {
      const values = new Float32Array(g.n);
      let offset = 0;
      for (const p of g.pieces) {
        copyFloat32LE(p.row.data, p.i0, p.i1, values, offset);
        offset += p.i1 - p.i0;
      }
      return { channel, t0Sec: g.t0Sec, fsHz: g.fsHz, values };
    });
  }

  /** Number of stored samples of a channel. */
  totalSamples(sessionId: number, channel = DEFAULT_CHANNEL): number {
    return this.totalStmt.get(sessionId, channel) ?? 0;
  }

  /** Time of the first sample and end of the last chunk of a channel; null when empty. */
  span(sessionId: number, channel = DEFAULT_CHANNEL): { startSec: number; endSec: number } | null {
    const r = this.spanStmt.get(sessionId, channel);
    return r && r.start !== null && r.end !== null ? { startSec: r.start, endSec: r.end } : null;
  }

  /** Channels with stored samples. */
  channels(sessionId: number): string[] {
    return this.channelsStmt.all(sessionId);
  }
}

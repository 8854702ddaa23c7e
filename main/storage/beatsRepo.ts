/** Beats of a session (time, interval, quality, `BeatFlag` bits), in time order. */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type { BeatRow } from '../../shared/domain/types.js';
import { NotFoundError } from '../../shared/domain/validationResult.js';
import { finiteOrNull, isForeignKeyError, requireFinite } from './storageHelpers.js';

export interface BeatInput {
  tSec: number;
  ibiMs?: number | null;
  quality?: number | null;
  flags?: number;
}

interface BeatDbRow {
  t_sec: number;
  ibi_ms: number | null;
  quality: number | null;
  flags: number;
}

export class BeatsRepo {
  private readonly insertStmt;
  private readonly rangeStmt;
  private readonly countStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare('INSERT INTO beats (session_id, t_sec, ibi_ms, quality, flags) VALUES (?, ?, ?, ?, ?)');
    this.rangeStmt = db.prepare<[number, number, number], BeatDbRow>(
      `SELECT t_sec, ibi_ms, quality, flags FROM beats
       WHERE session_id = ? AND t_sec >= ? AND t_sec < ? ORDER BY t_sec, id`,
    );
    this.countStmt = db.prepare<[number], number>('SELECT count(*) FROM beats WHERE session_id = ?').pluck();
  }

  /**
   * Store beats (in one transaction; joins the caller's transaction if there is one).
   * Returns the number stored. Throws `NotFoundError` for an unknown session.
   */
  append(sessionId: number, beats: readonly BeatInput[]): number {
    if (beats.length === 0) return 0;
    const rows = beats.map((b) => {
      const flags = b.flags ?? 0;
      if (!Number.isInteger(flags) || flags < 0) {
        throw new RangeError(`BeatsRepo.append: flags must be a whole number ≥ 0 (got ${flags}).`);
      }
      return [requireFinite('BeatsRepo.append', 'tSec', b.tSec), finiteOrNull(b.ibiMs), finiteOrNull(b.quality), flags] as const;
    });
    try {
      const insertAll = (): void => {
        for (const r of rows) this.insertStmt.run(sessionId, ...r);
      };
      if (this.db.inTransaction) insertAll();
      else this.db.transaction(insertAll)();
    } catch (e) {
      if (isForeignKeyError(e)) throw new NotFoundError('session', sessionId);
      throw e;
    }
    return rows.length;
  }

  /** Beats with `fromSec ≤ tSec < toSec` (default: all), in time order. */
  list(sessionId: number, fromSec = -Infinity, toSec = Infinity): BeatRow[] {
    return this.rangeStmt.all(sessionId, fromSec, toSec).map((r) => ({
      tSec: r.t_sec,
      ibiMs: r.ibi_ms,
      quality: r.quality,
      flags: r.flags,
    }));
  }

  count(sessionId: number): number {
    return this.countStmt.get(sessionId) ?? 0;
  }
}

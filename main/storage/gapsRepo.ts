/** Stretches of a session without usable signal (contact lost, packets dropped, sensor off). */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type { Gap } from '../../shared/domain/types.js';
import { NotFoundError } from '../../shared/domain/validationResult.js';
import { isForeignKeyError, requireFinite } from './storageHelpers.js';

export interface GapInput {
  startSec: number;
  endSec: number;
  reason?: string;
}

interface GapDbRow {
  id: number;
  session_id: number;
  start_sec: number;
  end_sec: number;
  reason: string;
}

export class GapsRepo {
  private readonly insertStmt;
  private readonly listStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO gaps (session_id, start_sec, end_sec, reason) VALUES (?, ?, ?, ?)');
    this.listStmt = db.prepare<[number], GapDbRow>(
      'SELECT id, session_id, start_sec, end_sec, reason FROM gaps WHERE session_id = ? ORDER BY start_sec, id',
    );
  }

  /** Add a gap (`endSec ≥ startSec`); throws `NotFoundError` for an unknown session. */
  add(sessionId: number, input: GapInput): Gap {
    const startSec = requireFinite('GapsRepo.add', 'startSec', input.startSec);
    const endSec = requireFinite('GapsRepo.add', 'endSec', input.endSec);
    if (endSec < startSec) throw new RangeError(`GapsRepo.add: endSec (${endSec}) is before startSec (${startSec}).`);
    const reason = input.reason ?? '';
    try {
      const id = Number(this.insertStmt.run(sessionId, startSec, endSec, reason).lastInsertRowid);
      return { id, sessionId, startSec, endSec, reason };
    } catch (e) {
      if (isForeignKeyError(e)) throw new NotFoundError('session', sessionId);
      throw e;
    }
  }

  /** Gaps of a session in time order. */
  list(sessionId: number): Gap[] {
    return this.listStmt.all(sessionId).map((r) => ({
      id: r.id,
      sessionId: r.session_id,
      startSec: r.start_sec,
      endSec: r.end_sec,
      reason: r.reason,
    }));
  }

  /** Total gap time of a session, seconds (overlaps counted once). */
  totalSec(sessionId: number): number {
    let total = 0;
    let curStart = -Infinity;
    let curEnd = -Infinity;
    for (const g of this.list(sessionId)) {
      if (g.startSec > curEnd) {
        if (curEnd > curStart) total += curEnd - curStart;
        curStart = g.startSec;
        curEnd = g.endSec;
      } else curEnd = Math.max(curEnd, g.endSec);
    }
    if (curEnd > curStart) total += curEnd - curStart;
    return total;
  }
}

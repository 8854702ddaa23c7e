/** Pacer settings changes during a session (the settings at the start live in the session row). */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type { JsonObject, PacerChange } from '../../shared/domain/types.js';
import { NotFoundError } from '../../shared/domain/validationResult.js';
import { isForeignKeyError, parseJsonObject, requireFinite } from './storageHelpers.js';

interface PacerChangeDbRow {
  id: number;
  session_id: number;
  t_sec: number;
  settings: string;
}

export class PacerChangesRepo {
  private readonly insertStmt;
  private readonly listStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO pacer_changes (session_id, t_sec, settings) VALUES (?, ?, ?)');
    this.listStmt = db.prepare<[number], PacerChangeDbRow>(
      'SELECT id, session_id, t_sec, settings FROM pacer_changes WHERE session_id = ? ORDER BY t_sec, id',
    );
  }

  /** Record new pacer settings at `tSec`; throws `NotFoundError` for an unknown session. */
  add(sessionId: number, tSec: number, settings: JsonObject): PacerChange {
    requireFinite('PacerChangesRepo.add', 'tSec', tSec);
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
      throw new TypeError('PacerChangesRepo.add: settings must be an object.');
    }
    try {
      const id = Number(this.insertStmt.run(sessionId, tSec, JSON.stringify(settings)).lastInsertRowid);
      return { id, sessionId, tSec, settings };
    } catch (e) {
      if (isForeignKeyError(e)) throw new NotFoundError('session', sessionId);
      throw e;
    }
  }

  list(sessionId: number): PacerChange[] {
    return this.listStmt.all(sessionId).map((r) => ({
      id: r.id,
      sessionId: r.session_id,
      tSec: r.t_sec,
      settings: parseJsonObject(r.settings, {}),
    }));
  }
}

/** Markers and notes with times in a session. */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type { Marker } from '../../shared/domain/types.js';
import { NotFoundError } from '../../shared/domain/validationResult.js';
import { isForeignKeyError, requireFinite } from './storageHelpers.js';

export interface MarkerInput {
  tSec: number;
  /** Default 'note'. */
  kind?: string;
  note?: string;
}

interface MarkerDbRow {
  id: number;
  session_id: number;
  t_sec: number;
  kind: string;
  note: string;
}

export class MarkersRepo {
  private readonly insertStmt;
  private readonly listStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO markers (session_id, t_sec, kind, note) VALUES (?, ?, ?, ?)');
    this.listStmt = db.prepare<[number], MarkerDbRow>(
      'SELECT id, session_id, t_sec, kind, note FROM markers WHERE session_id = ? ORDER BY t_sec, id',
    );
  }

  /** Add a marker; throws `NotFoundError` for an unknown session. */
  add(sessionId: number, input: MarkerInput): Marker {
    const tSec = requireFinite('MarkersRepo.add', 'tSec', input.tSec);
    const kind = input.kind?.trim() || 'note';
    const note = input.note ?? '';
    try {
      const id = Number(this.insertStmt.run(sessionId, tSec, kind, note).lastInsertRowid);
      return { id, sessionId, tSec, kind, note };
    } catch (e) {
      if (isForeignKeyError(e)) throw new NotFoundError('session', sessionId);
      throw e;
    }
  }

  /** Markers of a session in time order. */
  list(sessionId: number): Marker[] {
    return this.listStmt.all(sessionId).map((r) => ({
      id: r.id,
      sessionId: r.session_id,
      tSec: r.t_sec,
      kind: r.kind,
      note: r.note,
    }));
  }
}

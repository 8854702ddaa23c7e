/** Markers and notes with times in a session: add, list, get, edit, delete. */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type { Marker } from '../../shared/domain/types.js';
import { checkNumber, checkText } from '../../shared/domain/fieldChecks.js';
import { IssueCollector, NotFoundError, ValidationError } from '../../shared/domain/validationResult.js';
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

const toMarker = (r: MarkerDbRow): Marker => ({ id: r.id, sessionId: r.session_id, tSec: r.t_sec, kind: r.kind, note: r.note });

export class MarkersRepo {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly getStmt;
  private readonly updateStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[number], MarkerDbRow>('SELECT id, session_id, t_sec, kind, note FROM markers WHERE id = ?');
    this.updateStmt = db.prepare('UPDATE markers SET t_sec = ?, kind = ?, note = ? WHERE id = ?');
    this.deleteStmt = db.prepare('DELETE FROM markers WHERE id = ?');
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
    return this.listStmt.all(sessionId).map(toMarker);
  }

  get(id: number): Marker | undefined {
    const r = this.getStmt.get(id);
    return r && toMarker(r);
  }

  require(id: number): Marker {
    const m = this.get(id);
    if (!m) throw new NotFoundError('marker', id);
    return m;
  }

  /** Change a marker's time, kind or note. Throws `ValidationError` (time not ≥ 0, texts too long) or `NotFoundError`. */
  update(id: number, patch: Partial<MarkerInput>): Marker {
    const current = this.require(id);
    const c = new IssueCollector();
    const tSec = patch.tSec === undefined ? current.tSec : checkNumber(c, 'tSec', patch.tSec, { required: true, min: 0 });
    const kind = patch.kind === undefined ? current.kind : (checkText(c, 'kind', patch.kind, { maxLength: 100 }) ?? '').trim() || 'note';
    const note = patch.note === undefined ? current.note : (checkText(c, 'note', patch.note, { maxLength: 10_000 }) ?? '');
    const next = ValidationError.unwrap(c.result({ ...current, tSec: tSec as number, kind, note }));
    this.updateStmt.run(next.tSec, next.kind, next.note, id);
    return next;
  }

  /** Delete a marker; returns what it was. Throws `NotFoundError`. */
  delete(id: number): Marker {
    const current = this.require(id);
    this.deleteStmt.run(id);
    return current;
  }
}

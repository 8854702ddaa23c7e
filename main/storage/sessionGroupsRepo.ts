/**
 * Group sessions (issue 14): several clients breathe with one shared pacer, each with a sensor of
 * their own, and each client's recording is a session in their own record (`sessions.group_id`).
 * This repository keeps what the group shares: its start and end and the pacer at the start.
 */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type { IsoDateTime, JsonObject, SessionGroup } from '../../shared/domain/types.js';
import { NotFoundError } from '../../shared/domain/validationResult.js';
import { parseJsonObject } from './storageHelpers.js';
import { hasGroupSessions } from './sessionsRepo.js';

interface GroupDbRow {
  id: number;
  started_at: string;
  ended_at: string | null;
  pacer: string | null;
  notes: string;
}

export interface NewSessionGroup {
  /** Pacer settings at the start (null: none). */
  pacer: JsonObject | null;
  startedAt?: IsoDateTime;
  notes?: string;
}

export class SessionGroupsRepo {
  /** False on a database from before group sessions opened read-only (nothing to read). */
  readonly available: boolean;

  constructor(private readonly db: Db) {
    this.available = hasGroupSessions(db);
  }

  /** A new group (its member sessions are created with `groupId`). */
  create(input: NewSessionGroup, now: Date = new Date()): SessionGroup {
    if (!this.available) throw new Error('this database has no group sessions yet (open it for writing to upgrade it)');
    const startedAt = input.startedAt ? new Date(input.startedAt).toISOString() : now.toISOString();
    const r = this.db
      .prepare('INSERT INTO session_groups (started_at, pacer, notes) VALUES (?, ?, ?)')
      .run(startedAt, input.pacer === null ? null : JSON.stringify(input.pacer), input.notes ?? '');
    return this.require(Number(r.lastInsertRowid));
  }

  /** The group with its member session ids (in id order = the order it was started with), or undefined. */
  get(id: number): SessionGroup | undefined {
    if (!this.available) return undefined;
    const r = this.db.prepare<[number], GroupDbRow>('SELECT id, started_at, ended_at, pacer, notes FROM session_groups WHERE id = ?').get(id);
    if (!r) return undefined;
    const ids = this.db.prepare<[number], { id: number }>('SELECT id FROM sessions WHERE group_id = ? ORDER BY id').all(id);
    return {
      id: r.id,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      pacer: parseJsonObject(r.pacer, null),
      notes: r.notes,
      sessionIds: ids.map((x) => x.id),
    };
  }

  require(id: number): SessionGroup {
    const g = this.get(id);
    if (!g) throw new NotFoundError('sessionGroup', id);
    return g;
  }

  /**
   * Groups none of whose sessions is recording any more but without an end (a crash ended them):
   * they end when their last session ended. Returns how many.
   */
  endFinished(): number {
    if (!this.available) return 0;
    return this.db
      .prepare(
        `UPDATE session_groups SET ended_at = (SELECT max(ended_at) FROM sessions WHERE group_id = session_groups.id)
         WHERE ended_at IS NULL AND EXISTS (SELECT 1 FROM sessions WHERE group_id = session_groups.id)
           AND NOT EXISTS (SELECT 1 FROM sessions WHERE group_id = session_groups.id AND status = 'recording')`,
      )
      .run().changes;
  }

  /** The group ended (when its last member ended); the end time is kept when already set. */
  end(id: number, now: Date = new Date()): SessionGroup {
    this.db.prepare('UPDATE session_groups SET ended_at = coalesce(ended_at, ?) WHERE id = ?').run(now.toISOString(), id);
    return this.require(id);
  }
}

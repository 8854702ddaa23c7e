/** Running-therapy log entries (run/walk intervals, continuous minutes, Borg RPE, heart rate); validated first. */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type { NewRunningLogEntry, RunningLogEntry, RunWalkInterval } from '../../shared/domain/types.js';
import { validateRunningLog } from '../../shared/domain/validateRunningLog.js';
import { NotFoundError, ValidationError } from '../../shared/domain/validationResult.js';
import { RecordChecks } from './storageHelpers.js';

interface RunningLogDbRow {
  id: number;
  client_id: number;
  course_id: number | null;
  date: string;
  intervals: string;
  continuous_run_min: number | null;
  borg: number | null;
  hr_avg_bpm: number | null;
  hr_max_bpm: number | null;
  notes: string;
  created_at: string;
}

const COLUMNS =
  'id, client_id, course_id, date, intervals, continuous_run_min, borg, hr_avg_bpm, hr_max_bpm, notes, created_at';

function parseIntervals(text: string): RunWalkInterval[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as RunWalkInterval[]) : [];
  } catch {
    return [];
  }
}

function toEntry(r: RunningLogDbRow): RunningLogEntry {
  return {
    id: r.id,
    clientId: r.client_id,
    courseId: r.course_id,
    date: r.date,
    intervals: parseIntervals(r.intervals),
    continuousRunMin: r.continuous_run_min,
    borg: r.borg,
    hrAvgBpm: r.hr_avg_bpm,
    hrMaxBpm: r.hr_max_bpm,
    notes: r.notes,
    createdAt: r.created_at,
  };
}

export class RunningLogRepo {
  private readonly checks;
  private readonly insertStmt;
  private readonly getStmt;
  private readonly byClientStmt;
  private readonly updateStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.checks = new RecordChecks(db);
    this.insertStmt = db.prepare(
      `INSERT INTO running_log (client_id, course_id, date, intervals, continuous_run_min, borg, hr_avg_bpm, hr_max_bpm, notes, created_at)
       VALUES (@clientId, @courseId, @date, @intervals, @continuousRunMin, @borg, @hrAvgBpm, @hrMaxBpm, @notes, @createdAt)`,
    );
    this.getStmt = db.prepare<[number], RunningLogDbRow>(`SELECT ${COLUMNS} FROM running_log WHERE id = ?`);
    this.byClientStmt = db.prepare<[number], RunningLogDbRow>(
      `SELECT ${COLUMNS} FROM running_log WHERE client_id = ? ORDER BY date, id`,
    );
    this.updateStmt = db.prepare(
      `UPDATE running_log SET course_id = @courseId, date = @date, intervals = @intervals, continuous_run_min = @continuousRunMin,
         borg = @borg, hr_avg_bpm = @hrAvgBpm, hr_max_bpm = @hrMaxBpm, notes = @notes WHERE id = @id`,
    );
    this.deleteStmt = db.prepare('DELETE FROM running_log WHERE id = ?');
  }

  /** Change an entry (the patch over the stored entry validated as a whole, like `create`). */
  update(id: number, patch: Partial<Omit<NewRunningLogEntry, 'clientId'>>, now: Date = new Date()): RunningLogEntry {
    const current = this.require(id);
    const v = ValidationError.unwrap(validateRunningLog({ ...current, ...patch, clientId: current.clientId }, now));
    this.checks.requireCourseOfClient(v.clientId, v.courseId);
    this.updateStmt.run({ ...v, id, intervals: JSON.stringify(v.intervals) });
    return { ...current, ...v, id, createdAt: current.createdAt };
  }

  /** Delete an entry; returns what it was. Throws `NotFoundError`. */
  delete(id: number): RunningLogEntry {
    const current = this.require(id);
    this.deleteStmt.run(id);
    return current;
  }

  /** Validate and store an entry. Throws `ValidationError`/`NotFoundError`; nothing written then. */
  create(input: NewRunningLogEntry, now: Date = new Date()): RunningLogEntry {
    const v = ValidationError.unwrap(validateRunningLog(input, now));
    this.checks.requireClient(v.clientId);
    this.checks.requireCourseOfClient(v.clientId, v.courseId);
    const createdAt = now.toISOString();
    const id = Number(this.insertStmt.run({ ...v, intervals: JSON.stringify(v.intervals), createdAt }).lastInsertRowid);
    return { id, ...v, createdAt };
  }

  get(id: number): RunningLogEntry | undefined {
    const r = this.getStmt.get(id);
    return r && toEntry(r);
  }

  require(id: number): RunningLogEntry {
    const e = this.get(id);
    if (!e) throw new NotFoundError('runningLog', id);
    return e;
  }

  /** A client's entries by date. */
  listByClient(clientId: number): RunningLogEntry[] {
    return this.byClientStmt.all(clientId).map(toEntry);
  }
}

/**
 * Run/walk programmes of a client (migration 9, native-adapters/sqlite/schemaRunProgrammes.ts):
 * create (from the standard template or given weeks), get, list, update (name, start date, weeks
 * with their blocks, notes), delete. Validated first (shared/running/validateProgramme.ts):
 * nothing is written when there is a problem. A database from before migration 9 opened read-only
 * has no table: it lists none.
 */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import { NotFoundError, ValidationError } from '../../shared/domain/validationResult.js';
import type { NewRunProgramme, ProgrammeWeek, RunProgramme, RunProgrammePatch } from '../../shared/running/programme.js';
import { validateNewProgramme, validateProgrammePatch } from '../../shared/running/validateProgramme.js';
import { RecordChecks } from './storageHelpers.js';

interface Row {
  id: number;
  client_id: number;
  name: string;
  start_date: string;
  weeks: string;
  notes: string;
  created_at: string;
  updated_at: string;
}

function parseWeeks(text: string): ProgrammeWeek[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as ProgrammeWeek[]) : [];
  } catch {
    return [];
  }
}

const toProgramme = (r: Row): RunProgramme => ({
  id: r.id,
  clientId: r.client_id,
  name: r.name,
  startDate: r.start_date,
  weeks: parseWeeks(r.weeks),
  notes: r.notes,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class RunProgrammesRepo {
  private readonly checks;

  constructor(private readonly db: Db) {
    this.checks = new RecordChecks(db);
  }

  /** Whether this database has the table (a read-only database of an older version may not). */
  get available(): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'run_programmes'").get() !== undefined;
  }

  /** Store a programme; throws `ValidationError` / `NotFoundError` (nothing written). */
  create(input: NewRunProgramme, now: Date = new Date()): RunProgramme {
    const v = ValidationError.unwrap(validateNewProgramme(input));
    this.checks.requireClient(v.clientId);
    const at = now.toISOString();
    const info = this.db
      .prepare('INSERT INTO run_programmes (client_id, name, start_date, weeks, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(v.clientId, v.name, v.startDate, JSON.stringify(v.weeks), v.notes, at, at);
    return this.require(Number(info.lastInsertRowid));
  }

  get(id: number): RunProgramme | undefined {
    if (!this.available) return undefined;
    const r = this.db.prepare('SELECT * FROM run_programmes WHERE id = ?').get(id) as Row | undefined;
    return r && toProgramme(r);
  }

  require(id: number): RunProgramme {
    const p = this.get(id);
    if (!p) throw new NotFoundError('runProgramme', id);
    return p;
  }

  /** A client's programmes, oldest start first. */
  listByClient(clientId: number): RunProgramme[] {
    if (!this.available) return [];
    return (this.db.prepare('SELECT * FROM run_programmes WHERE client_id = ? ORDER BY start_date, id').all(clientId) as Row[]).map(toProgramme);
  }

  /** Change name, start date, weeks or notes; throws `ValidationError` / `NotFoundError` (nothing written). */
  update(id: number, patch: RunProgrammePatch, now: Date = new Date()): RunProgramme {
    const cur = this.require(id);
    const v = ValidationError.unwrap(validateProgrammePatch(patch));
    const next = { ...cur, ...v };
    this.db
      .prepare('UPDATE run_programmes SET name = ?, start_date = ?, weeks = ?, notes = ?, updated_at = ? WHERE id = ?')
      .run(next.name, next.startDate, JSON.stringify(next.weeks), next.notes, now.toISOString(), id);
    return this.require(id);
  }

  delete(id: number): RunProgramme {
    const cur = this.require(id);
    this.db.prepare('DELETE FROM run_programmes WHERE id = ?').run(id);
    return cur;
  }
}

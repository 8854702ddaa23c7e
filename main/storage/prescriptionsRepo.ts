/**
 * Home-practice prescriptions of a client (migration 5): create (validated, as the pacer rules
 * say: shared/domain/prescription.ts), get, list. A database from before migration 5 opened
 * read-only has no table: it lists none.
 */
import type { Db, Statement } from '../../native-adapters/sqlite/openDatabase.js';
import { localIsoDate, isIsoDate } from '../../shared/domain/dates.js';
import { checkPrescription, type NewPrescription, type Prescription, type PrescriptionLang } from '../../shared/domain/prescription.js';
import { ValidationError } from '../../shared/domain/validationResult.js';
import { RecordChecks } from './storageHelpers.js';

interface Row {
  id: number;
  client_id: number;
  date: string;
  rate_bpm: number;
  ratio: string;
  inhale_fraction: number;
  hold_in_sec: number;
  hold_out_sec: number;
  minutes: number;
  times_per_day: number;
  lang: string;
  created_at: string;
}

const toPrescription = (r: Row): Prescription => ({
  id: r.id,
  clientId: r.client_id,
  date: r.date,
  rateBpm: r.rate_bpm,
  ratio: r.ratio,
  inhaleFraction: r.inhale_fraction,
  holdInSec: r.hold_in_sec,
  holdOutSec: r.hold_out_sec,
  minutes: r.minutes,
  timesPerDay: r.times_per_day,
  lang: r.lang as PrescriptionLang,
  createdAt: r.created_at,
});

export class PrescriptionsRepo {
  private readonly checks;
  private insertStmt: Statement | null = null;

  constructor(private readonly db: Db) {
    this.checks = new RecordChecks(db);
  }

  /** Whether this database has the table (a read-only database of an older version may not). */
  get available(): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'prescriptions'").get() !== undefined;
  }

  /** Store a prescription; throws `ValidationError` / `NotFoundError` (nothing written). */
  create(input: NewPrescription, now: Date = new Date()): Prescription {
    const v = checkPrescription(input, 'en');
    if (!v.ok) throw new ValidationError(v.errors);
    const date = input.date ?? localIsoDate(now);
    if (!isIsoDate(date)) throw new ValidationError([`date must be a date (yyyy-mm-dd) (got '${String(date)}')`]);
    this.checks.requireClient(input.clientId);
    this.insertStmt ??= this.db.prepare(
      `INSERT INTO prescriptions (client_id, date, rate_bpm, ratio, inhale_fraction, hold_in_sec, hold_out_sec, minutes, times_per_day, lang, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const createdAt = now.toISOString();
    const p = v.value;
    const info = this.insertStmt.run(input.clientId, date, p.rateBpm, p.ratio, p.inhaleFraction, p.holdInSec, p.holdOutSec, p.minutes, p.timesPerDay, p.lang, createdAt);
    return { id: Number(info.lastInsertRowid), clientId: input.clientId, date, createdAt, ...p };
  }

  get(id: number): Prescription | undefined {
    if (!this.available) return undefined;
    const r = this.db.prepare('SELECT * FROM prescriptions WHERE id = ?').get(id) as Row | undefined;
    return r && toPrescription(r);
  }

  /** A client's prescriptions, oldest first. */
  listByClient(clientId: number): Prescription[] {
    if (!this.available) return [];
    return (this.db.prepare('SELECT * FROM prescriptions WHERE client_id = ? ORDER BY date, id').all(clientId) as Row[]).map(toPrescription);
  }
}

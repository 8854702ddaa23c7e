/**
 * Client records: create (validated), get, find by name, search, list with session counts, update.
 * A client withheld in practice mode (restricted to other therapists: withheldClients.ts) is not
 * listed, found or searched, and `require` refuses it; `get` and `update` still reach it by id.
 */
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type { Client, ClientListItem, NewClient } from '../../shared/domain/types.js';
import { validateClient } from '../../shared/domain/validateClient.js';
import { NotFoundError, ValidationError } from '../../shared/domain/validationResult.js';
import { clientWithheldError, isWithheld, notWithheld } from './withheldClients.js';

interface ClientDbRow {
  id: number;
  name: string;
  date_of_birth: string | null;
  referral_source: string | null;
  complaint: string | null;
  notes: string;
  nickname: string | null;
  created_at: string;
}

/** The columns read; `nickname` is NULL on a database from before nicknames (migration 12; read as it is). */
const columnsOf = (hasNickname: boolean): string =>
  `id, name, date_of_birth, referral_source, complaint, notes, ${hasNickname ? 'nickname' : 'NULL AS nickname'}, created_at`;

/** Whether the clients have a nickname column (a read-only database not yet migrated has none). */
function hasNicknames(db: Db): boolean {
  return db.prepare("SELECT 1 FROM pragma_table_info('clients') WHERE name = 'nickname'").get() !== undefined;
}

function toClient(r: ClientDbRow): Client {
  return {
    id: r.id,
    name: r.name,
    dateOfBirth: r.date_of_birth,
    referralSource: r.referral_source,
    complaint: r.complaint,
    notes: r.notes,
    nickname: r.nickname,
    createdAt: r.created_at,
  };
}

export class ClientsRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly byNameStmt;
  private readonly searchStmt;
  private readonly listStmt;
  private readonly updateStmt;
  private readonly countStmt;
  private readonly withheldByNameStmt;

  constructor(private readonly db: Db) {
    const nick = hasNicknames(db);
    const shown = notWithheld(db, 'id');
    const COLUMNS = columnsOf(nick);
    this.countStmt = db.prepare<[], number>('SELECT count(*) FROM clients').pluck();
    this.insertStmt = db.prepare(
      `INSERT INTO clients (name, date_of_birth, referral_source, complaint, notes${nick ? ', nickname' : ''}, created_at)
       VALUES (@name, @dateOfBirth, @referralSource, @complaint, @notes${nick ? ', @nickname' : ''}, @createdAt)`,
    );
    this.getStmt = db.prepare<[number], ClientDbRow>(`SELECT ${COLUMNS} FROM clients WHERE id = ?`);
    this.byNameStmt = db.prepare<[string], ClientDbRow>(
      `SELECT ${COLUMNS} FROM clients WHERE name = ? COLLATE NOCASE AND ${shown} ORDER BY id`,
    );
    this.withheldByNameStmt = db.prepare<[string], number>(`SELECT id FROM clients WHERE name = ? COLLATE NOCASE AND NOT (${shown}) ORDER BY id LIMIT 1`).pluck();
    this.searchStmt = db.prepare<[string, number], ClientDbRow>(
      `SELECT ${COLUMNS} FROM clients WHERE name LIKE ? ESCAPE '\\' AND ${shown} ORDER BY name COLLATE NOCASE, id LIMIT ?`,
    );
    this.listStmt = db.prepare<[], ClientDbRow & { session_count: number; last_session_at: string | null }>(
      `SELECT ${COLUMNS},
         (SELECT count(*) FROM sessions s WHERE s.client_id = c.id) AS session_count,
         (SELECT max(started_at) FROM sessions s WHERE s.client_id = c.id) AS last_session_at
       FROM clients c WHERE ${notWithheld(db, 'c.id')} ORDER BY name COLLATE NOCASE, id`,
    );
    this.updateStmt = db.prepare(
      `UPDATE clients SET name = @name, date_of_birth = @dateOfBirth, referral_source = @referralSource,
         complaint = @complaint, notes = @notes${nick ? ', nickname = @nickname' : ''} WHERE id = @id`,
    );
  }

  /** Create a client; throws `ValidationError` (nothing written) for bad input. */
  create(input: NewClient, now: Date = new Date()): Client {
    const v = ValidationError.unwrap(validateClient(input, now));
    const createdAt = now.toISOString();
    const id = Number(this.insertStmt.run({ ...v, createdAt }).lastInsertRowid);
    return { id, ...v, createdAt };
  }

  get(id: number): Client | undefined {
    const r = this.getStmt.get(id);
    return r && toClient(r);
  }

  /**
   * Like `get`, but throws `NotFoundError` when the client does not exist, and the coded error
   * 'client.withheld' when it is withheld here (restricted to other therapists in the practice).
   */
  require(id: number): Client {
    const c = this.get(id);
    if (!c) throw new NotFoundError('client', id);
    if (isWithheld(this.db, id)) throw clientWithheldError(id);
    return c;
  }

  /**
   * Clients whose name equals `name` (trimmed, case-insensitive), oldest first. When only withheld
   * clients have that name: the coded error 'client.withheld' (a command naming one is refused,
   * and never makes a second client of that name).
   */
  findByName(name: string): Client[] {
    const found = this.byNameStmt.all(name.trim()).map(toClient);
    if (found.length === 0) {
      const withheld = this.withheldByNameStmt.get(name.trim());
      if (withheld !== undefined) throw clientWithheldError(withheld);
    }
    return found;
  }

  /** Clients whose name contains `text` (case-insensitive for ASCII), by name. */
  search(text: string, limit = 50): Client[] {
    const pattern = '%' + text.trim().replace(/[\\%_]/g, (m) => '\\' + m) + '%';
    return this.searchStmt.all(pattern, limit).map(toClient);
  }

  /** All clients by name, each with the number of sessions and the latest session start. */
  list(): ClientListItem[] {
    return this.listStmt.all().map((r) => ({
      ...toClient(r),
      sessionCount: r.session_count,
      lastSessionAt: r.last_session_at,
    }));
  }

  /** Change fields of a client (validated like `create`); returns the updated client. */
  update(id: number, patch: Partial<NewClient>, now: Date = new Date()): Client {
    // By id, withheld or not: an edit being saved as the sync withholds the client is kept (and parked).
    const current = this.get(id);
    if (!current) throw new NotFoundError('client', id);
    const v = ValidationError.unwrap(validateClient(patch, now, true));
    const next = { ...current, ...v };
    this.updateStmt.run({
      id,
      name: next.name,
      dateOfBirth: next.dateOfBirth,
      referralSource: next.referralSource,
      complaint: next.complaint,
      notes: next.notes,
      nickname: next.nickname,
    });
    return next;
  }

  /** Number of clients. */
  count(): number {
    return this.countStmt.get() ?? 0;
  }
}

/**
 * `AccessLogRepo` — the access log of client records, as NEN 7513 asks of Dutch care: every
 * open, export, report, change and deletion of a client's data with its time, action, client (and session),
 * the workstation's user (OS user name) and host name. Append-only (the table refuses UPDATE and
 * DELETE) and hash-chained: each entry's `hash` is SHA-256 over the previous entry's hash and this
 * entry's fields, so a changed, removed or inserted entry breaks the chain (`verify`). It never
 * holds signal data — only ids, the action and a short detail (e.g. the export format).
 */
import { createHash } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import type { AccessAction } from '../../shared/ipc/auditTypes.js';

/** What was done to a client's record (shared with the app's access-log view). */
export type { AccessAction };

export interface AccessEntryInput {
  action: AccessAction;
  clientId: number | null;
  sessionId?: number | null;
  /** A short, non-clinical detail (the call or command, an export format); no signal, no free text. */
  detail?: string;
}

export interface AccessEntry {
  id: number;
  at: string;
  action: AccessAction;
  clientId: number | null;
  sessionId: number | null;
  user: string;
  workstation: string;
  detail: string;
  prevHash: string;
  hash: string;
}

interface Row {
  id: number;
  at: string;
  action: string;
  client_id: number | null;
  session_id: number | null;
  user: string;
  workstation: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 of the previous hash and the entry's fields (the chain link). */
export function accessEntryHash(prevHash: string, e: Omit<AccessEntry, 'id' | 'prevHash' | 'hash'>): string {
  const fields = JSON.stringify([e.at, e.action, e.clientId, e.sessionId, e.user, e.workstation, e.detail]);
  return createHash('sha256').update(prevHash).update('\n').update(fields).digest('hex');
}

/** The workstation user: the OS user name, and the host name or the name in CADANS_WORKSTATION (a practice names its rooms). */
export function workstationUser(): { user: string; workstation: string } {
  let user = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (a container): the environment's name
  }
  // Practice mode (issue 17): the therapist is their PostgreSQL role, also while the server is unreachable.
  user = practiceRole() ?? user;
  return { user, workstation: process.env.CADANS_WORKSTATION?.trim().slice(0, 100) || hostname() };
}

/** The therapist's role in practice mode: CADANS_PRACTICE_ROLE (an app login acting as that role), else the user in CADANS_PRACTICE_DB. */
export function practiceRole(env: NodeJS.ProcessEnv = process.env): string | null {
  const role = env.CADANS_PRACTICE_ROLE?.trim();
  if (role) return role.slice(0, 63);
  const url = env.CADANS_PRACTICE_DB?.trim();
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.username ? decodeURIComponent(u.username).slice(0, 63) : null;
  } catch {
    return null;
  }
}

const toEntry = (r: Row): AccessEntry => ({
  id: r.id,
  at: r.at,
  action: r.action as AccessAction,
  clientId: r.client_id,
  sessionId: r.session_id,
  user: r.user,
  workstation: r.workstation,
  detail: r.detail,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export class AccessLogRepo {
  private readonly who = workstationUser();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Whether this database has the access log (a read-only database of an older version may not). */
  get available(): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'access_log'").get() !== undefined;
  }

  /** Append one entry (in one immediate transaction, so two processes chain in order). */
  append(input: AccessEntryInput): AccessEntry {
    const tx = this.db.transaction((): AccessEntry => {
      const last = this.db.prepare('SELECT hash FROM access_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
      const prevHash = last?.hash ?? GENESIS_HASH;
      const e = {
        at: this.now().toISOString(),
        action: input.action,
        clientId: input.clientId,
        sessionId: input.sessionId ?? null,
        user: this.who.user,
        workstation: this.who.workstation,
        detail: (input.detail ?? '').slice(0, 200),
      };
      const hash = accessEntryHash(prevHash, e);
      const info = this.db
        .prepare('INSERT INTO access_log (at, action, client_id, session_id, user, workstation, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(e.at, e.action, e.clientId, e.sessionId, e.user, e.workstation, e.detail, prevHash, hash);
      return { id: Number(info.lastInsertRowid), ...e, prevHash, hash };
    });
    return tx.immediate();
  }

  /** The entries about one client (or all), oldest first. */
  list(clientId?: number): AccessEntry[] {
    if (!this.available) return [];
    const rows =
      clientId === undefined
        ? (this.db.prepare('SELECT * FROM access_log ORDER BY id').all() as Row[])
        : (this.db.prepare('SELECT * FROM access_log WHERE client_id = ? ORDER BY id').all(clientId) as Row[]);
    return rows.map(toEntry);
  }

  /** How many entries are about one client. */
  count(clientId: number): number {
    if (!this.available) return 0;
    return (this.db.prepare('SELECT count(*) AS n FROM access_log WHERE client_id = ?').get(clientId) as { n: number }).n;
  }

  /** A page of one client's entries, newest first: `limit` entries with an id below `beforeId` (null: the newest). */
  page(clientId: number, beforeId: number | null, limit: number): AccessEntry[] {
    if (!this.available) return [];
    const rows = this.db
      .prepare('SELECT * FROM access_log WHERE client_id = ? AND id < ? ORDER BY id DESC LIMIT ?')
      .all(clientId, beforeId ?? Number.MAX_SAFE_INTEGER, limit) as Row[];
    return rows.map(toEntry);
  }

  /** Check the whole chain: null when intact, else the id of the first entry that does not fit. */
  verify(): { ok: true; entries: number } | { ok: false; brokenAtId: number; entries: number } {
    const all = this.list();
    let prev = GENESIS_HASH;
    for (const e of all) {
      if (e.prevHash !== prev || accessEntryHash(prev, e) !== e.hash) return { ok: false, brokenAtId: e.id, entries: all.length };
      prev = e.hash;
    }
    return { ok: true, entries: all.length };
  }
}

// Helpers for the practice-mode integration tests: two workstations are two local SQLite files
// driven by separate `cadans` processes; their records are compared through their uuids.
import { RECORD_TABLES } from '../../../main/practice/recordTables.js';
import { openStorage } from '../../../main/storage/storage.js';
import { connectPractice } from '../../../native-adapters/pg/practiceConnection.js';
import { runCli, type CliRun } from '../../support/runCli.js';

/** A workstation: its local file, its name, the therapist's role (and the app login acting as it, if any). */
export interface PracticeRoom {
  db: string;
  name: string;
  role: string;
  login?: string;
}

/** The test server's URL with another user. */
export function urlAs(url: string, user: string): string {
  const u = new URL(url);
  u.username = user;
  return u.toString();
}

/** `cadans <args> --db <room's file>` as the room's therapist (CADANS_PRACTICE_ROLE when an app login acts for them). */
export function roomCli(url: string, room: PracticeRoom, args: string[], lang = 'en'): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { CADANS_PRACTICE_DB: urlAs(url, room.login ?? room.role), CADANS_LANG: lang, CADANS_WORKSTATION: room.name };
  if (room.login) env.CADANS_PRACTICE_ROLE = room.role;
  return runCli([...args, '--db', room.db], { env, timeoutMs: 120_000 });
}

/** One query on the server as the user of `url` (the tests' owner). */
export async function serverQuery<R>(url: string, sql: string, params: (string | number)[] = []): Promise<R[]> {
  const conn = await connectPractice(url);
  try {
    return await conn.query<R>(sql, params);
  } finally {
    await conn.close();
  }
}

export function cli(url: string, args: string[]): Promise<CliRun> {
  return runCli(args, { env: { CADANS_PRACTICE_DB: url, CADANS_LANG: 'en' }, timeoutMs: 120_000 });
}

export interface SessionCopy {
  session: Record<string, unknown>;
  chunks: string[];
  beats: string[];
  metrics: string[];
  pacer: string[];
  markers: string[];
  gaps: string[];
}

/** Everything of session `uuid` in workstation database `file`, in a comparable form (no local ids). */
export function sessionCopy(file: string, uuid: string): SessionCopy | null {
  const s = openStorage(file, { readonly: true });
  try {
    const row = s.db
      .prepare(
        `SELECT s.id, s.uuid, c.uuid AS client_uuid, c.name AS client_name, s.type, s.sensor_spec, s.sensor_info, s.pacer, s.started_at,
           s.ended_at, s.status, s.fs_hz, s.summary, s.notes, s.samples, s.beats, s.signal_start_sec, s.signal_end_sec
         FROM sessions s JOIN clients c ON c.id = s.client_id WHERE s.uuid = ?`,
      )
      .get(uuid) as Record<string, unknown> | undefined;
    if (!row) return null;
    const id = row.id;
    delete row.id;
    const all = (sql: string): string[] => (s.db.prepare(sql).raw().all(id) as unknown[][]).map((r) => JSON.stringify(r.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : v))));
    return {
      session: row,
      chunks: all('SELECT channel, t0_sec, fs_hz, n, data, crc32 FROM signal_chunks WHERE session_id = ? ORDER BY channel, t0_sec'),
      beats: all('SELECT t_sec, ibi_ms, quality, flags FROM beats WHERE session_id = ? ORDER BY t_sec, id'),
      metrics: all('SELECT name, t_sec, value FROM metric_points WHERE session_id = ? ORDER BY name, t_sec, id'),
      pacer: all('SELECT t_sec, settings FROM pacer_changes WHERE session_id = ? ORDER BY t_sec, id'),
      markers: all('SELECT uuid, t_sec, kind, note FROM markers WHERE session_id = ? ORDER BY uuid'),
      gaps: all('SELECT uuid, start_sec, end_sec, reason FROM gaps WHERE session_id = ? ORDER BY uuid'),
    };
  } finally {
    s.close();
  }
}

export function sessionUuid(file: string, sessionId: number): string {
  const s = openStorage(file, { readonly: true });
  try {
    return (s.db.prepare('SELECT uuid FROM sessions WHERE id = ?').get(sessionId) as { uuid: string }).uuid;
  } finally {
    s.close();
  }
}

export function localCount(file: string, sql: string, ...params: unknown[]): number {
  const s = openStorage(file, { readonly: true });
  try {
    return Object.values(s.db.prepare(sql).get(...params) as Record<string, number>)[0];
  } finally {
    s.close();
  }
}

/** Row counts on the server: per table, and per session for chunks and beats. */
export async function serverCounts(url: string, sessionUuid?: string): Promise<Record<string, number>> {
  const conn = await connectPractice(url);
  try {
    const out: Record<string, number> = {};
    for (const t of ['clients', 'sessions', 'signal_chunks', 'beats', 'metric_points', 'pacer_changes', 'markers', 'gaps', 'access_log']) {
      out[t] = Number((await conn.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${t}`))[0].n);
    }
    if (sessionUuid) {
      out.sessionChunks = Number((await conn.query<{ n: string }>('SELECT count(*)::text AS n FROM signal_chunks WHERE session_uuid = $1', [sessionUuid]))[0].n);
      out.sessionSamples = Number((await conn.query<{ n: string }>('SELECT coalesce(sum(n), 0)::text AS n FROM signal_chunks WHERE session_uuid = $1', [sessionUuid]))[0].n);
      out.sessionBeats = Number((await conn.query<{ n: string }>('SELECT count(*)::text AS n FROM beats WHERE session_uuid = $1', [sessionUuid]))[0].n);
    }
    return out;
  } finally {
    await conn.close();
  }
}

/** A client's whole record in workstation database `file` by uuid: every client-record table, and the sessions' courses. */
export function clientRecord(file: string, clientName: string): Record<string, string[]> {
  const s = openStorage(file, { readonly: true });
  try {
    const client = s.db.prepare('SELECT id, uuid, name, date_of_birth, referral_source, complaint, notes, created_at FROM clients WHERE name = ?').get(clientName) as
      | Record<string, unknown>
      | undefined;
    if (!client) return {};
    const out: Record<string, string[]> = { client: [JSON.stringify({ ...client, id: undefined })] };
    for (const t of RECORD_TABLES) {
      const course = t.course ? ', (SELECT uuid FROM courses co WHERE co.id = x.course_id) AS course_uuid' : '';
      out[t.table] = (s.db.prepare(`SELECT x.uuid${course}, ${t.columns.map((c) => `x.${c}`).join(', ')} FROM ${t.table} x WHERE x.client_id = ? ORDER BY x.uuid`).all(client.id) as unknown[]).map((r) =>
        JSON.stringify(r),
      );
    }
    out.sessions = (s.db.prepare('SELECT s.uuid, co.uuid AS course_uuid FROM sessions s LEFT JOIN courses co ON co.id = s.course_id WHERE s.client_id = ? ORDER BY s.uuid').all(client.id) as unknown[]).map((r) =>
      JSON.stringify(r),
    );
    return out;
  } finally {
    s.close();
  }
}

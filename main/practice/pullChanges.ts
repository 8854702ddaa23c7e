/**
 * Pull what other workstations wrote to the practice database since this workstation's cursor,
 * and store it locally — all of it in one SQLite transaction together with the new cursor, so a
 * pull is applied exactly once however it ends. The server side is read in one REPEATABLE READ
 * snapshot; pushes commit their `seq` in order (the push lock), so nothing below the cursor can
 * appear later. While applying, the outbox is paused: what came from the server is not sent back.
 * This workstation's own access log is its own hash chain: other workstations' entries stay on
 * the server (where every workstation's log is kept).
 */
import type { PracticeConnection } from '../../native-adapters/pg/practiceConnection.js';
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import { getSyncState, setSyncState, workstationId } from './localSyncState.js';
import { RECORD_TABLES, type RecordTable } from './recordTables.js';

export interface PullReport {
  clients: number;
  /** Courses, goals, questionnaire results, running-log entries and prescriptions. */
  records: number;
  sessions: number;
  signalChunks: number;
  beats: number;
  metricPoints: number;
  pacerChanges: number;
  markers: number;
  gaps: number;
  cursor: number;
}

type Row = Record<string, unknown>;

type Pulled = 'clients' | RecordTable['table'] | 'sessions' | 'signal_chunks' | 'beats' | 'metric_points' | 'pacer_changes' | 'markers' | 'gaps';

/** In dependency order: a row's client, course and session come before it. */
const PULLED_TABLES: readonly Pulled[] = ['clients', ...RECORD_TABLES.map((t) => t.table), 'sessions', 'signal_chunks', 'beats', 'metric_points', 'pacer_changes', 'markers', 'gaps'];

const SELECTS: Record<Pulled, string> = {
  ...(Object.fromEntries(
    RECORD_TABLES.map((t) => [
      t.table,
      `SELECT uuid::text, client_uuid::text, ${t.course ? 'course_uuid::text, ' : ''}${t.columns.join(', ')}, deleted FROM ${t.table}`,
    ]),
  ) as Record<RecordTable['table'], string>),
  clients: 'SELECT uuid::text, name, date_of_birth, referral_source, complaint, notes, nickname, created_at FROM clients',
  sessions:
    'SELECT uuid::text, client_uuid::text, course_uuid::text, type, sensor_spec, sensor_info, pacer, started_at, ended_at, status, fs_hz, summary, notes, recorded_by FROM sessions',
  signal_chunks: 'SELECT session_uuid::text, channel, t0_sec, fs_hz, n, data, crc32 FROM signal_chunks',
  beats: 'SELECT session_uuid::text, t_sec, ibi_ms, quality, flags FROM beats',
  metric_points: 'SELECT session_uuid::text, name, t_sec, value FROM metric_points',
  pacer_changes: 'SELECT session_uuid::text, t_sec, settings FROM pacer_changes',
  markers: 'SELECT uuid::text, session_uuid::text, t_sec, kind, note, deleted FROM markers',
  gaps: 'SELECT uuid::text, session_uuid::text, start_sec, end_sec, reason FROM gaps',
};

export async function pullChanges(db: Db, conn: PracticeConnection): Promise<PullReport> {
  const me = workstationId(db);
  const cursor = Number(getSyncState(db, 'pull_seq') ?? '0');
  const fetched = await conn.transaction(async () => {
    const out: Partial<Record<Pulled, Row[]>> = {};
    let top = cursor;
    for (const t of PULLED_TABLES) {
      out[t] = await conn.query(`${SELECTS[t]} WHERE seq > $1 AND origin <> $2 ORDER BY seq`, [cursor, me]);
      const m = await conn.query<{ m: string | null }>(`SELECT max(seq)::text AS m FROM ${t} WHERE seq > $1`, [cursor]);
      if (m[0]?.m != null) top = Math.max(top, Number(m[0].m));
    }
    const a = await conn.query<{ m: string | null }>('SELECT max(seq)::text AS m FROM access_log WHERE seq > $1', [cursor]);
    if (a[0]?.m != null) top = Math.max(top, Number(a[0].m));
    return { rows: out as Record<Pulled, Row[]>, top };
  }, 'repeatable read');
  const r = fetched.rows;
  db.transaction(() => {
    setSyncState(db, 'outbox', 'paused');
    applyClients(db, r.clients);
    for (const t of RECORD_TABLES) applyRecords(db, t, r[t.table]);
    applySessions(db, r.sessions);
    applyBulk(db, r);
    applyMarkers(db, r.markers);
    applyGaps(db, r.gaps);
    setSyncState(db, 'pull_seq', String(fetched.top));
    setSyncState(db, 'last_pull_at', new Date().toISOString());
    setSyncState(db, 'outbox', 'on');
  }).immediate();
  return {
    clients: r.clients.length,
    records: RECORD_TABLES.reduce((n, t) => n + r[t.table].length, 0),
    sessions: r.sessions.length,
    signalChunks: r.signal_chunks.length,
    beats: r.beats.length,
    metricPoints: r.metric_points.length,
    pacerChanges: r.pacer_changes.length,
    markers: r.markers.length,
    gaps: r.gaps.length,
    cursor: fetched.top,
  };
}

function localId(db: Db, table: 'clients' | 'sessions' | 'markers' | 'gaps' | RecordTable['table'], uuid: unknown): number | undefined {
  const r = db.prepare(`SELECT id FROM ${table} WHERE uuid = ?`).get(String(uuid)) as { id: number } | undefined;
  return r?.id;
}

function requireId(db: Db, table: 'clients' | 'sessions' | 'courses', uuid: unknown): number {
  const id = localId(db, table, uuid);
  if (id === undefined) throw new Error(`the practice database refers to a row of ${table} (${String(uuid)}) this workstation never received`);
  return id;
}

/** The local course of a course uuid (null stays null). */
function courseId(db: Db, uuid: unknown): number | null {
  return uuid == null ? null : requireId(db, 'courses', uuid);
}

/** Courses, goals, questionnaire results, running log, prescriptions: insert, replace or delete by uuid. */
function applyRecords(db: Db, t: RecordTable, rows: Row[]): void {
  const cols = ['client_id', ...(t.course ? ['course_id'] : []), ...t.columns];
  const insert = db.prepare(`INSERT INTO ${t.table} (uuid, ${cols.join(', ')}) VALUES (@uuid, ${cols.map((c) => `@${c}`).join(', ')})`);
  const update = db.prepare(`UPDATE ${t.table} SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
  const remove = db.prepare(`DELETE FROM ${t.table} WHERE id = ?`);
  for (const row of rows) {
    const id = localId(db, t.table, row.uuid);
    if (row.deleted) {
      if (id !== undefined) remove.run(id);
      continue;
    }
    const values: Record<string, unknown> = { uuid: row.uuid, client_id: requireId(db, 'clients', row.client_uuid) };
    if (t.course) values.course_id = courseId(db, row.course_uuid);
    for (const c of t.columns) values[c] = row[c];
    if (id === undefined) insert.run(values);
    else update.run({ ...values, id });
  }
}

function applyClients(db: Db, rows: Row[]): void {
  const update = db.prepare('UPDATE clients SET name = @name, date_of_birth = @date_of_birth, referral_source = @referral_source, complaint = @complaint, notes = @notes, nickname = @nickname WHERE id = @id');
  const insert = db.prepare(
    'INSERT INTO clients (uuid, name, date_of_birth, referral_source, complaint, notes, nickname, created_at) VALUES (@uuid, @name, @date_of_birth, @referral_source, @complaint, @notes, @nickname, @created_at)',
  );
  for (const c of rows) {
    const id = localId(db, 'clients', c.uuid);
    if (id === undefined) insert.run(c);
    else update.run({ ...c, id });
  }
}

function applySessions(db: Db, rows: Row[]): void {
  const insert = db.prepare(
    `INSERT INTO sessions (uuid, client_id, course_id, type, sensor_spec, sensor_info, pacer, started_at, ended_at, status, fs_hz, summary, notes, origin)
     VALUES (@uuid, @client_id, @course_id, @type, @sensor_spec, @sensor_info, @pacer, @started_at, @ended_at, @status, @fs_hz, @summary, @notes, @recorded_by)`,
  );
  // A session's status never goes back to 'recording' here (it may have been marked interrupted locally); 'complete' is final.
  const update = db.prepare(
    `UPDATE sessions SET client_id = @client_id, course_id = @course_id, type = @type, sensor_spec = @sensor_spec, sensor_info = @sensor_info, pacer = @pacer,
       started_at = @started_at, ended_at = coalesce(@ended_at, ended_at),
       status = CASE WHEN @status = 'recording' OR status = 'complete' THEN status ELSE @status END,
       fs_hz = coalesce(@fs_hz, fs_hz), summary = coalesce(@summary, summary), notes = @notes WHERE id = @id`,
  );
  for (const s of rows) {
    const values = { ...s, client_id: requireId(db, 'clients', s.client_uuid), course_id: courseId(db, s.course_uuid) };
    const id = localId(db, 'sessions', s.uuid);
    if (id === undefined) insert.run(values);
    else update.run({ ...values, id });
  }
}

function applyBulk(db: Db, r: Record<'signal_chunks' | 'beats' | 'metric_points' | 'pacer_changes', Row[]>): void {
  const sessionIds = new Map<string, number>();
  const sessionOf = (uuid: unknown): number => {
    const key = String(uuid);
    let id = sessionIds.get(key);
    if (id === undefined) sessionIds.set(key, (id = requireId(db, 'sessions', key)));
    return id;
  };
  // A row already here is skipped: the same rows come again when a client's restriction changes
  // (main/practice/clientRestrictions.ts gives them a new seq so newly allowed therapists get them).
  const chunk = db.prepare(
    `INSERT INTO signal_chunks (session_id, channel, t0_sec, fs_hz, n, data, crc32) SELECT @s, @channel, @t0, @fs, @n, @data, @crc
     WHERE NOT EXISTS (SELECT 1 FROM signal_chunks WHERE session_id = @s AND channel = @channel AND t0_sec = @t0)`,
  );
  for (const c of r.signal_chunks) {
    chunk.run({ s: sessionOf(c.session_uuid), channel: c.channel, t0: c.t0_sec, fs: c.fs_hz, n: c.n, data: c.data, crc: c.crc32 == null ? null : Number(c.crc32) });
  }
  const beat = db.prepare(
    'INSERT INTO beats (session_id, t_sec, ibi_ms, quality, flags) SELECT @s, @t, @ibi, @q, @flags WHERE NOT EXISTS (SELECT 1 FROM beats WHERE session_id = @s AND t_sec = @t)',
  );
  for (const b of r.beats) beat.run({ s: sessionOf(b.session_uuid), t: b.t_sec, ibi: b.ibi_ms, q: b.quality, flags: b.flags });
  const metric = db.prepare(
    'INSERT INTO metric_points (session_id, name, t_sec, value) SELECT @s, @name, @t, @v WHERE NOT EXISTS (SELECT 1 FROM metric_points WHERE session_id = @s AND name = @name AND t_sec = @t)',
  );
  for (const m of r.metric_points) metric.run({ s: sessionOf(m.session_uuid), name: m.name, t: m.t_sec, v: m.value });
  const pacer = db.prepare(
    'INSERT INTO pacer_changes (session_id, t_sec, settings) SELECT @s, @t, @settings WHERE NOT EXISTS (SELECT 1 FROM pacer_changes WHERE session_id = @s AND t_sec = @t AND settings = @settings)',
  );
  for (const p of r.pacer_changes) pacer.run({ s: sessionOf(p.session_uuid), t: p.t_sec, settings: p.settings });
}

function applyMarkers(db: Db, rows: Row[]): void {
  const insert = db.prepare('INSERT INTO markers (uuid, session_id, t_sec, kind, note) VALUES (?, ?, ?, ?, ?)');
  const update = db.prepare('UPDATE markers SET t_sec = ?, kind = ?, note = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM markers WHERE id = ?');
  for (const m of rows) {
    const id = localId(db, 'markers', m.uuid);
    if (m.deleted) {
      if (id !== undefined) remove.run(id);
    } else if (id === undefined) insert.run(m.uuid, requireId(db, 'sessions', m.session_uuid), m.t_sec, m.kind, m.note);
    else update.run(m.t_sec, m.kind, m.note, id);
  }
}

function applyGaps(db: Db, rows: Row[]): void {
  const insert = db.prepare('INSERT INTO gaps (uuid, session_id, start_sec, end_sec, reason) VALUES (?, ?, ?, ?, ?)');
  for (const g of rows) {
    if (localId(db, 'gaps', g.uuid) === undefined) insert.run(g.uuid, requireId(db, 'sessions', g.session_uuid), g.start_sec, g.end_sec, g.reason);
  }
}

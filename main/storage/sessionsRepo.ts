/**
 * Sessions: create, get, list (with counts and duration, never scanning the signal),
 * status and summary, start-up recovery of sessions left 'recording', and one-call
 * overview/full reads for reports and exports.
 */
import {
  probeRecordingLock,
  RecordingLock,
  recordingLockIds,
  type Db,
  type Statement,
} from '../../native-adapters/sqlite/openDatabase.js';
import type {
  BeatRow,
  Client,
  Gap,
  JsonObject,
  Marker,
  MetricSeries,
  NewSession,
  PacerChange,
  SessionListItem,
  SessionRow,
  SessionStats,
  SessionStatus,
  SessionType,
  SignalSegment,
} from '../../shared/domain/types.js';
import { SESSION_STATUSES } from '../../shared/domain/types.js';
import { validateSession } from '../../shared/domain/validateSession.js';
import { NotFoundError, ValidationError } from '../../shared/domain/validationResult.js';
import { BeatsRepo } from './beatsRepo.js';
import { ClientsRepo } from './clientsRepo.js';
import { GapsRepo } from './gapsRepo.js';
import { MarkersRepo } from './markersRepo.js';
import { MetricsRepo } from './metricsRepo.js';
import { PacerChangesRepo } from './pacerChangesRepo.js';
import { SignalRepo } from './signalRepo.js';
import { notWithheld } from './withheldClients.js';
import { parseJsonObject, RecordChecks } from './storageHelpers.js';

interface SessionDbRow {
  id: number;
  client_id: number;
  course_id: number | null;
  type: SessionType;
  sensor_spec: string;
  sensor_info: string;
  pacer: string | null;
  started_at: string;
  ended_at: string | null;
  status: SessionStatus;
  fs_hz: number | null;
  summary: string | null;
  notes: string;
  samples: number;
  beats: number;
  signal_start_sec: number | null;
  signal_end_sec: number | null;
  beats_start_sec: number | null;
  beats_end_sec: number | null;
  last_write_at: string | null;
  group_id: number | null;
}

/** The columns read; `group_id` is NULL on a database from before group sessions (read as it is). */
const columnsOf = (hasGroups: boolean): string => `id, client_id, course_id, type, sensor_spec, sensor_info, pacer, started_at, ended_at, status,
  fs_hz, summary, notes, samples, beats, signal_start_sec, signal_end_sec, beats_start_sec, beats_end_sec, last_write_at,
  ${hasGroups ? 'group_id' : 'NULL AS group_id'}`;

/** Whether the database has group sessions (migration 'group sessions'; older databases are read as they are). */
export function hasGroupSessions(db: Db): boolean {
  return db.prepare("SELECT 1 FROM pragma_table_info('sessions') WHERE name = 'group_id'").get() !== undefined;
}

function statsOf(r: SessionDbRow): SessionStats {
  let durationSec = 0;
  if (r.samples > 0 && r.signal_start_sec !== null && r.signal_end_sec !== null) {
    durationSec = r.signal_end_sec - r.signal_start_sec;
  } else if (r.beats > 0 && r.beats_start_sec !== null && r.beats_end_sec !== null) {
    durationSec = r.beats_end_sec - r.beats_start_sec;
  }
  return {
    samples: r.samples,
    beats: r.beats,
    durationSec,
    signalStartSec: r.signal_start_sec,
    signalEndSec: r.signal_end_sec,
  };
}

function toListItem(r: SessionDbRow): SessionListItem {
  return {
    id: r.id,
    clientId: r.client_id,
    courseId: r.course_id,
    type: r.type,
    sensorSpec: r.sensor_spec,
    sensorInfo: parseJsonObject(r.sensor_info, {}),
    pacer: parseJsonObject(r.pacer, null),
    startedAt: r.started_at,
    endedAt: r.ended_at,
    status: r.status,
    fsHz: r.fs_hz,
    summary: parseJsonObject(r.summary, null),
    notes: r.notes,
    groupId: r.group_id,
    ...statsOf(r),
  };
}

export interface SessionListOptions {
  clientId?: number;
  status?: SessionStatus;
  /** Only the members of this group session. */
  groupId?: number;
  /** Default 'newest' first. */
  order?: 'newest' | 'oldest';
  limit?: number;
  offset?: number;
}

/** What a session screen or report header needs, without the bulk data. */
export interface SessionOverview {
  session: SessionListItem;
  client: Client;
  pacerChanges: PacerChange[];
  markers: Marker[];
  gaps: Gap[];
  /** Names of the stored metric series. */
  metricNames: string[];
  /** Channels with raw samples. */
  channels: string[];
}

/** Everything about a session (for JSON export and offline analysis). */
export interface SessionFull extends SessionOverview {
  beats: BeatRow[];
  metrics: Record<string, MetricSeries>;
  /** Raw signal of all channels as contiguous segments. */
  signal: SignalSegment[];
}

export interface RecoverOptions {
  now?: Date;
  /**
   * For sessions without a recording lock file (recorded by an older Cadans, an in-memory
   * database, or a recorder that could not create its lock file): only recover them when their
   * last write is at least this old (default 0 = all). Sessions with a lock file are decided by
   * the lock alone (see native-adapters/sqlite/recordingLock.ts).
   */
  staleAfterSec?: number;
}

/** How a session left 'recording' is judged: its recorder holds its lock, or is gone. */
type RecorderState = 'live' | 'dead-unlocked' | 'dead-stale';

export class SessionsRepo {
  private readonly checks;
  private readonly clients;
  private readonly signal;
  private readonly beatsRepo;
  private readonly metrics;
  private readonly markers;
  private readonly gaps;
  private readonly pacer;
  private readonly insertStmt;
  private readonly getStmt;
  private readonly listStmts = new Map<string, Statement<(number | string)[], SessionDbRow>>();
  private readonly statusStmt;
  private readonly summaryStmt;
  private readonly updateStmt;
  private readonly recordingStmt;
  private readonly interruptStmt;
  private readonly columns: string;
  /** SQL condition: the session's client is not withheld (practice mode: withheldClients.ts). */
  private readonly shown: string;

  constructor(private readonly db: Db) {
    const COLUMNS = (this.columns = columnsOf(hasGroupSessions(db)));
    this.shown = notWithheld(db, 'client_id');
    this.checks = new RecordChecks(db);
    this.clients = new ClientsRepo(db);
    this.signal = new SignalRepo(db);
    this.beatsRepo = new BeatsRepo(db);
    this.metrics = new MetricsRepo(db);
    this.markers = new MarkersRepo(db);
    this.gaps = new GapsRepo(db);
    this.pacer = new PacerChangesRepo(db);
    this.insertStmt = db.prepare(
      `INSERT INTO sessions (client_id, course_id, type, sensor_spec, sensor_info, pacer, started_at, status, fs_hz, notes${this.columns.includes('NULL AS') ? '' : ', group_id'})
       VALUES (@clientId, @courseId, @type, @sensorSpec, @sensorInfo, @pacer, @startedAt, 'recording', @fsHz, @notes${this.columns.includes('NULL AS') ? '' : ', @groupId'})`,
    );
    this.getStmt = db.prepare<[number], SessionDbRow>(`SELECT ${COLUMNS} FROM sessions WHERE id = ?`);
    this.statusStmt = db.prepare('UPDATE sessions SET status = ?, ended_at = ? WHERE id = ?');
    this.summaryStmt = db.prepare('UPDATE sessions SET summary = ? WHERE id = ?');
    this.updateStmt = db.prepare(
      `UPDATE sessions SET course_id = @courseId, sensor_spec = @sensorSpec, sensor_info = @sensorInfo,
         pacer = @pacer, fs_hz = @fsHz, notes = @notes WHERE id = @id`,
    );
    this.recordingStmt = db.prepare<[], SessionDbRow>(`SELECT ${COLUMNS} FROM sessions WHERE status = 'recording'`);
    this.interruptStmt = db.prepare("UPDATE sessions SET status = 'interrupted', ended_at = ? WHERE id = ? AND status = 'recording'");
  }

  /** Start a session (status 'recording'); throws `ValidationError`/`NotFoundError` (nothing written). */
  create(input: NewSession, now: Date = new Date()): SessionRow {
    const v = ValidationError.unwrap(validateSession(input, now));
    this.checks.requireClient(v.clientId);
    this.checks.requireCourseOfClient(v.clientId, v.courseId);
    if (v.groupId !== null) this.requireGroup(v.groupId);
    const id = Number(
      this.insertStmt.run({
        ...v,
        sensorInfo: JSON.stringify(v.sensorInfo),
        pacer: v.pacer === null ? null : JSON.stringify(v.pacer),
      }).lastInsertRowid,
    );
    return this.require(id);
  }

  private requireGroup(groupId: number): void {
    if (this.columns.includes('NULL AS') || !this.db.prepare('SELECT 1 FROM session_groups WHERE id = ?').get(groupId)) {
      throw new NotFoundError('sessionGroup', groupId);
    }
  }

  /** The session with its stats, or undefined. */
  get(id: number): SessionListItem | undefined {
    const r = this.getStmt.get(id);
    return r && toListItem(r);
  }

  /** Like `get`, but throws `NotFoundError`. */
  require(id: number): SessionListItem {
    const s = this.get(id);
    if (!s) throw new NotFoundError('session', id);
    return s;
  }

  /** Counts and duration of a session. */
  stats(id: number): SessionStats {
    const r = this.getStmt.get(id);
    if (!r) throw new NotFoundError('session', id);
    return statsOf(r);
  }

  /**
   * Sessions (of one client, or all), newest first by default, each with counts and `durationSec`.
   * The sessions of a client withheld here (practice mode) are left out.
   */
  list(options: SessionListOptions = {}): SessionListItem[] {
    const where: string[] = [this.shown];
    const params: (number | string)[] = [];
    if (options.clientId !== undefined) {
      where.push('client_id = ?');
      params.push(options.clientId);
    }
    if (options.status !== undefined) {
      where.push('status = ?');
      params.push(options.status);
    }
    if (options.groupId !== undefined) {
      where.push('group_id = ?');
      params.push(options.groupId);
    }
    const dir = options.order === 'oldest' ? 'ASC' : 'DESC';
    const sql =
      `SELECT ${this.columns} FROM sessions` +
      (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
      ` ORDER BY started_at ${dir}, id ${dir} LIMIT ? OFFSET ?`;
    let stmt = this.listStmts.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<(number | string)[], SessionDbRow>(sql);
      this.listStmts.set(sql, stmt);
    }
    params.push(options.limit ?? -1, options.offset ?? 0);
    return stmt.all(...params).map(toListItem);
  }

  /** A client's sessions (see `list`). */
  listByClient(clientId: number, options: Omit<SessionListOptions, 'clientId'> = {}): SessionListItem[] {
    return this.list({ ...options, clientId });
  }

  /**
   * Set the status. Leaving 'recording' sets `ended_at` (default now, kept if already set);
   * going back to 'recording' clears it.
   */
  setStatus(id: number, status: SessionStatus, endedAt?: string | null, now: Date = new Date()): SessionListItem {
    if (!SESSION_STATUSES.includes(status)) {
      throw new ValidationError([`Session status must be one of ${SESSION_STATUSES.join(', ')} (got "${String(status)}").`]);
    }
    const current = this.require(id);
    const ended = status === 'recording' ? null : (endedAt ?? current.endedAt ?? now.toISOString());
    this.statusStmt.run(status, ended, id);
    return this.require(id);
  }

  /** Store (or clear with null) the analysis summary. */
  setSummary(id: number, summary: JsonObject | null): void {
    if (summary !== null && (typeof summary !== 'object' || Array.isArray(summary))) {
      throw new TypeError('SessionsRepo.setSummary: summary must be an object or null.');
    }
    const r = this.summaryStmt.run(summary === null ? null : JSON.stringify(summary), id);
    if (r.changes === 0) throw new NotFoundError('session', id);
  }

  /** Change course, sensor details, pacer settings at the start, sample rate or notes. */
  update(
    id: number,
    patch: Partial<Pick<SessionRow, 'courseId' | 'sensorSpec' | 'sensorInfo' | 'pacer' | 'fsHz' | 'notes'>>,
  ): SessionListItem {
    const cur = this.require(id);
    const merged = { ...cur, ...patch };
    const v = ValidationError.unwrap(validateSession({ ...merged, clientId: cur.clientId }, new Date()));
    this.checks.requireCourseOfClient(cur.clientId, v.courseId);
    this.updateStmt.run({
      id,
      courseId: v.courseId,
      sensorSpec: v.sensorSpec,
      sensorInfo: JSON.stringify(v.sensorInfo),
      pacer: v.pacer === null ? null : JSON.stringify(v.pacer),
      fsHz: v.fsHz,
      notes: v.notes,
    });
    return this.require(id);
  }

  /**
   * Start-up recovery: every session still 'recording' whose recorder is gone becomes
   * 'interrupted' and keeps its data; `ended_at` is set to the start plus the last stored data
   * time. A recorder is gone when its recording lock is free (it ended or was killed, however
   * long ago), or — without a lock file — when the session was not written to for
   * `staleAfterSec`. A session whose recorder still holds its lock is never touched, even
   * when it has not written for a long time (disk full, stalled process). Recovering takes the
   * dead recorder's lock first, so two processes never recover the same session, and removes
   * lock files left behind. Returns the ids, in id order.
   */
  recoverInterruptedSessions(options: RecoverOptions = {}): number[] {
    const now = options.now ?? new Date();
    const file = this.db.memory ? null : this.db.name;
    const claimed: RecordingLock[] = [];
    const rows: SessionDbRow[] = [];
    try {
      for (const r of this.recordingStmt.all()) {
        const state = this.recorderState(r, options, now);
        if (state === 'live') continue;
        if (state === 'dead-unlocked' && file) {
          const lock = RecordingLock.claim(file, r.id);
          if (!lock) continue; // taken meanwhile: its owner decides
          claimed.push(lock);
        }
        rows.push(r);
      }
      if (rows.length > 0) {
        this.db.transaction(() => {
          for (const r of rows) {
            const lastSec = Math.max(r.signal_end_sec ?? 0, r.beats_end_sec ?? 0, 0);
            const start = Date.parse(r.started_at);
            const ended = r.ended_at ?? (Number.isFinite(start) ? new Date(start + lastSec * 1000).toISOString() : now.toISOString());
            this.interruptStmt.run(ended, r.id);
          }
        }).immediate();
      }
    } catch (e) {
      for (const lock of claimed) lock.release(false);
      throw e;
    }
    for (const lock of claimed) lock.release(true);
    if (file) this.removeLeftoverLocks(file);
    return rows.map((r) => r.id).sort((a, b) => a - b);
  }

  /**
   * The sessions `recoverInterruptedSessions` would recover now (recording, recorder gone).
   * Reads only, so it also works on a read-only connection.
   */
  deadRecordings(options: RecoverOptions = {}): number[] {
    const now = options.now ?? new Date();
    return this.recordingStmt
      .all()
      .filter((r) => this.recorderState(r, options, now) !== 'live')
      .map((r) => r.id)
      .sort((a, b) => a - b);
  }

  private recorderState(r: SessionDbRow, options: RecoverOptions, now: Date): RecorderState {
    if (!this.db.memory) {
      const lock = probeRecordingLock(this.db.name, r.id, now.getTime());
      if (lock === 'held' || lock === 'starting') return 'live';
      if (lock === 'free') return 'dead-unlocked';
    }
    const staleMs = (options.staleAfterSec ?? 0) * 1000;
    const lastWrite = Date.parse(r.last_write_at ?? r.started_at);
    if (staleMs > 0 && Number.isFinite(lastWrite) && now.getTime() - lastWrite < staleMs) return 'live';
    return 'dead-stale';
  }

  /** Lock files of sessions that are no longer recording (a recorder killed after it finished). */
  private removeLeftoverLocks(file: string): void {
    for (const id of recordingLockIds(file)) {
      if (this.getStmt.get(id)?.status === 'recording') continue;
      RecordingLock.claim(file, id)?.release(true);
    }
  }

  /** Session, client, markers, gaps, pacer changes and the names of what is stored. Throws `NotFoundError`. */
  getOverview(id: number): SessionOverview {
    const session = this.require(id);
    return {
      session,
      client: this.clients.require(session.clientId),
      pacerChanges: this.pacer.list(id),
      markers: this.markers.list(id),
      gaps: this.gaps.list(id),
      metricNames: this.metrics.names(id),
      channels: this.signal.channels(id),
    };
  }

  /** Everything about a session, including beats, metric series and the raw signal. Throws `NotFoundError`. */
  getFull(id: number): SessionFull {
    const read = this.db.transaction((): SessionFull => {
      const overview = this.getOverview(id);
      return {
        ...overview,
        beats: this.beatsRepo.list(id),
        metrics: this.metrics.all(id),
        signal: overview.channels.flatMap((channel) => this.signal.read(id, { channel })),
      };
    });
    return read();
  }
}

/**
 * Practice mode (issue 17) as the CLI and the app use it: the server from CADANS_PRACTICE_DB,
 * `initPractice` (create/upgrade the server schema), `practiceStatus`, and `syncPractice` (join
 * once, send the outbox, pull what the other workstations wrote). Recording never waits for any
 * of this: it writes to the local SQLite file, and the outbox holds what waits to be sent.
 */
import {
  connectPractice,
  describePgError,
  isPracticeUrl,
  PracticeUnreachableError,
  shownPracticeUrl,
  type PracticeConnection,
} from '../../native-adapters/pg/practiceConnection.js';
import { pgErrorReason } from '../../native-adapters/pg/pgErrorReason.js';
import type { PracticeReason } from '../../shared/ipc/practiceTypes.js';
import { migrateServer, SERVER_SCHEMA_VERSION, ServerSchemaNewerError, serverSchemaVersion, type ServerMigrationReport } from '../../native-adapters/pg/serverMigrations.js';
import type { Db } from '../../native-adapters/sqlite/openDatabase.js';
import { getSyncState, joinPractice, outboxSize, setSyncState, workstationId } from './localSyncState.js';
import { pullChanges, type PullReport } from './pullChanges.js';
import { parkedCount, parkedSummary, unparkAll } from './parkedChanges.js';
import { pushOutbox, PushRefusedError, type PushOptions, type PushReport } from './pushOutbox.js';
import { refreshWithheld, type WithheldReport } from './withheldClients.js';

/** Why practice mode cannot go on; `code` picks the user's message (main/cli/cliTexts.*). */
export class PracticeError extends Error {
  override readonly name = 'PracticeError';
  constructor(
    readonly code:
      | 'no-url'
      | 'bad-url'
      | 'unreachable'
      | 'not-initialised'
      | 'server-newer'
      | 'failed'
      | 'refused'
      | 'not-admin'
      | 'no-client'
      | 'ambiguous-client'
      | 'no-therapist',
    readonly detail: string,
    /** Why, for the user's sentence (the server's error classified); null where `code` says it all. */
    readonly reason: PracticeReason | null = null,
  ) {
    super(`${code}: ${detail}`);
  }
}

/** The practice database URL from the environment, or null when practice mode is off. Throws PracticeError('bad-url'). */
export function practiceUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env.CADANS_PRACTICE_DB?.trim();
  if (!url) return null;
  if (!isPracticeUrl(url)) throw new PracticeError('bad-url', url.slice(0, 200));
  return url;
}

export function requirePracticeUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = practiceUrlFromEnv(env);
  if (url === null) throw new PracticeError('no-url', '');
  return url;
}

export async function connect(url: string, connectTimeoutMs?: number): Promise<PracticeConnection> {
  try {
    return await connectPractice(url, { connectTimeoutMs, role: process.env.CADANS_PRACTICE_ROLE?.trim() || undefined });
  } catch (e) {
    if (e instanceof PracticeUnreachableError) throw new PracticeError('unreachable', `${shownPracticeUrl(url)}: ${e.message}`, pgErrorReason(e.cause));
    throw e;
  }
}

/** Create or upgrade the schema on the server. */
export async function initPractice(url: string): Promise<ServerMigrationReport> {
  const conn = await connect(url);
  try {
    return await migrateServer(conn);
  } catch (e) {
    if (e instanceof PracticeError) throw e;
    if (e instanceof ServerSchemaNewerError) throw new PracticeError('server-newer', `${e.version} > ${e.latest}`, 'server-newer');
    throw new PracticeError('failed', describePgError(e), pgErrorReason(e));
  } finally {
    await conn.close();
  }
}

export async function requireSchema(conn: PracticeConnection, url: string): Promise<void> {
  const v = await serverSchemaVersion(conn);
  if (v === 0) throw new PracticeError('not-initialised', shownPracticeUrl(url), 'not-initialised');
  if (v > SERVER_SCHEMA_VERSION) throw new PracticeError('server-newer', `${v} > ${SERVER_SCHEMA_VERSION}`, 'server-newer');
  if (v < SERVER_SCHEMA_VERSION) throw new PracticeError('not-initialised', `${shownPracticeUrl(url)} (schema ${v} < ${SERVER_SCHEMA_VERSION})`, 'not-initialised');
}

export interface SyncReport {
  joinedNow: number;
  push: PushReport;
  pull: PullReport;
  /** Changes still in the outbox (the parked ones included). */
  waiting: number;
  /** Of those, parked: refused by the server (a client restricted to other therapists). */
  parked: number;
  /** Local clients this role may no longer see on the server: withheld here (hidden, not deleted). */
  withheld: WithheldReport;
}

export interface SyncOptions extends PushOptions {
  connectTimeoutMs?: number;
  /** Try the parked changes again first (asked for: `cadans practice push`, "sync now" in the app). */
  retryParked?: boolean;
}

/** Parked changes are tried again by themselves this often (rights may change without a pulled record). */
export const PARKED_RETRY_MS = 10 * 60_000;

/**
 * Join (first time), push the outbox, pull. The local database must be open for writing. A lost
 * connection throws PracticeError('unreachable'/'failed') with what was sent so far committed on
 * both sides and the rest still in the outbox. Changes the server refuses are parked, not thrown
 * (the report counts them); they are tried again when asked, when who may see which client
 * changed on the server (`cadans_rights`, server schema 5, or this role's memberships: rightsKey),
 * or every PARKED_RETRY_MS. Local clients this role may no longer see are withheld here (not
 * deleted) and shown again once it may (withheldClients.ts).
 */
export async function syncPractice(db: Db, url: string, options: SyncOptions = {}): Promise<SyncReport> {
  const conn = await connect(url, options.connectTimeoutMs);
  try {
    await requireSchema(conn, url);
    const joinedNow = joinPractice(db);
    setSyncState(db, 'practice_url', shownPracticeUrl(url));
    const retry = (): void => {
      unparkAll(db);
      setSyncState(db, 'parked_retry_at', new Date().toISOString());
    };
    if (options.retryParked && parkedCount(db) > 0) retry();
    const push = await pushOutbox(db, conn, options);
    if (push.parked > 0) setSyncState(db, 'parked_retry_at', new Date().toISOString());
    // Parked changes are retried before the pull: once this role may see their client again, the
    // pull brings that client's rows (given a new seq when the restriction was lifted) and would
    // overwrite the local rows those parked edits are read from.
    const lastRetry = Date.parse(getSyncState(db, 'parked_retry_at') ?? '') || 0;
    const rights = await rightsKey(conn);
    const rightsChanged = rights !== getSyncState(db, 'rights_version');
    setSyncState(db, 'rights_version', rights);
    if (parkedCount(db) > 0 && (rightsChanged || Date.now() - lastRetry >= PARKED_RETRY_MS)) {
      retry();
      const again = await pushOutbox(db, conn, options);
      push.sent += again.sent;
      push.batches += again.batches;
      push.conflicts.push(...again.conflicts);
      push.parked = again.parked;
    }
    const pull = await pullChanges(db, conn);
    const withheld = await refreshWithheld(db, conn);
    await keepVersionsLean(db, conn, pull.cursor);
    setSyncState(db, 'last_sync_at', new Date().toISOString());
    return { joinedNow, push, pull, waiting: outboxSize(db), parked: parkedCount(db), withheld };
  } catch (e) {
    if (e instanceof PracticeError) throw e;
    if (e instanceof PushRefusedError) throw new PracticeError('refused', e.clients.length ? e.clients.join(', ') : e.table, 'permission-denied');
    throw new PracticeError('failed', describePgError(e), pgErrorReason(e));
  } finally {
    await conn.close();
  }
}

/**
 * What this connection may see depends on: the version of the client restrictions
 * (`cadans_rights`, server schema 5) and the roles current_user is a member of (GRANT cadans_admin
 * TO bram touches no table, so no trigger can count it). Both in one key, compared with the one
 * seen last (stored as `rights_version`; a key stored by an older Cadans, the bare version,
 * simply differs once).
 */
async function rightsKey(conn: PracticeConnection): Promise<string> {
  const r = await conn.query<{ v: string | null; roles: string | null }>(
    `SELECT (SELECT version::text FROM cadans_rights) AS v,
       (SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles WHERE rolname <> current_user AND pg_has_role(current_user, oid, 'MEMBER')) AS roles`,
  );
  return `${r[0]?.v ?? '0'} ${r[0]?.roles ?? ''}`;
}

/** The server's history of edited records is pruned by a workstation at most this often. */
export const PRUNE_VERSIONS_MS = 60 * 60_000;

/**
 * Tell the server this workstation's pull cursor (the versions its edits may start from), and now
 * and then prune the server's history of edited records to what every workstation's merge still
 * needs (server schema 5).
 */
async function keepVersionsLean(db: Db, conn: PracticeConnection, cursor: number): Promise<void> {
  await conn.query('SELECT cadans_report_cursor($1, $2)', [workstationId(db), cursor]);
  const last = Date.parse(getSyncState(db, 'versions_pruned_at') ?? '') || 0;
  if (Date.now() - last < PRUNE_VERSIONS_MS) return;
  await conn.query('SELECT cadans_prune_versions()');
  setSyncState(db, 'versions_pruned_at', new Date().toISOString());
}

export interface PracticeStatus {
  server: string;
  reachable: boolean;
  /** The server's or the network's own text (a technical detail), or null. */
  problem: string | null;
  /** Why the server cannot be used, for the user's sentence (practiceDb.reason.*), or null. */
  problemReason: PracticeReason | null;
  serverSchema: number | null;
  expectedSchema: number;
  joined: boolean;
  /** Changes waiting in the outbox (the parked ones included). */
  outbox: number;
  /** Of those, parked: refused by the server (a client restricted to other therapists). */
  parked: number;
  /** The clients of the parked changes (local names, at most 5). */
  parkedClients: string[];
  lastSyncAt: string | null;
  lastPushAt: string | null;
  lastPullAt: string | null;
  workstationId: string;
}

/** Where this workstation stands (never throws for an unreachable server: that is part of the status). */
export async function practiceStatus(db: Db, url: string, connectTimeoutMs = 3000): Promise<PracticeStatus> {
  let reachable = false;
  let problem: string | null = null;
  let problemReason: PracticeReason | null = null;
  let serverSchema: number | null = null;
  try {
    const conn = await connectPractice(url, { connectTimeoutMs });
    try {
      reachable = true;
      serverSchema = await serverSchemaVersion(conn);
    } finally {
      await conn.close();
    }
  } catch (e) {
    problem = e instanceof PracticeUnreachableError ? e.message : describePgError(e);
    problemReason = pgErrorReason(e instanceof PracticeUnreachableError ? e.cause : e);
  }
  if (serverSchema !== null && serverSchema > SERVER_SCHEMA_VERSION) problemReason = 'server-newer';
  else if (serverSchema !== null && serverSchema < SERVER_SCHEMA_VERSION) problemReason = 'not-initialised';
  const parked = parkedSummary(db);
  return {
    server: shownPracticeUrl(url),
    reachable,
    problem,
    problemReason,
    serverSchema,
    expectedSchema: SERVER_SCHEMA_VERSION,
    joined: getSyncState(db, 'outbox') !== 'off',
    outbox: outboxSize(db),
    parked: parked.count,
    parkedClients: parked.clients,
    lastSyncAt: getSyncState(db, 'last_sync_at'),
    lastPushAt: getSyncState(db, 'last_push_at'),
    lastPullAt: getSyncState(db, 'last_pull_at'),
    workstationId: workstationId(db),
  };
}

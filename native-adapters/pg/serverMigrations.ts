/**
 * The practice database's own schema migrations (PostgreSQL). `cadans_schema` records every
 * applied version; all pending migrations run in one transaction under an advisory lock, so two
 * workstations running `cadans practice init` at once cannot both apply one. Never edit a released
 * migration; append a new one.
 */
import type { PracticeConnection } from './practiceConnection.js';
import { SERVER_SCHEMA_V1 } from './serverSchemaV1.js';
import { SERVER_SCHEMA_V2 } from './serverSchemaV2.js';
import { SERVER_SCHEMA_V3 } from './serverSchemaV3.js';
import { SERVER_SCHEMA_V4 } from './serverSchemaV4.js';
import { SERVER_SCHEMA_V5 } from './serverSchemaV5.js';
import { SERVER_SCHEMA_V6 } from './serverSchemaV6.js';

export interface ServerMigration {
  version: number;
  description: string;
  sql: string;
}

export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  { version: 1, description: 'clients, courses, goals, questionnaires, running log, prescriptions, sessions with summaries, signal chunks, beats, metric points, pacer changes, markers, gaps, access log; one change sequence', sql: SERVER_SCHEMA_V1 },
  { version: 2, description: 'who edited clients and their records last, where and when (the last edit is kept)', sql: SERVER_SCHEMA_V2 },
  { version: 3, description: 'the nickname a client chooses for the group display', sql: SERVER_SCHEMA_V3 },
  { version: 4, description: 'people and rights: therapist roles, who sent each change, clients restricted to named therapists (row-level security)', sql: SERVER_SCHEMA_V4 },
  { version: 5, description: 'a version of the client restrictions (workstations retry refused changes when rights change); cadans_versions pruned to what conflict handling needs (workstation cursors)', sql: SERVER_SCHEMA_V5 },
  { version: 6, description: 'the client of named client-record rows (a deletion of a restricted client is parked, not lost)', sql: SERVER_SCHEMA_V6 },
];

export const SERVER_SCHEMA_VERSION = SERVER_MIGRATIONS[SERVER_MIGRATIONS.length - 1].version;

/** Advisory lock keys: schema changes, and pushes (serialised so `seq` commits in order). */
export const MIGRATION_LOCK = 1_700_017;
export const PUSH_LOCK = 1_700_018;

export interface ServerMigrationReport {
  from: number;
  to: number;
  applied: number[];
}

/** The server's schema version (0 when Cadans has never initialised it). */
export async function serverSchemaVersion(conn: PracticeConnection): Promise<number> {
  const t = await conn.query<{ t: string | null }>("SELECT to_regclass('cadans_schema')::text AS t");
  if (t[0]?.t == null) return 0;
  const v = await conn.query<{ v: number | null }>('SELECT max(version) AS v FROM cadans_schema');
  return v[0]?.v ?? 0;
}

/**
 * The server's schema is newer than this Cadans knows (`migrateServer` refuses to touch it). Its own
 * class so practice mode can say so in the user's language (PracticeError 'server-newer').
 */
export class ServerSchemaNewerError extends Error {
  override readonly name = 'ServerSchemaNewerError';
  constructor(
    readonly version: number,
    readonly latest: number,
  ) {
    super(`the practice database has schema version ${version}, newer than this Cadans (${latest})`);
  }
}

/** Create or upgrade the schema; refuses a server whose schema is newer than this build's. */
export async function migrateServer(conn: PracticeConnection, migrations: readonly ServerMigration[] = SERVER_MIGRATIONS): Promise<ServerMigrationReport> {
  return conn.transaction(async () => {
    await conn.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await conn.query(
      'CREATE TABLE IF NOT EXISTS cadans_schema (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const from = await serverSchemaVersion(conn);
    const latest = migrations[migrations.length - 1].version;
    if (from > latest) throw new ServerSchemaNewerError(from, latest);
    const pending = migrations.filter((m) => m.version > from);
    for (const m of pending) {
      try {
        await conn.query(m.sql);
      } catch (e) {
        throw new Error(`practice database migration ${m.version} (${m.description}) failed: ${(e as Error).message}`, { cause: e });
      }
      await conn.query('INSERT INTO cadans_schema (version, description) VALUES ($1, $2)', [m.version, m.description]);
    }
    return { from, to: pending.length ? pending[pending.length - 1].version : from, applied: pending.map((m) => m.version) };
  });
}

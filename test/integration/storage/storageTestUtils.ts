// Helpers of the storage integration tests: temp folders, real SQLite files, damaged copies.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { closeDatabase, openDatabase } from '../../../native-adapters/sqlite/openDatabase.js';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import { UUID_TABLES } from '../../../native-adapters/sqlite/schemaSync.js';

const made: string[] = [];

/** A fresh temp folder, removed by `removeTempDirs()`. */
export function makeTempDir(prefix = 'cadans-storage-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Sorted file names of a folder. */
export function listDir(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** Bytes of a file, or null when it does not exist. */
export function snapshot(file: string): Buffer | null {
  return existsSync(file) ? readFileSync(file) : null;
}

/** A database with one client, one session with 3 s of 100 Hz signal, beats and a metric; closed. */
export function makeSampleDatabase(file: string, clients = 1): { sessionId: number; clientId: number } {
  const s = openStorage(file);
  try {
    return fillSample(s, clients);
  } finally {
    s.close();
  }
}

export function fillSample(s: Storage, clients = 1): { sessionId: number; clientId: number } {
  let clientId = 0;
  s.db.transaction(() => {
    for (let i = 0; i < clients; i++) clientId = s.clients.create({ name: `Client ${i}`, notes: 'x'.repeat(200) }).id;
  })();
  const sessionId = s.sessions.create({ clientId, type: 'breathing', sensorSpec: 'sim', fsHz: 100 }).id;
  const w = s.writer(sessionId, { syncWal: false });
  for (let sec = 0; sec < 3; sec++) {
    w.pushSamples({ t0Sec: sec, fsHz: 100, values: Float32Array.from({ length: 100 }, (_, i) => sec * 100 + i) });
    w.pushBeat({ tSec: sec + 0.9, ibiMs: 900 });
    w.pushMetric('hr', sec, 66 + sec);
  }
  w.finish('complete', { summary: { meanHrBpm: 67 } });
  return { sessionId, clientId };
}

/** Root page number of a table (to damage it on purpose). */
export function rootPage(file: string, table: string): { page: number; pageSize: number } {
  const db = openDatabase(file);
  try {
    const page = db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(table) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return { page, pageSize };
  } finally {
    closeDatabase(db);
  }
}

/** Overwrite one page of a closed database with pseudo-random bytes. */
export function damagePage(file: string, page: number, pageSize: number): void {
  const bytes = readFileSync(file);
  let x = 12345;
  for (let i = 0; i < pageSize; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[(page - 1) * pageSize + i] = x >>> 24;
  }
  writeFileSync(file, bytes);
}

/** Turn a fresh database file into another application's SQLite database (other schema, version 3). */
export function makeForeignDatabase(file: string, application?: string): void {
  const db = openDatabase(file);
  try {
    db.pragma('foreign_keys = OFF');
    const objects = db
      .prepare("SELECT type, name FROM sqlite_schema WHERE type IN ('table', 'trigger') AND name NOT LIKE 'sqlite_%'")
      .all() as { type: string; name: string }[];
    for (const o of objects.filter((x) => x.type === 'trigger')) db.exec(`DROP TRIGGER "${o.name}"`);
    for (const o of objects.filter((x) => x.type === 'table')) {
      if (application && o.name === 'app_meta') continue;
      db.exec(`DROP TABLE "${o.name}"`);
    }
    if (application) db.prepare("UPDATE app_meta SET value = ? WHERE key = 'application'").run(application);
    db.exec("CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO patients (name) VALUES ('x'), ('y');");
    db.pragma('user_version = 3');
  } finally {
    closeDatabase(db);
  }
}

/** Take migration 12 (clients.nickname) back out of an open database, and the later 13 and 14 with it. */
export function undoNicknameSchema(db: ReturnType<typeof openDatabase>): void {
  undoParkedSchema(db);
  if (db.prepare("SELECT 1 FROM pragma_table_info('clients') WHERE name = 'nickname'").get()) db.exec('ALTER TABLE clients DROP COLUMN nickname');
}

/** Take migration 14 (practice mode: clients withheld on this workstation) back out of an open database. */
export function undoWithheldSchema(db: ReturnType<typeof openDatabase>): void {
  db.exec('DROP TABLE IF EXISTS withheld_clients');
}

/** Take migration 13 (practice mode: refused changes parked in the sync outbox) back out of an open database, and the later 14 with it. */
export function undoParkedSchema(db: ReturnType<typeof openDatabase>): void {
  undoWithheldSchema(db);
  if (!db.prepare("SELECT 1 FROM pragma_table_info('sync_outbox') WHERE name = 'parked'").get()) return;
  db.exec('DROP INDEX IF EXISTS sync_outbox_parked; ALTER TABLE sync_outbox DROP COLUMN parked; ALTER TABLE sync_outbox DROP COLUMN parked_client; ALTER TABLE sync_outbox DROP COLUMN parked_at');
}

/**
 * Take migration 10 (practice mode: uuids, sessions.origin, the sync outbox and state) back out
 * of an open database, for tests that rebuild a database as an older version wrote it; the later
 * migrations (11: the outbox index, 12: clients.nickname, 13: parked changes, 14: withheld clients) go with it.
 */
export function undoSyncSchema(db: ReturnType<typeof openDatabase>): void {
  undoNicknameSchema(db);
  const objects = db
    .prepare(
      "SELECT type, name FROM sqlite_schema WHERE (type = 'trigger' AND (name LIKE '%\\_uuid\\_new' ESCAPE '\\' OR name LIKE '%\\_outbox\\_%' ESCAPE '\\')) OR (type = 'index' AND name LIKE '%\\_uuid' ESCAPE '\\')",
    )
    .all() as { type: string; name: string }[];
  for (const o of objects) db.exec(`DROP ${o.type.toUpperCase()} "${o.name}"`);
  db.exec('DROP TABLE sync_outbox; DROP TABLE sync_state; ALTER TABLE sessions DROP COLUMN origin');
  for (const t of UUID_TABLES) {
    if (db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(t)) db.exec(`ALTER TABLE ${t} DROP COLUMN uuid`);
  }
}

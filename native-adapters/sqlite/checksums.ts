/**
 * Checksums that let a database and its backups prove their content:
 *
 * - every signal chunk carries the CRC-32 of its samples, taken when it was recorded
 *   (`signal_chunks.crc32`, migration 2; NULL for chunks stored before): `verifySignalChecksums`
 *   finds chunks whose bytes changed since (a flipped bit on the disk, a damaged copy);
 * - a backup records the SHA-256 of its whole content (`contentDigest`: the schema and every row
 *   of every table, in a fixed order) in its `app_meta` table (`BACKUP_DIGEST_KEY`), so a restore
 *   can tell that not one byte of client data changed since the backup was made.
 *
 * SQLite's own integrity check finds damaged pages and indexes but not changed values inside
 * intact pages; these checksums do. Reads only.
 */
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

import type Database from 'better-sqlite3-multiple-ciphers';

/** `app_meta` keys a backup writes about itself (left out of its digest). */
export const BACKUP_DIGEST_KEY = 'backup_sha256';
export const BACKUP_MADE_AT_KEY = 'backup_made_at';
const BACKUP_KEY_PREFIX = 'backup_';

/** CRC-32 of a stored chunk's bytes (what `signal_chunks.crc32` holds). */
export function chunkCrc32(data: Uint8Array): number {
  return crc32(data);
}

export interface DamagedChunk {
  id: number;
  sessionId: number;
  channel: string;
  t0Sec: number;
}

export interface SignalChecksumReport {
  /** Chunks whose checksum matched. */
  checked: number;
  /** Chunks without a checksum (recorded before checksums existed). */
  unchecked: number;
  damaged: DamagedChunk[];
}

function hasColumn(db: Database.Database, table: string, column: string): boolean {
  const cols = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
  return cols.includes(column);
}

/** Check every signal chunk against the checksum taken when it was recorded. */
export function verifySignalChecksums(db: Database.Database): SignalChecksumReport {
  const report: SignalChecksumReport = { checked: 0, unchecked: 0, damaged: [] };
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'signal_chunks'").pluck().all();
  if (tables.length === 0) return report;
  if (!hasColumn(db, 'signal_chunks', 'crc32')) {
    report.unchecked = db.prepare('SELECT count(*) FROM signal_chunks').pluck().get() as number;
    return report;
  }
  const rows = db
    .prepare('SELECT id, session_id, channel, t0_sec, data, crc32 FROM signal_chunks ORDER BY id')
    .raw()
    .iterate() as IterableIterator<[number, number, string, number, Buffer, number | null]>;
  for (const [id, sessionId, channel, t0Sec, data, sum] of rows) {
    if (sum === null) report.unchecked++;
    else if (crc32(data) === sum) report.checked++;
    else report.damaged.push({ id, sessionId, channel, t0Sec });
  }
  return report;
}

/** One sentence about damaged chunks (for refusals of backup and restore). */
export function damagedChunksText(damaged: readonly { sessionId: number; t0Sec: number }[]): string {
  const first = damaged[0]!;
  const sessions = [...new Set(damaged.map((d) => d.sessionId))];
  return (
    `${damaged.length} signal chunk${damaged.length === 1 ? '' : 's'} of session${sessions.length === 1 ? '' : 's'} ${sessions.slice(0, 5).join(', ')}` +
    `${sessions.length > 5 ? ', …' : ''} (first at ${first.t0Sec.toFixed(1)} s) ${damaged.length === 1 ? 'no longer matches the checksum taken when it was' : 'no longer match the checksums taken when they were'} recorded`
  );
}

const TAG = { null: 0, number: 1, bigint: 2, string: 3, blob: 4 } as const;

function hashValue(h: Hash, v: unknown): void {
  const head = Buffer.alloc(9);
  if (v === null || v === undefined) {
    head[0] = TAG.null;
    h.update(head.subarray(0, 1));
  } else if (typeof v === 'number') {
    head[0] = TAG.number;
    head.writeDoubleLE(v, 1);
    h.update(head);
  } else if (typeof v === 'bigint') {
    head[0] = TAG.bigint;
    head.writeBigInt64LE(v, 1);
    h.update(head);
  } else if (typeof v === 'string') {
    const b = Buffer.from(v, 'utf8');
    head[0] = TAG.string;
    head.writeDoubleLE(b.length, 1);
    h.update(head);
    h.update(b);
  } else {
    const b = v as Uint8Array;
    head[0] = TAG.blob;
    head.writeDoubleLE(b.length, 1);
    h.update(head);
    h.update(b);
  }
}

const quote = (name: string): string => '"' + name.replace(/"/g, '""') + '"';

/**
 * SHA-256 (hex) of the database's content: its schema, then every row of every table in table
 * name and rowid order, each value with its type; `app_meta` rows about the backup itself
 * (`backup_*`) are left out. Equal content gives an equal digest, whatever the page layout.
 */
export function contentDigest(db: Database.Database): string {
  const h = createHash('sha256');
  const schema = db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .raw()
    .all() as unknown[][];
  for (const row of schema) for (const v of row) hashValue(h, v);
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const t of tables) {
    hashValue(h, t);
    const where = t === 'app_meta' ? ` WHERE key NOT LIKE '${BACKUP_KEY_PREFIX}%'` : '';
    const rows = db.prepare(`SELECT * FROM ${quote(t)}${where} ORDER BY rowid`).raw().iterate() as IterableIterator<unknown[]>;
    for (const row of rows) for (const v of row) hashValue(h, v);
  }
  return h.digest('hex');
}

/** The digest a backup recorded about itself, or null (not a backup, or made before digests). */
export function recordedDigest(db: Database.Database): string | null {
  const has = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'app_meta'").pluck().get() as number;
  if (!has) return null;
  const v = db.prepare('SELECT value FROM app_meta WHERE key = ?').pluck().get(BACKUP_DIGEST_KEY) as string | undefined;
  return v ?? null;
}

/** Record `digest` (and the time) in a backup copy's `app_meta`. */
export function recordDigest(db: Database.Database, digest: string, now = new Date()): void {
  const put = db.prepare('INSERT OR REPLACE INTO app_meta (key, value) VALUES (?, ?)');
  db.transaction(() => {
    put.run(BACKUP_DIGEST_KEY, digest);
    put.run(BACKUP_MADE_AT_KEY, now.toISOString());
  })();
}

/** Remove what a backup recorded about itself (from a restored copy: it is the database again). */
export function forgetBackupRecords(db: Database.Database): void {
  db.prepare(`DELETE FROM app_meta WHERE key LIKE '${BACKUP_KEY_PREFIX}%'`).run();
}

/**
 * Online backup with SQLite's backup API (better-sqlite3 `db.backup()`): runs in steps on
 * the event loop while the app keeps recording, into a temporary file (mode 0600) next to the
 * output that is checked and made to prove itself before it is put in place:
 *
 * 1. SQLite's consistency check and the Cadans identity of the copy;
 * 2. every signal chunk against the CRC-32 taken when it was recorded — a damaged database is
 *    refused (no backup of silently changed client data);
 * 3. the SHA-256 of the copy's whole content is recorded in its `app_meta` (checked by restore);
 * 4. it is turned into a self-contained single file (rollback journal, no `-wal`), fsync'ed, read
 *    back and its digest computed again from the disk;
 * 5. it is linked into place: an existing output file — even one that appeared during the
 *    backup — is never overwritten (exclusive create), unless `overwrite` is asked.
 *
 * An encrypted database is backed up encrypted, with the same key: SQLite's backup API cannot
 * write a keyed copy, so its copy is made with `VACUUM INTO` (one step: the event loop waits for
 * it, ~1 s per 100 MB), which writes it with the source's key and salt.
 */
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { dirname, resolve } from 'node:path';

import type Database from 'better-sqlite3-multiple-ciphers';

import { contentDigest, damagedChunksText, recordDigest, verifySignalChecksums } from './checksums.js';
import { DatabaseFileError } from './databaseFileError.js';
import { connect, looksEncrypted, rawKeyOf } from './databaseKey.js';
import { createPrivateFile, fsyncPath, placeExclusively, removeDatabaseFiles, removeStaleTemporaryCopies } from './fileOps.js';
import { databaseFailure, verifyCadansDatabase, type CheckLevel } from './verifyDatabase.js';

export interface BackupOptions {
  /** Replace `outFile` if it exists (default: refuse). */
  overwrite?: boolean;
  /** Check of the finished copy before it is renamed into place; default 'quick'. */
  check?: CheckLevel;
  /** Progress 0..1 while pages are copied. */
  onProgress?: (fraction: number) => void;
}

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  schemaVersion: number;
  durationMs: number;
  /** SHA-256 of the backup's content, recorded in it. */
  digest: string;
  /** Signal chunks whose checksum matched, and chunks stored before checksums existed. */
  chunksChecked: number;
  chunksUnchecked: number;
}

/** Back up the open database `db` to `outFile` (see the file comment). */
export async function backupDatabase(db: Database.Database, outFile: string, options: BackupOptions = {}): Promise<BackupResult> {
  const t0 = performance.now();
  const out = resolve(outFile);
  const source = db.memory ? ':memory:' : resolve(db.name);
  if (!db.memory && out === source) {
    throw new DatabaseFileError('exists', out, `Cannot back up the database onto itself (${out}).`);
  }
  if (existsSync(out) && !options.overwrite) {
    throw new DatabaseFileError('exists', out, `${out} already exists; Cadans does not overwrite it. Choose another file name.`);
  }
  mkdirSync(dirname(out), { recursive: true, mode: 0o700 });
  removeStaleTemporaryCopies(dirname(out));
  const tmp = `${out}.partial-${process.pid}-${Date.now()}`;
  try {
    createPrivateFile(tmp);
    const key = rawKeyOf(db);
    let pages: number;
    if (key === null) {
      const meta = await db.backup(tmp, {
        progress: ({ totalPages, remainingPages }) => {
          options.onProgress?.(totalPages > 0 ? 1 - remainingPages / totalPages : 1);
          return 256;
        },
      });
      pages = meta.totalPages;
    } else {
      db.prepare('VACUUM INTO ?').run(tmp);
      if (!looksEncrypted(tmp)) throw new DatabaseFileError('io', out, `The copy of the encrypted database came out unencrypted. No backup was written.`);
      pages = db.pragma('page_count', { simple: true }) as number;
    }
    let copy: Database.Database | null = null;
    let schemaVersion: number;
    let digest: string;
    let sums;
    try {
      copy = connect(tmp, { fileMustExist: true }, key);
      schemaVersion = verifyCadansDatabase(copy, out, options.check ?? 'quick').version;
      sums = verifySignalChecksums(copy);
      if (sums.damaged.length > 0) {
        throw new DatabaseFileError(
          'corrupt',
          source,
          `${source} is damaged: ${damagedChunksText(sums.damaged)}. No backup was written; restore the database from an earlier backup.`,
        );
      }
      digest = contentDigest(copy);
      recordDigest(copy, digest);
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy?.close();
    }
    fsyncPath(tmp);
    // Read back what is on the disk: the copy must prove itself before it is put in place.
    let check: Database.Database | null = null;
    try {
      check = connect(tmp, { readonly: true, fileMustExist: true }, key);
      if (contentDigest(check) !== digest) {
        throw new DatabaseFileError('io', out, `The backup read back from ${dirname(out)} differs from what was written; the disk may be failing. No backup was written.`);
      }
    } finally {
      check?.close();
    }
    if (options.overwrite) renameSync(tmp, out);
    else placeExclusively(tmp, out);
    fsyncPath(dirname(out), true);
    options.onProgress?.(1);
    return {
      file: out,
      bytes: statSync(out).size,
      pages,
      schemaVersion,
      durationMs: performance.now() - t0,
      digest,
      chunksChecked: sums.checked,
      chunksUnchecked: sums.unchecked,
    };
  } catch (e) {
    removeDatabaseFiles(tmp);
    throw databaseFailure(e, out);
  }
}

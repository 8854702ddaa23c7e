/**
 * Saving a recording somewhere else when its own disk stays full: the whole session (client
 * details, session row, everything already stored, and what the recorder still holds in memory)
 * becomes a small Cadans database of its own in a folder the user chose (`--overflow-dir`), which
 * every command opens with `--db FILE` (export, report, analyze, backup).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { SessionWriter } from '../storage/sessionWriter.js';
import { openStorage, type Storage } from '../storage/storage.js';

/** A new file name in `dir` for session `sessionId` (never an existing file). */
export function overflowFileName(dir: string, sessionId: number, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const base = join(resolve(dir), `cadans-session-${sessionId}-${stamp}`);
  let file = `${base}.sqlite`;
  for (let i = 2; existsSync(file); i++) file = `${base}-${i}.sqlite`;
  return file;
}

/** Open a new Cadans database at `file` (refuses an existing file). */
export function openOverflowStorage(file: string): Storage {
  if (existsSync(file)) throw new Error(`${file} already exists`);
  return openStorage(file);
}

/**
 * Copy session `sessionId` of `source` with its client into `target` (a new database). Returns
 * the new session's id and a writer holding the copied data (not yet committed): add what is
 * still in memory, then `finish()` it.
 */
export function copySessionInto(source: Storage, sessionId: number, target: Storage): { sessionId: number; writer: SessionWriter } {
  const full = source.sessions.getFull(sessionId);
  const c = full.client;
  const client = target.clients.create({
    name: c.name,
    dateOfBirth: c.dateOfBirth,
    referralSource: c.referralSource,
    complaint: c.complaint,
    notes: c.notes,
  });
  const s = full.session;
  const row = target.sessions.create({
    clientId: client.id,
    type: s.type,
    sensorSpec: s.sensorSpec,
    sensorInfo: s.sensorInfo,
    pacer: s.pacer,
    startedAt: s.startedAt,
    fsHz: s.fsHz,
    notes: s.notes,
  });
  const w = target.writer(row.id, { backgroundCheckpoint: false });
  for (const seg of full.signal) w.pushSamples({ t0Sec: seg.t0Sec, fsHz: seg.fsHz, values: seg.values }, seg.channel);
  w.pushBeats(full.beats);
  for (const [name, series] of Object.entries(full.metrics)) {
    series.tSec.forEach((t, i) => w.pushMetric(name, t, series.value[i] ?? null));
  }
  for (const m of full.markers) w.pushMarker({ tSec: m.tSec, kind: m.kind, note: m.note });
  for (const g of full.gaps) w.pushGap({ startSec: g.startSec, endSec: g.endSec, reason: g.reason });
  for (const p of full.pacerChanges) w.pushPacerChange(p.tSec, p.settings);
  return { sessionId: row.id, writer: w };
}

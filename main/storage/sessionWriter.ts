/**
 * Buffers a live session's data in memory and writes it with `flush()` in ONE
 * transaction, so the recorder can commit at least once a second (a crash then loses at
 * most the unflushed part). Samples are coalesced per channel into chunks of `chunkSec`
 * (default 1 s); a frame that does not continue the previous one (gap of more than half a
 * sample, or another rate) starts a new chunk at its own `t0Sec`.
 *
 * After each commit the WAL is fsync'ed off the main thread (`WalSyncer`), which extends
 * the guarantee from "app crash" to "power cut" without blocking on the disk, and WAL
 * checkpoints run in a worker thread (`WalCheckpointer`) instead of stalling a commit.
 * Close the database with `closeDatabase` / `Storage.close()` so both stop cleanly.
 *
 * Several writers (group sessions) can commit together: `SessionWriter.flushAll(db, writers)`.
 */
import { performance } from 'node:perf_hooks';

import {
  walCheckpointerFor,
  walSyncerFor,
  type Db,
  type WalSyncer,
} from '../../native-adapters/sqlite/openDatabase.js';
import type { JsonObject, MetricPoint, SessionStatus } from '../../shared/domain/types.js';
import { BeatsRepo, type BeatInput } from './beatsRepo.js';
import { GapsRepo, type GapInput } from './gapsRepo.js';
import { MarkersRepo, type MarkerInput } from './markersRepo.js';
import { MetricsRepo } from './metricsRepo.js';
import { PacerChangesRepo } from './pacerChangesRepo.js';
import { DEFAULT_CHANNEL, MAX_CHUNK_SEC, SignalRepo, type SignalChunkInput } from './signalRepo.js';
import { RecordChecks, requireFinite } from './storageHelpers.js';

export interface SessionWriterOptions {
  /** Target chunk length in seconds (default 1, at most 60). */
  chunkSec?: number;
  /** fsync the WAL off the main thread after each flush (default true; no-op when not needed). */
  syncWal?: boolean;
  /** Run WAL checkpoints in a worker thread instead of inside commits (default true). */
  backgroundCheckpoint?: boolean;
}

/** What one flush wrote, and how long it took on the calling thread. */
export interface FlushResult {
  samples: number;
  chunks: number;
  beats: number;
  metrics: number;
  markers: number;
  gaps: number;
  pacerChanges: number;
  durationMs: number;
}

/** A run of samples being coalesced. */
interface SampleRun {
  t0Sec: number;
  fsHz: number;
  parts: Float32Array[];
  n: number;
}

const EMPTY: FlushResult = { samples: 0, chunks: 0, beats: 0, metrics: 0, markers: 0, gaps: 0, pacerChanges: 0, durationMs: 0 };

export class SessionWriter {
  readonly chunkSec: number;
  /** Totals written so far. */
  readonly totals: FlushResult = { ...EMPTY };
  private readonly signal: SignalRepo;
  private readonly beatsRepo: BeatsRepo;
  private readonly metricsRepo: MetricsRepo;
  private readonly markersRepo: MarkersRepo;
  private readonly gapsRepo: GapsRepo;
  private readonly pacerRepo: PacerChangesRepo;
  private readonly finishStmt;
  private readonly syncer: WalSyncer | null;
  private readonly runs = new Map<string, SampleRun>();
  private sealed: SignalChunkInput[] = [];
  private beats: BeatInput[] = [];
  private metrics: MetricPoint[] = [];
  private markers: MarkerInput[] = [];
  private gaps: GapInput[] = [];
  private pacerChanges: { tSec: number; settings: JsonObject }[] = [];
  private finished = false;

  /** Throws `NotFoundError` when the session does not exist. */
  constructor(
    private readonly db: Db,
    readonly sessionId: number,
    options: SessionWriterOptions = {},
  ) {
    this.chunkSec = options.chunkSec ?? 1;
    if (!(this.chunkSec > 0 && this.chunkSec <= MAX_CHUNK_SEC)) {
      throw new RangeError(`SessionWriter: chunkSec must be in (0, ${MAX_CHUNK_SEC}] (got ${this.chunkSec}).`);
    }
    new RecordChecks(db).requireSession(sessionId);
    this.signal = new SignalRepo(db);
    this.beatsRepo = new BeatsRepo(db);
    this.metricsRepo = new MetricsRepo(db);
    this.markersRepo = new MarkersRepo(db);
    this.gapsRepo = new GapsRepo(db);
    this.pacerRepo = new PacerChangesRepo(db);
    this.finishStmt = db.prepare(
      'UPDATE sessions SET status = ?, ended_at = coalesce(?, ended_at), summary = coalesce(?, summary) WHERE id = ?',
    );
    this.syncer = options.syncWal === false ? null : walSyncerFor(db);
    if (options.backgroundCheckpoint !== false) walCheckpointerFor(db);
  }

  /** Buffer a run of samples (copied). `t0Sec` = time of `values[0]` on the session clock. */
  pushSamples(frame: { t0Sec: number; fsHz: number; values: Float32Array }, channel: string = DEFAULT_CHANNEL): void {
    this.assertOpen();
    const t0 = requireFinite('SessionWriter.pushSamples', 't0Sec', frame.t0Sec);
    const fs = requireFinite('SessionWriter.pushSamples', 'fsHz', frame.fsHz);
    if (fs <= 0) throw new RangeError(`SessionWriter.pushSamples: fsHz must be > 0 (got ${fs}).`);
    if (!(frame.values instanceof Float32Array)) throw new TypeError('SessionWriter.pushSamples: values must be a Float32Array.');
    if (frame.values.length === 0) return;
    let run = this.runs.get(channel);
    if (run && (run.fsHz !== fs || Math.abs(run.t0Sec + run.n / fs - t0) > 0.5 / fs)) {
      this.sealRun(channel, run, true);
      run = undefined;
    }
    if (!run) {
      run = { t0Sec: t0, fsHz: fs, parts: [], n: 0 };
      this.runs.set(channel, run);
    }
    run.parts.push(frame.values.slice());
    run.n += frame.values.length;
    if (run.n >= this.chunkSize(fs)) this.sealRun(channel, run, false);
  }

  pushBeat(beat: BeatInput): void {
    this.assertOpen();
    this.beats.push({ ...beat });
  }

  pushBeats(beats: readonly BeatInput[]): void {
    this.assertOpen();
    for (const b of beats) this.beats.push({ ...b });
  }

  pushMetric(name: string, tSec: number, value: number | null): void {
    this.assertOpen();
    this.metrics.push({ name, tSec, value });
  }

  pushMetrics(points: readonly MetricPoint[]): void {
    this.assertOpen();
    for (const p of points) this.metrics.push({ ...p });
  }

  pushMarker(marker: MarkerInput): void {
    this.assertOpen();
    this.markers.push({ ...marker });
  }

  pushGap(gap: GapInput): void {
    this.assertOpen();
    this.gaps.push({ ...gap });
  }

  pushPacerChange(tSec: number, settings: JsonObject): void {
    this.assertOpen();
    this.pacerChanges.push({ tSec, settings });
  }

  /** Samples waiting for the next flush (all channels). */
  get pendingSamples(): number {
    let n = this.sealed.reduce((a, c) => a + c.values.length, 0);
    for (const r of this.runs.values()) n += r.n;
    return n;
  }

  /** Whether anything waits for the next flush. */
  get hasPending(): boolean {
    return (
      this.pendingSamples > 0 ||
      this.beats.length + this.metrics.length + this.markers.length + this.gaps.length + this.pacerChanges.length > 0
    );
  }

  /**
   * Write everything buffered in one transaction. On failure (disk full, bad value) the
   * transaction rolls back, the buffers are kept for the next attempt, and the error is thrown.
   */
  flush(): FlushResult {
    if (!this.hasPending) return { ...EMPTY };
    const t0 = performance.now();
    const result = this.db.transaction(() => this.writePending()).immediate();
    this.afterCommit(result);
    result.durationMs = performance.now() - t0;
    return result;
  }

  /**
   * Flush and end the session in the same transaction: status (default 'complete'),
   * `ended_at` (default now) and, when given, the analysis summary. The writer is closed afterwards.
   */
  finish(
    status: Exclude<SessionStatus, 'recording'> = 'complete',
    options: { summary?: JsonObject | null; endedAt?: string; now?: Date } = {},
  ): FlushResult {
    this.assertOpen();
    const t0 = performance.now();
    const endedAt = options.endedAt ?? (options.now ?? new Date()).toISOString();
    const summary = options.summary ? JSON.stringify(options.summary) : null;
    const result = this.db
      .transaction(() => {
        const r = this.writePending();
        this.finishStmt.run(status, endedAt, summary, this.sessionId);
        return r;
      })
      .immediate();
    this.afterCommit(result);
    this.finished = true;
    result.durationMs = performance.now() - t0;
    return result;
  }

  /**
   * Hand everything buffered to `target` (a writer of another database: a recording saved
   * elsewhere when its own disk is full); this writer is empty afterwards.
   */
  moveBufferedTo(target: SessionWriter): void {
    const chunks = [...this.sealed];
    for (const [channel, run] of this.runs) {
      if (run.n > 0) chunks.push({ channel, t0Sec: run.t0Sec, fsHz: run.fsHz, values: concat(run.parts, run.n) });
    }
    chunks.sort((a, b) => a.t0Sec - b.t0Sec);
    for (const c of chunks) target.pushSamples({ t0Sec: c.t0Sec, fsHz: c.fsHz, values: c.values }, c.channel ?? DEFAULT_CHANNEL);
    target.pushBeats(this.beats);
    target.pushMetrics(this.metrics);
    for (const m of this.markers) target.pushMarker(m);
    for (const g of this.gaps) target.pushGap(g);
    for (const p of this.pacerChanges) target.pushPacerChange(p.tSec, p.settings);
    this.reset();
  }

  /** Drop everything buffered (nothing is written). */
  reset(): void {
    this.runs.clear();
    this.sealed = [];
    this.beats = [];
    this.metrics = [];
    this.markers = [];
    this.gaps = [];
    this.pacerChanges = [];
  }

  /** Flush several writers (e.g. a group session) in one transaction. */
  static flushAll(db: Db, writers: readonly SessionWriter[]): FlushResult[] {
    const t0 = performance.now();
    const results = db.transaction(() => writers.map((w) => (w.hasPending ? w.writePending() : { ...EMPTY }))).immediate();
    writers.forEach((w, i) => w.afterCommit(results[i]));
    const ms = performance.now() - t0;
    for (const r of results) r.durationMs = ms;
    return results;
  }

  /** Write the buffers (inside the caller's transaction); buffers are cleared only after commit. */
  private writePending(): FlushResult {
    const chunks = [...this.sealed];
    for (const [channel, run] of this.runs) {
      if (run.n > 0) chunks.push({ channel, t0Sec: run.t0Sec, fsHz: run.fsHz, values: concat(run.parts, run.n) });
    }
    let samples = 0;
    for (const c of chunks) {
      this.signal.appendChunk(this.sessionId, c);
      samples += c.values.length;
    }
    const beats = this.beatsRepo.append(this.sessionId, this.beats);
    const metrics = this.metricsRepo.append(this.sessionId, this.metrics);
    for (const m of this.markers) this.markersRepo.add(this.sessionId, m);
    for (const g of this.gaps) this.gapsRepo.add(this.sessionId, g);
    for (const p of this.pacerChanges) this.pacerRepo.add(this.sessionId, p.tSec, p.settings);
    return {
      samples,
      chunks: chunks.length,
      beats,
      metrics,
      markers: this.markers.length,
      gaps: this.gaps.length,
      pacerChanges: this.pacerChanges.length,
      durationMs: 0,
    };
  }

  private afterCommit(r: FlushResult): void {
    this.reset();
    this.syncer?.request();
    this.totals.samples += r.samples;
    this.totals.chunks += r.chunks;
    this.totals.beats += r.beats;
    this.totals.metrics += r.metrics;
    this.totals.markers += r.markers;
    this.totals.gaps += r.gaps;
    this.totals.pacerChanges += r.pacerChanges;
  }

  private chunkSize(fsHz: number): number {
    return Math.max(1, Math.round(this.chunkSec * fsHz));
  }

  /** Move full chunks (or, with `all`, everything) of a run into `sealed`. */
  private sealRun(channel: string, run: SampleRun, all: boolean): void {
    const size = this.chunkSize(run.fsHz);
    const values = concat(run.parts, run.n);
    let i = 0;
    for (; i + size <= values.length; i += size) {
      this.sealed.push({ channel, t0Sec: run.t0Sec + i / run.fsHz, fsHz: run.fsHz, values: values.subarray(i, i + size) });
    }
    const rest = values.subarray(i);
    if (all || rest.length === 0) {
      if (rest.length > 0) this.sealed.push({ channel, t0Sec: run.t0Sec + i / run.fsHz, fsHz: run.fsHz, values: rest });
      this.runs.delete(channel);
    } else {
      run.t0Sec += i / run.fsHz;
      run.parts = [rest];
      run.n = rest.length;
    }
  }

  private assertOpen(): void {
    if (this.finished) throw new Error(`SessionWriter: session ${this.sessionId} is finished; create a new writer.`);
  }
}

function concat(parts: Float32Array[], n: number): Float32Array {
  if (parts.length === 1 && parts[0].length === n) return parts[0];
  const out = new Float32Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

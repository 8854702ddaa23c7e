/**
 * `SessionRecorder` — records one live channel (main/devices/LiveChannel.ts) into a session. It is
 * the channel's `recorder` sink while the session runs, so it gets, by named calls:
 *
 * - `addSamples`: the timed PPG chunks (channel clock, the rate in force) → raw signal chunks;
 * - `addAnalysis`: the analysis worker's final NN beats (time, corrected closing interval, quality,
 *   correction flags) → beats; the once-per-second metrics → series `hr`, `rmssd`, `sdnn`,
 *   `coherence`, `resp_rate`, `quality`;
 * - `addQuality` → series `signal_quality`; `addGap` → gaps; `addStatus` → markers of kind 'sensor';
 * - markers/notes and pacer changes from the caller (`addMarker`, `changePacer`).
 *
 * Everything is buffered in a `SessionWriter` and committed in one transaction by a timer
 * every `flushEveryMs` (default 500 ms, at most 1000 ms), so a crash loses at most about a
 * second. A failed commit keeps the buffers and is retried on the next tick; `stop()` first lets the
 * channel deliver the recording's last (final) beats, then always flushes (retrying), computes the
 * summary with the OFFLINE analysis of the stored data (`computeSessionSummary`, equal to
 * `cadans analyze` on the exported signal) and ends the session with its status and summary in
 * one transaction.
 *
 * Full disk: the recording goes on and what the disk refuses stays in memory (up to `maxHeldSec`,
 * default 30 min; beyond that newer data is dropped and stored as a gap), commits are retried every
 * second, and everything is saved the moment there is room; the user hears of it through
 * `onStorage` (shared/domain/storageNotices.ts). `stop()` on a full disk waits for room; with
 * `overflowDir` it saves the whole session there as a database of its own after
 * `overflowAfterMs`; `saveToOverflow()` does so at once and `abandonUnsaved()` gives up.
 *
 * The recorder holds the session's recording lock (`Storage.lockRecording`) from start to end,
 * so other processes (the app's start-up, the web host, the CLI) see the session as live
 * however long it cannot write.
 *
 * Clock: the recording clock starts at the first sample (or, for interval sensors, the first second
 * of signal) after `start()`; its time on the channel clock is `clockOffsetSec`. Every stored time is
 * on the recording clock, and so are the `tSec` arguments of `addMarker` and `changePacer`.
 */
import type { StorageNotice, StorageNoticeCode } from '../../shared/domain/storageNotices.js';
import type { JsonObject, SessionRow } from '../../shared/domain/types.js';
import { validatePacerSettings, type PacerSettings } from '../../shared/pacer/pacerSettings.js';
import type { ClockedChunk } from '../../shared/sensors/channelClock.js';
import type { SensorNotice } from '../../shared/sensors/frames.js';
import { formatSensorNotice } from '../../shared/sensors/sensorNotices.js';
import type { ConnectionState } from '../../shared/sensors/sensorSource.js';
import type { WorkerResult } from '../analysis/analysisProtocol.js';
import type { ChannelSink, GapEvent } from '../devices/LiveChannel.js';
import type { SignalQualitySecond } from '../devices/signalQuality.js';
import { isDiskFullError } from '../../native-adapters/sqlite/databaseFileError.js';
import type { RecordingLock, Statement } from '../../native-adapters/sqlite/openDatabase.js';
import type { SessionWriter } from '../storage/sessionWriter.js';
import { DEFAULT_CHANNEL } from '../storage/signalRepo.js';
import type { Storage } from '../storage/storage.js';
import type { RecordableChannel } from './recorderDevices.js';
import { copySessionInto, openOverflowStorage, overflowFileName } from './overflowSave.js';
import {
  DEFAULT_FLUSH_EVERY_MS,
  DEFAULT_MAX_HELD_SEC,
  DEFAULT_OVERFLOW_AFTER_MS,
  MAX_FLUSH_EVERY_MS,
  pacerJson,
  type RecorderProgress,
  type SessionRecorderOptions,
} from './recorderOptions.js';
import { computeSessionSummary, emptySummary, type SessionSummary } from './sessionSummary.js';
import { CadansError } from '../../shared/i18n/CadansError.js';

export {
  DEFAULT_FLUSH_EVERY_MS,
  DEFAULT_MAX_HELD_SEC,
  DEFAULT_OVERFLOW_AFTER_MS,
  MAX_FLUSH_EVERY_MS,
  type RecorderProgress,
  type SessionRecorderOptions,
} from './recorderOptions.js';

/** Attempts of the final flush / finish in `stop()` before it gives up (the data stays buffered). */
const STOP_ATTEMPTS = 5;
const STOP_RETRY_MS = 200;
/** Without new data, `last_write_at` is refreshed this often so older Cadans versions see the session is live. */
const HEARTBEAT_MS = 1000;
/** While the disk is full, commits are retried this often, ms. */
const FULL_RETRY_MS = 1000;
/** While the disk stays full, the user is reminded this often, ms. */
const FULL_NOTICE_EVERY_MS = 30_000;

type RecorderState = 'idle' | 'recording' | 'stopping' | 'stopped';

const finiteOrNull = (x: number | null | undefined): number | null =>
  typeof x === 'number' && Number.isFinite(x) ? x : null;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class SessionRecorder implements ChannelSink {
  private state: RecorderState = 'idle';
  private session: SessionRow | null = null;
  private writer: SessionWriter | null = null;
  private heartbeatStmt: Statement<[number]> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopping: Promise<SessionSummary> | null = null;
  private summary: SessionSummary | null = null;
  private readonly flushEveryMs: number;
  /** Sensor-clock time of recording t = 0 (null until the first frame). */
  private offsetSec: number | null = null;
  private recordedSec = 0;
  private fsHzStored: number | null = null;
  private pendingGaps: { startSec: number; endSec: number; reason: string }[] = [];
  private limitReached = false;
  /** When `last_write_at` was last refreshed (a commit with samples/beats, or a heartbeat). */
  private lastLiveMarkAt = 0;
  private flushCount = 0;
  private failures = 0;
  private lastFlushMs = 0;
  /** The last error while handling an event or committing (null = none). */
  lastError: Error | null = null;
  /** Events that could not be handled (bad values from a source); counted, never thrown at the manager. */
  droppedEvents = 0;
  /** The file the session was saved in instead of the database (disk full at the end), else null. */
  savedElsewhere: string | null = null;
  /** Seconds of recording given up on (`abandonUnsaved()` while the disk was full); 0 = none. */
  lostSec = 0;
  private lock: RecordingLock | null = null;
  private readonly maxHeldSec: number;
  private readonly overflowAfterMs: number;
  private overflowDir: string | null;
  /** Recording time up to which everything is committed. */
  private savedUpToSec = 0;
  /** Since when commits fail because the disk is full (null: they do not). */
  private diskFullSince: number | null = null;
  private lastNoticeAt = 0;
  private lastAttemptAt = 0;
  /** Recording time from which data is dropped (memory reserve used up), and the last time dropped. */
  private droppingFromSec: number | null = null;
  private droppedUpToSec = 0;
  /** The sample rate still to be stored in the session row (its first write failed). */
  private pendingFsHz: number | null = null;
  private overflowRequested = false;
  private abandonRequested = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly channel: RecordableChannel,
    private readonly opts: SessionRecorderOptions,
  ) {
    const every = opts.flushEveryMs ?? DEFAULT_FLUSH_EVERY_MS;
    if (!(every > 0 && every <= MAX_FLUSH_EVERY_MS)) {
      throw new RangeError(`SessionRecorder: flushEveryMs must be in (0, ${MAX_FLUSH_EVERY_MS}] (got ${every}).`);
    }
    if (opts.maxSec !== undefined && !(opts.maxSec > 0)) {
      throw new RangeError(`SessionRecorder: maxSec must be > 0 (got ${opts.maxSec}).`);
    }
    if (opts.pacer) {
      const errors = validatePacerSettings(opts.pacer);
      if (errors.length) throw new RangeError(`SessionRecorder: invalid pacer settings: ${errors.join('; ')}`);
    }
    this.maxHeldSec = opts.maxHeldSec ?? DEFAULT_MAX_HELD_SEC;
    if (!(this.maxHeldSec > 0)) throw new RangeError(`SessionRecorder: maxHeldSec must be > 0 (got ${opts.maxHeldSec}).`);
    this.overflowAfterMs = opts.overflowAfterMs ?? DEFAULT_OVERFLOW_AFTER_MS;
    this.overflowDir = opts.overflowDir ?? null;
    this.flushEveryMs = every;
  }

  /** Seconds of recording kept in memory because the disk refused them (0 when everything is saved). */
  get heldSec(): number {
    return this.writer?.hasPending && this.diskFullSince !== null ? Math.max(0, this.recordedSec - this.savedUpToSec) : 0;
  }

  /** Whether commits currently fail because the disk is full. */
  get diskFull(): boolean {
    return this.diskFullSince !== null;
  }

  /**
   * Save the session in `dir` (default: the `overflowDir` option) instead of the database, now:
   * for a `stop()` that waits for room on a full disk. Without any folder it does nothing.
   */
  saveToOverflow(dir?: string): void {
    if (dir !== undefined) this.overflowDir = dir;
    if (this.overflowDir === null) return;
    this.overflowRequested = true;
    this.wake?.();
  }

  /** Give up waiting for room: a waiting `stop()` rejects and what is held in memory is lost (`lostSec`). */
  abandonUnsaved(): void {
    this.abandonRequested = true;
    this.wake?.();
  }

  /** The session id (after `start()`). */
  get sessionId(): number {
    if (!this.session) throw new Error('SessionRecorder: not started yet.');
    return this.session.id;
  }

  /** Signal time recorded so far on the recording clock, s. */
  get elapsedSec(): number {
    return this.recordedSec;
  }

  /** Sensor-clock time of recording t = 0 (null before the first frame). */
  get clockOffsetSec(): number | null {
    return this.offsetSec;
  }

  /** Commits so far, and failed attempts in a row. */
  get flushes(): number {
    return this.flushCount;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  get isRecording(): boolean {
    return this.state === 'recording';
  }

  /**
   * Create the session (status 'recording') from the channel's sensor, subscribe to the
   * device manager and start the commit timer. Throws when the channel is not connected or
   * the session cannot be created (`ValidationError`/`NotFoundError`, nothing written).
   */
  start(): SessionRow {
    if (this.state !== 'idle') throw new Error('SessionRecorder: start() may be called once.');
    const ch = this.channel;
    const info: JsonObject = { kind: ch.info.kind, label: ch.info.label };
    if (ch.info.protocol !== undefined) info.protocol = ch.info.protocol;
    if (ch.info.fsHz !== undefined) info.fsHz = ch.info.fsHz;
    this.fsHzStored = null;
    const row = this.storage.sessions.create({
      clientId: this.opts.clientId,
      courseId: this.opts.courseId ?? null,
      type: this.opts.type,
      sensorSpec: ch.spec,
      sensorInfo: info,
      pacer: this.opts.pacer ? pacerJson(this.opts.pacer) : null,
      fsHz: null,
      notes: this.opts.notes ?? '',
      groupId: this.opts.groupId ?? null,
    });
    this.session = row;
    try {
      this.lock = this.storage.lockRecording(row.id);
    } catch (e) {
      // Without its lock the session is judged by its last write, as older versions did.
      this.lastError = e as Error;
    }
    this.writer = this.storage.writer(row.id, this.opts.writerOptions);
    this.heartbeatStmt = this.storage.db.prepare<[number]>(
      "UPDATE sessions SET last_write_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND status = 'recording'",
    );
    this.state = 'recording';
    ch.startRecording(this);
    this.lastLiveMarkAt = Date.now();
    this.timer = setInterval(() => this.tick(), this.flushEveryMs);
    return row;
  }

  /** A therapist's marker or note at `tSec` (recording clock). */
  addMarker(tSec: number, kind: string, note?: string): void {
    this.assertRecording('addMarker');
    if (!Number.isFinite(tSec)) throw new TypeError(`SessionRecorder.addMarker: tSec must be a finite number (got ${tSec}).`);
    this.writer!.pushMarker({ tSec, kind, note: note ?? '' });
  }

  /** The pacer changed to `settings` at `tSec` (recording clock). Throws a RangeError for invalid settings. */
  changePacer(settings: PacerSettings, tSec: number): void {
    this.assertRecording('changePacer');
    if (!Number.isFinite(tSec)) throw new TypeError(`SessionRecorder.changePacer: tSec must be a finite number (got ${tSec}).`);
    const errors = validatePacerSettings(settings);
    if (errors.length) throw new RangeError(`SessionRecorder.changePacer: ${errors.join('; ')}`);
    this.writer!.pushPacerChange(tSec, pacerJson(settings));
  }

  /** Commit what is buffered now; returns false (and keeps the data) when the commit failed. */
  flushNow(): boolean {
    if (!this.writer || this.state === 'stopped') return true;
    const held = this.heldSec;
    this.lastAttemptAt = Date.now();
    try {
      const r = this.writer.flush();
      this.committed(held);
      if (r.samples + r.beats > 0) this.lastLiveMarkAt = Date.now();
      if (r.samples + r.beats + r.metrics + r.markers + r.gaps + r.pacerChanges > 0) {
        this.flushCount++;
        this.lastFlushMs = r.durationMs;
        this.opts.onFlush?.(this.progress());
      }
      return true;
    } catch (e) {
      this.failed(e);
      return false;
    }
  }

  /** A commit went through: everything pushed so far is stored. */
  private committed(heldBefore: number): void {
    this.failures = 0;
    this.savedUpToSec = this.recordedSec;
    if (this.diskFullSince !== null) {
      this.diskFullSince = null;
      this.notify('saved', { heldSec: heldBefore });
    }
    if (this.pendingFsHz !== null) this.storeFsHz(this.pendingFsHz);
  }

  private failed(e: unknown): void {
    this.failures++;
    this.lastError = e as Error;
    this.opts.onFlushError?.(e as Error, this.failures);
    if (!isDiskFullError(e)) return;
    const now = Date.now();
    if (this.diskFullSince === null) {
      this.diskFullSince = now;
      this.notify('disk-full');
    } else if (this.state === 'recording' && now - this.lastNoticeAt >= FULL_NOTICE_EVERY_MS) {
      this.notify('disk-full');
    }
  }

  private notify(code: StorageNoticeCode, extra: Partial<StorageNotice> = {}): void {
    this.lastNoticeAt = Date.now();
    const n: StorageNotice = {
      code,
      sessionId: this.sessionId,
      heldSec: this.heldSec,
      maxHeldSec: this.maxHeldSec,
      file: this.storage.db.name,
      hasOverflowDir: this.overflowDir !== null,
      ...extra,
    };
    try {
      this.opts.onStorage?.(n);
    } catch {
      // a listener's problem is not the recording's
    }
  }

  private storeFsHz(fs: number): void {
    try {
      this.storage.sessions.update(this.sessionId, { fsHz: Math.round(fs * 1000) / 1000 });
      this.pendingFsHz = null;
    } catch (e) {
      this.pendingFsHz = fs;
      this.lastError = e as Error;
    }
  }

  /**
   * Whether data at recording time `tSec` is kept: not when the disk is full and the memory
   * reserve is used up. When there is room again the dropped stretch is stored as a gap.
   */
  private keep(tSec: number): boolean {
    if (this.droppingFromSec === null) {
      if (this.diskFullSince === null || this.heldSec < this.maxHeldSec) return true;
      this.droppingFromSec = tSec;
      this.droppedUpToSec = tSec;
      this.notify('dropping', { fromSec: tSec });
      return false;
    }
    if (tSec < this.droppingFromSec) return true;
    if (this.diskFullSince !== null) {
      this.droppedUpToSec = Math.max(this.droppedUpToSec, tSec);
      return false;
    }
    this.endDropping(tSec);
    return true;
  }

  private endDropping(untilSec: number): void {
    if (this.droppingFromSec === null) return;
    const start = this.droppingFromSec;
    this.droppingFromSec = null;
    this.writer!.pushGap({ startSec: start, endSec: Math.max(start, untilSec), reason: 'disk-full' });
  }

  /**
   * Stop recording: unsubscribe, commit everything (retrying), compute the summary from the
   * stored data and end the session with `status` and the summary. Resolves with the summary;
   * rejects only when the database keeps refusing the data (which then stays buffered: call
   * `stop()` again). Calling it again after success returns the same summary.
   */
  stop(status: 'complete' | 'interrupted' = 'complete'): Promise<SessionSummary> {
    if (this.state === 'idle') return Promise.reject(new Error('SessionRecorder: stop() before start().'));
    if (this.summary && this.state === 'stopped') return Promise.resolve(this.summary);
    if (this.state === 'stopped' && this.lostSec > 0) {
      return Promise.reject(new CadansError('storage.lostAtEnd', { sessionId: this.sessionId, seconds: Math.round(this.lostSec) }));
    }
    this.stopping ??= this.doStop(status).catch((e: unknown) => {
      this.stopping = null;
      throw e;
    });
    return this.stopping;
  }

  private async doStop(status: 'complete' | 'interrupted'): Promise<SessionSummary> {
    // The channel delivers the recording's last beats (its pipeline is flushed) before we stop listening.
    await this.channel.stopRecording();
    this.state = 'stopping';
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.releasePendingGaps();
    if (this.droppingFromSec !== null) this.endDropping(this.droppedUpToSec);
    const writer = this.writer!;
    const since = Date.now();
    const saved = await this.persist('save the last data', () => writer.flush(), since);
    if (saved !== 'saved') return this.notInDatabase(saved, status);
    let summary: SessionSummary;
    try {
      summary = computeSessionSummary(this.storage, this.sessionId);
    } catch (e) {
      summary = emptySummary(`the summary could not be computed: ${(e as Error).message}`, this.recordedSec);
    }
    const ended = await this.persist('end the session', () => writer.finish(status, { summary }), since);
    if (ended !== 'saved') return this.notInDatabase(ended, status);
    this.summary = summary;
    this.state = 'stopped';
    this.lock?.release(true);
    this.lock = null;
    return summary;
  }

  /**
   * Run a write of `stop()` until it goes through. Other failures are retried a few times (then
   * it throws, keeping the data: call `stop()` again — or, with an overflow folder, saves there);
   * a full disk is waited out (reminding the user), unless the overflow folder is to be used or
   * the user gives up.
   */
  private async persist(what: string, fn: () => unknown, since: number): Promise<'saved' | 'elsewhere' | 'abandon'> {
    let waitNoticeAt = 0;
    for (let attempt = 1; ; attempt++) {
      const held = this.heldSec;
      try {
        fn();
        this.committed(held);
        return 'saved';
      } catch (e) {
        this.failed(e);
        if (!isDiskFullError(e)) {
          if (attempt >= STOP_ATTEMPTS) {
            if (this.overflowDir !== null) return 'elsewhere';
            throw new Error(
              `Could not ${what} of session ${this.sessionId} (${(e as Error).message}); the data is kept in memory — call stop() again.`,
              { cause: e },
            );
          }
          await sleep(STOP_RETRY_MS);
          continue;
        }
        if (this.abandonRequested) return 'abandon';
        if (this.overflowDir !== null && (this.overflowRequested || Date.now() - since >= this.overflowAfterMs)) return 'elsewhere';
        if (Date.now() - waitNoticeAt >= FULL_NOTICE_EVERY_MS) {
          waitNoticeAt = Date.now();
          this.notify('waiting-to-stop');
        }
        await new Promise<void>((resolve) => {
          const t = setTimeout(done, FULL_RETRY_MS);
          function done(): void {
            clearTimeout(t);
            resolve();
          }
          this.wake = done;
        });
        this.wake = null;
      }
    }
  }

  /** `stop()` could not write to the database: save the whole session elsewhere, or give up. */
  private notInDatabase(how: 'elsewhere' | 'abandon', status: 'complete' | 'interrupted'): SessionSummary {
    const held = this.heldSec;
    if (how === 'abandon') {
      this.lostSec = Math.max(held, 1e-3);
      this.writer!.reset();
      this.state = 'stopped';
      this.lock?.release(false);
      this.lock = null;
      this.notify('abandoned', { heldSec: held });
      throw new CadansError('storage.diskFull', { seconds: Math.round(held), sessionId: this.sessionId });
    }
    const file = overflowFileName(this.overflowDir!, this.sessionId);
    let summary: SessionSummary;
    try {
      const target = openOverflowStorage(file);
      try {
        const copy = copySessionInto(this.storage, this.sessionId, target);
        this.writer!.moveBufferedTo(copy.writer);
        copy.writer.flush();
        try {
          summary = computeSessionSummary(target, copy.sessionId);
        } catch (e) {
          summary = emptySummary(`the summary could not be computed: ${(e as Error).message}`, this.recordedSec);
        }
        copy.writer.finish(status, { summary });
      } finally {
        target.close();
      }
    } catch (e) {
      throw new CadansError('storage.saveFailed', { sessionId: this.sessionId, file, detail: (e as Error).message }, { cause: e });
    }
    this.savedElsewhere = file;
    this.summary = summary;
    this.state = 'stopped';
    // The session in the database stays 'recording' until the next start marks it interrupted.
    this.lock?.release(false);
    this.lock = null;
    this.notify('overflow-saved', { heldSec: held, file });
    return summary;
  }

  private progress(): RecorderProgress {
    const t = this.writer!.totals;
    return {
      sessionId: this.sessionId,
      recordedSec: this.recordedSec,
      samples: t.samples,
      beats: t.beats,
      flushes: this.flushCount,
      lastFlushMs: this.lastFlushMs,
    };
  }

  private tick(): void {
    if (this.state !== 'recording' || !this.writer) return;
    const full = this.diskFullSince !== null;
    if (this.writer.hasPending && (!full || Date.now() - this.lastAttemptAt >= FULL_RETRY_MS)) this.flushNow();
    // Samples and beats refresh `last_write_at` (triggers); without them, a heartbeat does (for
    // older versions: this version's processes go by the recording lock).
    if (this.diskFullSince === null && Date.now() - this.lastLiveMarkAt >= HEARTBEAT_MS) {
      try {
        this.heartbeatStmt!.run(this.sessionId);
        this.lastLiveMarkAt = Date.now();
      } catch (e) {
        this.lastError = e as Error;
      }
    }
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.droppedEvents++;
      this.lastError = e as Error;
    }
  }

  private assertRecording(what: string): void {
    if (this.state !== 'recording') throw new Error(`SessionRecorder.${what}: the recorder is ${this.state === 'idle' ? 'not started' : 'stopped'}.`);
  }

  /** Channel time → recording time, setting the offset at the first sample / second. */
  private toRec(channelSec: number): number {
    if (this.offsetSec === null) {
      this.offsetSec = channelSec;
      this.releasePendingGaps();
    }
    return channelSec - this.offsetSec;
  }

  private withinLimit(tSec: number): boolean {
    return this.opts.maxSec === undefined || tSec < this.opts.maxSec;
  }

  private reachLimit(): void {
    if (this.limitReached) return;
    this.limitReached = true;
    if (this.opts.onLimit) queueMicrotask(this.opts.onLimit);
  }

  private live(): boolean {
    return this.state === 'recording' || this.state === 'stopping';
  }

  // ---- ChannelSink: what the channel hands over -----------------------------------------------

  /** Timed PPG samples (channel clock); returns the part stored (null: none), which the recording's analysis gets. */
  addSamples(c: ClockedChunk): ClockedChunk | null {
    if (this.state !== 'recording') return null;
    let kept: ClockedChunk | null = null;
    this.guard(() => (kept = this.onSamples(c)));
    return kept;
  }

  /** A result of the recording's analysis pipeline: final beats and metrics. */
  addAnalysis(r: WorkerResult): void {
    if (!this.live()) return;
    this.guard(() => this.onAnalysis(r));
    if (this.opts.tap) this.guard(() => this.opts.tap!.addAnalysis(r));
  }

  addGap(g: GapEvent): void {
    if (!this.live()) return;
    this.guard(() => this.onGap(g));
    if (this.opts.tap) this.guard(() => this.opts.tap!.addGap(g));
  }

  addQuality(q: SignalQualitySecond): void {
    if (this.state !== 'recording') return;
    this.guard(() => this.onQuality(q));
  }

  addStatus(_tSec: number, state: ConnectionState, notice: SensorNotice | null): void {
    if (this.state !== 'recording') return;
    this.guard(() => this.onStatus(state, notice));
  }

  private onSamples(c: ClockedChunk): ClockedChunk | null {
    if (this.limitReached || c.values.length === 0) return null;
    const fs = c.fsHz;
    let t0 = this.toRec(c.t0Sec);
    let values = c.values;
    if (t0 < 0) {
      const skip = Math.ceil(-t0 * fs - 1e-9);
      if (skip >= values.length) return null;
      values = values.subarray(skip);
      t0 += skip / fs;
    }
    let limited = false;
    if (this.opts.maxSec !== undefined) {
      const room = Math.ceil((this.opts.maxSec - t0) * fs - 1e-9);
      if (room <= 0) {
        this.reachLimit();
        return null;
      }
      if (room <= values.length) {
        values = values.subarray(0, room);
        limited = true;
      }
    }
    if (!this.keep(t0)) return null;
    this.writer!.pushSamples({ t0Sec: t0, fsHz: fs, values }, DEFAULT_CHANNEL);
    this.recordedSec = Math.max(this.recordedSec, t0 + values.length / fs);
    if (this.fsHzStored === null) {
      this.fsHzStored = fs;
      this.storeFsHz(fs);
    }
    if (limited) this.reachLimit();
    return { t0Sec: t0 + this.offsetSec!, fsHz: fs, values };
  }

  private onAnalysis(r: WorkerResult): void {
    if (this.offsetSec === null) return;
    const w = this.writer!;
    // PPG: the analysis saw exactly the stored samples, so every beat it gives is the stored
    // signal's (a pulse peaking at the very end can be placed a sample past the last one, with no
    // interval: the offline analysis keeps it too). Interval sensors: the session's length applies.
    const limited = this.fsHzStored === null;
    for (const b of r.final) {
      const t = b.tSec - this.offsetSec;
      if (t < 0 || (limited && !this.withinLimit(t)) || !this.keep(t)) continue;
      w.pushBeat({ tSec: t, ibiMs: finiteOrNull(b.ibiMs), quality: finiteOrNull(b.quality), flags: b.flags });
    }
    for (const m of r.metrics) {
      const t = m.tSec - this.offsetSec;
      if (t < 0 || (this.opts.maxSec !== undefined && t > this.opts.maxSec) || !this.keep(t)) continue;
      w.pushMetrics([
        { name: 'hr', tSec: t, value: finiteOrNull(m.hrBpm) },
        { name: 'rmssd', tSec: t, value: finiteOrNull(m.rmssdMs) },
        { name: 'sdnn', tSec: t, value: finiteOrNull(m.sdnnMs) },
        { name: 'coherence', tSec: t, value: finiteOrNull(m.coherenceRatio) },
        { name: 'resp_rate', tSec: t, value: finiteOrNull(m.respirationBpm) },
        { name: 'quality', tSec: t, value: finiteOrNull(m.qualityPct) },
      ]);
    }
  }

  private onGap(g: { startSec: number; endSec: number; reason: string }): void {
    this.pendingGaps.push({ ...g });
    if (this.offsetSec !== null) this.releasePendingGaps();
  }

  /** Gaps are kept until the recording clock is known; before t = 0 they are cut off. */
  private releasePendingGaps(): void {
    if (this.offsetSec === null || !this.writer) return;
    for (const g of this.pendingGaps.splice(0)) {
      const start = Math.max(0, g.startSec - this.offsetSec);
      const end = Math.max(0, g.endSec - this.offsetSec);
      if (end > start || (end === start && g.endSec >= this.offsetSec)) {
        this.writer.pushGap({ startSec: start, endSec: end, reason: g.reason });
      }
    }
  }

  private onQuality(q: SignalQualitySecond): void {
    // Interval sensors have no samples: their recording clock starts at the first second of signal.
    const t = this.toRec(q.tSec);
    if (t < 0 || (this.opts.maxSec !== undefined && t > this.opts.maxSec) || !this.keep(t)) return;
    this.writer!.pushMetric('signal_quality', t, finiteOrNull(q.qualityPct));
    if (this.fsHzStored === null) {
      this.recordedSec = Math.max(this.recordedSec, t + 1);
      if (!this.withinLimit(this.recordedSec)) this.reachLimit();
    }
  }

  private onStatus(state: ConnectionState, notice: SensorNotice | null): void {
    if (state === 'connecting' && !notice) return;
    const note = notice ? `${state}: ${formatSensorNotice(notice, 'en')}` : state;
    this.writer!.pushMarker({ tSec: this.recordedSec, kind: 'sensor', note });
  }
}

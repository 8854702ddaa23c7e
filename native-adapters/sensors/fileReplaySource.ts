/**
 * FileReplaySource: plays a recording back as a live sensor — `file:<path>[?speed=N]`.
 * A PPG CSV (shared/io/ppgCsv.ts) becomes PpgFrames (counted from the file's first sample, with
 * the file's own time as the device clock), an RR text (shared/io/rrText.ts) becomes BeatFrames,
 * in real time × `speed`. When the recording is played out the source emits a StatusFrame and
 * the state 'disconnected' with an "end of recording" message. An unreadable or unparsable
 * file makes `start()` reject with a one-line message (state 'error'): a `CadansError`
 * 'replay.failed' whose `problem` (or coded `cause`: csv.*, rr.*) is shown in the user's language.
 */
import { basename } from 'node:path';
import { detectRecordingFormat } from '../../shared/io/detectFormat.js';
import { parsePpgCsv } from '../../shared/io/ppgCsv.js';
import { parseRrText } from '../../shared/io/rrText.js';
import type { SensorFrame } from '../../shared/sensors/frames.js';
import type { ConnectionState, SensorSource, SensorSourceEvents, SensorSourceInfo } from '../../shared/sensors/sensorSource.js';
import { TypedEmitter } from '../../shared/sensors/typedEmitter.js';
import { replayLabel, type ReplayInfo } from '../../shared/sensors/replayLabel.js';
import { showText } from '../../shared/text/safeText.js';
import { causeOf, CadansError, type ErrorCode, type ErrorParams } from '../../shared/i18n/CadansError.js';
import { readTextInput, TextInputError, type TextInputProblem } from '../files/readTextInput.js';

export interface FileReplayOptions {
  path: string;
  /** Playback speed, signal seconds per wall second (default 1). */
  speed?: number;
  /** Sample rate for a PPG CSV without a time column, Hz. */
  fsHz?: number;
  /** Signal column of a PPG CSV (default: ppg/pleth/signal or the first numeric column). */
  column?: string;
  /** Force the format instead of detecting it. */
  format?: 'ppg-csv' | 'rr';
  /** The spec string to report. */
  spec?: string;
  /** Wall-clock interval of the playback timer, ms (default 25). */
  tickMs?: number;
  /** Most samples per PpgFrame (default 512). */
  maxFrameSamples?: number;
  /** Monotonic clock, ms (default performance.now). */
  nowMs?: () => number;
  /** Largest file read, bytes (default 256 MiB, see readTextInput.ts). */
  maxBytes?: number;
}

type Loaded =
  | { format: 'ppg-csv'; fsHz: number; values: Float64Array; durationSec: number }
  | { format: 'rr'; beatSec: Float64Array; ibiMs: Float64Array; durationSec: number };

/** fileSpec: 'file:<path>[?speed=N]'. */
export function fileSpec(o: Pick<FileReplayOptions, 'path' | 'speed' | 'fsHz' | 'column'>): string {
  const q = [o.speed !== undefined && o.speed !== 1 ? `speed=${o.speed}` : '', o.fsHz ? `fs=${o.fsHz}` : '', o.column ? `column=${encodeURIComponent(o.column)}` : ''].filter(Boolean);
  return `file:${o.path}${q.length ? '?' + q.join('&') : ''}`;
}

export class FileReplaySource implements SensorSource {
  readonly spec: string;
  /** Completed by start() (format, sample rate). */
  readonly info: SensorSourceInfo;
  readonly speed: number;
  private readonly o: FileReplayOptions;
  private readonly emitter = new TypedEmitter<SensorSourceEvents>();
  private readonly nowMs: () => number;
  private data: Loaded | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private startMs = 0;
  /** Next sample (PPG) or next interval (RR) to play. */
  private pos = 0;
  private stateValue: ConnectionState = 'disconnected';

  constructor(opts: FileReplayOptions) {
    this.o = opts;
    this.speed = opts.speed ?? 1;
    if (!(this.speed > 0) || !Number.isFinite(this.speed)) throw new RangeError(`speed must be a positive number (got ${opts.speed})`);
    this.nowMs = opts.nowMs ?? (() => performance.now());
    this.spec = opts.spec ?? fileSpec(opts);
    const replay: ReplayInfo = { file: showText(basename(opts.path), 80), speed: this.speed };
    this.info = { kind: 'file', label: replayLabel(replay, 'en'), replay };
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** Length of the recording, s (after start). */
  get durationSec(): number | undefined {
    return this.data?.durationSec;
  }

  on<E extends keyof SensorSourceEvents>(ev: E, fn: SensorSourceEvents[E]): () => void {
    return this.emitter.on(ev, fn);
  }

  /** start: read and parse the file, then play it from the start; rejects with a clear message. */
  async start(): Promise<void> {
    if (this.timer) return;
    this.setState('connecting');
    try {
      this.data = await this.load();
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      this.setState('error', msg);
      throw err instanceof CadansError ? err : new Error(msg);
    }
    const d = this.data;
    const replay: ReplayInfo = { ...this.info.replay!, format: d.format, durationSec: d.durationSec, ...(d.format === 'ppg-csv' ? { fsHz: d.fsHz } : {}) };
    this.info.replay = replay;
    this.info.label = replayLabel(replay, 'en');
    this.info.protocol = d.format;
    if (d.format === 'ppg-csv') this.info.fsHz = d.fsHz;
    this.pos = 0;
    this.startMs = this.nowMs();
    this.timer = setInterval(() => this.tick(), this.o.tickMs ?? 25);
    this.setState('connected', `replaying ${showText(this.o.path, 200)}`);
  }

  /** stop: stop playing; never rejects. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.stateValue !== 'disconnected') this.setState('disconnected', 'replay stopped');
  }

  /** tick: emit everything due by now (called by the timer; public for tests). */
  tick(): void {
    const d = this.data;
    if (!d || !this.timer) return;
    const dueSec = ((this.nowMs() - this.startMs) / 1000) * this.speed;
    if (d.format === 'ppg-csv') this.playPpg(d, dueSec);
    else this.playRr(d, dueSec);
    const done = d.format === 'ppg-csv' ? this.pos >= d.values.length : this.pos >= d.ibiMs.length;
    if (done) this.finish(d);
  }

  private playPpg(d: Extract<Loaded, { format: 'ppg-csv' }>, dueSec: number): void {
    const end = Math.min(d.values.length, Math.floor(dueSec * d.fsHz + 1e-9));
    const maxFrame = this.o.maxFrameSamples ?? 512;
    while (this.pos < end) {
      const k = Math.min(end - this.pos, maxFrame);
      this.emit({
        kind: 'ppg',
        fsHz: d.fsHz,
        index: this.pos,
        values: Float32Array.from(d.values.subarray(this.pos, this.pos + k)),
        arrivalSec: this.nowMs() / 1000,
        // The file's own time of the newest sample: the replay's device clock.
        deviceSec: (this.pos + k - 1) / d.fsHz,
        stream: 0,
      });
      this.pos += k;
    }
  }

  private playRr(d: Extract<Loaded, { format: 'rr' }>, dueSec: number): void {
    const first = this.pos;
    while (this.pos < d.ibiMs.length && d.beatSec[this.pos + 1]! <= dueSec) this.pos++;
    if (this.pos === first) return;
    const ibiMs = Array.from(d.ibiMs.subarray(first, this.pos));
    this.emit({ kind: 'beats', arrivalSec: this.nowMs() / 1000, ibiMs, hrBpm: Math.round(60000 / ibiMs[ibiMs.length - 1]!), origin: 'rr' });
  }

  private finish(d: Loaded): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const msg = `end of recording: played all ${d.durationSec.toFixed(1)} s of ${showText(basename(this.o.path), 80)}`;
    this.emit({ kind: 'status', arrivalSec: this.nowMs() / 1000, notice: { code: 'end-of-recording' } });
    this.setState('disconnected', msg);
  }

  private emit(f: SensorFrame): void {
    try {
      this.emitter.emit('frame', f);
    } catch {
      // A failing listener must not stop the replay (this runs in a timer callback).
    }
  }

  private setState(s: ConnectionState, message?: string): void {
    this.stateValue = s;
    this.emitter.emit('state', s, message);
  }

  private async load(): Promise<Loaded> {
    const path = this.o.path;
    const shown = showText(path, 200);
    const fail = (problem: string, params: ErrorParams = {}): CadansError => new CadansError('replay.failed', { file: shown, problem, ...params });
    let text: string;
    try {
      // Bounded (256 MiB), binary refused, UTF-8/UTF-16/Latin-1 by byte-order mark and content.
      text = (await readTextInput(path, { ...(this.o.maxBytes ? { maxBytes: this.o.maxBytes } : {}) })).text;
    } catch (err) {
      if (err instanceof TextInputError) {
        const { cap, detail } = err.params;
        throw fail(FILE_PROBLEM[err.problem], { ...(cap !== undefined ? { cap } : {}), ...(detail !== undefined ? { detail } : {}) });
      }
      throw fail('io', { detail: 'unknown' });
    }
    if (text.trim() === '') throw fail('empty');
    const format = this.o.format ?? detectRecordingFormat(text, basename(path));
    if (format === 'rr') {
      const rr = parseRrText(text);
      if ('error' in rr) throw fail('parse', rr.code ? causeOf({ code: rr.code, params: rr.params ?? {} }) : { cause: rr.error });
      const beatSec = new Float64Array(rr.ibiMs.length + 1);
      for (let i = 0; i < rr.ibiMs.length; i++) beatSec[i + 1] = beatSec[i]! + rr.ibiMs[i]! / 1000;
      return { format, beatSec, ibiMs: rr.ibiMs, durationSec: beatSec[beatSec.length - 1]! };
    }
    const rec = parsePpgCsv(text, { ...(this.o.fsHz ? { fsHz: this.o.fsHz } : {}), ...(this.o.column ? { column: this.o.column } : {}) });
    if ('error' in rec) throw fail('parse', causeOf({ code: SPEC_CAUSE[rec.code] ?? rec.code, params: rec.params }));
    if (rec.values.length === 0) throw fail('noSamples');
    return { format, fsHz: rec.fsHz, values: rec.values, durationSec: rec.values.length / rec.fsHz };
  }
}

/**
 * CSV problems that name the sampling-rate option: `parsePpgCsv` words them for `cadans analyze`
 * (`--fs`); in a replayed source's spec the option is `?fs=` (file:recording.csv?fs=50).
 */
const SPEC_CAUSE: Partial<Record<ErrorCode, ErrorCode>> = {
  'csv.noTimeColumn': 'replayCsv.noTimeColumn',
  'csv.badFs': 'replayCsv.badFs',
  'csv.fsDisagrees': 'replayCsv.fsDisagrees',
};

/** The `problem` of 'replay.failed' for each problem reading the file. */
const FILE_PROBLEM: Record<TextInputProblem, string> = {
  'not-found': 'notFound',
  folder: 'folder',
  permission: 'permission',
  'too-large': 'tooLarge',
  binary: 'binary',
  io: 'io',
};

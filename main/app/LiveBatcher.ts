/**
 * `LiveBatcher` — the live view of one channel: the channel's `view` sink (LiveChannel.ts). It
 * collects what the channel hands over between two batches — timed PPG chunks, the analysis
 * worker's final and provisional beats, its beat events (the fast path: a beat ≈ 0.2 s after its
 * peak, revisions, decided beats, in order), metrics and spectrum, gaps — and hands it out as one
 * `LiveBatch` (`take()`, 25 times a second, by the app). Quality seconds and connection states are
 * passed on at once (`onQuality`, `onStatus`). Memory is bounded by what arrives between two takes.
 */
import type { WorkerResult } from '../analysis/analysisProtocol.js';
import type { LiveMetrics } from '../../shared/dsp/LivePipeline.js';
import type { NnBeat } from '../../shared/dsp/NnStream.js';
import type { BeatView, GapView, LiveBatch, LiveBeatEvent, PacerSnapshot, PpgChunk, SpectrumView } from '../../shared/ipc/liveTypes.js';
import type { ClockedChunk } from '../../shared/sensors/channelClock.js';
import type { SensorNotice } from '../../shared/sensors/frames.js';
import type { ConnectionState } from '../../shared/sensors/sensorSource.js';
import type { ChannelSink, GapEvent } from '../devices/LiveChannel.js';
import type { SignalQualitySecond } from '../devices/signalQuality.js';

/** Most samples kept between two batches (a stalled consumer must not grow memory without bound). */
const MAX_PENDING_SAMPLES = 200_000;

export interface LiveBatcherOptions {
  /** Wall clock, ms since epoch (default Date.now). */
  nowMs?: () => number;
  /** The pacer at a channel-clock time, or null when no pacer runs. */
  pacerAt?: (tSec: number) => PacerSnapshot | null;
  /** A quality second (passed on at once). */
  onQuality?: (q: SignalQualitySecond) => void;
  /** A connection state change or a sensor notice (passed on at once). */
  onStatus?: (state: ConnectionState, notice: SensorNotice | null) => void;
}

const view = (b: NnBeat): BeatView => ({ tSec: b.tSec, ibiMs: b.ibiMs, quality: b.quality ?? Number.NaN, flags: b.flags });

export class LiveBatcher implements ChannelSink {
  readonly channel: string;
  private readonly o: LiveBatcherOptions;
  private readonly nowMs: () => number;
  private chunks: { t0Sec: number; fsHz: number; parts: Float32Array[]; n: number }[] = [];
  private pendingSamples = 0;
  private beats: BeatView[] = [];
  private provisional: BeatView[] | null = null;
  private beatEvents: LiveBeatEvent[] = [];
  private gaps: GapView[] = [];
  private metrics: LiveMetrics[] = [];
  private spectrum: SpectrumView | null = null;
  private firstArrivalMs: number | null = null;
  private lastArrivalMs: number | null = null;
  private restarted = false;
  private gen = -1;
  private seq = 0;
  private lookAheadSec = 0;
  private clock = 0;
  private dirty = false;

  constructor(channel: string, opts: LiveBatcherOptions = {}) {
    this.channel = channel;
    this.o = opts;
    this.nowMs = opts.nowMs ?? Date.now;
  }

  /** Newest channel-clock time seen (end of the last PPG sample or the last beat), s. */
  get clockSec(): number {
    return this.clock;
  }

  addSamples(c: ClockedChunk): void {
    const n = c.values.length;
    if (n === 0 || !(c.fsHz > 0)) return;
    const now = this.nowMs();
    this.firstArrivalMs ??= now;
    this.lastArrivalMs = now;
    const copy = c.values.slice();
    const last = this.chunks[this.chunks.length - 1];
    const contiguous = last && last.fsHz === c.fsHz && Math.abs(last.t0Sec + last.n / last.fsHz - c.t0Sec) < 0.5 / c.fsHz;
    if (contiguous) {
      last.parts.push(copy);
      last.n += n;
    } else {
      this.chunks.push({ t0Sec: c.t0Sec, fsHz: c.fsHz, parts: [copy], n });
    }
    this.pendingSamples += n;
    while (this.pendingSamples > MAX_PENDING_SAMPLES && this.chunks.length > 0) this.pendingSamples -= this.chunks.shift()!.n;
    this.clock = Math.max(this.clock, c.t0Sec + n / c.fsHz);
    this.dirty = true;
  }

  addAnalysis(r: WorkerResult): void {
    if (r.gen !== this.gen) {
      // A new pipeline (a session started or ended, or the worker was restarted): start the beats over.
      if (this.gen !== -1) {
        this.restarted = true;
        this.beats = [];
        this.beatEvents = [];
        this.metrics = [];
      }
      this.gen = r.gen;
    }
    this.lookAheadSec = r.lookAheadSec;
    for (const b of r.final) this.beats.push(view(b));
    if (r.provisional) this.provisional = r.provisional.map(view);
    for (const e of r.beatEvents) this.beatEvents.push(e);
    if (r.metrics.length) this.metrics.push(...r.metrics);
    if (r.spectrum) this.spectrum = r.spectrum;
    const last = r.provisional?.[r.provisional.length - 1] ?? r.final[r.final.length - 1];
    if (last && last.tSec > this.clock) this.clock = last.tSec;
    if (r.final.length || r.provisional || r.beatEvents.length || r.metrics.length || r.spectrum) this.dirty = true;
  }

  addGap(g: GapEvent): void {
    this.gaps.push({ startSec: g.startSec, endSec: g.endSec, reason: g.reason });
    this.dirty = true;
  }

  addQuality(q: SignalQualitySecond): void {
    this.o.onQuality?.(q);
  }

  addStatus(_tSec: number, state: ConnectionState, notice: SensorNotice | null): void {
    this.o.onStatus?.(state, notice);
  }

  /** The batch of everything new since the last call, or null when nothing is new. */
  take(): LiveBatch | null {
    if (!this.dirty) return null;
    const ppg: PpgChunk[] = this.chunks.map((c) => {
      if (c.parts.length === 1) return { t0Sec: c.t0Sec, fsHz: c.fsHz, values: c.parts[0]! };
      const values = new Float32Array(c.n);
      let o = 0;
      for (const p of c.parts) {
        values.set(p, o);
        o += p.length;
      }
      return { t0Sec: c.t0Sec, fsHz: c.fsHz, values };
    });
    const batch: LiveBatch = {
      channel: this.channel,
      seq: this.seq++,
      clockSec: this.clock,
      firstArrivalMs: this.firstArrivalMs,
      lastArrivalMs: this.lastArrivalMs,
      sentAtMs: this.nowMs(),
      lookAheadSec: this.lookAheadSec,
      ppg,
      beats: this.beats,
      provisional: this.provisional,
      beatEvents: this.beatEvents,
      gaps: this.gaps,
      analysisRestarted: this.restarted,
      metrics: this.metrics,
      pacer: this.o.pacerAt?.(this.clock) ?? null,
      spectrum: this.spectrum,
    };
    this.chunks = [];
    this.pendingSamples = 0;
    this.beats = [];
    this.provisional = null;
    this.beatEvents = [];
    this.gaps = [];
    this.metrics = [];
    this.spectrum = null;
    this.restarted = false;
    this.firstArrivalMs = null;
    this.lastArrivalMs = null;
    this.dirty = false;
    return batch;
  }
}

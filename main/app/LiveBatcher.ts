/**
 * `LiveBatcher` — collects one channel's live data (PPG frames from the device manager, beats and
 * metrics from the analysis worker) between two batches, and hands it out as one `LiveBatch`
 * (`take()`, called 20–30 times a second by the app service). Consecutive PPG frames are merged
 * into one chunk; the spectrum of the last 64 s is recomputed whenever new metrics arrived
 * (about once a second of signal). Memory is bounded by what arrives between two `take()` calls.
 */
import type { WorkerResult } from '../analysis/analysisProtocol.js';
import type { LiveMetrics } from '../../shared/dsp/LivePipeline.js';
import type { BeatView, LiveBatch, PacerSnapshot, PpgChunk } from '../../shared/ipc/liveTypes.js';
import type { PpgFrame } from '../../shared/sensors/frames.js';
import { NnSpectrum } from '../../shared/ipc/NnSpectrum.js';

/** Most samples kept between two batches (a stalled consumer must not grow memory without bound). */
const MAX_PENDING_SAMPLES = 200_000;

export interface LiveBatcherOptions {
  /** Wall clock, ms since epoch (default Date.now). */
  nowMs?: () => number;
  /** The pacer at a channel-clock time, or null when no pacer runs. */
  pacerAt?: (tSec: number) => PacerSnapshot | null;
}

export class LiveBatcher {
  readonly channel: string;
  private readonly nowMs: () => number;
  private readonly pacerAt: (tSec: number) => PacerSnapshot | null;
  private readonly spectrum = new NnSpectrum();
  private chunks: { t0Sec: number; fsHz: number; parts: Float32Array[]; n: number }[] = [];
  private pendingSamples = 0;
  private beats: BeatView[] = [];
  private metrics: LiveMetrics[] = [];
  private firstArrivalMs: number | null = null;
  private lastArrivalMs: number | null = null;
  private spectrumDue = false;
  private seq = 0;
  private lookAheadSec = 0;
  private clock = 0;
  private dirty = false;

  constructor(channel: string, opts: LiveBatcherOptions = {}) {
    this.channel = channel;
    this.nowMs = opts.nowMs ?? Date.now;
    this.pacerAt = opts.pacerAt ?? (() => null);
  }

  /** Newest channel-clock time seen (end of the last PPG sample or the last beat), s. */
  get clockSec(): number {
    return this.clock;
  }

  /** A PPG frame as it arrives; its values are copied (the caller may transfer the buffer afterwards). */
  addPpg(f: PpgFrame): void {
    const n = f.values.length;
    if (n === 0 || !(f.fsHz > 0)) return;
    const now = this.nowMs();
    this.firstArrivalMs ??= now;
    this.lastArrivalMs = now;
    const copy = new Float32Array(n);
    copy.set(f.values);
    const last = this.chunks[this.chunks.length - 1];
    const contiguous = last && last.fsHz === f.fsHz && Math.abs(last.t0Sec + last.n / last.fsHz - f.t0Sec) < 0.5 / f.fsHz;
    if (contiguous) {
      last.parts.push(copy);
      last.n += n;
    } else {
      this.chunks.push({ t0Sec: f.t0Sec, fsHz: f.fsHz, parts: [copy], n });
    }
    this.pendingSamples += n;
    while (this.pendingSamples > MAX_PENDING_SAMPLES && this.chunks.length > 0) {
      const drop = this.chunks.shift()!;
      this.pendingSamples -= drop.n;
    }
    this.clock = Math.max(this.clock, f.t0Sec + n / f.fsHz);
    this.dirty = true;
  }

  /** A result of the analysis worker for this channel. */
  addAnalysis(r: WorkerResult): void {
    this.lookAheadSec = r.lookAheadSec;
    for (let i = 0; i < r.beatTSec.length; i++) {
      const ibi = r.beatIbiMs[i]!;
      const beat: BeatView = { tSec: r.beatTSec[i]!, ibiMs: Number.isFinite(ibi) ? ibi : null, quality: r.beatQuality[i]! };
      this.beats.push(beat);
      this.spectrum.push(beat.tSec, beat.ibiMs);
      if (beat.tSec > this.clock) this.clock = beat.tSec;
    }
    if (r.metrics.length > 0) {
      this.metrics.push(...r.metrics);
      this.spectrumDue = true;
    }
    if (r.beatTSec.length > 0 || r.metrics.length > 0) this.dirty = true;
  }

  /** Forget the buffered beats (new sensor connection or a gap). */
  reset(): void {
    this.spectrum.reset();
    this.chunks = [];
    this.pendingSamples = 0;
    this.beats = [];
    this.metrics = [];
    this.firstArrivalMs = null;
    this.lastArrivalMs = null;
    this.clock = 0;
  }

  /** The batch of everything new since the last call, or null when nothing is new. */
  take(): LiveBatch | null {
    if (!this.dirty) return null;
    const ppg: PpgChunk[] = this.chunks.map((c) => {
      const values = c.parts.length === 1 ? c.parts[0]! : new Float32Array(c.n);
      if (c.parts.length > 1) {
        let o = 0;
        for (const p of c.parts) {
          values.set(p, o);
          o += p.length;
        }
      }
      return { t0Sec: c.t0Sec, fsHz: c.fsHz, values };
    });
    const lastMetric = this.metrics[this.metrics.length - 1];
    const spectrum = this.spectrumDue && lastMetric ? this.spectrum.compute(lastMetric.tSec) : null;
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
      metrics: this.metrics,
      pacer: this.pacerAt(this.clock),
      spectrum,
    };
    this.chunks = [];
    this.pendingSamples = 0;
    this.beats = [];
    this.metrics = [];
    this.firstArrivalMs = null;
    this.lastArrivalMs = null;
    this.spectrumDue = false;
    this.dirty = false;
    return batch;
  }
}

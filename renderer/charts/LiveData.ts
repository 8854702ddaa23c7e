/**
 * `LiveData` — the renderer's live buffers for the channel on screen, filled from the batched
 * live stream (`onLive`) and read by the charts on animation frames. Per-sample data lives only
 * here, in `SlidingSeries` typed arrays — never in React state. React reads the latest metrics
 * through `subscribeMetrics` (at most a few times a second); per-beat numbers (heart rate, the
 * HR–pacer phase) are read on animation frames (`hr.version`, `phase`).
 *
 * Beats: final ones, the NN path's decided-but-not-final ones and the fast path's provisional
 * ones (≈ 0.2 s after the pulse peak) go through `LiveBeatTrack`, which redraws the newest beats
 * when one is revised or withdrawn and when final beats replace them.
 */
import type { LiveMetrics } from '../../shared/dsp/LivePipeline.js';
import type { PacerTimeline } from '../../shared/ipc/apiTypes.js';
import type { LiveBatch, SpectrumView } from '../../shared/ipc/liveTypes.js';
import { LiveBeatTrack } from '../../shared/live/LiveBeatTrack.js';
import { LiveClock } from './LiveClock.js';
import { livePhase, type LivePhase } from '../../shared/live/livePhase.js';
import { perfStats } from './perfStats.js';
import { SlidingSeries } from '../../shared/live/SlidingSeries.js';

export class LiveData {
  channel: string | null = null;
  readonly clock = new LiveClock();
  /** Raw PPG: t (s) → value. ~12 s at 1000 Hz. */
  readonly ppg = new SlidingSeries(12_000);
  /** Detected beats: t (s) → quality (0..1, NaN = provisional); final ones, then the newest not final yet. */
  readonly beats = new SlidingSeries(2_000);
  /**
   * Heart rate: t (s) → bpm, from the artifact-corrected NN intervals (the ones stored) of the final
   * and decided beats, then the provisional beats' intervals.
   */
  readonly hr = new SlidingSeries(2_000);
  private readonly track = new LiveBeatTrack(this.beats, this.hr);
  /** The HR–pacer phase over the last minute (null: no pacer, or too few breaths yet). */
  phase: LivePhase | null = null;
  /** Coherence ratio once per second: t (s) → ratio (NaN: not available). */
  readonly coherence = new SlidingSeries(1_800);
  /** Signal gaps the analysis reported (channel clock, s), oldest first, the last 200; `gapsVersion` counts changes. */
  readonly gaps: { startSec: number; endSec: number }[] = [];
  gapsVersion = 0;
  metrics: LiveMetrics | null = null;
  spectrum: SpectrumView | null = null;
  spectrumVersion = 0;
  lookAheadSec = 0;
  /** Wall time (ms since epoch) at which the newest drawn sample arrived in the core. */
  lastArrivalMs: number | null = null;
  pacer: PacerTimeline | null = null;
  private readonly metricListeners = new Set<() => void>();

  /** Show `channel` (clears the buffers when it changes). */
  setChannel(channel: string | null): void {
    if (channel === this.channel) return;
    this.channel = channel;
    this.clear();
  }

  clear(): void {
    this.ppg.clear();
    this.clearBeats();
    this.clearGaps();
    this.coherence.clear();
    this.metrics = null;
    this.spectrum = null;
    this.spectrumVersion++;
    this.clock.reset();
    this.notify();
  }

  /** Take in one live batch (ignored unless it is for the channel on screen). */
  ingest(b: LiveBatch, perfMs: number = performance.now()): void {
    if (this.channel === null) this.channel = b.channel;
    if (b.channel !== this.channel) return;
    if (this.ppg.length > 0 && b.ppg.length > 0 && b.ppg[0]!.t0Sec < this.ppg.lastX - 1) this.clear(); // sensor restarted
    for (const c of b.ppg) this.ppg.pushSamples(c.t0Sec, c.fsHz, c.values);
    if (b.analysisRestarted) this.clearBeats();
    if (this.track.apply(b)) this.updatePhase();
    if (b.gaps.length > 0) {
      for (const g of b.gaps) this.gaps.push({ startSec: g.startSec, endSec: g.endSec });
      this.gaps.sort((a, c) => a.startSec - c.startSec);
      if (this.gaps.length > 200) this.gaps.splice(0, this.gaps.length - 200);
      this.gapsVersion++;
    }
    for (const m of b.metrics) this.coherence.push(m.tSec, m.coherenceRatio ?? NaN);
    if (b.spectrum) {
      this.spectrum = b.spectrum;
      this.spectrumVersion++;
    }
    this.lookAheadSec = b.lookAheadSec;
    if (b.lastArrivalMs !== null) {
      this.lastArrivalMs = b.lastArrivalMs;
      perfStats.batch(b, perfMs);
    }
    this.clock.sync(b.clockSec, perfMs);
    if (b.metrics.length > 0) {
      this.metrics = b.metrics[b.metrics.length - 1]!;
      this.notify();
    }
  }

  private clearGaps(): void {
    this.gaps.length = 0;
    this.gapsVersion++;
  }

  private clearBeats(): void {
    this.beats.clear();
    this.hr.clear();
    this.track.clear();
    this.phase = null;
  }

  setPacer(t: PacerTimeline | null, perfMs: number = performance.now()): void {
    this.pacer = t;
    if (t) this.clock.anchor(t.clockSec, perfMs);
    this.updatePhase();
  }

  private updatePhase(): void {
    this.phase = livePhase(this.hr, this.pacer);
  }

  /** Called (throttled by the caller) when new metrics arrived; returns the unsubscribe function. */
  subscribeMetrics(fn: () => void): () => void {
    this.metricListeners.add(fn);
    return () => this.metricListeners.delete(fn);
  }

  private notify(): void {
    for (const fn of this.metricListeners) fn();
  }
}

/**
 * `LiveChannel` — the one owner of a live sensor channel, from decoded frames to results. A sample
 * travels through named calls only:
 *
 *   source 'frame' → LiveChannel.onFrame → ChannelClock.push (count → channel time)
 *     → LiveChannel.deliverChunk → recorder.addSamples   (storage, when a session records)
 *                                → AnalysisHost.pushChunk (worker: BeatEngine → NN, metrics)
 *                                → view.addSamples       (LiveBatcher → renderer stream)
 *                                → SignalQualityMonitor.pushPpg (per-second quality)
 *   worker result → LiveChannel.analysisResult → recorder.addAnalysis, view.addAnalysis
 *     (the beat events — provisional beats for the screen — go to the view only)
 *
 * Sources that send intervals instead of samples go the same way through `IntervalClock` and
 * `AnalysisHost.pushIntervals`. Every gap (a reconnect, a pause, samples lost, ≥ 2 s without
 * usable signal) goes to the recorder and the view as one `GapEvent`; the sensor's diagnoses
 * (`SensorNotice`) and connection states go to both too. If the analysis worker is restarted, the
 * channel re-opens its pipeline and replays the last two minutes of signal; results it already
 * delivered are not delivered twice.
 */
import type { AnalysisHost, AnalysisSink } from '../analysis/AnalysisHost.js';
import type { WorkerResult } from '../analysis/analysisProtocol.js';
import { BeatEventFilter } from '../analysis/beatEventFilter.js';
import { ChannelClock, type ClockGap, type ClockedChunk, type ClockOutput } from '../../shared/sensors/channelClock.js';
import type { BeatFrame, PpgFrame, SensorFrame, SensorNotice, StatusFrame } from '../../shared/sensors/frames.js';
import { IntervalClock } from '../../shared/sensors/intervalClock.js';
import { isNoticeProblem } from '../../shared/sensors/sensorNotices.js';
import type { ConnectionState, SensorSource, SensorSourceInfo } from '../../shared/sensors/sensorSource.js';
import { SignalQualityMonitor, type QualityFlag, type SignalQualitySecond } from './signalQuality.js';

export interface GapEvent {
  startSec: number;
  endSec: number;
  /** 'disconnected' | 'restart' | 'pause' | 'samples-lost' | 'beats-missing' | 'no-contact' | 'flat' | 'no-signal'. */
  reason: string;
}

/** What a channel hands its data to: the session recorder (storage) and the live view (renderer stream). */
export interface ChannelSink {
  /** Timed samples (a recorder returns the part it stores: the recording's analysis sees exactly that). */
  addSamples(c: ClockedChunk): void | ClockedChunk | null;
  addAnalysis(r: WorkerResult): void;
  addGap(g: GapEvent): void;
  addQuality(q: SignalQualitySecond): void;
  /** A connection state change and/or a diagnosis from the sensor (channel clock time `tSec`). */
  addStatus(tSec: number, state: ConnectionState, notice: SensorNotice | null): void;
}

export interface LiveChannelOptions {
  /** Monotonic wall clock, ms (default performance.now). */
  nowMs?: () => number;
  /** Called after every state change or notice (device manager bookkeeping, tests). */
  onChange?: (ch: LiveChannel) => void;
}

const SIGNAL_GAP_FLAGS: readonly QualityFlag[] = ['no-contact', 'flat', 'no-signal'];
const MIN_SIGNAL_GAP_SEC = 2;
/** Signal kept for replay into a restarted worker, s. */
const REPLAY_SEC = 120;

export class LiveChannel implements AnalysisSink {
  /** Storage of the running session on this channel (set by the recorder), or null. */
  recorder: ChannelSink | null = null;
  /** The live view (the app's LiveBatcher), or null. */
  view: ChannelSink | null = null;
  private stateValue: ConnectionState = 'disconnected';
  private lastNoticeValue: SensorNotice | null = null;
  private readonly clock = new ChannelClock();
  private readonly intervals = new IntervalClock();
  private readonly quality: SignalQualityMonitor;
  private mode: 'ppg' | 'intervals' | null = null;
  private firstBeatsArrival = Number.NaN;
  private readonly nowMs: () => number;
  private unsubs: (() => void)[] = [];
  /** End of the newest data, channel clock, and when it arrived (wall ms). */
  private dataSec = 0;
  private dataWallMs: number;
  private lastArrivalWallMs = Number.NaN;
  private lostAtSec: number | null = null;
  private badRun: { startSec: number; reason: string; seconds: number } | null = null;
  private coveredUntilSec = Number.NEGATIVE_INFINITY;
  private readonly replay: ({ atSec: number } & ({ kind: 'chunk'; c: ClockedChunk } | { kind: 'intervals'; ibiMs: readonly number[]; startSec: number } | { kind: 'gap'; startSec: number; endSec: number }))[] = [];
  /** Per pipeline generation: the newest final beat and metric delivered (a replay repeats older ones). */
  private readonly delivered = new Map<number, { finalSec: number; metricSec: number }>();
  private analysisStopped = false;
  /** The view's beat events of the current generation (unique and not repeated across worker restarts). */
  private viewEvents = new BeatEventFilter();
  /** The sample rate of the newest timed chunk (the clock's estimate), Hz, and the one last shown. */
  private rateHz = 0;
  private shownRateHz = 0;
  /** Pipeline generation: a new one per recording, so a session is analysed from its first sample. */
  private gen = 0;
  private recGen = -1;
  private recordingSamples = false;
  /** Beats the worker finalised so far. */
  finalBeats = 0;
  lookAheadSec = 0;

  constructor(
    readonly id: string,
    readonly source: SensorSource,
    private readonly analysis: AnalysisHost | null,
    private readonly opts: LiveChannelOptions = {},
  ) {
    this.nowMs = opts.nowMs ?? (() => performance.now());
    this.dataWallMs = this.nowMs();
    this.quality = new SignalQualityMonitor({ analysis: analysis !== null });
  }

  get spec(): string {
    return this.source.spec;
  }
  get info(): SensorSourceInfo {
    return this.source.info;
  }
  /** The key the sensor is remembered by for a client (its USB serial number or BLE id; else its spec). */
  get identity(): string {
    return this.source.identity ?? this.source.spec;
  }
  get state(): ConnectionState {
    return this.stateValue;
  }
  /** The sensor's latest diagnosis (null when it has nothing to say). */
  get lastNotice(): SensorNotice | null {
    return this.lastNoticeValue;
  }
  /** The device's true sample rate as the channel clock measured it, Hz; null until known. */
  get measuredHz(): number | null {
    return this.rateHz > 0 ? this.rateHz : null;
  }
  /** End of the newest data, channel clock, s. */
  get dataEndSec(): number {
    return this.dataSec;
  }
  /** Wall seconds since data last arrived. */
  get silentSec(): number {
    return (this.nowMs() - (Number.isNaN(this.lastArrivalWallMs) ? this.dataWallMs : this.lastArrivalWallMs)) / 1000;
  }
  /** Whether any data arrived yet. */
  get hasData(): boolean {
    return !Number.isNaN(this.lastArrivalWallMs);
  }
  /** Playback speed of simulated / replayed sources (1 for real sensors). */
  get speed(): number {
    return (this.source as { speed?: number }).speed ?? 1;
  }

  /** "Now" on the channel clock: the newest data plus the wall time since (× speed), also while reconnecting. */
  nowSec(): number {
    if (this.stateValue === 'disconnected' || this.stateValue === 'error') return this.dataSec;
    return this.dataSec + (Math.max(0, this.nowMs() - this.dataWallMs) / 1000) * this.speed;
  }

  /** Open the source; rejects with its one-line message. */
  async start(): Promise<void> {
    this.unsubs.push(
      this.source.on('frame', (f) => this.guard(() => this.onFrame(f))),
      this.source.on('state', (s, msg) => this.guard(() => this.onState(s, msg))),
    );
    try {
      await this.source.start();
    } catch (err) {
      this.detachSource();
      throw err instanceof Error ? err : new Error(String(err));
    }
    this.dataWallMs = this.nowMs();
  }

  /** Stop the source, deliver the last samples and the last (final) analysis, close open gaps. */
  async stop(): Promise<void> {
    const nowSec = this.nowSec();
    await this.source.stop().catch(() => undefined);
    this.detachSource();
    if (this.mode === 'ppg') this.deliverClock(this.clock.flush());
    const endSec = Math.max(this.dataSec, this.lostAtSec ?? Number.NEGATIVE_INFINITY);
    if (this.lostAtSec !== null) this.emitGap({ startSec: this.lostAtSec, endSec: Math.max(this.lostAtSec, nowSec), reason: 'disconnected' });
    if (this.badRun && this.badRun.seconds >= MIN_SIGNAL_GAP_SEC) this.emitGap({ startSec: this.badRun.startSec, endSec, reason: this.badRun.reason });
    this.lostAtSec = null;
    this.badRun = null;
    if (this.analysis && this.mode !== null) {
      this.analysis.flush(this.id);
      // The last results (bounded: a stuck worker must not block the disconnect).
      await Promise.race([this.analysis.drain(), new Promise((r) => setTimeout(r, 5000).unref())]);
    }
    this.analysis?.detach(this.id);
  }

  // ---- AnalysisSink (called by AnalysisHost) ------------------------------------------------

  /**
   * startRecording: from the next sample on, `recorder` gets this channel's samples, gaps, quality
   * and states, and the analysis of a pipeline that starts with the recording (so the stored
   * session's offline analysis sees exactly what the live analysis saw).
   */
  startRecording(recorder: ChannelSink): void {
    if (this.recorder) throw new Error(`channel ${this.id} is already recording`);
    this.recorder = recorder;
    this.newGeneration();
    this.recGen = this.gen;
    this.recordingSamples = true;
  }

  /**
   * stopRecording: the recording's pipeline is flushed (its pending beats come to the recorder as
   * final) and a fresh one continues the live view; resolves when the recorder has everything.
   */
  async stopRecording(): Promise<void> {
    if (!this.recorder) return;
    // Samples the clock still holds belong to the recording.
    if (this.mode === 'ppg') this.deliverClock(this.clock.flush());
    this.recordingSamples = false;
    if (this.analysis && this.mode !== null && this.gen === this.recGen) {
      this.analysis.flush(this.id);
      const drained = this.analysis.drain();
      this.newGeneration();
      await Promise.race([drained, new Promise((r) => setTimeout(r, 5000).unref())]);
    }
    this.recorder = null;
    this.recGen = -1;
  }

  private newGeneration(): void {
    this.gen++;
    this.replay.length = 0;
    this.viewEvents = new BeatEventFilter();
    // Only the generations still delivering are remembered.
    for (const g of this.delivered.keys()) if (g !== this.recGen && g < this.gen) this.delivered.delete(g);
    if (this.analysis && this.mode !== null) this.analysis.open(this.id, this.mode, this.gen);
  }

  analysisResult(r: WorkerResult): void {
    if (r.gen !== this.gen && r.gen !== this.recGen) return;
    if (this.analysisStopped) {
      this.analysisStopped = false;
      this.notice({ code: 'analysis-resumed' });
    }
    this.lookAheadSec = r.lookAheadSec;
    // After a worker restart the replay re-derives results already delivered: keep only new ones
    // (per pipeline generation: the recording's last results may come after the next one began).
    let seen = this.delivered.get(r.gen);
    if (!seen) this.delivered.set(r.gen, (seen = { finalSec: Number.NEGATIVE_INFINITY, metricSec: Number.NEGATIVE_INFINITY }));
    const d = seen;
    const fresh: WorkerResult = {
      ...r,
      final: r.final.filter((b) => b.tSec > d.finalSec),
      metrics: r.metrics.filter((m) => m.tSec > d.metricSec),
    };
    const lastFinal = fresh.final[fresh.final.length - 1];
    if (lastFinal) d.finalSec = lastFinal.tSec;
    const lastMetric = fresh.metrics[fresh.metrics.length - 1];
    if (lastMetric) {
      d.metricSec = lastMetric.tSec;
      this.quality.setAnalysisQuality(lastMetric.qualityPct);
    }
    this.finalBeats += fresh.final.length;
    // Storage keeps the final beats; the provisional ones are for the screen only.
    if (r.gen === this.recGen) this.recorder?.addAnalysis({ ...fresh, beatEvents: [] });
    if (r.gen === this.gen) {
      const beatEvents = this.viewEvents.pass(r.beatEvents);
      this.view?.addAnalysis({ ...fresh, beatEvents });
    }
  }

  analysisError(message: string): void {
    console.error(`cadans analysis: channel ${this.id}: ${message}`);
  }

  analysisRestarted(): void {
    if (!this.analysis || this.mode === null) return;
    this.analysisStopped = true;
    this.viewEvents.restarted();
    this.notice({ code: 'analysis-stopped' });
    this.analysis.open(this.id, this.mode, this.gen);
    for (const r of this.replay) {
      if (r.kind === 'chunk') this.analysis.pushChunk(this.id, { ...r.c, values: r.c.values.slice() });
      else if (r.kind === 'intervals') this.analysis.pushIntervals(this.id, r.ibiMs, r.startSec);
      else this.analysis.markGap(this.id, r.startSec, r.endSec);
    }
  }

  // ---- frames ------------------------------------------------------------------------------

  private onFrame(f: SensorFrame): void {
    if (f.kind === 'ppg') this.onPpg(f);
    else if (f.kind === 'beats') this.onBeats(f);
    else this.onStatus(f);
  }

  private onPpg(f: PpgFrame): void {
    if (this.mode === 'intervals' || f.values.length === 0) return;
    if (this.mode === null) this.openAnalysis('ppg');
    this.touch();
    this.deliverClock(this.clock.push(f));
  }

  private onBeats(f: BeatFrame): void {
    if (this.mode === null) {
      if (Number.isNaN(this.firstBeatsArrival)) this.firstBeatsArrival = f.arrivalSec;
      // A source that announced PPG gets 5 s to deliver it before its intervals are analysed.
      if (this.source.info.fsHz !== undefined && f.arrivalSec - this.firstBeatsArrival <= 5) return;
      this.openAnalysis('intervals');
    }
    if (this.mode !== 'intervals') return;
    this.touch();
    const ibi = f.ibiMs.filter((v) => Number.isFinite(v) && v > 0);
    if (ibi.length === 0) return;
    const a = this.intervals.align(f);
    if (a.gap) {
      this.sensorGap(a.gap.startSec, a.gap.endSec, 'beats-missing');
      this.analysis?.markGap(this.id, a.gap.startSec, a.gap.endSec);
      this.remember({ atSec: a.gap.endSec, kind: 'gap', startSec: a.gap.startSec, endSec: a.gap.endSec });
    } else this.closeLostGap(a.startSec);
    this.analysis?.pushIntervals(this.id, ibi, a.continues ? Number.NaN : a.startSec);
    // The replay after a worker restart starts mid-stream: it needs every frame's own start.
    this.remember({ atSec: a.endSec, kind: 'intervals', ibiMs: ibi, startSec: a.startSec });
    for (const q of this.quality.pushBeats(a.endSec, ibi)) this.onQuality(q);
    this.advance(a.endSec);
  }

  private onStatus(f: StatusFrame): void {
    this.quality.pushContact(f.contact);
    if (f.notice) this.notice(f.notice);
  }

  private onState(s: ConnectionState, _message?: string): void {
    const prev = this.stateValue;
    this.stateValue = s;
    if (s === 'reconnecting' && this.lostAtSec === null && prev !== 'connecting') this.lostAtSec = this.dataSec;
    this.emitStatus(s, null);
  }

  /** A diagnosis: the latest problem is kept (shown next to the sensor) until something good is said. */
  private notice(n: SensorNotice): void {
    this.lastNoticeValue = isNoticeProblem(n.code) ? n : null;
    this.emitStatus(this.stateValue, n);
  }

  private emitStatus(s: ConnectionState, n: SensorNotice | null): void {
    const t = this.nowSec();
    this.recorder?.addStatus(t, s, n);
    this.view?.addStatus(t, s, n);
    this.opts.onChange?.(this);
  }

  private openAnalysis(mode: 'ppg' | 'intervals'): void {
    this.mode = mode;
    this.analysis?.attach(this.id, this, mode, this.gen);
  }

  // ---- timed samples -----------------------------------------------------------------------

  private deliverClock(out: ClockOutput): void {
    for (const n of out.notices) this.notice(n);
    // A gap goes first: it lies before the chunks released with it.
    for (const g of out.gaps) this.clockGap(g);
    for (const c of out.chunks) this.deliverChunk(c);
  }

  private deliverChunk(c: ClockedChunk): void {
    this.closeLostGap(c.t0Sec);
    this.rateHz = c.fsHz;
    if (Math.abs(this.rateHz - this.shownRateHz) >= 0.05) {
      // The measured rate is part of the channel's view: refresh it (no new notice).
      this.shownRateHz = this.rateHz;
      this.view?.addStatus(this.nowSec(), this.stateValue, null);
      this.opts.onChange?.(this);
    }
    // While a session records, its analysis sees exactly the samples it stores (a recording that
    // reached its length stores, and analyses, no more).
    const forAnalysis = this.recordingSamples && this.recorder ? (this.recorder.addSamples(c) ?? null) : c;
    if (forAnalysis && forAnalysis.values.length > 0) {
      this.analysis?.pushChunk(this.id, { ...forAnalysis, values: forAnalysis.values.slice() });
      this.remember({ atSec: forAnalysis.t0Sec, kind: 'chunk', c: forAnalysis });
    }
    this.view?.addSamples(c);
    for (const q of this.quality.pushPpg(c)) this.onQuality(q);
    this.advance(c.t0Sec + c.values.length / c.fsHz);
  }

  private clockGap(g: ClockGap): void {
    const reason = g.reason === 'restart' ? (this.lostAtSec !== null ? 'disconnected' : 'restart') : g.reason;
    this.sensorGap(g.startSec, g.endSec, reason);
  }

  /** A jump in the data: a disconnect gap if one is open, else `reason`. */
  private sensorGap(startSec: number, endSec: number, reason: string): void {
    if (this.lostAtSec !== null) {
      startSec = Math.min(startSec, this.lostAtSec);
      reason = 'disconnected';
      this.lostAtSec = null;
    }
    this.emitGap({ startSec, endSec, reason });
  }

  /** Data is back after a disconnect without a visible jump: close the gap at `resumeSec`. */
  private closeLostGap(resumeSec: number): void {
    if (this.lostAtSec === null || this.stateValue === 'reconnecting') return;
    const startSec = this.lostAtSec;
    this.lostAtSec = null;
    this.emitGap({ startSec, endSec: Math.max(startSec, resumeSec), reason: 'disconnected' });
  }

  private emitGap(g: GapEvent): void {
    this.coveredUntilSec = Math.max(this.coveredUntilSec, g.endSec);
    this.recorder?.addGap(g);
    this.view?.addGap(g);
  }

  /** Per-second quality → recorder and view, and ≥ 2 s without usable signal → a gap. */
  private onQuality(q: SignalQualitySecond): void {
    this.recorder?.addQuality(q);
    this.view?.addQuality(q);
    const inSensorGap = q.tSec + 1 <= this.coveredUntilSec + 1e-6 || this.lostAtSec !== null;
    const bad = !inSensorGap && q.flags.some((f) => SIGNAL_GAP_FLAGS.includes(f));
    if (bad) {
      const reason = q.flags.includes('no-contact') ? 'no-contact' : q.flags.includes('flat') ? 'flat' : 'no-signal';
      if (!this.badRun) this.badRun = { startSec: q.tSec, reason, seconds: 0 };
      this.badRun.seconds++;
      return;
    }
    const run = this.badRun;
    this.badRun = null;
    if (run && run.seconds >= MIN_SIGNAL_GAP_SEC) this.emitGap({ startSec: run.startSec, endSec: q.tSec, reason: run.reason });
  }

  private touch(): void {
    this.lastArrivalWallMs = this.nowMs();
  }

  private advance(endSec: number): void {
    if (endSec > this.dataSec) this.dataSec = endSec;
    this.dataWallMs = this.nowMs();
  }

  private remember(r: LiveChannel['replay'][number]): void {
    this.replay.push(r);
    while (this.replay.length > 1 && r.atSec - this.replay[0]!.atSec > REPLAY_SEC) this.replay.shift();
  }

  private detachSource(): void {
    for (const u of this.unsubs.splice(0)) u();
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      // A bug in one consumer must not stop the sensor stream.
      console.error(`cadans channel ${this.id}:`, err);
    }
  }
}

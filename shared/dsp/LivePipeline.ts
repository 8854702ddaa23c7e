import { coherenceAt } from './coherence.js';
import { hrvTime } from './hrvTime.js';
import { intervalsCorrect } from './intervalsCorrect.js';
import { PpgPeakDetector, type DetectedBeat } from './ppgFindPeaks.js';
import { respirationFromHr } from './respiration.js';
import { breaksFromIntervals, MIN_BEAT_QUALITY, type Interval } from './signalGaps.js';
import type { CoherenceLevel } from './types.js';

/** A beat as the live path reports it. */
export interface LiveBeat {
  tSec: number;
  quality: number;
  /** Interval closing at this beat, ms, after correction; null at the first beat or after a gap. */
  ibiMs: number | null;
}

/** Rolling metrics, computed once per second of signal. */
export interface LiveMetrics {
  tSec: number;
  hrBpm: number | null;
  rmssdMs: number | null;
  sdnnMs: number | null;
  coherenceRatio: number | null;
  coherenceLevel: CoherenceLevel | null;
  respirationBpm: number | null;
  /** Share of the last 10 s covered by trusted beats, 0..100. */
  qualityPct: number;
}

export interface LiveUpdate {
  beats: LiveBeat[];
  metrics: LiveMetrics[];
}

const WINDOW_BEATS = 150;
const METRICS_WINDOW_SEC = 64;

/**
 * `LivePipeline` — the streaming analysis run by the analysis worker: PPG samples (or intervals
 * from a sensor that sends them) in; final beats, corrected intervals and once-per-second rolling
 * metrics out. Beat detection is {@link PpgPeakDetector}, identical to the offline analysis; the
 * intervals are corrected over a trailing window of beats with the same Lipponen–Tarvainen
 * method, and the metrics use the same functions as the offline report.
 */
export class LivePipeline {
  private detector: PpgPeakDetector | null = null;
  private fsHz = 0;
  private beatT: number[] = [];
  private beatQ: number[] = [];
  private unusable: Interval[] = [];
  /** Sensor gaps reported by the device manager (the last few; older ones are past the beat window). */
  private sensorGaps: Interval[] = [];
  private lastMetricsSec = 0;
  private lastSampleSec = 0;
  private ibiClock = 0;
  private readonly scratch: DetectedBeat[] = [];

  /** Look-ahead of beat detection, seconds (0 for interval sources). */
  get lookAheadSec(): number {
    return this.detector?.lookAheadSec ?? 0;
  }

  /** Push PPG samples (consecutive; NaN = missing). */
  pushPpg(values: ArrayLike<number>, fsHz: number): LiveUpdate {
    if (this.detector === null || this.fsHz !== fsHz) {
      this.detector = new PpgPeakDetector(fsHz);
      this.fsHz = fsHz;
    }
    const det = this.detector;
    this.scratch.length = 0;
    det.push(values, this.scratch);
    this.lastSampleSec += values.length / fsHz;
    const update: LiveUpdate = { beats: [], metrics: [] };
    for (const b of this.scratch) this.addBeat(b.tSec, b.quality, update);
    // Missing samples become unusable stretches.
    this.refreshUnusable();
    this.tickMetrics(this.lastSampleSec - det.lookAheadSec, update);
    return update;
  }

  /** Push intervals reported by the sensor itself (BLE RR, PPI), in ms. */
  pushIntervals(ibiMs: readonly number[], arrivalSec: number): LiveUpdate {
    const update: LiveUpdate = { beats: [], metrics: [] };
    if (this.beatT.length === 0) this.ibiClock = arrivalSec - ibiMs.reduce((a, b) => a + b, 0) / 1000;
    for (const v of ibiMs) {
      if (this.beatT.length === 0) this.addBeat(this.ibiClock, 1, update);
      this.ibiClock += v / 1000;
      this.addBeat(this.ibiClock, 1, update);
    }
    this.lastSampleSec = Math.max(this.lastSampleSec, arrivalSec);
    this.tickMetrics(arrivalSec, update);
    return update;
  }

  /** A sensor gap (unplugged, clip off): no interval will bridge it. */
  markGap(startSec: number, endSec: number): void {
    this.sensorGaps.push({ startSec, endSec });
    if (this.sensorGaps.length > 32) this.sensorGaps.shift();
    this.refreshUnusable();
  }

  private refreshUnusable(): void {
    const miss = this.detector?.missingRuns ?? [];
    this.unusable = [...miss.slice(-32).map((m) => ({ startSec: m.startSec, endSec: m.endSec })), ...this.sensorGaps].sort(
      (a, b) => a.startSec - b.startSec,
    );
  }

  reset(): void {
    this.detector?.reset();
    this.beatT = [];
    this.beatQ = [];
    this.unusable = [];
    this.sensorGaps = [];
    this.lastMetricsSec = 0;
    this.lastSampleSec = 0;
  }

  private addBeat(tSec: number, quality: number, update: LiveUpdate): void {
    this.beatT.push(tSec);
    this.beatQ.push(quality);
    if (this.beatT.length > WINDOW_BEATS * 2) {
      this.beatT.splice(0, WINDOW_BEATS);
      this.beatQ.splice(0, WINDOW_BEATS);
    }
    const n = this.beatT.length;
    let ibiMs: number | null = null;
    if (n >= 2) {
      const prev = this.beatT[n - 2]!;
      const lowQ = quality < MIN_BEAT_QUALITY || this.beatQ[n - 2]! < MIN_BEAT_QUALITY;
      const crossesGap = this.unusable.some((g) => g.endSec > prev && g.startSec < tSec);
      if (!lowQ && !crossesGap) ibiMs = (tSec - prev) * 1000;
    }
    update.beats.push({ tSec, quality, ibiMs });
  }

  /** Corrected NN series over the trailing beat window. */
  private nnWindow(): { t: Float64Array; v: Float64Array; consecutive: boolean[] } {
    const beats = this.beatT.slice(-WINDOW_BEATS);
    const q = this.beatQ.slice(-WINDOW_BEATS);
    const bad: Interval[] = [...this.unusable];
    for (let i = 0; i < beats.length; i++) {
      if (q[i]! < MIN_BEAT_QUALITY) bad.push({ startSec: beats[i - 1] ?? beats[i]! - 0.01, endSec: beats[i + 1] ?? beats[i]! + 0.01 });
    }
    bad.sort((a, b) => a.startSec - b.startSec);
    const corr = intervalsCorrect(beats, breaksFromIntervals(beats, bad));
    const consecutive = new Array<boolean>(corr.nnMs.length).fill(false);
    for (let i = 1; i < corr.nnMs.length; i++) {
      consecutive[i] = Math.abs(corr.nnTSec[i]! - corr.nnMs[i]! / 1000 - corr.nnTSec[i - 1]!) < 1e-6;
    }
    return { t: corr.nnTSec, v: corr.nnMs, consecutive };
  }

  private tickMetrics(nowSec: number, update: LiveUpdate): void {
    if (nowSec - this.lastMetricsSec < 1) return;
    this.lastMetricsSec = Math.floor(nowSec);
    const { t, v, consecutive } = this.nnWindow();
    let lo = 0;
    while (lo < t.length && t[lo]! < nowSec - METRICS_WINDOW_SEC) lo++;
    const tw = t.subarray(lo);
    const vw = v.subarray(lo);
    const time = vw.length >= 3 ? hrvTime(vw, consecutive.slice(lo)) : null;
    const coh = vw.length >= 10 ? coherenceAt(t, v, nowSec) : null;
    const resp = vw.length >= 10 ? respirationFromHr(tw, vw, { windowSec: 60, stepSec: 60 }) : null;
    const lastResp = resp?.series[resp.series.length - 1]?.rateBpm ?? null;
    // Quality: share of the 10 s up to the last final beat covered by trusted intervals (0 when the
    // last beat is older than 3 s: the pulse has been lost).
    const lastBeat = this.beatT.length ? this.beatT[this.beatT.length - 1]! : -Infinity;
    const qEnd = lastBeat > nowSec - 3 ? lastBeat : nowSec;
    let covered = 0;
    for (let i = 1; i < this.beatT.length; i++) {
      const a = Math.max(this.beatT[i - 1]!, qEnd - 10);
      const b = Math.min(this.beatT[i]!, qEnd);
      if (b > a && this.beatQ[i]! >= MIN_BEAT_QUALITY && this.beatQ[i - 1]! >= MIN_BEAT_QUALITY && this.beatT[i]! - this.beatT[i - 1]! < 2.5) covered += b - a;
    }
    const lastIbi = vw.length ? vw[vw.length - 1]! : NaN;
    update.metrics.push({
      tSec: this.lastMetricsSec,
      hrBpm: Number.isFinite(lastIbi) && t[t.length - 1]! > nowSec - 5 ? 60000 / lastIbi : null,
      rmssdMs: time && Number.isFinite(time.rmssdMs) ? time.rmssdMs : null,
      sdnnMs: time && Number.isFinite(time.sdnnMs) ? time.sdnnMs : null,
      coherenceRatio: coh?.ratio ?? null,
      coherenceLevel: coh?.level ?? null,
      respirationBpm: lastResp,
      qualityPct: Math.round(Math.min(100, covered * 10)),
    });
  }
}

/**
 * `LivePipeline` — the streaming analysis of one channel, run by the analysis worker: timed PPG
 * chunks (or a sensor's intervals) in; final NN beats (for storage), the provisional newest beats
 * (for the screen), unusable stretches, once-per-second rolling metrics and the live spectrum out.
 * Beats and NN come from `BeatEngine`, the same engine as the offline analysis; the metrics use the
 * same functions as the offline report, on the same corrected NN series (final + provisional).
 * The beat events (`beatEvents`: a beat on screen ≈ 0.2 s after its peak, its revision or
 * withdrawal, and each beat the beat-sequence stage decided) go to the screen only; they are the
 * same whatever the chunking, like everything else here.
 */
import { BeatEngine, type BeatFeature, type EngineUpdate, type LiveBeatEvent } from './BeatEngine.js';
import { coherenceAt } from './coherence.js';
import { hrvTime } from './hrvTime.js';
import { hrvWithhold } from './hrvWithhold.js';
import type { HrvWithheld } from './hrvWithheld.js';
import { timingNoiseMs } from './timingNoise.js';
import { BeatFlag } from '../domain/beatFlags.js';
import type { NnBeat } from './NnStream.js';
import { respirationAt } from './respiration.js';
import type { TimedChunk } from './sampleTimeline.js';
import { extraSecOutside, untimedSpans, MIN_BEAT_QUALITY, type Interval } from './signalGaps.js';
import type { CoherenceLevel } from './types.js';
import { nnSpectrumAt } from '../ipc/NnSpectrum.js';
import type { SpectrumView } from '../ipc/liveTypes.js';

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
  /** Beat-timing noise floor over the metrics window, ms (null: too few beats, or intervals from a sensor). */
  timingNoiseMs: number | null;
  /** Figures of this window withheld (their value above is null), with the reason (shared/dsp/hrvWithheld.ts). */
  withheld: HrvWithheld;
}

export interface LiveUpdate {
  /** NN beats that became final (channel clock): what storage keeps. */
  final: NnBeat[];
  /** The beats not final yet, provisionally corrected: replaces the previous provisional tail (null = unchanged). */
  provisional: NnBeat[] | null;
  /** Unusable stretches that became final. */
  unusable: Interval[];
  /** Beat events since the previous update, in order (see {@link LiveBeatEvent}): the live screen's fast path. */
  beatEvents: LiveBeatEvent[];
  metrics: LiveMetrics[];
  /** Spectrum of the last 64 s of NN intervals, recomputed with the metrics (null = unchanged). */
  spectrum: SpectrumView | null;
}

export type { LiveBeatEvent } from './BeatEngine.js';

/** An engine update that collects beat events too. */
const engineUpdate = (): EngineUpdate => ({ final: [], unusable: [], detections: [], events: [] });

/** Metrics window, s (HRV over the last 64 s, as coherence). */
const METRICS_WINDOW_SEC = 64;
/** NN and detections kept for the metrics, s. */
const KEEP_SEC = 120;

export class LivePipeline {
  private engine: BeatEngine;
  private readonly fromSensor: boolean;
  /** Final NN beats with an interval, recent ones (fiducial time, interval). */
  private nnT: number[] = [];
  private nnV: number[] = [];
  private provisionalTail: NnBeat[] = [];
  private det: BeatFeature[] = [];
  private lastMetricsSec = Number.NaN;
  /** Recent final beats (time, corrected?) and unusable stretches, for what the window can carry. */
  private finT: number[] = [];
  private finCorrected: boolean[] = [];
  /** Per final beat: its timing was unreliable (counted with the unusable signal). */
  private finUntimed: boolean[] = [];
  private unus: Interval[] = [];
  private firstSec = Number.NaN;

  constructor(opts: { fromSensor?: boolean } = {}) {
    this.fromSensor = opts.fromSensor ?? false;
    this.engine = new BeatEngine({ fromSensor: this.fromSensor });
  }

  /** Look-ahead of beat detection, seconds (0 for interval sources). */
  get lookAheadSec(): number {
    return this.engine.lookAheadSec;
  }

  /**
   * Push a timed PPG chunk (channel clock; time order). The chunk is cut where the next second's
   * metrics fall due (the analysed signal, end − look-ahead, reaches that second), so each second's
   * metrics see the signal up to exactly that point: the same whatever the chunking (USB batching,
   * a busy machine), as the beats are.
   */
  pushChunk(c: TimedChunk): LiveUpdate {
    if (Number.isNaN(this.firstSec)) this.firstSec = c.t0Sec;
    const n = c.values.length;
    let merged: LiveUpdate | null = null;
    for (let from = 0; from < n; ) {
      const due = this.cutForMetrics(c, from);
      const to = due?.to ?? n;
      const part = from === 0 && to === n ? c : { t0Sec: c.t0Sec + from / c.fsHz, fsHz: c.fsHz, values: sliceOf(c.values, from, to) };
      const u = this.finish(this.engine.pushChunk(part, engineUpdate()), this.engine.endSec - this.engine.lookAheadSec, false, due?.sec);
      merged = merged ? mergeUpdates(merged, u) : u;
      from = to;
    }
    return merged ?? this.finish(this.engine.pushChunk(c, engineUpdate()), this.engine.endSec - this.engine.lookAheadSec);
  }

  /**
   * Where to cut chunk `c` (from sample `from` on) for the next second's metrics: the sample after
   * which the analysed signal reaches that second (null: not within this chunk). Before the
   * detector exists its look-ahead is unknown: the chunk's first sample goes alone.
   */
  private cutForMetrics(c: TimedChunk, from: number): { to: number; sec: number | undefined } | null {
    const n = c.values.length;
    if (this.engine.lookAheadSec === 0) return from === 0 && n > 1 ? { to: 1, sec: undefined } : null;
    if (Number.isNaN(this.lastMetricsSec)) return null;
    const sec = this.lastMetricsSec + 1;
    const to = Math.ceil((sec + this.engine.lookAheadSec - c.t0Sec) * c.fsHz - 1e-9);
    return to > from && to < n ? { to, sec } : null;
  }

  /** Push intervals reported by the sensor itself (ms); the first starts at `startSec` (NaN: right after the last). */
  pushIntervals(ibiMs: readonly number[], startSec: number): LiveUpdate {
    if (Number.isNaN(this.firstSec)) this.firstSec = Number.isNaN(startSec) ? 0 : startSec;
    return this.finish(this.engine.pushIntervals(ibiMs, startSec, engineUpdate()), this.engine.endSec);
  }

  /** A sensor gap no interval may bridge (interval sources; PPG gaps come with the chunks). */
  markGap(startSec: number, endSec: number): LiveUpdate {
    return this.finish(this.engine.markGap(startSec, endSec, engineUpdate()), this.engine.endSec);
  }

  /** End of the stream: every pending beat becomes final. */
  flush(): LiveUpdate {
    return this.finish(this.engine.flush(engineUpdate()), this.engine.endSec, true);
  }

  reset(): void {
    this.engine = new BeatEngine({ fromSensor: this.fromSensor });
    this.nnT = [];
    this.nnV = [];
    this.provisionalTail = [];
    this.det = [];
    this.lastMetricsSec = Number.NaN;
    this.finT = [];
    this.finCorrected = [];
    this.finUntimed = [];
    this.unus = [];
    this.firstSec = Number.NaN;
  }

  /** `dueSec`: the chunk was cut where this second's metrics fall due (they are computed now). */
  private finish(u: EngineUpdate, nowSec: number, flushed = false, dueSec?: number): LiveUpdate {
    for (const b of u.final) {
      this.finT.push(b.tSec);
      this.finCorrected.push((b.flags & ~(BeatFlag.fromSensor | BeatFlag.untimed)) !== 0);
      this.finUntimed.push((b.flags & BeatFlag.untimed) !== 0);
      if (b.ibiMs !== null) {
        this.nnT.push(b.fidSec);
        this.nnV.push(b.ibiMs);
      }
    }
    this.det.push(...u.detections);
    this.unus.push(...u.unusable);
    const changed = u.final.length > 0 || u.detections.length > 0 || flushed;
    if (changed) this.provisionalTail = flushed ? [] : this.engine.provisional();
    this.trim(nowSec);
    const update: LiveUpdate = {
      final: u.final,
      provisional: changed ? this.provisionalTail : null,
      unusable: u.unusable,
      beatEvents: u.events ?? [],
      metrics: [],
      spectrum: null,
    };
    if (dueSec !== undefined) {
      this.lastMetricsSec = dueSec;
      this.tick(dueSec, update);
    } else if (Number.isFinite(nowSec) && (Number.isNaN(this.lastMetricsSec) || nowSec - this.lastMetricsSec >= 1)) {
      this.lastMetricsSec = Number.isNaN(this.lastMetricsSec) ? Math.floor(nowSec) : this.lastMetricsSec + Math.floor(nowSec - this.lastMetricsSec);
      this.tick(this.lastMetricsSec, update);
    }
    return update;
  }

  /** The corrected NN series known now: final + provisional, fiducial times ascending. */
  private series(): { t: Float64Array; v: Float64Array } {
    const tail = this.provisionalTail.filter((b) => b.ibiMs !== null);
    const n = this.nnT.length + tail.length;
    const t = new Float64Array(n);
    const v = new Float64Array(n);
    t.set(this.nnT);
    v.set(this.nnV);
    tail.forEach((b, i) => {
      t[this.nnT.length + i] = b.fidSec;
      v[this.nnT.length + i] = b.ibiMs!;
    });
    return { t, v };
  }

  private tick(nowSec: number, update: LiveUpdate): void {
    const { t, v } = this.series();
    let lo = 0;
    while (lo < t.length && t[lo]! < nowSec - METRICS_WINDOW_SEC) lo++;
    let hi = t.length;
    while (hi > lo && t[hi - 1]! > nowSec) hi--;
    const tw = t.subarray(lo, hi);
    const vw = v.subarray(lo, hi);
    const consecutive = new Array<boolean>(vw.length).fill(false);
    for (let i = 1; i < vw.length; i++) consecutive[i] = Math.abs(tw[i]! - vw[i]! / 1000 - tw[i - 1]!) < 1e-6;
    const time = vw.length >= 3 ? hrvTime(vw, consecutive) : null;
    const coh = vw.length >= 10 ? coherenceAt(t.subarray(0, hi), v.subarray(0, hi), nowSec) : null;
    // Breathing rate over the last 60 s: heart rate fused with the pulses' amplitude and level, as offline.
    const trusted = this.det.filter((d) => d.quality >= MIN_BEAT_QUALITY && d.tSec <= nowSec);
    const resp =
      vw.length >= 10
        ? respirationAt(t.subarray(0, hi), v.subarray(0, hi), nowSec, {
            amplitude: { tSec: trusted.map((d) => d.tSec), value: trusted.map((d) => d.amplitude) },
            baseline: { tSec: trusted.map((d) => d.tSec), value: trusted.map((d) => d.level) },
          })
        : null;
    const lastResp = resp?.rateBpm ?? null;
    const lastIbi = vw.length ? vw[vw.length - 1]! : Number.NaN;
    // What this window can carry (the same rules as the offline analysis, over the last 64 s).
    const noiseMs = this.fromSensor ? null : timingNoiseMs(this.det, nowSec - METRICS_WINDOW_SEC, nowSec);
    const withheld = this.withheldAt(nowSec, vw.length, time?.rmssdMs ?? Number.NaN, noiseMs);
    const shown = (key: 'rmssdMs' | 'sdnnMs', x: number | undefined): number | null => (withheld[key] || x === undefined || !Number.isFinite(x) ? null : x);
    update.metrics.push({
      tSec: nowSec,
      hrBpm: Number.isFinite(lastIbi) && tw[tw.length - 1]! > nowSec - 5 ? 60000 / lastIbi : null,
      rmssdMs: shown('rmssdMs', time?.rmssdMs),
      sdnnMs: shown('sdnnMs', time?.sdnnMs),
      coherenceRatio: coh?.ratio ?? null,
      coherenceLevel: coh?.level ?? null,
      respirationBpm: lastResp,
      qualityPct: this.quality(nowSec),
      timingNoiseMs: noiseMs,
      withheld,
    });
    update.spectrum = nnSpectrumAt(t.subarray(0, hi), v.subarray(0, hi), nowSec);
  }

  /** The live figures the last 64 s cannot carry (hrvWithhold; only the time-domain ones are live). */
  private withheldAt(nowSec: number, nnCount: number, rmssdMs: number, noiseMs: number | null): HrvWithheld {
    const from = Math.max(nowSec - METRICS_WINDOW_SEC, Number.isNaN(this.firstSec) ? nowSec : this.firstSec);
    const span = nowSec - from;
    let unusableSec = 0;
    for (const g of this.unus) unusableSec += Math.max(0, Math.min(g.endSec, nowSec) - Math.max(g.startSec, from));
    let beats = 0;
    let corrected = 0;
    for (let i = 0; i < this.finT.length; i++) {
      if (this.finT[i]! < from || this.finT[i]! > nowSec) continue;
      beats++;
      if (this.finCorrected[i]) corrected++;
    }
    const untimedSec = extraSecOutside(this.unus, untimedSpans(this.finT, this.finUntimed), from, nowSec);
    const all = hrvWithhold({
      durationSec: span,
      unusablePct: span > 0 ? (100 * unusableSec) / span : 0,
      correctedPct: beats > 0 ? (100 * corrected) / beats : 0,
      untimedPct: span > 0 ? (100 * untimedSec) / span : 0,
      nnCount,
      rmssdMs,
      timingNoiseMs: noiseMs,
    });
    const live: HrvWithheld = {};
    for (const k of ['meanHrBpm', 'sdnnMs', 'rmssdMs', 'pnn50Pct'] as const) if (all[k]) live[k] = all[k];
    return live;
  }

  /**
   * Share of the 10 s up to the last detection covered by intervals between trusted beats (< 2.5 s
   * apart), 0 when the last beat is older than 3 s (the pulse has been lost).
   */
  private quality(nowSec: number): number {
    const d = this.det;
    const lastBeat = d.length ? d[d.length - 1]!.tSec : Number.NEGATIVE_INFINITY;
    const qEnd = lastBeat > nowSec - 3 ? lastBeat : nowSec;
    let covered = 0;
    for (let i = 1; i < d.length; i++) {
      const a = Math.max(d[i - 1]!.tSec, qEnd - 10);
      const b = Math.min(d[i]!.tSec, qEnd);
      if (b > a && d[i]!.quality >= MIN_BEAT_QUALITY && d[i - 1]!.quality >= MIN_BEAT_QUALITY && d[i]!.tSec - d[i - 1]!.tSec < 2.5) covered += b - a;
    }
    return Math.round(Math.min(100, covered * 10));
  }

  private trim(nowSec: number): void {
    const cut = nowSec - KEEP_SEC;
    if (!Number.isFinite(cut)) return;
    let k = 0;
    while (k < this.nnT.length && this.nnT[k]! < cut) k++;
    if (k > 64) {
      this.nnT.splice(0, k);
      this.nnV.splice(0, k);
    }
    let j = 0;
    while (j < this.det.length && this.det[j]!.tSec < cut) j++;
    if (j > 64) this.det.splice(0, j);
    let f = 0;
    while (f < this.finT.length && this.finT[f]! < cut) f++;
    if (f > 64) {
      this.finT.splice(0, f);
      this.finCorrected.splice(0, f);
      this.finUntimed.splice(0, f);
    }
    if (this.unus.length > 64) this.unus = this.unus.filter((g) => g.endSec >= cut);
  }
}

/** Samples from … to − 1 of a chunk's values (a view for typed arrays). */
function sliceOf(values: ArrayLike<number>, from: number, to: number): ArrayLike<number> {
  if (ArrayBuffer.isView(values)) return (values as unknown as Float64Array).subarray(from, to);
  return Array.prototype.slice.call(values, from, to) as number[];
}

/** Two consecutive updates as one (the later provisional tail and spectrum win). */
function mergeUpdates(a: LiveUpdate, b: LiveUpdate): LiveUpdate {
  return {
    final: a.final.concat(b.final),
    provisional: b.provisional ?? a.provisional,
    unusable: a.unusable.concat(b.unusable),
    beatEvents: a.beatEvents.concat(b.beatEvents),
    metrics: a.metrics.concat(b.metrics),
    spectrum: b.spectrum ?? a.spectrum,
  };
}

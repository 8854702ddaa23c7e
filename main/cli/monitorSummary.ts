/**
 * MonitorCollector: gathers what `cadans monitor` reports at the end — the beats of the live
 * analysis, the gaps and the last metrics — and turns them into the summary:
 * `{ durationSec, beats, meanHrBpm, rmssdMs, gaps: [{ startSec, endSec }], qualityPct, sensor }`.
 * Mean HR and RMSSD come from `analyzeBeats` (the offline path: artifact correction, NN series,
 * consecutive intervals only) on the live beats with the gaps and low-quality beats as unusable
 * stretches, so they agree with a report of the same signal. `qualityPct` is the share of the
 * monitored time covered by intervals between trusted beats (quality ≥ 0.35, < 2.5 s apart) —
 * the worker's per-10-s quality measure taken over the whole run.
 */
import type { WorkerResult } from '../analysis/analysisProtocol.js';
import { analyzeBeats } from '../../shared/dsp/analyzeBeats.js';
import type { LiveMetrics } from '../../shared/dsp/LivePipeline.js';
import { MIN_BEAT_QUALITY, mergeIntervals, type Interval } from '../../shared/dsp/signalGaps.js';

export interface MonitorSensorInfo {
  spec: string;
  kind: string;
  label: string;
  protocol?: string;
  fsHz?: number;
  /** Connection state at the end. */
  state: string;
}

export interface MonitorSummary {
  durationSec: number;
  beats: number;
  meanHrBpm: number | null;
  rmssdMs: number | null;
  gaps: { startSec: number; endSec: number }[];
  qualityPct: number;
  sensor: MonitorSensorInfo;
}

const MAX_TRUSTED_GAP_SEC = 2.5;
const r2 = (x: number) => Math.round(x * 100) / 100;
const finiteOrNull = (x: number | null | undefined, round: (v: number) => number = r2): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : round(x);

export class MonitorCollector {
  private readonly beatT: number[] = [];
  private readonly beatQ: number[] = [];
  private readonly gapList: Interval[] = [];
  /** The newest once-per-second metrics. */
  lastMetrics: LiveMetrics | null = null;

  addResult(r: WorkerResult): void {
    for (let i = 0; i < r.beatTSec.length; i++) {
      this.beatT.push(r.beatTSec[i]!);
      this.beatQ.push(r.beatQuality[i]!);
    }
    const m = r.metrics[r.metrics.length - 1];
    if (m) this.lastMetrics = m;
  }

  addGap(g: { startSec: number; endSec: number }): void {
    this.gapList.push({ startSec: g.startSec, endSec: g.endSec });
  }

  /** Beats so far (for live display). */
  get beatCount(): number {
    return this.beatT.length;
  }

  summary(durationSec: number, sensor: MonitorSensorInfo): MonitorSummary {
    const order = this.beatT.map((_, i) => i).filter((i) => this.beatT[i]! <= durationSec);
    order.sort((a, b) => this.beatT[a]! - this.beatT[b]!);
    const t = order.map((i) => this.beatT[i]!);
    const q = order.map((i) => this.beatQ[i]!);
    const gaps = this.gapList
      .map((g) => ({ startSec: Math.max(0, g.startSec), endSec: Math.min(durationSec, g.endSec) }))
      .filter((g) => g.endSec > g.startSec);
    const unusable: Interval[] = [...gaps];
    for (let i = 0; i < t.length; i++) {
      if (q[i]! < MIN_BEAT_QUALITY) unusable.push({ startSec: t[i - 1] ?? t[i]! - 0.01, endSec: t[i + 1] ?? t[i]! + 0.01 });
    }
    let meanHrBpm: number | null = null;
    let rmssdMs: number | null = null;
    if (t.length >= 3) {
      const res = analyzeBeats({ beatsSec: t, quality: q, unusable: mergeIntervals(unusable), durationSec, fsHz: null });
      meanHrBpm = finiteOrNull(res.hrv.meanHrBpm);
      rmssdMs = finiteOrNull(res.hrv.rmssdMs);
    }
    let covered = 0;
    for (let i = 1; i < t.length; i++) {
      const d = t[i]! - t[i - 1]!;
      if (d < MAX_TRUSTED_GAP_SEC && q[i]! >= MIN_BEAT_QUALITY && q[i - 1]! >= MIN_BEAT_QUALITY && !gaps.some((g) => g.endSec > t[i - 1]! && g.startSec < t[i]!)) covered += d;
    }
    return {
      durationSec: Math.round(durationSec * 1000) / 1000,
      beats: t.length,
      meanHrBpm,
      rmssdMs,
      gaps: gaps.map((g) => ({ startSec: Math.round(g.startSec * 1000) / 1000, endSec: Math.round(g.endSec * 1000) / 1000 })),
      qualityPct: durationSec > 0 ? Math.round(Math.min(100, (100 * covered) / durationSec)) : 0,
      sensor,
    };
  }
}

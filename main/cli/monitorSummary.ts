/**
 * MonitorCollector: gathers what `cadans monitor` reports at the end from the live stream (the
 * same `LiveBatch`es a renderer gets): the final beats of the NN path, the gaps and the last
 * metrics, and turns them into the summary:
 * `{ durationSec, beats, meanHrBpm, rmssdMs, gaps: [{ startSec, endSec }], qualityPct, sensor }`.
 * Mean HR and RMSSD are computed on the worker's artifact-corrected NN intervals (consecutive
 * intervals only for RMSSD), the same intervals a recording stores. `qualityPct` is the share of
 * the monitored time covered by intervals between trusted beats (quality ≥ 0.35, < 2.5 s apart,
 * not across a gap).
 */
import { BeatFlag } from '../../shared/domain/beatFlags.js';
import { hrvTime } from '../../shared/dsp/hrvTime.js';
import type { LiveMetrics } from '../../shared/dsp/LivePipeline.js';
import { MIN_BEAT_QUALITY, type Interval } from '../../shared/dsp/signalGaps.js';
import type { BeatView, LiveBatch } from '../../shared/ipc/liveTypes.js';

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
const r2 = (x: number): number => Math.round(x * 100) / 100;
const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? r2(x) : null);

export class MonitorCollector {
  private readonly final: BeatView[] = [];
  private readonly gapList: Interval[] = [];
  /** The newest once-per-second metrics. */
  lastMetrics: LiveMetrics | null = null;
  /** Newest channel-clock time seen, s. */
  clockSec = 0;

  addBatch(b: LiveBatch): void {
    if (b.analysisRestarted) this.final.length = 0;
    this.final.push(...b.beats);
    for (const g of b.gaps) this.gapList.push({ startSec: g.startSec, endSec: g.endSec });
    const m = b.metrics[b.metrics.length - 1];
    if (m) this.lastMetrics = m;
    this.clockSec = Math.max(this.clockSec, b.clockSec);
  }

  /** Final beats so far (detections). */
  get beatCount(): number {
    return this.final.filter((b) => !(b.flags & BeatFlag.interpolated)).length;
  }

  summary(durationSec: number, sensor: MonitorSensorInfo): MonitorSummary {
    const beats = this.final.filter((b) => b.tSec <= durationSec + 1e-6); // sums of intervals differ in the last bits
    const gaps = this.gapList
      .map((g) => ({ startSec: Math.max(0, g.startSec), endSec: Math.min(durationSec, g.endSec) }))
      .filter((g) => g.endSec > g.startSec);
    // The NN intervals and which of them follow each other directly (an extra detection does not break the chain).
    const nn: number[] = [];
    const consecutive: boolean[] = [];
    let chain = false;
    for (const b of beats) {
      if (b.flags & BeatFlag.extra) continue;
      if (b.ibiMs === null) {
        chain = false;
        continue;
      }
      nn.push(b.ibiMs);
      consecutive.push(chain);
      chain = true;
    }
    const time = nn.length >= 3 ? hrvTime(nn, consecutive) : null;
    const raw = beats.filter((b) => !(b.flags & BeatFlag.interpolated));
    let covered = 0;
    for (let i = 1; i < raw.length; i++) {
      const a = raw[i - 1]!;
      const b = raw[i]!;
      const d = b.tSec - a.tSec;
      const trusted = a.quality >= MIN_BEAT_QUALITY && b.quality >= MIN_BEAT_QUALITY;
      if (d < MAX_TRUSTED_GAP_SEC && trusted && !gaps.some((g) => g.endSec > a.tSec && g.startSec < b.tSec)) covered += d;
    }
    return {
      durationSec: r3(durationSec),
      beats: raw.length,
      meanHrBpm: time ? finiteOrNull(time.meanHrBpm) : null,
      rmssdMs: time ? finiteOrNull(time.rmssdMs) : null,
      gaps: gaps.map((g) => ({ startSec: r3(g.startSec), endSec: r3(g.endSec) })),
      qualityPct: durationSec > 0 ? Math.round(Math.min(100, (100 * covered) / durationSec)) : 0,
      sensor,
    };
  }
}

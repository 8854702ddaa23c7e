/**
 * `ChannelLog` — a `ChannelSink` for tests: everything a live channel hands its view (timed
 * samples, the worker's results, gaps, quality seconds, states and notices), kept in arrays.
 * Attach with `channel.view = log` (or as a recorder with `channel.startRecording(log)`).
 */
import type { WorkerResult } from '../../main/analysis/analysisProtocol.js';
import type { ChannelSink, GapEvent } from '../../main/devices/LiveChannel.js';
import type { SignalQualitySecond } from '../../main/devices/signalQuality.js';
import type { NnBeat } from '../../shared/dsp/NnStream.js';
import type { LiveMetrics } from '../../shared/dsp/LivePipeline.js';
import type { ClockedChunk } from '../../shared/sensors/channelClock.js';
import type { SensorNotice } from '../../shared/sensors/frames.js';
import type { ConnectionState } from '../../shared/sensors/sensorSource.js';

export class ChannelLog implements ChannelSink {
  readonly chunks: ClockedChunk[] = [];
  readonly results: WorkerResult[] = [];
  readonly gaps: GapEvent[] = [];
  readonly quality: SignalQualitySecond[] = [];
  readonly states: ConnectionState[] = [];
  readonly notices: SensorNotice[] = [];

  /** Keeps every chunk (as a recorder: returns it whole, the part it "stores"). */
  addSamples(c: ClockedChunk): ClockedChunk {
    this.chunks.push({ ...c, values: c.values.slice() });
    return c;
  }
  addAnalysis(r: WorkerResult): void {
    this.results.push(r);
  }
  addGap(g: GapEvent): void {
    this.gaps.push(g);
  }
  addQuality(q: SignalQualitySecond): void {
    this.quality.push(q);
  }
  addStatus(_tSec: number, state: ConnectionState, notice: SensorNotice | null): void {
    if (this.states[this.states.length - 1] !== state) this.states.push(state);
    if (notice) this.notices.push(notice);
  }

  /** Final NN beats so far (detections and inserted beats), time order. */
  get final(): NnBeat[] {
    return this.results.flatMap((r) => r.final);
  }
  /** Final detections (not the beats the correction inserted). */
  get detections(): NnBeat[] {
    return this.final.filter((b) => !(b.flags & 16));
  }
  get metrics(): LiveMetrics[] {
    return this.results.flatMap((r) => r.metrics);
  }
  /** Every sample received, in order. */
  samples(): number[] {
    return this.chunks.flatMap((c) => Array.from(c.values));
  }
  /** End of the samples received, channel clock. */
  get endSec(): number {
    const c = this.chunks[this.chunks.length - 1];
    return c ? c.t0Sec + c.values.length / c.fsHz : 0;
  }
}

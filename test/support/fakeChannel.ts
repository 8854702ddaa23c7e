// A small stand-in for main/devices/LiveChannel in recorder tests: a recordable channel driven by
// the test. Its timed chunks go to the recorder and through the same LivePipeline the analysis
// worker runs (in-process; a new pipeline per recording, as the real channel does), whose results
// go to the recorder as the worker's would.
import type { WorkerResult } from '../../main/analysis/analysisProtocol.js';
import type { ChannelSink, GapEvent } from '../../main/devices/LiveChannel.js';
import type { RecordableChannel } from '../../main/sessions/recorderDevices.js';
import { LivePipeline, type LiveUpdate } from '../../shared/dsp/LivePipeline.js';
import type { SensorNotice } from '../../shared/sensors/frames.js';
import type { ConnectionState, SensorSourceInfo } from '../../shared/sensors/sensorSource.js';
import { PpgSimulator, type SimOptions } from '../../shared/sim/index.js';

export class FakeChannel implements RecordableChannel {
  recorder: ChannelSink | null = null;
  private pipeline: LivePipeline;
  private gen = 0;
  private seq = 0;
  private lastQualitySec = -1;
  private lastQualityPct = 0;

  constructor(
    readonly id = 'ch1',
    readonly spec = 'sim',
    readonly info: SensorSourceInfo = { kind: 'sim', label: 'Simulator', fsHz: 250 },
  ) {
    this.pipeline = new LivePipeline({ fromSensor: info.fsHz === undefined });
  }

  startRecording(recorder: ChannelSink): void {
    this.recorder = recorder;
    this.gen++;
    this.pipeline = new LivePipeline({ fromSensor: this.info.fsHz === undefined });
  }

  async stopRecording(): Promise<void> {
    this.deliver(this.pipeline.flush());
    this.recorder = null;
  }

  /** A timed chunk: to the recorder, then its analysis and the quality of every completed second. */
  emitChunk(t0Sec: number, fsHz: number, values: Float32Array, analyse = true): void {
    const c = { t0Sec, fsHz, values };
    // As LiveChannel: while recording, the analysis sees exactly what the recorder stores.
    const kept = this.recorder ? (this.recorder.addSamples(c) ?? null) : c;
    if (!analyse || !kept || kept.values.length === 0) return;
    const u = this.pipeline.pushChunk(kept);
    this.deliver(u);
    for (const m of u.metrics) this.lastQualityPct = m.qualityPct;
    const endSec = t0Sec + values.length / fsHz;
    while (this.lastQualitySec + 1 < Math.floor(endSec)) {
      this.lastQualitySec++;
      this.recorder?.addQuality({ tSec: this.lastQualitySec, qualityPct: this.lastQualityPct, contact: 'ok', flags: [] });
    }
  }

  /** Intervals reported by the sensor (BLE RR), the first starting at `startSec` (NaN: after the last). */
  emitIntervals(ibiMs: number[], startSec: number, endSec: number): void {
    this.deliver(this.pipeline.pushIntervals(ibiMs, startSec));
    while (this.lastQualitySec + 1 < Math.floor(endSec)) {
      this.lastQualitySec++;
      this.recorder?.addQuality({ tSec: this.lastQualitySec, qualityPct: 100, contact: 'ok', flags: [] });
    }
  }

  emitGap(startSec: number, endSec: number, reason: string): void {
    const g: GapEvent = { startSec, endSec, reason };
    this.recorder?.addGap(g);
  }

  emitStatus(tSec: number, s: ConnectionState, notice: SensorNotice | null = null): void {
    this.recorder?.addStatus(tSec, s, notice);
  }

  emitAnalysis(r: WorkerResult): void {
    this.recorder?.addAnalysis(r);
  }

  private deliver(u: LiveUpdate): void {
    if (u.final.length === 0 && u.metrics.length === 0 && !u.provisional) return;
    this.recorder?.addAnalysis({
      type: 'result',
      channel: this.id,
      seq: this.seq++,
      gen: this.gen,
      final: u.final,
      provisional: u.provisional,
      unusable: u.unusable,
      beatEvents: [],
      metrics: u.metrics,
      spectrum: u.spectrum,
      workMs: 0,
      lookAheadSec: this.pipeline.lookAheadSec,
    });
  }
}

/**
 * Stream `seconds` of simulated PPG into `ch` in chunks of `frameSec`, starting at channel time
 * `t0Sec`, at `speed` × real time (Infinity: as fast as possible, yielding to the event loop
 * between chunks). `onFrame` sees the signal time after each chunk. Returns all emitted samples.
 */
export async function streamSim(
  ch: FakeChannel,
  opts: {
    seconds: number;
    sim?: Partial<SimOptions>;
    frameSec?: number;
    speed?: number;
    t0Sec?: number;
    simulator?: PpgSimulator;
    onFrame?: (endSec: number) => void;
  },
): Promise<{ values: Float32Array; fsHz: number; simulator: PpgSimulator }> {
  const sim = opts.simulator ?? new PpgSimulator({ fsHz: 250, seed: 7, ...opts.sim });
  const fs = sim.fsHz;
  const frameN = Math.max(1, Math.round((opts.frameSec ?? 0.1) * fs));
  const total = Math.round(opts.seconds * fs);
  const speed = opts.speed ?? Infinity;
  const out = new Float32Array(total);
  const t0 = opts.t0Sec ?? sim.tSec;
  const wallStart = performance.now();
  for (let i = 0; i < total; i += frameN) {
    const n = Math.min(frameN, total - i);
    const values = sim.generate(n);
    out.set(values, i);
    ch.emitChunk(t0 + i / fs, fs, values);
    const endSec = (i + n) / fs;
    opts.onFrame?.(endSec);
    if (Number.isFinite(speed)) {
      const due = wallStart + (endSec * 1000) / speed;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    } else if ((i / frameN) % 20 === 0) {
      await new Promise((r) => setImmediate(r));
    }
  }
  return { values: out, fsHz: fs, simulator: sim };
}

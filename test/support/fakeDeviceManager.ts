// A small stand-in for main/devices/DeviceManager in recorder tests: the same events
// (frame, state, gap, analysis, quality) and channel list, driven by the test. PPG frames
// are analysed in-process with the same LivePipeline the analysis worker runs, and its
// results are emitted as `analysis` events (beat times on the sensor clock).
import type { WorkerResult } from '../../main/analysis/analysisProtocol.js';
import type { RecorderChannel, RecorderDeviceEvents, RecorderQualitySecond } from '../../main/sessions/recorderDevices.js';
import { LivePipeline, type LiveUpdate } from '../../shared/dsp/LivePipeline.js';
import type { SensorFrame } from '../../shared/sensors/frames.js';
import type { ConnectionState, SensorSourceInfo } from '../../shared/sensors/sensorSource.js';
import { TypedEmitter } from '../../shared/sensors/typedEmitter.js';
import { PpgSimulator, type SimOptions } from '../../shared/sim/index.js';

interface FakeChannel extends RecorderChannel {
  pipeline: LivePipeline;
  /** Sensor time of the first PPG sample given to the pipeline (its clock starts there). */
  pipelineT0: number | null;
  lastQualitySec: number;
  lastQualityPct: number;
}

export class FakeDeviceManager {
  private readonly emitter = new TypedEmitter<RecorderDeviceEvents>();
  private readonly chans = new Map<string, FakeChannel>();
  private seq = 0;

  on<E extends keyof RecorderDeviceEvents>(ev: E, fn: RecorderDeviceEvents[E]): () => void {
    return this.emitter.on(ev, fn);
  }

  listenerCount(ev: keyof RecorderDeviceEvents): number {
    return this.emitter.listenerCount(ev);
  }

  channels(): RecorderChannel[] {
    return [...this.chans.values()].map(({ channel, spec, state, info }) => ({ channel, spec, state, info }));
  }

  /** "Connect" a sensor: by default a 250 Hz simulator. */
  connect(spec = 'sim', channel = 'ch1', info: SensorSourceInfo = { kind: 'sim', label: 'Simulator', fsHz: 250 }): string {
    this.chans.set(channel, {
      channel,
      spec,
      state: 'connected',
      info,
      pipeline: new LivePipeline(),
      pipelineT0: null,
      lastQualitySec: -1,
      lastQualityPct: 0,
    });
    this.emitter.emit('state', channel, 'connected');
    return channel;
  }

  private chan(channel: string): FakeChannel {
    const c = this.chans.get(channel);
    if (!c) throw new Error(`fake: no channel ${channel}`);
    return c;
  }

  /** Emit a PPG frame, then its analysis result and the quality of every completed second. */
  emitPpg(channel: string, t0Sec: number, fsHz: number, values: Float32Array, analyse = true): void {
    const c = this.chan(channel);
    const frame: SensorFrame = { kind: 'ppg', fsHz, t0Sec, values };
    this.emitter.emit('frame', channel, frame);
    if (!analyse) return;
    c.pipelineT0 ??= t0Sec;
    const update = c.pipeline.pushPpg(values, fsHz);
    this.emitResult(channel, update, c.pipelineT0, c.pipeline.lookAheadSec);
    for (const m of update.metrics) c.lastQualityPct = m.qualityPct;
    const endSec = t0Sec + values.length / fsHz;
    while (c.lastQualitySec + 1 < Math.floor(endSec)) {
      c.lastQualitySec++;
      const q: RecorderQualitySecond = { tSec: c.lastQualitySec, qualityPct: c.lastQualityPct, contact: 'ok', flags: [] };
      this.emitter.emit('quality', channel, q);
    }
  }

  /** Emit a frame of intervals reported by the sensor (BLE RR), then its analysis. */
  emitBeats(channel: string, tSec: number, ibiMs: number[]): void {
    const c = this.chan(channel);
    this.emitter.emit('frame', channel, { kind: 'beats', tSec, ibiMs });
    this.emitResult(channel, c.pipeline.pushIntervals(ibiMs, tSec), 0, 0);
  }

  emitFrame(channel: string, frame: SensorFrame): void {
    this.emitter.emit('frame', channel, frame);
  }

  emitGap(channel: string, startSec: number, endSec: number, reason: string): void {
    this.emitter.emit('gap', channel, { startSec, endSec, reason });
  }

  emitState(channel: string, s: ConnectionState, message?: string): void {
    this.chan(channel).state = s;
    this.emitter.emit('state', channel, s, message);
  }

  emitAnalysis(channel: string, r: WorkerResult): void {
    this.emitter.emit('analysis', channel, r);
  }

  private emitResult(channel: string, u: LiveUpdate, clockT0: number, lookAheadSec: number): void {
    const n = u.beats.length;
    const r: WorkerResult = {
      type: 'result',
      channel,
      seq: this.seq++,
      beatTSec: Float64Array.from(u.beats, (b) => b.tSec + clockT0),
      beatQuality: Float32Array.from(u.beats, (b) => b.quality),
      beatIbiMs: Float64Array.from(u.beats, (b) => b.ibiMs ?? NaN),
      metrics: u.metrics.map((m) => ({ ...m, tSec: m.tSec + clockT0 })),
      workMs: 0,
      lookAheadSec,
    };
    if (n > 0 || r.metrics.length > 0) this.emitter.emit('analysis', channel, r);
  }
}

/**
 * Stream `seconds` of simulated PPG into `dm` in frames of `frameSec`, starting at sensor time
 * `t0Sec`, at `speed` × real time (Infinity: as fast as possible, yielding to the event loop
 * between frames). `onFrame` sees the signal time after each frame. Returns all emitted samples.
 */
export async function streamSim(
  dm: FakeDeviceManager,
  channel: string,
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
    dm.emitPpg(channel, t0 + i / fs, fs, values);
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

/**
 * SimSource: the simulator (`PpgSimulator`, shared/sim) as a live SensorSource — the demo
 * mode of the app and the workhorse of the tests. A timer (every `tickMs` of wall time,
 * default 25 ms) generates the samples that are due at `speed` × real time and emits them
 * as PpgFrames counted from the start, with signal time as their device clock, so
 * `sim:…,speed=10` delivers 10 s of signal per wall-clock second. Breathing follows the pacer
 * schedule handed in with `setPacer` or polled from the `pacer` getter (on the signal clock);
 * clip-off, motion, ectopic beats come from the options. Deterministic with the seed (the
 * only run-to-run difference is the tick at which a pacer change is seen).
 */
import type { PacerSchedule } from '../../shared/pacer/index.js';
import type { PpgFrame } from '../../shared/sensors/frames.js';
import type { ConnectionState, SensorSource, SensorSourceEvents, SensorSourceInfo } from '../../shared/sensors/sensorSource.js';
import { TypedEmitter } from '../../shared/sensors/typedEmitter.js';
import { PpgSimulator, type SimOptions, type SimTruth } from '../../shared/sim/index.js';

export interface SimSourceOptions {
  /** Simulator options (e.g. from `parseSimSpec`); `speed` is the playback speed. */
  sim: Partial<SimOptions>;
  /** The spec string to report (default: 'sim'). */
  spec?: string;
  /** The running pacer, polled on every tick (the device manager's shared pacer). */
  pacer?: () => PacerSchedule | null;
  /** Wall-clock interval of the generating timer, ms (default 25). */
  tickMs?: number;
  /** Most samples per emitted frame (default 512). */
  maxFrameSamples?: number;
  /** Most signal per tick, s (default 10): after a long event-loop stall the source falls behind instead of bursting. */
  maxCatchUpSec?: number;
  /** Monotonic clock, ms (default performance.now). */
  nowMs?: () => number;
  /** Simulated time of truth kept (`truth`: the newest part only), s; default `LIVE_TRUTH_KEEP_SEC`, Infinity = all. */
  truthKeepSec?: number;
}

/**
 * How much of its truth a live simulator keeps, s: ten minutes, enough for a test to compare the
 * recent signal with what was simulated, while a demo or group session of hours stays flat in
 * memory (issue 14).
 */
export const LIVE_TRUTH_KEEP_SEC = 600;

/** simLabel: the human-readable label, always marked as a simulator. */
export function simLabel(o: Pick<SimOptions, 'hrBpm' | 'fsHz' | 'speed'>): string {
  const speed = o.speed !== 1 ? `, ${o.speed}× speed` : '';
  return `Simulator (demo signal, not a real sensor): ear-clip PPG ${o.hrBpm} bpm at ${o.fsHz} Hz${speed}`;
}

export class SimSource implements SensorSource {
  readonly spec: string;
  readonly info: SensorSourceInfo;
  /** Playback speed (signal seconds per wall second). */
  readonly speed: number;
  private readonly o: SimSourceOptions;
  private readonly emitter = new TypedEmitter<SensorSourceEvents>();
  private readonly nowMs: () => number;
  private readonly sim: PpgSimulator;
  private timer: ReturnType<typeof setInterval> | undefined;
  private startMs = 0;
  private generated = 0;
  private stateValue: ConnectionState = 'disconnected';
  private explicitPacer: PacerSchedule | null | undefined = undefined;
  private appliedPacer: PacerSchedule | null = null;

  /** Throws a RangeError naming bad simulator options (use `parseSimSpec` first to get `{ error }`). */
  constructor(opts: SimSourceOptions) {
    this.o = opts;
    this.sim = new PpgSimulator(opts.sim, { truthKeepSec: opts.truthKeepSec ?? LIVE_TRUTH_KEEP_SEC });
    this.speed = this.sim.options.speed;
    this.nowMs = opts.nowMs ?? (() => performance.now());
    this.spec = opts.spec ?? 'sim';
    this.info = { kind: 'sim', label: simLabel(this.sim.options), protocol: 'sim', fsHz: this.sim.fsHz };
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** What the simulator knows about the signal it generated (beats, breaths, artifacts): the last `truthKeepSec` or more. */
  get truth(): SimTruth {
    return this.sim.truth;
  }

  /** The resolved simulator options. */
  get options(): Readonly<SimOptions> {
    return this.sim.options;
  }

  /** Signal time generated so far, s. */
  get signalSec(): number {
    return this.generated / this.sim.fsHz;
  }

  on<E extends keyof SensorSourceEvents>(ev: E, fn: SensorSourceEvents[E]): () => void {
    return this.emitter.on(ev, fn);
  }

  /**
   * setPacer: breathe with `p` (times on this source's signal clock) from the next tick on;
   * null = spontaneous breathing. Overrides the polled `pacer` getter until called with undefined.
   */
  setPacer(p: PacerSchedule | null | undefined): void {
    this.explicitPacer = p;
    this.applyPacer();
  }

  /** start: begins generating at t = 0 (a restart after stop continues the same signal). */
  async start(): Promise<void> {
    if (this.timer) return;
    this.setState('connecting');
    this.startMs = this.nowMs() - (this.generated / this.sim.fsHz / this.speed) * 1000;
    this.applyPacer();
    this.timer = setInterval(() => this.tick(), this.o.tickMs ?? 25);
    this.setState('connected', `simulator running${this.speed !== 1 ? ` at ${this.speed}× speed` : ''}`);
  }

  /** stop: stops the timer; never rejects. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.stateValue !== 'disconnected') this.setState('disconnected');
  }

  /** tick: generate and emit every sample due by now (called by the timer; public for tests). */
  tick(): void {
    const fs = this.sim.fsHz;
    const dueSec = ((this.nowMs() - this.startMs) / 1000) * this.speed;
    let n = Math.floor(dueSec * fs + 1e-9) - this.generated;
    if (n <= 0) return;
    const maxN = Math.round((this.o.maxCatchUpSec ?? 10) * fs);
    if (n > maxN) {
      // Fell far behind (stalled event loop): skip the clock ahead rather than burst minutes of signal.
      this.startMs += ((n - maxN) / fs / this.speed) * 1000;
      n = maxN;
    }
    this.applyPacer();
    const maxFrame = this.o.maxFrameSamples ?? 512;
    while (n > 0) {
      const k = Math.min(n, maxFrame);
      const frame: PpgFrame = {
        kind: 'ppg',
        fsHz: fs,
        index: this.generated,
        values: this.sim.generate(k),
        arrivalSec: this.nowMs() / 1000,
        // The simulator's own clock (signal time of the newest sample).
        deviceSec: (this.generated + k - 1) / fs,
        stream: 0,
      };
      this.generated += k;
      n -= k;
      try {
        this.emitter.emit('frame', frame);
      } catch {
        // A failing listener must not stop the signal (this runs in a timer callback).
      }
    }
  }

  private applyPacer(): void {
    const p = this.explicitPacer !== undefined ? this.explicitPacer : (this.o.pacer?.() ?? null);
    if (p === this.appliedPacer) return;
    this.appliedPacer = p;
    this.sim.setPacer(p);
  }

  private setState(s: ConnectionState, message?: string): void {
    this.stateValue = s;
    this.emitter.emit('state', s, message);
  }
}

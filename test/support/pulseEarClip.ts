// An emulated PulseSensor ear clip (visualizer output `S`/`B`/`Q` lines at 50 Hz) on a real PTY pair
// (socat) for tests of whole recordings: it streams in real time from `start()`, with known beat
// times (a cycle of intervals), can be unplugged (the PTY closes; the samples meanwhile are lost)
// and plugged back in (the PTY reappears at the same path and the stream goes on in time).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beatSampleIndices, pulseVisualizerLine, pulseWave } from '../integration/sensors/emulators.js';
import { DeviceEnd, Paced, PtyPair } from '../integration/sensors/ptyPair.js';

export const EAR_CLIP_HZ = 50;

export class PulseEarClip {
  readonly appPath: string;
  private readonly dir: string;
  private readonly devPath: string;
  private pair: PtyPair | null = null;
  private dev: DeviceEnd | null = null;
  private writer: Paced | null = null;
  private t0 = 0;
  private readonly beatT: number[] = [];
  private readonly beatIdx: Map<number, number>;

  /** `ibiMs`: the beat intervals, repeated; `maxSec`: how long it can stream. */
  constructor(
    readonly ibiMs: number[],
    maxSec = 300,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'cadans-earclip-'));
    this.appPath = join(this.dir, 'ttyAPP');
    this.devPath = join(this.dir, 'ttyDEV');
    for (let t = 0.3, k = 0; t < maxSec; k++) {
      this.beatT.push(t);
      t += ibiMs[k % ibiMs.length]! / 1000;
    }
    this.beatIdx = new Map(beatSampleIndices(this.beatT, EAR_CLIP_HZ).map((i, k) => [i, k]));
  }

  /** The true mean heart rate, bpm: the mean of 60000/interval over whole cycles of the intervals. */
  get meanHrBpm(): number {
    return this.ibiMs.reduce((a, b) => a + 60000 / b, 0) / this.ibiMs.length;
  }

  async start(): Promise<void> {
    this.t0 = performance.now();
    await this.plugIn(0);
  }

  /** Pull the cable: the PTY goes away. */
  async unplug(): Promise<void> {
    this.writer?.stop();
    this.writer = null;
    await this.pair?.kill();
    this.dev?.close();
    this.pair = null;
    this.dev = null;
  }

  /** Plug it back in: the PTY reappears and the stream goes on where real time is now. */
  async replug(): Promise<void> {
    await this.plugIn(Math.floor(((performance.now() - this.t0) / 1000) * EAR_CLIP_HZ));
  }

  async stop(): Promise<void> {
    await this.unplug();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async plugIn(fromIndex: number): Promise<void> {
    this.pair = await PtyPair.start(this.appPath, this.devPath);
    const dev = (this.dev = new DeviceEnd(this.devPath));
    this.writer = new Paced(EAR_CLIP_HZ, (i) => dev.write(this.line(i)), Infinity, fromIndex);
  }

  private line(i: number): Uint8Array {
    const k = this.beatIdx.get(i);
    const ibiMs = k !== undefined && k > 0 ? this.ibiMs[(k - 1) % this.ibiMs.length]! : 0;
    const t = i / EAR_CLIP_HZ;
    // pulseWave scans for the last beat: hand it only the beats around t.
    const near = this.beatT.filter((b) => b <= t && b > t - 3);
    return pulseVisualizerLine(Math.round(300 + 400 * pulseWave(t, near)), ibiMs > 0 ? { bpm: Math.round(60000 / ibiMs), ibiMs } : undefined);
  }
}

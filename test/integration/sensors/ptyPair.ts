/**
 * Test helpers for serial integration tests: a socat PTY pair (app end + device end,
 * sensor-protocols §7) and the device side of it (write bytes, record what the app wrote).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, writeSync } from 'node:fs';
import { ReadStream } from 'node:tty';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** True when `socat` is on the PATH. */
export function hasSocat(): boolean {
  return spawnSync('sh', ['-c', 'command -v socat'], { stdio: 'ignore' }).status === 0;
}

/** A running `socat -d -d pty,raw,echo=0,link=APP pty,raw,echo=0,link=DEV`. */
export class PtyPair {
  private constructor(
    readonly proc: ChildProcess,
    readonly appPath: string,
    readonly devPath: string,
  ) {}

  static async start(appPath: string, devPath: string, timeoutMs = 5000): Promise<PtyPair> {
    const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${appPath}`, `pty,raw,echo=0,link=${devPath}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    proc.stderr?.resume();
    const t0 = Date.now();
    while (!(existsSync(appPath) && existsSync(devPath))) {
      if (proc.exitCode !== null) throw new Error(`socat exited with code ${proc.exitCode}`);
      if (Date.now() - t0 > timeoutMs) {
        proc.kill('SIGKILL');
        throw new Error('socat did not create the PTY links in time');
      }
      await sleep(10);
    }
    return new PtyPair(proc, appPath, devPath);
  }

  /** Kill this socat (by its pid) and wait until it has exited. */
  async kill(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
    this.proc.kill('SIGTERM');
    await Promise.race([exited, sleep(2000)]);
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
  }
}

/** The device end of a PTY pair: writes device bytes, records what the app sent. */
export class DeviceEnd {
  private readonly writeFd: number;
  private readonly readFd: number;
  private readonly reader: ReadStream;
  private closed = false;
  /** Chunks the app wrote, with arrival time (Date.now ms). */
  readonly received: { atMs: number; bytes: Uint8Array }[] = [];
  writeErrors = 0;

  constructor(devPath: string) {
    const flags = constants.O_RDWR | constants.O_NOCTTY;
    this.writeFd = openSync(devPath, flags);
    this.readFd = openSync(devPath, flags);
    this.reader = new ReadStream(this.readFd);
    this.reader.on('data', (b: Buffer) => this.received.push({ atMs: Date.now(), bytes: new Uint8Array(b) }));
    this.reader.on('error', () => undefined);
  }

  write(bytes: Uint8Array): void {
    if (this.closed) return;
    try {
      writeSync(this.writeFd, bytes);
    } catch {
      this.writeErrors++;
    }
  }

  /** All bytes the app wrote, concatenated. */
  receivedBytes(): Uint8Array {
    return Uint8Array.from(this.received.flatMap((c) => Array.from(c.bytes)));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.reader.destroy();
    try {
      closeSync(this.writeFd);
    } catch {
      /* already gone */
    }
  }
}

/**
 * Paced: calls `emit(i)` for sample i = 0, 1, 2, … at `fsHz` in real time (catching up
 * in bursts like a USB-serial adapter would) until `stop()` or `count` samples.
 */
export class Paced {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly t0 = performance.now();
  sent = 0;

  constructor(
    private readonly fsHz: number,
    private readonly emit: (i: number) => void,
    private readonly count = Infinity,
    private readonly startIndex = 0,
  ) {
    this.timer = setInterval(() => this.tick(), 5);
    this.timer.unref();
  }

  private tick(): void {
    const due = Math.min(this.count, Math.floor(((performance.now() - this.t0) / 1000) * this.fsHz) + 1);
    while (this.sent < due) this.emit(this.startIndex + this.sent++);
    if (this.sent >= this.count) this.stop();
  }

  /** Resolves when `count` samples have been sent. */
  async done(): Promise<void> {
    while (this.timer) await sleep(10);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

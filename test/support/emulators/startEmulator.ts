/**
 * startEmulator: one call for tests — a socat PTY pair (test/integration/sensors/ptyPair.ts)
 * plus the emulateDevice CLI as a child process on its device end. The app (or the
 * probe) opens `appPath`. `stop()` ends the emulator (SIGTERM), then socat, and returns
 * the truth; `done()` waits for an emulator started with `durationSec` to finish.
 *
 *   const emu = await startEmulator({ device: 'pulsesensor-bpm', rateHz: 49.3 });
 *   … open emu.appPath …
 *   const truth = await emu.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PtyPair, hasSocat } from '../../integration/sensors/ptyPair.js';
import type { EmulatorTruth } from './deviceEmulator.js';
import type { DeviceProfileId } from './deviceProfiles.js';

export { hasSocat };

export interface StartEmulatorOptions {
  device: DeviceProfileId;
  rateHz?: number;
  driftPerMin?: number;
  durationSec?: number;
  seed?: number;
  lost?: number;
  garbled?: number;
  usbBatchMs?: number;
  burstAtSec?: number;
  burstSec?: number;
  pauseAtSec?: number;
  pauseSec?: number;
  /** Recording CSV (time + ppg columns) instead of the synthetic pulse. */
  ppgCsv?: string;
  ibiMs?: number[];
  liveTimeoutSec?: number;
  /** Emulate the baud rate (garble when the app end's speed differs from the device's). Default true. */
  baudCheck?: boolean;
  /** Called once the PTY pair exists, before the emulator starts (e.g. to open the app end first). */
  beforeStart?: (appPath: string) => void | Promise<void>;
}

export interface RunningEmulator {
  /** The app end of the PTY pair: open this. */
  readonly appPath: string;
  readonly devPath: string;
  /** Date.now() of emulator time 0. */
  readonly startedAtMs: number;
  /** Resolves when the child exits by itself (durationSec over); then returns the truth. */
  done(): Promise<EmulatorTruth>;
  /** Stop the emulator and socat; returns the truth. */
  stop(): Promise<EmulatorTruth>;
}

/** Path of the compiled CLI next to this module. */
export const EMULATE_DEVICE_JS = join(dirname(fileURLToPath(import.meta.url)), 'emulateDevice.js');

const FLAGS: [keyof StartEmulatorOptions, string][] = [
  ['rateHz', 'rate'],
  ['driftPerMin', 'drift'],
  ['durationSec', 'duration'],
  ['seed', 'seed'],
  ['lost', 'lost'],
  ['garbled', 'garbled'],
  ['usbBatchMs', 'usb-batch-ms'],
  ['burstAtSec', 'burst-at'],
  ['burstSec', 'burst-sec'],
  ['pauseAtSec', 'pause-at'],
  ['pauseSec', 'pause-sec'],
  ['ppgCsv', 'ppg'],
  ['liveTimeoutSec', 'live-timeout'],
];

export async function startEmulator(opts: StartEmulatorOptions): Promise<RunningEmulator> {
  const dir = mkdtempSync(join(tmpdir(), 'cadans-emu-'));
  const appPath = join(dir, 'ttyAPP');
  const devPath = join(dir, 'ttyDEV');
  const truthPath = join(dir, 'truth.json');
  const pair = await PtyPair.start(appPath, devPath);
  if (opts.beforeStart) {
    try {
      await opts.beforeStart(appPath);
    } catch (err) {
      await pair.kill();
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }
  const args = [EMULATE_DEVICE_JS, '--device', opts.device, '--out', devPath, '--truth', truthPath];
  for (const [k, flag] of FLAGS) if (opts[k] !== undefined) args.push(`--${flag}`, String(opts[k]));
  if (opts.ibiMs) args.push('--ibi', opts.ibiMs.join(','));
  if (opts.baudCheck ?? true) args.push('--app-end', appPath);
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const cleanup = async () => {
    await pair.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  let startedAtMs: number;
  try {
    startedAtMs = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const nl = out.indexOf('\n');
        if (nl >= 0) {
          try {
            resolve((JSON.parse(out.slice(0, nl)) as { startedAtMs: number }).startedAtMs);
          } catch {
            reject(new Error(`emulator: unexpected output ${out.slice(0, nl)}`));
          }
        }
      });
      void exited.then((code) => reject(new Error(`emulator exited (${code}) before it was ready: ${stderr.trim()}`)));
    });
  } catch (err) {
    await cleanup();
    throw err;
  }
  let truthP: Promise<EmulatorTruth> | undefined;
  const readTruth = (): Promise<EmulatorTruth> =>
    (truthP ??= (async () => {
      const code = await exited;
      try {
        return JSON.parse(readFileSync(truthPath, 'utf8')) as EmulatorTruth;
      } catch {
        throw new Error(`emulator exited (${code}) without a truth file: ${stderr.trim()}`);
      } finally {
        await cleanup();
      }
    })());
  return {
    appPath,
    devPath,
    startedAtMs,
    done: readTruth,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return readTruth();
    },
  };
}

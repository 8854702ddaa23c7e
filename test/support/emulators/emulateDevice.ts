/**
 * emulateDevice: CLI that plays a real serial pulse sensor on the device end of a PTY
 * pair, in real time, at the device's real and imperfect rate (DeviceEmulator).
 *
 *   node build/test/support/emulators/emulateDevice.js --device <profile> --out <pty path> [options]
 *
 *   --device <id>            pulsesensor-bpm | -processing | -getting-started | -signalcoach | -two |
 *                            -esp32 | -begin-failed | cms50-5 | cms50-5-4800 | cms50-9
 *   --rate <Hz>              true sample rate (default: the profile's typical rate)
 *   --drift <frac/min>       slow drift of the rate
 *   --duration <s>           stop after this long (default: run until SIGTERM)
 *   --seed <n>  --lost <f>  --garbled <f>
 *   --usb-batch-ms <n>       write in USB-like batches
 *   --burst-at <s> --burst-sec <s>   hold back, then replay at 10×
 *   --pause-at <s> --pause-sec <s>   stop sending (unplug-like)
 *   --ppg <csv>              waveform from a recording (time + ppg columns); default synthetic
 *   --ibi <ms[,ms…]>         synthetic pulse IBIs
 *   --live-timeout <s>       CMS50-9 stream length without keep-alive (default 30)
 *   --app-end <pty path>     emulate the baud rate: read the app end's speed with `stty` and,
 *                            when it differs from the device's, garble both directions as a UART would
 *   --truth <file.json>      write the truth (EmulatorTruth) on exit
 *
 * One timer, set to the next due write; units due by now are written in one write()
 * (late ones catch up in a burst). On start it prints one JSON line {"ready":true,…} on
 * stdout. It exits on SIGTERM/SIGINT or when --duration is over, writing the truth first.
 */
import { closeSync, constants, openSync, writeFileSync, writeSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { ReadStream } from 'node:tty';
import { DeviceEmulator, type EmulatorOptions } from './deviceEmulator.js';
import { DEVICE_PROFILES, type DeviceProfileId } from './deviceProfiles.js';
import { effectiveHostBaud, uartResample } from './uartMismatch.js';
import { RecordingWaveform } from './waveform.js';

function parseArgs(argv: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
    m.set(a.slice(2), v);
    i++;
  }
  return m;
}

function num(args: Map<string, string>, k: string): number | undefined {
  if (!args.has(k)) return undefined;
  const v = Number(args.get(k));
  if (!Number.isFinite(v)) throw new Error(`--${k} must be a number`);
  return v;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const device = args.get('device') as DeviceProfileId;
  const out = args.get('out');
  if (!device || !DEVICE_PROFILES[device]) throw new Error(`--device must be one of ${Object.keys(DEVICE_PROFILES).join(', ')}`);
  if (!out) throw new Error('--out <pty path> is required');
  const opts: EmulatorOptions = {
    device,
    rateHz: num(args, 'rate'),
    driftPerMin: num(args, 'drift'),
    durationSec: num(args, 'duration'),
    seed: num(args, 'seed'),
    lost: num(args, 'lost'),
    garbled: num(args, 'garbled'),
    usbBatchMs: num(args, 'usb-batch-ms'),
    burstAtSec: num(args, 'burst-at'),
    burstSec: num(args, 'burst-sec'),
    pauseAtSec: num(args, 'pause-at'),
    pauseSec: num(args, 'pause-sec'),
    liveTimeoutSec: num(args, 'live-timeout'),
    ibiMs: args.has('ibi') ? args.get('ibi')!.split(',').map(Number) : undefined,
    waveform: args.has('ppg') ? RecordingWaveform.load(args.get('ppg')!) : undefined,
  };
  const emu = new DeviceEmulator(opts);
  const profile = emu.profile;
  const truthPath = args.get('truth');
  const appEnd = args.get('app-end');

  const wfd = openSync(out, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
  const rfd = openSync(out, constants.O_RDWR | constants.O_NOCTTY);
  const reader = new ReadStream(rfd);
  const t0 = performance.now();
  const startedAtMs = Date.now();
  const now = () => (performance.now() - t0) / 1000;
  let backlog: Uint8Array = new Uint8Array(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let done = false;
  let hostBaud: number | undefined; // undefined = unknown: no baud emulation
  const baudSeen = new Set<number>();
  let baudErrors = 0;

  const mismatch = () => hostBaud !== undefined && hostBaud !== profile.baudRate;
  const devFrame = { baudRate: profile.baudRate, parity: profile.parity };
  const toHost = (b: Uint8Array) => (mismatch() ? uartResample(b, devFrame, { baudRate: hostBaud!, parity: 'none' }) : b);
  const toDevice = (b: Uint8Array) => (mismatch() ? uartResample(b, { baudRate: hostBaud!, parity: 'none' }, devFrame) : b);

  const flush = () => {
    while (backlog.length > 0) {
      try {
        const n = writeSync(wfd, backlog);
        backlog = backlog.subarray(n);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') return;
        if (code === 'EIO') {
          backlog = new Uint8Array(0); // the other side of the PTY is gone; the bytes are lost
          return;
        }
        throw err;
      }
    }
  };
  const finish = () => {
    if (done) return;
    done = true;
    if (timer) clearTimeout(timer);
    if (truthPath) {
      const truth = { ...emu.truth(), startedAtMs, baudEmulation: appEnd ? { speedsSeen: [...baudSeen], errors: baudErrors } : null };
      writeFileSync(truthPath, JSON.stringify(truth));
    }
    reader.destroy();
    try {
      closeSync(wfd);
    } catch {
      /* already closed */
    }
    process.exit(0);
  };
  const tick = () => {
    timer = undefined;
    if (done) return;
    const t = now();
    emu.advance(t);
    const bytes = emu.takeDue(t);
    if (bytes) {
      const b = toHost(bytes);
      const merged = new Uint8Array(backlog.length + b.length);
      merged.set(backlog);
      merged.set(b, backlog.length);
      backlog = merged;
    }
    flush();
    if (emu.finished && backlog.length === 0) {
      finish();
      return;
    }
    const waitMs = backlog.length > 0 ? 5 : Math.min(1000, (emu.nextDueSec() - now()) * 1000);
    timer = setTimeout(tick, Math.max(1, waitMs));
  };
  reader.on('data', (chunk: Buffer) => {
    const t = now();
    emu.advance(t);
    emu.hostInput(toDevice(new Uint8Array(chunk)), t);
    if (timer) clearTimeout(timer);
    tick();
  });
  reader.on('error', () => undefined);
  if (appEnd) {
    const poll = () => {
      if (done) return;
      execFile('stty', ['-F', appEnd, 'speed'], (err, stdout) => {
        if (err) {
          // Cannot read the app end's speed (e.g. not root while the port is held with TIOCEXCL):
          // emulate no mismatch rather than a stale one.
          baudErrors++;
          hostBaud = undefined;
        } else {
          const s = Number(String(stdout).trim());
          if (Number.isFinite(s)) {
            hostBaud = effectiveHostBaud(s, profile.baudRate);
            baudSeen.add(s);
          }
        }
        if (!done) setTimeout(poll, 150).unref();
      });
    };
    poll();
  }
  process.on('SIGTERM', finish);
  process.on('SIGINT', finish);
  process.stdout.write(JSON.stringify({ ready: true, device, baudRate: profile.baudRate, startedAtMs }) + '\n');
  tick();
}

try {
  main();
} catch (err) {
  process.stderr.write(`emulateDevice: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}

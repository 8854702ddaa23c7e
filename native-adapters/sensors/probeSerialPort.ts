/**
 * probeSerialPort: find which serial pulse sensor is on a port, and at which baud rate,
 * by listening. For each candidate setting (115200 8N1, 250000, 19200 8O1, 9600, 4800 …,
 * ordered by the USB id hint — shared/sensors/serialProbe.ts) it opens the port, ignores
 * the first `settleMs` (bytes left from before, half-received frames), listens
 * `listenMs`, and scores the bytes for each protocol of that setting. When nothing parses
 * cleanly and the setting has wake-ups (115200: the CMS50 start command
 * `7D 81 A1 80 80 80 80 80 80` and the ESP32 example's `b`), it sends them — `b` again
 * every 500 ms, as the ESP32 example reads it only once its set-up is done — and listens
 * once more. It closes the port after each setting and returns the first clean match (or
 * the best one when `stopEarly` is false), leaving the device as it found it (CMS50 stop
 * `A2`, ESP32 `x`). The result's `wakeUp` says what the source must send on open.
 *
 * Port access goes through the same `SerialPortLike` / `createPort` injection as
 * serialSource.ts (default: `new SerialPort(opts)`), so tests can inject a mock port.
 */
import { SerialPort } from 'serialport';
import type { SerialPortLike, SerialPortOpenOptions } from './serialSource.js';
import { cms50Command, CMS50_CMD } from '../../shared/sensors/cms50.js';
import { CadansError } from '../../shared/i18n/CadansError.js';
import { serialOpenError } from './serialOpenError.js';
import {
  bestScore,
  orderCandidates,
  scoreProbe,
  type ProbeCandidate,
  type ProbeProtocol,
  type ProbeScore,
  type ProbeWakeUp,
  type UsbHint,
} from '../../shared/sensors/serialProbe.js';

export interface ProbeSerialPortOptions {
  /** Settings to try (default DEFAULT_PROBE_CANDIDATES, ordered by `usbHint`). */
  candidates?: readonly ProbeCandidate[];
  /** USB vendor/product id of the port (from listSerialPorts): orders the candidates. */
  usbHint?: UsbHint;
  /** Port factory (default: `new SerialPort(opts)`). */
  createPort?: (opts: SerialPortOpenOptions) => SerialPortLike;
  /** Listening window per setting (and again after a wake-up), ms (default 1200). */
  listenMs?: number;
  /** Bytes arriving this soon after opening or after a wake-up are ignored, ms (default 150). */
  settleMs?: number;
  /** Return the first clean match (default true); false tries every setting and returns the best. */
  stopEarly?: boolean;
}

export interface ProbeMatch {
  protocol: ProbeProtocol;
  baudRate: number;
  parity: 'none' | 'odd';
  /** PulseSensor: sensors in the sketch's lines (2 for TwoPulseSensors). */
  sensorCount?: number;
  /** What the source must send after opening before samples flow. */
  wakeUp?: ProbeWakeUp;
  /** PulseSensor line format (plotter, visualizer, multi-plotter, signal-text, bare) or the CMS50 protocol. */
  format?: string;
  /** Sample rate measured during the probe, Hz (a rough figure: ~1 s of data). */
  measuredHz: number;
  score: number;
}

export interface ProbeAttempt {
  baudRate: number;
  parity: 'none' | 'odd';
  wakeUp?: ProbeWakeUp;
  bytes: number;
  best?: ProbeScore;
  error?: string;
}

/** Nothing understood: the English line, the same as a coded error (`problem`, for the user's language), and what was tried. */
export type ProbeSerialPortResult = ProbeMatch | { error: string; problem: CadansError; tried: ProbeAttempt[] };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Heard {
  atMs: number;
  bytes: Uint8Array;
}

function concatAfter(heard: Heard[], fromMs: number): Uint8Array {
  const parts = heard.filter((h) => h.atMs >= fromMs).map((h) => h.bytes);
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function openPort(create: (o: SerialPortOpenOptions) => SerialPortLike, o: SerialPortOpenOptions): Promise<SerialPortLike> {
  return new Promise((resolve, reject) => {
    let port: SerialPortLike;
    try {
      port = create(o);
    } catch (err) {
      reject(err);
      return;
    }
    port.on('error', () => undefined);
    port.open((err) => (err ? reject(err) : resolve(port)));
  });
}

/**
 * Open, retrying a few times when the port is locked: right after our own close at the
 * previous setting the lock can take a moment to go.
 */
async function openWithRetry(create: (o: SerialPortOpenOptions) => SerialPortLike, o: SerialPortOpenOptions): Promise<SerialPortLike> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await openPort(create, o);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (attempt >= 4 || !/lock|busy/i.test(msg)) throw err;
      await sleep(100);
    }
  }
}

const write = (port: SerialPortLike, data: Uint8Array) => new Promise<void>((r) => port.write(data, () => r()));
const close = (port: SerialPortLike) =>
  new Promise<void>((r) => {
    if (!port.isOpen) r();
    else port.close(() => r());
  }).then(() => {
    port.removeAllListeners();
  });


function toMatch(s: ProbeScore, wakeUp?: ProbeWakeUp): ProbeMatch {
  return {
    protocol: s.protocol,
    baudRate: s.baudRate,
    parity: s.parity,
    ...(s.protocol === 'pulsesensor' && s.sensorCount !== undefined ? { sensorCount: s.sensorCount } : {}),
    ...(wakeUp ? { wakeUp } : {}),
    ...(s.format ? { format: s.format } : {}),
    measuredHz: Math.round(s.recordsPerSec * 10) / 10,
    score: Math.round(s.score * 1000) / 1000,
  };
}

/** probeSerialPort: see the module comment. Never rejects; a port that cannot be opened gives `{ error }`. */
/** Sample lines after the `x` that stops the ESP32 example which say the sketch did not stop (it was not woken by `b`). */
const STILL_STREAMING_RECORDS = 10;

export async function probeSerialPort(path: string, opts: ProbeSerialPortOptions = {}): Promise<ProbeSerialPortResult> {
  const create = opts.createPort ?? ((o: SerialPortOpenOptions) => new SerialPort(o) as unknown as SerialPortLike);
  const listenMs = opts.listenMs ?? 1200;
  const settleMs = opts.settleMs ?? 150;
  const stopEarly = opts.stopEarly ?? true;
  const candidates = opts.candidates ? orderCandidates(opts.usbHint, opts.candidates) : orderCandidates(opts.usbHint);
  const tried: ProbeAttempt[] = [];
  let best: { score: ProbeScore; wakeUp?: ProbeWakeUp } | undefined;
  const consider = (s: ProbeScore | undefined, wakeUp?: ProbeWakeUp) => {
    if (s && (!best || bestScore([best.score, s]) === s)) best = { score: s, wakeUp };
  };

  for (const c of candidates) {
    let port: SerialPortLike;
    try {
      port = await openWithRetry(create, { path, baudRate: c.baudRate, dataBits: 8, parity: c.parity, stopBits: 1, autoOpen: false });
    } catch (err) {
      const problem = serialOpenError(path, err);
      const error = problem.message;
      tried.push({ baudRate: c.baudRate, parity: c.parity, bytes: 0, error });
      if (['serial.notFound', 'serial.permission', 'serial.busy'].includes(problem.code)) return { error, problem, tried };
      continue;
    }
    const heard: Heard[] = [];
    port.on('data', (chunk) => heard.push({ atMs: performance.now(), bytes: new Uint8Array(chunk) }));
    try {
      const openedMs = performance.now();
      await sleep(settleMs + listenMs);
      const passive = concatAfter(heard, openedMs + settleMs);
      const sec = (performance.now() - openedMs - settleMs) / 1000;
      const scores = c.protocols.map((p) => scoreProbe(passive, p, sec, c.baudRate, c.parity));
      let s = bestScore(scores);
      tried.push({ baudRate: c.baudRate, parity: c.parity, bytes: passive.length, ...(s ? { best: s } : {}) });
      consider(s);
      if (s?.clean && (s.errorLines ?? 0) === 0) {
        if (stopEarly) return toMatch(s);
        continue;
      }
      if (s && (s.errorLines ?? 0) > 0 && s.records === 0 && s.badFraction < 0.2) {
        const problem = new CadansError('serial.sketchFailed', { port: path, baud: String(c.baudRate) });
        return { error: problem.message, problem, tried };
      }
      if (c.wakeUps.length === 0) continue;
      // Wake-ups: the CMS50 start command, then the ESP32 example's `b` (repeated).
      const wokeMs = performance.now();
      if (c.wakeUps.includes('cms50-start')) await write(port, cms50Command(CMS50_CMD.START_LIVE));
      const sendB = c.wakeUps.includes('esp32-b');
      for (let t = 0; t < settleMs + listenMs; t += 500) {
        if (sendB) await write(port, Uint8Array.of(0x62));
        await sleep(Math.min(500, settleMs + listenMs - t));
      }
      const woken = concatAfter(heard, wokeMs + settleMs);
      const wsec = (performance.now() - wokeMs - settleMs) / 1000;
      s = bestScore(c.protocols.map((p) => scoreProbe(woken, p, wsec, c.baudRate, c.parity)));
      let wakeUp: ProbeWakeUp | undefined = s?.protocol === 'cms50-9' ? 'cms50-start' : s?.protocol === 'pulsesensor' ? 'esp32-b' : undefined;
      // Leave the device as found.
      if (c.wakeUps.includes('cms50-start')) await write(port, cms50Command(CMS50_CMD.STOP_LIVE));
      if (sendB) {
        const stopMs = performance.now();
        await write(port, Uint8Array.of(0x78));
        if (wakeUp === 'esp32-b' && s && s.records > 0) {
          // The ESP32 example stops at `x`. A sketch that merely started late (SignalCoach's 1 s
          // setup delay after the board resets on opening the port, a slow boot loader) streams on:
          // the `b` did not wake it, nothing needs to be sent to start it, and what it sends after
          // the `x` is a clean window of its own (the wake-up window caught only its start).
          await sleep(settleMs + listenMs);
          const after = concatAfter(heard, stopMs + settleMs);
          const asec = (performance.now() - stopMs - settleMs) / 1000;
          const still = bestScore(c.protocols.map((p) => scoreProbe(after, p, asec, c.baudRate, c.parity)));
          if (still && still.records >= STILL_STREAMING_RECORDS) {
            s = still;
            wakeUp = undefined;
          }
        }
      }
      tried.push({ baudRate: c.baudRate, parity: c.parity, bytes: woken.length, ...(wakeUp ? { wakeUp } : {}), ...(s ? { best: s } : {}) });
      consider(s, wakeUp);
      if (s?.clean && stopEarly) return toMatch(s, wakeUp);
    } finally {
      await close(port);
    }
  }
  if (best?.score.clean) return toMatch(best.score, best.wakeUp);
  const b = best?.score;
  const bytes = tried.reduce((n, t) => n + t.bytes, 0);
  const problem =
    bytes === 0
      ? new CadansError('serial.noData', { port: path })
      : b
        ? new CadansError('serial.noProtocolBest', { port: path, protocol: b.protocol, baud: String(b.baudRate), readings: String(b.records), pct: String(Math.round(b.badFraction * 100)) })
        : new CadansError('serial.noProtocol', { port: path });
  return { error: problem.message, problem, tried };
}

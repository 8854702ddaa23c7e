/**
 * serialProbe: pure scoring for finding a serial sensor's protocol and baud rate by
 * listening (the I/O is native-adapters/sensors/probeSerialPort.ts).
 *
 * `scoreProbe` decodes the bytes heard during one listening window at one baud rate with
 * one candidate protocol and says how cleanly they parse: sample records per second
 * against the protocol's expected rate (PulseSensor sketches ≈ 49–50 lines/s, CMS50
 * ≈ 60 packets/s), the rejected fraction (bad lines / lines, bad bytes / bytes), and for
 * PulseSensor lines the sketch's format and sensor count (TwoPulseSensors prints `s0,s1`).
 * At the wrong baud rate a UART delivers garbage, so a clean parse at the right rate
 * identifies both.
 *
 * `orderCandidates` orders the (baud, protocols) candidates from a USB vendor/product id
 * hint. Ids only order the candidates; the bytes decide: a CP210x (10c4:ea60) sits in
 * CMS50 cables and on ESP32 boards alike, CH340/CH9102 (1a86) and FTDI (0403) on Arduino
 * clones and ESP32 boards, Arduino (2341, 2a03) and SparkFun/Adafruit boards run
 * PulseSensor sketches, native-USB ESP32-S3/C3 (303a) ignore the baud rate altogether.
 */
import { PulseSensorDecoder } from './pulseSensorLines.js';
import { Cms50Decoder5, Cms50Decoder9 } from './cms50.js';

export type ProbeProtocol = 'pulsesensor' | 'cms50-5' | 'cms50-9';
/** What the host must send before the device streams: the CMS50 start command, or `b` (ESP32 example). */
export type ProbeWakeUp = 'cms50-start' | 'esp32-b';

export interface ProbeCandidate {
  baudRate: number;
  parity: 'none' | 'odd';
  /** Protocols to score the bytes heard at this setting with. */
  protocols: readonly ProbeProtocol[];
  /** Wake-ups to send at this setting when listening alone finds nothing clean. */
  wakeUps: readonly ProbeWakeUp[];
}

export interface ProbeScore {
  protocol: ProbeProtocol;
  baudRate: number;
  parity: 'none' | 'odd';
  /** Sample records decoded (one per sample line / live packet). */
  records: number;
  recordsPerSec: number;
  expectedHz: number;
  /** Rejected fraction: bad lines / lines, or bad bytes / bytes. */
  badFraction: number;
  /** 0–1: rate match × (1 − badFraction) × enough records. */
  score: number;
  /** A clean match: enough records at about the expected rate, few rejects. */
  clean: boolean;
  /** PulseSensor: sample-line format and sensor count. */
  format?: string;
  sensorCount?: number;
  /** PulseSensor: `!` lines (the library's begin() failed). */
  errorLines?: number;
  /** PulseSensor: per-beat lines (`72 bpm`, `B…`) and recognised banner lines. */
  beatLines?: number;
  infoLines?: number;
}

/** Expected sample rate per protocol, Hz. */
export const PROBE_EXPECTED_HZ: Readonly<Record<ProbeProtocol, number>> = { pulsesensor: 50, 'cms50-5': 60, 'cms50-9': 60 };

/** The rate may be off by this fraction and still score fully (devices run a few % off; windows are short). */
const RATE_TOLERANCE = 0.25;
const MAX_BAD_FRACTION = 0.2;

/** scoreProbe: how cleanly `bytes`, heard for `listenSec`, parse as `protocol`. */
export function scoreProbe(bytes: Uint8Array, protocol: ProbeProtocol, listenSec: number, baudRate: number, parity: 'none' | 'odd' = 'none'): ProbeScore {
  const expectedHz = PROBE_EXPECTED_HZ[protocol];
  let records = 0;
  let badFraction = 0;
  const extra: Partial<ProbeScore> = {};
  if (protocol === 'pulsesensor') {
    const d = new PulseSensorDecoder({ sensorCount: 'auto' });
    let errorLines = 0;
    let beatLines = 0;
    let infoLines = 0;
    for (const r of d.push(bytes)) {
      if (r.kind === 'plotter' || r.kind === 'signals' || (r.kind === 'signal' && r.sensor === 0)) records++;
      else if (r.kind === 'error') errorLines++;
      else if (r.kind === 'bpm' || r.kind === 'ibi') beatLines++;
      else if (r.kind === 'info') infoLines++;
    }
    const s = d.stats;
    badFraction = s.lines > 0 ? s.badLines / s.lines : bytes.length > 0 ? 1 : 0;
    Object.assign(extra, { errorLines, beatLines, infoLines });
    if (d.format) extra.format = d.format;
    if (records > 0 && d.sensorCount !== undefined) extra.sensorCount = d.sensorCount;
  } else {
    const d = protocol === 'cms50-5' ? new Cms50Decoder5() : new Cms50Decoder9();
    for (const r of d.push(bytes)) if (r.kind === 'live') records++;
    badFraction = bytes.length > 0 ? d.stats.badBytes / bytes.length : 0;
    extra.format = protocol;
  }
  const recordsPerSec = listenSec > 0 ? records / listenSec : 0;
  const rateError = Math.abs(recordsPerSec / expectedHz - 1);
  const rateScore = rateError <= RATE_TOLERANCE ? 1 : Math.max(0, 1 - (rateError - RATE_TOLERANCE) / 0.35);
  const enough = Math.min(1, records / (0.6 * expectedHz * listenSec));
  const score = rateScore * (1 - badFraction) * enough;
  const clean = records >= Math.max(8, 0.5 * expectedHz * listenSec) && rateError <= RATE_TOLERANCE && badFraction <= MAX_BAD_FRACTION;
  return { protocol, baudRate, parity, records, recordsPerSec, expectedHz, badFraction, score, clean, ...extra };
}

/** bestScore: the clean score with the highest score, else the highest score (undefined for none). */
export function bestScore(scores: readonly ProbeScore[]): ProbeScore | undefined {
  let best: ProbeScore | undefined;
  for (const s of scores) {
    if (!best || Number(s.clean) > Number(best.clean) || (s.clean === best.clean && s.score > best.score)) best = s;
  }
  return best;
}

const AT_115200: ProbeCandidate = { baudRate: 115200, parity: 'none', protocols: ['pulsesensor', 'cms50-9'], wakeUps: ['cms50-start', 'esp32-b'] };
const AT_250000: ProbeCandidate = { baudRate: 250000, parity: 'none', protocols: ['pulsesensor'], wakeUps: [] };
const AT_19200_8O1: ProbeCandidate = { baudRate: 19200, parity: 'odd', protocols: ['cms50-5'], wakeUps: [] };
const AT_9600: ProbeCandidate = { baudRate: 9600, parity: 'none', protocols: ['pulsesensor'], wakeUps: [] };
const AT_4800: ProbeCandidate = { baudRate: 4800, parity: 'none', protocols: ['cms50-5'], wakeUps: [] };

/** Default order without a hint: the most common first (PulseSensor sketches, CMS50-9 at 115200). */
export const DEFAULT_PROBE_CANDIDATES: readonly ProbeCandidate[] = [AT_115200, AT_250000, AT_19200_8O1, AT_9600, AT_4800];

export interface UsbHint {
  vendorId?: string;
  productId?: string;
}

export type UsbHintKind = 'cp210x' | 'arduino-like' | 'esp32-native' | 'unknown';

/** classifyUsbHint: what a vendor/product id suggests (hex, any case, optional 0x). */
export function classifyUsbHint(hint?: UsbHint): UsbHintKind {
  const vid = hint?.vendorId?.toLowerCase().replace(/^0x/, '');
  const pid = hint?.productId?.toLowerCase().replace(/^0x/, '');
  if (!vid) return 'unknown';
  if (vid === '10c4' && (pid === undefined || pid === 'ea60')) return 'cp210x';
  if (vid === '303a') return 'esp32-native';
  if (['2341', '2a03', '1b4f', '239a', '1a86', '0403'].includes(vid)) return 'arduino-like';
  return 'unknown';
}

/**
 * orderCandidates: the candidates in the order to try for a USB hint (ids only order them):
 * CP210x → 115200 (CMS50-9 and ESP32 wake-ups), then the CMS50-5 settings 19200 8O1 and
 * 4800, then 250000 and 9600; Arduino-like bridges → 115200, 250000, 9600, then the CMS50
 * settings; native-USB ESP32 → 115200 first (CDC ignores the rate); unknown → default order.
 */
export function orderCandidates(hint?: UsbHint, candidates: readonly ProbeCandidate[] = DEFAULT_PROBE_CANDIDATES): ProbeCandidate[] {
  const kind = classifyUsbHint(hint);
  const rank = (c: ProbeCandidate): number => {
    const key = `${c.baudRate}/${c.parity}`;
    const orders: Record<UsbHintKind, string[]> = {
      cp210x: ['115200/none', '19200/odd', '4800/none', '250000/none', '9600/none'],
      'arduino-like': ['115200/none', '250000/none', '9600/none', '19200/odd', '4800/none'],
      'esp32-native': ['115200/none'],
      unknown: [],
    };
    const i = orders[kind].indexOf(key);
    return i < 0 ? 100 : i;
  };
  return candidates.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map((x) => x.c);
}

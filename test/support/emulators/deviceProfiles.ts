/**
 * Device profiles for the serial emulators: what each real sketch / oximeter sends,
 * checked against the official sources (facts only, no code copied):
 *
 * WorldFamousElectronics/PulseSensorPlayground (src/utility/PulseSensorSerialOutput.cpp:
 * `outputSample` / `outputBeat`, every value printed with println → `\r\n`):
 * - pulsesensor-bpm — examples/PulseSensor_BPM/PulseSensor_BPM.ino: Serial.begin(115200),
 *   OUTPUT_TYPE = SERIAL_PLOTTER, loop `delay(20); outputSample()` → `BPM,IBI,Signal` per
 *   sample (BPM 0 / IBI 750 before the second beat), nothing per beat (outputBeat prints
 *   nothing in SERIAL_PLOTTER mode). ≈ 49.3 lines/s (20 ms + the loop's work).
 * - pulsesensor-processing — the same sketch with OUTPUT_TYPE = PROCESSING_VISUALIZER:
 *   `S<signal>` per sample; at a beat `B<bpm>` then `Q<ibi>` right after that loop's S line.
 * - pulsesensor-begin-failed — PulseSensor_BPM when begin() fails: `Serial.println('!')`
 *   between delay(50) and delay(50) forever → `!\r\n` about 10 times a second, nothing else.
 * - pulsesensor-getting-started — examples/GettingStartedProject: analogRead, then
 *   `Serial.println("Signal " + String(Signal))`, delay(20), 115200 → `Signal 530`.
 * - pulsesensor-signalcoach — examples/SignalCoachWebSerial: 115200, delay(1000) in setup,
 *   then `Serial.println(analogRead(PULSE_PIN))` whenever millis() passes nextSampleAt,
 *   nextSampleAt += 20 → exactly 50 bare integers/s, but the ~50 samples "due" during the
 *   1 s setup delay come in one burst at start-up (nextSampleAt starts at 0).
 * - pulsesensor-two — examples/TwoPulseSensors_On_OneArduino: Serial.begin(250000),
 *   PULSE_SENSOR_COUNT 2, SERIAL_PLOTTER → `s0,s1` per sample, nothing per beat.
 * - pulsesensor-esp32 — examples/PulseSensor_ESP32: 115200; setup prints `Attempting to
 *   connect to SSID`, ` ~` per second, `\nConnected`, then the menu (`PulseSensor ESP32
 *   Example`, `\nPulseSensor Server url: <ip>`, `Send 'b' to begin …`, `Send 'x' to stop …`,
 *   `Send '?' …`); in loop, until the host sends `b`, only `<bpm> bpm` at each beat; after
 *   `b`: `delay(20); Serial.println(getLatestSample())` (bare integers, 10-bit, no beat
 *   lines) until `x`. ('?' never reprints the menu: the sketch tests the function pointer.)
 * The library samples the ADC every 2 ms (MICROS_PER_READ) and detects beats on every
 * sample (firmwareBeats.ts); printed values are the latest sample, 0–1023.
 *
 * Contec CMS50 (no firmware source; sensor-protocols.md §4 and its V7.0 notes):
 * - cms50-5 — old protocol, 19200 8O1, 5-byte packets at ~60/s, sent without any command
 *   (atbrask/CMS50Dplus); cms50-5-4800 — the same at 4800 8N1 (older units);
 * - cms50-9 — new protocol, 115200 8N1, nothing until the host's `7D 81 A1 80 80 80 80 80 80`,
 *   then 9-byte live packets at ~60/s until ~30 s after the last A1 or AF keep-alive
 *   (MarkMLl/Contec_cms50dplus consoleapp.pas: "Runtime appears to be a fixed 30 seconds"),
 *   or until A2; A2 and A7 are answered with `0C 80` (headrotor/contec_data stream_data.py
 *   capture). Packets look like a CMS50D+ (headrotor capture `01 E0 85 B3 96 C1 E1 FF FF`):
 *   high-bit byte E0, signal 5, bar graph in byte 4 bits 0–3 with "PI invalid" (bit 4),
 *   perfusion index `FF FF`.
 */

export type DeviceProfileId =
  | 'pulsesensor-bpm'
  | 'pulsesensor-processing'
  | 'pulsesensor-getting-started'
  | 'pulsesensor-signalcoach'
  | 'pulsesensor-two'
  | 'pulsesensor-esp32'
  | 'pulsesensor-begin-failed'
  | 'cms50-5'
  | 'cms50-5-4800'
  | 'cms50-9';

export type DeviceFormat = 'plotter' | 'visualizer' | 'signal-text' | 'bare' | 'multi-plotter' | 'esp32' | 'begin-failed' | 'cms50-5' | 'cms50-9';

export interface DeviceProfile {
  readonly id: DeviceProfileId;
  /** App protocol that decodes it (SerialProtocol of serialFrameAssembler.ts). */
  readonly protocol: 'pulsesensor' | 'cms50-5' | 'cms50-9';
  readonly format: DeviceFormat;
  readonly baudRate: number;
  readonly parity: 'none' | 'odd';
  readonly sensorCount: 1 | 2;
  /** Typical true sample rate of a real unit, Hz (`--rate` overrides). */
  readonly rateHz: number;
  /** What the host must send before samples flow. */
  readonly wakeUp?: 'esp32-b' | 'cms50-start';
  /** Samples due before this time come in one burst at it (SignalCoach's setup delay), s. */
  readonly catchUpUntilSec?: number;
  /** Device value range (10-bit ADC, or the 7-bit CMS50 pleth). */
  readonly valueMax: number;
}

const ps = (id: DeviceProfileId, format: DeviceFormat, extra: Partial<DeviceProfile> = {}): DeviceProfile => ({
  id,
  protocol: 'pulsesensor',
  format,
  baudRate: 115200,
  parity: 'none',
  sensorCount: 1,
  rateHz: 49.3,
  valueMax: 1023,
  ...extra,
});

export const DEVICE_PROFILES: Readonly<Record<DeviceProfileId, DeviceProfile>> = {
  'pulsesensor-bpm': ps('pulsesensor-bpm', 'plotter'),
  'pulsesensor-processing': ps('pulsesensor-processing', 'visualizer'),
  'pulsesensor-getting-started': ps('pulsesensor-getting-started', 'signal-text'),
  'pulsesensor-signalcoach': ps('pulsesensor-signalcoach', 'bare', { rateHz: 50, catchUpUntilSec: 1 }),
  'pulsesensor-two': ps('pulsesensor-two', 'multi-plotter', { baudRate: 250000, sensorCount: 2 }),
  'pulsesensor-esp32': ps('pulsesensor-esp32', 'esp32', { rateHz: 49.6, wakeUp: 'esp32-b' }),
  'pulsesensor-begin-failed': ps('pulsesensor-begin-failed', 'begin-failed', { rateHz: 9.9 }),
  'cms50-5': { id: 'cms50-5', protocol: 'cms50-5', format: 'cms50-5', baudRate: 19200, parity: 'odd', sensorCount: 1, rateHz: 60, valueMax: 127 },
  'cms50-5-4800': { id: 'cms50-5-4800', protocol: 'cms50-5', format: 'cms50-5', baudRate: 4800, parity: 'none', sensorCount: 1, rateHz: 60, valueMax: 127 },
  'cms50-9': { id: 'cms50-9', protocol: 'cms50-9', format: 'cms50-9', baudRate: 115200, parity: 'none', sensorCount: 1, rateHz: 60, valueMax: 127, wakeUp: 'cms50-start' },
};

export const DEVICE_PROFILE_IDS = Object.keys(DEVICE_PROFILES) as DeviceProfileId[];

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** `Serial.println(x)` of the Arduino core: the text, then `\r\n`. */
export const println = (s: string | number): Uint8Array => ascii(`${s}\r\n`);
/** `Serial.print(x)`: the text alone. */
export const print = (s: string): Uint8Array => ascii(s);

/** ESP32 example set-up output, as (time after start, bytes) pairs; `begin()` runs at the end. */
export const ESP32_BOOT: readonly { tSec: number; bytes: Uint8Array }[] = [
  { tSec: 1.5, bytes: print('Attempting to connect to SSID') },
  { tSec: 1.5, bytes: print(' ~') },
  { tSec: 2.5, bytes: print(' ~') },
  { tSec: 3.5, bytes: println('\nConnected') },
  { tSec: 3.52, bytes: println('PulseSensor ESP32 Example') },
  { tSec: 3.52, bytes: print('\nPulseSensor Server url: ') },
  { tSec: 3.52, bytes: println('192.168.1.172') },
  { tSec: 3.52, bytes: println("Send 'b' to begin sending PulseSensor signal data") },
  { tSec: 3.52, bytes: println("Send 'x' to stop sending PulseSensor signal data") },
  { tSec: 3.52, bytes: println("Send '?' to print this message") },
];
export const ESP32_LOOP_START_SEC = 3.53;

/** Fields of one CMS50 live packet, in device terms. */
export interface Cms50Fields {
  pleth: number;
  signal: number;
  beat: boolean;
  bar: number;
  pulseRateBpm: number;
  spo2Pct: number;
  fingerOut?: boolean;
  searching?: boolean;
  probeError?: boolean;
  /** New protocol: perfusion index (undefined = none: `FF FF` and the PI-invalid bit, as a D+). */
  perfusionIndexRaw?: number;
}

/** Old-protocol 5-byte packet (atbrask layout, sensor-protocols §4a). */
export function encodeCms50Packet5(f: Cms50Fields): Uint8Array {
  const pr = f.pulseRateBpm & 0xff;
  return Uint8Array.of(
    0x80 | (f.beat ? 0x40 : 0) | (f.fingerOut ? 0x10 : 0) | (f.signal & 0x0f),
    f.pleth & 0x7f,
    ((pr & 0x80) >> 1) | (f.searching ? 0x20 : 0) | (f.probeError ? 0x10 : 0) | (f.bar & 0x0f),
    pr & 0x7f,
    f.spo2Pct & 0x7f,
  );
}

/** New-protocol 9-byte live packet (V7.0 fields, sensor-protocols §4b). */
export function encodeCms50Packet9(f: Cms50Fields): Uint8Array {
  const pi = f.perfusionIndexRaw === undefined ? 0xffff : f.perfusionIndexRaw & 0xffff;
  const logical = [
    (f.probeError || f.fingerOut ? 0x80 : 0) | (f.beat ? 0x40 : 0) | (f.signal & 0x0f),
    (f.searching ? 0x80 : 0) | (f.pleth & 0x7f),
    (f.perfusionIndexRaw === undefined ? 0x10 : 0) | (f.bar & 0x0f),
    f.pulseRateBpm & 0xff,
    f.spo2Pct & 0xff,
    pi & 0xff,
    pi >> 8,
  ];
  let hb = 0x80;
  logical.forEach((b, i) => (hb |= ((b >> 7) & 1) << i));
  return Uint8Array.from([0x01, hb, ...logical.map((b) => 0x80 | (b & 0x7f))]);
}

/** Reply `0C 80` to the A2 / A7 commands (headrotor capture). */
export const CMS50_ACK = Uint8Array.of(0x0c, 0x80);

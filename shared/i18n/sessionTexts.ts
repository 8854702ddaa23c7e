/** `sessionText(locale, key, params)` — texts stored with a session or named after it (see sessionTexts.nl.ts). */
import { replayLabel, type ReplayInfo } from '../sensors/replayLabel.js';
import type { Locale } from './locales.js';
import { createTranslator, type MessageParams } from './messageFormat.js';
import { sessionTextsEn } from './sessionTexts.en.js';
import { sessionTextsNl, type SessionTextKey } from './sessionTexts.nl.js';

export type { SessionTextKey };
const translate = createTranslator<SessionTextKey>({ nl: sessionTextsNl, en: sessionTextsEn });

/** Ids in file names and titles are written as digits only (no "1.234"). */
const digits = (p: MessageParams | undefined): MessageParams | undefined => {
  if (!p) return p;
  const out: MessageParams = {};
  for (const [k, v] of Object.entries(p)) out[k] = /Id$/.test(k) && typeof v === 'number' ? String(v) : v;
  return out;
};

export function sessionText(locale: Locale, key: SessionTextKey, params?: MessageParams): string {
  return translate(locale, key, digits(params));
}

/** The simulator presets the sensor list offers (main/devices/listSensors.ts SIM_LISTING), by spec. */
const SIM_PRESETS: Readonly<Record<string, SessionTextKey>> = {
  'sim:hr=65,breathing=6,resonance=6': 'sensor.simRelaxed',
  'sim:hr=80,motion=2,ectopic=2,compliance=0.6': 'sensor.simRestless',
};

/** The name of a simulator preset in `locale`, or null for a spec that is not one. */
export function simPresetText(locale: Locale, spec: string): string | null {
  const key = SIM_PRESETS[spec];
  return key ? sessionText(locale, key) : null;
}

/** A gap's stored reason code ('no-contact', 'disk-full' …) in `locale`; an unknown reason is shown as it is. */
export function gapReasonText(locale: Locale, reason: string): string {
  const key = `gap.${reason}`;
  return Object.hasOwn(sessionTextsNl, key) ? sessionText(locale, key as SessionTextKey) : reason;
}

/**
 * A stored sensor label in `locale`: the simulator's English listing label becomes its name in the
 * language; "PulseSensor on /dev/ttyUSB0" reads "PulseSensor op /dev/ttyUSB0" in Dutch. Device
 * names (PulseSensor, CMS50, Polar …) stay as they are.
 */
export function sensorLabelText(locale: Locale, label: string | null | undefined, spec: string | null | undefined): string {
  const l = (label ?? '').trim();
  if (/^sim\b/i.test(spec ?? '') && (l === '' || /^Simulator\b/.test(l))) return sessionText(locale, 'sensor.simulator');
  const of = /^(.+?) (\d+) of (\d+) on (\S+)$/.exec(l);
  if (of) return sessionText(locale, 'sensor.onPortOf', { device: deviceName(locale, of[1]!), n: Number(of[2]), count: Number(of[3]), port: of[4] });
  const on = /^(.+?) on (\S+)$/.exec(l);
  if (on) return sessionText(locale, 'sensor.onPort', { device: deviceName(locale, on[1]!), port: on[2] });
  const replay = replayOf(l);
  if (replay) return replayLabel(replay, locale);
  const ble = /^Bluetooth heart-rate sensor(| '.*'.*| \(.*\))$/.exec(l);
  if (ble) return sessionText(locale, 'sensor.bleHr', { rest: ble[1] });
  return l || (spec ?? '');
}

/**
 * A connected sensor's name in `locale` (its English `label` as the core gives it): a replayed file
 * by its parts, the simulator with its heart rate, sample rate and speed, any other by `sensorLabelText`.
 */
export function channelLabelText(locale: Locale, v: { label: string; spec: string; kind?: string; replay?: ReplayInfo }): string {
  if (v.replay) return replayLabel(v.replay, locale);
  return v.kind === 'sim' ? simLabelText(locale, v.label) : sensorLabelText(locale, v.label, v.spec);
}

/**
 * The simulator's full label (native-adapters/sensors/simSource.ts `simLabel`: heart rate, sample
 * rate, speed) in `locale`, for `cadans monitor`; another label as it is.
 */
export function simLabelText(locale: Locale, label: string): string {
  const m = /^Simulator \(demo signal, not a real sensor\): ear-clip PPG (\S+) bpm at (\S+) Hz(?:, (\S+)× speed)?$/.exec(label.trim());
  if (!m) return label;
  const num = (x: string): string => (locale === 'nl' ? x.replace('.', ',') : x);
  return sessionText(locale, 'sensor.simDetail', { hr: num(m[1]!), fs: num(m[2]!), fast: m[3] ? 'yes' : 'no', speed: num(m[3] ?? '1') });
}

/** A replay source's English label (`replayLabel(…, 'en')`) read back into its parts; null for another label. */
function replayOf(label: string): ReplayInfo | null {
  const read = /^Replay of (.+) \((?:PPG CSV, ([\d.]+) Hz|(RR intervals)), (\d+) s(?:, ([\d.]+)× speed)?\)$/.exec(label);
  if (read) {
    const base = { file: read[1]!, durationSec: Number(read[4]), speed: read[5] ? Number(read[5]) : 1 };
    return read[3] ? { ...base, format: 'rr' } : { ...base, format: 'ppg-csv', fsHz: Number(read[2]) };
  }
  const open = /^Replay of (.+?)(?: at ([\d.]+)× speed)?$/.exec(label);
  return open ? { file: open[1]!, speed: open[2] ? Number(open[2]) : 1 } : null;
}

/** The serial sources' English device names (native-adapters/sensors/serialSource.ts) by their key in `sensor.deviceName`. */
const DEVICE_KEYS: Readonly<Record<string, string>> = {
  'CMS50 (old 5-byte protocol)': 'cms50old',
  'CMS50 (new 9-byte protocol)': 'cms50new',
  'CSV sensor': 'csv',
  'serial sensor': 'serial',
};

/** The serial protocols (native-adapters/sensors/serialSource.ts `SerialProtocol`) by their key in `sensor.deviceName`. */
const PROTOCOL_KEYS: Readonly<Record<string, string>> = {
  pulsesensor: 'PulseSensor',
  'cms50-5': 'cms50old',
  'cms50-9': 'cms50new',
  csv: 'csv',
};

/**
 * A serial device's English name (`CMS50 (new 9-byte protocol)`, `CSV sensor 2`) in `locale`; a
 * trailing sensor number stays; a name not of a serial source (PulseSensor, Polar …) as it is.
 */
export function deviceName(locale: Locale, device: string): string {
  const m = /^(.+?)( \d+)?$/.exec(device);
  const key = m ? DEVICE_KEYS[m[1]!] : undefined;
  return key ? sessionText(locale, 'sensor.deviceName', { device: key }) + (m![2] ?? '') : device;
}

/**
 * A serial protocol's name in `locale` — by its code (`cms50-9`, `protocolCode` of the sensor
 * notices) when given, else from its English name (`protocol`, what older notices carry).
 */
export function protocolName(locale: Locale, code: string | number | undefined, english: string | number | undefined): string {
  const key = code === undefined ? undefined : PROTOCOL_KEYS[String(code)];
  if (key) return sessionText(locale, 'sensor.deviceName', { device: key });
  return english === undefined ? String(code ?? '') : deviceName(locale, String(english));
}

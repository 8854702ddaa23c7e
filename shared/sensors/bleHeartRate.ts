/**
 * Bluetooth SIG Heart Rate Service payload parsers (sensor-protocols.md §1):
 * Heart Rate Measurement 0x2A37, Body Sensor Location 0x2A38, Battery Level 0x2A19.
 */
import { hexBytes, parseError, type ParseError } from './parseResult.js';

/** Noble-form UUIDs (lowercase, no dashes) of the standard services and characteristics. */
export const BLE_UUID = {
  heartRateService: '180d',
  heartRateMeasurement: '2a37',
  bodySensorLocation: '2a38',
  heartRateControlPoint: '2a39',
  batteryService: '180f',
  batteryLevel: '2a19',
} as const;

export type HrContact = 'unsupported' | 'no-contact' | 'contact';

export interface HeartRateMeasurement {
  readonly ok: true;
  readonly flags: number;
  readonly hrFormat: 'uint8' | 'uint16';
  readonly hrBpm: number;
  /** Flags bits 2:1: 00/01 = unsupported, 10 = no contact, 11 = contact. */
  readonly contact: HrContact;
  /** Cumulative Energy Expended, kJ, when present. */
  readonly energyKj?: number;
  /** RR intervals as sent, 1/1024 s units, oldest first. */
  readonly rrRaw: readonly number[];
  /** RR intervals in ms (raw × 1000/1024), oldest first. */
  readonly rrMs: readonly number[];
  /** Set when the payload had a trailing odd byte after the RR values (ignored). */
  readonly warning?: string;
}

/**
 * parseHeartRateMeasurement: decode a 0x2A37 notification (flags byte, uint8/uint16 HR,
 * optional Energy Expended, then ALL remaining uint16 pairs as RR in 1/1024 s).
 * Invalid payloads return a ParseError; this function never throws.
 */
export function parseHeartRateMeasurement(bytes: Uint8Array): HeartRateMeasurement | ParseError {
  if (bytes.length < 2) return parseError(`heart-rate measurement too short (${bytes.length} bytes): ${hexBytes(bytes)}`, 'too-short');
  const flags = bytes[0];
  const hr16 = (flags & 0x01) !== 0;
  const contactSupported = (flags & 0x04) !== 0;
  const contactDetected = (flags & 0x02) !== 0;
  const eePresent = (flags & 0x08) !== 0;
  const rrPresent = (flags & 0x10) !== 0;
  const need = 1 + (hr16 ? 2 : 1) + (eePresent ? 2 : 0) + (rrPresent ? 2 : 0);
  if (bytes.length < need) {
    return parseError(
      `invalid heart-rate measurement: flags 0x${flags.toString(16).padStart(2, '0')} need at least ${need} bytes, got ${bytes.length}: ${hexBytes(bytes)}`,
      'too-short',
    );
  }
  let o = 1;
  let hrBpm: number;
  if (hr16) {
    hrBpm = bytes[o] | (bytes[o + 1] << 8);
    o += 2;
  } else {
    hrBpm = bytes[o];
    o += 1;
  }
  let energyKj: number | undefined;
  if (eePresent) {
    energyKj = bytes[o] | (bytes[o + 1] << 8);
    o += 2;
  }
  const rrRaw: number[] = [];
  const rrMs: number[] = [];
  let warning: string | undefined;
  if (rrPresent) {
    for (; o + 1 < bytes.length; o += 2) {
      const raw = bytes[o] | (bytes[o + 1] << 8);
      rrRaw.push(raw);
      rrMs.push((raw * 1000) / 1024);
    }
    if (o < bytes.length) warning = 'odd trailing byte after RR values ignored';
  }
  const contact: HrContact = !contactSupported ? 'unsupported' : contactDetected ? 'contact' : 'no-contact';
  const result: HeartRateMeasurement = {
    ok: true,
    flags,
    hrFormat: hr16 ? 'uint16' : 'uint8',
    hrBpm,
    contact,
    rrRaw,
    rrMs,
    ...(energyKj !== undefined ? { energyKj } : {}),
    ...(warning ? { warning } : {}),
  };
  return result;
}

/** Body Sensor Location (0x2A38) names by value. */
export const BODY_SENSOR_LOCATIONS = ['Other', 'Chest', 'Wrist', 'Finger', 'Hand', 'Ear Lobe', 'Foot'] as const;

export interface BodySensorLocation {
  readonly ok: true;
  readonly code: number;
  /** Name from the SIG table, or 'Reserved (n)'. */
  readonly name: string;
}

/** parseBodySensorLocation: decode a 0x2A38 read (one uint8 enum). */
export function parseBodySensorLocation(bytes: Uint8Array): BodySensorLocation | ParseError {
  if (bytes.length < 1) return parseError('body sensor location is empty');
  const code = bytes[0];
  const name = code < BODY_SENSOR_LOCATIONS.length ? BODY_SENSOR_LOCATIONS[code] : `Reserved (${code})`;
  return { ok: true, code, name };
}

export interface BatteryLevel {
  readonly ok: true;
  readonly batteryPct: number;
}

/** parseBatteryLevel: decode a 0x2A19 read (uint8 0–100 %). */
export function parseBatteryLevel(bytes: Uint8Array): BatteryLevel | ParseError {
  if (bytes.length < 1) return parseError('battery level is empty');
  const pct = bytes[0];
  if (pct > 100) return parseError(`battery level ${pct} % is out of range 0–100`);
  return { ok: true, batteryPct: pct };
}

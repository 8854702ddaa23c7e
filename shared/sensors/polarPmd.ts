/**
 * Polar Measurement Data (PMD) control point: command builders, response and
 * settings parsers (sensor-protocols.md §2; polar-ble-sdk PmdControlPointCommand,
 * PmdControlPointResponse, PmdSetting). Data frames live in polarPmdData.ts.
 */
import { hexBytes, parseError, type ParseError } from './parseResult.js';

export * from './polarPmdData.js';

/** Noble-form UUIDs of the PMD service and its characteristics. */
export const PMD_UUID = {
  service: 'fb005c8002e7f3871cad8acd2d8df0c8',
  controlPoint: 'fb005c8102e7f3871cad8acd2d8df0c8',
  data: 'fb005c8202e7f3871cad8acd2d8df0c8',
} as const;

/** PMD measurement types (type byte & 0x3F). */
export const PmdType = {
  ECG: 0,
  PPG: 1,
  ACC: 2,
  PPI: 3,
  GYRO: 5,
  MAG: 6,
  SKIN_TEMP: 7,
  SDK_MODE: 9,
  LOCATION: 10,
  PRESSURE: 11,
  TEMPERATURE: 12,
  OFFLINE_RECORDING: 13,
  OFFLINE_HR: 14,
} as const;

/** Control-point op codes. */
export const PmdOp = {
  GET_SETTINGS: 1,
  START: 2,
  STOP: 3,
  GET_SDK_MODE_SETTINGS: 4,
  GET_STATUS: 5,
  GET_SDK_MODE_STATUS: 6,
} as const;

/** Control-point response status names by code. */
export const PMD_STATUS_NAMES = [
  'SUCCESS',
  'INVALID_OP_CODE',
  'INVALID_MEASUREMENT_TYPE',
  'NOT_SUPPORTED',
  'INVALID_LENGTH',
  'INVALID_PARAMETER',
  'ALREADY_IN_STATE',
  'INVALID_RESOLUTION',
  'INVALID_SAMPLE_RATE',
  'INVALID_RANGE',
  'INVALID_MTU',
  'INVALID_NUMBER_OF_CHANNELS',
  'INVALID_STATE',
  'DEVICE_IN_CHARGER',
  'DISK_FULL',
] as const;

/** Setting ids in a settings block and the byte size of each value. */
export const PmdSettingId = {
  SAMPLE_RATE: 0,
  RESOLUTION: 1,
  RANGE: 2,
  RANGE_MILLIUNIT: 3,
  CHANNELS: 4,
  FACTOR: 5,
  SECURITY: 6,
} as const;
const SETTING_VALUE_BYTES: Record<number, number> = { 0: 2, 1: 2, 2: 2, 3: 4, 4: 1, 5: 4, 6: 16 };

export interface PmdStartRequest {
  sampleRateHz?: number;
  resolutionBits?: number;
  range?: number;
  channels?: number;
}

function u16(v: number): [number, number] {
  return [v & 0xff, (v >> 8) & 0xff];
}

/** pmdStart: `02 <type> [setting 01 value]…` with settings in id order (PmdSetting.serializeSelected). */
export function pmdStart(type: number, req: PmdStartRequest): Uint8Array {
  const out = [PmdOp.START, type & 0xff];
  if (req.sampleRateHz !== undefined) out.push(PmdSettingId.SAMPLE_RATE, 1, ...u16(req.sampleRateHz));
  if (req.resolutionBits !== undefined) out.push(PmdSettingId.RESOLUTION, 1, ...u16(req.resolutionBits));
  if (req.range !== undefined) out.push(PmdSettingId.RANGE, 1, ...u16(req.range));
  if (req.channels !== undefined) out.push(PmdSettingId.CHANNELS, 1, req.channels & 0xff);
  return Uint8Array.from(out);
}

/** pmdStartPpg: START PPG, e.g. {55, 22, 4} → `02 01 00 01 37 00 01 01 16 00 04 01 04`. */
export function pmdStartPpg(req: { sampleRateHz: number; resolutionBits: number; channels: number }): Uint8Array {
  return pmdStart(PmdType.PPG, req);
}

/** pmdStop: `03 <type>`. */
export function pmdStop(type: number): Uint8Array {
  return Uint8Array.from([PmdOp.STOP, type & 0xff]);
}

/** pmdGetSettings: `01 <type>`. */
export function pmdGetSettings(type: number): Uint8Array {
  return Uint8Array.from([PmdOp.GET_SETTINGS, type & 0xff]);
}

/** pmdStartPpi: `02 03` — PPI takes no settings (polar-ble-sdk `startPpiStreaming`: an empty setting). */
export function pmdStartPpi(): Uint8Array {
  return pmdStart(PmdType.PPI, {});
}

/** pmdGetSdkModeStatus: `06`, no type byte (polar-ble-sdk BlePMDClient.isSdkModeEnabled). */
export function pmdGetSdkModeStatus(): Uint8Array {
  return Uint8Array.of(PmdOp.GET_SDK_MODE_STATUS);
}

export interface PmdControlPointResponse {
  readonly ok: true;
  readonly kind: 'response';
  readonly op: number;
  readonly measurementType: number;
  readonly status: number;
  readonly statusName: string;
  /** True when more indications follow (byte 4 ≠ 0). */
  readonly more: boolean;
  /** Parameter bytes (offset 5…); for GET_SETTINGS/START a settings block. */
  readonly params: Uint8Array;
}

/**
 * pmdSdkModeEnabled: the answer to GET_SDK_MODE_STATUS — SUCCESS with a first parameter byte ≠ 0
 * (polar-ble-sdk PmdSdkMode.fromResponse). An error status (firmware without the command) = off.
 * In SDK mode the device's own algorithms (HR, PPI) are off (documentation/SdkModeExplained.md).
 */
export function pmdSdkModeEnabled(r: PmdControlPointResponse): boolean {
  return r.status === 0 && r.params.length > 0 && r.params[0] !== 0;
}

export interface PmdStopIndication {
  readonly ok: true;
  readonly kind: 'stopped';
  /** Measurement types the device stopped on its own. */
  readonly types: readonly number[];
}

/**
 * parsePmdControlPoint: one control-point indication. `F0 op type status more params…`
 * is a response; a leading `01` means the device stopped the listed streams.
 */
export function parsePmdControlPoint(bytes: Uint8Array): PmdControlPointResponse | PmdStopIndication | ParseError {
  if (bytes.length === 0) return parseError('empty PMD control-point indication');
  if (bytes[0] === 0x01) {
    return { ok: true, kind: 'stopped', types: Array.from(bytes.subarray(1), (t) => t & 0x3f) };
  }
  if (bytes[0] !== 0xf0) return parseError(`unknown PMD control-point indication: ${hexBytes(bytes)}`);
  if (bytes.length < 4) return parseError(`PMD control-point response too short: ${hexBytes(bytes)}`);
  const status = bytes[3];
  return {
    ok: true,
    kind: 'response',
    op: bytes[1],
    measurementType: bytes[2] & 0x3f,
    status,
    statusName: status < PMD_STATUS_NAMES.length ? PMD_STATUS_NAMES[status] : `UNKNOWN_STATUS_${status}`,
    more: bytes.length > 4 && bytes[4] !== 0,
    params: bytes.slice(Math.min(5, bytes.length)),
  };
}

/**
 * PmdResponseAssembler: joins multi-part responses (`more` ≠ 0: the parameter bytes of
 * following indications, from offset 5, are appended). `push` returns the complete
 * message, null while parts are outstanding, or a ParseError. Bounded to 4 KiB.
 */
export class PmdResponseAssembler {
  private pending: PmdControlPointResponse | null = null;
  private parts: Uint8Array[] = [];
  private partBytes = 0;
  static readonly MAX_BYTES = 4096;

  push(bytes: Uint8Array): PmdControlPointResponse | PmdStopIndication | ParseError | null {
    const msg = parsePmdControlPoint(bytes);
    if (!msg.ok || msg.kind === 'stopped') return msg;
    if (this.pending) {
      this.parts.push(msg.params);
      this.partBytes += msg.params.length;
      if (this.partBytes > PmdResponseAssembler.MAX_BYTES) {
        this.reset();
        return parseError('PMD multi-part response exceeds 4 KiB; dropped');
      }
      if (msg.more) return null;
      const first = this.pending;
      const params = new Uint8Array(this.partBytes);
      let o = 0;
      for (const p of this.parts) {
        params.set(p, o);
        o += p.length;
      }
      this.reset();
      return { ...first, more: false, params };
    }
    if (msg.more) {
      this.pending = msg;
      this.parts = [msg.params];
      this.partBytes = msg.params.length;
      return null;
    }
    return msg;
  }

  reset(): void {
    this.pending = null;
    this.parts = [];
    this.partBytes = 0;
  }
}

export interface PmdSettings {
  readonly ok: true;
  readonly sampleRatesHz: readonly number[];
  readonly resolutionsBits: readonly number[];
  readonly ranges: readonly number[];
  readonly rangesMilliunit: readonly number[];
  readonly channels: readonly number[];
  /** FACTOR (float32) returned by START: multiply samples by it. */
  readonly factor?: number;
}

/** parsePmdSettings: decode `[setting][count][count × value]…` (PmdSetting). */
export function parsePmdSettings(params: Uint8Array): PmdSettings | ParseError {
  const s = { sampleRatesHz: [] as number[], resolutionsBits: [] as number[], ranges: [] as number[], rangesMilliunit: [] as number[], channels: [] as number[] };
  let factor: number | undefined;
  let o = 0;
  while (o < params.length) {
    if (o + 2 > params.length) return parseError(`PMD settings truncated at byte ${o}: ${hexBytes(params)}`);
    const id = params[o];
    const count = params[o + 1];
    const size = SETTING_VALUE_BYTES[id];
    if (size === undefined) return parseError(`unknown PMD setting id ${id} at byte ${o}`);
    o += 2;
    if (o + count * size > params.length) return parseError(`PMD setting ${id}: ${count} values do not fit in ${params.length - o} bytes`);
    for (let i = 0; i < count; i++, o += size) {
      if (size === 1) s.channels.push(params[o]);
      else if (size === 2) {
        const v = params[o] | (params[o + 1] << 8);
        if (id === 0) s.sampleRatesHz.push(v);
        else if (id === 1) s.resolutionsBits.push(v);
        else s.ranges.push(v);
      } else if (id === 3) {
        s.rangesMilliunit.push((params[o] | (params[o + 1] << 8) | (params[o + 2] << 16) | (params[o + 3] << 24)) >>> 0);
      } else if (id === 5) {
        factor = new DataView(params.buffer, params.byteOffset + o, 4).getFloat32(0, true);
      }
      // SECURITY (16 bytes) is skipped.
    }
  }
  return { ok: true, ...s, ...(factor !== undefined ? { factor } : {}) };
}

export interface PmdFeatures {
  readonly ok: true;
  readonly ecg: boolean;
  readonly ppg: boolean;
  readonly acc: boolean;
  readonly ppi: boolean;
  readonly gyro: boolean;
  readonly mag: boolean;
  readonly skinTemp: boolean;
  /** Byte 2 bit 1: the device offers SDK mode — not whether it is on (GET_SDK_MODE_STATUS tells). */
  readonly sdkMode: boolean;
}

/**
 * parsePmdFeatures: decode a control-point READ (`0F <bitmap> <bitmap2>`; polar-ble-sdk
 * PmdMeasurementType.fromByteArray, which BlePMDClient.readFeature uses to list the streams).
 */
export function parsePmdFeatures(bytes: Uint8Array): PmdFeatures | ParseError {
  if (bytes.length < 2 || bytes[0] !== 0x0f) return parseError(`not a PMD feature read: ${hexBytes(bytes)}`);
  const b = bytes[1];
  const b2 = bytes.length > 2 ? bytes[2] : 0;
  return {
    ok: true,
    ecg: (b & 0x01) !== 0,
    ppg: (b & 0x02) !== 0,
    acc: (b & 0x04) !== 0,
    ppi: (b & 0x08) !== 0,
    gyro: (b & 0x20) !== 0,
    mag: (b & 0x40) !== 0,
    skinTemp: (b & 0x80) !== 0,
    sdkMode: (b2 & 0x02) !== 0,
  };
}

/**
 * openSensor: one sensor spec string → a SensorSource (not started). The specs, shared by the
 * CLI, the settings and the tests:
 *
 *   sim[:key=value,...]                       simulator (keys: see shared/sim/parseSimSpec.ts)
 *   serial:<path>[?protocol=pulsesensor|cms50-5|cms50-9|csv&baud=N&fs=N&sensors=N]
 *   ble[:<name-or-id>][?ppg=0|1&ppi=0|1&fs=N] Bluetooth heart-rate sensor (+ Polar PMD PPG / PPI)
 *   file:<path>[?speed=N&fs=N&column=NAME]    replay of a PPG CSV or RR text
 *
 * For `ble:` a value that looks like a device id (12 hex digits, a MAC address or a UUID, as
 * `cadans sensors` lists them) selects that device; anything else is a part of the advertised
 * name ('Polar', 'Verity'). `ble` / `ble:any` = the first heart-rate sensor found. Polar PMD PPG
 * and PPI are started when the sensor offers them (Verity Sense, OH1: their heart-rate service has
 * no RR); `ppg=0` / `ppi=0` switch one off, `ppg=1` / `ppi=1` require it (the connection fails
 * with a message when the sensor does not have it); `fs` = the preferred PPG rate.
 * A bad spec gives `{ error, issue }`: a one-line English message that names the problem, and the
 * same problem as a field issue on 'spec' (code + params) for the user's language; never throws.
 */
import { fileURLToPath } from 'node:url';
import type { PacerSchedule } from '../../shared/pacer/index.js';
import type { SensorSource } from '../../shared/sensors/sensorSource.js';
import type { ValidationIssue } from '../../shared/domain/validationResult.js';
import { sensorSpecIssue } from '../../shared/sensors/sensorSpecIssue.js';
import { SERIAL_PROTOCOLS } from '../../shared/sensors/serialFrameAssembler.js';
import { parseSimSpec } from '../../shared/sim/index.js';
import { BleHeartRateSource, type BleHeartRateSourceOptions } from '../../native-adapters/sensors/bleSource.js';
import { FileReplaySource, type FileReplayOptions } from '../../native-adapters/sensors/fileReplaySource.js';
import { SerialSource, parseSerialSpec } from '../../native-adapters/sensors/serialSource.js';
import { SimSource } from '../../native-adapters/sensors/simSource.js';

export interface OpenSensorContext {
  /** The running pacer (simulator sources breathe with it). */
  pacer?: () => PacerSchedule | null;
  /** Extra options for BLE sources (tests inject a fake noble here). */
  ble?: Partial<BleHeartRateSourceOptions>;
}

export type SensorKind = 'sim' | 'serial' | 'ble' | 'file';

/** A refused spec: the English line and the problem as a field issue on 'spec'. */
export interface SpecError {
  error: string;
  issue: ValidationIssue;
}

const specError = (error: string, code: ValidationIssue['code'], params: ValidationIssue['params'] = {}): SpecError => ({ error, issue: { field: 'spec', code, params } });
const quoted = (v: string, n = 40): string => JSON.stringify(v.slice(0, n));
const badSetting = (error: string, key: string, value: string): SpecError => specError(error, 'sensorBadSetting', { key, value: quoted(value) });

export const SPEC_HELP = 'use sim[:key=value,…], serial:<path>[?protocol=…], ble[:<name-or-id>] or file:<path>[?speed=N]';

/** sensorKind: the kind named by a spec, or null. */
export function sensorKind(spec: string): SensorKind | null {
  const m = /^(sim|serial|ble|file)(?=:|\?|$)/i.exec(spec.trim());
  return m ? (m[1]!.toLowerCase() as SensorKind) : null;
}

/** Query string `a=1&b=2` → map; `{ error }` for a repeated or malformed parameter or one not in `allowed`. */
export function parseQuery(query: string, allowed: readonly string[], what: string): Map<string, string> | SpecError {
  const out = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    let value: string;
    try {
      value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1)).trim();
    } catch {
      return badSetting(`bad value for '${key}' in ${what}: ${part.slice(eq + 1)}`, key, part.slice(eq + 1));
    }
    if (!allowed.includes(key)) return specError(`unknown ${what} setting '${key}' (known: ${allowed.join(', ')})`, 'sensorUnknownSetting', { key: quoted(key, 30), allowed: allowed.join(', ') });
    if (out.has(key)) return badSetting(`${what} setting '${key}' given twice`, key, value);
    if (value === '') return badSetting(`${what} setting '${key}' needs a value (${key}=…)`, key, value);
    out.set(key, value);
  }
  return out;
}

function positive(params: Map<string, string>, key: string, what: string): number | undefined | SpecError {
  if (!params.has(key)) return undefined;
  const raw = params.get(key)!;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0) return badSetting(`bad ${key} in ${what}: '${raw}' is not a positive number`, key, raw);
  return v;
}

const isErr = (x: unknown): x is SpecError => typeof x === 'object' && x !== null && 'error' in x;

/** Split 'kind:rest?query' at the last '?' that starts a key=value query. */
function splitQuery(rest: string): { body: string; query: string } {
  const q = rest.lastIndexOf('?');
  if (q >= 0 && /^[a-z]+=/i.test(rest.slice(q + 1))) return { body: rest.slice(0, q), query: rest.slice(q + 1) };
  return { body: rest, query: '' };
}

function openSim(spec: string, ctx: OpenSensorContext): SensorSource | SpecError {
  const opts = parseSimSpec(spec);
  if ('error' in opts) {
    const issue = sensorSpecIssue(spec) ?? { field: 'spec', code: 'sensorBadSetting', params: { key: 'sim', value: quoted(spec) } };
    return { error: `bad simulator spec '${spec}': ${opts.error}`, issue };
  }
  return new SimSource({ sim: opts, spec, pacer: ctx.pacer });
}

function openSerial(spec: string): SensorSource | SpecError {
  const noPath = specError(`serial spec '${spec}' has no port path (e.g. serial:/dev/ttyUSB0 or serial:COM3)`, 'sensorNoPath', { kind: 'serial', example: 'serial:/dev/ttyUSB0' });
  if (!/^serial:/i.test(spec)) return noPath;
  const { body, query } = splitQuery(spec.slice('serial:'.length));
  if (body.trim() === '') return noPath;
  const params = parseQuery(query, ['protocol', 'baud', 'fs', 'sensors', 'sensor'], 'serial');
  if (isErr(params)) return { ...params, error: `bad serial spec '${spec}': ${params.error}` };
  const parsed = parseSerialSpec(`serial:${body.trim()}${query ? '?' + query : ''}`);
  if ('error' in parsed) return badSetting(`bad serial spec '${spec}': ${parsed.error}`, ...serialCulprit(params));
  if (parsed.baudRate !== undefined && !Number.isInteger(parsed.baudRate)) return badSetting(`bad serial spec '${spec}': baud must be a whole number`, 'baud', params.get('baud') ?? '');
  return new SerialSource({ ...parsed });
}

/** The setting parseSerialSpec refused: an unknown protocol, or a number that is not a positive (whole) number. */
function serialCulprit(params: Map<string, string>): [string, string] {
  const protocol = params.get('protocol');
  if (protocol !== undefined && protocol.toLowerCase() !== 'auto' && !(SERIAL_PROTOCOLS as readonly string[]).includes(protocol.toLowerCase())) return ['protocol', protocol];
  for (const key of ['baud', 'fs', 'sensors', 'sensor']) {
    const raw = params.get(key);
    if (raw === undefined) continue;
    const v = Number(raw);
    if (!(Number.isFinite(v) && (key === 'sensor' ? Number.isInteger(v) && v >= 0 : v > 0))) return [key, raw];
  }
  return ['serial', [...params].map(([k, v]) => `${k}=${v}`).join('&')];
}

const DEVICE_ID = /^(?:[0-9a-f]{12}|(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}|[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}|[0-9a-f]{32})$/i;

function openBle(spec: string, ctx: OpenSensorContext): SensorSource | SpecError {
  const rest = spec.slice(3);
  const { body, query } = splitQuery(rest.startsWith(':') ? rest.slice(1) : rest);
  const params = parseQuery(query, ['ppg', 'ppi', 'fs', 'name'], 'ble');
  if (isErr(params)) return { ...params, error: `bad ble spec '${spec}': ${params.error}` };
  const opts: BleHeartRateSourceOptions = { ...ctx.ble };
  const target = body.trim();
  if (target !== '' && target.toLowerCase() !== 'any') {
    if (DEVICE_ID.test(target)) opts.deviceId = target.toLowerCase();
    else opts.name = target;
  }
  if (params.has('name')) opts.name = params.get('name');
  for (const key of ['ppg', 'ppi'] as const) {
    if (!params.has(key)) continue;
    const v = params.get(key)!.toLowerCase();
    if (!['1', '0', 'true', 'false', 'yes', 'no'].includes(v)) return badSetting(`bad ble spec '${spec}': ${key} must be 1 or 0`, key, params.get(key)!);
    opts[key] = ['1', 'true', 'yes'].includes(v);
  }
  const fs = positive(params, 'fs', 'ble spec');
  if (isErr(fs)) return fs;
  if (fs !== undefined) opts.ppgSampleRateHz = fs;
  return new BleHeartRateSource(opts);
}

function openFile(spec: string): SensorSource | SpecError {
  const noPath = specError(`file spec '${spec}' has no path (e.g. file:recording.csv?speed=10)`, 'sensorNoPath', { kind: 'file', example: 'file:recording.csv?speed=10' });
  if (!/^file:/i.test(spec)) return noPath;
  const { body, query } = splitQuery(spec.slice('file:'.length));
  let path = body.trim();
  if (path.startsWith('//')) {
    try {
      path = fileURLToPath('file:' + path);
    } catch (err) {
      return badSetting(`bad file spec '${spec}': ${(err as Error).message}`, 'file', path);
    }
  }
  if (path === '') return noPath;
  const params = parseQuery(query, ['speed', 'fs', 'column'], 'file');
  if (isErr(params)) return { ...params, error: `bad file spec '${spec}': ${params.error}` };
  const opts: FileReplayOptions = { path, spec };
  for (const [key, field] of [['speed', 'speed'], ['fs', 'fsHz']] as const) {
    const v = positive(params, key, `file spec '${spec}'`);
    if (isErr(v)) return v;
    if (v !== undefined) opts[field] = v;
  }
  if (opts.speed !== undefined && opts.speed > 1000) return badSetting(`bad speed in file spec '${spec}': at most 1000`, 'speed', params.get('speed')!);
  if (params.has('column')) opts.column = params.get('column');
  return new FileReplaySource(opts);
}

/** openSensor: the source for `spec`, or `{ error }` naming what is wrong with the spec. */
export function openSensor(spec: string, ctx: OpenSensorContext = {}): SensorSource | SpecError {
  if (typeof spec !== 'string' || spec.trim() === '') return specError(`no sensor given (${SPEC_HELP})`, 'required');
  const s = spec.trim();
  const kind = sensorKind(s);
  try {
    switch (kind) {
      case 'sim':
        return openSim(s, ctx);
      case 'serial':
        return openSerial(s);
      case 'ble':
        return openBle(s, ctx);
      case 'file':
        return openFile(s);
      default: {
        const word = /^[^:?]*/.exec(s)![0];
        return specError(`unknown sensor '${word}' in '${s}' (${SPEC_HELP})`, 'sensorUnknown', { value: quoted(word) });
      }
    }
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return specError(`cannot open sensor '${s}': ${detail}`, 'sensorOpenFailed', { detail });
  }
}

/**
 * Sensors as the renderer sees them: `channelView` (a connected channel, the simulator clearly
 * marked) and `sensorListView` (the device manager's listing as pickable options + messages).
 */
import type { ChannelView, SensorListView, SensorOption } from '../../shared/ipc/apiTypes.js';
import type { AppChannel } from './appPorts.js';
import { CadansError, type CodedMessage } from '../../shared/i18n/CadansError.js';
import { sensorIdentity } from '../../shared/sensors/sensorIdentity.js';

/** `channelView`: one live channel, with the sensor's standing diagnosis. */
export function channelView(c: Pick<AppChannel, 'id' | 'spec' | 'state' | 'info' | 'lastNotice'> & { identity?: string; measuredHz?: number | null; speed?: number }): ChannelView {
  return {
    channel: c.id,
    spec: c.spec,
    sensorKey: c.identity ?? c.spec,
    state: c.state,
    label: c.info.label,
    kind: c.info.kind,
    fsHz: c.info.fsHz ?? null,
    measuredHz: c.measuredHz ?? null,
    simulated: c.info.kind === 'sim',
    protocol: c.info.protocol ?? null,
    speed: typeof c.speed === 'number' && Number.isFinite(c.speed) && c.speed > 0 ? c.speed : 1,
    notice: c.lastNotice,
    ...(c.info.replay ? { replay: { ...c.info.replay } } : {}),
  };
}

const KINDS: readonly SensorOption['kind'][] = ['serial', 'ble', 'sim', 'file'];
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function option(raw: unknown, fallbackKind?: SensorOption['kind']): SensorOption | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  const spec = str(o.spec);
  if (!spec) return null;
  const kindRaw = str(o.kind) ?? /^(sim|serial|ble|file)/i.exec(spec)?.[1]?.toLowerCase() ?? fallbackKind;
  const kind = KINDS.includes(kindRaw as SensorOption['kind']) ? (kindRaw as SensorOption['kind']) : 'serial';
  const label = str(o.label) ?? str(o.name) ?? str(o.path) ?? spec;
  const guess = o.guess && typeof o.guess === 'object' ? (o.guess as Record<string, unknown>) : {};
  const rssi = typeof o.rssi === 'number' ? `${o.rssi} dBm` : undefined;
  const detail = str(o.detail) ?? str(o.hint) ?? str(guess.reason) ?? str(o.manufacturer) ?? rssi;
  // A listed USB-serial port with a serial number is remembered by it (shared/sensors/sensorIdentity.ts).
  const key = sensorIdentity(spec, { serialNumber: str(o.serialNumber), vendorId: str(o.vendorId), productId: str(o.productId) });
  return { spec, kind, label, ...(detail ? { detail } : {}), ...(key !== spec ? { sensorKey: key } : {}) };
}

/**
 * `sensorListView`: the listing from `DeviceManager.listSensors()` as options. Accepts the
 * manager's shape (`{ sensors | serial | ble | sim: [...], messages | errors | hints }`, each entry
 * with a `spec`); entries without a spec are skipped; the simulator is always offered.
 */
export function sensorListView(listing: unknown): SensorListView {
  const sensors: SensorOption[] = [];
  const messages: string[] = [];
  const o = (listing && typeof listing === 'object' ? listing : {}) as Record<string, unknown>;
  const lists: [unknown, SensorOption['kind'] | undefined][] = [
    [o.sensors, undefined],
    [o.serial, 'serial'],
    [o.ble, 'ble'],
    [o.sim, 'sim'],
  ];
  if (Array.isArray(listing)) lists.push([listing, undefined]);
  for (const [list, kind] of lists) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const opt = option(raw, kind);
      if (opt && !sensors.some((s) => s.spec === opt.spec)) sensors.push(opt);
    }
  }
  for (const key of ['messages', 'errors', 'hints']) {
    const list: unknown = o[key];
    const items: unknown[] = Array.isArray(list) ? list : [list];
    for (const m of items) if (typeof m === 'string' && m.trim() !== '') messages.push(m);
  }
  if (!sensors.some((s) => s.kind === 'sim')) {
    sensors.push({ spec: 'sim', kind: 'sim', label: 'Simulator (demo signal, not a real sensor)' });
  }
  return { sensors, messages, notices: sensorNotices(messages) };
}

/**
 * The listing's messages as coded notices: every Bluetooth problem (noble that cannot load, no
 * adapter, scan failed) becomes ONE calm "Bluetooth is not available" line; a failed serial listing
 * keeps its detail; anything else is passed on as it is.
 */
export function sensorNotices(messages: readonly string[]): CodedMessage[] {
  const out: CodedMessage[] = [];
  const add = (e: CadansError): void => {
    if (!out.some((o) => o.code === e.code && o.code !== 'sensor.listNote')) out.push({ code: e.code, params: e.params, message: e.message });
  };
  for (const m of messages) {
    if (/bluetooth scan skipped/i.test(m)) add(new CadansError('sensor.bluetoothScanSkipped'));
    else if (/bluetooth|noble|EAFNOSUPPORT/i.test(m)) add(new CadansError('sensor.bluetoothUnavailable'));
    else if (/^cannot list serial ports: /.test(m)) add(new CadansError('sensor.serialListFailed', { detail: m.replace(/^cannot list serial ports: /, '') }));
    else add(new CadansError('sensor.listNote', { detail: m }));
  }
  return out;
}

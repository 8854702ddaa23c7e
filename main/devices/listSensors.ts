/**
 * listSensors: what can be connected right now — serial ports (with a protocol guess from the USB id; the protocol is found by listening on connect), BLE
 * heart-rate sensors (a short scan) and the simulator — each with the spec string to connect
 * it. Never throws: a missing `udevadm`, a machine without Bluetooth or a noble that cannot load
 * become lines in `messages`, and the simulator is always listed.
 */
import { listBleDevices, type BleDeviceEntry } from '../../native-adapters/sensors/listBleDevices.js';
import { listSerialPorts, type SerialPortEntry } from '../../native-adapters/sensors/listSerialPorts.js';
import { sharedSensors } from '../../native-adapters/sensors/serialPortHub.js';
import { sensorLabel, serialSpec } from '../../native-adapters/sensors/serialSource.js';

export interface SerialListing extends SerialPortEntry {
  /** Spec to connect it: the path; the protocol and baud are found by listening on connect. */
  spec: string;
  /** "PulseSensor 2 of 2 on …" for each sensor of a board with several (else absent). */
  label?: string;
}

export interface BleListing extends BleDeviceEntry {
  spec: string;
}

export interface SimListing {
  spec: string;
  label: string;
}

export interface SensorListing {
  serial: SerialListing[];
  ble: BleListing[];
  sim: SimListing[];
  /** Why a list is empty or incomplete (no udevadm, no Bluetooth, …), one line each. */
  messages: string[];
}

export interface ListSensorsOptions {
  /** BLE scan time, ms (default 3000); 0 = do not scan. */
  bleScanMs?: number;
  /** Injected listers (tests). */
  listSerial?: typeof listSerialPorts;
  listBle?: (timeoutMs: number) => ReturnType<typeof listBleDevices>;
}

/** The simulator entries: always available (the presets' names in the UI: shared/i18n/sessionTexts.ts, by spec). */
export const SIM_LISTING: readonly SimListing[] = Object.freeze([
  { spec: 'sim', label: 'Simulator (demo signal, not a real sensor): ear-clip PPG, 72 bpm, breathing with the pacer' },
  { spec: 'sim:hr=65,breathing=6,resonance=6', label: 'Simulator: relaxed client, resonance at 6 breaths/min' },
  { spec: 'sim:hr=80,motion=2,ectopic=2,compliance=0.6', label: 'Simulator: restless client (motion artefacts, ectopic beats)' },
]);

export async function listSensors(opts: ListSensorsOptions = {}): Promise<SensorListing> {
  const messages: string[] = [];
  const scanMs = opts.bleScanMs ?? 3000;
  const [serial, ble] = await Promise.all([
    (opts.listSerial ?? listSerialPorts)().catch((err: unknown) => ({ ports: [], error: `cannot list serial ports: ${String(err)}` })),
    scanMs > 0
      ? (opts.listBle ?? ((ms: number) => listBleDevices(ms)))(scanMs).catch((err: unknown) => ({ devices: [], error: String(err) }))
      : Promise.resolve({ devices: [] as BleDeviceEntry[], error: 'Bluetooth scan skipped' }),
  ]);
  if (serial.error) messages.push(serial.error);
  if (ble.error) messages.push(ble.error.startsWith('Bluetooth') || ble.error.includes('Bluetooth') ? ble.error : `Bluetooth: ${ble.error}`);
  return {
    // The protocol and baud are found by listening when the sensor is connected; the USB guess is a hint.
    serial: serial.ports.flatMap((p) => serialEntries(p)),
    ble: ble.devices.map((d) => ({ ...d, spec: `ble:${d.id}` })),
    sim: SIM_LISTING.map((s) => ({ ...s })),
    messages,
  };
}

/**
 * The entries of one port: `serial:<path>` (protocol found on connect), and on a board found to
 * carry several sensors (TwoPulseSensors) one entry per further sensor.
 */
function serialEntries(p: SerialPortEntry): SerialListing[] {
  const first: SerialListing = { ...p, spec: `serial:${p.path}` };
  const shared = sharedSensors().get(p.path);
  if (!shared) return [first];
  const out: SerialListing[] = [{ ...first, label: sensorLabel(shared.protocol, p.path, 0, shared.sensorCount) }];
  for (let k = 1; k < shared.sensorCount; k++) {
    out.push({ ...p, label: sensorLabel(shared.protocol, p.path, k, shared.sensorCount), spec: serialSpec({ path: p.path, protocol: shared.protocol, baudRate: shared.baudRate, sensorIndex: k }) });
  }
  return out;
}

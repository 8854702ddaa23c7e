/**
 * listBleDevices: scan for Bluetooth LE heart-rate sensors (advertising 0x180D, or all
 * devices with `all`) for `timeoutMs` and return id, name and RSSI. Never throws:
 * a missing noble, no adapter, Bluetooth off or no permission become `error`.
 */
import { BLE_UUID } from '../../shared/sensors/bleHeartRate.js';
import { NobleSession, loadNoble } from './nobleSession.js';
import type { NobleLike, NoblePeripheralLike } from './nobleTypes.js';

export interface BleDeviceEntry {
  id: string;
  name: string;
  rssi: number;
}

export async function listBleDevices(
  timeoutMs = 5000,
  opts: { noble?: NobleLike | (() => Promise<NobleLike>); stateTimeoutMs?: number; all?: boolean } = {},
): Promise<{ devices: BleDeviceEntry[]; error?: string }> {
  let session: NobleSession | undefined;
  const found = new Map<string, BleDeviceEntry>();
  const onDiscover = (p: NoblePeripheralLike) => {
    const prev = found.get(p.id);
    found.set(p.id, { id: p.id, name: p.advertisement.localName ?? prev?.name ?? '', rssi: p.rssi });
  };
  try {
    const noble = typeof opts.noble === 'function' ? await opts.noble() : (opts.noble ?? (await loadNoble()));
    session = new NobleSession(noble);
    await session.waitPoweredOn(opts.stateTimeoutMs ?? 3000);
    noble.on('discover', onDiscover);
    await noble.startScanningAsync(opts.all ? [] : [BLE_UUID.heartRateService], true);
    await new Promise((r) => setTimeout(r, timeoutMs));
    await noble.stopScanningAsync().catch(() => undefined);
    return { devices: [...found.values()].sort((a, b) => b.rssi - a.rssi) };
  } catch (err) {
    return { devices: [...found.values()], error: err instanceof Error ? err.message : String(err) };
  } finally {
    session?.noble.removeListener('discover', onDiscover);
    session?.detach();
  }
}

/**
 * From remembered sensor keys to the specs the group set-up assigns (issue 14). A client's sensor
 * is remembered by its USB serial number or BLE id when it has one (shared/sensors/sensorIdentity.ts),
 * so the clip is found again in another hub port: a key is resolved to the spec of the connected
 * channel carrying it, else of the listed sensor carrying it; a key that is itself a spec (a
 * simulator, a BLE device, a port without a serial number, a key stored before) is that spec; a USB
 * key whose device is neither connected nor listed is not offered (nothing to open).
 */
import { isUsbIdentity } from '../sensors/sensorIdentity.js';

export interface KeyedSensor {
  spec: string;
  /** Absent: the spec is the key. */
  sensorKey?: string;
}

/** The spec to assign for remembered `key`, or null when its device is not here now. */
export function specForKey(key: string, channels: readonly KeyedSensor[], listed: readonly KeyedSensor[]): string | null {
  const keyOf = (s: KeyedSensor): string => s.sensorKey ?? s.spec;
  const live = channels.find((c) => keyOf(c) === key);
  if (live) return live.spec;
  const found = listed.find((o) => keyOf(o) === key);
  if (found) return found.spec;
  return isUsbIdentity(key) ? null : key;
}

/** Each client's remembered sensor as a spec (clients whose sensor is not here now are left out). */
export function rememberedSpecs(byClient: ReadonlyMap<number, string>, channels: readonly KeyedSensor[], listed: readonly KeyedSensor[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const [clientId, key] of byClient) {
    const spec = specForKey(key, channels, listed);
    if (spec !== null) out.set(clientId, spec);
  }
  return out;
}

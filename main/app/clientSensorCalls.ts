/**
 * `ClientSensorCalls` — the remembered sensor per client (issue 14): `getClientSensors` for the
 * group set-up, and `rememberSensors`, called when a session (single or group) starts. A replay
 * file is no sensor of a client's and is not remembered; a failure to remember never stops a
 * recording (it is logged).
 */
import type { ClientSensorView } from '../../shared/ipc/apiTypes.js';
import type { Storage } from '../storage/storage.js';
import type { AppChannel } from './appPorts.js';

export class ClientSensorCalls {
  constructor(private readonly storage: Storage) {}

  getClientSensors(clientIds: number[]): ClientSensorView[] {
    return this.storage.clientSensors.latest(clientIds);
  }
}

/** Remember each client's sensor as used now: by its USB serial number or BLE id when it has one (`identity`), else its spec. */
export function rememberSensors(storage: Storage, pairs: readonly { clientId: number; channel: AppChannel | undefined }[], now: Date = new Date()): void {
  for (const p of pairs) {
    if (!p.channel || p.channel.info.kind === 'file') continue;
    try {
      storage.clientSensors.remember(p.clientId, p.channel.identity ?? p.channel.spec, now);
    } catch (e) {
      console.error(`cadans: sensor of client ${p.clientId} not remembered: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
